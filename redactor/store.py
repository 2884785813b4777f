"""The case store: one SQLite database per case folder, plus the audit log beside it.

A case folder holds ``case.db`` (sources, items, segments, flags, decisions,
quarantine), ``audit.jsonl`` and ``work/`` for intermediate files. Originals are
never copied into or modified by the case; sources are identified by SHA-256, so
re-running on the same files adds nothing.

Every change of review state goes through :meth:`CaseStore.decide` or
:meth:`CaseStore.add_manual_flag`, which write the decision and an audit event.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

from redactor import codes
from redactor.audit.log import AuditEvent, AuditLog, utc_now, verify_audit_file
from redactor.errors import CaseError, ConflictError, UsageError
from redactor.records import (
    KEEP,
    PENDING,
    REDACT,
    Decision,
    Flag,
    Item,
    Person,
    Quarantined,
    Segment,
    Source,
    Word,
    stable_id,
)

SCHEMA_VERSION = 1

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sources (
    source_id TEXT PRIMARY KEY, ref TEXT UNIQUE NOT NULL, path TEXT NOT NULL, name TEXT NOT NULL,
    size INTEGER NOT NULL, media_type TEXT NOT NULL, added_at TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'new', detect_key TEXT,
    parent_id TEXT REFERENCES sources, locator TEXT
);
CREATE TABLE IF NOT EXISTS people (
    person_id TEXT PRIMARY KEY, name TEXT NOT NULL, aliases TEXT NOT NULL, phones TEXT NOT NULL,
    emails TEXT NOT NULL, role TEXT NOT NULL, origin TEXT NOT NULL, device_owner INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS quarantine (
    id INTEGER PRIMARY KEY, source_id TEXT, path TEXT NOT NULL, stage TEXT NOT NULL,
    code TEXT NOT NULL, reason TEXT NOT NULL, at TEXT NOT NULL, UNIQUE (path, stage, code)
);
CREATE TABLE IF NOT EXISTS items (
    item_id TEXT PRIMARY KEY, source_id TEXT NOT NULL REFERENCES sources, ordinal INTEGER NOT NULL,
    locator TEXT NOT NULL, kind TEXT NOT NULL, title TEXT NOT NULL, meta TEXT NOT NULL,
    scope TEXT NOT NULL DEFAULT 'in'
);
CREATE INDEX IF NOT EXISTS items_source ON items (source_id, ordinal);
CREATE TABLE IF NOT EXISTS segments (
    segment_id TEXT PRIMARY KEY, item_id TEXT NOT NULL REFERENCES items, idx INTEGER NOT NULL,
    field TEXT NOT NULL, text TEXT NOT NULL, page INTEGER, page_w REAL, page_h REAL,
    origin TEXT NOT NULL, words TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS segments_item ON segments (item_id, idx);
CREATE TABLE IF NOT EXISTS flags (
    flag_id TEXT PRIMARY KEY, item_id TEXT NOT NULL REFERENCES items, segment_id TEXT NOT NULL,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL, entity TEXT NOT NULL, score REAL NOT NULL,
    recognizer TEXT NOT NULL, explanation TEXT NOT NULL, code TEXT NOT NULL, proposed TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending', origin TEXT NOT NULL DEFAULT 'detector',
    version INTEGER NOT NULL DEFAULT 1, created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS flags_item ON flags (item_id, segment_id, start);
CREATE INDEX IF NOT EXISTS flags_status ON flags (status, entity);
CREATE TABLE IF NOT EXISTS decisions (
    id INTEGER PRIMARY KEY, flag_id TEXT NOT NULL REFERENCES flags, action TEXT NOT NULL,
    reviewer TEXT NOT NULL, reason TEXT NOT NULL, at TEXT NOT NULL, before TEXT NOT NULL, after TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS decisions_flag ON decisions (flag_id);
"""

SCOPE_SCHEMA = """
CREATE TABLE IF NOT EXISTS scope_changes (
    id INTEGER PRIMARY KEY, item_id TEXT NOT NULL REFERENCES items, reviewer TEXT NOT NULL, reason TEXT NOT NULL,
    at TEXT NOT NULL, before TEXT NOT NULL, after TEXT NOT NULL
);
"""

_FLAG_COLUMNS = (
    'flag_id, item_id, segment_id, start, "end", entity, score, recognizer, explanation, code, proposed, status, origin, version'
)


