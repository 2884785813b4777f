"""A value decided "redact" is redacted wherever its text stands, flagged by detection or not.

Detection is not perfect: spaCy may flag "ZZ78" in one message and read past the same word in a
hundred others. A reviewer who decides the value redact means every one of them, and the bundle's
leak scan (``verify --case``) looks for every one of them. So whenever a text is decided redact, by
any route (a value decision in the CLI, the values or flags CSV, ``--accept-all``, the review app,
a decided value meeting new material on a re-run, and once more before every bundle), each
occurrence of it that no flag covers gets a flag of its own: status redact, the value's reason
code, a member of the value (so undoing the value decision withdraws it again), a decision row
with the reason "same value as value V00012", and one ``value.spread`` audit event per value (ids
and counts, never the text).

Which texts: every flag decided redact that is not an exception of a value kept, and for a known
person's value, the person's name and aliases too (as the leak scan watches them); texts shorter
than :data:`value_text.MIN_VALUE` normalised characters, and one English function word alone ("this",
"will": ``value_text.watched``), are left alone, as the leak scan leaves them. Which occurrences: those the leak scan would find (:mod:`redactor.case.value_text`: invisible
characters, case, separators and number grouping ignored). An occurrence counts as covered when a
flag (of any status: pending, kept and redacted flags are decisions of their own) spans all of it;
flags that withhold a whole item or page or ask for a language check do not cover a word.
"""

from __future__ import annotations

import heapq
import json
from collections.abc import Callable, Container, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import Any

from redactor.audit.log import utc_now
from redactor.case.codec import FLAG_COLUMNS, flag_to_row
from redactor.case.value_filed import common
from redactor.case.value_index import BULK as BULK  # re-exported
from redactor.case.value_index import INDEX_MARK as INDEX_MARK  # re-exported
from redactor.case.value_index import SegmentIndex
from redactor.case.value_index import unindex_from as unindex_from  # re-exported: the store's items
from redactor.case.value_text import mapped, normalise, occurrences, squeezed, watched, watched_name
from redactor.records import KEEP, REDACT, Flag

PERSON = "PERSON"  # the entity of a known person's names spread from any of the person's flags

NOT_COVERING = ("OUT_OF_SCOPE", "OCR_REVIEW", "LANGUAGE_REVIEW")  # flags on a whole item, page or passage, not on a word
RECOGNIZER = "same-value"
ACTION = "same-value"
_CHUNK = 500
_MEMO = 20_000  # distinct segment texts whose occurrences a spread remembers
_HELD = 10_000  # new flags a spread holds; more wait in a temporary table until every window is read (flat memory)
_ASIDE = (  # a new flag as :meth:`ValueSpread._add` writes it: the flag's row, its value, its decision row's reviewer, reason, states
    'CREATE TEMP TABLE IF NOT EXISTS spreading (flag_id, item_id, segment_id, start, "end", entity, score, recognizer, explanation, '
    "code, proposed, status, origin, version, created_at, value_id, reviewer, reason, before, after, value_decision)"
)
_COLUMNS = (
    'SELECT f.flag_id, f.entity, f.code, f.explanation, substr(s.text, f.start + 1, f."end" - f.start) AS text, '
    "v.value_id, c.decision, c.code AS value_code, c.decided_by, c.person_id "
)
_REDACTED = (
    "f.status = 'redact' AND coalesce(v.excepted, 0) = 0 AND coalesce(c.decision, 'redact') = 'redact' "
    "AND f.entity NOT IN ('OUT_OF_SCOPE', 'OCR_REVIEW')"
)
_BY_FLAG = (  # every flag, or some by id
    _COLUMNS + "FROM flags f JOIN segments s USING (segment_id) LEFT JOIN flag_values v USING (flag_id) "
    "LEFT JOIN value_clusters c ON c.value_id = v.value_id WHERE " + _REDACTED
)
_BY_VALUE = (  # some values' members: read from the membership index, not from every redacted flag
    _COLUMNS + "FROM flag_values v CROSS JOIN flags f ON f.flag_id = v.flag_id JOIN segments s ON s.segment_id = f.segment_id "
    "JOIN value_clusters c ON c.value_id = v.value_id WHERE " + _REDACTED
)
_ITEMS = (
    "UPDATE value_clusters SET items = (SELECT COUNT(DISTINCT f.item_id) FROM flag_values v JOIN flags f USING (flag_id) "
    "WHERE v.value_id = value_clusters.value_id) WHERE value_id = ?"
)
EXPLAINED = ("party", "category", "person_id", "rule")  # what the source's explanation passes on (values are filed by it)
Occurrence = tuple[str, str, int, int, str]  # an unflagged occurrence: segment id, item id, start, end, the normalised text
Elsewhere = Callable[[list[str], int], Iterable[list[Occurrence]] | None]  # the occurrences of these texts, if read already


