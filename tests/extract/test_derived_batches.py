"""The files found inside a source (attachments) reach the case in batches (``redactor/extraction.py``,
``redactor/case/sources.py``, ``runner._register_all_derived``): they travel with the extraction batches, wait in a
temporary table, and are registered a chunk at a time in the transaction that stores the source's state, then wait
in a temporary queue to be extracted. So neither the parsing process nor the runner holds a list of them, the case
gets the rows and audit events of registering them one at a time, and a source with its attachments is stored
whole or not at all, also when the run is killed."""

from __future__ import annotations

import logging
import os
import random
import signal
import subprocess
import sys
import time
import tracemalloc
from collections import deque
from pathlib import Path

import pytest

from benchmarks.device_data import write_ufdr
from redactor import extraction, runner
from redactor.audit.log import iter_events
from redactor.case import CaseStore, sources
from redactor.extract.device import common
from redactor.pipeline import load_pipeline
from redactor.records import DerivedFile
from tests.runner.test_kill_resume import fingerprint

linux_only = pytest.mark.skipif(sys.platform != "linux", reason="the child process needs fork and prctl")


def _case(tmp_path: Path, name: str = "case"):
    store = CaseStore.create(tmp_path / name)
    store.bulk_writes()  # as the runner does
    parent = tmp_path / f"{name}-parent.txt"
    parent.write_text("the parent\n", encoding="utf-8")
    source, _ = store.add_source("ab" * 32, str(parent), parent.name, parent.stat().st_size, "text/plain")
    ingest = load_pipeline("disclosure").of_kind("ingest").build(runner._context(store))
    return store, source, parent, ingest


def _extractor(folder: Path, n: int, parent_id: str, missing: frozenset[int] = frozenset()):
    """An extractor that finds ``n`` files (and an item every 10th) in the parent and nothing in its files;
    the files numbered in ``missing`` are never written (the runner quarantines them)."""
    folder.mkdir(parents=True, exist_ok=True)

    def extract(source, path):
        if source.source_id != parent_id:
            return
        for i in range(n):
            if i % 10 == 0:
                yield common.make_item(source, f"line {i}", "message", "m", [("text", f"message {i}")], {"format": "test"})
            target = folder / f"file{i:06d}.txt"
            if i not in missing:
                target.write_text(f"attached file {i}\n", encoding="utf-8")
            yield DerivedFile(target, f"file{i}.txt", f"line {i}/attachment[0]")

    return extract


def _extract_all(store, source, parent, ingest, extract) -> list:
    quarantined: list = []
    runner._extract_all(store, extract, ingest, deque([(source, parent)]), quarantined, runner.SilentReporter())
    return quarantined


@pytest.mark.parametrize("child", [False, True] if sys.platform == "linux" else [False])
def test_files_travel_in_batches_and_come_back_in_order(tmp_path, monkeypatch, child):
    monkeypatch.setattr(extraction, "CHILD_BYTES", 0 if child else 1 << 40)
    monkeypatch.setattr(extraction, "SAVE_ITEMS", 7)
    monkeypatch.setattr(sources, "CHUNK", 4)
    store, source, parent, _ = _case(tmp_path)
    batches: list[int] = []
    add = store.add_derived
    monkeypatch.setattr(store, "add_derived", lambda rows: batches.append(len(rows)) or add(rows))
    count, derived, _, _ = extraction.extract_source(store, _extractor(tmp_path / "derived", 25, source.source_id), source, parent)
    assert count == 3 and len(derived) == 25 and max(batches) == 7 and sum(batches) == 25
    chunks = list(derived.chunks())
    assert [len(c) for c in chunks] == [4, 4, 4, 4, 4, 4, 1]
    assert [d.name for c in chunks for d in c] == [f"file{i}.txt" for i in range(25)]
    assert [d.path for d in derived] == [tmp_path / "derived" / f"file{i:06d}.txt" for i in range(25)]


def test_attachments_are_registered_queued_and_audited_as_one_at_a_time(tmp_path, monkeypatch):
    monkeypatch.setattr(extraction, "SAVE_ITEMS", 6)
    monkeypatch.setattr(sources, "CHUNK", 4)  # a missing file's quarantine falls inside a chunk
    store, source, parent, ingest = _case(tmp_path)
    quarantined = _extract_all(store, source, parent, ingest, _extractor(tmp_path / "derived", 14, source.source_id, frozenset({5, 9})))
    assert [q.path for q in quarantined] == [f"{source.ref}:line 5/attachment[0]", f"{source.ref}:line 9/attachment[0]"]
    rows = store.conn.execute("SELECT ref, name, parent_id, locator, status FROM sources ORDER BY rowid").fetchall()
    kept = [i for i in range(14) if i not in (5, 9)]
    assert [tuple(r) for r in rows[1:]] == [
        (f"S{n + 2:04d}", f"file{i}.txt", source.source_id, f"line {i}/attachment[0]", "extracted") for n, i in enumerate(kept)
    ]
    events = [(e.event, e.payload.get("source")) for e in iter_events(tmp_path / "case" / "audit.jsonl") if e.event != "case.created"]
    derived_then = [("source.derived", f"S{n + 2:04d}") for n, i in enumerate(kept)]
    expected = [("source.extracted", "S0001"), *derived_then[:5], ("input.quarantined", None), *derived_then[5:8]]
    expected += [("input.quarantined", None), *derived_then[8:]]
    expected += [("source.extracted", f"S{n + 2:04d}") for n in range(len(kept))]  # then each, in the order found
    assert events == expected
    assert store.next_queued() is None


