"""A part a device reader refused (a UFDR's attached file that cannot be copied out, a WhatsApp message with a damaged
line) is quarantined alone by the runner, as a mailbox's message is (tests/runner/test_refused_parts.py): the rest of
the download is stored and flagged, and a run killed after the refusal was read ends, once run again, with the case of
an uninterrupted run. Before, the whole download was quarantined."""

from __future__ import annotations

import json
import signal
import sqlite3

import pytest

from benchmarks.device_data import write_telegram
from tests.extract.device.test_ufdr_refused import SECRET, _ufdr
from tests.runner.test_extract_child import linux_only
from tests.runner.test_kill_resume import fingerprint
from tests.runner.test_refused_parts import _quarantine, _run

LOCATOR = "/project/decodedData/modelType[@type='Chat']/model[@id='c000001']/multiModelField[@name='Messages']/model[@id='m{:08d}']"


@linux_only
@pytest.mark.slow
def test_a_run_killed_after_a_refused_attachment_ends_like_an_uninterrupted_run(tmp_path):
    phone = _ufdr(tmp_path / "phone.ufdr", {3: "crc", 8: "no header"})
    assert _run(phone, tmp_path / "reference") == 3  # something was quarantined
    expected = fingerprint(tmp_path / "reference"), _quarantine(tmp_path / "reference")
    # before: [(sha256, path of the UFDR, 'extract', 'E033', ...)], the source quarantined, no item stored
    assert [r[:4] for r in expected[1]] == [(None, f"S0001:{LOCATOR.format(i)}/attachment[0]", "extract", "E033") for i in (3, 8)]
    assert all(SECRET not in r[4] and "note" not in r[4] for r in expected[1])
    with sqlite3.connect(tmp_path / "reference" / "case.db") as conn:
        assert conn.execute("SELECT COUNT(*) FROM items WHERE kind = 'message'").fetchone()[0] == 12
        assert conn.execute("SELECT COUNT(*) FROM sources").fetchone()[0] == 11  # the UFDR and its 10 good attached files
    assert _run(phone, tmp_path / "killed", kill_at=1) == -signal.SIGKILL
    assert not _quarantine(tmp_path / "killed")  # the refusals are stored with the source, which was not
    assert _run(phone, tmp_path / "killed") == 3
    assert (fingerprint(tmp_path / "killed"), _quarantine(tmp_path / "killed")) == expected
    events = [json.loads(line) for line in (tmp_path / "killed" / "audit.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [e["payload"]["part"] for e in events if e["event"] == "input.quarantined"] == [
        f"{LOCATOR.format(i)}/attachment[0]" for i in (3, 8)
    ]
    assert SECRET not in (tmp_path / "killed" / "audit.jsonl").read_text(encoding="utf-8")


@linux_only
@pytest.mark.slow
def test_a_run_killed_after_a_refused_whatsapp_message_ends_like_an_uninterrupted_run(tmp_path):
    lines = [f"01/03/2024, 09:{i % 60:02d} - Alex Witness: ring me on 07700 900{i:03d} #{i}\n".encode() for i in range(90)]
    lines[5] = lines[5].replace(b"ring", SECRET.encode() + b" r\xe9ng")
    lines[47] = lines[47] + SECRET.encode() + b" caf\xe9\n"
    chat = tmp_path / "WhatsApp Chat with Alex Witness.txt"
    chat.write_bytes(b"".join(lines))
    assert _run(chat, tmp_path / "reference") == 3
    expected = fingerprint(tmp_path / "reference"), _quarantine(tmp_path / "reference")
    # before: the export quarantined whole (E033, line 6 is not valid UTF-8), no item stored
    assert [r[:4] for r in expected[1]] == [(None, "S0001:line 6", "extract", "E033"), (None, "S0001:line 48", "extract", "E033")]
    assert all(SECRET not in r[4] for r in expected[1]) and expected[0]["counts"][0] == 89  # 88 messages and the thread
    assert _run(chat, tmp_path / "killed", kill_at=3) == -signal.SIGKILL
    assert not _quarantine(tmp_path / "killed")
    assert _run(chat, tmp_path / "killed") == 3
    assert (fingerprint(tmp_path / "killed"), _quarantine(tmp_path / "killed")) == expected
    assert SECRET not in (tmp_path / "killed" / "audit.jsonl").read_text(encoding="utf-8")


@linux_only
@pytest.mark.slow
def test_a_run_killed_after_a_refused_telegram_message_ends_like_an_uninterrupted_run(tmp_path):
    from tests.extract.device.test_json_refused import DAMAGE, _damaged

    export = write_telegram(tmp_path / "result.json", 90, per_chat=40)
    _damaged(export, {5: DAMAGE["nested too deeply"], 47: DAMAGE["not an object"]})
    assert _run(export, tmp_path / "reference") == 3
    expected = fingerprint(tmp_path / "reference"), _quarantine(tmp_path / "reference")
    # before: the export quarantined whole (E033, JSON nested deeper than 64 levels), no item stored
    parts = ["chats.list[0].messages[5]", "chats.list[1].messages[7]"]
    assert [r[:4] for r in expected[1]] == [(None, f"S0001:{part}", "extract", "E033") for part in parts]
    assert all(SECRET not in r[4] for r in expected[1]) and expected[0]["counts"][0] == 91  # 88 messages and 3 threads
    assert _run(export, tmp_path / "killed", kill_at=3) == -signal.SIGKILL
    assert not _quarantine(tmp_path / "killed")
    assert _run(export, tmp_path / "killed") == 3
    assert (fingerprint(tmp_path / "killed"), _quarantine(tmp_path / "killed")) == expected
    events = [json.loads(line) for line in (tmp_path / "killed" / "audit.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [e["payload"]["part"] for e in events if e["event"] == "input.quarantined"] == parts
