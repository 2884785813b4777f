"""Sources: the files of a case (originals and derived files), their status and detection key.

The files found inside the source being extracted (attachments) wait in a temporary table of this connection
(gone with it), added a batch at a time as extraction finds them (:meth:`Sources.add_derived`); the runner reads
them back a chunk at a time (:class:`Attached`) in the transaction that stores the source's state, and queues
the new ones in another temporary table (:meth:`Sources.queue_source`). So neither a list of a million
attachments nor a queue of a million sources is held in memory, and a source with its attachments is still
stored whole or not at all.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from redactor.audit.log import utc_now
from redactor.case.codec import source_from_row
from redactor.case.db import CaseDB
from redactor.case.people import ROSTER_ADDRESSES, people_digest
from redactor.records import DerivedFile, Source

DERIVED = "extract_derived"  # the temporary table of the files found in the source being extracted, in the order found
QUEUE = "extract_queue"  # the temporary table of derived sources waiting to be extracted, in the order queued
CHUNK = 1_000  # derived files read back at once


class Attached:
    """The files found inside the source just extracted, waiting in their temporary table: ``len`` of them,
    read back in the order found, a list of at most ``CHUNK`` at a time."""

    def __init__(self, store: Sources, count: int) -> None:
        self.store, self.count = store, count

    def __len__(self) -> int:
        return self.count

    def chunks(self) -> Iterator[list[DerivedFile]]:
        after = 0
        while True:
            rows = self.store.conn.execute(
                f"SELECT seq, path, name, locator FROM temp.{DERIVED} WHERE seq > ? ORDER BY seq LIMIT ?", (after, CHUNK)
            ).fetchall()
            if not rows:
                return
            after = rows[-1][0]
            yield [DerivedFile(Path(path), name, locator) for _, path, name, locator in rows]

    def __iter__(self) -> Iterator[DerivedFile]:
        for chunk in self.chunks():
            yield from chunk


class Sources(CaseDB):
    # -- the files found inside the source being extracted, and the queue of sources to extract ----------
    def open_derived(self) -> None:
        """An empty table for the next source's files (what a failed or interrupted source left is dropped)."""
        self.conn.execute(f"CREATE TEMP TABLE IF NOT EXISTS {DERIVED} (seq INTEGER PRIMARY KEY, path TEXT, name TEXT, locator TEXT)")
        self.conn.execute(f"DELETE FROM temp.{DERIVED}")

    def add_derived(self, rows: Sequence[tuple[str, str, str]]) -> int:
        """Add files found inside the source being extracted, ``(path, name, locator)`` each, in order."""
        with self.transaction() as conn:
            conn.executemany(f"INSERT INTO temp.{DERIVED} (path, name, locator) VALUES (?, ?, ?)", rows)
        return len(rows)

    def attached(self, count: int) -> Attached:
        return Attached(self, count)

    def open_queue(self) -> None:
        self.conn.execute(f"CREATE TEMP TABLE IF NOT EXISTS {QUEUE} (seq INTEGER PRIMARY KEY, source_id TEXT NOT NULL, path TEXT NOT NULL)")
        self.conn.execute(f"DELETE FROM temp.{QUEUE}")

    def queue_unextracted(self) -> int:
        """Queue the files found inside sources that a killed run registered but never extracted (their parent is
        stored, so it is not extracted again), in the order they were registered; how many."""
        with self.transaction() as conn:
            return conn.execute(
                f"INSERT INTO temp.{QUEUE} (source_id, path) SELECT source_id, path FROM sources "
                "WHERE status = 'new' AND parent_id IS NOT NULL ORDER BY rowid"
            ).rowcount

    def queue_source(self, source_id: str, path: Path) -> None:
        """Queue a source to extract (in the caller's transaction: gone if it is rolled back)."""
        self.conn.execute(f"INSERT INTO temp.{QUEUE} (source_id, path) VALUES (?, ?)", (source_id, str(path)))

    def next_queued(self) -> tuple[Source, Path] | None:
        """The source queued first (taken off the queue) and the path to read it from; None when none waits."""
        while (row := self.conn.execute(f"SELECT seq, source_id, path FROM temp.{QUEUE} ORDER BY seq LIMIT 1").fetchone()) is not None:
            self.conn.execute(f"DELETE FROM temp.{QUEUE} WHERE seq = ?", (row[0],))
            source = self.find_source(row[1])
            if source is not None:
                return source, Path(row[2])
        return None

    # -- sources --------------------------------------------------------------------------------
    def find_source(self, source_id: str) -> Source | None:
        row = self.conn.execute("SELECT * FROM sources WHERE source_id = ?", (source_id,)).fetchone()
        return None if row is None else source_from_row(row)

    def source_by_ref(self, ref: str) -> Source | None:
        row = self.conn.execute("SELECT * FROM sources WHERE ref = ?", (ref,)).fetchone()
        return None if row is None else source_from_row(row)

    def add_source(
        self, source_id: str, path: str, name: str, size: int, media_type: str, *, parent_id: str | None = None, locator: str | None = None
    ) -> tuple[Source, bool]:
        """Register a source; returns ``(source, created)``. The same content is registered once."""
        existing = self.find_source(source_id)
        if existing is not None:
            return existing, False
        with self.transaction() as conn:
            # as COUNT(*) (sources are never deleted, so rowids run 1..n) without reading every row: O(log n)
            count = conn.execute("SELECT coalesce(max(rowid), 0) FROM sources").fetchone()[0]
            ref = f"S{count + 1:04d}"
            conn.execute(
                "INSERT INTO sources (source_id, ref, path, name, size, media_type, added_at, parent_id, locator) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (source_id, ref, path, name, size, media_type, utc_now(), parent_id, locator),
            )
        return Source(source_id, ref, path, name, size, media_type), True

    def source_depth(self, source_id: str, limit: int = 64) -> int:
        """How many files ``source_id`` is inside (0: an input the user gave; 1: an attachment of one; ...), up to ``limit``."""
        depth, current = 0, source_id
        while depth < limit:
            row = self.conn.execute("SELECT parent_id FROM sources WHERE source_id = ?", (current,)).fetchone()
            if row is None or row["parent_id"] is None:
                break
            depth, current = depth + 1, row["parent_id"]
        return depth

    def sources(self) -> list[Source]:
        return [source_from_row(r) for r in self.conn.execute("SELECT * FROM sources ORDER BY ref")]

    def source_status(self, source_id: str) -> str:
        row = self.conn.execute("SELECT status FROM sources WHERE source_id = ?", (source_id,)).fetchone()
        return "missing" if row is None else str(row["status"])

    def set_source_status(self, source_id: str, status: str, detect_key: str | None = None) -> None:
        self.conn.execute("UPDATE sources SET status = ?, detect_key = ? WHERE source_id = ?", (status, detect_key, source_id))

    def source_detect_key(self, source_id: str) -> str | None:
        row = self.conn.execute("SELECT detect_key FROM sources WHERE source_id = ?", (source_id,)).fetchone()
        return None if row is None else row["detect_key"]

    def detect_progress(self, source_id: str, detect_key: str) -> int:
        """The last item ordinal whose flags are stored by an unfinished detection under ``detect_key`` (0: none)."""
        row = self.conn.execute("SELECT detect_key, upto FROM detect_progress WHERE source_id = ?", (source_id,)).fetchone()
        return int(row["upto"]) if row is not None and row["detect_key"] == detect_key else 0

    def set_detect_progress(self, source_id: str, detect_key: str, upto: int) -> None:
        self.conn.execute(
            "INSERT INTO detect_progress (source_id, detect_key, upto) VALUES (?, ?, ?) "
            "ON CONFLICT (source_id) DO UPDATE SET detect_key = excluded.detect_key, upto = excluded.upto",
            (source_id, detect_key, upto),
        )

    def clear_detect_progress(self, source_id: str) -> None:
        self.conn.execute("DELETE FROM detect_progress WHERE source_id = ?", (source_id,))

    def detection_key(self, pipeline_hash: str) -> str:
        """What detection depends on: the pipeline and the people the case knows.

        When it changes (a new address book, an edited roster), sources are detected again;
        decided flags survive, undecided ones are replaced.
        """
        return people_digest(self.conn, pipeline_hash, self.meta(ROSTER_ADDRESSES))  # the people's rows, streamed (people.py)
