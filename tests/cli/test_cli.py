"""The CLI contract: help everywhere, clear one-line errors, quarantine and exit codes."""

from __future__ import annotations

import json

import click
import pytest

from redactor.cli import main
from tests.factories import STATEMENT_LINES, encrypted_pdf, review_every_value_pipeline, text_pdf


def all_commands(group: click.Group, prefix=()):
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            yield from all_commands(command, (*prefix, name))
        else:
            yield (*prefix, name), command


@pytest.mark.parametrize("path, command", list(all_commands(main)), ids=lambda v: " ".join(v) if isinstance(v, tuple) else "")
def test_every_command_has_help_with_an_example(path, command):
    assert command.help and "Example:" in command.help, f"redactor {' '.join(path)} needs help with an Example: block"


@pytest.fixture
def inputs(tmp_path):
    folder = tmp_path / "inputs"
    folder.mkdir()
    text_pdf(folder / "good.pdf", STATEMENT_LINES)
    encrypted_pdf(folder / "locked.pdf", folder / "good.pdf")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.7\n1 0 obj <<>> endobj\ngarbage without xref")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "notes.txt").write_text("Ring Priya Raman on 07700 900461 tomorrow or email priya.r@example.org.")
    return folder


def test_bad_inputs_are_quarantined_and_the_batch_goes_on(cli, inputs, tmp_path):
    case = tmp_path / "case"
    missing = tmp_path / "nowhere.pdf"
    result = cli("run", inputs, missing, "--case", case)
    assert result.exit_code == 3
    assert "Traceback" not in result.output
    status = json.loads(cli("status", case, "--json").output)
    reasons = {q["code"]: q["reason"] for q in status["quarantined"]}
    assert reasons.keys() >= {"E030", "E032", "E033", "E034"}
    assert "locked.pdf" in reasons["E032"] and "encrypted" in reasons["E032"]
    assert "broken.pdf" in reasons["E033"] and "empty.txt" in reasons["E034"] and "nowhere.pdf" in reasons["E030"]
    assert status["items"] == 2 and status["flags"] > 0  # good.pdf and notes.txt were processed
    for line in result.output.splitlines():
        if line.startswith("quarantined:"):
            assert len(line) < 300


def test_missing_case_is_a_clear_error(cli, tmp_path):
    result = cli("status", tmp_path / "nope")
    assert result.exit_code == 2 and result.output.startswith("error: [E020]") and "Traceback" not in result.output


def test_bundle_refuses_pending_flags_then_writes(cli, inputs, tmp_path):
    case, out = tmp_path / "case", tmp_path / "out"
    cli("run", inputs / "notes.txt", "--case", case)
    refused = cli("bundle", case, "--out", out)
    assert refused.exit_code == 4 and "pending" in refused.output and not out.exists()
    assert cli("bundle", case, "--out", out, "--pending", "redact").exit_code == 0
    assert cli("verify", out).exit_code == 0
    again = cli("bundle", case, "--out", out, "--pending", "redact")
    assert again.exit_code == 2 and "not empty" in again.output


def test_decide_needs_exactly_one_mode(cli, inputs, tmp_path):
    case = tmp_path / "case"
    cli("run", inputs / "notes.txt", "--case", case)
    result = cli("decide", case, "--reviewer", "A")
    assert result.exit_code == 2 and "exactly one" in result.output


