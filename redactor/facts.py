"""Typed facts of device items: parties, thread, direction, time with its source, attachments.

A device item carries them as :attr:`redactor.records.Item.device`, a :class:`DeviceFacts`; its
``meta`` keeps only a format's own extras (``edited``, ``deleted``, ``app``, ...). Extractors write
the facts in the JSON shape ``extract/device/common.py`` builds (``sender``, ``recipients``,
``participants``, ``thread``, ``direction``, ``time``, ``attachments``); :func:`split_meta` types
them when the item is made, and the case stores them in the ``device`` column as that same shape
(:meth:`DeviceFacts.to_json`). A format's extra keys inside a fact (a party's ``role``, an
attachment's ``sha256``, the field a time came from) are kept in that fact's ``extra``, so nothing
an extractor found is lost.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

FACT_KEYS = ("sender", "recipients", "participants", "thread", "direction", "time", "attachments")

Extra = tuple[tuple[str, Any], ...]


def _is_mapping(value: Any) -> bool:
    """``isinstance(value, Mapping)``, with a plain dict (nearly always) told without the ABC's check."""
    return value.__class__ is dict or isinstance(value, Mapping)


def _text(value: Any) -> str | None:
    return None if value in (None, "") else str(value)


def _texts(value: Mapping[str, Any], keys: tuple[str, ...]) -> list[str | None]:
    """:func:`_text` of each key's value (hot path: a fact of every message; a non-empty str is kept as is)."""
    return [v if v.__class__ is str and v else _text(v) for v in map(value.get, keys)]


def _extra(value: Mapping[str, Any], known: frozenset[str]) -> Extra:
    if known.issuperset(value):  # the usual case: nothing but the fact's own keys
        return ()
    return tuple((str(k), v) for k, v in value.items() if k not in known)


def _json(keys: tuple[str, ...], values: tuple[Any, ...], extra: Extra) -> dict[str, Any]:
    """The stored shape: known values that are set, then the format's extras."""
    out = {k: v for k, v in zip(keys, values, strict=True) if v is not None}
    if extra:
        out.update(extra)
    return out


@dataclass(frozen=True, slots=True)
class Party:
    """A participant: raw identifier as found, E.164 phone or e-mail, display name, device-owner flag."""

    raw: str | None = None
    name: str | None = None
    phone: str | None = None
    email: str | None = None
    owner: bool | None = None
    role: str | None = None  # from, to, cc, ... when the format says
    extra: Extra = ()

    KEYS = ("raw", "name", "phone", "email", "owner", "role")

    @classmethod
    def from_json(cls, value: Any) -> Party | None:
        if isinstance(value, str):
            return cls(raw=value) if value else None
        if not _is_mapping(value):
            return None
        owner = value.get("owner")
        raw, name, phone, email, role = _texts(value, _PARTY_TEXTS)
        return cls(raw, name, phone, email, owner if isinstance(owner, bool) else None, role, _extra(value, _PARTY_KEYS))

    def to_json(self) -> dict[str, Any]:
        return _json(self.KEYS, (self.raw, self.name, self.phone, self.email, self.owner, self.role), self.extra)

    @property
    def key(self) -> str:
        """What identifies the party across messages: phone, e-mail, raw identifier, or name."""
        return self.phone or self.email or self.raw or self.name or ""

    @property
    def label(self) -> str:
        return self.name or self.raw or ""


@dataclass(frozen=True, slots=True)
class Thread:
    """The conversation a message belongs to: its stable key, the format's own id, the app and a name."""

    key: str | None
    id: str | None = None
    app: str | None = None
    name: str | None = None
    extra: Extra = ()

    KEYS = ("key", "id", "app", "name")

    @classmethod
    def from_json(cls, value: Any) -> Thread | None:
        if not _is_mapping(value):
            return None
        thread = cls(*_texts(value, cls.KEYS), extra=_extra(value, _THREAD_KEYS))
        return thread if thread.key or thread.id else None

    def to_json(self) -> dict[str, Any]:
        return _json(self.KEYS, (self.key, self.id, self.app, self.name), self.extra)

    @property
    def ref(self) -> str:
        """How the case finds the conversation: its key, or its format id when it has none."""
        return self.key or self.id or ""


@dataclass(frozen=True, slots=True)
class Moment:
    """A time: UTC ISO value (None when unreadable), the raw value as found, where its zone came from."""

    utc: str | None
    raw: str | None = None
    tz_source: str | None = None
    extra: Extra = ()  # e.g. the field or column the time was read from

    KEYS = ("utc", "raw", "tz_source")

    @classmethod
    def from_json(cls, value: Any) -> Moment | None:
        if not _is_mapping(value):
            return None
        return cls(*_texts(value, cls.KEYS), _extra(value, _MOMENT_KEYS))

    def to_json(self) -> dict[str, Any]:
        out = {"utc": self.utc, "raw": self.raw, "tz_source": self.tz_source}
        if self.extra:
            out.update(self.extra)
        return out


@dataclass(frozen=True, slots=True)
class Attachment:
    name: str | None
    type: str | None = None
    present: bool = False
    extra: Extra = ()  # e.g. how it is known, its size and SHA-256 when extracted

    KEYS = ("name", "type", "present")

    @classmethod
    def from_json(cls, value: Any) -> Attachment | None:
        if not _is_mapping(value):
            return None
        name, kind = _texts(value, _ATTACHMENT_TEXTS)
        return cls(name, kind, bool(value.get("present")), _extra(value, _ATTACHMENT_KEYS))

    def to_json(self) -> dict[str, Any]:
        kind = {} if self.type is None else {"type": self.type}
        out = {"name": self.name, **kind, "present": self.present}
        if self.extra:
            out.update(self.extra)
        return out


