"""Snapchat's ``arroyo.db`` and ``main.db`` written by the tests: the tables, columns and buffer fields the reader uses,
in the shape ALEAPP's Snapchat artifacts read them (a chat text's words at field 4 / 4 / 2 / 1 of ``message_content``,
the sender at 2 / 1, the content type at 4 / 2, the times at 6). Nothing here is copied from a real phone."""

from __future__ import annotations

import sqlite3
from pathlib import Path

WHEN = 1_709_222_207_000  # 2024-02-29T15:56:47Z, milliseconds since 1970
OWNER = "0b7e1f2a-1111-4c3d-9e8f-000000000001"
DANA = "0b7e1f2a-2222-4c3d-9e8f-000000000002"
PRIYA = "0b7e1f2a-3333-4c3d-9e8f-000000000003"  # not among the friends: known by user id alone
ONE_TO_ONE, GROUP = "5f0c9a34-aaaa-4b1e-8d2c-00000000000a", "5f0c9a34-bbbb-4b1e-8d2c-00000000000b"
ARROYO = """
CREATE TABLE conversation (client_conversation_id TEXT PRIMARY KEY, conversation_metadata BLOB, creation_timestamp INTEGER);
CREATE TABLE feed_entry (_id INTEGER PRIMARY KEY, client_conversation_id TEXT, conversation_title TEXT,
  last_updated_timestamp INTEGER);
CREATE TABLE conversation_message (client_conversation_id TEXT NOT NULL, client_message_id INTEGER NOT NULL,
  server_message_id INTEGER, sender_id TEXT, content_type INTEGER, message_content BLOB, creation_timestamp INTEGER,
  read_timestamp INTEGER, {flag}, PRIMARY KEY (client_conversation_id, client_message_id));
"""
MAIN = "CREATE TABLE Friend (_id INTEGER PRIMARY KEY, userId TEXT, username TEXT, displayName TEXT, phone TEXT);"


def varint(value: int) -> bytes:
    out = bytearray()
    while True:
        byte, value = value & 0x7F, value >> 7
        out.append(byte | (0x80 if value else 0))
        if not value:
            return bytes(out)


def message(number: int, body: bytes) -> bytes:
    """A length-delimited field."""
    return varint(number << 3 | 2) + varint(len(body)) + body


def number(field: int, value: int) -> bytes:
    return varint(field << 3) + varint(value)


def content(sender: str, conversation: str, content_type: int, text: str | None, when: int) -> bytes:
    """A ``message_content`` buffer: a chat text's words, or for a snap a media key and an encryption key."""
    if text is not None:
        body = message(2, message(1, text.encode("utf-8")))
    else:
        body = message(5, message(1, b"media-key-7f3a") + message(2, bytes(range(32))))
    return (
        message(2, message(1, sender.encode()))
        + message(3, message(1, message(1, message(1, conversation.encode()))))
        + message(4, number(2, content_type) + message(4, body))
        + message(6, number(1, when) + number(2, when))
    )


def arroyo_db(path: Path, *, layout: str = "current", owner_writes: bool = True, extra: int = 0) -> None:
    """A one-to-one conversation with Dana (a text in, a reply out, a snap in) and a group "Book club" where Priya, no
    friend, writes; one text whose buffer is damaged; ``extra`` more texts from Dana. ``layout`` "older": the build that
    marks a message written on this phone by ``local_message_content_id`` instead of ``created_on_device``;
    ``owner_writes`` False: no message was written on this phone (the owner cannot be told)."""
    flag = "created_on_device INTEGER" if layout == "current" else "local_message_content_id INTEGER"
    conn = sqlite3.connect(path)
    with conn:
        conn.executescript(ARROYO.format(flag=flag))
        conn.executemany("INSERT INTO conversation VALUES (?, ?, ?)", [(ONE_TO_ONE, b"", WHEN), (GROUP, b"", WHEN)])
        conn.executemany(
            "INSERT INTO feed_entry (client_conversation_id, conversation_title) VALUES (?, ?)", [(ONE_TO_ONE, None), (GROUP, "Book club")]
        )
        mine = 1 if owner_writes else None
        rows = [
            (ONE_TO_ONE, 1, DANA, 1, content(DANA, ONE_TO_ONE, 1, "Are you home? Flat 2, 14 Mill Lane", WHEN), WHEN, None),
            (ONE_TO_ONE, 2, OWNER, 1, content(OWNER, ONE_TO_ONE, 1, "Yes, ring 07700 900123", WHEN + 60_000), WHEN + 60_000, mine),
            (ONE_TO_ONE, 3, DANA, 2, content(DANA, ONE_TO_ONE, 2, None, WHEN + 90_000), WHEN + 90_000, None),
            (GROUP, 1, PRIYA, 1, content(PRIYA, GROUP, 1, "Meet at Hollins Road at six", WHEN + 120_000), WHEN + 120_000, None),
            (GROUP, 2, PRIYA, 1, b"\x0a\xff\xff", WHEN + 150_000, None),  # a length running past the end
        ] + [
            (ONE_TO_ONE, 100 + i, DANA, 1, content(DANA, ONE_TO_ONE, 1, f"Message {i}", WHEN + 240_000 + i), WHEN + 240_000 + i, None)
            for i in range(extra)
        ]
        column = flag.split()[0]
        conn.executemany(
            "INSERT INTO conversation_message (client_conversation_id, client_message_id, sender_id, content_type, "
            f"message_content, creation_timestamp, {column}) VALUES (?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
    conn.close()


def main_db(path: Path) -> None:
    """The friends: the owner's own account and Dana."""
    conn = sqlite3.connect(path)
    with conn:
        conn.execute(MAIN)
        conn.executemany(
            "INSERT INTO Friend (userId, username, displayName) VALUES (?, ?, ?)",
            [(OWNER, "sam.owner", "Sam"), (DANA, "dana_w99", "Dana Whitcombe")],
        )
    conn.close()
