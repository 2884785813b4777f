"""Facebook Messenger on Android (``msys_database_<id>`` of ``com.facebook.orca``, and the older ``threads_db2``) and on
iOS (``lightspeed-userDatabases/<id>.db``), as found in file-system extractions.

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

On iOS the same data layer (Lightspeed) keeps end-to-end encrypted chats, the default since the end of 2023, decrypted
in ``client_messages`` (``pk``, ``thread_pk``, ``sender_contact_pk`` -> ``contacts.id``, ``text``, ``display_ts_ms`` in
milliseconds since 1970 UTC) with ``client_attachments`` (``message_pk``, ``filename``, ``filesize``), and names the
account's owner in ``_user_info`` (``facebook_user_id``), as iLEAPP's MIT-licensed Messenger artifact reads them (no
code copied; no public database to check against). A database with both ``messages`` and ``client_messages`` is read
for both. Secret conversations (``secure_messages``) are stored encrypted: they are not read, and one refusal counts
them (never their content), so the officer knows they are there.

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

from redactor.errors import EncryptedInput
from redactor.extract.device import common, sqlite_source
from redactor.extract.device.sqlite_source import Part
from redactor.records import Item, Mention, Person, Source, stable_id

FORMAT = "messenger-msys-db"
SELF = 0  # contacts.friendship_status of the account's owner
FILE_HOW = "the database names the file; the files are separate in the extraction (the app's cache)"


OLDER = "messenger-threads-db"
OLDER_COLUMNS = {"msg_id", "thread_key", "sender", "timestamp_ms"}
CLIENT_COLUMNS = ("thread_pk", "sender_contact_pk", "text", "display_ts_ms", "pk")


@sqlite_source.message_store(
    "messenger-msys-db",
    "Messenger database",
    (
        {"messages": OLDER_COLUMNS, "thread_users": ()},
        {"messages": ("message_id", "thread_key", "sender_id", "timestamp_ms"), "contacts": ("id", "name")},
        {"client_messages": CLIENT_COLUMNS[:4], "contacts": ("id", "name")},
    ),
)
def _read(
    source: Source, path: Path, conn: sqlite3.Connection, tables: set[str], book: common.PeopleBook
) -> Iterator[Item | Person | Mention | Part]:
    if "thread_users" in tables:
        yield from _older(source, path, conn, book)
        return
    people: dict[str, dict[str, Any]] = {}  # by contact id, as text (``_user_info`` and the messages may type it otherwise)
    owner_id = _user_info(conn) if "_user_info" in tables else None
    owner_known = owner_id is not None
    for r in sqlite_source.parts(
        path, conn, "contacts", ("id", "name", "phone_number", "email_address", "friendship_status"), one="contact"
    ):
        if isinstance(r, tuple):
            yield r  # their messages are read without the sender's name
            continue
        owner = r["friendship_status"] == SELF or (owner_id is not None and str(r["id"]) == owner_id)
        owner_known = owner_known or owner
        people[str(r["id"])] = common.party(r["phone_number"] or r["email_address"], r["name"], owner or None)
        if not owner:
            book.add(people[str(r["id"])], "Messenger contacts")
    yield from book
    if owner_id is not None and not any(p.get("owner") for p in people.values()):
        people[owner_id] = common.party(None, None, True)  # the owner has no contact row: their messages are still theirs
    if "client_messages" in tables:
        yield from _client(source, path, conn, tables, book, people, owner_known)
    if "secure_messages" in tables:
        yield from _secret(path, conn)
    if "messages" not in tables:
        return
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
        yield _message(source, r, _sender(people, r["sender_id"], owner_known), files.get(r["message_id"], []))
        yield from book


def _sender(people: dict[str, dict[str, Any]], key: Any, owner_known: bool) -> dict[str, Any] | None:
    sender = people.get(str(key)) if key not in (None, "") else None
    if owner_known and sender is not None and sender.get("owner") is None:
        sender = {**sender, "owner": False}  # the owner is known: anyone else is not them
    return sender


def _user_info(conn: sqlite3.Connection) -> str | None:
    """The account owner's id from ``_user_info`` (iOS), when it can be read."""
    try:
        row = conn.execute("SELECT facebook_user_id FROM _user_info WHERE facebook_user_id IS NOT NULL LIMIT 1").fetchone()
    except sqlite3.DatabaseError:
        return None  # the owner is then told by contacts alone, or unknown
    return str(row[0]) if row and row[0] not in (None, "") else None


def _client(
    source: Source,
    path: Path,
    conn: sqlite3.Connection,
    tables: set[str],
    book: common.PeopleBook,
    people: dict[str, dict[str, Any]],
    owner_known: bool,
) -> Iterator[Item | Person | Mention | Part]:
    """iOS's ``client_messages`` (end-to-end encrypted chats, kept decrypted), each as a message of ``messages`` is."""
    files: dict[Any, list[dict[str, Any]]] = {}
    if "client_attachments" in tables:
        for r in sqlite_source.parts(path, conn, "client_attachments", ("message_pk", "filename", "filesize"), one="attachment"):
            if isinstance(r, tuple):
                yield r
            elif r["filename"]:
                attached = {"filename": r["filename"], "playable_url_mime_type": None, "title_text": None, "subtitle_text": None}
                files.setdefault(r["message_pk"], []).append(attached)
    for r in sqlite_source.parts(path, conn, "client_messages", CLIENT_COLUMNS, one="message"):
        if isinstance(r, tuple):
            yield r
            continue
        row = {
            "message_id": r["pk"],
            "thread_key": r["thread_pk"],
            "text": r["text"],
            "timestamp_ms": r["display_ts_ms"],
            "is_admin_message": 0,
        }
        sender = _sender(people, r["sender_contact_pk"], owner_known)
        yield _message(source, row, sender, files.get(r["pk"], []), locator=f"client_messages pk={r['pk']}")
        yield from book


def _secret(path: Path, conn: sqlite3.Connection) -> Iterator[Part]:
    """One refusal counting the secret conversations' messages, stored encrypted (never their content)."""
    try:
        (count,) = conn.execute("SELECT count(*) FROM secure_messages").fetchone()
    except sqlite3.DatabaseError:
        count = None
    if count != 0:
        held = "an unknown number of" if count is None else f"{count:,}"
        problem = f"{held} secret-conversation messages are stored encrypted and are not read (the app's keys are not in the database)"
        yield "secure_messages", EncryptedInput(f"{path}: {problem}")


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


def _message(source: Source, r: Any, sender: dict[str, Any] | None, files: list[Any], fmt: str = FORMAT, locator: str = "") -> Item:
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
    locator = locator or f"messages message_id={r['message_id']}"
    return common.make_item(source, locator, "message", "Messenger message", fields, meta)
