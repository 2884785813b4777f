"""The values step's helper process (case/value_helper.py): it reads the policy spread's occurrences while the step
records the policy, and the case ends exactly as when the step reads them itself, whatever happens to the helper."""

from __future__ import annotations

import logging
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from redactor.case import CaseStore, value_helper, values
from tests.case.test_value_filing import _everything
from tests.case.test_values import SID, decidable, message

NUMBERS = 220  # more than value_index.BULK: the policy spreads them with one read of every segment's text


def _case(root: Path) -> CaseStore:
    """220 numbers, each flagged in one message (the policy redacts them all) and unflagged in another two; and chat."""
    s = CaseStore.create(root)
    s.add_source(SID, "chat.txt", "chat.txt", 1, "text/plain")
    numbers = [f"07700 9{n:05d}" for n in range(NUMBERS)]
    items = [message(n, f"ring {number} tonight") for n, number in enumerate(numbers)]
    items += [message(NUMBERS + n, f"was it {number} or {numbers[n - 1]}? ok") for n, number in enumerate(numbers)]
    items += [message(2 * NUMBERS + n, "ok see you later") for n in range(50)]
    s.save_items(SID, items, 0)
    s.save_flags(SID, [decidable(items[n], number) for n, number in enumerate(numbers)], replace=False)
    return s


def _in_process(root: Path, monkeypatch) -> dict[str, list]:
    monkeypatch.setattr(value_helper, "FLAGS", 10**9)
    s = _case(root)
    s.sync_values()
    everything = _everything(s)
    s.close()
    monkeypatch.setattr(value_helper, "FLAGS", 0)  # the step asks a helper from here on
    monkeypatch.setattr(value_helper.os, "sched_getaffinity", lambda pid: {0, 1})
    return everything


@pytest.mark.parametrize("keep_rows", [True, False])
def test_the_helper_reads_the_spread_and_the_case_ends_as_when_read_in_process(tmp_path, monkeypatch, caplog, keep_rows):
    if not keep_rows:
        monkeypatch.setattr(values, "_KEEP_ROWS", 0)  # a filing too large to keep its rows: the texts' first members
    expected = _in_process(tmp_path / "alone", monkeypatch)
    s = _case(tmp_path / "helped")
    with caplog.at_level(logging.INFO, logger=value_helper.__name__):
        s.sync_values()
    assert [r.getMessage() for r in caplog.records] == [f"values helper answers the spread of {NUMBERS} texts"]
    got = _everything(s)
    assert sum(1 for f in got["flags"] if f[8] == "same-value") == 2 * NUMBERS  # rowid first: recognizer is the 8th
    for table in expected:
        assert got[table] == expected[table], table
    assert s.verify_audit() == len(got["audit"])


_PART = """
import os, pickle, sys
from redactor.case import value_helper
real = pickle.dump
def dump(obj, out, *args, **kwargs):
    real(obj, out, *args, **kwargs)
    out.flush()
    os._exit(9)  # killed after its first answer
value_helper.pickle = type("P", (), {"dump": staticmethod(dump), "load": staticmethod(pickle.load), "HIGHEST_PROTOCOL": 5})
sys.exit(value_helper.main(sys.argv[1:]))
"""


@pytest.mark.parametrize(
    "how",
    [
        ["-c", "import sys; sys.exit(3)", "{db}"],  # dies at once
        ["-c", _PART, "{db}"],  # answers in part, then dies
        ["-m", "redactor.case.value_helper", "/nowhere/case.db"],  # fails: the case cannot be opened
    ],
    ids=["dead", "half", "failed"],
)
def test_a_helper_that_dies_or_fails_leaves_the_spread_to_the_step_and_one_line_in_the_log(tmp_path, monkeypatch, caplog, how):
    expected = _in_process(tmp_path / "alone", monkeypatch)
    command = [sys.executable, *how, str(os.getpid())]
    monkeypatch.setattr(value_helper, "command", lambda db_path: [str(db_path) if a == "{db}" else a for a in command])
    s = _case(tmp_path / "helped")
    with caplog.at_level(logging.INFO, logger=value_helper.__name__):
        s.sync_values()
    warnings = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(warnings) == 1 and "the step reads the spread in this process" in warnings[0].getMessage()
    assert "07700" not in caplog.text  # ids and counts, never values
    got = _everything(s)
    for table in expected:
        assert got[table] == expected[table], table


