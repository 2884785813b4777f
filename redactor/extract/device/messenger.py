"""Facebook Messenger on Android (``msys_database_<id>`` of ``com.facebook.orca``, and the older ``threads_db2``), as
found in file-system extractions.

Tables, as the app keeps them (and as ALEAPP's Messenger artifact reads them): ``messages`` (``message_id``,
``thread_key``, ``sender_id`` -> ``contacts.id``, ``text``, ``timestamp_ms`` in milliseconds since 1970 UTC,
``is_admin_message``: a notice the app wrote), ``contacts`` (``id``, ``name``, ``phone_number``, ``email_address``,
``friendship_status``: 0 for the account's owner) and ``attachments`` (``message_id``, ``filename``,
``playable_url_mime_type``, and ``title_text``/``subtitle_text``: what a shared link, place or call shows). Columns a
version lacks are read as empty.

The older ``threads_db2`` keeps ``messages`` (``msg_id``, ``thread_key``, ``text``, ``timestamp_ms``, ``sender`` as JSON:
``user_key`` "FACEBOOK:<id>" and ``name``; ``attachments`` and ``shares`` as JSON lists) and ``thread_users`` (everyone in
its threads); the owner's id is in a ``threads_db2-uid`` file beside it, without which the direction is "unknown". A
JSON value that cannot be read is read as empty, and the refusal says which message (``messages rowid=N sender``).

Each message is a ``message`` item (its text, the sender's name, the attachments' names and titles; the sender, time,
direction and conversation as facts; the direction from whether the sender is the owner, "unknown" where the database
names no owner) and each contact but the owner a known person. The database is opened read-only and immutable (its
``-wal`` applied to a copy in the case's work folder); a run of rows in a damaged page, or a row that is not UTF-8, is
refused alone (an attachment's row alone: the message is read without it, and the refusal says which); a database none
of whose messages can be read is refused whole.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from redactor.extract.device import common, sqlite_source
from redactor.extract.device.sqlite_source import Part
from redactor.records import Item, Mention, Person, Source, stable_id

FORMAT = "messenger-msys-db"
SELF = 0  # contacts.friendship_status of the account's owner
FILE_HOW = "the database names the file; the files are separate in the extraction (the app's cache)"


OLDER = "messenger-threads-db"
OLDER_COLUMNS = {"msg_id", "thread_key", "sender", "timestamp_ms"}


@sqlite_source.message_store(
    "messenger-msys-db",
    "Messenger database",
    (
        {"messages": OLDER_COLUMNS, "thread_users": ()},
        {"messages": ("message_id", "thread_key", "sender_id", "timestamp_ms"), "contacts": ("id", "name")},
    ),
)
def _read(
    source: Source, path: Path, conn: sqlite3.Connection, tables: set[str], book: common.PeopleBook
) -> Iterator[Item | Person | Mention | Part]:
    if "thread_users" in tables:
        yield from _older(source, path, conn, book)
        return
    people: dict[Any, dict[str, Any]] = {}
    owner_known = False
    for r in sqlite_source.parts(
        path, conn, "contacts", ("id", "name", "phone_number", "email_address", "friendship_status"), one="contact"
    ):
        if isinstance(r, tuple):
            yield r  # their messages are read without the sender's name
            continue
        owner = r["friendship_status"] == SELF
        owner_known = owner_known or owner
        people[r["id"]] = common.party(r["phone_number"] or r["email_address"], r["name"], owner or None)
        if not owner:
            book.add(people[r["id"]], "Messenger contacts")
    yield from book
    files: dict[Any, list[sqlite3.Row]] = {}
    if "attachments" in tables:
        wanted = ("message_id", "filename", "playable_url_mime_type", "title_text", "subtitle_text")
        for r in sqlite_source.parts(path, conn, "attachments", wanted, one="attachment"):
            if isinstance(r, tuple):
                yield r
            else:
                files.setdefault(r["message_id"], []).append(r)
    wanted = ("message_id", "thread_key", "sender_id", "text", "timestamp_ms", "is_admin_message")
    for r in sqlite_source.parts(path, conn, "messages", wanted, one="message"):
        if isinstance(r, tuple):
            yield r
            continue
        sender = people.get(r["sender_id"])
        if owner_known and sender is not None and sender.get("owner") is None:
            sender = {**sender, "owner": False}  # the owner is named in contacts: anyone else is not them
        yield _message(source, r, sender, files.get(r["message_id"], []))
        yield from book


def _owner_id(path: Path) -> str | None:
    """The account owner's id from the ``threads_db2-uid`` file beside the database, if there is one."""
    beside = path.with_name(f"{path.name}-uid")
    try:
        with open(beside, encoding="utf-8", errors="replace") as handle:
            return next((line.strip() for line in handle if line.strip()), None)
    except OSError:
        return None


