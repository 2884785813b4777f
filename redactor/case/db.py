"""The case database connection: opening, transactions, the ``meta`` table and the audit head."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from redactor.audit.log import AuditEvent, AuditLog, verify_audit_file
from redactor.case import schema


def connect(db_path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(db_path, timeout=30, isolation_level=None)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("PRAGMA busy_timeout=30000")
    return conn


class KeepOpen:
    """An idle connection held for a long-lived reader's life (the review server).

    Closing the last connection to a WAL database checkpoints it, which would otherwise cost
    every short-lived request connection ~10 ms.
    """

    def __init__(self, db_path: Path) -> None:
        self._conn = sqlite3.connect(db_path, check_same_thread=False)
        self._conn.execute("SELECT COUNT(*) FROM meta").fetchone()  # opens the file and the WAL index

    def close(self) -> None:
        self._conn.close()


class CaseDB:
    """The connection and the case-wide bits every concern shares."""

    DB_NAME = "case.db"
    AUDIT_NAME = "audit.jsonl"

    def __init__(self, root: Path, actor: str = "system") -> None:
        self.root = Path(root)
        self.db_path = self.root / self.DB_NAME
        self.work_dir = self.root / "work"
        self.conn = connect(self.db_path)
        self.audit = AuditLog(self.root / self.AUDIT_NAME, actor=actor, on_append=self._record_head)

    def close(self) -> None:
        self.conn.close()

    def bulk_writes(self) -> None:
        """Settings for a run's many batch transactions (items, flags, progress), on this connection only.

        ``synchronous=NORMAL``: in WAL mode a commit no longer waits for an fsync (checkpoints still
        do). A killed process loses nothing committed; a power cut may lose the last commits, which
        a re-run redoes (batches are stored under stable ids, a source counts only when all of it is
        stored, and an audit event whose change was lost is adopted, not written twice). Reviewers'
        decisions keep the default (FULL): they are not redone by a re-run.
        ``wal_autocheckpoint``: the log is copied into the database every 10,000 pages (40 MB)
        instead of 1,000, so a page rewritten by many batches (items and segments are keyed by
        hashes, spread over the whole index) is written out once, not once per few batches.
        ``cache_size``: 32 MB, so those pages are not read back from the file for every batch; bounded,
        whatever the size of the case.
        """
        self.conn.execute("PRAGMA synchronous=NORMAL")
        self.conn.execute("PRAGMA wal_autocheckpoint=10000")
        self.conn.execute("PRAGMA cache_size=-32768")  # 32 MB of pages (2 MB by default): the hash-keyed indexes' hot pages

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction; nested use joins the caller's transaction (all or nothing)."""
        if self.conn.in_transaction:
            yield self.conn
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")

    # -- deferred indexes (``schema.FLAG_INDEXES``, ``schema.ITEM_INDEXES``) ---------------------------
    def drop_indexes(self, indexes: Mapping[str, str]) -> None:
        """Drop ``indexes`` (names to their SQL) before a large insert; nothing may read through them until
        :meth:`create_missing_indexes` (or the next opening of the case, after a kill) creates them again."""
        with self.transaction() as conn:
            for name in indexes:
                conn.execute(f"DROP INDEX IF EXISTS {name}")

    def create_missing_indexes(self, indexes: Mapping[str, str]) -> list[str]:
        """Create those of ``indexes`` that are missing; their names (none: nothing to do)."""
        if not schema.missing_indexes(self.conn, indexes):
            return []
        with self.transaction() as conn:
            return schema.restore_indexes(conn, indexes)

    # -- meta and audit ------------------------------------------------------------------------
    def meta(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row["value"])

    def set_meta(self, key: str, value: str) -> None:
        self.conn.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", (key, value)
        )

    def _record_head(self, entry: AuditEvent) -> None:
        self.set_meta("audit_head", json.dumps([entry.seq, entry.hash]))

    def adopt_unconfirmed_events(self) -> None:
        """Events an interrupted run wrote but never committed (see ``AuditLog.adopt_unconfirmed``)."""
        head = self.audit_head()
        if head is not None:
            self.audit.adopt_unconfirmed(head[0])

    def audit_head(self) -> tuple[int, str] | None:
        raw = self.meta("audit_head")
        if raw is None:
            return None
        seq, digest = json.loads(raw)
        return int(seq), str(digest)

    def verify_audit(self) -> int:
        return verify_audit_file(self.audit.path, self.audit_head())

    def log(self, stage: str, event: str, payload: Mapping[str, Any] | None = None, actor: str | None = None) -> AuditEvent:
        return self.audit.append(stage, event, payload, actor=actor)

    def log_many(self, events: Sequence[tuple[str, str, Mapping[str, Any] | None, str | None]]) -> list[AuditEvent]:
        """``(stage, event, payload, actor)`` events in order, with one lock and one fsync (as many :meth:`log` calls)."""
        return self.audit.append_many(events) if events else []
