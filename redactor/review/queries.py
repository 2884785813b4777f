"""The read side of the review app: what the overview and the item view show.

Device items (messages) carry their conversation in ``meta`` under keys that differ by
format; :func:`meta_value` looks through the usual names, so a message without thread
information is simply shown on its own.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from redactor.records import KEEP, PENDING, REDACT, Decision, Flag, Item, Segment
from redactor.store import CaseStore

THREAD_KEYS = ("thread", "thread_id", "conversation_id", "chat_id", "thread_key", "conversation", "chat")
THREAD_NAME_KEYS = ("thread_name", "thread_title", "conversation_name", "chat_name", "group_name")
SENDER_KEYS = ("sender", "sender_name", "from", "author")
TIME_KEYS = ("time", "timestamp", "sent_at", "date", "datetime")
SUB_KEYS = ("name", "utc", "value", "raw", "id")  # inside a mapping: a party's name, a time's UTC value, ...
NEIGHBOURS = 5  # messages shown before and after the current one
# Where a conversation's id sits in item meta, most specific first (device extractors write
# {"thread": {"id", "key", "app"}}; other formats may use a plain id under another name).
THREAD_PATHS = ("$.thread.key", "$.thread.id", *(f'$."{k}"' for k in THREAD_KEYS[1:]), '$."thread"')


def meta_value(meta: Mapping[str, Any], keys: Iterable[str], sub: Sequence[str] = SUB_KEYS) -> str:
    """The first non-empty value among ``keys``, as text; '' when none is there."""
    for key in keys:
        value = meta.get(key)
        if isinstance(value, Mapping):
            value = next((value[k] for k in sub if value.get(k) not in (None, "")), None)
        if value not in (None, "", [], {}) and not isinstance(value, (list, dict)):
            return str(value)
    return ""


def thread_of(meta: Mapping[str, Any]) -> tuple[str, str] | None:
    """``(thread id, thread name)`` of a message, or None for items outside a conversation.

    The id is the one :data:`THREAD_SQL` finds in the database, so neighbours can be queried.
    """
    thread = meta.get("thread")
    if isinstance(thread, Mapping):
        tid = meta_value(meta, ("thread",), sub=("key", "id"))
    else:
        tid = meta_value(meta, (*THREAD_KEYS[1:], "thread"), sub=("key", "id"))
    if not tid:
        return None
    name = meta_value(meta, THREAD_NAME_KEYS)
    if not name and isinstance(thread, Mapping):
        name = str(thread.get("name") or " ".join(str(thread[k]) for k in ("app", "id") if thread.get(k)))
    return tid, name or tid


THREAD_SQL = "CAST(coalesce(" + ", ".join(f"json_extract(meta, '{p}')" for p in THREAD_PATHS) + ") AS TEXT)"


# -- overview --------------------------------------------------------------------------------
@dataclass
class Group:
    """One row of the overview: a conversation, or a single item."""

    ref: str
    source_name: str
    label: str
    kinds: set[str]
    first_item: str
    items: int = 0
    counts: dict[str, int] = field(default_factory=lambda: {PENDING: 0, REDACT: 0, KEEP: 0})
    scopes: dict[str, int] = field(default_factory=dict)
    thread: bool = False
    first_pending: str = ""


@dataclass(frozen=True)
class Overview:
    counts: Mapping[str, Any]
    groups: Sequence[Group]
    entities: Sequence[tuple[str, dict[str, int]]]
    scoped: Mapping[str, int]
    pending_out_of_scope: int


def item_flag_counts(store: CaseStore) -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = {}
    for r in store.conn.execute("SELECT item_id, status, COUNT(*) AS n FROM flags GROUP BY item_id, status"):
        out.setdefault(r["item_id"], {})[r["status"]] = r["n"]
    return out


def overview(store: CaseStore) -> Overview:
    per_item = item_flag_counts(store)
    names = thread_names(store)
    groups: dict[tuple[str, str], Group] = {}
    scoped: dict[str, int] = {}
    pending_out = 0
    rows = store.conn.execute(
        "SELECT i.item_id, s.ref, s.name, i.kind, i.title, i.meta, i.scope FROM items i JOIN sources s USING (source_id) ORDER BY s.ref, i.ordinal"
    )
    for r in rows:
        meta = _meta(r["meta"])
        thread = thread_of(meta)
        key = (r["ref"], f"t:{thread[0]}" if thread else f"i:{r['item_id']}")
        group = groups.get(key)
        if group is None:
            label = thread[1] if thread else r["title"]
            group = groups[key] = Group(r["ref"], r["name"], label, set(), r["item_id"], thread=thread is not None)
        if r["item_id"] in names:
            group.label = names[r["item_id"]]
        counts = per_item.get(r["item_id"], {})
        group.items += 1
        group.kinds.add(r["kind"])
        for status in group.counts:
            group.counts[status] += counts.get(status, 0)
        if counts.get(PENDING) and not group.first_pending:
            group.first_pending = r["item_id"]
        if r["scope"] != "in":
            group.scopes[r["scope"]] = group.scopes.get(r["scope"], 0) + 1
            scoped[r["scope"]] = scoped.get(r["scope"], 0) + 1
            pending_out += counts.get(PENDING, 0)
    counts = store.counts()
    return Overview(counts, list(groups.values()), sorted(counts["flags_by_entity"].items()), scoped, pending_out)


def thread_names(store: CaseStore) -> dict[str, str]:
    """Conversation names, from the ``thread.name`` field of the items that describe a conversation."""
    rows = store.conn.execute("SELECT item_id, text FROM segments WHERE field = 'thread.name'")
    return {r["item_id"]: r["text"] for r in rows}


def _meta(raw: str) -> Mapping[str, Any]:
    try:
        value = json.loads(raw)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


# -- item view -------------------------------------------------------------------------------
@dataclass(frozen=True)
class ItemView:
    item: Item
    ref: str
    scope: str
    flags: Sequence[Flag]
    history: Mapping[str, Sequence[Decision]]
    thread: tuple[str, str] | None
    before: Sequence[tuple[Item, str, Sequence[Flag]]]  # neighbouring messages: item, ref, flags
    after: Sequence[tuple[Item, str, Sequence[Flag]]]
    prev_item: str | None
    next_item: str | None
    next_pending: str | None
    source_media_type: str
    scope_history: Sequence[Mapping[str, Any]] = ()
    people: Mapping[str, str] = field(default_factory=dict)

    def segment(self, segment_id: str) -> Segment | None:
        return next((s for s in self.item.segments if s.segment_id == segment_id), None)

    def value(self, flag: Flag) -> str:
        seg = self.segment(flag.segment_id)
        return "" if seg is None else seg.text[flag.start : flag.end]

    @property
    def pending(self) -> int:
        return sum(1 for f in self.flags if f.status == PENDING)


def refs(store: CaseStore, item_ids: Sequence[str]) -> dict[str, str]:
    """Bundle references (S0001-001) of some items, as :meth:`CaseStore.item_refs` gives for all."""
    marks = ",".join("?" * len(item_ids))
    rows = store.conn.execute(
        f"SELECT i.item_id, s.ref, i.ordinal FROM items i JOIN sources s USING (source_id) WHERE i.item_id IN ({marks})", list(item_ids)
    )
    return {r["item_id"]: f"{r['ref']}-{r['ordinal']:03d}" for r in rows}


def item_view(store: CaseStore, item_id: str) -> ItemView:
    item = store.item(item_id)
    order = {s.segment_id: s.index for s in item.segments}
    flags = sorted(store.flags(item_id=item_id), key=lambda f: (order.get(f.segment_id, 0), f.start, f.end, f.entity))
    history: dict[str, list[Decision]] = {}
    for d in _decisions_for(store, [f.flag_id for f in flags]):
        history.setdefault(d.flag_id, []).append(d)
    thread = thread_of(item.meta)
    before, after = _neighbours(store, item, thread) if thread else ([], [])
    if thread is not None:
        row = store.conn.execute(
            f"SELECT s.text FROM items i JOIN segments s USING (item_id) WHERE i.source_id = ? AND i.kind = 'thread' "
            f"AND s.field = 'thread.name' AND {THREAD_SQL} = ? LIMIT 1",
            (item.source_id, thread[0]),
        ).fetchone()
        if row is not None:
            thread = (thread[0], row["text"])
    prev_item, next_item = _adjacent(store, item_id)
    source = store.find_source(item.source_id)
    return ItemView(
        item,
        refs(store, [item_id]).get(item_id, item_id),
        store.item_scope(item_id),
        flags,
        history,
        thread,
        before,
        after,
        prev_item,
        next_item,
        next_pending_item(store, item_id),
        source.media_type if source else "",
        [dict(r) for r in store.scope_history(item_id)],
        _people(store, flags),
    )


def _people(store: CaseStore, flags: Sequence[Flag]) -> dict[str, str]:
    wanted = {f.explanation.get("person_id") for f in flags} - {None}
    if not wanted:
        return {}
    return {p.person_id: f"{p.name} ({p.role}, from {p.origin})" for p in store.people() if p.person_id in wanted}


def _decisions_for(store: CaseStore, flag_ids: Sequence[str]) -> list[Decision]:
    out: list[Decision] = []
    for start in range(0, len(flag_ids), 500):
        chunk = flag_ids[start : start + 500]
        rows = store.conn.execute(f"SELECT * FROM decisions WHERE flag_id IN ({','.join('?' * len(chunk))}) ORDER BY id", chunk)
        out += [
            Decision(r["flag_id"], r["action"], r["reviewer"], r["reason"], r["at"], json.loads(r["before"]), json.loads(r["after"]))
            for r in rows
        ]
    return out


def _neighbours(store: CaseStore, item: Item, thread: tuple[str, str]):
    ordinal = store.conn.execute("SELECT ordinal FROM items WHERE item_id = ?", (item.item_id,)).fetchone()["ordinal"]
    same = f"source_id = ? AND kind != 'thread' AND {THREAD_SQL} = ?"
    args = (item.source_id, thread[0], ordinal)
    earlier = store.conn.execute(f"SELECT item_id FROM items WHERE {same} AND ordinal < ? ORDER BY ordinal DESC LIMIT {NEIGHBOURS}", args)
    later = store.conn.execute(f"SELECT item_id FROM items WHERE {same} AND ordinal > ? ORDER BY ordinal LIMIT {NEIGHBOURS}", args)

    earlier_ids = [r["item_id"] for r in earlier.fetchall()][::-1]
    later_ids = [r["item_id"] for r in later.fetchall()]
    names = refs(store, earlier_ids + later_ids)

    def load(ids: Iterable[str]) -> list[tuple[Item, str, Sequence[Flag]]]:
        return [(store.item(i), names.get(i, i), store.flags(item_id=i)) for i in ids]

    return load(earlier_ids), load(later_ids)


_ORDER = "SELECT i.item_id FROM items i JOIN sources s USING (source_id) {where} ORDER BY s.ref {dir}, i.ordinal {dir} LIMIT 1"


def _position(store: CaseStore, item_id: str) -> tuple[str, int]:
    row = store.conn.execute(
        "SELECT s.ref, i.ordinal FROM items i JOIN sources s USING (source_id) WHERE i.item_id = ?", (item_id,)
    ).fetchone()
    return row["ref"], row["ordinal"]


def _adjacent(store: CaseStore, item_id: str) -> tuple[str | None, str | None]:
    ref, ordinal = _position(store, item_id)
    after = "WHERE (s.ref > ? OR (s.ref = ? AND i.ordinal > ?))"
    before = "WHERE (s.ref < ? OR (s.ref = ? AND i.ordinal < ?))"
    nxt = store.conn.execute(_ORDER.format(where=after, dir="ASC"), (ref, ref, ordinal)).fetchone()
    prv = store.conn.execute(_ORDER.format(where=before, dir="DESC"), (ref, ref, ordinal)).fetchone()
    return (prv["item_id"] if prv else None), (nxt["item_id"] if nxt else None)


def next_pending_item(store: CaseStore, item_id: str | None = None) -> str | None:
    """The next item (after ``item_id``, wrapping round) that still has pending flags."""
    pending = "i.item_id IN (SELECT item_id FROM flags WHERE status = 'pending')"  # built once, not per item
    if item_id is not None:
        ref, ordinal = _position(store, item_id)
        row = store.conn.execute(
            _ORDER.format(where=f"WHERE {pending} AND (s.ref > ? OR (s.ref = ? AND i.ordinal > ?))", dir="ASC"), (ref, ref, ordinal)
        ).fetchone()
        if row is not None:
            return row["item_id"]
    row = store.conn.execute(_ORDER.format(where=f"WHERE {pending}", dir="ASC")).fetchone()
    return row["item_id"] if row else None


def thread_items(store: CaseStore, item_id: str) -> list[str]:
    """Every item in the same conversation as ``item_id`` (itself when it is not a message)."""
    item = store.item(item_id)
    thread = thread_of(item.meta)
    if thread is None:
        return [item_id]
    rows = store.conn.execute(
        f"SELECT item_id FROM items WHERE source_id = ? AND {THREAD_SQL} = ? ORDER BY ordinal", (item.source_id, thread[0])
    )
    return [r["item_id"] for r in rows] or [item_id]


# -- highlighting ----------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Run:
    """A stretch of segment text and the flags covering it (none for plain text)."""

    start: int
    end: int
    flags: tuple[Flag, ...]


def runs(segment: Segment, flags: Sequence[Flag]) -> list[Run]:
    """Split a segment's text at every flag boundary, so overlapping flags can be shown."""
    mine = [f for f in flags if f.segment_id == segment.segment_id and f.end > f.start]
    n = len(segment.text)
    cuts = sorted({0, n, *(max(0, min(n, f.start)) for f in mine), *(max(0, min(n, f.end)) for f in mine)})
    out = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        if b > a:
            out.append(Run(a, b, tuple(f for f in mine if f.start < b and a < f.end)))
    return out


