"""A decrypted Signal for Android database written by the tests: the tables and columns the reader uses, in the shape
Signal keeps them since 2023 (``message``) or before (``sms``). Nothing here is copied from a real phone."""

from __future__ import annotations

import sqlite3
from pathlib import Path

WHEN = 1_709_222_207_000  # 2024-02-29T15:56:47Z, milliseconds since 1970
SENT, INBOX = 0x17 | 0x40, 20  # Signal's MessageTypes: base 23 (sent) with a flag, base 20 (inbox)


def signal_db(path: Path, *, older: bool = False, extra: int = 0) -> None:
    """The owner (recipient 1), Dana (2) and a group (3); a chat with Dana (in, out) and a group message from Dana;
    ``extra`` more messages from Dana."""
    conn = sqlite3.connect(path)
    with conn:
        conn.executescript(
            "CREATE TABLE recipient (_id INTEGER PRIMARY KEY, e164 TEXT, email TEXT, system_joined_name TEXT,"
            " profile_joined_name TEXT, group_id TEXT);"
            "CREATE TABLE thread (_id INTEGER PRIMARY KEY, recipient_id INTEGER, date INTEGER);"
        )
        conn.executemany(
            "INSERT INTO recipient VALUES (?, ?, NULL, ?, ?, ?)",
            [
                (1, "+447700900100", None, "Sam", None),
                (2, "+447700900777", "Dana Whitcombe", "Dana", None),
                (3, None, None, None, "__signal_group__x"),
            ],
        )
        conn.executemany("INSERT INTO thread VALUES (?, ?, 0)", [(1, 2), (2, 3)])
        rows = [(1, 1, 2, "Are you home? Flat 2, 14 Mill Lane", WHEN, INBOX), (2, 1, 1, "Yes, ring 07700 900123", WHEN + 60_000, SENT)]
        rows += [(3, 2, 2, "Saturday still on?", WHEN + 120_000, INBOX)]
        rows += [(4 + i, 1, 2, f"Message {i}", WHEN + 180_000 + i, INBOX) for i in range(extra)]
        if older:
            conn.execute(
                "CREATE TABLE sms (_id INTEGER PRIMARY KEY, thread_id INTEGER, recipient_id INTEGER, address TEXT,"
                " body TEXT, date INTEGER, date_sent INTEGER, type INTEGER)"
            )
            conn.executemany(
                "INSERT INTO sms VALUES (?, ?, ?, NULL, ?, ?, ?, ?)",
                [(n, thread, 2 if sender == 1 else sender, body, at, at, kind) for n, thread, sender, body, at, kind in rows],
            )
        else:
            conn.execute(
                "CREATE TABLE message (_id INTEGER PRIMARY KEY, date_sent INTEGER, date_received INTEGER, thread_id INTEGER,"
                " from_recipient_id INTEGER, to_recipient_id INTEGER, type INTEGER, body TEXT)"
            )
            conn.executemany(
                "INSERT INTO message VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [(n, at, at, thread, sender, 1 if sender != 1 else 2, kind, body) for n, thread, sender, body, at, kind in rows],
            )
    conn.close()