class Unanswered(Exception):
    """The process reading a spread's occurrences stopped before it gave them all (it logs why): they are read here."""


@dataclass(frozen=True, slots=True)
class Source:
    """A text decided redact: the flag that carries it and how its other occurrences are decided."""

    flag_id: str
    value_id: str | None
    entity: str
    code: str
    actor: str
    explanation: dict[str, Any]
    value_decision: int | None

    @property
    def why(self) -> str:
        return f"same value as value {self.value_id}" if self.value_id else f"same value as flag {self.flag_id}"


class ValueSpread(SegmentIndex):
    _deferred: list[str] | None = None  # values whose spread waits for the end of :meth:`spreading_once`

    @contextmanager
    def spreading_once(self, *, actor: str = "system") -> Iterator[None]:
        """Decide many values (a CSV import) and spread them once at the end: one index lookup per text,
        not one pass of lookups per value."""
        if self._deferred is not None:  # already inside one
            yield
            return
        self._deferred = []
        try:
            yield
            ids, self._deferred = self._deferred, None
            self.spread_values(ids, actor=actor)
        finally:
            self._deferred = None

    def spread_value_later(self, value_id: str, *, actor: str) -> None:
        """Spread a value now, or at the end of the :meth:`spreading_once` block around this call."""
        if self._deferred is not None:
            self._deferred.append(value_id)
        else:
            self.spread_values([value_id], actor=actor)

    # -- which texts ----------------------------------------------------------------------------
    def spread_values(
        self,
        value_ids: Iterable[str],
        *,
        actor: str = "system",
        members: Mapping[str, Sequence[Mapping[str, Any]]] | None = None,
        elsewhere: Elsewhere | None = None,
    ) -> list[str]:
        """Flag every unflagged occurrence of these values' redacted texts; returns the flags added.

        ``members``: values whose redacted members the caller holds (the filing that created and decided them), as
        rows of :data:`_BY_VALUE`'s columns with the explanation's passed-on keys (:data:`EXPLAINED`) as a dict; the
        others are read from the case. ``elsewhere``: as :meth:`_spread`."""
        ids = sorted(set(value_ids))
        sources: dict[str, Source] = {}
        for chunk in _chunks(ids):
            held = [v for v in chunk if v in members] if members is not None else []
            rest = [v for v in chunk if v not in held] if held else chunk
            rows: Iterable[Mapping[str, Any]] = sorted((r for v in held for r in members[v]), key=_flag_id) if members is not None else []
            if rest:  # merged in flag id order with those read from the case
                read = self.conn.execute(_BY_VALUE + f" AND v.value_id IN ({','.join('?' * len(rest))}) ORDER BY f.flag_id", rest)
                rows = heapq.merge(rows, read, key=_flag_id)
            sources |= self._sources(rows, actor, sources)
        return self._spread(sources, after=0, elsewhere=elsewhere)

    def spread_flags(self, flag_ids: Iterable[str], *, actor: str = "system") -> list[str]:
        """The same for the texts of these flags (those decided redact)."""
        ids = sorted(set(flag_ids))
        sources: dict[str, Source] = {}
        for chunk in _chunks(ids):
            sql = _BY_FLAG + f" AND f.flag_id IN ({','.join('?' * len(chunk))}) ORDER BY f.flag_id"
            sources |= self._sources(self.conn.execute(sql, chunk), actor, sources)
        return self._spread(sources, after=0)

    def spread_all(self, *, actor: str = "system", after: int = 0, besides: Container[str] = ()) -> list[str]:
        """Every text decided redact in the case, over the segments above rowid ``after`` (0: all); ``besides``: values
        whose texts the caller has spread over every segment already (their flags are left out)."""
        rows: Iterable[Mapping[str, Any]] = self.conn.execute(_BY_FLAG + " ORDER BY f.flag_id")
        if besides:
            rows = (r for r in rows if r["value_id"] is None or r["value_id"] not in besides)
        return self._spread(self._sources(rows, actor, {}), after=after)

    def _sources(self, rows: Iterable[Mapping[str, Any]], actor: str, known: dict[str, Source]) -> dict[str, Source]:
        """Normalised text -> the first flag (by id: ``rows`` come in flag id order) that carries it; a known person's names
        go with the person's flag."""
        found: dict[str, Source] = {}
        people: dict[str, Source] = {}
        last: dict[str, int | None] = {}  # value id -> its latest decision (a value's flags share it)
        norms: dict[str, str] = {}  # text -> normalised: a value's flags repeat its text
        for r in rows:
            text = r["text"] or ""
            if (norm := norms.get(text)) is None:
                norm = norms[text] = normalise(text)
            new_text = norm not in found and norm not in known and watched(norm)
            new_person = r["person_id"] and r["person_id"] not in people
            if not (new_text or new_person):
                continue  # a later flag of a text (and person) already met: the first flag by id carries it
            source = self._source(r, actor, last)
            if new_text:
                found[norm] = source
            if new_person:
                people[r["person_id"]] = source
        for name, person_id in self._names(people):
            norm = normalise(name)
            if watched_name(norm) and norm not in known:
                source = people[person_id]  # the person's first flag: maybe a phone's, but a name is a person
                found.setdefault(norm, source if source.entity == PERSON else replace(source, entity=PERSON))
        return found

    def _source(self, r: Mapping[str, Any], actor: str, last: dict[str, int | None]) -> Source:
        decided = r["decision"] == REDACT
        if decided and r["value_id"] not in last:
            last[r["value_id"]] = self._last_decision(r["value_id"])
        explanation = r["explanation"] if isinstance(r["explanation"], dict) else json.loads(r["explanation"] or "{}")
        kept = _shared({k: explanation[k] for k in EXPLAINED if explanation.get(k) is not None})
        return Source(  # a spread holds one per text (135,000 at a million messages): their few entities, codes, actors shared
            r["flag_id"],
            r["value_id"],
            common(r["entity"]),
            common(r["value_code"] if decided else r["code"]),
            common((r["decided_by"] or actor) if decided else actor),
            kept,
            last[r["value_id"]] if decided else None,
        )

    def _last_decision(self, value_id: str) -> int | None:
        row = self.conn.execute("SELECT max(id) FROM value_decisions WHERE value_id = ?", (value_id,)).fetchone()
        return None if row[0] is None else int(row[0])

    def _names(self, people: Iterable[str]) -> Iterator[tuple[str, str]]:
        ids = sorted(people)
        for chunk in _chunks(ids):
            for r in self.conn.execute(
                f"SELECT person_id, name, aliases FROM people WHERE person_id IN ({','.join('?' * len(chunk))})", chunk
            ):
                for name in [r["name"], *json.loads(r["aliases"] or "[]")]:
                    if name:
                        yield name, r["person_id"]

    # -- flagging -------------------------------------------------------------------------------
    def _spread(self, sources: dict[str, Source], *, after: int, elsewhere: Elsewhere | None = None) -> list[str]:
        """``elsewhere``: where the occurrences of these texts may have been read already (another process,
        :mod:`redactor.case.value_helper`); None, or when it has not read them or stops, they are read here."""
        if not sources:
            return []
        self.index_segments()
        norms, now = sorted(sources), utc_now()
        answered = elsewhere(norms, after) if elsewhere is not None else None
        try:
            new, added, counts = self._gather(answered or self.occurrences(norms, after), sources, now)
        except Unanswered:  # the other process stopped half-way (it said why): read here, from the start
            new, added, counts = self._gather(self.occurrences(norms, after), sources, now)
        if new or added:
            with self.transaction():
                added += self._add(new, now, counts, aside=bool(added))
        return added

    def occurrences(self, norms: Sequence[str], after: int) -> Iterator[list[Occurrence]]:
        """The occurrences of these normalised texts that no flag covers, in the segments above rowid ``after``, a chunk
        of segments at a time in rowid order (nothing written: the read side of a spread)."""
        return occurrences_in(self.conn, self._hit_windows(norms, after))

    def _gather(
        self, found: Iterable[list[Occurrence]], sources: dict[str, Source], now: str
    ) -> tuple[list[tuple[Flag, Source]], list[str], dict[str, tuple[Source, int]]]:
        """A flag for each occurrence found, :data:`_HELD` at most held (the rest set aside in ``temp.spreading``: nothing
        is written to the case until every window is read); returns those held, the ids set aside and the counts."""
        new: list[tuple[Flag, Source]] = []
        added: list[str] = []  # the flags' ids (what a flag is made of waits in temp.spreading beyond _HELD of them)
        counts: dict[str, tuple[Source, int]] = {}  # per value (or flag): its source and the flags it adds
        for chunk in found:
            new += [
                (self._flag(segment_id, item_id, start, end, sources[norm]), sources[norm])
                for segment_id, item_id, start, end, norm in chunk
            ]
            if len(new) >= _HELD:
                added += self._set_aside(new, now, counts, first=not added)
                new = []
        return new, added, counts

    def _set_aside(self, new: list[tuple[Flag, Source]], now: str, counts: dict[str, tuple[Source, int]], *, first: bool) -> list[str]:
        """New flags, their memberships and decision rows as :meth:`_add` writes them, into ``temp.spreading`` (not the
        case: a temporary table), in order; returns their ids."""
        if first:
            self.conn.execute(_ASIDE)
            self.conn.execute("DELETE FROM temp.spreading")
        rows = [
            (*flag_to_row(f, now), s.value_id, s.actor, s.why, _state(f, KEEP, 0), _state(f, REDACT, 1), s.value_decision) for f, s in new
        ]
        self.conn.executemany(f"INSERT INTO temp.spreading VALUES ({', '.join('?' * 21)})", rows)
        _count(new, counts)
        return [f.flag_id for f, _ in new]

    @staticmethod
    def _flag(segment_id: str, item_id: str, start: int, end: int, source: Source) -> Flag:
        explanation = {**source.explanation, "same_value_as": source.value_id or source.flag_id, "added_by": source.actor}
        flag_id = Flag.make_id(segment_id, start, end, source.entity)
        return Flag(
            flag_id, item_id, segment_id, start, end, source.entity, 1.0, RECOGNIZER, explanation, source.code, REDACT, REDACT, "manual"
        )

    def _add(self, new: list[tuple[Flag, Source]], now: str, counts: dict[str, tuple[Source, int]], *, aside: bool) -> list[str]:
        """Insert the flags, their value membership and decision rows (``aside``: after those set aside, from
        ``temp.spreading``); one audit event per value (or flag) followed."""
        added = [f.flag_id for f, _ in new]
        if aside:
            self._set_aside(new, now, counts, first=False)
            self._write_aside()
        else:
            self.conn.executemany(
                f"INSERT OR IGNORE INTO flags ({FLAG_COLUMNS}, created_at) VALUES ({', '.join('?' * 15)})",
                [flag_to_row(f, now) for f, _ in new],
            )
            self.conn.executemany(
                "INSERT OR IGNORE INTO flag_values (flag_id, value_id) VALUES (?, ?)",
                [(f.flag_id, s.value_id) for f, s in new if s.value_id],
            )
            self.conn.executemany(
                "INSERT INTO decisions (flag_id, action, reviewer, reason, at, before, after, value_decision) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [(f.flag_id, ACTION, s.actor, s.why, now, _state(f, KEEP, 0), _state(f, REDACT, 1), s.value_decision) for f, s in new],
            )
            _count(new, counts)
        for value_id in sorted({s.value_id for s, _ in counts.values() if s.value_id}):
            self.conn.execute(_ITEMS, (value_id,))
        events = []  # one fsync for them all (one each: 13 s for the 6,800 values of a 34,000-card address book)
        for key in sorted(counts):
            s, n = counts[key]
            named = {"value_id": s.value_id} if s.value_id else {"flag_id": s.flag_id}
            events.append(("values", "value.spread", {**named, "flags": n, "why": s.why}, s.actor))
        self.log_many(events)
        return added

    def _write_aside(self, *, keep: bool = False) -> None:
        """The flags set aside in ``temp.spreading``, their memberships and decision rows into the case, in order (then
        forgotten, unless ``keep``)."""
        aside_cols = 'flag_id, item_id, segment_id, start, "end", entity, score, recognizer, explanation, code, proposed, status, origin, version, created_at'
        self.conn.execute(
            f"INSERT OR IGNORE INTO flags ({FLAG_COLUMNS}, created_at) SELECT {aside_cols} FROM temp.spreading ORDER BY rowid"
        )
        self.conn.execute(
            "INSERT OR IGNORE INTO flag_values (flag_id, value_id) SELECT flag_id, value_id FROM temp.spreading "
            "WHERE value_id IS NOT NULL ORDER BY rowid"
        )
        self.conn.execute(
            "INSERT INTO decisions (flag_id, action, reviewer, reason, at, before, after, value_decision) "
            "SELECT flag_id, ?, reviewer, reason, created_at, before, after, value_decision FROM temp.spreading ORDER BY rowid",
            (ACTION,),
        )
        if not keep:
            self.conn.execute("DELETE FROM temp.spreading")


