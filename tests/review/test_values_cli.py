"""'redactor values' and 'redactor decide --value': one decision per value, the values CSV round trip,
inconsistencies in 'status' and a bundle that refuses them."""

from __future__ import annotations

import csv
import io
import json

import pytest

from redactor.case import CaseStore


def _values(cli, case_dir, *extra):
    result = cli("values", case_dir, "--format", "csv", *extra)
    assert result.exit_code == 0, result.output
    return list(csv.DictReader(io.StringIO(result.output)))


def _write(path, rows):
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0].keys()))
        writer.writeheader()
        writer.writerows(rows)
    return path


def test_values_help_has_an_example(cli):
    for command in ("values", "decide"):
        result = cli(command, "--help")
        assert result.exit_code == 0 and "Example:" in result.output


def test_values_lists_each_value_once_with_its_counts(cli, case_dir):
    rows = _values(cli, case_dir)
    assert {"value_id", "entity", "display", "occurrences", "items", "party", "proposal", "status", "version", "decision", "reason"} <= set(
        rows[0]
    )
    jane = [r for r in rows if r["display"] == "Jane Doe"]
    assert len(jane) == 1 and int(jane[0]["occurrences"]) >= 3 and jane[0]["entity"] == "person"
    with CaseStore.open(case_dir) as s:
        clustered = sum(v.occurrences for v in s.value_rows())
        assert clustered == len([f for f in s.flags() if f.entity not in ("OUT_OF_SCOPE", "OCR_REVIEW", "MANUAL")])
    table = cli("values", case_dir)
    assert table.exit_code == 0 and "Jane Doe" in table.output and f"{len(rows)} values" in table.output
    pending = cli("values", case_dir, "--status", "pending", "--format", "jsonl")
    assert all(json.loads(line)["status"] == "pending" for line in pending.output.splitlines())


def test_decide_a_value_redacts_every_occurrence_and_logs_no_value(cli, case_dir):
    jane = next(r for r in _values(cli, case_dir) if r["display"] == "Jane Doe")
    result = cli("decide", case_dir, "--value", jane["value_id"], "--redact", "--code", "VW", "--reviewer", "DC Value")
    assert result.exit_code == 0, result.output
    with CaseStore.open(case_dir) as s:
        flags = [s.flag(f) for f in s.value_flag_ids(jane["value_id"])]
        assert flags and all(f.status == "redact" and f.code == "VW" for f in flags)
        s.verify_audit()
    assert "Jane" not in (case_dir / "audit.jsonl").read_text() and "Jane" not in (case_dir / "work" / "redactor.log").read_text()
    refused = cli("decide", case_dir, "--value", jane["value_id"], "--keep", "--reviewer", "DC Value")
    assert refused.exit_code == 2 and "needs a reason" in refused.output
    both = cli("decide", case_dir, "--value", jane["value_id"], "--redact", "--keep", "--reviewer", "DC Value")
    assert both.exit_code == 2


def test_values_csv_round_trip_is_versioned_and_all_or_nothing(cli, case_dir, tmp_path):
    rows = _values(cli, case_dir)
    for row in rows:
        row["decision"] = "redact"
    rows[0]["decision"], rows[0]["reason"] = "keep", "named in the charge"
    bad = [dict(r) for r in rows]
    bad[1]["decision"] = "maybe"
    refused = cli("decide", case_dir, "--import", _write(tmp_path / "bad.csv", bad), "--reviewer", "DC Sheet")
    assert refused.exit_code == 2 and "line 3" in refused.output
    with CaseStore.open(case_dir) as s:
        assert all(v.decision is None for v in s.value_rows())  # nothing applied
    done = cli("decide", case_dir, "--import", _write(tmp_path / "good.csv", rows), "--reviewer", "DC Sheet")
    assert done.exit_code == 0 and f"{len(rows)} value decisions imported" in done.output
    with CaseStore.open(case_dir) as s:
        assert {v.value_id: v.status for v in s.value_rows()}[rows[0]["value_id"]] == "keep"
        assert sum(v.status == "redact" for v in s.value_rows()) == len(rows) - 1
    stale = cli("decide", case_dir, "--import", tmp_path / "good.csv", "--reviewer", "DC Sheet")
    assert stale.exit_code == 2 and "changed since the export" in stale.output


def test_status_lists_inconsistent_values_and_the_bundle_refuses_them(cli, case_dir, tmp_path):
    jane = next(r for r in _values(cli, case_dir) if r["display"] == "Jane Doe")
    cli("decide", case_dir, "--value", jane["value_id"], "--redact", "--reviewer", "DC Value")
    with CaseStore.open(case_dir) as s:
        one = s.value_flag_ids(jane["value_id"])[0]
        s.decide(one, action="set", status="keep", reviewer="DC Other")  # kept once, no reason
    status = cli("status", case_dir, "--json")
    inconsistent = json.loads(status.output)["inconsistent_values"]
    assert [i["value_id"] for i in inconsistent] == [jane["value_id"]] and inconsistent[0]["unexplained"] == 1
    assert "inconsistent: value " + jane["value_id"] in cli("status", case_dir).output
    refused = cli("bundle", case_dir, "--out", tmp_path / "b1", "--pending", "redact")
    assert refused.exit_code == 4 and "E061" in refused.output and not (tmp_path / "b1").exists()
    excepted = cli("decide", case_dir, "--flag", one, "--keep", "--reason", "quoted in the charge", "--reviewer", "DC Value")
    assert excepted.exit_code == 0, excepted.output
    assert json.loads(cli("status", case_dir, "--json").output)["inconsistent_values"][0]["unexplained"] == 0


@pytest.mark.parametrize("args", [["--value", "V99999", "--redact"], ["--flag", "nope", "--keep", "--reason", "x"]])
def test_unknown_values_and_flags_are_named(cli, case_dir, args):
    result = cli("decide", case_dir, *args, "--reviewer", "DC Value")
    assert result.exit_code == 2 and "error: [E001]" in result.output
