"""The pipe between the child that parses a large source and the runner that stores it (``redactor/extraction.py``):
batches are received while the one before is stored, so the child parses on instead of waiting for SQLite; rows
travel as marshal data, or pickled when marshal cannot write a value; the case is the same either way."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

from redactor import extraction
from redactor.case import CaseStore
from redactor.extract.device import common
from redactor.records import Source

linux_only = pytest.mark.skipif(sys.platform != "linux", reason="sources are parsed in a child process on Linux only")


class Text(str):
    """A str subclass: SQLite stores it as text, marshal refuses it."""


@pytest.mark.parametrize(
    "rows",
    [
        (
            [("id1", "src", 1, "line 1", "message", "m", "{}", None)],
            [("id1.0", "id1", 0, "text", "é ✓ \U0001f600", None, 1.5, 2.25, "text", "[]")],
        ),
        ([("id2", "src", 2, Text("line 2"), "message", "m", "{}", '{"a": 1}')], []),
        ([], []),
    ],
)
def test_rows_cross_the_pipe_unchanged(rows):
    data = extraction._pack(rows)
    assert data[:1] == (extraction._PICKLED if any(type(v) is Text for r in rows[0] for v in r) else extraction._ROWS)
    kind, back = extraction._unpack(data)
    assert kind == "rows" and back == rows
    assert [tuple(map(type, r)) for r in back[0]] == [tuple(map(type, r)) for r in rows[0]]


def _source(tmp_path: Path) -> tuple[CaseStore, Source]:
    store = CaseStore.create(tmp_path / "case")
    source, _ = store.add_source("cd" * 32, str(tmp_path / "x.txt"), "x.txt", 10, "text/plain")
    return store, source


@linux_only
def test_the_child_parses_on_while_a_batch_is_stored(tmp_path, monkeypatch):
    """While the first batch is being stored, the child sends the second (larger than the pipe's buffer) and
    starts the third; before, it waited in ``send`` until the first was stored."""
    monkeypatch.setattr(extraction, "CHILD_BYTES", 0)
    monkeypatch.setattr(extraction, "SAVE_ITEMS", 40)
    store, source = _source(tmp_path)
    marker = tmp_path / "third batch started"
    filler = "word " * 400  # 2 KB a message: a batch of 40 is larger than a pipe's 64 KB buffer

    def extract(source, path):
        for i in range(200):
            if i == 80:
                marker.touch()  # the child asks for the third batch's first item: the second was sent
            yield common.make_item(source, f"line {i}", "message", "m", [("text", f"{i} {filler}")], {"format": "test"})

    seen: list[bool] = []
    save = store.save_rows

    def slow_save(items, segments):
        if not seen:
            deadline = time.monotonic() + 20
            while not marker.exists() and time.monotonic() < deadline:
                time.sleep(0.01)
            seen.append(marker.exists())
        save(items, segments)

    monkeypatch.setattr(store, "save_rows", slow_save)
    count, derived, people, _ = extraction.extract_source(store, extract, source, tmp_path / "x.txt")
    assert seen == [True] and count == 200 and store.count_items(source.source_id) == 200


@linux_only
def test_a_child_that_dies_while_batches_wait_is_a_stage_error_and_leaves_no_thread(tmp_path, monkeypatch):
    import os
    import signal
    import threading

    from redactor.errors import StageError

    monkeypatch.setattr(extraction, "CHILD_BYTES", 0)
    monkeypatch.setattr(extraction, "SAVE_ITEMS", 10)
    store, source = _source(tmp_path)

    def extract(source, path):
        for i in range(45):
            yield common.make_item(source, f"line {i}", "message", "m", [("text", f"message {i}")], {"format": "test"})
        os.kill(os.getpid(), signal.SIGKILL)
        yield from ()

    with pytest.raises(StageError, match="stopped unexpectedly"):
        extraction.extract_source(store, extract, source, tmp_path / "x.txt")
    assert store.count_items(source.source_id) == 40  # every batch sent before it died was stored, in order
    assert not [t for t in threading.enumerate() if t.name.startswith("extract ")]
