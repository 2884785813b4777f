"""Items and their segments: what extraction found in each source, stored in batches."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence

from redactor.case import schema
from redactor.case.codec import ITEM_COLUMNS, SEGMENT_COLUMNS, item_from_rows, item_from_tuples, item_rows, segment_from_row
from redactor.case.db import CaseDB
from redactor.case.value_spread import unindex_from
from redactor.errors import UsageError
from redactor.records import Item, Segment


class Items(CaseDB):
    def save_items(self, source_id: str, items: Sequence[Item], first_ordinal: int = 1) -> None:
        """Store a batch of a source's items and their segments in one transaction.

        Items and segments are keyed by stable ids and inserted once, so saving the same batch again
        (a resumed run) changes nothing.
        """
        self.save_rows(*item_rows(source_id, items, first_ordinal))

    def save_rows(self, items: Sequence[tuple], segments: Sequence[tuple]) -> None:
        """:meth:`save_items` for items already turned into rows (:func:`redactor.case.codec.item_rows`)."""
        with self.transaction() as conn:
            conn.executemany(
                "INSERT OR IGNORE INTO items (item_id, source_id, ordinal, locator, kind, title, meta, device) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                items,
            )
            conn.executemany(
                "INSERT OR IGNORE INTO segments (segment_id, item_id, idx, field, text, page, page_w, page_h, origin, words) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                segments,
            )

    def defer_item_indexes(self) -> None:
        """Drop the items' and segments' secondary indexes (``schema.ITEM_INDEXES``) while a large source's items are stored.

        Until :meth:`restore_item_indexes` (or the next opening of the case, after a kill) creates them again, a
        source's items and an item's segments are found only by reading the whole table: the caller (extraction,
        which only inserts) reads none that way meanwhile.
        """
        self.drop_indexes(schema.ITEM_INDEXES)

    def restore_item_indexes(self) -> list[str]:
        """Create the items' and segments' secondary indexes that are missing; their names (none: nothing to do)."""
        return self.create_missing_indexes(schema.ITEM_INDEXES)

    def item_batches(self, source_id: str, size: int = 500, after: int = 0, device: bool = True) -> Iterator[list[Item]]:
        """A source's items in order (from ordinal ``after`` on), a batch at a time, so a million-message
        source never sits in memory. Read as plain tuples, the segments of a batch in one query (hot path:
        detection reads every item of a case back, in the coordinating process). Without ``device``, the
        items come without their device facts (``NO_FACTS``), for stages that declare they never read them."""
        last = after
        cursor = self.conn.cursor()
        cursor.row_factory = None  # plain tuples, unpacked (a Row finds a field by name through its columns)
        while True:
            rows = cursor.execute(
                f"SELECT {ITEM_COLUMNS}, ordinal FROM items WHERE source_id = ? AND ordinal > ? ORDER BY ordinal LIMIT ?",
                (source_id, last, size),
            ).fetchall()
            if not rows:
                return
            last = rows[-1][-1]
            segments = self._segment_tuples([r[0] for r in rows])
            yield [item_from_tuples(r, segments.get(r[0], ()), device) for r in rows]

    def count_items(self, source_id: str, upto: int | None = None) -> int:
        sql, args = "SELECT COUNT(*) FROM items WHERE source_id = ?", [source_id]
        if upto is not None:
            sql, args = sql + " AND ordinal <= ?", [*args, upto]
        return int(self.conn.execute(sql, args).fetchone()[0])

    def count_all_items(self) -> int:
        """Items of every source of the case."""
        return int(self.conn.execute("SELECT COUNT(*) FROM items").fetchone()[0])

    def any_out_of_scope(self, source_id: str) -> bool:
        """Whether any item of the source is out of scope or sensitive (anything but in)."""
        return self.conn.execute("SELECT 1 FROM items WHERE source_id = ? AND scope != 'in' LIMIT 1", (source_id,)).fetchone() is not None

    def item_ordinal(self, item_id: str) -> int:
        return int(self.conn.execute("SELECT ordinal FROM items WHERE item_id = ?", (item_id,)).fetchone()[0])

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
            first = conn.execute(
                "SELECT min(rowid) FROM segments WHERE item_id IN (SELECT item_id FROM items WHERE source_id = ?)", (source_id,)
            )
            unindex_from(conn, first.fetchone()[0] or 2**62)  # their rowids may be given again
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

    def item_refs(self, item_ids: Sequence[str] | None = None) -> dict[str, str]:
        """Bundle references of items (all, or those named): source ref and ordinal, e.g. S0001-001."""
        sql = "SELECT i.item_id, s.ref, i.ordinal FROM items i JOIN sources s USING (source_id)"
        if item_ids is None:
            rows = self.conn.execute(sql)
        else:
            rows = self.conn.execute(f"{sql} WHERE i.item_id IN ({','.join('?' * len(item_ids))})", list(item_ids))
        return {r["item_id"]: f"{r['ref']}-{r['ordinal']:03d}" for r in rows}

    def segment(self, segment_id: str) -> Segment | None:
        row = self.conn.execute(f"SELECT {SEGMENT_COLUMNS} FROM segments WHERE segment_id = ?", (segment_id,)).fetchone()
        return None if row is None else segment_from_row(row)

    def segment_text(self, segment_id: str) -> str | None:
        row = self.conn.execute("SELECT text FROM segments WHERE segment_id = ?", (segment_id,)).fetchone()
        return None if row is None else str(row["text"])

    def _segment_tuples(self, item_ids: Sequence[str]) -> dict[str, list[tuple]]:
        """The segments of many items as plain tuples (``SEGMENT_COLUMNS``), by item, each item's in order
        (one query per 500 items, not one per item)."""
        out: dict[str, list[tuple]] = {}
        cursor = self.conn.cursor()
        cursor.row_factory = None
        for start in range(0, len(item_ids), 500):
            chunk = item_ids[start : start + 500]
            sql = f"SELECT {SEGMENT_COLUMNS} FROM segments WHERE item_id IN ({','.join('?' * len(chunk))}) ORDER BY item_id, idx"
            for seg in cursor.execute(sql, chunk):
                found = out.get(seg[1])
                if found is None:
                    out[seg[1]] = [seg]
                else:
                    found.append(seg)
        return out

    def _item(self, row: sqlite3.Row) -> Item:
        segs = self.conn.execute(f"SELECT {SEGMENT_COLUMNS} FROM segments WHERE item_id = ? ORDER BY idx", (row["item_id"],)).fetchall()
        return item_from_rows(row, segs)
