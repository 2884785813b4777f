"""Viber's ``viber_messages`` and Kik's ``kikDatabase.db`` written by the tests: the tables and columns the readers use,
in the shape ALEAPP's Viber and Kik artifacts read them. Nothing here is copied from a real phone."""

from __future__ import annotations

import sqlite3
from pathlib import Path

WHEN = 1_709_222_207_000  # 2024-02-29T15:56:47Z, milliseconds since 1970
VIBER = """
CREATE TABLE participants_info (_id INTEGER PRIMARY KEY, number TEXT, display_name TEXT, contact_name TEXT,
  viber_name TEXT, participant_type INTEGER);
CREATE TABLE participants (_id INTEGER PRIMARY KEY, conversation_id INTEGER, participant_info_id INTEGER);
CREATE TABLE conversations (_id INTEGER PRIMARY KEY, name TEXT, conversation_type INTEGER);
CREATE TABLE messages (_id INTEGER PRIMARY KEY, conversation_id INTEGER, participant_id INTEGER, body TEXT,
  msg_date INTEGER, send_type INTEGER, unread INTEGER, extra_uri TEXT, description TEXT);
"""


def viber_db(path: Path, *, extra: int = 0) -> None:
    """The owner and Dana in a one-to-one conversation (a message in, a reply out with a photo), and a group "Book club"
    where Priya writes; ``extra`` more messages from Dana."""
    conn = sqlite3.connect(path)
    with conn:
        conn.executescript(VIBER)
        conn.executemany(
            "INSERT INTO participants_info VALUES (?, ?, ?, ?, ?, ?)",
            [
                (1, "+447700900100", None, None, "Me", 0),
                (2, "+447700900777", "Dana W", "Dana Whitcombe", None, 1),
                (3, "+48601234567", "Priya Raman", None, None, 1),
            ],
        )
        conn.executemany("INSERT INTO participants VALUES (?, ?, ?)", [(10, 1, 1), (11, 1, 2), (12, 2, 1), (13, 2, 3)])
        conn.executemany("INSERT INTO conversations VALUES (?, ?, ?)", [(1, None, 0), (2, "Book club", 1)])
        rows = [
            (1, 1, 11, "Are you home? Flat 2, 14 Mill Lane", WHEN, 0, None, None),
            (2, 1, 10, "Yes, ring 07700 900123", WHEN + 60_000, 1, "file:///storage/emulated/0/Viber/IMG_0042.jpg?x=1", "me"),
            (3, 2, 13, "Meet at Hollins Road at six", WHEN + 120_000, 0, None, None),
        ] + [(100 + i, 1, 11, f"Message {i}", WHEN + 240_000 + i, 0, None, None) for i in range(extra)]
        conn.executemany(
            "INSERT INTO messages (_id, conversation_id, participant_id, body, msg_date, send_type, extra_uri, description) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
    conn.close()


KIK = """
CREATE TABLE KIKcontactsTable (_id INTEGER PRIMARY KEY, jid TEXT, display_name TEXT, user_name TEXT, is_group INTEGER);
CREATE TABLE messagesTable (_id INTEGER PRIMARY KEY, body TEXT, partner_jid TEXT, was_me INTEGER, read_state INTEGER,
  uid TEXT, timestamp INTEGER, bin_id TEXT, content_id TEXT);
CREATE TABLE KIKContentTable (content_id TEXT, content_name TEXT, content_string TEXT);
"""


def kik_db(path: Path, *, extra: int = 0) -> None:
    """Dana (a contact) and a group "Book club" where Priya writes; a message in, a reply out with a photo, a group
    message; ``extra`` more messages from Dana."""
    conn = sqlite3.connect(path)
    with conn:
        conn.executescript(KIK)
        conn.executemany(
            "INSERT INTO KIKcontactsTable (jid, display_name, user_name, is_group) VALUES (?, ?, ?, ?)",
            [
                ("dana_w_x1@talk.kik.com", "Dana Whitcombe", "dana_w", 0),
                ("1100_g@groups.kik.com", "Book club", None, 1),
                ("priya_r_q@talk.kik.com", "Priya Raman", "priyar", 0),
            ],
        )
        dana = "dana_w_x1@talk.kik.com"
        rows = [
            (1, "Are you home? Flat 2, 14 Mill Lane", dana, 0, WHEN, dana, None),
            (2, "Yes, ring 07700 900123", dana, 1, WHEN + 60_000, dana, "c-42"),
            (3, "Meet at Hollins Road at six", "priya_r_q@talk.kik.com", 0, WHEN + 120_000, "1100_g@groups.kik.com", None),
        ] + [(100 + i, f"Message {i}", dana, 0, WHEN + 240_000 + i, dana, None) for i in range(extra)]
        conn.executemany(
            "INSERT INTO messagesTable (_id, body, partner_jid, was_me, timestamp, bin_id, content_id) VALUES (?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        conn.execute("INSERT INTO KIKContentTable VALUES ('c-42', 'file-name', 'IMG_0042.jpg')")
    conn.close()
