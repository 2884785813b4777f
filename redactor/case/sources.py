"""Sources: the files of a case (originals and derived files), their status and detection key."""

from __future__ import annotations

from redactor.audit.log import utc_now
from redactor.case.codec import source_from_row
from redactor.case.db import CaseDB
from redactor.case.people import ROSTER_ADDRESSES, people_digest
from redactor.records import Source


class Sources(CaseDB):
    def find_source(self, source_id: str) -> Source | None:
        row = self.conn.execute("SELECT * FROM sources WHERE source_id = ?", (source_id,)).fetchone()
        return None if row is None else source_from_row(row)

    def add_source(
        self, source_id: str, path: str, name: str, size: int, media_type: str, *, parent_id: str | None = None, locator: str | None = None
    ) -> tuple[Source, bool]:
        """Register a source; returns ``(source, created)``. The same content is registered once."""
        existing = self.find_source(source_id)
        if existing is not None:
            return existing, False
        with self.transaction() as conn:
            count = conn.execute("SELECT COUNT(*) FROM sources").fetchone()[0]
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
