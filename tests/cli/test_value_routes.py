"""Every command-line route that decides a text redact leaves no unflagged occurrence of it in the case."""

from __future__ import annotations

import csv
import io

import pytest
from click.testing import CliRunner

from redactor.case import CaseStore
from redactor.cli import main
from tests.factories import unflagged_redacted, value_case


def cli(*args: object) -> str:
    result = CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture
def case(tmp_path):
    value_case(tmp_path / "case").close()
    return tmp_path / "case"


def edited(text: str, column: str, decide) -> str:  # noqa: ANN001 - row -> decision or ""
    rows = list(csv.DictReader(io.StringIO(text)))
    for row in rows:
        row["decision"] = decide(row)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def added(case) -> int:  # noqa: ANN001
    with CaseStore.open(case) as store:
        assert unflagged_redacted(store) == []
        return sum(f.recognizer == "same-value" for f in store.flags(status="redact"))


def test_decide_value(case):
    with CaseStore.open(case) as store:
        (value,) = [v.value_id for v in store.value_rows() if v.entity == "LOCATION"]
    cli("decide", case, "--value", value, "--redact", "--reviewer", "DC Test")
    assert added(case) == 4


def test_values_csv_import(case, tmp_path):
    sheet = tmp_path / "values.csv"
    sheet.write_text(edited(cli("values", case, "--format", "csv"), "decision", lambda row: "redact"))
    cli("decide", case, "--import", sheet, "--reviewer", "DC Test")
    assert added(case) == 4 + 2  # ZZ78 in four more places, the number in two more groupings


def test_flags_csv_import(case, tmp_path):
    sheet = tmp_path / "flags.csv"
    sheet.write_text(edited(cli("flags", case, "--format", "csv"), "decision", lambda row: "redact" if row["entity"] == "LOCATION" else ""))
    cli("decide", case, "--import", sheet, "--reviewer", "DC Test")
    assert added(case) == 4


def test_accept_all(case):
    cli("decide", case, "--accept-all", "--reviewer", "DC Test")  # a 'review' proposal accepted is redacted (fail closed)
    assert added(case) == 6


def test_the_default_pipeline_decides_structured_identifiers_and_leaves_names_to_a_reviewer(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "notes.txt").write_text("Ring Priya Raman on 07700 900461 tomorrow or email priya.r@example.org.")
    case = tmp_path / "case"
    cli("run", tmp_path / "in", "--case", case)
    rows = {r["entity"]: r for r in csv.DictReader(io.StringIO(cli("values", case, "--format", "csv")))}
    for entity in ("phone", "email"):  # decided by the policy, the rule named, open to review (the QC pass)
        assert (rows[entity]["status"], rows[entity]["decided_by"]) == ("redact", "policy")
        assert rows[entity]["reason"].startswith("decide.policy rule")
    assert (rows["person"]["status"], rows["person"]["decided_by"]) == ("pending", "")
    assert "1 values" in cli("values", case, "--status", "pending")
