"""Dating apps, as found in file-system extractions: Tinder on Android (``tinder-3.db`` of ``com.tinder``) and iOS
(``Tinder2.sqlite``, a Core Data store), Bumble on Android (``ChatComDatabase`` of ``com.bumble.app``). In a serious
sexual offence case the first contact is often a match.

Tables, as the apps keep them (and as ALEAPP's Tinder and Bumble artifacts read them):

- **Tinder**: ``message`` (``match_id``, ``from_id``, ``to_id``, ``text``, ``sent_date`` in milliseconds since 1970 UTC;
  ``raw_message_data``: a JSON copy whose ``type`` "gif" marks a GIF, its URL in ``text``), ``match`` (``id``,
  ``person_id``) and ``match_person`` (``id``, ``name``). A message from the match's person is incoming, one to them
  outgoing (the phone's owner wrote it), any other "unknown".
- **Tinder on iOS** (as iLEAPP's MIT-licensed Tinder artifact reads it): ``ZMESSAGE`` (``ZMATCH`` -> ``ZMATCH.Z_PK``,
  ``ZFROMUSERID``, ``ZTEXT``, ``ZCREATED`` in seconds since 2001-01-01 UTC; ``ZMEDIAURL``, ``ZPHOTOURL``, ``ZLINKURL``: a
  GIF's, photo's or link's address), ``ZMATCH`` (``ZMATCHID``, ``ZUSER`` -> ``ZUSER.Z_PK``: the matched person) and
  ``ZUSER`` (``ZUSERID``, ``ZFIRSTNAME``; ``ZISCURRENTUSER`` 1 on the phone's owner). A message from the owner's user id
  is outgoing, from anyone else incoming; with no owner row, from the match's person incoming and else "unknown".
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

from redactor.extract.device import common, sqlite_source
from redactor.extract.device.sqlite_source import Part
from redactor.extract.device.whatsapp_ios import apple_when
from redactor.records import Item, Mention, Person, Source, stable_id

TINDER, TINDER_IOS, BUMBLE = "tinder-android-db", "tinder-ios-db", "bumble-android-db"
MILLIS = "milliseconds since 1970-01-01 UTC"


@sqlite_source.message_store(
    TINDER,
    "Tinder database",
    {"message": ("match_id", "from_id", "to_id", "text", "sent_date"), "match": ("id", "person_id"), "match_person": ("id", "name")},
)
def _tinder(
    source: Source, path: Path, conn: sqlite3.Connection, tables: set[str], book: common.PeopleBook
) -> Iterator[Item | Person | Mention | Part]:
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
        chat = ("tinder match", r["match_id"], names.get(person))
        yield _item(source, TINDER, "Tinder", f"message rowid={r[0]}", chat, sender, direction, _millis(r["sent_date"]), fields)


@sqlite_source.message_store(
    TINDER_IOS,
    "Tinder database",
    {"ZMESSAGE": ("ZMATCH", "ZFROMUSERID", "ZTEXT", "ZCREATED"), "ZMATCH": ("ZMATCHID", "ZUSER"), "ZUSER": ("ZUSERID", "ZFIRSTNAME")},
)
def _tinder_ios(
    source: Source, path: Path, conn: sqlite3.Connection, tables: set[str], book: common.PeopleBook
) -> Iterator[Item | Person | Mention | Part]:
    users: dict[Any, tuple[Any, Any]] = {}  # Z_PK -> (user id, first name)
    names: dict[Any, Any] = {}  # user id -> first name
    owner = None
    wanted = ("ZUSERID", "ZFIRSTNAME", "ZISCURRENTUSER")
    for r in sqlite_source.parts(path, conn, "ZUSER", wanted, key="Z_PK", one="user"):
        if isinstance(r, tuple):
            yield r  # their messages are read without the name
            continue
        users[r[0]] = (r["ZUSERID"], r["ZFIRSTNAME"])
        names[r["ZUSERID"]] = r["ZFIRSTNAME"]
        if r["ZISCURRENTUSER"] == 1:
            owner = r["ZUSERID"]
    matches: dict[Any, Any] = {}  # ZMATCH.Z_PK -> (match id, the person's user id)
    for r in sqlite_source.parts(path, conn, "ZMATCH", ("ZMATCHID", "ZUSER"), key="Z_PK", one="match"):
        if isinstance(r, tuple):
            yield r
            continue
        person = users.get(r["ZUSER"], (None, None))
        matches[r[0]] = (r["ZMATCHID"], person[0])
        book.add(common.party(None, person[1], False), "Tinder matches")
    yield from book
    wanted = ("ZMATCH", "ZFROMUSERID", "ZTEXT", "ZCREATED", "ZMEDIAURL", "ZPHOTOURL", "ZLINKURL")
    for r in sqlite_source.parts(path, conn, "ZMESSAGE", wanted, key="Z_PK", one="message"):
        if isinstance(r, tuple):
            yield r
            continue
        match_id, person = matches.get(r["ZMATCH"], (None, None))
        frm = r["ZFROMUSERID"]
        if owner is not None and frm:
            value, how = (
                ("outgoing", "ZFROMUSERID is the owner's (ZISCURRENTUSER)")
                if frm == owner
                else ("incoming", "ZFROMUSERID is not the owner's")
            )
        elif person is not None and frm == person:
            value, how = "incoming", "ZFROMUSERID is the match's person"
        else:
            value, how = "unknown", "no owner row (ZISCURRENTUSER) and not the match's person"
        sender = common.party(None, None, True) if value == "outgoing" else common.party(frm, names.get(frm), False) if frm else None
        shared = [("attachment.title", r[c]) for c in ("ZMEDIAURL", "ZPHOTOURL", "ZLINKURL") if r[c]]
        fields = common.party_fields("sender", sender) + [("text", r["ZTEXT"])] + shared[:1]
        chat = ("tinder match", match_id if match_id is not None else r["ZMATCH"], names.get(person))
        when = apple_when(r["ZCREATED"])
        yield _item(source, TINDER_IOS, "Tinder", f"ZMESSAGE Z_PK={r[0]}", chat, sender, {"value": value, "how": how}, when, fields)


@sqlite_source.message_store(
    BUMBLE,
    "Bumble database",
    {
        "message": ("conversation_id", "sender_id", "created_timestamp", "is_incoming", "payload"),
        "conversation_info": ("user_id", "user_name"),
    },
)
def _bumble(
    source: Source, path: Path, conn: sqlite3.Connection, tables: set[str], book: common.PeopleBook
) -> Iterator[Item | Person | Mention | Part]:
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
        yield _item(source, BUMBLE, "Bumble", f"message rowid={r[0]}", chat, sender, direction, _millis(r["created_timestamp"]), fields)


def _millis(value: Any) -> dict[str, Any]:
    return common.when(common.from_epoch(value, "ms") if value else None, value, MILLIS)


def _item(
    source: Source,
    fmt: str,
    app: str,
    locator: str,
    chat: tuple[str, Any, Any],
    sender: dict[str, Any] | None,
    direction: dict[str, str],
    time: dict[str, Any],
    fields: list[tuple[str, str | None]],
) -> Item:
    kind, key, name = chat
    thread = {"id": str(key), "key": stable_id(source.source_id, kind, key), "app": app} | ({"name": name} if name else {})
    meta = {
        "format": fmt,
        "app": app,
        "thread": thread,
        "sender": sender,
        "time": time,
        "direction": direction,
        "deleted": "Intact",
    }
    return common.make_item(source, locator, "message", f"{app} message", fields, meta)