def test_csv_import_is_all_or_nothing(cli, inputs, tmp_path):
    case = tmp_path / "case"
    cli("run", inputs / "notes.txt", "--case", case, "--pipeline", review_every_value_pipeline(tmp_path))  # every flag pending
    flag_ids = [line.split(",")[0] for line in cli("flags", case, "--format", "csv").output.splitlines()[1:]]
    assert len(flag_ids) >= 2
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "flag_id,decision,code,reason\n"
        f"{flag_ids[0]},accept,,\n"
        "nosuchflag,accept,,\n"
        f"{flag_ids[1]},maybe,,\n"
        f"{flag_ids[1]},reject,,\n"  # keeping proposed-redact text needs a reason
        f"{flag_ids[1]},accept,ZZ,\n"
    )
    result = cli("decide", case, "--import", bad, "--reviewer", "A")
    assert result.exit_code == 2
    for line in ("line 3", "line 4", "line 5", "line 6"):
        assert line in result.output
    assert "line 2" not in result.output
    assert json.loads(cli("status", case, "--json").output)["decisions"] == 0
    good = tmp_path / "good.csv"
    good.write_text(f"flag_id,decision,reason\n{flag_ids[0]},reject,not personal data in context\n{flag_ids[1]},\n")
    ok = cli("decide", case, "--import", good, "--reviewer", "A")
    assert ok.exit_code == 0 and "1 decisions imported" in ok.output
    status = json.loads(cli("status", case, "--json").output)
    assert status["flags_by_status"]["keep"] == 1 and status["decisions"] == 1


def test_detect_keeps_order_and_offsets(cli):
    lines = [
        {"id": "a", "text": "Nothing here."},
        {"id": 2, "text": "Text me on 07700 900123 or email jo.bloggs@example.com"},
        {"id": "c", "text": ""},
    ]
    result = cli("detect", "-", input="\n".join(json.dumps(x) for x in lines) + "\n")
    out = [json.loads(line) for line in result.output.splitlines()]
    assert [o["id"] for o in out] == ["a", 2, "c"]
    text = lines[1]["text"]
    found = {text[s["start"] : s["end"]]: s["entity"] for s in out[1]["spans"]}
    assert found.get("07700 900123") == "PHONE_NUMBER" and found.get("jo.bloggs@example.com") == "EMAIL_ADDRESS"
    assert out[0]["spans"] == [] and out[2]["spans"] == []


def test_detect_rejects_bad_json_with_line_number(cli):
    result = cli("detect", "-", input='{"id": 1, "text": "ok"}\n{not json}\n')
    assert result.exit_code == 2 and "line 2" in result.output


def test_case_folder_is_never_ingested_and_foreign_folders_are_refused(cli, inputs, tmp_path):
    case = inputs / "case"
    assert cli("run", inputs / "notes.txt", "--case", case).exit_code == 0
    again = cli("run", inputs, "--case", case)  # the case sits inside the input folder
    status = json.loads(cli("status", case, "--json").output)
    assert not any("case.db" in q["path"] or "audit.jsonl" in q["path"] for q in status["quarantined"])
    assert again.exit_code == 3 and status["sources_by_status"] == {"done": 2, "quarantined": 2}
    refused = cli("run", inputs / "notes.txt", "--case", inputs)
    assert refused.exit_code == 2 and "not empty" in refused.output


def test_csv_import_racing_another_reviewer_changes_nothing(cli, inputs, tmp_path, monkeypatch):
    from redactor.case import CaseStore
    from redactor.decisions import imports
    from redactor.errors import ConflictError

    case = tmp_path / "case"
    cli("run", inputs / "notes.txt", "--case", case, "--pipeline", review_every_value_pipeline(tmp_path))  # every flag pending
    flag_ids = [line.split(",")[0] for line in cli("flags", case, "--format", "csv").output.splitlines()[1:]]
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("flag_id,decision,reason\n" + "".join(f"{f},accept,\n" for f in flag_ids))
    with CaseStore.open(case) as store:
        rows = imports.read_decisions(store, sheet)  # validated ...
        with CaseStore.open(case) as other:  # ... then another reviewer decides the last flag
            other.decide(flag_ids[-1], action="reject", status="keep", reviewer="B", reason="other reviewer")
        monkeypatch.setattr(imports, "read_decisions", lambda *args: rows)
        with pytest.raises(ConflictError):
            imports.import_decisions(store, sheet, "A")
    status = json.loads(cli("status", case, "--json").output)
    assert status["decisions"] == 1 and status["flags_by_status"]["redact"] == 0
    assert "decisions.import_rolled_back" in (case / "audit.jsonl").read_text()
    assert cli("audit", "verify", case).exit_code == 0
