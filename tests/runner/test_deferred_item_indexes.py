"""A large source's items go into the case without the items' and segments' secondary indexes, created again after.

``items_source``, ``items_thread`` and ``segments_item`` were kept in step with every batch a reader sent; the last is
keyed by item id (a hash), and together they cost 40% of storing a 100,000-message mailbox, more the larger it was.
The case extraction leaves is the same either way: the same rows, the same schema. A failure creates them again
before the runner discards the source's items; a run killed in between leaves them missing, and the next opening
of the case creates them before anything reads.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.device_data import write_chat
from redactor import extraction
from redactor.case import CaseStore, schema
from redactor.extract.device import common
from redactor.records import Source
from tests.runner.test_extract_child import forks, linux_only  # noqa: F401 - forks is a fixture
from tests.runner.test_kill_resume import fingerprint


def _indexes(conn: sqlite3.Connection) -> dict[str, str]:
    return {
        r[0]: r[1] for r in conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('items', 'segments')")
    }


def _rows(store: CaseStore) -> dict[str, list[tuple]]:
    return {
        "items": [tuple(r) for r in store.conn.execute("SELECT * FROM items ORDER BY rowid")],
        "segments": [tuple(r) for r in store.conn.execute("SELECT rowid, * FROM segments ORDER BY rowid")],
    }


def _source(store: CaseStore, name: str = "x.txt") -> Source:
    source, _ = store.add_source(name.encode().hex().ljust(64, "0"), f"/in/{name}", name, 10, "text/plain")
    return source


class Reader:
    """``count`` messages in threads of five; notes the indexes present each time a batch is stored, or fails at ``fail_at``."""

    def __init__(self, store: CaseStore, count: int, fail_at: int | None = None) -> None:
        self.store, self.count, self.fail_at = store, count, fail_at
        self.met: list[set[str]] = []
        real = store.save_rows

        def save_rows(items, segments):
            real(items, segments)
            self.met.append(set(_indexes(store.conn)))

        store.save_rows = save_rows  # type: ignore[method-assign]

    def __call__(self, source: Source, path: Path):
        for i in range(self.count):
            if i == self.fail_at:
                raise ValueError("the reader met a damaged record")
            thread = {"thread": {"key": f"t{i // 5}"}}
            yield common.make_item(source, f"line {i}", "message", "m", [("sender", f"Jo {i % 3}"), ("text", f"message {i}")], thread)


def _extract(store: CaseStore, count: int, **reader) -> Reader:
    read = Reader(store, count, **reader)
    extraction.extract_source(store, read, _source(store), Path("/in/x.txt"))
    return read


@pytest.mark.parametrize("child", [False, True], ids=["here", "in a child"])
def test_a_large_source_is_stored_without_the_secondary_indexes_and_ends_with_them(tmp_path, monkeypatch, child, forks):  # noqa: F811
    monkeypatch.setattr(extraction, "SAVE_ITEMS", 10)
    monkeypatch.setattr(extraction, "CHILD_BYTES", 0 if child else 1 << 60)
    if child and sys.platform != "linux":
        pytest.skip("sources are parsed in a child process on Linux only")
    with CaseStore.create(tmp_path / "kept") as store:
        kept = _extract(store, 95)
        expected, fresh = _rows(store), _indexes(store.conn)
    assert all(met >= set(schema.ITEM_INDEXES) for met in kept.met)
    monkeypatch.setattr(extraction, "DEFER_ITEMS", 30)
    with CaseStore.create(tmp_path / "deferred") as store:
        deferred = _extract(store, 95)
        assert [bool(met & set(schema.ITEM_INDEXES)) for met in deferred.met] == [True] * 3 + [False] * 7  # after 30 items
        assert _rows(store) == expected and len(expected["items"]) == 95
        assert _indexes(store.conn) == fresh and set(fresh) >= set(schema.ITEM_INDEXES)  # the same indexes, as created
        assert [i.locator for i in next(store.item_batches(_source(store).source_id, size=3))] == ["line 0", "line 1", "line 2"]
    assert len(forks) == 2 * int(child)  # each source parsed in a child of its own


def test_the_indexes_stay_for_a_source_smaller_than_the_rest_of_the_case(tmp_path, monkeypatch):
    monkeypatch.setattr(extraction, "SAVE_ITEMS", 10)
    monkeypatch.setattr(extraction, "DEFER_ITEMS", 30)
    with CaseStore.create(tmp_path / "c") as store:
        other = _source(store, "other.txt")
        store.save_items(other.source_id, [common.make_item(other, f"o{i}", "message", "m", [("text", "x")], {}) for i in range(60)])
        read = _extract(store, 50)  # creating them again would read a case larger than the source
        assert all(met >= set(schema.ITEM_INDEXES) for met in read.met)


def test_a_failure_half_way_creates_them_again_before_the_runner_discards_the_source(tmp_path, monkeypatch):
    monkeypatch.setattr(extraction, "SAVE_ITEMS", 10)
    monkeypatch.setattr(extraction, "DEFER_ITEMS", 20)
    with CaseStore.create(tmp_path / "c") as store:
        fresh = _indexes(store.conn)
        with pytest.raises(ValueError, match="damaged record"):
            _extract(store, 95, fail_at=61)
        assert _indexes(store.conn) == fresh
        assert store.count_items(_source(store).source_id) == 60


def test_opening_a_case_left_without_them_creates_them_again(tmp_path):
    with CaseStore.create(tmp_path / "c") as store:
        fresh = _indexes(store.conn)
        store.defer_item_indexes()  # as a run killed half way through a large source leaves the case
        assert set(_indexes(store.conn)).isdisjoint(schema.ITEM_INDEXES)
    with CaseStore.open(tmp_path / "c") as store:
        assert _indexes(store.conn) == fresh
        store.defer_item_indexes()
    with CaseStore.create(tmp_path / "c") as store:  # `redactor run` on an existing case
        assert _indexes(store.conn) == fresh
        assert store.restore_item_indexes() == []


# A run that defers from the first batch and kills itself (SIGKILL) right after storing its third batch without them.
KILLED = """
import os, signal, sys
from redactor import extraction
extraction.DEFER_ITEMS, extraction.SAVE_ITEMS = 1, 40
real, seen = extraction._ItemIndexes.saved, []
def saved(self, count):
    real(self, count)
    seen.append(count)
    if self.deferred and len(seen) == 3:
        os.kill(os.getpid(), signal.SIGKILL)
