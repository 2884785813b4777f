"""The read side of the review app: what the overview and the item view show.

Device items (messages) name their conversation in their typed facts (``item.device.thread``,
:mod:`redactor.facts`); a message without one is simply shown on its own.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from redactor.case import CaseStore
from redactor.facts import DeviceFacts
from redactor.records import KEEP, PENDING, REDACT, Box, Decision, Flag, Item, Segment

NEIGHBOURS = 5  # messages shown before and after the current one


def thread_of(facts: DeviceFacts) -> tuple[str, str] | None:
    """``(thread id, thread name)`` of a message, or None for items outside a conversation.

    The id is the thread's key (its format id when it has none), as :data:`redactor.case.reads.THREAD_SQL`
    finds it in the database, so neighbours can be queried.
    """
    thread = facts.thread
    if thread is None:
        return None
    tid = thread.ref
    name = thread.name or " ".join(v for v in (thread.app, thread.id) if v)
    return tid, name or tid


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


def overview(store: CaseStore) -> Overview:
    per_item = store.flag_counts_by_item()
    names = store.thread_names()
    groups: dict[tuple[str, str], Group] = {}
    scoped: dict[str, int] = {}
    pending_out = 0
    for r in store.item_rows():
        thread = thread_of(r.device)
        key = (r.ref, f"t:{thread[0]}" if thread else f"i:{r.item_id}")
        group = groups.get(key)
        if group is None:
            label = thread[1] if thread else r.title
            group = groups[key] = Group(r.ref, r.source_name, label, set(), r.item_id, thread=thread is not None)
        if r.item_id in names:
            group.label = names[r.item_id]
        counts = per_item.get(r.item_id, {})
        group.items += 1
        group.kinds.add(r.kind)
        for status in group.counts:
            group.counts[status] += counts.get(status, 0)
        if counts.get(PENDING) and not group.first_pending:
            group.first_pending = r.item_id
        if r.scope != "in":
            group.scopes[r.scope] = group.scopes.get(r.scope, 0) + 1
            scoped[r.scope] = scoped.get(r.scope, 0) + 1
            pending_out += counts.get(PENDING, 0)
    counts = store.counts()
    return Overview(counts, list(groups.values()), sorted(counts["flags_by_entity"].items()), scoped, pending_out)


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
    page_boxes: Mapping[int, Box] = field(default_factory=dict)  # page -> its visible box in PDF user space

    def segment(self, segment_id: str) -> Segment | None:
        return next((s for s in self.item.segments if s.segment_id == segment_id), None)

    def value(self, flag: Flag) -> str:
        seg = self.segment(flag.segment_id)
        return "" if seg is None else seg.text[flag.start : flag.end]

    @property
    def pending(self) -> int:
        return sum(1 for f in self.flags if f.status == PENDING)


def item_view(store: CaseStore, item_id: str) -> ItemView:
    item = store.item(item_id)
    order = {s.segment_id: s.index for s in item.segments}
    flags = sorted(store.flags(item_id=item_id), key=lambda f: (order.get(f.segment_id, 0), f.start, f.end, f.entity))
    history: dict[str, list[Decision]] = {}
    for d in store.decisions_for([f.flag_id for f in flags]):
        history.setdefault(d.flag_id, []).append(d)
    thread = thread_of(item.device)
    before, after = _neighbours(store, item, thread) if thread else ([], [])
    if thread is not None:
        title = store.thread_title(item.source_id, thread[0])
        if title is not None:
            thread = (thread[0], title)
    prev_item, next_item = store.adjacent_items(item_id)
    source = store.find_source(item.source_id)
    return ItemView(
        item,
        store.item_refs([item_id]).get(item_id, item_id),
        store.item_scope(item_id),
        flags,
        history,
        thread,
        before,
        after,
        prev_item,
        next_item,
        store.next_pending_item(item_id),
        source.media_type if source else "",
        store.scope_history(item_id),
        _people(store, flags),
    )


def _people(store: CaseStore, flags: Sequence[Flag]) -> dict[str, str]:
    wanted = {f.explanation.get("person_id") for f in flags} - {None}
    if not wanted:
        return {}
    return {p.person_id: f"{p.name} ({p.role}, from {p.origin})" for p in store.people() if p.person_id in wanted}


def _neighbours(store: CaseStore, item: Item, thread: tuple[str, str]):
    earlier_ids, later_ids = store.thread_neighbours(item.item_id, item.source_id, thread[0], NEIGHBOURS)
    names = store.item_refs(earlier_ids + later_ids)

    def load(ids: Iterable[str]) -> list[tuple[Item, str, Sequence[Flag]]]:
        return [(store.item(i), names.get(i, i), store.flags(item_id=i)) for i in ids]

    return load(earlier_ids), load(later_ids)


def next_pending_item(store: CaseStore, item_id: str | None = None) -> str | None:
    """The next item (after ``item_id``, wrapping round) that still has pending flags."""
    return store.next_pending_item(item_id)


def thread_items(store: CaseStore, item_id: str) -> list[str]:
    """Every item in the same conversation as ``item_id`` (itself when it is not a message)."""
    item = store.item(item_id)
    thread = thread_of(item.device)
    if thread is None:
        return [item_id]
    return store.thread_members(item.source_id, thread[0]) or [item_id]


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


def flag_boxes(segment: Segment, flag: Flag, page_box: Box | None = None) -> list[tuple[float, float, float, float]]:
    """Boxes of the words a flag touches, one per line, as fractions of the page (left, top, width, height).

    Word boxes are in PDF user space; ``page_box`` is the page's visible box there (left, bottom, right,
    top: its CropBox, else MediaBox), so a page whose box does not start at 0,0 is measured from its own
    corner. Without it (images, OCR'd pictures) the page starts at 0,0."""
    if not segment.page_size or not segment.words:
        return []
    width, height = segment.page_size
    left, bottom = (page_box[0], page_box[1]) if page_box is not None else (0.0, 0.0)
    top = bottom + height
    words = sorted((w for w in segment.words if w.start < flag.end and flag.start < w.end), key=lambda w: w.start)
    lines: list[list[float]] = []
    for w in words:
        x0, y0, x1, y1 = w.box
        last = lines[-1] if lines else None
        if last is not None and last[1] <= (y0 + y1) / 2 <= last[3] and x0 >= last[0]:
            last[:] = [min(last[0], x0), min(last[1], y0), max(last[2], x1), max(last[3], y1)]
        else:
            lines.append([x0, y0, x1, y1])
    return [((x0 - left) / width, (top - y1) / height, (x1 - x0) / width, (y1 - y0) / height) for x0, y0, x1, y1 in lines]


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
