"""Skype and Microsoft Teams on Android, as found in file-system extractions.

**Skype** (``com.skype.raider``: its ``live:<account>`` database), tables as the app keeps them (and as ALEAPP's
MIT-licensed Skype artifact reads them; no code copied): ``chatitem`` (``conversation_link``: the conversation, a
person's entry id in a one-to-one chat; ``person_id``: who wrote it; ``is_sender_me``; ``content``; ``time`` in
milliseconds since 1970 UTC; ``message_type``: 3 a call, with its ``duration`` in seconds; ``device_gallery_path``: a
file), ``person`` (``entry_id``, ``first_name``, ``last_name``) and ``particiapnt`` (sic: ``conversation_id``,
``person_id``). Each call is a ``call`` item, every other row a ``message``; direction from ``is_sender_me``.

**Teams** (``com.microsoft.teams``: ``SkypeTeams.db``), as ALEAPP's Teams artifact reads it: ``Message``
(``messageId``, ``conversationId``, ``userDisplayName``: the writer, ``content``: HTML, read as the text and links a
browser shows, ``arrivalTime`` and ``deleteTime`` in milliseconds), ``Conversation`` (``conversationId``,
``displayName``: a chat's or channel's name) and ``User`` (``mri``, ``displayName``, ``givenName``, ``surname``,
``email``, ``telephoneNumber``, ``homeNumber``: known people). The store does not say which user is the phone's owner
in the columns read, so a message's direction is unknown and said so.

**Teams for iOS** (``SkypeSpacesDogfood-<id>.sqlite``, a Core Data store), as iLEAPP's MIT-licensed Teams artifact reads
it: ``ZSMESSAGE`` (``ZARRIVALTIME`` in seconds since 2001, ``ZCONTENT``: HTML, ``ZFROM``: the writer's id,
``ZIMDISPLAYNAME``, ``ZTHREADID``, ``ZTS_ISSENTBYME``: the owner's, ``ZSUBJECT``, ``ZDELETETIME``,
``ZTS_ISSOFTDELETED``), ``ZTHREAD`` (``ZTSID``, ``ZTHREADTOPIC``) and ``ZUSER`` (``ZTSID``, ``ZDISPLAYNAME``,
``ZMAIL``, ``ZTELEPHONENUMBER``, ``ZMOBILE``: known people). Checked against a public test phone's store (81 messages,
40 of them the owner's). A message's files and links, kept in archived objects, are not read.

The databases are opened read-only and immutable (a ``-wal`` applied to a copy in the case's work folder); a run of rows
in a damaged page, or a row that is not UTF-8, is refused alone; a database none of whose messages can be read is
refused whole.
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

SKYPE = "skype-android-db"
TEAMS = "teams-android-db"
TEAMS_IOS = "teams-ios-db"
CALL = 3  # chatitem.message_type of a call
MS = "milliseconds since 1970-01-01 UTC"
FILE_HOW = "the database names the file; the files are separate in the extraction (the phone's gallery)"
NO_OWNER = "SkypeTeams.db does not say which user is the phone's owner in the columns read"


@sqlite_source.message_store(
    SKYPE, "Skype database", {"chatitem": ("conversation_link", "person_id", "is_sender_me", "content", "time"), "person": ("entry_id",)}
)
def _read_skype(
    source: Source, path: Path, conn: sqlite3.Connection, tables: set[str], book: common.PeopleBook
) -> Iterator[Item | Person | Mention | Part]:
    people: dict[Any, dict[str, Any]] = {}
    for r in sqlite_source.parts(path, conn, "person", ("entry_id", "first_name", "last_name"), one="person"):
        if isinstance(r, tuple):
            yield r  # their messages are read without the writer's name
            continue
        name = " ".join(x for x in (r["first_name"], r["last_name"]) if x) or None
        people[r["entry_id"]] = common.party(r["entry_id"], name, False)
        book.add(people[r["entry_id"]], "Skype contacts")
    yield from book
    members: dict[Any, list[Any]] = {}
    if "particiapnt" in tables:
        for r in sqlite_source.parts(path, conn, "particiapnt", ("conversation_id", "person_id"), one="participant"):
            if not isinstance(r, tuple):
                members.setdefault(r["conversation_id"], []).append(r["person_id"])
    wanted = ("conversation_link", "person_id", "is_sender_me", "content", "time", "message_type", "duration", "device_gallery_path")
    for r in sqlite_source.parts(path, conn, "chatitem", wanted, one="message"):
        if isinstance(r, tuple):
            yield r
            continue
        yield _skype_item(source, r, people, members)
        yield from book


def _skype_item(source: Source, r: Any, people: dict[Any, dict[str, Any]], members: dict[Any, list[Any]]) -> Item:
    mine = r["is_sender_me"]
    way = "outgoing" if mine == 1 else "incoming" if mine == 0 else "unknown"
    writer = people.get(r["person_id"]) or (common.party(str(r["person_id"]), None, False) if r["person_id"] else None)
    sender = common.party(None, None, True) if way == "outgoing" else writer
    chat = r["conversation_link"] if r["conversation_link"] is not None else r["person_id"]
    others = [people.get(m) or common.party(str(m), None, False) for m in members.get(chat, []) if m is not None]
    if not others and chat in people:
        others = [people[chat]]
    meta: dict[str, Any] = {
        "format": SKYPE,
        "app": "Skype",
        "thread": {"id": str(chat), "key": stable_id(source.source_id, "skype conversation", chat), "app": "Skype"},
        "sender": sender,
        "recipients": others if way == "outgoing" else [],
        "time": common.when(common.from_epoch(r["time"], "ms") if r["time"] else None, r["time"], MS),
        "direction": {"value": way, "how": f"chatitem.is_sender_me {mine} (1: the owner's)"},
    }
    file = Path(str(r["device_gallery_path"])).name if r["device_gallery_path"] else None
    if file:
        meta["attachments"] = [{"name": file, "type": None, "size": None, "present": False, "how": FILE_HOW}]
    fields = common.party_fields("sender", sender) + [
        (f"recipient.{n}", common.recipients_text([p])) for n, p in enumerate(meta["recipients"], 1)
    ]
    fields += [("text", r["content"])] + ([("attachment.name", file)] if file else [])
    if r["message_type"] == CALL:
        meta["duration"] = f"{r['duration']} s" if r["duration"] is not None else None
        return common.make_item(source, f"chatitem rowid={r[0]}", "call", "Skype call", fields, meta)
    return common.make_item(source, f"chatitem rowid={r[0]}", "message", "Skype message", fields, meta)


@sqlite_source.message_store(TEAMS, "Teams database", {"Message": ("messageId", "conversationId", "content", "arrivalTime")})
def _read_teams(
    source: Source, path: Path, conn: sqlite3.Connection, tables: set[str], book: common.PeopleBook
) -> Iterator[Item | Person | Mention | Part]:
    if "User" in tables:
        wanted = ("mri", "displayName", "givenName", "surname", "email", "telephoneNumber", "homeNumber")
        for r in sqlite_source.parts(path, conn, "User", wanted, one="user"):
            if isinstance(r, tuple):
                yield r
                continue
            name = r["displayName"] or " ".join(x for x in (r["givenName"], r["surname"]) if x)
            phones = [p for p in (common.e164(r["telephoneNumber"]), common.e164(r["homeNumber"])) if p]
            book.add({"name": name, "raw": r["mri"]}, "Teams users", phones=phones, emails=[e for e in (common.email(r["email"]),) if e])
        yield from book
    names: dict[Any, Any] = {}
    if "Conversation" in tables:
        for r in sqlite_source.parts(path, conn, "Conversation", ("conversationId", "displayName"), one="conversation"):
            if not isinstance(r, tuple) and r["displayName"]:
                names[r["conversationId"]] = r["displayName"]
    wanted = ("messageId", "conversationId", "userDisplayName", "content", "arrivalTime", "deleteTime")
    for r in sqlite_source.parts(path, conn, "Message", wanted, one="message"):
        if isinstance(r, tuple):
            yield r
            continue
        yield _teams_message(source, path, r, names)


def _teams_message(source: Source, path: Path, r: Any, names: dict[Any, Any]) -> Item:
    chat = r["conversationId"] or "unknown"
    thread = {"id": str(chat), "key": stable_id(source.source_id, "teams conversation", chat), "app": "Teams"}
    if names.get(chat):
        thread["name"] = names[chat]
    writer = common.party(None, r["userDisplayName"], None) if r["userDisplayName"] else None
    meta: dict[str, Any] = {
        "format": TEAMS,
        "app": "Teams",
        "thread": thread,
        "sender": writer,
        "time": common.when(common.from_epoch(r["arrivalTime"], "ms") if r["arrivalTime"] else None, r["arrivalTime"], MS),
        "direction": {"value": "unknown", "how": NO_OWNER},
    }
    if r["deleteTime"]:
        meta["deleted"] = "Deleted"
    fields = common.party_fields("sender", writer) + [("text", _html_text(path, r["content"]))]
    return common.make_item(source, f"Message rowid={r[0]}", "message", "Teams message", fields, meta)


def _html_text(path: Path, content: Any) -> str | None:
    """A message's HTML as the text and links a browser shows; text that is not HTML as it is."""
    if not content or "<" not in str(content):
        return content
    from redactor.errors import CorruptInput
    from redactor.extract.html import page_text  # here: the document readers import the device package

    try:
        page = page_text(str(content), path)
    except CorruptInput:
        return content  # read as it is: its words still go through detection
    return "\n".join([*page.lines, *page.meta, *page.comments]) or None


