"""The spreadsheet round trip: 'flags --format csv' out, 'decide --import' back in, all or nothing."""

from __future__ import annotations

import csv
import io

import pytest

from redactor.case import CaseStore
from redactor.records import KEEP, PENDING, REDACT


def _export(cli, case_dir, *extra):
    result = cli("flags", case_dir, "--format", "csv", *extra)
    assert result.exit_code == 0, result.output
    return list(csv.DictReader(io.StringIO(result.output)))


def _write(path, rows, fields=None):
    fields = fields or list(rows[0].keys())
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return path


def _state(case_dir):
    with CaseStore.open(case_dir) as s:
        return [(f.flag_id, f.status, f.code, f.version) for f in s.flags()], len(s.decisions()), s.audit.head()


def test_export_edit_import_round_trip(cli, case_dir, tmp_path):
    rows = _export(cli, case_dir, "--with-text")
    assert rows and {"flag_id", "decision", "reason", "code", "text"} <= set(rows[0])
    last_code = rows[-1]["code"]
    plan = {}
    for n, row in enumerate(rows):
        proposal = KEEP if row["proposed"] == KEEP else REDACT  # 'review' proposals redact when accepted (fail closed)
        if n % 3 == 0:
            row["decision"], plan[row["flag_id"]] = "accept", (proposal, row["code"])
        elif n % 3 == 1:
            opposite = REDACT if proposal == KEEP else KEEP
            row["decision"], row["reason"], plan[row["flag_id"]] = "reject", "false positive", (opposite, row["code"])
        else:
            row["decision"], row["code"], plan[row["flag_id"]] = "redact", "VW", (REDACT, "VW")
    rows[-1]["decision"], rows[-1]["code"] = "", last_code  # left undecided: stays pending with its code (whatever the row count)
    plan[rows[-1]["flag_id"]] = (PENDING, last_code)
    result = cli("decide", case_dir, "--import", _write(tmp_path / "queue.csv", rows), "--reviewer", "DC Sheet")
    assert result.exit_code == 0, result.output
    assert f"{len(rows) - 1} decisions imported" in result.output
    with CaseStore.open(case_dir) as s:
        got = {f.flag_id: (f.status, f.code) for f in s.flags()}
        assert got == plan
        assert {d.reviewer for d in s.decisions()} == {"DC Sheet"}
        assert any(e.event == "decisions.imported" for e in s.audit.events())
        s.verify_audit()
    again = _export(cli, case_dir)
    rejected = next(r for r in again if r["flag_id"] == rows[1]["flag_id"])
    assert rejected["reason"] == "false positive"  # the exported queue shows the reason given


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda rows: rows[1].update(decision="maybe"), "line 3: decision 'maybe'"),
        (lambda rows: rows[0].update(decision="accept", flag_id="ffffffffffffffff"), "line 2: no flag"),
        (lambda rows: rows[2].update(decision="redact", code="XX"), "line 4: unknown reason code"),
        (lambda rows: rows[0].update(decision="reject", reason=""), "line 2: keeping text"),
    ],
)
def test_a_bad_row_rejects_the_whole_file_and_changes_nothing(cli, case_dir, tmp_path, mutate, message):
    rows = sorted(_export(cli, case_dir), key=lambda r: r["proposed"] == "keep")  # proposed redactions first
    for row in rows:
        row["decision"] = "accept"  # good rows around the bad one
    mutate(rows)
    before = _state(case_dir)
    result = cli_fail(cli, case_dir, _write(tmp_path / "bad.csv", rows))
    assert message in result.output
    assert "nothing was changed" in result.output
    assert _state(case_dir) == before


def test_a_file_without_the_columns_is_rejected(cli, case_dir, tmp_path):
    path = tmp_path / "wrong.csv"
    path.write_text("id,verdict\n1,accept\n", encoding="utf-8")
    before = _state(case_dir)
    result = cli_fail(cli, case_dir, path)
    assert "flag_id and decision" in result.output and _state(case_dir) == before


def test_a_file_that_is_not_text_is_rejected(cli, case_dir, tmp_path):
    path = tmp_path / "binary.csv"
    path.write_bytes(b"\xff\xfe\x00\x81garbage\x00")
    before = _state(case_dir)
    result = cli_fail(cli, case_dir, path)
    assert "E080" in result.output and _state(case_dir) == before


def cli_fail(cli, case_dir, path):
    from click.testing import CliRunner

    from redactor.cli import main

    result = CliRunner().invoke(main, ["decide", str(case_dir), "--import", str(path), "--reviewer", "DC Sheet"])
    assert result.exit_code == 2, result.output
    return result


def test_a_file_exported_before_someone_else_decided_is_rejected(cli, case_dir, tmp_path):
    rows = sorted(_export(cli, case_dir), key=lambda r: r["proposed"] == "keep")
    assert all(r["version"] for r in rows)
    for row in rows:
        row["decision"] = "accept"
    with CaseStore.open(case_dir) as s:  # another reviewer decides one flag after the export
        s.decide(
            rows[3]["flag_id"],
            action="reject",
            status=KEEP,
            reviewer="DC Other",
            reason="in role",
            expected_version=int(rows[3]["version"]),
        )
    before = _state(case_dir)
    result = cli_fail(cli, case_dir, _write(tmp_path / "stale.csv", rows))
    assert "line 5: flag" in result.output and "changed since the export" in result.output
    assert _state(case_dir) == before


def test_a_file_without_versions_still_imports(cli, case_dir, tmp_path):
    rows = _export(cli, case_dir)
    for row in rows:
        row["decision"] = "accept"
    fields = [f for f in rows[0] if f != "version"]
    result = cli("decide", case_dir, "--import", _write(tmp_path / "old.csv", rows, fields), "--reviewer", "DC Sheet")
    assert result.exit_code == 0 and f"{len(rows)} decisions imported" in result.output


@pytest.mark.parametrize("reason", ['=HYPERLINK("http://x","y")', "+1 officer", "-", "@SUM(A1)", "plain reason"])
def test_formulas_stay_text_in_the_spreadsheet_and_round_trip(cli, case_dir, tmp_path, reason):
    from redactor.decisions.rows import spreadsheet_safe

    rows = sorted(_export(cli, case_dir), key=lambda r: r["proposed"] == "keep")
    rows[0]["decision"], rows[0]["reason"] = "reject", reason
    assert cli("decide", case_dir, "--import", _write(tmp_path / "q.csv", rows[:1]), "--reviewer", "DC Sheet").exit_code == 0
    again = next(r for r in _export(cli, case_dir) if r["flag_id"] == rows[0]["flag_id"])
    assert again["reason"] == spreadsheet_safe({"r": reason})["r"]
    assert again["reason"][0] not in "=+-@" and again["reason"].lstrip("'") == reason
    with CaseStore.open(case_dir) as s:
        assert s.decisions(rows[0]["flag_id"])[-1].reason == reason  # stored as given
    again["decision"] = "reject"  # importing the exported row again keeps the reason as given
    assert cli("decide", case_dir, "--import", _write(tmp_path / "r.csv", [again]), "--reviewer", "DC Sheet").exit_code == 0
    with CaseStore.open(case_dir) as s:
        assert s.decisions(rows[0]["flag_id"])[-1].reason == reason
