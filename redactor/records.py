"""Immutable records that flow between stages.

Stages never mutate their inputs: they return new records. Mutable state (review
status, decisions) lives in the case database and is changed only through
``redactor.case.CaseStore``, which writes an audit event for every change.

Coordinates: boxes are ``(x0, y0, x1, y1)`` in PDF points with the origin at the
bottom-left of the page, the PDF convention.
"""

from __future__ import annotations

import copyreg
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from redactor.facts import FACT_KEYS, NO_FACTS, DeviceFacts, split_meta

Box = tuple[float, float, float, float]
_FACT_SET = frozenset(FACT_KEYS)

# Item kinds. Device formats add message, call, contact, email, note, calendar, web_visit, attachment.
DOCUMENT = "document"

# Flag statuses: a flag is a proposed redaction; its status is the outcome.
PENDING = "pending"
REDACT = "redact"
KEEP = "keep"
STATUSES = (PENDING, REDACT, KEEP)

# Proposed actions from the policy.
PROPOSALS = (REDACT, KEEP, "review")


def stable_id(*parts: object, length: int = 16) -> str:
    """A short, stable, content-derived id: the same inputs always give the same id."""
    text = "\x1f".join(str(p) for p in parts)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:length]


def frozen_mapping(value: Mapping[str, Any] | None) -> Mapping[str, Any]:
    return MappingProxyType(dict(value or {}))


def thawed_mapping(value: Mapping[str, Any]) -> dict[str, Any]:
    """A record's mapping as a dict of its own, to add keys to or to encode. A record's mapping is a read-only view
    of a dict (``frozen_mapping``): the view's ``copy()`` copies that dict, about five times faster than ``dict(view)``
    or ``{**view}``, which read the view key by key (hot path: every flag); the same keys in the same order."""
    return value.copy() if value.__class__ is MappingProxyType else dict(value)  # type: ignore[attr-defined]


# Records cross process boundaries (render workers are spawned, not forked): a frozen
# mapping pickles as its contents and comes back frozen.
copyreg.pickle(MappingProxyType, lambda proxy: (frozen_mapping, (dict(proxy),)))


@dataclass(frozen=True, slots=True)
class Word:
    """A word of a laid-out page: ``text[start:end]`` of its segment, drawn in ``box``."""

    start: int
    end: int
    box: Box
    conf: float | None = None  # OCR confidence 0-100; None for a text layer


@dataclass(frozen=True, slots=True)
class Source:
    """An input file, identified by the SHA-256 of its bytes."""

    source_id: str  # sha256 hex of the content
    ref: str  # short case reference, e.g. S0001; used in the bundle instead of the file name
    path: str  # where it was read from (kept in the case database only)
    name: str
    size: int
    media_type: str  # detected from content, e.g. "application/pdf", "text/plain"


@dataclass(frozen=True, slots=True)
class DerivedFile:
    """A file found inside a source (an e-mail or UFDR attachment), already written under the
    case's ``work/derived`` folder. Extractors yield these beside items; the runner registers
    each as a source of its own, linked to its parent, and extracts it like any other file."""

    path: Path
    name: str  # the name it had inside the parent (kept in the case database only)
    locator: str  # where in the parent it came from


@dataclass(frozen=True, slots=True)
class Person:
    """Someone the case knows: from the device's address book, chat participants, e-mail
    correspondents, or the case roster. Detection flags every mention of a known person."""

    person_id: str
    name: str
    aliases: tuple[str, ...] = ()  # first names, nicknames, handles
    phones: tuple[str, ...] = ()  # E.164 where it could be normalised, raw otherwise
    emails: tuple[str, ...] = ()
    role: str = "unknown"  # complainant, suspect, witness, officer, other, unknown (address book)
    origin: str = ""  # e.g. "S0001 contacts", "roster"
    device_owner: bool = False

    def merged(self, later: Person) -> Person:
        """This person with what a later mention of them adds: its aliases, numbers and e-mails after these
        (each once), device owner if either says so; the name, role and origin stay this one's."""
        return Person(
            self.person_id,
            self.name,
            tuple(dict.fromkeys(self.aliases + later.aliases)),
            tuple(dict.fromkeys(self.phones + later.phones)),
            tuple(dict.fromkeys(self.emails + later.emails)),
            self.role,
            self.origin,
            self.device_owner or later.device_owner,
        )


@dataclass(frozen=True, slots=True)
class Mention:
    """A person as one entry of an address book names them, yielded as the book is read (a phone's book can
    hold a million cards: the extractor keeps none of them). The case merges a source's mentions of the same
    person in order (:meth:`Person.merged`), as a book collected whole would have; a :class:`Person` yielded
    instead stands as it is."""

    person: Person


@dataclass(frozen=True, slots=True)
class Segment:
    """A unit of text with its provenance: one PDF page, a message body, a subject line, ..."""

    segment_id: str
    item_id: str
    index: int
    field: str  # "page", "body", "subject", "sender", ...
    text: str
    page: int | None = None  # 1-based page of the source, when it has pages
    page_size: tuple[float, float] | None = None  # width, height in points
    words: tuple[Word, ...] = ()
    origin: str = "text"  # "text" (plain text), "pdf-text" (text layer), "ocr"