_KILLED = """
import os, signal, sys
from pathlib import Path
from redactor.case import CaseStore, value_helper
value_helper.FLAGS = 0
value_helper.os.sched_getaffinity = lambda pid: {0, 1}
real = getattr(value_helper.SpreadHelper, sys.argv[3])
def then_killed(self, *args):
    real(self, *args)
    Path(sys.argv[2]).write_text(str(self._process.pid))
    os.kill(os.getpid(), signal.SIGKILL)
setattr(value_helper.SpreadHelper, sys.argv[3], then_killed)
CaseStore.open(Path(sys.argv[1])).sync_values()
"""


def _gone(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return True
    return "\nState:\tZ" in state  # exited, not yet reaped by whoever adopted it


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the helper runs on Linux only")
@pytest.mark.parametrize("when", ["__init__", "ask"])
def test_a_step_killed_leaves_no_helper_running_and_a_rerun_ends_as_one_never_killed(tmp_path, monkeypatch, when):
    """Killed as the helper starts (it waits for its question) and just after it was asked (it reads)."""
    expected = _in_process(tmp_path / "alone", monkeypatch)
    _case(tmp_path / "killed").close()
    pid_file = tmp_path / "helper.pid"
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    run = subprocess.run([sys.executable, "-c", _KILLED, str(tmp_path / "killed"), str(pid_file), when], env=env, timeout=120)
    assert run.returncode == -signal.SIGKILL
    pid = int(pid_file.read_text())
    deadline = time.monotonic() + 10
    while not _gone(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _gone(pid)
    s = CaseStore.open(tmp_path / "killed")
    s.sync_values()
    got = _everything(s)
    for table in expected:
        assert got[table] == expected[table], table
    assert s.verify_audit() == len(got["audit"])


def test_the_helper_starts_inside_the_steps_write_lock(tmp_path, monkeypatch):
    """Nothing but the step's own transaction is committed between the helper's snapshot and the spread it answers: what
    it reads (segments, flags' spans) is what the step builds on, which filing and recording do not change."""
    _in_process(tmp_path / "alone", monkeypatch)
    real, locked = value_helper.SpreadHelper.start, []

    def start(db_path: Path) -> value_helper.SpreadHelper | None:
        other = sqlite3.connect(db_path, timeout=0, isolation_level=None)
        try:
            other.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            locked.append("locked" in str(exc))
        other.close()
        return real(db_path)

    monkeypatch.setattr(value_helper.SpreadHelper, "start", staticmethod(start))
    s = _case(tmp_path / "helped")
    s.sync_values()
    assert locked == [True]


def test_very_many_texts_are_read_in_the_step(tmp_path, monkeypatch, caplog):
    """A helper is not asked for more than ``TEXTS`` texts (it would hold them beside the step's own peak)."""
    expected = _in_process(tmp_path / "alone", monkeypatch)
    monkeypatch.setattr(value_helper, "TEXTS", NUMBERS - 1)
    s = _case(tmp_path / "many")
    with caplog.at_level(logging.INFO, logger=value_helper.__name__):
        s.sync_values()
    assert caplog.records == []
    got = _everything(s)
    for table in expected:
        assert got[table] == expected[table], table


def test_one_core_or_a_small_case_stays_in_one_process(tmp_path, monkeypatch):
    monkeypatch.setattr(value_helper.os, "sched_getaffinity", lambda pid: {0})
    assert not value_helper.wanted(10**7)
    monkeypatch.setattr(value_helper.os, "sched_getaffinity", lambda pid: {0, 1})
    assert value_helper.wanted(value_helper.FLAGS) and not value_helper.wanted(value_helper.FLAGS - 1)

    def refused(db_path: Path) -> None:
        raise AssertionError("a helper for a small case")

    monkeypatch.setattr(value_helper.SpreadHelper, "start", staticmethod(refused))
    s = _case(tmp_path / "small")  # 220 new flags
    s.sync_values()
    assert s.conn.execute("SELECT COUNT(*) FROM flags WHERE recognizer = 'same-value'").fetchone()[0] == 2 * NUMBERS