def occurrences_in(conn: Any, windows: Iterable[dict[int, list[str]]]) -> Iterator[list[Occurrence]]:
    """:meth:`ValueSpread.occurrences` over these windows of candidate segments (:meth:`SegmentIndex._hit_windows`)."""
    memo: dict[Any, Any] = {}  # the same text holds the same occurrences: chats repeat their lines, senders their names
    for hits in windows:
        for chunk in _chunks(sorted(hits)):
            yield uncovered(conn, chunk, hits, memo)
            if len(memo) > _MEMO:
                memo.clear()


def uncovered(conn: Any, rowids: Sequence[int], hits: dict[int, list[str]], memo: dict[Any, Any]) -> list[Occurrence]:
    """The occurrences of their candidate texts (``hits``) in these segments that no flag covers (nor one found before
    it here), in rowid and text order."""
    marks = ",".join("?" * len(rowids))
    cursor = conn.cursor()
    cursor.row_factory = None  # plain tuples: this reads every candidate segment and every flag of their items
    segments = sorted(cursor.execute(f"SELECT rowid, segment_id, item_id, text FROM segments WHERE rowid IN ({marks})", tuple(rowids)))
    spans: dict[str, list[tuple[int, int]]] = {s[1]: [] for s in segments}
    items = sorted({s[2] for s in segments})  # flags are indexed by item (flags_item), not by segment
    for segment_id, start, end in cursor.execute(
        f'SELECT segment_id, start, "end" FROM flags WHERE item_id IN ({",".join("?" * len(items))}) '
        f"AND entity NOT IN ({','.join(repr(e) for e in NOT_COVERING)})",
        items,
    ):
        if (taken := spans.get(segment_id)) is not None:
            taken.append((start, end))
    out: list[Occurrence] = []
    for rowid, segment_id, item_id, text in segments:  # in rowid order
        taken = spans[segment_id]
        for norm, found in _found(text, tuple(hits[rowid]), memo):
            for start, end in found:
                if (start, end) in taken or any(a <= start and end <= b for a, b in taken):  # mostly a flag of it exactly
                    continue
                taken.append((start, end))
                out.append((segment_id, item_id, start, end, norm))
    return out


