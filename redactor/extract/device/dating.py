"""Dating apps on Android, as found in file-system extractions: Tinder (``tinder-3.db`` of ``com.tinder``) and Bumble
(``ChatComDatabase`` of ``com.bumble.app``). In a serious sexual offence case the first contact is often a match.

Tables, as the apps keep them (and as ALEAPP's Tinder and Bumble artifacts read them):

- **Tinder**: ``message`` (``match_id``, ``from_id``, ``to_id``, ``text``, ``sent_date`` in milliseconds since 1970 UTC;
  ``raw_message_data``: a JSON copy whose ``type`` "gif" marks a GIF, its URL in ``text``), ``match`` (``id``,
  ``person_id``) and ``match_person`` (``id``, ``name``). A message from the match's person is incoming, one to them
  outgoing (the phone's owner wrote it), any other "unknown".
- **Bumble**: ``message`` (``conversation_id``: the other person's user id, ``sender_id``, ``recipient_id``,
  ``created_timestamp`` in milliseconds, ``is_incoming``, ``payload``: JSON with ``text`` or a shared ``url``,
  ``payload_type``) and ``conversation_info`` (``user_id``, ``user_name``).

Each message is a ``message`` item (its words, the sender's name; the sender, time, direction and match as facts) and
each match a known person. A JSON value that cannot be read is refused (``message rowid=N raw_message_data``) and the
message read without it. The database is opened as every phone database is (its ``-wal`` applied to a copy in the case's
work folder); a run of rows in a damaged page, or a row that is not UTF-8, is refused alone.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from redactor.extract import extractor
from redactor.extract.device import common, sqlite_source
from redactor.extract.device.sqlite_source import Part
from redactor.records import Item, Mention, Person, Refused, Source, stable_id
from redactor.stages import StageContext

TINDER, BUMBLE = "tinder-android-db", "bumble-android-db"


def _sqlite(source: Source) -> bool:
    return source.media_type == "application/vnd.sqlite3"


def _accepts_tinder(source: Source, path: Path, head: bytes) -> bool:
    if not _sqlite(source):
        return False
    tables = sqlite_source.tables(path)
    return (
        {"match_id", "from_id", "to_id", "text", "sent_date"} <= tables.get("message", set())
        and {"id", "person_id"} <= tables.get("match", set())
        and {"id", "name"} <= tables.get("match_person", set())
    )


def _accepts_bumble(source: Source, path: Path, head: bytes) -> bool:
    if not _sqlite(source):
        return False
    tables = sqlite_source.tables(path)
    needed = {"conversation_id", "sender_id", "created_timestamp", "is_incoming", "payload"}
    return needed <= tables.get("message", set()) and {"user_id", "user_name"} <= tables.get("conversation_info", set())


@extractor(TINDER, accepts=_accepts_tinder, priority=30)
def extract_tinder(source: Source, path: Path, ctx: StageContext) -> Iterator[Item | Person | Mention | Refused]:
    yield from sqlite_source.read_messages(
        source, path, "Tinder database", lambda conn, _, book: _tinder(source, path, conn, book), ctx.work_dir
    )


@extractor(BUMBLE, accepts=_accepts_bumble, priority=30)
def extract_bumble(source: Source, path: Path, ctx: StageContext) -> Iterator[Item | Person | Mention | Refused]:
    yield from sqlite_source.read_messages(
        source, path, "Bumble database", lambda conn, _, book: _bumble(source, path, conn, book), ctx.work_dir
    )


def _tinder(source: Source, path: Path, conn: sqlite3.Connection, book: common.PeopleBook) -> Iterator[Item | Person | Mention | Part]:
    names: dict[Any, Any] = {}
    for r in sqlite_source.parts(path, conn, "match_person", ("id", "name"), one="person"):
        if isinstance(r, tuple):
            yield r  # their messages are read without the match's name
        else:
            names[r["id"]] = r["name"]
    matches: dict[Any, Any] = {}  # match id -> the person's id
    for r in sqlite_source.parts(path, conn, "match", ("id", "person_id"), one="match"):
        if isinstance(r, tuple):
            yield r
            continue
        matches[r["id"]] = r["person_id"]
        book.add(common.party(None, names.get(r["person_id"]), False), "Tinder matches")
    yield from book
    wanted = ("match_id", "from_id", "to_id", "text", "sent_date", "raw_message_data")
    for r in sqlite_source.parts(path, conn, "message", wanted, one="message"):
        if isinstance(r, tuple):
            yield r
            continue
        raw, refusal = sqlite_source.json_object(path, r["raw_message_data"], f"message rowid={r[0]} raw_message_data")
        if refusal is not None:
            yield refusal
        person = matches.get(r["match_id"])
        if person is not None and r["from_id"] == person:
            sender, value = common.party(None, names.get(person), False), "incoming"
        elif person is not None and r["to_id"] == person:
            sender, value = common.party(None, None, True), "outgoing"
        else:
            sender, value = None, "unknown"
        gif = raw.get("type") == "gif"
        direction = {
            "value": value,
            "how": "from_id or to_id is the match's person" if value != "unknown" else "neither is the match's person",
        }
        fields = common.party_fields("sender", sender) + [("attachment.title" if gif else "text", r["text"])]
        yield _item(
            source, TINDER, "Tinder", r, ("tinder match", r["match_id"], names.get(person)), sender, direction, r["sent_date"], fields
        )


def _bumble(source: Source, path: Path, conn: sqlite3.Connection, book: common.PeopleBook) -> Iterator[Item | Person | Mention | Part]:
    names: dict[Any, Any] = {}
    for r in sqlite_source.parts(path, conn, "conversation_info", ("user_id", "user_name"), one="conversation"):
        if isinstance(r, tuple):
            yield r
            continue
        names[r["user_id"]] = r["user_name"]
        book.add(common.party(None, r["user_name"], False), "Bumble matches")
    yield from book
    wanted = ("conversation_id", "sender_id", "created_timestamp", "is_incoming", "payload")
    for r in sqlite_source.parts(path, conn, "message", wanted, one="message"):
        if isinstance(r, tuple):
            yield r
            continue
        payload, refusal = sqlite_source.json_object(path, r["payload"], f"message rowid={r[0]} payload")
        if refusal is not None:
            yield refusal
        incoming = r["is_incoming"]
        if incoming in (0, 1):
            sender = common.party(None, names.get(r["conversation_id"]), False) if incoming else common.party(None, None, True)
            direction = {"value": "incoming" if incoming else "outgoing", "how": "message.is_incoming"}
        else:
            sender, direction = None, {"value": "unknown", "how": "message.is_incoming not recorded"}
        text = payload.get("text") if isinstance(payload.get("text"), str) else None
        url = payload.get("url") if isinstance(payload.get("url"), str) else None
        fields = common.party_fields("sender", sender) + [("text", text)] + ([("attachment.title", url)] if url else [])
        chat = ("bumble conversation", r["conversation_id"], names.get(r["conversation_id"]))
        yield _item(source, BUMBLE, "Bumble", r, chat, sender, direction, r["created_timestamp"], fields)


def _item(
    source: Source,
    fmt: str,
    app: str,
    r: Any,
    chat: tuple[str, Any, Any],
    sender: dict[str, Any] | None,
    direction: dict[str, str],
    millis: Any,
    fields: list[tuple[str, str | None]],
) -> Item:
    kind, key, name = chat
    thread = {"id": str(key), "key": stable_id(source.source_id, kind, key), "app": app} | ({"name": name} if name else {})
    meta = {
        "format": fmt,
        "app": app,
        "thread": thread,
        "sender": sender,
        "time": common.when(common.from_epoch(millis, "ms") if millis else None, millis, "milliseconds since 1970-01-01 UTC"),
        "direction": direction,
        "deleted": "Intact",
    }
    return common.make_item(source, f"message rowid={r[0]}", "message", f"{app} message", fields, meta)