@sqlite_source.message_store(
    TEAMS_IOS, "Teams database", {"ZSMESSAGE": ("ZARRIVALTIME", "ZCONTENT", "ZFROM", "ZTHREADID", "ZTS_ISSENTBYME")}
)
def _read_teams_ios(
    source: Source, path: Path, conn: sqlite3.Connection, tables: set[str], book: common.PeopleBook
) -> Iterator[Item | Person | Mention | Part]:
    users: dict[Any, dict[str, Any]] = {}
    if "ZUSER" in tables:
        wanted = ("ZTSID", "ZDISPLAYNAME", "ZGIVENNAME", "ZSURNAME", "ZMAIL", "ZTELEPHONENUMBER", "ZMOBILE", "ZHOMENUMBER")
        for r in sqlite_source.parts(path, conn, "ZUSER", wanted, key="Z_PK", one="user"):
            if isinstance(r, tuple):
                yield r  # their messages are read with the name the message keeps
                continue
            name = r["ZDISPLAYNAME"] or " ".join(x for x in (r["ZGIVENNAME"], r["ZSURNAME"]) if x) or None
            phones = [p for p in (common.e164(r[k]) for k in ("ZTELEPHONENUMBER", "ZMOBILE", "ZHOMENUMBER")) if p]
            users[r["ZTSID"]] = common.party(r["ZTSID"], name, None)
            book.add(users[r["ZTSID"]], "Teams users", phones=phones, emails=[e for e in (common.email(r["ZMAIL"]),) if e])
        yield from book
    names: dict[Any, Any] = {}
    if "ZTHREAD" in tables:
        for r in sqlite_source.parts(path, conn, "ZTHREAD", ("ZTSID", "ZTHREADTOPIC"), key="Z_PK", one="conversation"):
            if not isinstance(r, tuple) and r["ZTHREADTOPIC"]:
                names[r["ZTSID"]] = r["ZTHREADTOPIC"]
    wanted = (
        "ZARRIVALTIME",
        "ZCONTENT",
        "ZFROM",
        "ZIMDISPLAYNAME",
        "ZTHREADID",
        "ZTS_ISSENTBYME",
        "ZSUBJECT",
        "ZDELETETIME",
        "ZTS_ISSOFTDELETED",
    )
    for r in sqlite_source.parts(path, conn, "ZSMESSAGE", wanted, key="Z_PK", one="message"):
        if isinstance(r, tuple):
            yield r
            continue
        yield _teams_ios_message(source, path, r, users, names)


