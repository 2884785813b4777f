"""A part of a source its reader refused (a mailbox's message: ``records.Refused``) is quarantined alone, as a refused
attachment is (path ``"{source.ref}:{locator}"``, no source of its own), with an audit event, in the transaction that
stores the source's state; the source's good messages are stored (and flagged). The same whether the source is parsed
in a child process or here, and a run killed after the refusal was read ends, once run again, with the case of an
uninterrupted run. Before, one bad message quarantined the whole mailbox and every good message in it was lost."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from redactor import extraction
from tests.extract.device.test_email_hostile import SEPARATOR, _nested
from tests.runner.test_extract_child import _case_rows, _extract, forks, linux_only  # noqa: F401 - forks is a fixture
from tests.runner.test_kill_resume import fingerprint

SECRET = "Quillon Marchbanks"


def _mailbox(path: Path, count: int, bad: dict[int, bytes]) -> Path:
    """An mbox of ``count`` messages; message ``n`` (1-based) is ``bad[n]`` when given."""
    with open(path, "wb") as out:
        for n in range(1, count + 1):
            out.write(SEPARATOR)
            if n in bad:
                out.write(bad[n])
                continue
            out.write(
                f"From: Jo Sample <jo{n % 7}@example.com>\nTo: Al Sample <al@example.org>\nSubject: note {n}\n"
                f"Message-ID: <m{n}@example.com>\n\nhello Al, ring me on 07700 900{n % 1000:03d} or at jo{n % 7}@example.com\n\n".encode()
            )
    return path


BAD = {12: f"{SECRET} has no headers\n\n".encode(), 75: _nested(5_000).replace(b"inner", SECRET.encode()) + b"\n"}


def _quarantine(case: Path) -> list[tuple]:
    with sqlite3.connect(case / "case.db") as conn:
        return conn.execute("SELECT source_id, path, stage, code, reason FROM quarantine ORDER BY id").fetchall()


@linux_only
def test_a_refused_message_is_quarantined_alone_and_the_rest_of_the_mailbox_stored(tmp_path, monkeypatch, forks):  # noqa: F811
    mbox = _mailbox(tmp_path / "mail.mbox", 160, BAD)
    quarantined = _extract([mbox], tmp_path / "child")
    assert len(forks) == 1  # parsed in a child, in batches of 50: the refusals travel through its pipe
    monkeypatch.setattr(extraction, "CHILD_BYTES", 1 << 60)
    assert [(q.path, q.code) for q in _extract([mbox], tmp_path / "here")] == [(q.path, q.code) for q in quarantined]
    child, here = _case_rows(tmp_path / "child"), _case_rows(tmp_path / "here")
    assert child == here and _quarantine(tmp_path / "child") == _quarantine(tmp_path / "here")

    # before: [(sha256, path of the mbox, 'extract', 'E033', ...)], the source quarantined, no item stored
    rows = _quarantine(tmp_path / "child")
    assert [r[:4] for r in rows] == [
        (None, "S0001:message[12] line 89", "extract", "E033"),
        (None, "S0001:message[75] line 588", "extract", "E035"),
    ]
    assert all(r[4].startswith(f"[{r[3]}] {mbox}: message") and SECRET not in r[4] for r in rows)
    assert [q.reason for q in quarantined] == [r[4] for r in rows]
    assert [s[5] for s in child["sources"]] == ["extracted"] and len(child["items"]) == 158
    events = [(stage, event, payload) for stage, event, payload in child["audit"] if event in ("source.extracted", "input.quarantined")]
    source_id = child["sources"][0][0]
    assert events == [
        ("extract", "source.extracted", {"source": "S0001", "sha256": source_id, "items": 158, "derived": 0, "people": 2, "refused": 2}),
        (
            "extract",
            "input.quarantined",
            {"source": None, "sha256": None, "code": "E033", "within": "S0001", "part": "message[12] line 89"},
        ),
        (
            "extract",
            "input.quarantined",
            {"source": None, "sha256": None, "code": "E035", "within": "S0001", "part": "message[75] line 588"},
        ),
    ]
    assert SECRET not in (tmp_path / "child" / "audit.jsonl").read_text(encoding="utf-8")


def test_a_file_with_too_many_refused_parts_is_refused_whole(tmp_path, monkeypatch):
    monkeypatch.setattr(extraction, "MAX_REFUSED", 3)
    mbox = _mailbox(tmp_path / "mail.mbox", 8, {n: b"no headers here\n\n" for n in (2, 3, 5, 6)})
    quarantined = _extract([mbox], tmp_path / "case")
    assert [(q.path, q.code, q.source_id is not None) for q in quarantined] == [(str(mbox), "E033", True)]
    assert "more than 3 of its parts could not be read (the first, message[2] line 9: E033)" in quarantined[0].reason
    rows = _case_rows(tmp_path / "case")
    assert not rows["items"] and [s[5] for s in rows["sources"]] == ["quarantined"]


KILLED = """
import os, runpy, signal
import redactor.extraction as e
e.CHILD_BYTES, e.SAVE_ITEMS = 0, 20
if os.environ.get("KILL_AT"):
    save, calls = e._save, []
    def _save(*args):
        calls.append(1)
        if len(calls) == int(os.environ["KILL_AT"]):
            os.kill(os.getpid(), signal.SIGKILL)  # the runner, after it received the refusal and before it stored the source
        return save(*args)
    e._save = _save
runpy.run_module("redactor", run_name="__main__")
"""


def _run(mbox: Path, case: Path, kill_at: int | None = None) -> int:
    cmd = [sys.executable, "-c", KILLED, "run", str(mbox), "--case", str(case), "--workers", "1", "--batch-items", "40"]
    env = {**os.environ, "OMP_THREAD_LIMIT": "1", "KILL_AT": str(kill_at or "")}
    return subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, timeout=600, check=False).returncode


@linux_only
@pytest.mark.slow
def test_a_run_killed_after_a_refusal_ends_like_an_uninterrupted_run(tmp_path):
    mbox = _mailbox(tmp_path / "mail.mbox", 90, {5: BAD[12], 47: BAD[75]})
    assert _run(mbox, tmp_path / "reference") == 3  # something was quarantined
    expected = fingerprint(tmp_path / "reference"), _quarantine(tmp_path / "reference")
    assert expected[0]["counts"][0] == 88 and expected[0]["counts"][1] > 88 and len(expected[1]) == 2
    assert _run(mbox, tmp_path / "killed", kill_at=3) == -signal.SIGKILL
    assert not _quarantine(tmp_path / "killed")  # the refusal is stored with the source, which was not
    with sqlite3.connect(tmp_path / "killed" / "case.db") as conn:
        assert conn.execute("SELECT COUNT(*) FROM items").fetchone()[0] == 40  # two batches stored
    assert _run(mbox, tmp_path / "killed") == 3
    assert (fingerprint(tmp_path / "killed"), _quarantine(tmp_path / "killed")) == expected
    events = [json.loads(line) for line in (tmp_path / "killed" / "audit.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [e["payload"]["part"] for e in events if e["event"] == "input.quarantined"] == ["message[5] line 33", "message[47] line 364"]
