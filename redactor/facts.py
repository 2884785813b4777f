"""Typed facts of device items: parties, thread, direction, time with its source, attachments.

Device extractors store these facts in ``Item.meta`` as JSON (the shape ``extract/device/common.py``
writes: ``sender``, ``recipients``, ``participants``, ``thread``, ``direction``, ``time``,
``attachments``); :attr:`redactor.records.Item.device` reads them back as the frozen records below,
so readers ask ``item.device.thread.key`` instead of guessing keys. Anything else in ``meta`` is a
format's own extra.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

FACT_KEYS = ("sender", "recipients", "participants", "thread", "direction", "time", "attachments")


def _text(value: Any) -> str | None:
    return None if value in (None, "") else str(value)


@dataclass(frozen=True, slots=True)
class Party:
    """A participant: raw identifier as found, E.164 phone or e-mail, display name, device-owner flag."""

    raw: str | None = None
    name: str | None = None
    phone: str | None = None
    email: str | None = None
    owner: bool | None = None

    @classmethod
    def from_json(cls, value: Any) -> Party | None:
        if isinstance(value, str):
            return cls(raw=value or None) if value else None
        if not isinstance(value, Mapping):
            return None
        return cls(
            _text(value.get("raw")), _text(value.get("name")), _text(value.get("phone")), _text(value.get("email")), value.get("owner")
        )

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

    @classmethod
    def from_json(cls, value: Any) -> Thread | None:
        if not isinstance(value, Mapping):
            return None
        thread = cls(_text(value.get("key")), _text(value.get("id")), _text(value.get("app")), _text(value.get("name")))
        return thread if thread.key or thread.id else None


@dataclass(frozen=True, slots=True)
class Moment:
    """A time: UTC ISO value (None when unreadable), the raw value as found, where its zone came from."""

    utc: str | None
    raw: str | None = None
    tz_source: str | None = None

    @classmethod
    def from_json(cls, value: Any) -> Moment | None:
        if not isinstance(value, Mapping):
            return None
        return cls(_text(value.get("utc")), _text(value.get("raw")), _text(value.get("tz_source")))


@dataclass(frozen=True, slots=True)
class Attachment:
    name: str | None
    type: str | None = None
    present: bool = False

    @classmethod
    def from_json(cls, value: Any) -> Attachment | None:
        if not isinstance(value, Mapping):
            return None
        return cls(_text(value.get("name")), _text(value.get("type")), bool(value.get("present")))


@dataclass(frozen=True, slots=True)
class DeviceFacts:
    sender: Party | None = None
    recipients: tuple[Party, ...] = ()
    participants: tuple[Party, ...] = ()
    thread: Thread | None = None
    direction: str | None = None  # incoming | outgoing | missed | unknown
    time: Moment | None = None
    attachments: tuple[Attachment, ...] = ()

    @classmethod
    def from_meta(cls, meta: Mapping[str, Any]) -> DeviceFacts:
        direction = meta.get("direction")
        return cls(
            sender=Party.from_json(meta.get("sender")),
            recipients=_parties(meta.get("recipients")),
            participants=_parties(meta.get("participants")),
            thread=Thread.from_json(meta.get("thread")),
            direction=_text(direction.get("value")) if isinstance(direction, Mapping) else None,
            time=Moment.from_json(meta.get("time")),
            attachments=tuple(a for a in map(Attachment.from_json, _list(meta.get("attachments"))) if a is not None),
        )


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _parties(value: Any) -> tuple[Party, ...]:
    return tuple(p for p in map(Party.from_json, _list(value)) if p is not None)