def _json(value: Any) -> Any:
    """A JSON column's value; ``ValueError`` when it holds text that is not JSON."""
    return json.loads(value) if isinstance(value, str) and value.strip() else None


def _older(source: Source, path: Path, conn: sqlite3.Connection, book: common.PeopleBook) -> Iterator[Item | Person | Mention | Part]:
    owner = _owner_id(path)
    for r in sqlite_source.parts(path, conn, "thread_users", ("user_key", "name", "first_name", "last_name"), one="person"):
        if isinstance(r, tuple):
            yield r
        elif not owner or r["user_key"] != f"FACEBOOK:{owner}":
            name = r["name"] or " ".join(x for x in (r["first_name"], r["last_name"]) if x) or None
            book.add(common.party(None, name, False), "Messenger thread users")
    yield from book
    wanted = ("msg_id", "thread_key", "text", "sender", "timestamp_ms", "attachments", "shares")
    for r in sqlite_source.parts(path, conn, "messages", wanted, one="message"):
        if isinstance(r, tuple):
            yield r
            continue
        values: dict[str, Any] = {}
        for column in ("sender", "attachments", "shares"):
            try:
                values[column] = _json(r[column])
            except ValueError:
                locator = f"messages rowid={r[0]} {column}"
                yield sqlite_source.refused(path, locator, f"message {locator} is not JSON; the message is read without it")
        who = values.get("sender") if isinstance(values.get("sender"), dict) else {}
        key = str(who.get("user_key") or "")
        sender = common.party(None, who.get("name"), None if not owner or not key else key == f"FACEBOOK:{owner}") if who else None
        files = [a for a in values.get("attachments") or [] if isinstance(a, dict)]
        shares = [x for x in values.get("shares") or [] if isinstance(x, dict)]
        row = {"message_id": r["msg_id"], "thread_key": r["thread_key"], "text": r["text"], "timestamp_ms": r["timestamp_ms"]}
        attached = [
            {"filename": a.get("filename"), "playable_url_mime_type": a.get("mime_type"), "title_text": None, "subtitle_text": None}
            for a in files
        ]
        attached += [
            {"filename": None, "playable_url_mime_type": None, "title_text": x.get("name"), "subtitle_text": x.get("description")}
            for x in shares
        ]
        yield _message(source, {**row, "is_admin_message": 0}, sender, attached, OLDER)
        yield from book


def _message(source: Source, r: Any, sender: dict[str, Any] | None, files: list[Any], fmt: str = FORMAT) -> Item:
    owner = sender.get("owner") if sender is not None else None
    attachments = [
        {"name": f["filename"], "type": f["playable_url_mime_type"], "size": None, "present": False, "how": FILE_HOW}
        for f in files
        if f["filename"] or f["playable_url_mime_type"]
    ]
    meta = {
        "format": fmt,
        "app": "Messenger",
        "thread": {"id": str(r["thread_key"]), "key": stable_id(source.source_id, "messenger thread", r["thread_key"]), "app": "Messenger"},
        "sender": sender,
        "time": common.when(
            common.from_epoch(r["timestamp_ms"], "ms") if r["timestamp_ms"] else None,
            r["timestamp_ms"],
            "milliseconds since 1970-01-01 UTC",
        ),
        "direction": {
            "value": "unknown" if owner is None else "outgoing" if owner else "incoming",
            "how": "the sender is the account's owner",
        },
        "system": bool(r["is_admin_message"]),
        "deleted": "Intact",
        "attachments": attachments,
    }
    fields = common.party_fields("sender", sender) + [("text", r["text"])]
    fields += [("attachment.name", f["filename"]) for f in files if f["filename"]]
    fields += [("attachment.title", t) for f in files for t in (f["title_text"], f["subtitle_text"]) if t]
    return common.make_item(source, f"messages message_id={r['message_id']}", "message", "Messenger message", fields, meta)
