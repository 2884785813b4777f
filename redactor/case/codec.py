"""How records are stored in the case database's columns (JSON for nested values)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Sequence
from typing import Any

from redactor.facts import NO_FACTS, DeviceFacts, Party, Thread
from redactor.records import Decision, Flag, Item, Person, Segment, Source, Word, thawed_mapping

ITEM_COLUMNS = "item_id, source_id, locator, kind, title, meta, device"  # what item_from_tuples reads, in order
SEGMENT_COLUMNS = "segment_id, item_id, idx, field, text, page, page_w, page_h, origin, words"  # what segment_from_row reads, in order
FLAG_COLUMNS = 'flag_id, item_id, segment_id, start, "end", entity, score, recognizer, explanation, code, proposed, status, origin, version'


def _encoder() -> Callable[[Any], str]:
    """``json.dumps(value, default=str)``, its C encoder built once instead of per call (hot path: every item's
    meta and facts, every flag's explanation; building it was two thirds of encoding a message's meta).

    Without the encoder's check for circular references: what is stored here is JSON-shaped data read
    from files and recognizers, and a value containing itself would still fail (``RecursionError``
    instead of ``ValueError``)."""
    make = json.encoder.c_make_encoder
    if make is None:  # pragma: no cover - a Python without the json C accelerator
        return json.JSONEncoder(default=str).encode
    encode = make(None, str, json.encoder.encode_basestring_ascii, None, ": ", ", ", False, False, True)
    return lambda value: "".join(encode(value, 0))


_dumps = _encoder()
_ascii = json.encoder.encode_basestring_ascii


def _string(value: Any) -> str:
    """``_dumps(value)`` for a str, without the encoder's dispatch."""
    return _ascii(value) if value.__class__ is str else _dumps(value)


def words_to_json(words: Sequence[Word]) -> str:
    if not words:  # every message's segments (hot path)
        return "[]"
    return json.dumps([[w.start, w.end, *[round(v, 2) for v in w.box], w.conf] for w in words], separators=(",", ":"))


def words_from_json(text: str) -> tuple[Word, ...]:
    if text == "[]":  # every message's segments (hot path)
        return ()
    return tuple(Word(r[0], r[1], (r[2], r[3], r[4], r[5]), r[6]) for r in json.loads(text))


def flag_from_row(row: sqlite3.Row) -> Flag:
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


def flag_to_row(f: Flag, now: str) -> tuple[Any, ...]:
    """A flag as its ``FLAG_COLUMNS`` and ``created_at`` (hot path: every flag detection stores)."""
    explanation = _dumps(thawed_mapping(f.explanation))
    return (
        f.flag_id,
        f.item_id,
        f.segment_id,
        f.start,
        f.end,
        f.entity,
        f.score,
        f.recognizer,
        explanation,
        f.code,
        f.proposed,
        f.status,
        f.origin,
        f.version,
        now,
    )


def flag_state(flag: Flag) -> dict[str, Any]:
    """What a decision changes, for the before/after record (no text values)."""
    return {"status": flag.status, "code": flag.code, "start": flag.start, "end": flag.end, "version": flag.version}


def decision_from_row(r: sqlite3.Row) -> Decision:
    return Decision(r["flag_id"], r["action"], r["reviewer"], r["reason"], r["at"], json.loads(r["before"]), json.loads(r["after"]))


def source_from_row(row: sqlite3.Row) -> Source:
    return Source(row["source_id"], row["ref"], row["path"], row["name"], row["size"], row["media_type"])


def segment_from_row(s: Sequence[Any]) -> Segment:
    segment_id, item_id, index, name, text, page, page_w, page_h, origin, words = s  # selected as SEGMENT_COLUMNS
    size = None if page_w is None else (page_w, page_h)
    return Segment(segment_id, item_id, index, name, text, page, size, words_from_json(words), origin)


def segment_to_row(item_id: str, seg: Segment) -> tuple[Any, ...]:
    page_w, page_h = seg.page_size or (None, None)
    return (seg.segment_id, item_id, seg.index, seg.field, seg.text, seg.page, page_w, page_h, seg.origin, words_to_json(seg.words))


def item_meta(raw: str | None) -> dict[str, Any]:
    """An item's stored meta (or device facts' JSON); a damaged or missing value reads as empty."""
    try:
        value = json.loads(raw or "{}")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def item_device(raw: str | None) -> DeviceFacts:
    """An item's typed device facts from its ``device`` column (NULL for documents)."""
    return NO_FACTS if raw is None else DeviceFacts.from_meta(item_meta(raw))


