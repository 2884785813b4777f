"""Viber on Android (``viber_messages`` of ``com.viber.voip``), as found in file-system extractions.

Tables, as the app keeps them (and as ALEAPP's Viber artifact reads them): ``messages`` (``_id``, ``conversation_id``,
``participant_id`` -> ``participants._id``, ``body``, ``msg_date`` in milliseconds since 1970 UTC, ``send_type``: 0
received, 1 sent; ``extra_uri``: an attached file's place, ``description``: a shared file's or link's caption),
``participants`` (``_id``, ``conversation_id``, ``participant_info_id`` -> ``participants_info._id``),
``participants_info`` (``_id``, ``number``, ``display_name``, ``contact_name``, ``viber_name``) and ``conversations``
(``_id``, ``name``: a group's name). Columns a version lacks are read as empty.

Each message is a ``message`` item (its text, the sender's name and number, an attachment's name and caption; the
sender, time, direction and conversation as facts: the direction from ``send_type``, the sender of a sent message the
phone's owner) and each participant a known person. The database is opened read-only and immutable (its ``-wal``
applied to a copy in the case's work folder); a run of rows in a damaged page, or a row that is not UTF-8, is refused
alone; a database none of whose messages can be read is refused whole.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import Any

from redactor.extract import extractor
from redactor.extract.device import common, sqlite_source
from redactor.extract.device.sqlite_source import Part
from redactor.records import Item, Mention, Person, Refused, Source, stable_id
from redactor.stages import StageContext

FORMAT = "viber-android-db"
SENT = 1  # messages.send_type of a message the phone's owner sent
FILE_HOW = "the database names the file; the files are separate in the extraction (the app's media folder)"


def _accepts(source: Source, path: Path, head: bytes) -> bool:
    if source.media_type != "application/vnd.sqlite3":
        return False
    tables = sqlite_source.tables(path)
    needed = {"conversation_id", "participant_id", "body", "msg_date", "send_type"}
    return needed <= tables.get("messages", set()) and "number" in tables.get("participants_info", set()) and "participants" in tables


@extractor(FORMAT, accepts=_accepts, priority=30)
def extract_viber(source: Source, path: Path, ctx: StageContext) -> Iterator[Item | Person | Mention | Refused]:
    yield from sqlite_source.read_messages(
        source, path, "Viber database", lambda conn, tables, book: _read(source, path, conn, tables, book), ctx.work_dir
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