def _teams_ios_message(source: Source, path: Path, r: Any, users: dict[Any, dict[str, Any]], names: dict[Any, Any]) -> Item:
    mine = r["ZTS_ISSENTBYME"]
    way = "outgoing" if mine == 1 else "incoming" if mine == 0 else "unknown"
    writer = users.get(r["ZFROM"]) or (common.party(r["ZFROM"], r["ZIMDISPLAYNAME"], None) if r["ZFROM"] or r["ZIMDISPLAYNAME"] else None)
    sender = {**(writer or common.party(None, None)), "owner": True} if way == "outgoing" else writer and {**writer, "owner": False}
    chat = r["ZTHREADID"] or "unknown"
    thread = {"id": str(chat), "key": stable_id(source.source_id, "teams conversation", chat), "app": "Teams"}
    if names.get(chat):
        thread["name"] = names[chat]
    meta: dict[str, Any] = {
        "format": TEAMS_IOS,
        "app": "Teams",
        "thread": thread,
        "sender": sender,
        "time": apple_when(r["ZARRIVALTIME"]),
        "direction": {"value": way, "how": f"ZSMESSAGE.ZTS_ISSENTBYME {mine} (1: the owner's)"},
    }
    if r["ZDELETETIME"] or r["ZTS_ISSOFTDELETED"]:
        meta["deleted"] = "Deleted"
    fields = common.party_fields("sender", sender) + [("subject", r["ZSUBJECT"]), ("text", _html_text(path, r["ZCONTENT"]))]
    return common.make_item(source, f"ZSMESSAGE Z_PK={r[0]}", "message", "Teams message", fields, meta)
