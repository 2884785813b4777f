"""A large source's flags go into the case without the flags table's secondary indexes, created again after.

Each of ``flags_item``, ``flags_status`` and ``flags_pending`` has a random key, and keeping them in step with
every batch was a third of what storing the flags cost the coordinating process. The case a run leaves is the
same either way: the same flags, the same schema. A run killed in between leaves the indexes missing, and the
next opening of the case creates them before anything reads; a failure creates them before the source's
flags are discarded.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from benchmarks.device_data import write_chat
from redactor import batches
from redactor.batches import DetectBatches
from redactor.case import CaseStore, schema
from redactor.executors import InlineExecutor
from redactor.records import Decided, Finding, Flag, Item, Segment
from tests.runner.test_kill_resume import fingerprint

NAMES = ["Jo Example", "Sam Owner", "Alex Third"]


def _item(i: int) -> Item:
    name = NAMES[i % len(NAMES)]
    segments = (Segment(f"s{i}a", f"m{i}", 0, "sender", name), Segment(f"s{i}b", f"m{i}", 1, "text", f"meet {name} at 5"))
    return Item(f"m{i}", "src", f"line {i}", "message", "m", segments, {})


def _case(root: Path, count: int = 12) -> CaseStore:
    store = CaseStore.create(root)
    store.add_source("src", "/x", "x", 1, "text/plain")
    store.save_items("src", [_item(i) for i in range(count)])
    return store


def _indexes(conn: sqlite3.Connection) -> dict[str, str]:
    return {r[0]: r[1] for r in conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'flags'")}


class Stub:
    """A detect stage without a model (every text's last word is a person) that notes the flags' indexes it meets."""

    def __init__(self, store: CaseStore, fail_at: str | None = None) -> None:
        self.store, self.fail_at = store, fail_at
        self.met: list[set[str]] = []

    def spans(self, texts: list[str]) -> list[list[list[Any]]]:
        return [[[t.rfind(" ") + 1, len(t), "PERSON", 0.8, "Stub", {"n": 1}]] for t in texts]

    def findings(self, item: Item, spans: Any) -> tuple[Finding, ...]:
        self.met.append(set(_indexes(self.store.conn)))
        if item.item_id == self.fail_at:
            raise RuntimeError("stage failure")
        return tuple(
            Finding(s.segment_id, f.start, f.end, f.entity, f.score, f.recognizer, f.explanation)
            for s in item.segments
            for f in spans[s.segment_id]
        )


def _decide(item: Item, findings: Any) -> Decided:
    flags = tuple(
        Flag(
            Flag.make_id(f.segment_id, f.start, f.end, f.entity),
            item.item_id,
            f.segment_id,
            f.start,
            f.end,
            f.entity,
            f.score,
            f.recognizer,
            {"rule": "x"},
            "TP",
            "redact",
        )
        for f in findings
    )
    return Decided(flags)


def _detect(store: CaseStore, **stub: Any) -> Stub:
    detect = Stub(store, **stub)
    DetectBatches(store, detect, _decide, InlineExecutor(detect), "k", lambda n: None, batch=5).run(store.sources()[0])
    return detect


def _flags(store: CaseStore) -> list[tuple]:
    return [
        tuple(r)
        for r in store.conn.execute(
            'SELECT flag_id, item_id, segment_id, start, "end", entity, explanation, status FROM flags ORDER BY rowid'
        )
    ]


def test_a_large_source_stores_its_flags_without_the_secondary_indexes_and_ends_with_them(tmp_path, monkeypatch):
    with _case(tmp_path / "kept") as store:
        _detect(store)
        expected, fresh = _flags(store), _indexes(store.conn)
    monkeypatch.setattr(batches, "DEFER_ITEMS", 10)
    with _case(tmp_path / "deferred") as store:
        detect = _detect(store)
        assert all(met.isdisjoint(schema.FLAG_INDEXES) for met in detect.met)  # no secondary index while detecting
        assert _flags(store) == expected and len(expected) == 24
        assert _indexes(store.conn) == fresh and set(fresh) >= set(schema.FLAG_INDEXES)  # the same indexes, as created
        assert store.count_flags("src") == 24


@pytest.mark.parametrize("why", ["small", "out of scope", "small beside the case"])
def test_the_indexes_stay_for_a_small_source_or_one_with_an_item_out_of_scope(tmp_path, monkeypatch, why):
    monkeypatch.setattr(batches, "DEFER_ITEMS", 13 if why == "small" else 10)
    with _case(tmp_path / "c") as store:
        if why == "out of scope":
            store.set_item_scope("m3", "out", actor="Reviewer A", reason="not relevant")
        if why == "small beside the case":  # creating them again would read the flags of a larger case
            store.add_source("other", "/y", "y", 1, "text/plain")
            store.save_items("other", [_item(i) for i in range(100, 113)])
        detect = _detect(store)
        assert all(met >= set(schema.FLAG_INDEXES) for met in detect.met)


def test_a_failure_half_way_creates_them_again_before_the_runner_discards_the_source(tmp_path, monkeypatch):
    monkeypatch.setattr(batches, "DEFER_ITEMS", 10)
    with _case(tmp_path / "c") as store:
        fresh = _indexes(store.conn)
        with pytest.raises(RuntimeError, match="stage failure"):
            _detect(store, fail_at="m8")
        assert _indexes(store.conn) == fresh


def test_opening_a_case_left_without_them_creates_them_again(tmp_path):
    with _case(tmp_path / "c") as store:
        fresh = _indexes(store.conn)
        store.defer_flag_indexes()  # as a run killed half way through a large source leaves the case
        assert set(_indexes(store.conn)).isdisjoint(schema.FLAG_INDEXES)
    with CaseStore.open(tmp_path / "c") as store:
        assert _indexes(store.conn) == fresh
        store.defer_flag_indexes()
    with CaseStore.create(tmp_path / "c") as store:  # `redactor run` on an existing case
        assert _indexes(store.conn) == fresh
        assert store.restore_flag_indexes() == []


RUN = "import sys; from redactor import batches; batches.DEFER_ITEMS = 1; from redactor.cli import main; sys.argv[0] = 'redactor'; main()"


def _run(chat: Path, case: Path, defer: bool) -> subprocess.Popen:
    args = ["run", str(chat), "--case", str(case), "--workers", "1", "--batch-items", "12"]
    cmd = [sys.executable, "-c", RUN, *args] if defer else [sys.executable, "-m", "redactor", *args]
    return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env={**os.environ, "OMP_THREAD_LIMIT": "1"})


def _detecting(case: Path) -> bool:
    """Some of the source's flags are stored and the source is not done yet."""
    try:
        with sqlite3.connect(f"file:{case / 'case.db'}?mode=ro", uri=True, timeout=1) as conn:
            progress = conn.execute("SELECT upto FROM detect_progress").fetchall()
            return bool(progress) and progress[0][0] > 0
    except sqlite3.Error:
        return False


@pytest.mark.slow
def test_a_run_killed_while_the_indexes_are_deferred_ends_like_an_uninterrupted_run(tmp_path):
    chat = tmp_path / "chat.txt"
    write_chat(chat, 400, seed=5)
    reference = _run(chat, tmp_path / "reference", defer=False)
    assert reference.wait(timeout=600) == 0
    expected = fingerprint(tmp_path / "reference")
    with sqlite3.connect(tmp_path / "reference" / "case.db") as conn:
        indexes = _indexes(conn)
    case = tmp_path / "killed"
    proc = _run(chat, case, defer=True)
    deadline = time.monotonic() + 600
    while not _detecting(case) and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    with sqlite3.connect(case / "case.db") as conn:
        assert set(_indexes(conn)).isdisjoint(schema.FLAG_INDEXES)  # killed while they were deferred
    again = _run(chat, case, defer=True)
    out, _ = again.communicate(timeout=600)
    assert again.returncode == 0 and b"resumed:" in out
    assert fingerprint(case) == expected
    with sqlite3.connect(case / "case.db") as conn:
        assert _indexes(conn) == indexes