extraction._ItemIndexes.saved = saved
from redactor.cli import main
sys.argv[0] = "redactor"
main()
"""


def _run(chat: Path, case: Path, code: str | None = None) -> subprocess.CompletedProcess:
    args = ["run", str(chat), "--case", str(case), "--workers", "1", "--batch-items", "12"]
    cmd = [sys.executable, "-c", code, *args] if code else [sys.executable, "-m", "redactor", *args]
    return subprocess.run(cmd, capture_output=True, timeout=600, env={**os.environ, "OMP_THREAD_LIMIT": "1"}, check=False)


@pytest.mark.slow
def test_a_run_killed_while_the_indexes_are_deferred_ends_like_an_uninterrupted_run(tmp_path):
    chat = tmp_path / "chat.txt"
    write_chat(chat, 300, seed=7)
    assert _run(chat, tmp_path / "reference").returncode == 0
    expected = fingerprint(tmp_path / "reference")
    with sqlite3.connect(tmp_path / "reference" / "case.db") as conn:
        indexes = _indexes(conn)
    case = tmp_path / "killed"
    assert _run(chat, case, KILLED).returncode == -9
    with sqlite3.connect(case / "case.db") as conn:
        assert set(_indexes(conn)).isdisjoint(schema.ITEM_INDEXES)  # killed while they were deferred
        assert conn.execute("SELECT COUNT(*) FROM items").fetchone()[0] == 120
    again = _run(chat, case)
    assert again.returncode == 0, again.stderr.decode()[-2000:]
    assert fingerprint(case) == expected
    with sqlite3.connect(case / "case.db") as conn:
        assert _indexes(conn) == indexes