def _words_to_json(words: Sequence[Word]) -> str:
    return json.dumps([[w.start, w.end, *[round(v, 2) for v in w.box], w.conf] for w in words], separators=(",", ":"))


def _words_from_json(text: str) -> tuple[Word, ...]:
    return tuple(Word(r[0], r[1], (r[2], r[3], r[4], r[5]), r[6]) for r in json.loads(text))


def _flag_from_row(row: sqlite3.Row) -> Flag:
    return Flag(
        flag_id=row["flag_id"],
        item_id=row["item_id"],
        segment_id=row["segment_id"],
        start=row["start"],
        end=row["end"],
        entity=row["entity"],
        score=row["score"],
        recognizer=row["recognizer"],
        explanation=json.loads(row["explanation"]),
        code=row["code"],
        proposed=row["proposed"],
        status=row["status"],
        origin=row["origin"],
        version=row["version"],
    )


def _flag_state(flag: Flag) -> dict[str, Any]:
    """What a decision changes, for the before/after record (no text values)."""
    return {"status": flag.status, "code": flag.code, "start": flag.start, "end": flag.end, "version": flag.version}


class CaseStore:
    """Opens a case folder. Use :meth:`create` for a new case, :meth:`open` for an existing one."""

    DB_NAME = "case.db"
    AUDIT_NAME = "audit.jsonl"

    def __init__(self, root: Path, actor: str = "system") -> None:
        self.root = Path(root)
        self.db_path = self.root / self.DB_NAME
        self.work_dir = self.root / "work"
        self.conn = sqlite3.connect(self.db_path, timeout=30, isolation_level=None)
        self.conn.row_factory = sqlite3.Row
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute("PRAGMA foreign_keys=ON")
        self.conn.execute("PRAGMA busy_timeout=30000")
        self.audit = AuditLog(self.root / self.AUDIT_NAME, actor=actor, on_append=self._record_head)

    # -- opening -----------------------------------------------------------------------------
    @classmethod
    def create(cls, root: Path, actor: str = "system") -> CaseStore:
        root = Path(root)
        if root.exists() and not root.is_dir():
            raise CaseError(f"{root} exists and is not a folder", hint="choose a new folder for the case")
        if root.is_dir() and not (root / cls.DB_NAME).exists() and any(root.iterdir()):
            raise CaseError(f"{root} is not empty and is not a redactor case", hint="choose a new or empty folder for the case")
        root.mkdir(parents=True, exist_ok=True)
        store = cls(root, actor)
        store.conn.executescript(SCHEMA + SCOPE_SCHEMA)
        if store.meta("schema_version") is None:
            store.set_meta("schema_version", str(SCHEMA_VERSION))
            store.set_meta("created_at", utc_now())
            store.audit.append("case", "case.created", {"schema_version": SCHEMA_VERSION})
        store.work_dir.mkdir(exist_ok=True)
        return store

    @classmethod
    def open(cls, root: Path, actor: str = "system") -> CaseStore:
        root = Path(root)
        if not (root / cls.DB_NAME).is_file():
            raise CaseError(f"{root} is not a redactor case (no {cls.DB_NAME})")
        store = cls(root, actor)
        version = store.meta("schema_version")
        if version != str(SCHEMA_VERSION):
            raise CaseError(
                f"{root}: case schema version {version}, this tool reads {SCHEMA_VERSION}",
                hint="use the tool version that created the case",
            )
        return store

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> CaseStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

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

    # -- sources -------------------------------------------------------------------------------
    def find_source(self, source_id: str) -> Source | None:
        row = self.conn.execute("SELECT * FROM sources WHERE source_id = ?", (source_id,)).fetchone()
        return None if row is None else self._source(row)

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

    def sources(self) -> list[Source]:
        return [self._source(r) for r in self.conn.execute("SELECT * FROM sources ORDER BY ref")]

    def source_status(self, source_id: str) -> str:
        row = self.conn.execute("SELECT status FROM sources WHERE source_id = ?", (source_id,)).fetchone()
        return "missing" if row is None else str(row["status"])

    def set_source_status(self, source_id: str, status: str, detect_key: str | None = None) -> None:
        self.conn.execute("UPDATE sources SET status = ?, detect_key = ? WHERE source_id = ?", (status, detect_key, source_id))

    def source_detect_key(self, source_id: str) -> str | None:
        row = self.conn.execute("SELECT detect_key FROM sources WHERE source_id = ?", (source_id,)).fetchone()
        return None if row is None else row["detect_key"]

    def detection_key(self, pipeline_hash: str) -> str:
        """What detection depends on: the pipeline and the people the case knows.

        When it changes (a new address book, an edited roster), sources are detected again;
        decided flags survive, undecided ones are replaced.
        """
        people = [
            list(r) for r in self.conn.execute("SELECT person_id, name, aliases, phones, emails, role FROM people ORDER BY person_id")
        ]
        addresses = self.meta("roster.addresses")  # the roster's addresses (redactor.decide.roster)
        return stable_id(pipeline_hash, json.dumps(people if addresses is None else [people, addresses]), length=64)

    # -- people --------------------------------------------------------------------------------
    def add_people(self, people: Iterable[Person]) -> int:
        rows = [
            (
                p.person_id,
                p.name,
                json.dumps(list(p.aliases)),
                json.dumps(list(p.phones)),
                json.dumps(list(p.emails)),
                p.role,
                p.origin,
                int(p.device_owner),
            )
            for p in people
        ]
        with self.transaction() as conn:
            conn.executemany(
                "INSERT INTO people (person_id, name, aliases, phones, emails, role, origin, device_owner) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (person_id) DO UPDATE SET name = excluded.name, aliases = excluded.aliases, phones = excluded.phones, "
                "emails = excluded.emails, role = excluded.role, origin = excluded.origin, device_owner = excluded.device_owner",
                rows,
            )
        return len(rows)

    def people(self) -> list[Person]:
        rows = self.conn.execute("SELECT * FROM people ORDER BY person_id").fetchall()
        return [
            Person(
                r["person_id"],
                r["name"],
                tuple(json.loads(r["aliases"])),
                tuple(json.loads(r["phones"])),
                tuple(json.loads(r["emails"])),
                r["role"],
                r["origin"],
                bool(r["device_owner"]),
            )
            for r in rows
        ]

    @staticmethod
    def _source(row: sqlite3.Row) -> Source:
        return Source(row["source_id"], row["ref"], row["path"], row["name"], row["size"], row["media_type"])

    # -- quarantine ----------------------------------------------------------------------------
    def quarantine(self, q: Quarantined) -> None:
        self.conn.execute(
            "INSERT INTO quarantine (source_id, path, stage, code, reason, at) VALUES (?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (path, stage, code) DO UPDATE SET reason = excluded.reason, at = excluded.at",
            (q.source_id, q.path, q.stage, q.code, q.reason, utc_now()),
        )
        if q.source_id:
            self.set_source_status(q.source_id, "quarantined")

    def clear_quarantine(self, path: str) -> None:
        self.conn.execute("DELETE FROM quarantine WHERE path = ?", (path,))

    def quarantined(self) -> list[Quarantined]:
        rows = self.conn.execute("SELECT * FROM quarantine ORDER BY id")
        return [Quarantined(r["path"], r["stage"], r["code"], r["reason"], r["source_id"]) for r in rows]

    # -- items and segments --------------------------------------------------------------------
    def save_items(self, source_id: str, items: Sequence[Item], first_ordinal: int = 1) -> None:
        """Store a batch of a source's items and their segments in one transaction.

        Items are keyed by stable ids and inserted once, so saving the same batch again
        (a resumed run) changes nothing.
        """
        with self.transaction() as conn:
            for ordinal, item in enumerate(items, start=first_ordinal):
                conn.execute(
                    "INSERT OR IGNORE INTO items (item_id, source_id, ordinal, locator, kind, title, meta) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (item.item_id, source_id, ordinal, item.locator, item.kind, item.title, json.dumps(dict(item.meta), default=str)),
                )
                conn.executemany(
                    "INSERT OR IGNORE INTO segments (segment_id, item_id, idx, field, text, page, page_w, page_h, origin, words) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [
                        (
                            seg.segment_id,
                            item.item_id,
                            seg.index,
                            seg.field,
                            seg.text,
                            seg.page,
                            *(seg.page_size or (None, None)),
                            seg.origin,
                            _words_to_json(seg.words),
                        )
                        for seg in item.segments
                    ],
                )

    def item_batches(self, source_id: str, size: int = 500) -> Iterator[list[Item]]:
        """A source's items in order, a batch at a time, so a million-message source never sits in memory."""
        last = 0
        while True:
            rows = self.conn.execute(
                "SELECT * FROM items WHERE source_id = ? AND ordinal > ? ORDER BY ordinal LIMIT ?", (source_id, last, size)
            ).fetchall()
            if not rows:
                return
            last = rows[-1]["ordinal"]
            yield [self._item(r) for r in rows]

    def clear_pending_flags(self, source_id: str) -> None:
        """Drop the undecided detector flags of a source before it is detected again.

        Flags that carry a decision are kept as they are: re-running never throws away a
        reviewer's work.
        """
        self.conn.execute(
            "DELETE FROM flags WHERE origin = 'detector' AND status = 'pending' AND item_id IN (SELECT item_id FROM items WHERE source_id = ?) "
            "AND flag_id NOT IN (SELECT flag_id FROM decisions)",
            (source_id,),
        )

    def save_flags(self, source_id: str, flags: Iterable[Flag], *, replace: bool = True) -> None:
        """Store flags of a source's items; with ``replace``, its undecided detector flags go first."""
        with self.transaction():
            if replace:
                self.clear_pending_flags(source_id)
            self._insert_flags(flags)

    def _insert_flags(self, flags: Iterable[Flag]) -> None:
        """Insert flags once (keyed by their stable ids); an existing flag and its decisions are untouched."""
        now = utc_now()
        self.conn.executemany(
            f"INSERT OR IGNORE INTO flags ({_FLAG_COLUMNS}, created_at) VALUES ({', '.join('?' * 15)})",
            [
                (
                    f.flag_id,
                    f.item_id,
                    f.segment_id,
                    f.start,
                    f.end,
                    f.entity,
                    f.score,
                    f.recognizer,
                    json.dumps(dict(f.explanation), default=str),
                    f.code,
                    f.proposed,
                    f.status,
                    f.origin,
                    f.version,
                    now,
                )
                for f in flags
            ],
        )

    def discard_items(self, source_id: str) -> None:
        """Remove what a failed stage left of a source, unless reviewers have decided on it."""
        with self.transaction() as conn:
            decided = conn.execute(
                "SELECT COUNT(*) FROM decisions d JOIN flags f USING (flag_id) JOIN items i ON i.item_id = f.item_id WHERE i.source_id = ?",
                (source_id,),
            ).fetchone()[0]
            if decided:
                return
            conn.execute("DELETE FROM flags WHERE item_id IN (SELECT item_id FROM items WHERE source_id = ?)", (source_id,))
            conn.execute("DELETE FROM segments WHERE item_id IN (SELECT item_id FROM items WHERE source_id = ?)", (source_id,))
            conn.execute("DELETE FROM items WHERE source_id = ?", (source_id,))

    def items(self, source_id: str | None = None) -> list[Item]:
        if source_id is None:
            rows = self.conn.execute("SELECT i.* FROM items i JOIN sources s USING (source_id) ORDER BY s.ref, i.ordinal")
        else:
            rows = self.conn.execute("SELECT * FROM items WHERE source_id = ? ORDER BY ordinal", (source_id,))
        return [self._item(r) for r in rows.fetchall()]

    def item(self, item_id: str) -> Item:
        row = self.conn.execute("SELECT * FROM items WHERE item_id = ?", (item_id,)).fetchone()
        if row is None:
            raise UsageError(f"no item {item_id} in this case")
        return self._item(row)

    def item_refs(self) -> dict[str, str]:
        """Bundle references of every item: source ref and ordinal, e.g. S0001-001."""
        rows = self.conn.execute("SELECT i.item_id, s.ref, i.ordinal FROM items i JOIN sources s USING (source_id)")
        return {r["item_id"]: f"{r['ref']}-{r['ordinal']:03d}" for r in rows}

    SCOPES = ("in", "out", "sensitive")  # out: not relevant (IRR); sensitive: MG6D (SEN)

    def set_item_scope(self, item_id: str, scope: str, *, actor: str, reason: str, stage: str = "review") -> None:
        """Mark an item in scope, out of scope (IRR) or sensitive (SEN); audited."""
        if scope not in self.SCOPES:
            raise UsageError(f"unknown scope {scope!r}; use {', '.join(self.SCOPES)}")
        self.conn.execute(SCOPE_SCHEMA)  # cases made before the table existed get it here
        with self.transaction() as conn:
            before = self.item_scope(item_id)
            conn.execute("UPDATE items SET scope = ? WHERE item_id = ?", (scope, item_id))
            conn.execute(
                "INSERT INTO scope_changes (item_id, reviewer, reason, at, before, after) VALUES (?, ?, ?, ?, ?, ?)",
                (item_id, actor, reason, utc_now(), before, scope),
            )
            self.log(stage, "item.scope", {"item_id": item_id, "before": before, "after": scope, "reason_given": bool(reason)}, actor=actor)

    def scope_history(self, item_id: str) -> list[sqlite3.Row]:
        """Who changed an item's scope, when, from what to what, and why (oldest first)."""
        try:
            return self.conn.execute("SELECT * FROM scope_changes WHERE item_id = ? ORDER BY id", (item_id,)).fetchall()
        except sqlite3.OperationalError:  # a case made before the table existed, never scoped since
            return []

    def pending_in_scope(self) -> int:
        """Undecided flags on items in scope; items marked out of scope or sensitive are withheld whole."""
        return self.conn.execute(
            "SELECT COUNT(*) FROM flags f JOIN items i USING (item_id) WHERE f.status = 'pending' AND i.scope = 'in'"
        ).fetchone()[0]

    def item_scope(self, item_id: str) -> str:
        row = self.conn.execute("SELECT scope FROM items WHERE item_id = ?", (item_id,)).fetchone()
        return "in" if row is None else str(row["scope"])

    def _item(self, row: sqlite3.Row) -> Item:
        segs = self.conn.execute("SELECT * FROM segments WHERE item_id = ? ORDER BY idx", (row["item_id"],))
        segments = tuple(
            Segment(
                segment_id=s["segment_id"],
                item_id=s["item_id"],
                index=s["idx"],
                field=s["field"],
                text=s["text"],
                page=s["page"],
                page_size=None if s["page_w"] is None else (s["page_w"], s["page_h"]),
                words=_words_from_json(s["words"]),
                origin=s["origin"],
            )
            for s in segs.fetchall()
        )
        return Item(row["item_id"], row["source_id"], row["locator"], row["kind"], row["title"], segments, json.loads(row["meta"]))

    # -- flags ---------------------------------------------------------------------------------
    def flags(self, item_id: str | None = None, status: str | None = None) -> list[Flag]:
        sql, args = f"SELECT {_FLAG_COLUMNS} FROM flags", []
        where = []
        if item_id is not None:
            where.append("item_id = ?")
            args.append(item_id)
        if status is not None:
            where.append("status = ?")
            args.append(status)
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += ' ORDER BY item_id, segment_id, start, "end", entity'
        return [_flag_from_row(r) for r in self.conn.execute(sql, args).fetchall()]

    def flag(self, flag_id: str) -> Flag:
        row = self.conn.execute(f"SELECT {_FLAG_COLUMNS} FROM flags WHERE flag_id = ?", (flag_id,)).fetchone()
        if row is None:
            raise UsageError(f"no flag {flag_id} in this case")
        return _flag_from_row(row)

    def decisions(self, flag_id: str | None = None) -> list[Decision]:
        sql, args = "SELECT * FROM decisions", []
        if flag_id is not None:
            sql, args = sql + " WHERE flag_id = ?", [flag_id]
        rows = self.conn.execute(sql + " ORDER BY id", args).fetchall()
        return [
            Decision(r["flag_id"], r["action"], r["reviewer"], r["reason"], r["at"], json.loads(r["before"]), json.loads(r["after"]))
            for r in rows
        ]

    def decide(
        self,
        flag_id: str,
        *,
        action: str,
        status: str,
        reviewer: str,
        reason: str = "",
        code: str | None = None,
        span: tuple[int, int] | None = None,
        expected_version: int | None = None,
        stage: str = "decide",
    ) -> Decision:
        """Record one decision: update the flag, append the decision row, write the audit event.

        ``expected_version`` makes the change conditional: if another reviewer changed the
        flag since it was loaded, :class:`ConflictError` is raised and nothing changes.
        """
        if status not in (REDACT, KEEP, PENDING):
            raise UsageError(f"unknown status {status!r}; use redact, keep or pending")
        if code is not None and not codes.is_valid(code):
            raise UsageError(f"unknown reason code {code!r}; valid codes: {', '.join(codes.REASON_CODES)}")
        if not reviewer.strip():
            raise UsageError("a decision needs a reviewer name", hint="pass --reviewer NAME")
        with self.transaction() as conn:
            flag = self.flag(flag_id)
            if expected_version is not None and flag.version != expected_version:
                raise ConflictError(f"flag {flag_id} was changed by someone else (version {flag.version}, you loaded {expected_version})")
            start, end = span if span is not None else (flag.start, flag.end)
            after_flag = replace(flag, status=status, code=code or flag.code, start=start, end=end, version=flag.version + 1)
            conn.execute(
                'UPDATE flags SET status = ?, code = ?, start = ?, "end" = ?, version = ? WHERE flag_id = ?',
                (after_flag.status, after_flag.code, start, end, after_flag.version, flag_id),
            )
            decision = Decision(flag_id, action, reviewer, reason, utc_now(), _flag_state(flag), _flag_state(after_flag))
            conn.execute(
                "INSERT INTO decisions (flag_id, action, reviewer, reason, at, before, after) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (flag_id, action, reviewer, reason, decision.at, json.dumps(dict(decision.before)), json.dumps(dict(decision.after))),
            )
            self.log(
                stage,
                f"flag.{action}",
                {"flag_id": flag_id, "before": decision.before, "after": decision.after, "reason_given": bool(reason)},
                actor=reviewer,
            )
        return decision

    def add_manual_flag(
        self, segment_id: str, start: int, end: int, *, code: str, reviewer: str, reason: str = "", entity: str = "MANUAL"
    ) -> Flag:
        """A redaction the reviewer added by hand; it is decided (redact) at once."""
        if not codes.is_valid(code):
            raise UsageError(f"unknown reason code {code!r}; valid codes: {', '.join(codes.REASON_CODES)}")
        row = self.conn.execute("SELECT item_id, length(text) AS n FROM segments WHERE segment_id = ?", (segment_id,)).fetchone()
        if row is None:
            raise UsageError(f"no segment {segment_id} in this case")
        if not 0 <= start < end <= row["n"]:
            raise UsageError(f"span {start}-{end} is outside the segment (length {row['n']})")
        flag = Flag(
            Flag.make_id(segment_id, start, end, entity),
            row["item_id"],
            segment_id,
            start,
            end,
            entity,
            1.0,
            "manual",
            {"added_by": reviewer},
            code,
            REDACT,
            PENDING,
            "manual",
            0,
        )
        with self.transaction():
            self._insert_flags([flag])
        self.decide(flag.flag_id, action="add", status=REDACT, reviewer=reviewer, reason=reason, stage="review")
        return self.flag(flag.flag_id)

    # -- summaries -----------------------------------------------------------------------------
    def counts(self) -> dict[str, Any]:
        q = self.conn.execute
        by_entity: dict[str, dict[str, int]] = {}
        for r in q("SELECT entity, status, COUNT(*) AS n FROM flags GROUP BY entity, status"):
            by_entity.setdefault(r["entity"], {})[r["status"]] = r["n"]
        by_status = {r["status"]: r["n"] for r in q("SELECT status, COUNT(*) AS n FROM flags GROUP BY status")}
        return {
            "sources": q("SELECT COUNT(*) FROM sources").fetchone()[0],
            "sources_by_status": {r["status"]: r["n"] for r in q("SELECT status, COUNT(*) AS n FROM sources GROUP BY status")},
            "items": q("SELECT COUNT(*) FROM items").fetchone()[0],
            "items_by_kind": {r["kind"]: r["n"] for r in q("SELECT kind, COUNT(*) AS n FROM items GROUP BY kind")},
            "flags": sum(by_status.values()),
            "flags_by_status": {s: by_status.get(s, 0) for s in (PENDING, REDACT, KEEP)},
            "flags_by_entity": by_entity,
            "decisions": q("SELECT COUNT(*) FROM decisions").fetchone()[0],
            "quarantined": [{"path": x.path, "stage": x.stage, "code": x.code, "reason": x.reason} for x in self.quarantined()],
        }


def new_item_id(source_id: str, locator: str) -> str:
    return stable_id(source_id, locator)
