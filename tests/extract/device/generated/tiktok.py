"""TikTok's ``<account id>_im.db`` and ``db_im_xx`` written by the tests: the tables and columns the reader uses, in the
shape ALEAPP's TikTok artifact reads them. Nothing here is copied from a real phone."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

WHEN = 1_709_222_207_000  # 2024-02-29T15:56:47Z, milliseconds since 1970
OWNER, DANA, PRIYA = 6_900_000_001, 6_900_000_002, 6_900_000_003
IM = """
CREATE TABLE msg (msg_uuid TEXT PRIMARY KEY, conversation_id TEXT, conversation_type INTEGER, sender INTEGER,
  created_time INTEGER, content TEXT, type INTEGER, deleted INTEGER, read_status INTEGER);
"""
XX = "CREATE TABLE SIMPLE_USER (UID INTEGER PRIMARY KEY, UNIQUE_ID TEXT, NICK_NAME TEXT, INITIAL_LETTER TEXT, AVATAR_THUMB TEXT, FOLLOW_STATUS INTEGER);"


def im_db(path: Path, *, extra: int = 0) -> None:
    """A conversation with Dana (a text in, a reply out, a shared GIF in) and one with Priya, who is in no users table;
    one message whose content is not JSON; ``extra`` more texts from Dana."""
    conn = sqlite3.connect(path)
    with conn:
        conn.executescript(IM)

        def row(n: int, chat: str, sender: int, content: dict | str, at: int) -> tuple:
            return (f"m{n}", chat, sender, at, content if isinstance(content, str) else json.dumps(content), 7, 0, 1)

        rows = [
            row(1, "0:1:a", DANA, {"text": "Are you home? Flat 2, 14 Mill Lane", "aweType": 700}, WHEN),
            row(2, "0:1:a", OWNER, {"text": "Yes, ring 07700 900123"}, WHEN + 60_000),
            row(3, "0:1:a", DANA, {"display_name": "dancing cat", "url": {"url_list": ["https://example.invalid/g.gif"]}}, WHEN + 90_000),
            row(4, "0:1:b", PRIYA, {"text": "Meet at Hollins Road at six"}, WHEN + 120_000),
            row(5, "0:1:b", PRIYA, '{"text": "cut', WHEN + 150_000),
        ] + [row(100 + i, "0:1:a", DANA, {"text": f"Message {i}"}, WHEN + 240_000 + i) for i in range(extra)]
        conn.executemany(
            "INSERT INTO msg (msg_uuid, conversation_id, sender, created_time, content, type, deleted, read_status) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
    conn.close()


def xx_db(path: Path) -> None:
    conn = sqlite3.connect(path)
    with conn:
        conn.execute(XX)
        conn.executemany(
            "INSERT INTO SIMPLE_USER (UID, UNIQUE_ID, NICK_NAME) VALUES (?, ?, ?)",
            [(OWNER, "sam.owner", "Sam"), (DANA, "dana_w99", "Dana Whitcombe")],
        )
    conn.close()
