"""A detection worker killed mid-batch: the batch goes to a fresh worker and the run ends like an
uninterrupted one; workers that keep dying stop the run with one clear error (E100), and a re-run
resumes from the last stored batch with exactly the flags of an uninterrupted run.

The executor tests use a stand-in stage (no model) whose worker kills itself with SIGKILL on a
chosen text; the CLI tests kill real worker processes of ``redactor run --workers 2`` from outside.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

import pytest

from benchmarks.device_data import write_chat
from redactor.errors import WorkerError
from redactor.executors import ProcessExecutor
from tests.runner.test_kill_resume import fingerprint


@dataclass(frozen=True)
class LengthStage:
    """Spans are the texts' lengths; the worker dies on ``poison`` while ``marker`` exists (if one is given)."""

    poison: str
    marker: str = ""
    once: bool = False

    def spans(self, texts):
        if self.poison in texts and (not self.marker or Path(self.marker).exists()):
            if self.once:
                Path(self.marker).unlink()
            os.kill(os.getpid(), signal.SIGKILL)
        return [[[len(t)]] for t in texts]


@dataclass(frozen=True)
class LengthPlan:
    poison: str
    marker: str = ""
    once: bool = False

    def build(self):
        return LengthStage(self.poison, self.marker, self.once)


BATCHES = [[f"text {n}-{i}" for i in range(5)] for n in range(8)]


def answers(executor: ProcessExecutor, batches: list[list[str]]) -> list:
    """Every batch sent before any answer is read, as the runner does; the answers in order (the executor closed)."""
    try:
        pending = [executor.submit(b) for b in batches]
        return [p.result() for p in pending]
    finally:
        executor.close()


def test_a_worker_killed_once_its_batches_go_to_fresh_workers(tmp_path):
    marker = tmp_path / "kill-once"
    marker.touch()
    batches = [*BATCHES[:3], ["x", "poison", "yy"], *BATCHES[3:]]
    executor = ProcessExecutor(LengthPlan("poison", str(marker), once=True), workers=2)
    results = answers(executor, batches)
    assert results == [[[[len(t)]] for t in b] for b in batches]
    assert not marker.exists() and executor.replaced == 1 and executor.restarts_left == 1 and executor.pending == {}


def test_workers_that_keep_dying_stop_the_run_with_one_clear_error():
    executor = ProcessExecutor(LengthPlan("poison"), workers=2, restarts=2)
    try:
        pending = [executor.submit(b) for b in BATCHES[:2]] + [executor.submit(["poison"])]
        with pytest.raises(WorkerError) as caught:
            for p in pending:
                p.result()
    finally:
        executor.close()
    assert caught.value.code == "E100" and caught.value.exit_code == 7
    assert "\n" not in str(caught.value) and "run the same command again" in caught.value.hint
    assert executor.restarts_left == 0


class FlakySends(ProcessExecutor):
    """A pool whose ``send`` raises BrokenProcessPool at the chosen calls, as a fresh pool does when
    its workers are killed before its tasks are all sent."""

    def __init__(self, *args, breaks: set[int], **kwargs) -> None:
        self.calls, self.breaks = 0, breaks
        super().__init__(*args, **kwargs)

    def send(self, texts):
        self.calls += 1
        if self.calls in self.breaks:
            raise BrokenProcessPool("a worker stopped")
        return super().send(texts)


def test_a_fresh_pool_that_breaks_while_its_tasks_are_sent_is_replaced_again(tmp_path):
    marker = tmp_path / "kill-once"
    marker.touch()
    batches = [*BATCHES[:3], ["x", "poison", "yy"], *BATCHES[3:5]]
    # sends 1-6 are the first pool's; the first send after the worker died (call 7) breaks again
    executor = FlakySends(LengthPlan("poison", str(marker), once=True), workers=2, breaks={7})
    results = answers(executor, batches)
    assert results == [[[[len(t)]] for t in b] for b in batches]
    assert executor.replaced == 2 and executor.restarts_left == 0 and executor.pending == {}


