"""Kik on Android (``kikDatabase.db`` of ``kik.android``, often ``<core id>.kikDatabase.db``) and on iOS
(``kik.sqlite``, a Core Data store), as found in file-system extractions.

Tables, as the app keeps them (and as ALEAPP's Kik artifact reads them): ``messagesTable`` (``_id``, ``body``,
``partner_jid``: the other party, or in a group the member who wrote; ``bin_id``: the conversation, a group's jid;
``was_me``: 1 when the phone's owner sent it; ``timestamp`` in milliseconds since 1970 UTC; ``content_id``: an
attachment, its properties in ``KIKContentTable``) and ``KIKcontactsTable`` (``jid``, ``display_name``, ``user_name``,
``is_group``). Columns a version lacks are read as empty.

Each message is a ``message`` item (its text, the sender's name and Kik id, an attachment's file name; the sender,
time, direction and conversation as facts: the direction from ``was_me``) and each contact that is not a group a known
person.

On iOS (as iLEAPP's MIT-licensed Kik artifact reads it; no code copied): ``ZKIKMESSAGE`` (``Z_PK``, ``ZBODY``,
``ZTYPE``: 1 received, 2 sent, 3 and 4 a group's housekeeping notice; ``ZUSER`` -> ``ZKIKUSER.Z_PK``: the other party, or
in a group the member; ``ZTIMESTAMP`` and ``ZRECEIVEDTIMESTAMP`` in seconds since 2001-01-01 UTC), ``ZKIKUSER``
(``ZDISPLAYNAME``, ``ZUSERNAME``, ``ZJID``, ``ZEMAIL``, ``ZFIRSTNAME``, ``ZLASTNAME``; ``ZGROUPTAG`` set on a group) and
``ZKIKATTACHMENT`` (``ZMESSAGE``, ``ZCONTENT``: the attachment's file). The conversation is the other party
(``ZUSER``): the store keeps no chat a message belongs to in the columns read here, so a group's messages are
threaded by their writer. A housekeeping notice is an item saying so, without a direction.

The database is opened read-only and immutable (its ``-wal`` applied to a copy in the case's work folder); a
run of rows in a damaged page, or a row that is not UTF-8, is refused alone; a database none of whose messages can be
read is refused whole.
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

FORMAT = "kik-android-db"
IOS_FORMAT = "kik-ios-db"
IOS_TYPES = {1: "incoming", 2: "outgoing"}  # ZKIKMESSAGE.ZTYPE; 3 and 4: a group's housekeeping notice
FILE_HOW = "the database names the file; the files are separate in the extraction (the app's content folder)"


@sqlite_source.message_store(
    FORMAT, "Kik database", {"messagesTable": ("body", "partner_jid", "was_me", "timestamp"), "KIKcontactsTable": ("jid",)}
)
def _read(
    source: Source, path: Path, conn: sqlite3.Connection, tables: set[str], book: common.PeopleBook
) -> Iterator[Item | Person | Mention | Part]:
    people: dict[str, dict[str, Any]] = {}
    groups: dict[str, Any] = {}
    for r in sqlite_source.parts(path, conn, "KIKcontactsTable", ("jid", "display_name", "user_name", "is_group"), one="contact"):
        if isinstance(r, tuple):
            yield r  # their messages are read without the sender's name
            continue
        if r["is_group"]:
            groups[r["jid"]] = r["display_name"]
            continue
        people[r["jid"]] = common.party(r["user_name"] or r["jid"], r["display_name"], False)
        book.add(people[r["jid"]], "Kik contacts")
    yield from book
    files: dict[Any, Any] = {}
    if {"content_id", "content_name", "content_string"} <= set(sqlite_source.tables(path).get("KIKContentTable", set())):
        for r in sqlite_source.parts(path, conn, "KIKContentTable", ("content_id", "content_name", "content_string"), one="content"):
            if isinstance(r, tuple):
                yield r
            elif r["content_name"] == "file-name":
                files[r["content_id"]] = r["content_string"]
    wanted = ("body", "partner_jid", "bin_id", "was_me", "timestamp", "content_id")
    for r in sqlite_source.parts(path, conn, "messagesTable", wanted, one="message", key="_id"):
        if isinstance(r, tuple):
            yield r
            continue
        sent = r["was_me"] == 1
        jid = r["partner_jid"]
        sender = common.party(None, None, True) if sent else people.get(jid) or (common.party(jid, None, False) if jid else None)
        yield _message(source, r, sender, sent, files.get(r["content_id"]), groups)
        yield from book


def _message(source: Source, r: Any, sender: dict[str, Any] | None, sent: bool, file: Any, groups: dict[str, Any]) -> Item:
    chat = r["bin_id"] or r["partner_jid"]
    thread = {"id": str(chat), "key": stable_id(source.source_id, "kik conversation", chat), "app": "Kik"}
    if chat in groups:
        thread |= {"name": groups[chat]} if groups[chat] else {}
    meta = {
        "format": FORMAT,
        "app": "Kik",
        "thread": thread,
        "sender": sender,
        "time": common.when(
            common.from_epoch(r["timestamp"], "ms") if r["timestamp"] else None, r["timestamp"], "milliseconds since 1970-01-01 UTC"
        ),
        "direction": {"value": "outgoing" if sent else "incoming", "how": "messagesTable.was_me (1: sent)"},
        "deleted": "Intact",
        "attachments": [{"name": file, "type": None, "size": None, "present": False, "how": FILE_HOW}] if file else [],
    }
    fields = common.party_fields("sender", sender) + [("text", r["body"])]
    fields += [("attachment.name", file)] if file else []
    return common.make_item(source, f"messagesTable _id={r[0]}", "message", "Kik message", fields, meta)


@sqlite_source.message_store(
    IOS_FORMAT, "Kik database", {"ZKIKMESSAGE": ("ZBODY", "ZTYPE", "ZUSER", "ZTIMESTAMP"), "ZKIKUSER": ("ZUSERNAME",)}
)
def _read_ios(
    source: Source, path: Path, conn: sqlite3.Connection, tables: set[str], book: common.PeopleBook
) -> Iterator[Item | Person | Mention | Part]:
    users: dict[Any, dict[str, Any]] = {}
    groups: dict[Any, Any] = {}
    wanted = ("ZDISPLAYNAME", "ZUSERNAME", "ZJID", "ZEMAIL", "ZFIRSTNAME", "ZLASTNAME", "ZGROUPTAG")
    for r in sqlite_source.parts(path, conn, "ZKIKUSER", wanted, key="Z_PK", one="user"):
        if isinstance(r, tuple):
            yield r  # their messages are read without the sender's name
            continue
        if r["ZGROUPTAG"]:
            groups[r[0]] = r["ZDISPLAYNAME"] or r["ZGROUPTAG"]
            continue
        full = " ".join(x for x in (r["ZFIRSTNAME"], r["ZLASTNAME"]) if x)
        users[r[0]] = common.party(r["ZUSERNAME"] or r["ZJID"], r["ZDISPLAYNAME"] or full or None, False)
        book.add(users[r[0]], "Kik users", emails=[e for e in (common.email(r["ZEMAIL"]),) if e])
    yield from book
    files: dict[Any, Any] = {}
    if {"ZMESSAGE", "ZCONTENT"} <= set(sqlite_source.tables(path).get("ZKIKATTACHMENT", set())):
        for r in sqlite_source.parts(path, conn, "ZKIKATTACHMENT", ("ZMESSAGE", "ZCONTENT"), key="Z_PK", one="attachment"):
            if isinstance(r, tuple):
                yield r
            elif r["ZCONTENT"]:
                files.setdefault(r["ZMESSAGE"], r["ZCONTENT"])
    for r in sqlite_source.parts(path, conn, "ZKIKMESSAGE", ("ZBODY", "ZTYPE", "ZUSER", "ZTIMESTAMP"), key="Z_PK", one="message"):
        if isinstance(r, tuple):
            yield r
            continue
        yield _ios_message(source, r, users, groups, files.get(r[0]))
        yield from book


def _ios_message(source: Source, r: Any, users: dict[Any, dict[str, Any]], groups: dict[Any, Any], file: Any) -> Item:
    way = IOS_TYPES.get(r["ZTYPE"])
    other = users.get(r["ZUSER"]) or (common.party(str(r["ZUSER"]), None, False) if r["ZUSER"] is not None else None)
    sender = common.party(None, None, True) if way == "outgoing" else other if way == "incoming" else None
    chat = r["ZUSER"] if r["ZUSER"] is not None else "unknown"
    thread = {"id": str(chat), "key": stable_id(source.source_id, "kik conversation", chat), "app": "Kik"}
    if chat in groups and groups[chat]:
        thread["name"] = groups[chat]
    name = Path(str(file)).name if file else None
    meta: dict[str, Any] = {
        "format": IOS_FORMAT,
        "app": "Kik",
        "thread": thread,
        "sender": sender,
        "recipients": [other] if way == "outgoing" and other else [],
        "time": apple_when(r["ZTIMESTAMP"]),
        "direction": {"value": way, "how": f"ZKIKMESSAGE.ZTYPE {r['ZTYPE']} (1 received, 2 sent)"}
        if way
        else {"value": "unknown", "how": f"ZKIKMESSAGE.ZTYPE {r['ZTYPE']}: a group's housekeeping notice"},
        "attachments": [{"name": name, "type": None, "size": None, "present": False, "how": FILE_HOW}] if name else [],
    }
    if way is None:
        meta["notice"] = "a group's housekeeping notice the app wrote (a member added, a name changed)"
    fields = common.party_fields("sender", sender) + [("text", r["ZBODY"])]
    if way == "outgoing" and other:
        fields += [("recipient.1", common.recipients_text([other]))]
    fields += [("attachment.name", name)] if name else []
    title = "Kik message" if way else "Kik notice"
    return common.make_item(source, f"ZKIKMESSAGE Z_PK={r[0]}", "message", title, fields, meta)
