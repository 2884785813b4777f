"""Instagram's ``direct.db`` written by the tests: the tables, columns and JSON keys the reader uses, in the shape
ALEAPP's Instagram artifacts read them. Nothing here is copied from a real phone."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

WHEN = 1_709_222_207_000_000  # 2024-02-29T15:56:47Z, microseconds since 1970
OWNER, DANA, PRIYA = "1780001", "2790002", "3800003"
DIRECT = """
CREATE TABLE session (user_id TEXT);
CREATE TABLE threads (_id INTEGER PRIMARY KEY, thread_id TEXT, thread_info TEXT, last_activity_time INTEGER);
CREATE TABLE messages (_id INTEGER PRIMARY KEY, user_id TEXT, server_item_id TEXT, client_item_id TEXT, thread_id TEXT,
  recipient_ids TEXT, timestamp INTEGER, message_type TEXT, text TEXT, message TEXT);
"""


def _user(pk: str, username: str, full_name: str) -> dict:
    return {"pk": pk, "username": username, "full_name": full_name}


def direct_db(path: Path, *, session: bool = True, extra: int = 0) -> None:
    """A thread with Dana (a text in, a reply out, a photo in, a shared link in, a call notice) and a group "Book club"
    where Priya writes; one message whose JSON is damaged; ``extra`` more texts from Dana."""
    conn = sqlite3.connect(path)
    with conn:
        conn.executescript(DIRECT)
        if session:
            conn.execute("INSERT INTO session VALUES (?)", (OWNER,))
        one = {
            "thread_title": "dana_w99",
            "recipients": [_user(DANA, "dana_w99", "Dana Whitcombe")],
            "inviter": _user(OWNER, "sam.owner", "Sam"),
        }
        group = {
            "thread_title": "Book club",
            "recipients": [_user(PRIYA, "priya.r", "Priya Raman"), _user(DANA, "dana_w99", "Dana Whitcombe")],
        }
        conn.executemany("INSERT INTO threads (thread_id, thread_info) VALUES (?, ?)", [("t1", json.dumps(one)), ("t2", json.dumps(group))])

        def row(thread: str, sender: str, kind: str, text: str | None, at: int, **extra_json) -> tuple:
            body = {"user_id": sender, "thread_key": thread, "timestamp": at, "item_type": kind} | extra_json
            return (thread, at, kind, text, json.dumps(body))

        rows = [
            row("t1", DANA, "text", "Are you home? Flat 2, 14 Mill Lane", WHEN),
            row("t1", OWNER, "text", "Yes, ring 07700 900123", WHEN + 60_000_000),
            row(
                "t1",
                DANA,
                "media",
                None,
                WHEN + 90_000_000,
                media={"image_versions2": {"candidates": [{"url": "https://example.invalid/p.jpg"}]}},
            ),
            row("t1", DANA, "link", None, WHEN + 100_000_000, link={"text": "look at this, Hollins Road", "link_context": {}}),
            row("t1", OWNER, "video_call_event", None, WHEN + 110_000_000, video_call_event={"description": "You started a video chat"}),
            row("t2", PRIYA, "text", "Meet at Hollins Road at six", WHEN + 120_000_000),
            ("t2", WHEN + 150_000_000, "text", "the words survive", '{"user_id": "3800003", "cut'),  # JSON cut short
        ] + [row("t1", DANA, "text", f"Message {i}", WHEN + 240_000_000 + i) for i in range(extra)]
        conn.executemany("INSERT INTO messages (thread_id, timestamp, message_type, text, message) VALUES (?, ?, ?, ?, ?)", rows)
    conn.close()