@dataclass(frozen=True, slots=True)
class DeviceFacts:
    sender: Party | None = None
    recipients: tuple[Party, ...] = ()
    participants: tuple[Party, ...] = ()
    thread: Thread | None = None
    direction: str | None = None  # incoming | outgoing | missed | unknown
    time: Moment | None = None
    attachments: tuple[Attachment, ...] = ()
    direction_how: str | None = None  # how the direction was derived (a field, the owner flag, ...)

    @classmethod
    def from_meta(cls, meta: Mapping[str, Any]) -> DeviceFacts:
        """The facts in the stored JSON shape (an extractor's meta, or the case's ``device`` column)."""
        return split_meta(meta)[0]

    def to_json(self) -> dict[str, Any]:
        """The stored shape; empty for a document."""
        out: dict[str, Any] = {}
        if self.sender is not None:
            out["sender"] = self.sender.to_json()
        for key in ("recipients", "participants"):
            if parties := getattr(self, key):
                out[key] = [p.to_json() for p in parties]
        if self.thread is not None:
            out["thread"] = self.thread.to_json()
        if self.direction is not None:
            out["direction"] = _json(("value", "how"), (self.direction, self.direction_how), ())
        if self.time is not None:
            out["time"] = self.time.to_json()
        if self.attachments:
            out["attachments"] = [a.to_json() for a in self.attachments]
        return out

    def __bool__(self) -> bool:
        return self != NO_FACTS


NO_FACTS = DeviceFacts()
_FACT_SET = frozenset(FACT_KEYS)
_PARTY_TEXTS = ("raw", "name", "phone", "email", "role")
_PARTY_KEYS = frozenset(Party.KEYS)
_THREAD_KEYS = frozenset(Thread.KEYS)
_MOMENT_KEYS = frozenset(Moment.KEYS)
_ATTACHMENT_TEXTS = ("name", "type")
_ATTACHMENT_KEYS = frozenset(Attachment.KEYS)


def split_meta(meta: Mapping[str, Any]) -> tuple[DeviceFacts, dict[str, Any]]:
    """An extractor's meta as (typed facts, the remaining extras).

    A fact key whose value is not in the expected shape (a thread given as a plain string, say)
    is not a fact: it stays among the extras untouched, so nothing is lost.
    """
    rest = dict(meta)
    keys = _FACT_SET.intersection(rest)
    if not keys:
        return NO_FACTS, rest
    facts: dict[str, Any] = {}
    for key in keys:  # each key gives fields of its own: the order they are read in does not matter
        value = rest[key]
        parsed = {} if value is None else _PARSERS[key](key, value)
        if parsed is not None:
            facts.update(parsed)
            del rest[key]
    return DeviceFacts(**facts), rest


def _parse(key: str, value: Any) -> dict[str, Any] | None:
    """The typed fields for one fact key; None when the value is not in the fact's shape."""
    return {} if value is None else _PARSERS[key](key, value)


def _sender(key: str, value: Any) -> dict[str, Any] | None:
    party = _party(value)
    return None if party is None else {"sender": party}


def _list(key: str, value: Any) -> dict[str, Any] | None:
    if value.__class__ is not list and not isinstance(value, list):
        return None
    if not value:
        return {key: ()}
    parse = Attachment.from_json if key == "attachments" else _party
    return {key: tuple(x for x in map(parse, value) if x is not None)}


def _thread(key: str, value: Any) -> dict[str, Any] | None:
    thread = _typed(Thread, value)
    return None if thread is None else {"thread": thread}


def _direction(key: str, value: Any) -> dict[str, Any] | None:
    if not _is_mapping(value) or (direction := _text(value.get("value"))) is None:
        return None
    return {"direction": direction, "direction_how": _text(value.get("how"))}


def _time(key: str, value: Any) -> dict[str, Any] | None:
    moment = Moment.from_json(value)
    return None if moment is None else {"time": moment}


_PARSERS = {
    "sender": _sender,
    "recipients": _list,
    "participants": _list,
    "attachments": _list,
    "thread": _thread,
    "direction": _direction,
    "time": _time,
}
assert set(_PARSERS) == _FACT_SET


# Parties and threads repeat: every message of a chat names the same thread and a few senders. Their typed
# facts are immutable, so one made from equal JSON is shared. A value is cached only when its keys are str and
# its values str, None or bool (where equal means the same JSON: 1 == True would not), and not too long.
_ATOMS = frozenset((str, type(None), bool))
_CACHED: dict[tuple[type, tuple[tuple[str, Any], ...]], Any] = {}
_CACHE_MAX = 4096  # entries
_CACHE_TEXT = 256  # characters in one value


def _typed(cls: type[Party] | type[Thread], value: Any) -> Any:
    """``cls.from_json(value)``, shared between equal values."""
    if value.__class__ is not dict:
        return cls.from_json(value)
    pairs = tuple(value.items())
    for k, v in pairs:
        if k.__class__ is not str or v.__class__ not in _ATOMS or (v.__class__ is str and len(v) > _CACHE_TEXT):
            return cls.from_json(value)
    key = (cls, pairs)
    found = _CACHED.get(key)
    if found is None:
        found = cls.from_json(value)
        if len(_CACHED) >= _CACHE_MAX:
            _CACHED.clear()  # bounded: a source with more distinct parties starts again
        _CACHED[key] = found
    return found


def _party(value: Any) -> Party | None:
    return _typed(Party, value)