def test_a_failure_while_registering_leaves_no_attachment_and_quarantines_the_source(tmp_path, monkeypatch):
    monkeypatch.setattr(sources, "CHUNK", 4)
    store, source, parent, ingest = _case(tmp_path)
    calls: list[Path] = []

    def failing(paths):
        calls.append(paths[0])
        if len(calls) == 7:  # in the second chunk: the first chunk's files are registered by now
            raise RuntimeError("disk error")
        return ingest(paths)

    quarantined: list = []
    extract = _extractor(tmp_path / "derived", 10, source.source_id)
    runner._extract_all(store, extract, failing, deque([(source, parent)]), quarantined, runner.SilentReporter())
    assert [q.source_id for q in quarantined] == [source.source_id]
    assert [tuple(r) for r in store.conn.execute("SELECT ref, status FROM sources")] == [("S0001", "quarantined")]
    assert store.count_items(source.source_id) == 0 and store.next_queued() is None


def _peak(tmp_path: Path, n: int) -> int:
    logging.getLogger("redactor").setLevel(logging.WARNING)  # another test may have set INFO: pytest would keep a record per source
    store, source, parent, ingest = _case(tmp_path, f"case{n}")
    extract = _extractor(tmp_path / f"derived{n}", n, source.source_id)
    tracemalloc.start()
    try:
        _extract_all(store, source, parent, ingest, extract)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
        assert store.conn.execute("SELECT COUNT(*) FROM sources WHERE status = 'extracted'").fetchone()[0] == n + 1


@pytest.mark.slow
def test_registering_many_attachments_takes_no_more_memory_than_a_few(tmp_path, monkeypatch):
    monkeypatch.setattr(logging.getLogger("redactor"), "level", logging.getLogger("redactor").level)  # restored after
    monkeypatch.setattr(extraction, "SAVE_ITEMS", 200)
    monkeypatch.setattr(sources, "CHUNK", 100, raising=False)  # (raising: the test also runs on the code before it)
    monkeypatch.setattr(extraction, "CHILD_BYTES", 1 << 40)  # parsed here: tracemalloc sees both sides
    small, large = _peak(tmp_path, 250), _peak(tmp_path, 2_000)
    assert large < small * 1.3 + 200_000, (small, large)  # held as lists, 1,750 more files cost about 2.5 MB


RUN = (
    "import runpy; import redactor.extraction as e, redactor.case.sources as s; e.CHILD_BYTES = 0; e.SAVE_ITEMS = 40; s.CHUNK = 7; "
    "runpy.run_module('redactor', run_name='__main__')"
)


def _run(ufdr: Path, case: Path) -> subprocess.Popen:
    cmd = [sys.executable, "-c", RUN, "run", str(ufdr), "--case", str(case), "--workers", "1", "--batch-items", "12"]
    return subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, "OMP_THREAD_LIMIT": "1"})


def _extracted_at(case: Path, timeout: float = 300) -> float:
    """Seconds until the UFDR's own source.extracted event is written (its attachments are registered after it)."""
    started, audit = time.monotonic(), case / "audit.jsonl"
    while time.monotonic() - started < timeout:
        if audit.exists() and b'"source.extracted"' in audit.read_bytes():
            return time.monotonic() - started
        time.sleep(0.01)
    raise AssertionError("the UFDR was never extracted")


@linux_only
@pytest.mark.slow
def test_a_run_killed_while_it_stores_a_source_with_attachments_resumes_exactly(tmp_path):
    ufdr = write_ufdr(tmp_path / "phone.ufdr", 240, files_every=2)  # 120 attachments: 3 batches, 18 chunks
    reference = _run(ufdr, tmp_path / "reference")
    until = _extracted_at(tmp_path / "reference")
    assert reference.wait(timeout=600) == 0
    expected = fingerprint(tmp_path / "reference")
    assert sum(1 for _ in (tmp_path / "reference" / "work" / "derived").rglob("*.txt")) == 120
    for seed in (1, 2, 3):
        case = tmp_path / f"killed{seed}"
        proc = _run(ufdr, case)
        time.sleep(random.Random(seed).uniform(0.3, 1.2) * until)  # parsing, storing batches, registering attachments
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        again = _run(ufdr, case)
        assert again.wait(timeout=600) == 0
        assert fingerprint(case) == expected, f"seed {seed}"
