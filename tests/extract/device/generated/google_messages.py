"""A Google Messages database (``bugle_db``) written by the tests: the tables and columns the reader uses, in the shape
the app keeps them (AOSP Messaging's schema, as the app has grown it). Nothing here is copied from a real phone."""

from __future__ import annotations

import sqlite3
from pathlib import Path

WHEN = 1_709_222_207_000  # 2024-02-29T15:56:47Z, milliseconds since 1970
JO, ALEX = "+447700900456", "+447700900789"

SCHEMA = """
CREATE TABLE conversations (_id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT, snippet_text TEXT);
CREATE TABLE participants (_id INTEGER PRIMARY KEY AUTOINCREMENT, sub_id INTEGER DEFAULT -2, normalized_destination TEXT,
  display_destination TEXT, full_name TEXT, first_name TEXT);
CREATE TABLE conversation_participants (conversation_id INT, participant_id INT);
CREATE TABLE messages (_id INTEGER PRIMARY KEY AUTOINCREMENT, conversation_id INT, sender_id INT, sent_timestamp INT,
  received_timestamp INT, message_protocol INT, message_status INT);
CREATE TABLE parts (_id INTEGER PRIMARY KEY AUTOINCREMENT, message_id INT, text TEXT, content_type TEXT,
  local_cache_path TEXT, file_size_bytes INT DEFAULT -1, timestamp INT, conversation_id INT);
"""


def bugle_db(path: Path, *, extra: int = 0) -> None:
    """The owner (sub_id -1), Jo and Alex; a chat with Jo (an RCS text in, a reply out, a photo with a caption in) and a
    group "Flat 2 lot" with both (a text from Alex); ``extra`` more texts from Jo."""
    conn = sqlite3.connect(path)
    with conn:
        conn.executescript(SCHEMA)
        conn.executemany(
            "INSERT INTO participants VALUES (?, ?, ?, ?, ?, ?)",
            [(1, -1, None, None, None, None), (2, -2, JO, "07700 900456", "Jo Example", "Jo"), (3, -2, ALEX, ALEX, None, None)],
        )
        conn.executemany("INSERT INTO conversations VALUES (?, ?, ?)", [(1, "Jo Example", None), (2, "Flat 2 lot", None)])
        conn.executemany("INSERT INTO conversation_participants VALUES (?, ?)", [(1, 2), (2, 2), (2, 3)])
        messages = [(1, 1, 2), (2, 1, 1), (3, 1, 2), (4, 2, 3)] + [(5 + i, 1, 2) for i in range(extra)]
        for n, conversation, sender in messages:
            at = WHEN + 60_000 * n
            conn.execute("INSERT INTO messages VALUES (?, ?, ?, ?, ?, 1, 100)", (n, conversation, sender, at, at if sender != 1 else 0))
        parts = [
            (1, 1, "Are you home? Flat 2, 14 Mill Lane", "text/plain", None, -1),
            (2, 2, "Yes. Ring 07700 900123 when you get here", "text/plain", None, -1),
            (3, 3, None, "image/jpeg", "/data/user/0/com.google.android.apps.messaging/cache/IMG_0042.jpg", 20_480),
            (4, 3, "this is the car", "text/plain", None, -1),
            (5, 4, "Saturday still on?", "text/plain", None, -1),
        ] + [(6 + i, 5 + i, f"Message {i} from Jo", "text/plain", None, -1) for i in range(extra)]
        conn.executemany(
            "INSERT INTO parts VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [(p, m, t, ct, f, size, WHEN + 60_000 * m, 1 if m != 4 else 2) for p, m, t, ct, f, size in parts],
        )
    conn.close()
