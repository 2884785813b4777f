"""A spread of very many values (the policy's after a large run, issue 10): their texts a batch of values at a time.

:meth:`ValueSpread.spread_values` holds every text it spreads at once, with its source and its trigram key (about 600 B a
text, so several hundred megabytes for the 1.8 million texts of a 1,000,000-card address book). Past :data:`BATCH`
values, :meth:`ManySpread.spread_many` gathers the occurrences of one batch of values' texts at a time (each batch a
pass over the segment index) into a temporary table, writes nothing to the case until every batch is read, and then
keeps what one spread of them all would have kept, in its order: the occurrences in segment order, then by text, then
by place, a later one dropped when an earlier kept one spans it (an earlier batch's first, for a text two batches
share). So the case ends exactly as after :meth:`ValueSpread.spread_values` (the same flags, memberships, decision rows
in the same order, and the same ``value.spread`` events), with the texts of one batch held at a time.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from typing import Any

from redactor.audit.log import utc_now
from redactor.case.codec import flag_to_row
from redactor.case.value_spread import _ASIDE, _BY_VALUE, _HELD, _ITEMS, ValueSpread, _chunks, _state
from redactor.records import KEEP, REDACT

BATCH = 150_000  # values whose texts a spread of many holds at a time (a multiple of value_spread._CHUNK; a 1,000,000-message
# phone has 135,000: one batch, as before; a 1,000,000-card address book 1.8 million: 12)
_EVENT_PAGE = 5_000  # value.spread events written at a time
_FOUND = (  # an occurrence a batch found: where (segment, text, place, batch) and the row temp.spreading takes for it
    'CREATE TEMP TABLE IF NOT EXISTS spread_found (found_segment, found_norm, found_start, found_end, found_batch, flag_id, item_id, segment_id, start, "end", entity, score, recognizer, explanation, '
    "code, proposed, status, origin, version, created_at, value_id, reviewer, reason, before, after, value_decision)"
)
_IN_ORDER = (  # as one spread of every text finds them: segments in rowid order, then the texts, then the places
    'SELECT t.found_start, t.found_end, t.found_segment, t.flag_id, t.item_id, t.segment_id, t.start, t."end", t.entity, t.score, t.recognizer, '
    "t.explanation, t.code, t.proposed, t.status, t.origin, t.version, t.created_at, t.value_id, t.reviewer, t.reason, t.before, t.after, "
    "t.value_decision FROM temp.spread_found t JOIN segments s ON s.segment_id = t.found_segment "
    "ORDER BY s.rowid, t.found_norm, t.found_start, t.found_batch"
)
_ITEMS_ALL = _ITEMS.replace("value_id = ?", "value_id IN (SELECT value_id FROM temp.spreading)")  # as _ITEMS for each
_EVENTS = (  # one value.spread event per value, as ValueSpread._add logs them (a policy's texts all belong to values)
    "SELECT value_id, COUNT(*), min(reviewer), min(reason) FROM temp.spreading GROUP BY value_id ORDER BY value_id"
)


class ManySpread(ValueSpread):
    def spread_many(self, value_ids: Iterable[str], *, actor: str = "system") -> int:
        """:meth:`ValueSpread.spread_values` for these values (given sorted and distinct, read as the caller goes), the
        texts of :data:`BATCH` values held at a time; returns the flags added."""
        ids = iter(value_ids)
        first = list(itertools.islice(ids, BATCH))
        if len(first) < BATCH:  # one batch: the spread of them all
            return len(self.spread_values(first, actor=actor))
        self.conn.execute(_FOUND)
        self.conn.execute("DELETE FROM temp.spread_found")
        now, indexed = utc_now(), False
        for number, batch in enumerate(itertools.chain([first], _batches(ids))):
            sources: dict[str, Any] = {}
            for chunk in _chunks(batch):  # as spread_values reads them: the chunks of the whole are those of each batch
                read = self.conn.execute(_BY_VALUE + f" AND v.value_id IN ({','.join('?' * len(chunk))}) ORDER BY f.flag_id", chunk)
                sources |= self._sources(read, actor, sources)
            if not sources:
                continue
            if not indexed:
                self.index_segments()
                indexed = True
            for found in self.occurrences(sorted(sources), 0):
                self._found(found, sources, number, now)
            del sources
        return self._keep_found()

    def _found(self, found: list[tuple[str, str, int, int, str]], sources: dict[str, Any], number: int, now: str) -> None:
        """A batch's occurrences, each as :meth:`ValueSpread._set_aside` sets a flag aside, with where it was found."""
        rows = []
        for segment_id, item_id, start, end, norm in found:
            s = sources[norm]
            f = self._flag(segment_id, item_id, start, end, s)
            where = (segment_id, norm, start, end, number)
            rows.append(
                (*where, *flag_to_row(f, now), s.value_id, s.actor, s.why, _state(f, KEEP, 0), _state(f, REDACT, 1), s.value_decision)
            )
        self.conn.executemany(f"INSERT INTO temp.spread_found VALUES ({', '.join('?' * 26)})", rows)

    def _keep_found(self) -> int:
        """What one spread of every batch's texts keeps of the occurrences found (no occurrence inside one kept before it in
        its segment), written to the case as :meth:`ValueSpread._add` writes them; returns how many."""
        self.conn.execute(_ASIDE)
        self.conn.execute("DELETE FROM temp.spreading")
        cursor = self.conn.cursor()
        cursor.row_factory = None
        kept, rows, segment, taken = 0, [], None, []
        for row in cursor.execute(_IN_ORDER):
            start, end = row[0], row[1]
            if row[2] != segment:
                segment, taken = row[2], []
            if any(a <= start and end <= b for a, b in taken):  # an earlier text (or batch) took it
                continue
            taken.append((start, end))
            rows.append(row[3:])
            if len(rows) >= _HELD:
                kept += self._keep(rows)
        kept += self._keep(rows)
        self.conn.execute("DELETE FROM temp.spread_found")
        if kept:
            with self.transaction():
                self._written()
        return kept

    def _keep(self, rows: list[tuple[Any, ...]]) -> int:
        self.conn.executemany(f"INSERT INTO temp.spreading VALUES ({', '.join('?' * 21)})", rows)
        n = len(rows)
        rows.clear()
        return n

    def _written(self) -> None:
        """The kept flags into the case, then each value's items recounted and its one audit event, in value id order."""
        self._write_aside(keep=True)
        self.conn.execute(_ITEMS_ALL)
        cursor = self.conn.cursor()
        cursor.row_factory = None
        cursor.execute(_EVENTS)  # the values that add flags (a tenth of an address book's), a page at a time, one fsync a page
        while page := cursor.fetchmany(_EVENT_PAGE):
            self.log_many([("values", "value.spread", {"value_id": v, "flags": n, "why": why}, actor) for v, n, actor, why in page])
        self.conn.execute("DELETE FROM temp.spreading")


def _batches(ids: Iterator[str]) -> Iterator[list[str]]:
    while batch := list(itertools.islice(ids, BATCH)):
        yield batch
