"""Bater-James scope: which device items are within the agreed lines of enquiry.

R v Bater-James [2020] EWCA Crim 790: review of a complainant's phone must be reasonable and
incremental: a date range, specific contacts, search terms. The policy's ``scope`` sets them;
an item of a scoped kind (messages, calls, e-mails, ...) outside any of them is proposed IRR:
the item is marked ``out`` in the case (the bundle withholds it with a schedule note) and gets
one IRR flag over its main text, so reviewers see it as such and can bring it back in.

What counts, defensively, from the device extractors' ``Item.meta``:
- time: ``meta["time"]["utc"]`` (UTC ISO), else ``meta["timestamp"]`` / ``meta["utc"]``;
  an item without a readable time is kept in scope (it cannot be shown to be outside it);
- participants: ``sender``, ``recipients``, ``participants`` (party dicts with ``name``,
  ``phone``, ``email``, ``raw``; strings accepted) and the participants of the item's
  thread; the device owner does not count, being in every conversation;
- terms: case-insensitive words or phrases in any segment of the item.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import UTC, date, datetime, time
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from redactor.detect.known_people import phone_variants
from redactor.records import Item

SCOPED_KINDS = (
    "message",
    "call",
    "email",
    "note",
    "calendar",
    "web_visit",
    "attachment",
    "record",
)  # not "thread": a conversation holds in- and out-of-scope messages


class ScopeSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    date_from: date | datetime | None = None  # inclusive; a date means its start (UTC)
    date_to: date | datetime | None = None  # inclusive; a date means its end (UTC)
    participants: tuple[str, ...] = ()  # names, phone numbers or e-mail addresses in scope
    terms: tuple[str, ...] = ()  # an item must contain one of them
    kinds: tuple[str, ...] = Field(default=SCOPED_KINDS)  # item kinds the scope applies to (never documents)

    @property
    def active(self) -> bool:
        return bool(self.date_from or self.date_to or self.participants or self.terms)


def _utc(value: date | datetime, end: bool) -> datetime:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    return datetime.combine(value, time.max if end else time.min, tzinfo=UTC)


def item_time(meta: Mapping[str, Any]) -> datetime | None:
    candidates = []
    when = meta.get("time")
    if isinstance(when, Mapping):
        candidates.append(when.get("utc"))
    elif isinstance(when, str):
        candidates.append(when)
    candidates += [meta.get("timestamp"), meta.get("utc")]
    for raw in candidates:
        if isinstance(raw, str) and raw.strip():
            try:
                parsed = datetime.fromisoformat(raw.strip().replace("Z", "+00:00"))
            except ValueError:
                continue
            return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    return None


def _parties(value: Any) -> list[Mapping[str, Any]]:
    if isinstance(value, Mapping):
        return [value]
    if isinstance(value, str):
        return [{"raw": value, "name": value}]
    if isinstance(value, (list, tuple)):
        return [p for v in value for p in _parties(v)]
    return []


def item_parties(item: Item, thread_participants: Callable[[str], Sequence[Any]] | None = None) -> list[Mapping[str, Any]]:
    meta = item.meta
    parties = _parties(meta.get("sender")) + _parties(meta.get("recipients")) + _parties(meta.get("participants"))
    thread = meta.get("thread")
    if thread_participants is not None and isinstance(thread, Mapping) and thread.get("key"):
        parties += _parties(thread_participants(str(thread["key"])))
    return [p for p in parties if not p.get("owner")]


class ScopeMatcher:
    def __init__(self, settings: ScopeSettings) -> None:
        self.settings = settings
        self._start = _utc(settings.date_from, False) if settings.date_from else None
        self._end = _utc(settings.date_to, True) if settings.date_to else None
        self._names = {" ".join(p.lower().split()) for p in settings.participants if "@" not in p}
        self._emails = {p.strip().lower() for p in settings.participants if "@" in p}
        self._phones = {v for p in settings.participants for v in phone_variants(p) if sum(c.isdigit() for c in p) >= 7}
        terms = [t for t in settings.terms if t.strip()]
        self._terms = (
            re.compile(r"(?<!\w)(?:" + "|".join(re.escape(t.strip()) for t in terms) + r")(?!\w)", re.IGNORECASE) if terms else None
        )

    def applies(self, item: Item) -> bool:
        return self.settings.active and item.kind in self.settings.kinds

    def reasons_out(self, item: Item, thread_participants: Callable[[str], Sequence[Any]] | None = None) -> list[str]:
        """Why an item is outside the scope (empty: in scope). Reasons name the criterion, never the content."""
        if not self.applies(item):
            return []
        reasons = []
        when = item_time(item.meta)
        if when is not None and ((self._start and when < self._start) or (self._end and when > self._end)):
            reasons.append("outside the date range")
        if self._names or self._emails or self._phones:
            if not any(self._matches(p) for p in item_parties(item, thread_participants)):
                reasons.append("no participant in scope")
        if self._terms is not None and not any(self._terms.search(seg.text) for seg in item.segments):
            reasons.append("none of the search terms")
        return reasons

    def _matches(self, party: Mapping[str, Any]) -> bool:
        name = " ".join(str(party.get("name") or "").lower().split())
        if name and name in self._names:
            return True
        for key in ("email", "raw"):
            value = str(party.get(key) or "").strip().lower()
            if value and value in self._emails:
                return True
        for key in ("phone", "raw"):
            value = str(party.get(key) or "")
            if value and phone_variants(value) & self._phones:
                return True
        return False


def thread_index(items: Iterable[Item]) -> dict[str, list[Any]]:
    """Participants of each thread item, by thread key."""
    out: dict[str, list[Any]] = {}
    for item in items:
        thread = item.meta.get("thread")
        if item.kind == "thread" and isinstance(thread, Mapping) and thread.get("key"):
            out[str(thread["key"])] = list(_parties(item.meta.get("participants")))
    return out