def test_a_pool_that_breaks_at_every_send_stops_the_run_with_one_clear_error():
    executor = FlakySends(LengthPlan("poison"), workers=1, restarts=2, breaks={1, 2, 3, 4})
    try:
        with pytest.raises(WorkerError) as caught:
            executor.submit(BATCHES[0])  # never BrokenProcessPool, which the runner would take for a bad source
    finally:
        executor.close()
    assert caught.value.exit_code == 7 and executor.restarts_left == 0 and executor.replaced == 2


# --- the real CLI, real workers killed from outside -------------------------------------------------


def children(pid: int) -> list[int]:
    out = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                out.append(int(entry.name))
    return out


def workers_of(pid: int) -> list[int]:
    """Worker processes of a run: the forkserver's children (the run's grandchildren)."""
    return [g for c in children(pid) for g in children(c)]


def detected_items(case: Path) -> int:
    """The last item ordinal whose flags are stored, of the source being detected (0 before any batch)."""
    try:
        with sqlite3.connect(f"file:{case / 'case.db'}?mode=ro", uri=True, timeout=5) as conn:
            row = conn.execute("SELECT MAX(upto) FROM detect_progress").fetchone()
    except sqlite3.Error:
        return 0
    return row[0] or 0 if row else 0


def start(chat: Path, case: Path) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "redactor", "run", str(chat), "--case", str(case), "--workers", "2", "--batch-items", "12"]
    return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ, "OMP_THREAD_LIMIT": "1"})


def wait_for(condition, proc: subprocess.Popen, timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert proc.poll() is None, "the run ended before the moment to kill came"
        assert time.monotonic() < deadline
        time.sleep(0.05)


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    """An uninterrupted ``--workers 2`` run of the chat every test below kills workers of."""
    root = tmp_path_factory.mktemp("workers")
    chat = root / "chat.txt"
    write_chat(chat, 240, seed=7)
    proc = start(chat, root / "reference")
    assert proc.wait(timeout=900) == 0
    expected = fingerprint(root / "reference")
    assert expected["counts"][1] > 50
    return chat, expected


@pytest.mark.slow
def test_a_worker_killed_mid_batch_the_run_goes_on_and_ends_like_an_uninterrupted_one(tmp_path, reference):
    chat, expected = reference
    case = tmp_path / "case"
    proc = start(chat, case)
    wait_for(lambda: detected_items(case) > 0 and len(workers_of(proc.pid)) == 2, proc)
    os.kill(workers_of(proc.pid)[0], signal.SIGKILL)
    out, err = proc.communicate(timeout=900)
    assert proc.returncode == 0, err.decode()
    assert b"resumed:" not in out
    assert "unanswered batches go to fresh workers" in (case / "work" / "redactor.log").read_text()
    assert fingerprint(case) == expected


@pytest.mark.slow
def test_workers_that_keep_dying_stop_the_run_and_a_re_run_resumes_without_redoing_stored_batches(tmp_path, reference):
    chat, expected = reference
    case = tmp_path / "case"
    proc = start(chat, case)
    wait_for(lambda: detected_items(case) > 0, proc)
    while proc.poll() is None:  # every worker, as soon as it appears, until the run gives up
        for pid in workers_of(proc.pid):
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        time.sleep(0.05)
    _, err = proc.communicate()
    assert proc.returncode == 7
    lines = [line for line in err.decode().splitlines() if "E100" in line]
    assert len(lines) == 1 and "worker process stopped" in lines[0]
    stored = detected_items(case)
    assert stored > 0
    again = start(chat, case)
    out, err = again.communicate(timeout=900)
    assert again.returncode == 0, err.decode()
    assert f"resumed: flags of {stored} items kept from the interrupted run".encode() in out
    assert fingerprint(case) == expected
