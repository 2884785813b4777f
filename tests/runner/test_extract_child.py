"""A large source is parsed in a forked child while the runner writes (``redactor/extraction.py``): the case is
the same as when parsing in the runner's process, a failure quarantines the same way, and no child outlives
its run, whether it fails, is killed, is interrupted, or its parent is killed with SIGKILL."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
import zipfile
from collections import deque
from pathlib import Path

import pytest

from benchmarks.device_data import write_chat, write_ufdr
from redactor import extraction, runner
from redactor.case import CaseStore
from redactor.errors import StageError
from redactor.extract.device import common
from redactor.pipeline import load_pipeline
from redactor.records import Source
from tests.runner.test_kill_resume import fingerprint


def _case_rows(case: Path) -> dict[str, list]:
    with sqlite3.connect(case / "case.db") as conn:
        tables = {
            "items": "SELECT * FROM items ORDER BY rowid",
            "segments": "SELECT rowid, * FROM segments ORDER BY rowid",
            "people": "SELECT * FROM people ORDER BY person_id",
            "sources": "SELECT source_id, ref, name, size, media_type, status, parent_id, locator FROM sources ORDER BY ref",
            "quarantine": "SELECT source_id, stage, code, reason FROM quarantine ORDER BY id",
        }
        out = {name: conn.execute(sql).fetchall() for name, sql in tables.items()}
    events = [json.loads(line) for line in (case / "audit.jsonl").read_text(encoding="utf-8").splitlines()]
    out["audit"] = [(e["stage"], e["event"], e["payload"]) for e in events]
    return out


def _extract(inputs: list[Path], case: Path) -> list:
    """Ingest and extract only (no detection), as ``run_case`` does; the quarantined inputs."""
    store = CaseStore.create(case)
    pipeline = load_pipeline(None)
    ingest, extract = (pipeline.of_kind(k).build(runner._context(store)) for k in ("ingest", "extract"))
    queue: deque = deque()
    quarantined: list = []
    for found in ingest(inputs):
        source, _ = runner._register(store, found)
        queue.append((source, found.path))
    runner._extract_all(store, extract, ingest, queue, quarantined, runner.SilentReporter())
    store.close()
    return quarantined


@pytest.fixture
def forks(monkeypatch):
    """The pids of the children extraction forks (every source in a child, in batches of 50 items)."""
    pids: list[int] = []
    real = os.fork

    def fork():
        pid = real()
        if pid:
            pids.append(pid)
        return pid

    monkeypatch.setattr(extraction.os, "fork", fork)
    monkeypatch.setattr(extraction, "CHILD_BYTES", 0)
    monkeypatch.setattr(extraction, "SAVE_ITEMS", 50)
    return pids


def _gone(pid: int) -> bool:
    """The child was reaped (or, once its parent died, is dead and waits for init)."""
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] in ("Z", "X")
    except FileNotFoundError:
        return True


linux_only = pytest.mark.skipif(sys.platform != "linux", reason="sources are parsed in a child process on Linux only")


@linux_only
def test_the_child_gives_the_same_case_as_parsing_here(tmp_path, monkeypatch, forks):
    inputs = [write_ufdr(tmp_path / "phone.ufdr", 420), tmp_path / "chat.txt"]
    write_chat(inputs[1], 310, seed=3)
    _extract(inputs, tmp_path / "child")
    assert len(forks) == 2 and all(_gone(pid) for pid in forks)
    monkeypatch.setattr(extraction, "CHILD_BYTES", 1 << 60)
    _extract(inputs, tmp_path / "here")
    assert len(forks) == 2
    here, child = _case_rows(tmp_path / "here"), _case_rows(tmp_path / "child")
    assert len(here["items"]) > 700 and here["people"]
    assert child == here


def _damaged_ufdr(path: Path) -> Path:
    """A UFDR whose report.xml fails its CRC: well-formed, but a letter two thirds in is changed, which the zip finds
    only at the member's end, after items were stored; the whole source is refused (which bytes are wrong is not known).
    A report cut short is no longer a failure: what came before the cut is read (test_report_cut_short.py)."""
    whole = write_ufdr(path.with_suffix(".whole"), 300)
    with zipfile.ZipFile(whole) as archive:
        report = archive.read("report.xml")
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_STORED) as archive:
        archive.writestr("report.xml", report)
    data = bytearray(path.read_bytes())
    at = data.index(b"Morning", len(data) * 2 // 3)
    data[at] = ord("N")
    path.write_bytes(bytes(data))
    return path


@linux_only
def test_a_failure_in_the_child_quarantines_as_here(tmp_path, monkeypatch, forks):
    bad = _damaged_ufdr(tmp_path / "bad.ufdr")
    found = [_extract([bad], tmp_path / "child")]
    monkeypatch.setattr(extraction, "CHILD_BYTES", 1 << 60)
    found.append(_extract([bad], tmp_path / "here"))
    assert [(q.code, q.reason) for q in found[0]] == [(q.code, q.reason) for q in found[1]]
    assert found[0][0].code == "E033" or "not well-formed" in found[0][0].reason
    assert _case_rows(tmp_path / "child") == _case_rows(tmp_path / "here")
    assert not _case_rows(tmp_path / "child")["items"]  # what was stored of it is removed
    assert all(_gone(pid) for pid in forks)


def _source(tmp_path: Path) -> tuple[CaseStore, Source]:
    store = CaseStore.create(tmp_path / "case")
    source, _ = store.add_source("ab" * 32, str(tmp_path / "x.txt"), "x.txt", 10, "text/plain")
    return store, source


def _items(source: Source, n: int):
    for i in range(n):
        yield common.make_item(source, f"line {i}", "message", "m", [("text", f"message {i}")], {"format": "test"})


@linux_only
def test_an_internal_error_in_the_child_keeps_its_type_and_no_text(tmp_path, forks, caplog):
    store, source = _source(tmp_path)

    def extract(source, path):
        yield from _items(source, 120)
        raise KeyError(" ".join(("Zanzibar", "Quickfoot")))  # quotes case data: only its type may show (not in a frame's line)

    with pytest.raises(Exception) as caught:
        extraction.extract_source(store, extract, source, tmp_path / "x.txt")
    assert type(caught.value).__name__ == "KeyError"
    assert store.count_items(source.source_id) == 100  # two batches stored; the runner discards them
    assert "Zanzibar Quickfoot" not in caplog.text and all(_gone(pid) for pid in forks)


@linux_only
def test_a_child_that_dies_is_a_stage_error(tmp_path, forks):
    store, source = _source(tmp_path)

    def extract(source, path):
        yield from _items(source, 70)
        os.kill(os.getpid(), signal.SIGKILL)  # out of memory, say
        yield from _items(source, 10)

    with pytest.raises(StageError, match="stopped unexpectedly"):
        extraction.extract_source(store, extract, source, tmp_path / "x.txt")
    assert all(_gone(pid) for pid in forks)


@linux_only
def test_an_interrupt_here_stops_the_child(tmp_path, monkeypatch, forks):
    store, source = _source(tmp_path)

    def extract(source, path):
        yield from _items(source, 500)
        time.sleep(60)  # would hang a test that waited for it

    def interrupted(items, segments):
        raise KeyboardInterrupt

    monkeypatch.setattr(store, "save_rows", interrupted)
    started = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        extraction.extract_source(store, extract, source, tmp_path / "x.txt")
    assert time.monotonic() - started < 30 and len(forks) == 1 and _gone(forks[0])


RUN_WITH_CHILD = "import runpy, sys; import redactor.extraction as e; e.CHILD_BYTES = 0; e.SAVE_ITEMS = 40; runpy.run_module('redactor', run_name='__main__')"


def _run(chat: Path, case: Path) -> subprocess.Popen:
    cmd = [sys.executable, "-c", RUN_WITH_CHILD, "run", str(chat), "--case", str(case), "--workers", "1", "--batch-items", "12"]
    return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env={**os.environ, "OMP_THREAD_LIMIT": "1"})


def _children(pid: int) -> list[int]:
    out = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as fh:
                    if int(fh.read().rsplit(")", 1)[1].split()[1]) == pid:
                        out.append(int(entry))
            except (OSError, ValueError):
                continue
    return out


@linux_only
@pytest.mark.slow
def test_a_run_killed_while_its_child_parses_leaves_no_child_and_resumes_exactly(tmp_path):
    chat = tmp_path / "chat.txt"
    write_chat(chat, 1500, seed=7)
    reference = _run(chat, tmp_path / "reference")
    assert reference.wait(timeout=600) == 0
    expected = fingerprint(tmp_path / "reference")
    for seed in (1, 2):
        case = tmp_path / f"killed{seed}"
        proc = _run(chat, case)
        deadline = time.monotonic() + 120
        while not (children := _children(proc.pid)) and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.005)
        assert children, "the run never parsed in a child"
        time.sleep(random.Random(seed).uniform(0.0, 0.3))
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        deadline = time.monotonic() + 10
        while not all(_gone(pid) for pid in children) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert all(_gone(pid) for pid in children), "a child outlived its killed run"
        again = _run(chat, case)
        assert again.wait(timeout=600) == 0
        assert fingerprint(case) == expected, f"seed {seed}"