def item_to_columns(item: Item) -> tuple[str, str | None]:
    """The ``meta`` and ``device`` columns of an item: its extras, and its facts (NULL when it has none)."""
    return _dumps(dict(item.meta)), (device_json(item.device) if item.device is not NO_FACTS and item.device else None)


def item_rows(source_id: str, items: Sequence[Item], first_ordinal: int = 1) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """A batch of a source's items as rows of the ``items`` and ``segments`` tables (ordinals from ``first_ordinal``)."""
    rows = [item_row(source_id, ordinal, item) for ordinal, item in enumerate(items, start=first_ordinal)]
    return rows, [segment_to_row(item.item_id, seg) for item in items for seg in item.segments]


def item_row(source_id: str, ordinal: int, item: Item) -> tuple[Any, ...]:
    """One item's row of the ``items`` table (its segments' rows: :func:`segment_to_row`)."""
    return (item.item_id, source_id, ordinal, item.locator, item.kind, item.title, *item_to_columns(item))


def device_json(facts: DeviceFacts) -> str:
    """``_dumps(facts.to_json())``, built from parts (hot path: every message). The encoder writes a dict as
    ``{"key": value, ...}`` whatever its values, so joining encoded parts gives the same text as encoding the
    whole; a party or thread shared by many messages (:mod:`redactor.facts` shares equal ones) is encoded once."""
    parts = []
    if facts.sender is not None:
        parts.append('"sender": ' + _part(facts.sender))
    if facts.recipients:
        parts.append('"recipients": [' + ", ".join(map(_part, facts.recipients)) + "]")
    if facts.participants:
        parts.append('"participants": [' + ", ".join(map(_part, facts.participants)) + "]")
    if facts.thread is not None:
        parts.append('"thread": ' + _part(facts.thread))
    if facts.direction is not None:
        how = "" if facts.direction_how is None else ", " + '"how": ' + _string(facts.direction_how)
        parts.append('"direction": {"value": ' + _string(facts.direction) + how + "}")
    if facts.time is not None:
        parts.append('"time": ' + _dumps(facts.time.to_json()))
    if facts.attachments:
        parts.append('"attachments": ' + _dumps([a.to_json() for a in facts.attachments]))
    return "{" + ", ".join(parts) + "}"


_PARTS: dict[int, tuple[Party | Thread, str]] = {}  # id -> (the fact, kept so the id is not reused; its JSON)
_PARTS_MAX = 4096


def _part(fact: Party | Thread) -> str:
    """The JSON of a party or thread, kept by identity (they are immutable), when short."""
    found = _PARTS.get(id(fact))
    if found is not None and found[0] is fact:
        return found[1]
    text = _dumps(fact.to_json())
    if len(text) < 1024:
        if len(_PARTS) >= _PARTS_MAX:
            _PARTS.clear()  # bounded: a source with more distinct parties starts again
        _PARTS[id(fact)] = (fact, text)
    return text


def person_to_row(p: Person) -> tuple[Any, ...]:
    lists = (json.dumps(list(p.aliases)), json.dumps(list(p.phones)), json.dumps(list(p.emails)))
    return (p.person_id, p.name, *lists, p.role, p.origin, int(p.device_owner))


def person_from_row(r: sqlite3.Row) -> Person:
    lists = (tuple(json.loads(r["aliases"])), tuple(json.loads(r["phones"])), tuple(json.loads(r["emails"])))
    return Person(r["person_id"], r["name"], *lists, r["role"], r["origin"], bool(r["device_owner"]))


def item_from_rows(row: sqlite3.Row, segments: Sequence[sqlite3.Row]) -> Item:
    """An item from a row read with its column names (any order, more columns allowed) and its segments."""
    return item_from_tuples(tuple(row[name] for name in ITEM_COLUMNS.split(", ")), segments)


def item_from_tuples(row: Sequence[Any], segments: Sequence[Sequence[Any]], device: bool = True) -> Item:
    """An item from plain tuples: ``row`` selected as ``ITEM_COLUMNS`` (more columns may follow),
    ``segments`` as ``SEGMENT_COLUMNS`` (hot path: detection reads every item back). Without ``device``
    the item's facts are left out (``NO_FACTS``): decoding them is 40% of reading a message back."""
    segs = tuple(map(segment_from_row, segments))
    return Item(row[0], row[1], row[2], row[3], row[4], segs, json.loads(row[5]), item_device(row[6]) if device else NO_FACTS)