def _count(new: list[tuple[Flag, Source]], counts: dict[str, tuple[Source, int]]) -> None:
    """The flags each value (or flag) adds, for its one audit event."""
    for _, s in new:
        key = s.value_id or s.flag_id
        counts[key] = (s, counts.get(key, (s, 0))[1] + 1)


def _found(text: str, norms: tuple[str, ...], memo: dict[Any, Any]) -> list[tuple[str, list[tuple[int, int]]]]:
    """Each candidate value's occurrences in ``text`` (remembered in ``memo`` by text and values)."""
    key = (text, norms)
    if key not in memo:
        flat = squeezed(normalise(text))  # any occurrence is a substring of it: a cheap test first
        held = [norm for norm in norms if squeezed(norm) in flat]  # the trigram index's candidates may only share trigrams
        normalised = mapped(text) if held else ("", [])
        memo[key] = [(norm, occurrences(norm, text, normalised)) for norm in held]
    return memo[key]


_SHARED: dict[tuple[Any, ...], dict[str, Any]] = {}


def _shared(explanation: dict[str, Any]) -> dict[str, Any]:
    """One dict for equal explanations (a policy's thousands of values share a handful: a million messages' 135,000
    sources held one each). Never changed: :meth:`ValueSpread._flag` copies it."""
    key = tuple((k, type(v), v) for k, v in explanation.items())  # keys in EXPLAINED's order; True is not 1
    try:
        hash(key)
    except TypeError:  # a list or dict in an explanation: not shared
        return explanation
    if key not in _SHARED:
        if len(_SHARED) >= 4096:
            _SHARED.clear()
        _SHARED[key] = explanation
    return _SHARED[key]


def _state(flag: Flag, status: str, version: int) -> str:
    return json.dumps({"status": status, "code": flag.code, "start": flag.start, "end": flag.end, "version": version})


def _flag_id(row: Mapping[str, Any]) -> str:
    return str(row["flag_id"])


def _chunks(values: Sequence[Any]) -> Iterator[Sequence[Any]]:
    for start in range(0, len(values), _CHUNK):
        yield values[start : start + _CHUNK]
