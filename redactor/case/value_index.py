"""The segment index: which segments may hold a text, without reading every segment.

Finding candidates scales: segments are indexed once (``segment_index``, FTS5 trigrams over the
squeezed normalised text, schema v8), caught up lazily from the last indexed segment, so a value
costs one index lookup and an exact check of the segments that hold all its trigrams. Many values at
once (the policy's thousands after a run) read the index's texts once instead, each text checked for
the values keyed by its grams: the same segments (a test holds the two together).

Memory stays flat whatever the case's size: segments are indexed :data:`_INDEX_BATCH` at a time, and a bulk
read hands its hits over :data:`_HIT_WINDOW` segments at a time.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from redactor.case.db import CaseDB
from redactor.case.value_text import normalise, squeezed

INDEX_MARK = "segment_index.upto"  # meta: the last segment rowid in segment_index
MAX_GRAMS = 48  # trigrams asked of the index per value: more only narrow what the exact check reads anyway
BULK = 200  # values from which a spread reads the index's texts once instead of asking the index per value
_HIT_WINDOW = 5_000  # segments holding a value that a bulk spread checks at a time
_INDEX_BATCH = 20_000  # segments read and indexed at a time
_UNINDEXED = "SELECT rowid, text FROM segments WHERE rowid > ? ORDER BY rowid LIMIT ?"
_MEMO = 20_000  # distinct segment texts whose squeezed text, or values held, a pass remembers
KEY_GRAM = 5  # a bulk spread keys a value by a gram this long (a trigram is shared by a thousand phone numbers, a 5-gram by
# a handful: a text is checked for few values; 2.6x less CPU for 150,000 values over 220,000 segments)
_COUNT_SLOTS = 1 << 20  # the most slots (4 bytes each) the grams of a bulk spread's values are counted in


class SegmentIndex(CaseDB):
    def index_segments(self) -> int:
        """Index the segments added since the last call; returns the last segment indexed before."""
        with self.transaction() as conn:
            mark = int(self.meta(INDEX_MARK) or 0)
            cursor = conn.cursor()
            cursor.row_factory = None  # plain tuples
            upto, memo = mark, {}
            while rows := cursor.execute(_UNINDEXED, (upto, _INDEX_BATCH)).fetchall():  # a batch at a time: flat memory
                conn.executemany("INSERT INTO segment_index (rowid, squeezed) VALUES (?, ?)", _squeezed_rows(rows, memo))
                upto = rows[-1][0]
            if upto > mark:
                self.set_meta(INDEX_MARK, str(upto))
        return mark

    def last_segment(self) -> int:
        """The rowid of the case's last segment (0: none)."""
        return int(self.conn.execute("SELECT max(rowid) FROM segments").fetchone()[0] or 0)

    def segments_unindexed(self) -> bool:
        return self.last_segment() > int(self.meta(INDEX_MARK) or 0)

    def _candidates(self, norm: str, after: int) -> list[int]:
        """Segments (rowids above ``after``) that may hold ``norm``: every one that does (any occurrence is a substring
        of the squeezed text), and few more."""
        flat = squeezed(norm)
        if len(flat) < 3:  # no trigram to ask for: read the index's texts
            sql, args = "SELECT rowid FROM segment_index WHERE rowid > ? AND instr(squeezed, ?) > 0", (after, flat)
            return [r[0] for r in self.conn.execute(sql, args)]
        grams = sorted({flat[i : i + 3] for i in range(len(flat) - 2)})
        if len(grams) > MAX_GRAMS:
            grams = grams[:: -(-len(grams) // MAX_GRAMS)]
        expr = " AND ".join('"' + g.replace('"', '""') + '"' for g in grams)
        sql = "SELECT rowid FROM segment_index WHERE segment_index MATCH ? AND rowid > ? AND instr(squeezed, ?) > 0"
        return [r[0] for r in self.conn.execute(sql, (expr, after, flat))]  # the trigrams narrow, the substring decides

    def _hits(self, norms: Sequence[str], after: int) -> dict[int, list[str]]:
        """Segment rowid -> the values (in the order of ``norms``) its squeezed text may hold (every window of
        :meth:`_hit_windows` at once)."""
        hits: dict[int, list[str]] = {}
        for window in self._hit_windows(norms, after):
            hits |= window
        return hits

    def _hit_windows(self, norms: Sequence[str], after: int) -> Iterator[dict[int, list[str]]]:
        """Segment rowid -> the values (in the order of ``norms``) its squeezed text may hold: one index lookup per
        value, or for many values (:data:`BULK`) one read of the index's texts, each checked for every value
        keyed by one of its grams (:func:`_holding`), given :data:`_HIT_WINDOW` segments at a time in rowid
        order (flat memory: the policy's values are found in most of a phone's messages). Both are every segment whose
        squeezed text holds the value's."""
        if len(norms) < BULK:
            hits: dict[int, list[str]] = {}
            for norm in norms:
                for rowid in self._candidates(norm, after):
                    hits.setdefault(rowid, []).append(norm)
            yield hits
            return
        cursor = self.conn.cursor()
        cursor.row_factory = None  # plain tuples: every indexed text is read
        yield from bulk_windows(cursor.execute("SELECT rowid, squeezed FROM segment_index WHERE rowid > ? ORDER BY rowid", (after,)), norms)


def bulk_windows(texts: Iterable[tuple[int, str]], norms: Sequence[str]) -> Iterator[dict[int, list[str]]]:
    """:meth:`SegmentIndex._hit_windows` for many values over ``texts``: (rowid, squeezed text) in rowid order, the
    index's, or the segments' own (:func:`squeezed_segments`: the same texts, read without the index)."""
    keyed, short = _keyed(norms)
    sizes = sorted({len(gram) for gram in keyed})
    memo: dict[str, list[str]] = {}
    hits: dict[int, list[str]] = {}
    for rowid, text in texts:
        if text not in memo:
            if len(memo) > _MEMO:
                memo.clear()
            memo[text] = _holding(text, keyed, short, sizes)
        if memo[text]:
            hits[rowid] = memo[text]
            if len(hits) >= _HIT_WINDOW:
                yield hits
                hits = {}
    yield hits


def squeezed_segments(conn: Any, after: int) -> Iterator[tuple[int, str]]:
    """The segments above rowid ``after`` as the index holds them (rowid, squeezed normalised text), read from the
    segments :data:`_INDEX_BATCH` at a time: what a process that may not write the index reads instead."""
    cursor = conn.cursor()
    cursor.row_factory = None
    upto, memo = after, {}
    while rows := cursor.execute(_UNINDEXED, (upto, _INDEX_BATCH)).fetchall():
        yield from _squeezed_rows(rows, memo)
        upto = rows[-1][0]


def _squeezed_rows(rows: Sequence[Any], memo: dict[str, str]) -> Iterator[tuple[int, str]]:
    """Each segment's rowid and squeezed normalised text, a text repeated (senders, "ok") normalised once (``memo``)."""
    for rowid, text in rows:
        if (flat := memo.get(text)) is None:
            if len(memo) > _MEMO:
                memo.clear()
            flat = memo[text] = squeezed(normalise(text))
        yield rowid, flat


Value = tuple[int, str, str]  # a value of a bulk spread: its place in the values, its text and its squeezed text
Keyed = dict[str, Value | list[Value]]  # key gram -> the value it keys, or a list of the values when more than one


def _keyed(norms: Sequence[str]) -> tuple[Keyed, list[Value]]:
    """Each value under its key gram (:data:`KEY_GRAM` characters, a trigram for a shorter value) that fewest of the
    values share (a common one, "com", would send a text to every e-mail), with its place in ``norms`` and its squeezed
    text; values shorter than a trigram apart. Most keys key one value, held without a list. The grams are counted in a
    fixed table of slots by hash, not one entry a gram: a value's rarest gram stays rare when a few others share its
    slot."""
    flats = [(i, norm, squeezed(norm)) for i, norm in enumerate(norms)]
    slots = min(_COUNT_SLOTS, 1 << (8 * len(flats)).bit_length())
    mask, counts = slots - 1, array("I", bytes(4 * slots))
    for _, _, flat in flats:  # each value's grams are made twice rather than held: a set each (3 KB at 135,000 values)
        for gram in _grams(flat):
            counts[hash(gram) & mask] += 1
    keyed: Keyed = {}
    short = []
    for value in flats:
        if held := _grams(value[2]):
            key = min(held, key=lambda g: (counts[hash(g) & mask], g))
            if (there := keyed.get(key)) is None:
                keyed[key] = value
            elif isinstance(there, tuple):
                keyed[key] = [there, value]
            else:
                there.append(value)
        else:
            short.append(value)
    return keyed, short


def _grams(flat: str) -> set[str]:
    """A squeezed value's key grams: its :data:`KEY_GRAM`-grams, or its trigrams when it is shorter (none under 3)."""
    n = KEY_GRAM if len(flat) >= KEY_GRAM else 3
    return {flat[k : k + n] for k in range(len(flat) - n + 1)}


def _holding(text: str, keyed: Keyed, short: list[Value], sizes: Sequence[int]) -> list[str]:
    """The values whose squeezed text ``text`` (a squeezed segment text) holds, in their order: any value it holds has
    its key gram in it, so only those keyed by the text's grams (of the ``sizes`` the keys have) are checked."""
    found = [v for v in short if v[2] in text]
    get = keyed.get
    for n in sizes:
        for gram in {text[k : k + n] for k in range(len(text) - n + 1)}:
            if (values := get(gram)) is None:  # most of a text's grams key no value: no list made for them
                continue
            if isinstance(values, tuple):
                if values[2] in text:
                    found.append(values)
            else:
                found += [v for v in values if v[2] in text]
    return [norm for _, norm, _ in sorted(found)]


def unindex_from(conn: Any, rowid: int) -> None:
    """Segments from ``rowid`` on are about to go (a failed source's): their rowids may be given again, so the
    index forgets them and everything after, and the next :meth:`ValueSpread.index_segments` reads them anew."""
    conn.execute("DELETE FROM segment_index WHERE rowid >= ?", (rowid,))
    conn.execute(
        "UPDATE meta SET value = CAST(min(CAST(value AS INTEGER), ?) AS TEXT) WHERE key = ?",
        (rowid - 1, INDEX_MARK),
    )
