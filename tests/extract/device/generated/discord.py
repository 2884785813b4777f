"""Discord's Android message cache written by the tests: ``kv-storage/@account.<id>/a``, a SQLite key-value table
``messages0`` whose value holds each message as JSON in the shape of Discord's public API, as ALEAPP's Discord artifact
reads it (the key and value columns are unnamed in its reading: here ``key`` and ``data``, with a few bytes before the
JSON). Nothing here is copied from a phone."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

ACCOUNT = "1100000000000000001"
DANA = {"id": "1100000000000000002", "username": "dana_w", "global_name": "Dana Whitcombe", "avatar": None}
OWNER = {"id": ACCOUNT, "username": "sam_owner", "global_name": None, "avatar": None}


def cached(channel: str, n: int, author: dict, content: str, **extra: object) -> bytes:
    message = {
        "id": f"12000000000000{n:05d}",
        "channel_id": channel,
        "author": author,
        "content": content,
        "timestamp": f"2024-02-29T15:{56 + n // 60 % 4:02d}:{n % 60:02d}.000000+00:00",
        "edited_timestamp": None,
        "attachments": [],
        "mentions": [],
        "mention_roles": [],
        "embeds": [],
        "pinned": False,
        "type": 0,
    } | extra
    return b"\x00\x07" + json.dumps({"channelId": channel, "id": message["id"], "message": message}).encode()


def kv_storage(root: Path, *, extra: int = 0, account: str = ACCOUNT) -> Path:
    """``root/kv-storage/@account.<id>/a``: Dana writes, the owner replies with a photo and mentions Dana, a link's
    embed; one entry that is no message; ``extra`` more messages from Dana."""
    folder = root / "kv-storage" / f"@account.{account}"
    folder.mkdir(parents=True)
    path = folder / "a"
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("CREATE TABLE messages0 (key BLOB PRIMARY KEY, data BLOB)")
        rows = [
            cached("900", 1, DANA, "Are you home? Flat 2, 14 Mill Lane"),
            cached("900", 2, OWNER, "Yes <@1100000000000000002>, ring 07700 900123",
                   attachments=[{"id": "1", "filename": "IMG_0042.jpg", "size": 2048, "url": "https://cdn.example/IMG_0042.jpg"}],
                   mentions=[DANA]),
            cached("901", 3, DANA, "look", embeds=[{"title": "Hollins Road surgery", "description": "3 Hollins Road, Leeds"}]),
            b"\x00\x03" + json.dumps({"guildId": "5", "settings": {"muted": True}}).encode(),
        ] + [cached("900", 100 + i, DANA, f"Message {i}") for i in range(extra)]  # fmt: skip
        conn.executemany("INSERT INTO messages0 VALUES (?, ?)", [(f"k{n}".encode(), data) for n, data in enumerate(rows)])
    conn.close()
    return path
