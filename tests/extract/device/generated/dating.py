"""Tinder's ``tinder-3.db`` and Bumble's ``ChatComDatabase`` written by the tests: the tables and columns the readers
use, in the shape ALEAPP's Tinder and Bumble artifacts read them. Nothing here is copied from a real phone."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

WHEN = 1_709_222_207_000  # 2024-02-29T15:56:47Z, milliseconds since 1970
TINDER = """
CREATE TABLE match_person (id TEXT PRIMARY KEY, name TEXT, bio TEXT, birth_date INTEGER);
CREATE TABLE `match` (id TEXT PRIMARY KEY, person_id TEXT, creation_date INTEGER, last_activity_date INTEGER);
CREATE TABLE message (client_sequential_id INTEGER PRIMARY KEY, id TEXT, match_id TEXT, from_id TEXT, to_id TEXT,
  text TEXT, sent_date INTEGER, type TEXT, delivery_status TEXT, is_liked INTEGER, is_seen INTEGER, raw_message_data TEXT);
"""
BUMBLE = """
CREATE TABLE conversation_info (user_id TEXT PRIMARY KEY, user_name TEXT, age INTEGER, gender INTEGER);
CREATE TABLE message (id INTEGER PRIMARY KEY, conversation_id TEXT, sender_id TEXT, recipient_id TEXT,
  created_timestamp INTEGER, modified_timestamp INTEGER, is_incoming INTEGER, payload TEXT, payload_type TEXT);
"""


def tinder_db(path: Path, *, extra: int = 0) -> None:
    """A match with Dana: a text in, a reply out, a GIF in; one message whose JSON copy is damaged; ``extra`` more."""
    conn = sqlite3.connect(path)
    with conn:
        conn.executescript(TINDER)
        conn.execute("INSERT INTO match_person (id, name) VALUES ('p-dana', 'Dana')")
        conn.execute("INSERT INTO `match` (id, person_id) VALUES ('m1', 'p-dana')")

        def row(n: int, sender: str, to: str, text: str, at: int, raw: dict | str) -> tuple:
            return (f"x{n}", "m1", sender, to, text, at, raw if isinstance(raw, str) else json.dumps(raw))

        rows = [
            row(1, "p-dana", "me", "Are you home? Flat 2, 14 Mill Lane", WHEN, {"message": "..."}),
            row(2, "me", "p-dana", "Yes, ring 07700 900123", WHEN + 60_000, {}),
            row(3, "p-dana", "me", "https://media.example.invalid/cat.gif", WHEN + 90_000, {"type": "gif"}),
            row(4, "p-dana", "me", "see you at Hollins Road", WHEN + 120_000, '{"type": "gi'),
        ] + [row(100 + i, "p-dana", "me", f"Message {i}", WHEN + 240_000 + i, {}) for i in range(extra)]
        conn.executemany(
            "INSERT INTO message (id, match_id, from_id, to_id, text, sent_date, raw_message_data) VALUES (?, ?, ?, ?, ?, ?, ?)", rows
        )
    conn.close()


def bumble_db(path: Path, *, extra: int = 0) -> None:
    """A conversation with Priya: a text in, a reply out, a link in; ``extra`` more texts from Priya."""
    conn = sqlite3.connect(path)
    with conn:
        conn.executescript(BUMBLE)
        conn.execute("INSERT INTO conversation_info (user_id, user_name) VALUES ('u-priya', 'Priya')")
        rows = [
            ("u-priya", "u-priya", "me", WHEN, 1, json.dumps({"text": "Meet at Hollins Road at six"})),
            ("u-priya", "me", "u-priya", WHEN + 60_000, 0, json.dumps({"text": "ok, my number is 07700 900123"})),
            ("u-priya", "u-priya", "me", WHEN + 90_000, 1, json.dumps({"url": "https://example.invalid/p"})),
        ] + [("u-priya", "u-priya", "me", WHEN + 240_000 + i, 1, json.dumps({"text": f"Message {i}"})) for i in range(extra)]
        conn.executemany(
            "INSERT INTO message (conversation_id, sender_id, recipient_id, created_timestamp, is_incoming, payload) VALUES (?, ?, ?, ?, ?, ?)",
            rows,
        )
    conn.close()
