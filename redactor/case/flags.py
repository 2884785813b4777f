"""Flags and decisions: what detection proposed and what reviewers decided.

Every change of review state goes through :meth:`Flags.decide` or :meth:`Flags.add_manual_flag`,
which write the decision row and an audit event in one transaction.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import replace

from redactor import codes
from redactor.audit.log import utc_now
from redactor.case import schema
from redactor.case.actors import reviewer_name
from redactor.case.codec import FLAG_COLUMNS, decision_from_row, flag_from_row, flag_state, flag_to_row
from redactor.case.db import CaseDB
from redactor.entities import MANUAL
from redactor.errors import ConflictError, UsageError
from redactor.records import KEEP, PENDING, REDACT, Decision, Flag


class Flags(CaseDB):
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

    def defer_flag_indexes(self) -> None:
        """Drop the flags table's secondary indexes (``schema.FLAG_INDEXES``) before inserting a large source's flags.

        Until :meth:`restore_flag_indexes` (or the next opening of the case, after a kill) creates them again,
        flags are found by item only by reading the whole table: the caller reads none that way meanwhile.
        """
        self.drop_indexes(schema.FLAG_INDEXES)

    def restore_flag_indexes(self) -> list[str]:
        """Create the flags table's secondary indexes that are missing; their names (none: nothing to do)."""
        return self.create_missing_indexes(schema.FLAG_INDEXES)

    def review_mark(self) -> tuple[int, ...]:
        """A mark of everything review can change: decisions on flags and values, scope changes,
        flags added and values still being applied. Two equal marks mean no review happened between."""
        row = self.conn.execute(
            "SELECT (SELECT COALESCE(MAX(id), 0) FROM decisions), (SELECT COALESCE(MAX(id), 0) FROM value_decisions), "
            "(SELECT COALESCE(MAX(id), 0) FROM scope_changes), (SELECT COUNT(*) FROM flags), "
            "(SELECT COUNT(*) FROM value_clusters WHERE decision IS NOT NULL AND applied_version < version)"
        ).fetchone()
        return tuple(int(x) for x in row)

    def count_flags(self, source_id: str) -> int:
        """Detector and reviewer flags on a source's items."""
        return int(
            self.conn.execute(
                "SELECT COUNT(*) FROM flags WHERE item_id IN (SELECT item_id FROM items WHERE source_id = ?)", (source_id,)
            ).fetchone()[0]
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
            f"INSERT OR IGNORE INTO flags ({FLAG_COLUMNS}, created_at) VALUES ({', '.join('?' * 15)})",
            [flag_to_row(f, now) for f in flags],
        )

    def flags(self, item_id: str | None = None, status: str | None = None) -> list[Flag]:
        sql, args = f"SELECT {FLAG_COLUMNS} FROM flags", []
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
        return [flag_from_row(r) for r in self.conn.execute(sql, args).fetchall()]

    def flag(self, flag_id: str) -> Flag:
        row = self.conn.execute(f"SELECT {FLAG_COLUMNS} FROM flags WHERE flag_id = ?", (flag_id,)).fetchone()
        if row is None:
            raise UsageError(f"no flag {flag_id} in this case")
        return flag_from_row(row)

    def flag_spans(self, segment_id: str) -> list[tuple[int, int]]:
        """Where a segment is flagged already (any status)."""
        return [(r["start"], r["end"]) for r in self.conn.execute('SELECT start, "end" FROM flags WHERE segment_id = ?', (segment_id,))]

    def decisions(self, flag_id: str | None = None) -> list[Decision]:
        sql, args = "SELECT * FROM decisions", []
        if flag_id is not None:
            sql, args = sql + " WHERE flag_id = ?", [flag_id]
        return [decision_from_row(r) for r in self.conn.execute(sql + " ORDER BY id", args).fetchall()]

    def decisions_for(self, flag_ids: Sequence[str]) -> list[Decision]:
        """The decisions on some flags, oldest first per chunk of 500 flags."""
        out: list[Decision] = []
        for start in range(0, len(flag_ids), 500):
            chunk = list(flag_ids[start : start + 500])
            rows = self.conn.execute(f"SELECT * FROM decisions WHERE flag_id IN ({','.join('?' * len(chunk))}) ORDER BY id", chunk)
            out += [decision_from_row(r) for r in rows]
        return out

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
        reviewer_name(reviewer)
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
            decision = Decision(flag_id, action, reviewer, reason, utc_now(), flag_state(flag), flag_state(after_flag))
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
        self, segment_id: str, start: int, end: int, *, code: str, reviewer: str, reason: str = "", entity: str = MANUAL
    ) -> Flag:
        """A redaction the reviewer added by hand; it is decided (redact) at once."""
        if not codes.is_valid(code):
            raise UsageError(f"unknown reason code {code!r}; valid codes: {', '.join(codes.REASON_CODES)}")
        row = self.conn.execute("SELECT item_id, length(text) AS n FROM segments WHERE segment_id = ?", (segment_id,)).fetchone()
        if row is None:
            raise UsageError(f"no segment {segment_id} in this case")
        if not 0 <= start < end <= row["n"]:
            raise UsageError(f"span {start}-{end} is outside the segment (length {row['n']})")
        flag_id = Flag.make_id(segment_id, start, end, entity)
        explanation = {"added_by": reviewer}
        flag = Flag(flag_id, row["item_id"], segment_id, start, end, entity, 1.0, "manual", explanation, code, REDACT, PENDING, "manual", 0)
        with self.transaction():
            self._insert_flags([flag])
        self.decide(flag.flag_id, action="add", status=REDACT, reviewer=reviewer, reason=reason, stage="review")
        return self.flag(flag.flag_id)
