"""Kik on Android (``kikDatabase.db`` of ``kik.android``, often ``<core id>.kikDatabase.db``), as found in file-system
extractions.

Tables, as the app keeps them (and as ALEAPP's Kik artifact reads them): ``messagesTable`` (``_id``, ``body``,
``partner_jid``: the other party, or in a group the member who wrote; ``bin_id``: the conversation, a group's jid;
``was_me``: 1 when the phone's owner sent it; ``timestamp`` in milliseconds since 1970 UTC; ``content_id``: an
attachment, its properties in ``KIKContentTable``) and ``KIKcontactsTable`` (``jid``, ``display_name``, ``user_name``,
``is_group``). Columns a version lacks are read as empty.

Each message is a ``message`` item (its text, the sender's name and Kik id, an attachment's file name; the sender,
time, direction and conversation as facts: the direction from ``was_me``) and each contact that is not a group a known
person. The database is opened read-only and immutable (its ``-wal`` applied to a copy in the case's work folder); a
run of rows in a damaged page, or a row that is not UTF-8, is refused alone; a database none of whose messages can be
read is refused whole.
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

FORMAT = "kik-android-db"
FILE_HOW = "the database names the file; the files are separate in the extraction (the app's content folder)"


def _accepts(source: Source, path: Path, head: bytes) -> bool:
    if source.media_type != "application/vnd.sqlite3":
        return False
    tables = sqlite_source.tables(path)
    return {"body", "partner_jid", "was_me", "timestamp"} <= tables.get("messagesTable", set()) and "jid" in tables.get(
        "KIKcontactsTable", set()
    )


@extractor(FORMAT, accepts=_accepts, priority=30)
def extract_kik(source: Source, path: Path, ctx: StageContext) -> Iterator[Item | Person | Mention | Refused]:
    yield from sqlite_source.read_messages(
        source, path, "Kik database", lambda conn, tables, book: _read(source, path, conn, tables, book), ctx.work_dir
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
