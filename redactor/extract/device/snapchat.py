"""Snapchat for Android (``arroyo.db`` of ``com.snapchat.android``, with ``main.db`` beside it), as found in
file-system extractions.

Tables, as the app keeps them (and as ALEAPP's Snapchat artifacts read them; the layout is observed, not published):
``conversation_message`` (``client_conversation_id``, ``client_message_id``, ``sender_id``: a user id (a UUID),
``content_type``: 1 a chat text, other values snaps and media; ``message_content``: a protocol buffer whose field
4 / 4 / 2 / 1 holds a chat text's words; ``creation_timestamp`` in milliseconds since 1970 UTC; ``created_on_device``,
or in older builds ``local_message_content_id``, set on a message written on this phone) and ``feed_entry``
(``client_conversation_id``, ``conversation_title``: a group's name). ``main.db``'s ``Friend`` (``userId``,
``username``, ``displayName``) names the senders. Columns a version lacks are read as empty.

Each message is a ``message`` item: a chat text's words, the sender's display name and username (the user id when
``main.db`` does not name them); the sender, time, direction and conversation as facts. The direction: the phone's
owner is the one sender of the messages written on this phone (both ALEAPP's fallback and the app's own flag); their
messages are outgoing, anyone else's incoming, and every one "unknown" when no single such sender is found. A snap or
other media (any other content type) is an item without words that says so: its content is encrypted in the app's
cache and not read here. Every friend named in ``main.db`` is a known person; ``main.db`` on its own is read as an
address book (a contact item per friend: display name, username, phone). A chat text whose buffer this reader
cannot read (not the wire format, no words where they should be, not UTF-8) is refused alone, never passed on empty;
the database is opened as every phone database is (its ``-wal`` applied to a copy in the case's work folder), a run of
rows in a damaged page refused alone.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from redactor.errors import UnsupportedInput
from redactor.extract import extractor
from redactor.extract.device import common, protobuf, sqlite_source
from redactor.extract.device.sqlite_source import Part
from redactor.records import Item, Mention, Person, Refused, Source, stable_id
from redactor.stages import StageContext

FORMAT = "snapchat-android-db"
TEXT = 1  # conversation_message.content_type of a chat text
TEXT_PATH = (4, 4, 2, 1)  # the words of a chat text in message_content
FRIENDS = "main.db"  # beside arroyo.db: the Friend table names the senders
MESSAGE_COLUMNS = (
    "client_conversation_id", "client_message_id", "sender_id", "content_type", "message_content", "creation_timestamp",
    "created_on_device", "local_message_content_id",
)  # fmt: skip
MEDIA_HOW = "a snap or other media: its content is encrypted in the app's cache, not read here"
UNREAD_HINT = "read this message in the extraction tool's own report of Snapchat, and review it there"


def _accepts(source: Source, path: Path, head: bytes) -> bool:
    if source.media_type != "application/vnd.sqlite3":
        return False
    tables = sqlite_source.tables(path)
    needed = {"client_conversation_id", "sender_id", "content_type", "message_content", "creation_timestamp"}
    return needed <= tables.get("conversation_message", set()) or _friends_table(tables)


def _friends_table(tables: dict[str, set[str]]) -> bool:
    return {"userId", "username", "displayName"} <= tables.get("Friend", set())


@extractor(FORMAT, accepts=_accepts, priority=30)
def extract_snapchat(source: Source, path: Path, ctx: StageContext) -> Iterator[Item | Person | Mention | Refused]:
    if "conversation_message" not in sqlite_source.tables(path):  # main.db on its own: the friends
        book = common.PeopleBook(source.ref)
        yield from sqlite_source.read(
            path, "Snapchat database", lambda conn, _: _contacts(source, path, conn, book), sqlite_source.is_contact, ctx.work_dir
        )
        yield from book
        return
    yield from sqlite_source.read_messages(
        source, path, "Snapchat database", lambda conn, tables, book: _read(source, path, conn, tables, book, ctx.work_dir), ctx.work_dir
    )


def _contacts(source: Source, path: Path, conn: sqlite3.Connection, book: common.PeopleBook) -> Iterator[Item | Mention | Part]:
    """``main.db`` read on its own: a contact item and a known person per friend (the owner's own account among them)."""
    for r in sqlite_source.parts(path, conn, "Friend", ("userId", "username", "displayName", "phone"), one="friend"):
        if isinstance(r, tuple):
            yield r
            continue
        p = common.party(r["username"], r["displayName"], None)
        phone = common.e164(r["phone"]) if r["phone"] else None
        fields = [("name", r["displayName"]), ("username", r["username"]), ("tel", r["phone"])]
        meta = {"format": FORMAT, "app": "Snapchat", "phones": [phone] if phone else [], "emails": []}
        yield common.make_item(source, f"Friend rowid={r[0]}", "contact", "Snapchat friend", fields, meta)
        book.add(p, "Snapchat friends", aliases=[r["username"]] if r["username"] else [], phones=[phone] if phone else [])
        yield from book


def _read(
    source: Source, path: Path, conn: sqlite3.Connection, tables: set[str], book: common.PeopleBook, work: Path
) -> Iterator[Item | Person | Mention | Part]:
    friends = _friends(path, work)
    for friend in friends.values():
        book.add(friend, "Snapchat friends", aliases=[friend["raw"]] if friend["raw"] else [])
    yield from book
    titles: dict[Any, Any] = {}
    if "feed_entry" in tables:
        for r in sqlite_source.parts(path, conn, "feed_entry", ("client_conversation_id", "conversation_title"), one="conversation"):
            if isinstance(r, tuple):
                yield r  # its messages are read without the conversation's name
            elif r["conversation_title"]:
                titles[r["client_conversation_id"]] = r["conversation_title"]
    owner = _owner(conn, sqlite_source.tables(path).get("conversation_message", set()))
    for r in sqlite_source.parts(path, conn, "conversation_message", MESSAGE_COLUMNS, one="message", binary=("message_content",)):
        if isinstance(r, tuple):
            yield r
            continue
        text = None
        if r["content_type"] == TEXT:
            try:
                text = _words(r["message_content"])
            except protobuf.WireError as exc:
                locator = f"conversation_message rowid={r[0]}"
                problem = f"{path}: {locator}: the message's content cannot be read ({exc})"
                yield locator, UnsupportedInput(problem, hint=UNREAD_HINT)
                continue
        sender = _sender(r["sender_id"], friends, owner)
        yield _message(source, r, sender, owner, text, titles.get(r["client_conversation_id"]))


def _words(content: Any) -> str:
    """A chat text's words from its ``message_content`` buffer."""
    if not isinstance(content, bytes):
        raise protobuf.WireError("no content buffer")
    words = protobuf.walk(content, *TEXT_PATH)
    if words is None:
        raise protobuf.WireError("no words where a chat text holds them")
    try:
        return words.decode("utf-8")
    except UnicodeDecodeError:
        raise protobuf.WireError("its words are not valid UTF-8") from None


def _friends(path: Path, work: Path) -> dict[str, dict[str, Any]]:
    """user id -> party, from the ``Friend`` table of the ``main.db`` beside ``arroyo.db`` (empty without one)."""
    beside = path.with_name(FRIENDS)
    if not beside.is_file() or beside == path or "userId" not in sqlite_source.tables(beside).get("Friend", set()):
        return {}
    out: dict[str, dict[str, Any]] = {}
    for user_id, username, display in sqlite_source.rows_beside(beside, work, "Friend", ("userId", "username", "displayName")):
        if user_id:
            out[str(user_id)] = common.party(username, display, False)
    return out


def _owner(conn: sqlite3.Connection, found: set[str]) -> str | None:
    """The phone's owner's user id: the one sender of the messages written on this phone, or None."""
    flag = next((c for c in ("created_on_device", "local_message_content_id") if c in found), None)
    if flag is None:
        return None
    test = "= 1" if flag == "created_on_device" else "IS NOT NULL"
    try:
        senders = {r[0] for r in conn.execute(f"SELECT DISTINCT sender_id FROM conversation_message WHERE {flag} {test} LIMIT 2")}
    except sqlite3.DatabaseError:
        return None  # a damaged page: the direction is "unknown", the messages are still read
    senders.discard(None)
    return str(senders.pop()) if len(senders) == 1 else None


def _sender(user_id: Any, friends: dict[str, dict[str, Any]], owner: str | None) -> dict[str, Any] | None:
    if not user_id:
        return None
    user_id = str(user_id)
    if owner is not None and user_id == owner:
        return {**friends.get(user_id, common.party(None, None)), "owner": True}
    others = False if owner is not None else None  # not the owner only when the owner is known
    return {**friends.get(user_id, common.party(user_id, None)), "owner": others}


def _message(source: Source, r: Any, sender: dict[str, Any] | None, owner: str | None, text: str | None, title: Any) -> Item:
    chat = r["client_conversation_id"]
    thread = {"id": str(chat), "key": stable_id(source.source_id, "snapchat conversation", chat), "app": "Snapchat"}
    direction = common.direction(
        sender,
        how="the owner is the one sender of the messages written on this phone",
        unknown="no single sender of the messages written on this phone",
    )
    media = r["content_type"] != TEXT
    meta = {
        "format": FORMAT,
        "app": "Snapchat",
        "thread": thread | ({"name": title} if title else {}),
        "sender": sender,
        "time": common.when(
            common.from_epoch(r["creation_timestamp"], "ms") if r["creation_timestamp"] else None,
            r["creation_timestamp"],
            "milliseconds since 1970-01-01 UTC",
        ),
        "direction": direction,
        "deleted": "Intact",
        "attachments": [{"name": None, "type": f"content type {r['content_type']}", "size": None, "present": False, "how": MEDIA_HOW}]
        if media
        else [],
    }
    fields = common.party_fields("sender", sender) + [("text", text)]
    return common.make_item(source, f"conversation_message rowid={r[0]}", "message", "Snapchat message", fields, meta)
