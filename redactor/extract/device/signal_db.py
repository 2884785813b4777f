"""Signal for Android's message database, decrypted (``signal.db`` as an extraction tool or a backup decrypter writes
it; the phone's own copy is encrypted whole and is refused as such by ``unread.py``).

Tables: ``recipient`` (``e164``, ``email``, ``system_joined_name`` (the name in the phone's address book) or
``profile_joined_name`` (the name the person gave Signal), ``group_id`` for a group), ``thread`` (``recipient_id``: who or
which group a conversation is with) and the messages: ``message`` since 2023 (``from_recipient_id``, ``to_recipient_id``,
``thread_id``, ``body``, ``date_sent`` in milliseconds since 1970 UTC, ``type``), ``sms`` before (``recipient_id`` or
``address``, ``date_sent`` or ``date``). A message's direction is its ``type``'s base (``type & 0x1F``, Signal's
``MessageTypes``): 21-26 outbox, sending, sent, failed and pending are the owner's; 20 the inbox; anything else
"unknown". Columns a version lacks are read as empty.

Each message is a ``message`` item (its body, sender and direction, its conversation as the thread) and each recipient
with a number, e-mail or name a known person. The database is opened read-only and immutable (its ``-wal`` applied to
a copy in the case's work folder); a run of rows in a damaged page, or a row that is not UTF-8, is refused alone; a
database none of whose messages can be read is refused whole.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from redactor.extract.device import common, sqlite_source
from redactor.extract.device.sqlite_source import Part
from redactor.records import Item, Mention, Person, Source, stable_id

FORMAT = "signal-android-db"
BASE_MASK = 0x1F
INBOX = 20
OUTGOING = {21, 22, 23, 24, 25, 26}  # outbox, sending, sent, sent failed, pending fallbacks


@sqlite_source.message_store(
    "signal-android-db",
    "Signal database",
    [{"recipient": ("e164", "system_joined_name"), "thread": (), table: ("body",)} for table in ("message", "sms")],
)
def _read(
    source: Source, path: Path, conn: sqlite3.Connection, tables: set[str], book: common.PeopleBook
) -> Iterator[Item | Person | Mention | Part]:
    people: dict[int, dict[str, Any]] = {}
    owner = _owner(conn, tables)
    wanted = ("e164", "email", "system_joined_name", "profile_joined_name", "group_id")
    for r in sqlite_source.parts(path, conn, "recipient", wanted, key="_id", one="recipient"):
        if isinstance(r, tuple):
            yield r  # their messages are read without their name and number
            continue
        people[r[0]] = common.party(r["e164"] or r["email"], r["system_joined_name"] or r["profile_joined_name"], None)
        if not r["group_id"] and r[0] != owner:
            book.add(people[r[0]], "Signal recipients")
    yield from book
    threads: dict[int, int] = {}
    for got in common.sqlite_walk(conn, "thread", "recipient_id"):
        if not isinstance(got, common.SqliteGap) and not got[1]:
            threads[got[0][0]] = got[0][1]
    if "message" in tables:
        table, columns = "message", ("thread_id", "from_recipient_id", "to_recipient_id", "body", "date_sent", "date_received", "type")
    else:
        table, columns = "sms", ("thread_id", "recipient_id", "address", "body", "date_sent", "date", "type")
    for r in sqlite_source.parts(path, conn, table, columns, key="_id", one="message"):
        if isinstance(r, tuple):
            yield r
            continue
        yield _message(source, table, r, people, threads)
        yield from book


def _owner(conn: sqlite3.Connection, tables: set[str]) -> int | None:
    """The owner's own recipient: the one sender of every outgoing message (none when that is not one recipient)."""
    if "message" not in tables or "from_recipient_id" not in {r[1] for r in conn.execute("PRAGMA table_info(message)")}:
        return None
    outgoing = ", ".join(str(t) for t in sorted(OUTGOING))
    try:
        found = conn.execute(
            f"SELECT DISTINCT from_recipient_id FROM message WHERE (type & {BASE_MASK}) IN ({outgoing}) LIMIT 2"
        ).fetchall()
    except sqlite3.DatabaseError:
        return None  # a damaged page: the owner is then a known person too, which only flags more
    return found[0][0] if len(found) == 1 else None


def _message(source: Source, table: str, r: sqlite3.Row, people: dict[int, dict[str, Any]], threads: dict[int, int]) -> Item:
    base = (r["type"] or 0) & BASE_MASK
    direction = "outgoing" if base in OUTGOING else "incoming" if base == INBOX else "unknown"
    other = people.get(threads.get(r["thread_id"], -1))  # whom the conversation is with (a person or a group)
    if table == "message":
        author, stamp = people.get(r["from_recipient_id"]), r["date_sent"] or r["date_received"]
    else:
        author = people.get(r["recipient_id"]) or (common.party(r["address"], None, None) if r["address"] else None)
        stamp = r["date_sent"] or r["date"]
    if direction == "outgoing":
        sender: dict[str, Any] | None = common.party(None, None, True)
    else:
        sender = {**author, "owner": False if direction == "incoming" else None} if author is not None else None
    meta = {
        "format": FORMAT,
        "app": "Signal",
        "thread": {"id": str(r["thread_id"]), "key": stable_id(source.source_id, "signal thread", r["thread_id"]), "app": "Signal"},
        "sender": sender,
        "recipients": [other] if direction == "outgoing" and other is not None else [],
        "time": common.when(common.from_epoch(stamp, "ms") if stamp else None, stamp, "milliseconds since 1970-01-01 UTC"),
        "direction": {"value": direction, "how": f"type & 0x1F = {base} (Signal's MessageTypes)"},
        "deleted": "Intact",
    }
    fields = common.party_fields("sender", sender) + [("text", r["body"])]
    return common.make_item(source, f"{table} _id={r[0]}", "message", "Signal message", fields, meta)