def flag_boxes(segment: Segment, flag: Flag) -> list[tuple[float, float, float, float]]:
    """Boxes of the words a flag touches, one per line, as fractions of the page (left, top, width, height)."""
    if not segment.page_size or not segment.words:
        return []
    width, height = segment.page_size
    words = sorted((w for w in segment.words if w.start < flag.end and flag.start < w.end), key=lambda w: w.start)
    lines: list[list[float]] = []
    for w in words:
        x0, y0, x1, y1 = w.box
        last = lines[-1] if lines else None
        if last is not None and last[1] <= (y0 + y1) / 2 <= last[3] and x0 >= last[0]:
            last[:] = [min(last[0], x0), min(last[1], y0), max(last[2], x1), max(last[3], y1)]
        else:
            lines.append([x0, y0, x1, y1])
    return [(x0 / width, (height - y1) / height, (x1 - x0) / width, (y1 - y0) / height) for x0, y0, x1, y1 in lines]


EXPLANATION_LABELS = {
    "textual_explanation": "why",
    "party": "whose data",
    "person_id": "known person",
    "category": "category",
    "supportive_context_word": "context word",
    "score_context_improvement": "context boost",
    "validation_result": "checksum / validation",
    "pattern_name": "pattern",
    "original_score": "score before context",
    "added_by": "added by",
}


def explain(flag: Flag, people: Mapping[str, str] | None = None) -> list[tuple[str, str]]:
    """The flag's explanation as label/value pairs, most useful first; empty values left out.

    ``people`` names the case's known people (person id -> "name (role)") for a gazetteer hit.
    """
    expl = dict(flag.explanation)
    if people and expl.get("person_id") in people:
        expl["person_id"] = people[expl["person_id"]]
    out = []
    for key, label in EXPLANATION_LABELS.items():
        value = expl.pop(key, None)
        if value in (None, "", 0, 0.0) and not (key == "validation_result" and value is False):
            continue
        if key == "validation_result":
            value = "passed" if value is True else "failed" if value is False else value
        out.append((label, str(value)))
    out += [(k.replace("_", " "), str(v)) for k, v in sorted(expl.items()) if v not in (None, "", [], {}) and k != "recognizer"]
    return out
