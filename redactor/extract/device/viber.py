"""Viber on Android (``viber_messages`` of ``com.viber.voip``) and on iOS (``Contacts.data``, a Core Data store), as found
in file-system extractions.

Tables, as the app keeps them (and as ALEAPP's Viber artifact reads them): ``messages`` (``_id``, ``conversation_id``,
``participant_id`` -> ``participants._id``, ``body``, ``msg_date`` in milliseconds since 1970 UTC, ``send_type``: 0
received, 1 sent; ``extra_uri``: an attached file's place, ``description``: a shared file's or link's caption),
``participants`` (``_id``, ``conversation_id``, ``participant_info_id`` -> ``participants_info._id``),
``participants_info`` (``_id``, ``number``, ``display_name``, ``contact_name``, ``viber_name``) and ``conversations``
(``_id``, ``name``: a group's name). Columns a version lacks are read as empty.

Each message is a ``message`` item (its text, the sender's name and number, an attachment's name and caption; the
sender, time, direction and conversation as facts: the direction from ``send_type``, the sender of a sent message the
phone's owner) and each participant a known person.

On iOS (as iLEAPP's MIT-licensed Viber artifact reads it; no code copied): ``ZVIBERMESSAGE`` (``ZCONVERSATION`` ->
``ZCONVERSATION.Z_PK``, ``ZPHONENUMINDEX`` -> ``ZMEMBER.Z_PK``: who wrote it, ``ZTEXT``, ``ZDATE`` in seconds since
2001-01-01 UTC, ``ZSTATE``: "send" or "delivered" the owner's, "received" another's; ``ZSYSTEMTYPE``: a notice the app
wrote; ``ZATTACHMENT`` -> ``ZATTACHMENT.ZNAME``), ``ZCONVERSATION`` (``ZNAME``: a group's name, ``ZINTERLOCUTOR`` ->
``ZMEMBER.Z_PK``: the other party of a one-to-one chat), ``ZMEMBER`` (``ZDISPLAYFULLNAME``, ``ZDISPLAYSHORTNAME``,
``ZNAME``) and ``ZPHONENUMBER`` (``ZMEMBER``, ``ZPHONE``, ``ZCANONIZEDPHONENUM``).

The database is opened read-only and immutable (its ``-wal``
applied to a copy in the case's work folder); a run of rows in a damaged page, or a row that is not UTF-8, is refused
alone; a database none of whose messages can be read is refused whole.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import Any

from redactor.extract.device import common, sqlite_source
from redactor.extract.device.sqlite_source import Part
from redactor.extract.device.whatsapp_ios import apple_when
from redactor.records import Item, Mention, Person, Source, stable_id

FORMAT = "viber-android-db"
IOS_FORMAT = "viber-ios-db"
IOS_STATES = {
    "send": "outgoing",
    "sent": "outgoing",
    "delivered": "outgoing",
    "pending": "outgoing",
    "failed": "outgoing",
    "received": "incoming",
    "read": "incoming",
    "unread": "incoming",
}  # ZVIBERMESSAGE.ZSTATE
SENT = 1  # messages.send_type of a message the phone's owner sent
FILE_HOW = "the database names the file; the files are separate in the extraction (the app's media folder)"


@sqlite_source.message_store(
    FORMAT,
    "Viber database",
    {
        "messages": ("conversation_id", "participant_id", "body", "msg_date", "send_type"),
        "participants_info": ("number",),
        "participants": (),
    },
)
def _read(
    source: Source, path: Path, conn: sqlite3.Connection, tables: set[str], book: common.PeopleBook
) -> Iterator[Item | Person | Mention | Part]:
    info: dict[Any, dict[str, Any]] = {}
    for r in sqlite_source.parts(path, conn, "participants_info", ("number", "display_name", "contact_name", "viber_name"), one="person"):
        if isinstance(r, tuple):
            yield r  # their messages are read without the sender's name
            continue
        info[r[0]] = common.party(r["number"], r["contact_name"] or r["display_name"] or r["viber_name"])
    people: dict[Any, dict[str, Any]] = {}
    for r in sqlite_source.parts(path, conn, "participants", ("participant_info_id",), one="participant"):
        if isinstance(r, tuple):
            yield r
        elif r["participant_info_id"] in info:
            people[r[0]] = info[r["participant_info_id"]]
    names: dict[Any, Any] = {}
    if "conversations" in tables:
        for r in sqlite_source.parts(path, conn, "conversations", ("name",), one="conversation"):
            if not isinstance(r, tuple):
                names[r[0]] = r["name"]
            else:
                yield r
    wanted = ("conversation_id", "participant_id", "body", "msg_date", "send_type", "extra_uri", "description")
    for r in sqlite_source.parts(path, conn, "messages", wanted, one="message", key="_id"):
        if isinstance(r, tuple):
            yield r
            continue
        sent = r["send_type"] == SENT
        sender = common.party(None, None, True) if sent else people.get(r["participant_id"])
        if sender is not None and not sent:
            sender = {**sender, "owner": False}
            book.add(sender, "Viber participants")
        yield from book
        yield _message(source, r, sender, sent, names.get(r["conversation_id"]))


def _message(source: Source, r: Any, sender: dict[str, Any] | None, sent: bool, group: Any) -> Item:
    uri = r["extra_uri"] if isinstance(r["extra_uri"], str) else None
    name = PurePosixPath(uri.split("?")[0]).name if uri else None
    attachments = [{"name": name, "type": None, "size": None, "present": False, "how": FILE_HOW}] if name else []
    thread = {
        "id": str(r["conversation_id"]),
        "key": stable_id(source.source_id, "viber conversation", r["conversation_id"]),
        "app": "Viber",
    }
    meta = {
        "format": FORMAT,
        "app": "Viber",
        "thread": thread | ({"name": group} if group else {}),
        "sender": sender,
        "time": common.when(
            common.from_epoch(r["msg_date"], "ms") if r["msg_date"] else None, r["msg_date"], "milliseconds since 1970-01-01 UTC"
        ),
        "direction": {"value": "outgoing" if sent else "incoming", "how": "messages.send_type (1: sent)"},
        "deleted": "Intact",
        "attachments": attachments,
    }
    fields = common.party_fields("sender", sender) + [("text", r["body"])]
    fields += [("attachment.name", name)] if name else []
    fields += [("attachment.title", r["description"])] if r["description"] else []
    return common.make_item(source, f"messages _id={r[0]}", "message", "Viber message", fields, meta)


@sqlite_source.message_store(
    IOS_FORMAT,
    "Viber database",
    {"ZVIBERMESSAGE": ("ZCONVERSATION", "ZTEXT", "ZDATE", "ZSTATE"), "ZCONVERSATION": ("ZINTERLOCUTOR",), "ZMEMBER": ()},
)
def _read_ios(
    source: Source, path: Path, conn: sqlite3.Connection, tables: set[str], book: common.PeopleBook
) -> Iterator[Item | Person | Mention | Part]:
    phones: dict[Any, Any] = {}
    if "ZPHONENUMBER" in tables:
        for r in sqlite_source.parts(path, conn, "ZPHONENUMBER", ("ZMEMBER", "ZPHONE", "ZCANONIZEDPHONENUM"), key="Z_PK", one="number"):
            if isinstance(r, tuple):
                yield r  # that member's messages are read without the number
            elif r["ZMEMBER"] is not None:
                phones.setdefault(r["ZMEMBER"], r["ZPHONE"] or r["ZCANONIZEDPHONENUM"])
    members: dict[Any, dict[str, Any]] = {}
    for r in sqlite_source.parts(path, conn, "ZMEMBER", ("ZDISPLAYFULLNAME", "ZDISPLAYSHORTNAME", "ZNAME"), key="Z_PK", one="member"):
        if isinstance(r, tuple):
            yield r
            continue
        members[r[0]] = common.party(phones.get(r[0]), r["ZDISPLAYFULLNAME"] or r["ZNAME"] or r["ZDISPLAYSHORTNAME"], False)
        book.add(members[r[0]], "Viber participants")
    yield from book
    chats: dict[Any, tuple[Any, Any]] = {}  # Z_PK -> (group name, the other party's member)
    for r in sqlite_source.parts(path, conn, "ZCONVERSATION", ("ZNAME", "ZINTERLOCUTOR"), key="Z_PK", one="conversation"):
        if isinstance(r, tuple):
            yield r
        else:
            chats[r[0]] = (r["ZNAME"], r["ZINTERLOCUTOR"])
    files: dict[Any, Any] = {}
    if {"ZNAME"} <= set(sqlite_source.tables(path).get("ZATTACHMENT", set())):
        for r in sqlite_source.parts(path, conn, "ZATTACHMENT", ("ZNAME",), key="Z_PK", one="attachment"):
            if isinstance(r, tuple):
                yield r
            else:
                files[r[0]] = r["ZNAME"]
    wanted = ("ZCONVERSATION", "ZPHONENUMINDEX", "ZTEXT", "ZDATE", "ZSTATE", "ZSYSTEMTYPE", "ZATTACHMENT")
    for r in sqlite_source.parts(path, conn, "ZVIBERMESSAGE", wanted, key="Z_PK", one="message"):
        if isinstance(r, tuple):
            yield r
            continue
        yield _ios_message(source, r, members, chats, files.get(r["ZATTACHMENT"]))
        yield from book


def _ios_message(source: Source, r: Any, members: dict[Any, dict[str, Any]], chats: dict[Any, tuple[Any, Any]], file: Any) -> Item:
    group, other = chats.get(r["ZCONVERSATION"], (None, None))
    way = IOS_STATES.get(str(r["ZSTATE"] or "").strip().lower())
    writer = members.get(r["ZPHONENUMINDEX"] if r["ZPHONENUMINDEX"] is not None else other)
    sender = common.party(None, None, True) if way == "outgoing" else writer
    thread = {
        "id": str(r["ZCONVERSATION"]),
        "key": stable_id(source.source_id, "viber conversation", r["ZCONVERSATION"]),
        "app": "Viber",
    }
    name = PurePosixPath(str(file)).name if file else None
    meta: dict[str, Any] = {
        "format": IOS_FORMAT,
        "app": "Viber",
        "thread": thread | ({"name": group} if group else {}),
        "sender": sender,
        "time": apple_when(r["ZDATE"]),
        "direction": {"value": way, "how": f"ZVIBERMESSAGE.ZSTATE '{r['ZSTATE']}'"}
        if way
        else {"value": "unknown", "how": f"ZVIBERMESSAGE.ZSTATE '{r['ZSTATE']}' does not say"},
        "attachments": [{"name": name, "type": None, "size": None, "present": False, "how": FILE_HOW}] if name else [],
    }
    if r["ZSYSTEMTYPE"]:
        meta["notice"] = "a notice the app wrote (a call, a member joining, ...)"
    fields = common.party_fields("sender", sender) + [("text", r["ZTEXT"])]
    fields += [("attachment.name", name)] if name else []
    return common.make_item(source, f"ZVIBERMESSAGE Z_PK={r[0]}", "message", "Viber message", fields, meta)
