"""Value clusters, the read side: what the values list, the review app and exports ask of them.

:class:`ValueReads` reads clusters (as :class:`~redactor.case.value_rows.ValueRow`), their members and
occurrences, and the values redacted in one place and kept in another; it never writes. Filing, deciding
and applying are :mod:`redactor.case.values` and :mod:`redactor.case.value_apply`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any

from redactor.case.db import CaseDB
from redactor.case.value_rows import Inconsistency, ValueRow, value_row
from redactor.errors import UsageError
from redactor.records import KEEP, REDACT


class ValueReads(CaseDB):
    def _cluster(self, value_id: str) -> dict[str, Any]:
        return dict(self._row(value_id))

    def _row(self, value_id: str) -> sqlite3.Row:
        row = self.conn.execute("SELECT * FROM value_clusters WHERE value_id = ?", (value_id,)).fetchone()
        if row is None:
            raise UsageError(f"no value {value_id} in this case", hint="list them with 'redactor values CASE'")
        return row

    def value_rows(self, status: str | None = None) -> list[ValueRow]:
        """Every cluster with its counts, highest risk and most occurrences first."""
        rows = [value_row(r) for r in self.conn.execute("SELECT * FROM value_clusters WHERE occurrences > 0")]
        rows.sort(key=lambda v: (-v.risk, -v.occurrences, v.value_id))
        return [v for v in rows if status is None or v.status == status]

    def value(self, value_id: str) -> ValueRow:
        return value_row(self._row(value_id))

    def value_flag_ids(self, value_id: str) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT flag_id FROM flag_values WHERE value_id = ? ORDER BY flag_id", (value_id,))]

    def value_of_flags(self, flag_ids: Sequence[str]) -> dict[str, str]:
        out: dict[str, str] = {}
        for start in range(0, len(flag_ids), 500):
            chunk = list(flag_ids[start : start + 500])
            sql = f"SELECT flag_id, value_id FROM flag_values WHERE flag_id IN ({','.join('?' * len(chunk))})"
            out.update({r[0]: r[1] for r in self.conn.execute(sql, chunk)})
        return out

    def value_occurrences(self, value_id: str, limit: int = 200) -> list[dict[str, Any]]:
        """Occurrences of a value in bundle order: flag, item and its reference, the segment's text, status, exception."""
        rows = self.conn.execute(
            'SELECT f.flag_id, f.item_id, f.start, f."end", f.status, f.code, f.version, v.excepted, s.text, src.ref, i.ordinal '
            "FROM flag_values v JOIN flags f USING (flag_id) JOIN segments s USING (segment_id) JOIN items i ON i.item_id = f.item_id "
            "JOIN sources src ON src.source_id = i.source_id WHERE v.value_id = ? ORDER BY src.ref, i.ordinal, f.start LIMIT ?",
            (value_id, limit),
        )
        return [dict(r) for r in rows]

    def inconsistent_values(self, rows: Sequence[ValueRow] | None = None) -> list[Inconsistency]:
        """Values redacted in one place and kept in another; an exception without a recorded reason blocks the bundle."""
        out = []
        for v in self.value_rows() if rows is None else rows:
            if not (v.redacted and v.kept) or v.applying:  # a decision being applied is no inconsistency (yet)
                continue
            norm = v.decision or (KEEP if v.kept > v.redacted else REDACT)
            other = KEEP if norm == REDACT else REDACT
            rows = self.conn.execute(
                "SELECT f.flag_id, v.excepted, (SELECT reason FROM decisions d WHERE d.flag_id = f.flag_id ORDER BY id DESC LIMIT 1) AS reason "
                "FROM flags f JOIN flag_values v USING (flag_id) WHERE v.value_id = ? AND f.status = ?",
                (v.value_id, other),
            ).fetchall()
            unexplained = tuple(r["flag_id"] for r in rows if not (r["reason"] or "").strip())
            out.append(Inconsistency(v, norm, tuple(r["flag_id"] for r in rows), unexplained))
        return out

    def flag_status_counts(self) -> dict[str, int]:
        return {r[0]: r[1] for r in self.conn.execute("SELECT status, COUNT(*) FROM flags GROUP BY status")}
