"""LINE on Android (``jp.naver.line.android``): its ``naver_line`` database, and the ``call_history`` database beside
it, as found in file-system extractions.

Tables, as the app keeps them (and as ALEAPP's MIT-licensed LINE artifact reads them; no code copied):
``chat_history`` (``id``, ``chat_id``: the conversation, the other party's id in a one-to-one chat or a group's;
``from_mid``: who wrote it, empty for the phone's owner; ``content``; ``created_time`` in milliseconds since 1970 UTC;
``status``: 1 received, 2 sent; ``attachement_type`` and ``attachement_local_uri``, as the app spells them; a shared
place's ``location_name``, ``location_address`` and ``location_phone``), ``contacts`` (``m_id``, ``name``,
``server_name``, ``addressbook_name``, ``custom_name``), ``chat`` (``chat_id``, ``chat_name``) and ``groups`` (``id``,
``name``); ``call_history`` (``caller_mid``, ``call_type``: its last letter ``I`` in, ``O`` out; ``start_time`` and
``end_time`` in milliseconds; ``voip_type``: ``A`` audio, ``V`` video). Columns a version lacks are read as empty.

Each message is a ``message`` item (its text, the sender's name and LINE id, a file's name, a shared place's name,
address and phone; the sender, time, direction and conversation as facts), each call a ``call`` item and each contact a
known person (a LINE id, not a phone number: it is no number of the person's own). Direction comes from ``status``;
where it says neither, a message with a ``from_mid`` came from that person and one without is the owner's (said in
``how``).

The database is opened read-only and immutable (its ``-wal`` applied to a copy in the case's work folder); a run of rows
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
from redactor.records import Item, Mention, Person, Source, stable_id

FORMAT = "line-android-db"
CALLS_FORMAT = "line-android-calls-db"
STATUS = {1: "incoming", 2: "outgoing"}  # chat_history.status
CALL_WAYS = {"I": "incoming", "O": "outgoing"}  # the last letter of call_history.call_type
VOIP = {"A": "audio", "V": "video", "G": "group call"}
FILE_HOW = "the database names the file; the files are separate in the extraction (the app's content folder)"
MS = "milliseconds since 1970-01-01 UTC"
PLACE = (("location_name", "place.name"), ("location_address", "place.address"), ("location_phone", "place.phone"))


@sqlite_source.message_store(FORMAT, "LINE database", {"chat_history": ("chat_id", "from_mid", "content", "created_time")})
def _read(
    source: Source, path: Path, conn: sqlite3.Connection, tables: set[str], book: common.PeopleBook
) -> Iterator[Item | Person | Mention | Part]:
    people: dict[str, dict[str, Any]] = {}
    if "contacts" in tables:
        wanted = ("m_id", "name", "server_name", "addressbook_name", "custom_name")
        for r in sqlite_source.parts(path, conn, "contacts", wanted, one="contact"):
            if isinstance(r, tuple):
                yield r  # their messages are read without the sender's name
                continue
            name = r["custom_name"] or r["addressbook_name"] or r["name"] or r["server_name"]
            if r["m_id"]:
                people[r["m_id"]] = common.party(r["m_id"], name, False)
                aliases = [a for a in (r["name"], r["server_name"]) if a and a != name]
                book.add(people[r["m_id"]], "LINE contacts", aliases=aliases)
        yield from book
    names = dict(_names(path, conn, tables))
    wanted = ("chat_id", "from_mid", "content", "created_time", "status", "attachement_type", "attachement_local_uri")
    wanted += tuple(column for column, _ in PLACE)
    for r in sqlite_source.parts(path, conn, "chat_history", wanted, key="id", one="message"):
        if isinstance(r, tuple):
            yield r
            continue
        yield _message(source, r, people, names)
        yield from book


def _names(path: Path, conn: sqlite3.Connection, tables: set[str]) -> Iterator[tuple[Any, Any]]:
    """(chat id, name) of each named chat and group; a row that cannot be read leaves its chat unnamed."""
    for table, key, name in (("chat", "chat_id", "chat_name"), ("groups", "id", "name")):
        if table in tables:
            for r in sqlite_source.parts(path, conn, table, (key, name), one="chat"):
                if not isinstance(r, tuple) and r[name]:
                    yield r[key], r[name]


def _message(source: Source, r: Any, people: dict[str, dict[str, Any]], names: dict[Any, Any]) -> Item:
    writer = r["from_mid"]
    way = STATUS.get(r["status"])
    how = f"chat_history.status {r['status']} (1 received, 2 sent)"
    if way is None:
        way = "incoming" if writer else "outgoing" if r["status"] is None else "unknown"
        how = f"chat_history.status {r['status']} says neither; " + ("from_mid names the writer" if writer else "no from_mid: the owner's")
    other = people.get(writer) or (common.party(writer, None, False) if writer else None)
    sender = common.party(None, None, True) if way == "outgoing" else other
    chat = r["chat_id"] or writer or "unknown"
    thread = {"id": str(chat), "key": stable_id(source.source_id, "line conversation", chat), "app": "LINE"}
    if names.get(chat):
        thread["name"] = names[chat]
    recipient = people.get(chat) if way == "outgoing" and chat not in names else None
    file = Path(str(r["attachement_local_uri"])).name if r["attachement_local_uri"] else None
    meta = {
        "format": FORMAT,
        "app": "LINE",
        "thread": thread,
        "sender": sender,
        "recipients": [recipient] if recipient else [],
        "time": common.when(common.from_epoch(r["created_time"], "ms") if r["created_time"] else None, r["created_time"], MS),
        "direction": {"value": way, "how": how},
        "attachments": [{"name": file, "type": r["attachement_type"], "size": None, "present": False, "how": FILE_HOW}] if file else [],
    }
    fields = common.party_fields("sender", sender) + [("text", r["content"])]
    fields += [("recipient.1", common.recipients_text([recipient]))] if recipient else []
    fields += [("attachment.name", file)] if file else []
    fields += [(field, r[column]) for column, field in PLACE if r[column]]
    return common.make_item(source, f"chat_history id={r[0]}", "message", "LINE message", fields, meta)


@sqlite_source.message_store(CALLS_FORMAT, "LINE call database", {"call_history": ("caller_mid", "call_type", "start_time")})
def _read_calls(
    source: Source, path: Path, conn: sqlite3.Connection, tables: set[str], book: common.PeopleBook
) -> Iterator[Item | Person | Mention | Part]:
    wanted = ("caller_mid", "call_type", "start_time", "end_time", "voip_type")
    for r in sqlite_source.parts(path, conn, "call_history", wanted, one="call"):
        if isinstance(r, tuple):
            yield r
            continue
        yield _call(source, r)


def _call(source: Source, r: Any) -> Item:
    kind = str(r["call_type"] or "")
    way = CALL_WAYS.get(kind[-1:], "unknown")
    other = common.party(r["caller_mid"], None, False) if r["caller_mid"] else None
    start = common.from_epoch(r["start_time"], "ms") if r["start_time"] else None
    end = common.from_epoch(r["end_time"], "ms") if r["end_time"] else None
    meta: dict[str, Any] = {
        "format": CALLS_FORMAT,
        "app": "LINE",
        "sender": other if way == "incoming" else common.party(None, None, True) if way == "outgoing" else None,
        "recipients": [other] if way == "outgoing" and other else [],
        "participants": [other] if way == "unknown" and other else [],
        "time": common.when(start, r["start_time"], MS),
        "direction": {"value": way, "how": f"call_history.call_type {kind or 'empty'} (its last letter: I in, O out)"},
        "call_type": VOIP.get(str(r["voip_type"] or ""), r["voip_type"]),
    }
    if start and end:
        meta["duration"] = f"{round((end - start).total_seconds())} s"
    fields = [("party.id", r["caller_mid"])]
    return common.make_item(source, f"call_history rowid={r[0]}", "call", "LINE call", fields, meta)
