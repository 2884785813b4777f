"""What the index says about an item: a title or description, its source exhibit and its date or date range.

These are raw texts from the case (a file name, a conversation's title); the bundle prints
them only after :mod:`redactor.bundle.scrub` has passed them through the case's decisions
and detection.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from redactor.records import Item, Source

DESCRIPTIVE_FIELDS = ("thread.name", "subject", "name", "title")


def item_title(item: Item) -> str:
    """A conversation: app, message count and title; a document: its file name; a record: its kind and subject/name."""
    named = next((s.text for s in item.segments if s.field in DESCRIPTIVE_FIELDS and s.text.strip()), "")
    named = " ".join(named.split())[:120]
    if item.kind == "conversation":
        app = item.meta.get("app") or "messages"
        count = len(item.meta.get("rows") or [])
        head = f"{app} conversation, {count} message{'' if count == 1 else 's'}"
        return f"{head}: {named}" if named else head
    return f"{item.title}: {named}" if named and named not in item.title else item.title


def item_dates(item: Item) -> str:
    """The UTC date (and time) of a record, or the first and last of a conversation; empty when unknown."""
    if item.kind == "conversation":
        times = sorted(t for t in (r.get("time") for r in item.meta.get("rows") or []) if t)
    else:
        time = item.device.time.utc if item.device.time is not None else None
        times = [time] if time else []
    if not times:
        return ""
    first, last = _short(times[0]), _short(times[-1])
    return first if first == last else f"{first} to {last}"


def _short(value: str) -> str:
    return f"{value[:10]} {value[11:16]} UTC" if len(value) >= 16 else value


def exhibit_of(source: Source | None, exhibits: Sequence[Mapping[str, Any]]) -> str:
    """The source's case reference, its exhibit reference and description from the case file, else its file name."""
    if source is None:
        return ""
    for e in exhibits:
        if e.get("source") in (source.ref, source.name):
            described = " ".join(x for x in (e.get("ref") or "", e.get("description") or "") if x)
            return f"{source.ref} {described}".strip()
    return f"{source.ref} {source.name}"


def describe_entry(item: Item, source: Source | None, exhibits: Sequence[Mapping[str, Any]], scope: str = "in") -> dict[str, str]:
    """The raw index texts of an item (BundleEntry's title, exhibit and date), its id and scope."""
    return {
        "title": item_title(item),
        "exhibit": exhibit_of(source, exhibits),
        "date": item_dates(item),
        "item_id": item.item_id,
        "scope": scope,
    }
