"""Instagram direct messages on Android (``direct.db`` of ``com.instagram.android``), as found in file-system
extractions.

Tables, as the app keeps them (and as ALEAPP's Instagram artifacts read them): ``messages`` (``thread_id``,
``message_type``: "text", "media", "link", "video_call_event", ... as stored; ``text``; ``timestamp`` in microseconds
since 1970 UTC; ``message``: a JSON copy of the message, whose ``user_id`` is the sender and whose ``link``,
``action_log`` or ``video_call_event`` hold what a link, notice or call shows), ``threads`` (``thread_id``,
``thread_info``: JSON with ``thread_title`` and the participants, ``recipients`` or ``users`` and the ``inviter``, each
with ``pk``, ``username`` and ``full_name``) and ``session`` (``user_id``: the signed-in account). Columns a version
lacks are read as empty.

Each message is a ``message`` item (its text, or a link's, notice's or call's words; the sender's full name and
username; the sender, time, direction and conversation as facts: the direction from whether the sender is the
signed-in account, "unknown" when ``session`` names none); a media message's pictures are the app's cache, not read here,
and the item says so. Every participant is a known person, their username an alias. A JSON value that cannot be read is
refused (``messages rowid=N message``) and the message read from its columns alone; a thread's that cannot be read, the
thread's messages read without its names. The database is opened as every phone database is (its ``-wal`` applied to a
copy in the case's work folder); a run of rows in a damaged page, or a row that is not UTF-8, is refused alone. In newer
versions of the app the messages are kept elsewhere and this database holds none (ALEAPP's finding): a ``direct.db``
with no messages gives no items and no refusal.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from redactor.extract.device import common, sqlite_source
from redactor.extract.device.sqlite_source import Part
from redactor.records import Item, Mention, Person, Source, stable_id

FORMAT = "instagram-android-db"
MEDIA_HOW = "a picture or video: the app's cache holds it (if it was downloaded), not read here"
WORDS = ("link", "action_log", "video_call_event", "reel_share", "story_share", "placeholder")  # JSON parts with words
WORD_KEYS = ("text", "description", "title", "message")


@sqlite_source.message_store(
    FORMAT,
    "Instagram database",
    {"messages": ("thread_id", "message_type", "text", "message", "timestamp"), "threads": ("thread_id", "thread_info")},
)
def _read(
    source: Source, path: Path, conn: sqlite3.Connection, tables: set[str], book: common.PeopleBook
) -> Iterator[Item | Person | Mention | Part]:
    owner = _owner(conn) if "session" in tables else None
    people: dict[str, dict[str, Any]] = {}  # user id -> party
    titles: dict[Any, str] = {}
    for r in sqlite_source.parts(path, conn, "threads", ("thread_id", "thread_info"), one="thread"):
        if isinstance(r, tuple):
            yield r  # its messages are read without the participants' names
            continue
        info, refusal = sqlite_source.json_object(
            path, r["thread_info"], f"threads rowid={r[0]} thread_info", "thread", "its messages are read without its names"
        )
        if refusal is not None:
            yield refusal
            continue
        if info.get("thread_title"):
            titles[r["thread_id"]] = str(info["thread_title"])
        for user in _participants(info):
            user_id = str(user.get("pk") or user.get("pk_id") or user.get("id") or "")
            if not user_id or user_id in people:
                continue
            people[user_id] = common.party(user.get("username"), user.get("full_name"), user_id == owner if owner else None)
            if user_id != owner:
                username = user.get("username")
                book.add(people[user_id], "Instagram participants", aliases=[username] if isinstance(username, str) and username else [])
    yield from book
    for r in sqlite_source.parts(path, conn, "messages", ("thread_id", "message_type", "text", "message", "timestamp"), one="message"):
        if isinstance(r, tuple):
            yield r
            continue
        message, refusal = sqlite_source.json_object(path, r["message"], f"messages rowid={r[0]} message")
        if refusal is not None:
            yield refusal
        sender_id = str(message.get("user_id") or "")
        yield _message(source, r, message, _sender(sender_id, people, owner), titles.get(r["thread_id"]))


def _owner(conn: sqlite3.Connection) -> str | None:
    try:
        row = conn.execute("SELECT user_id FROM session LIMIT 1").fetchone()
    except sqlite3.DatabaseError:
        return None  # no owner: every direction "unknown"
    return str(row[0]) if row and row[0] else None


def _participants(info: dict[str, Any]) -> list[dict[str, Any]]:
    found: list[Any] = []
    for key in ("recipients", "users"):
        if isinstance(info.get(key), list):
            found += info[key]
    found.append(info.get("inviter"))
    return [user for user in found if isinstance(user, dict)]


def _sender(user_id: str, people: dict[str, dict[str, Any]], owner: str | None) -> dict[str, Any] | None:
    if not user_id:
        return None
    if owner is not None and user_id == owner:
        return {**people.get(user_id, common.party(None, None)), "owner": True}
    return {**people.get(user_id, common.party(user_id, None)), "owner": False if owner is not None else None}


def _words(message: dict[str, Any]) -> list[str]:
    """What a link, notice, call or shared post shows, from the message's JSON."""
    out = []
    for part in WORDS:
        value = message.get(part)
        if isinstance(value, dict):
            out += [value[k].strip() for k in WORD_KEYS if isinstance(value.get(k), str) and value[k].strip()]
    return out


def _message(source: Source, r: Any, message: dict[str, Any], sender: dict[str, Any] | None, title: str | None) -> Item:
    thread = {"id": str(r["thread_id"]), "key": stable_id(source.source_id, "instagram thread", r["thread_id"]), "app": "Instagram"}
    text = r["text"] if isinstance(r["text"], str) and r["text"].strip() else message.get("text")
    words = _words(message)
    direction = common.direction(
        sender, how="the sender is (or is not) the signed-in account (session.user_id)", unknown="the database names no signed-in account"
    )
    media = r["message_type"] == "media" or isinstance(message.get("media"), dict)
    micro = r["timestamp"]
    meta = {
        "format": FORMAT,
        "app": "Instagram",
        "thread": thread | ({"name": title} if title else {}),
        "sender": sender,
        "time": common.when(
            common.from_epoch(micro / 1000, "ms") if isinstance(micro, int | float) and micro else None,
            micro,
            "microseconds since 1970-01-01 UTC",
        ),
        "direction": direction,
        "deleted": "Intact",
        "kind_as_stored": str(r["message_type"] or ""),
        "attachments": [{"name": None, "type": "media", "size": None, "present": False, "how": MEDIA_HOW}] if media else [],
    }
    fields = common.party_fields("sender", sender) + [("text", text if isinstance(text, str) else None)]
    fields += [("attachment.title", " / ".join(words))] if words else []
    return common.make_item(source, f"messages rowid={r[0]}", "message", "Instagram message", fields, meta)