@dataclass(frozen=True, slots=True)
class Item:
    """A normalised unit of review: a document, a message, a contact, ..."""

    item_id: str
    source_id: str
    locator: str  # where in the source: "file", "pages 1-3", an XPath, a line number
    kind: str
    title: str
    segments: tuple[Segment, ...]
    meta: Mapping[str, Any] = field(default_factory=dict)  # a format's own extras (never the device facts)
    device: DeviceFacts = NO_FACTS  # sender, thread, direction, time, attachments; empty for documents

    def __post_init__(self) -> None:
        meta = self.meta
        if not _FACT_SET.isdisjoint(meta):  # facts given in the extractors' JSON shape are typed here
            facts, meta = split_meta(meta)
            if not self.device:
                object.__setattr__(self, "device", facts)
        object.__setattr__(self, "meta", frozen_mapping(meta))


@dataclass(frozen=True, slots=True)
class Finding:
    """What a detector found in one segment. Offsets are Python string indices."""

    segment_id: str
    start: int
    end: int
    entity: str
    score: float
    recognizer: str
    explanation: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "explanation", frozen_mapping(self.explanation))


@dataclass(frozen=True, slots=True)
class Flag:
    """A finding with the policy's proposal and its review status."""

    flag_id: str
    item_id: str
    segment_id: str
    start: int
    end: int
    entity: str
    score: float
    recognizer: str
    explanation: Mapping[str, Any]
    code: str  # reason code, see redactor.codes
    proposed: str  # redact | keep | review
    status: str = PENDING  # pending | redact | keep
    origin: str = "detector"  # detector | manual
    version: int = 1  # bumped on every decision; used to refuse conflicting edits

    def __post_init__(self) -> None:
        object.__setattr__(self, "explanation", frozen_mapping(self.explanation))

    @staticmethod
    def make_id(segment_id: str, start: int, end: int, entity: str) -> str:
        return stable_id(segment_id, start, end, entity)


@dataclass(frozen=True, slots=True)
class Decision:
    """A reviewer's decision on one flag, with the state before and after."""

    flag_id: str
    action: str  # accept | reject | set | modify | add
    reviewer: str
    reason: str
    at: str
    before: Mapping[str, Any]
    after: Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class Quarantined:
    """An input or item that a stage could not process, with the reason."""

    path: str
    stage: str
    code: str
    reason: str
    source_id: str | None = None


@dataclass(frozen=True, slots=True)
class Refused:
    """A part of a source that its reader could not read (a mailbox's message without headers, nested too deeply or
    over the size limit), yielded beside the items it could read. The runner quarantines the part
    (``"{source.ref}:{locator}"``, with the reason) when it stores the source, whose readable items are stored and
    flagged: one bad message no longer sets a whole mailbox aside. ``locator`` and ``reason`` name where in the file
    and the problem, never its text or header values (they go to the quarantine report and the audit log)."""

    locator: str  # where in the source, as an item's locator says it: "message[3] line 120"
    code: str  # the error code (E033, E035, E036, ...)
    reason: str  # the one-line error, naming the file


@dataclass(frozen=True, slots=True)
class Redaction:
    """One box in the output: where, why, and which flag it comes from."""

    flag_id: str
    page: int  # 1-based page of the output document
    box: Box
    code: str
    entity: str


@dataclass(frozen=True, slots=True)
class RenderedItem:
    """A redacted output document, ready to be written into the bundle."""

    item_id: str
    pdf: bytes
    pages: int
    redactions: tuple[Redaction, ...]


def identity_key(text: str) -> str:
    """How a sender name or number is compared across items: spacing and case ignored."""
    return " ".join(text.split()).lower()


@dataclass(frozen=True, slots=True)
class ScopeProposal:
    """The policy's proposal to move an item out of scope (IRR) or back in; the runner applies it."""

    item_id: str
    scope: str  # out | in
    reason: str


@dataclass(frozen=True, slots=True)
class Decided:
    """What the decide stage returns for one item: flags, and perhaps a scope proposal."""

    flags: tuple[Flag, ...]
    scope: ScopeProposal | None = None


@dataclass(frozen=True, slots=True)
class CaseSnapshot:
    """What the case knows, read once by the runner and handed to stages as plain values.

    A stage never holds a connection to the case: this is all it sees of it.
    """

    people: tuple[Person, ...] = ()
    roster_addresses: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: frozen_mapping({}))
    threads: tuple[Item, ...] = ()  # the items that describe conversations (title, participants)
    identities: Mapping[str, Flag] = field(default_factory=lambda: frozen_mapping({}))  # identity_key -> a flag redacting it

    def __post_init__(self) -> None:
        object.__setattr__(self, "roster_addresses", frozen_mapping({k: tuple(v) for k, v in self.roster_addresses.items()}))
        object.__setattr__(self, "identities", frozen_mapping(self.identities))


@dataclass(frozen=True, slots=True)
class BundleEntry:
    """One document of the bundle: disclosed (with its redacted PDF) or withheld, with its index note."""

    ref: str
    kind: str
    status: str  # disclosed | withheld
    rendered: RenderedItem | None = None
    note: str = ""
    contains: tuple[str, ...] = ()  # case items rendered together in this document (a conversation's messages)
    title: str = ""  # raw (a file name, a conversation's title): printed only through BundleFacts.printable
    exhibit: str = ""  # raw: the source's reference and name or exhibit description
    date: str = ""  # the record's UTC date, or a conversation's first and last
    item_id: str = ""
    scope: str = "in"  # in | out (IRR: withheld, on MG6C) | sensitive (SEN: withheld, on MG6D)


@dataclass(frozen=True, slots=True)
class Discovered:
    """A file the ingest stage found: hashed and its type sniffed from content."""

    path: Path
    sha256: str
    size: int
    media_type: str
