"""Bater-James scope: which device items are within the agreed lines of enquiry.

R v Bater-James [2020] EWCA Crim 790: review of a complainant's phone must be reasonable and
incremental: a date range, specific contacts, search terms. The policy's ``scope`` sets them;
an item of a scoped kind (messages, calls, e-mails, ...) outside any of them is proposed IRR:
the item is marked ``out`` in the case (the bundle withholds it with a schedule note) and gets
one IRR flag over its main text, so reviewers see it as such and can bring it back in.

What counts, from the item's typed device facts (``Item.device``, :mod:`redactor.facts`):
- time: ``device.time.utc`` (UTC ISO); an item without a readable time is kept in scope
  (it cannot be shown to be outside it);
- participants: ``sender``, ``recipients``, ``participants`` (parties with ``name``,
  ``phone``, ``email``, ``raw``) and the participants of the item's thread; the device
  owner does not count, being in every conversation;
- terms: case-insensitive words or phrases in any segment of the item.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, date, datetime, time

from pydantic import BaseModel, ConfigDict, Field

from redactor.detect.phone_variants import phone_variants
from redactor.facts import DeviceFacts, Party
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


def item_time(facts: DeviceFacts) -> datetime | None:
    """The item's UTC time, or None when it has none that can be read."""
    raw = facts.time.utc if facts.time is not None else None
    if not raw or not raw.strip():
        return None
    try:
        parsed = datetime.fromisoformat(raw.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def item_parties(item: Item, thread_participants: Callable[[str], Sequence[Party]] | None = None) -> list[Party]:
    """Everyone the item names (and its thread's participants), the device owner left out."""
    facts = item.device
    parties = [*([facts.sender] if facts.sender else []), *facts.recipients, *facts.participants]
    if thread_participants is not None and facts.thread is not None and facts.thread.key:
        parties += thread_participants(facts.thread.key)
    return [p for p in parties if not p.owner]


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

    def reasons_out(self, item: Item, thread_participants: Callable[[str], Sequence[Party]] | None = None) -> list[str]:
        """Why an item is outside the scope (empty: in scope). Reasons name the criterion, never the content."""
        if not self.applies(item):
            return []
        reasons = []
        when = item_time(item.device)
        if when is not None and ((self._start and when < self._start) or (self._end and when > self._end)):
            reasons.append("outside the date range")
        if self._names or self._emails or self._phones:
            if not any(self._matches(p) for p in item_parties(item, thread_participants)):
                reasons.append("no participant in scope")
        if self._terms is not None and not any(self._terms.search(seg.text) for seg in item.segments):
            reasons.append("none of the search terms")
        return reasons

    def _matches(self, party: Party) -> bool:
        name = " ".join((party.name or "").lower().split())
        if name and name in self._names:
            return True
        for value in (party.email, party.raw):
            if value and value.strip().lower() in self._emails:
                return True
        for value in (party.phone, party.raw):
            if value and phone_variants(value) & self._phones:
                return True
        return False


def thread_index(items: Iterable[Item]) -> dict[str, list[Party]]:
    """Participants of each thread item, by thread key."""
    out: dict[str, list[Party]] = {}
    for item in items:
        thread = item.device.thread
        if item.kind == "thread" and thread is not None and thread.key:
            out[thread.key] = list(item.device.participants)
    return out
