"""Discord for iOS's HTTP cache written by the tests: ``Library/Caches/com.hammerandchisel.discord/Cache.db`` in the
layout of iOS's URL cache (``cfurl_cache_response``, ``cfurl_cache_receiver_data``, ``cfurl_cache_blob_data``), larger
bodies in ``fsCachedData/<UUID>`` beside it, the bodies of Discord's API requests in the shape of its public API.
Nothing here is copied from a phone."""

from __future__ import annotations

import json
import sqlite3
import uuid
from pathlib import Path

from tests.extract.device.generated.discord import ACCOUNT, DANA, OWNER

API = "https://discord.com/api/v9/"
SCHEMA = """
CREATE TABLE cfurl_cache_response(entry_ID INTEGER PRIMARY KEY AUTOINCREMENT UNIQUE, version INTEGER, hash_value INTEGER,
    storage_policy INTEGER, request_key TEXT UNIQUE, time_stamp NOT NULL DEFAULT CURRENT_TIMESTAMP, partition TEXT);
CREATE TABLE cfurl_cache_blob_data(entry_ID INTEGER PRIMARY KEY, response_object BLOB, request_object BLOB,
    proto_props BLOB, user_info BLOB);
CREATE TABLE cfurl_cache_receiver_data(entry_ID INTEGER PRIMARY KEY, isDataOnFS INTEGER, receiver_data BLOB);
CREATE INDEX request_key_index ON cfurl_cache_response(request_key);
"""


def message(n: int, author: dict, content: str, **extra: object) -> dict:
    return {
        "id": f"11001216374976{n:05d}",
        "channel_id": "900",
        "author": author,
        "content": content,
        "timestamp": f"2023-04-24T18:{n % 60:02d}:00.000000+00:00",
        "edited_timestamp": None,
        "attachments": [],
        "mentions": [],
        "embeds": [],
        "pinned": False,
        "type": 0,
    } | extra


EDITED = "Are you home? Flat 2, 14 Mill Lane, back door"


def responses(*, login: bool = True, extra: int = 0, windows: int = 0) -> list[tuple[str, str, object, bool]]:
    """(url, cached at, body, whether the body is in fsCachedData) as the app caches them: the login, a window of
    channel 900 (Dana writes, the owner answers with a photo), the owner's message sent from the phone (its reply, with
    the nonce), a later window with Dana's message edited, an acknowledgement and pictures (not read), Dana's profile,
    the friends list;
    ``extra`` more messages from Dana in a window of their own; ``windows`` more windows of one message each."""
    first = [
        message(1, DANA, "Are you home? Flat 2, 14 Mill Lane"),
        message(2, OWNER, "Yes, ring 07700 900123", attachments=[{"id": "1", "filename": "IMG_0042.jpg", "size": 2048}]),
    ]
    later = [
        message(1, DANA, EDITED, edited_timestamp="2023-04-24T18:05:00+00:00"),
        first[1],
        message(4, DANA, "See you at 8", mentions=[OWNER]),
    ]
    found = [
        ("https://discord.com/ios/174.0/manifest.json", "2023-04-24 17:56:19", {"version": "174.0"}, False),
        *([(API + "auth/login", "2023-04-24 18:00:45", {"token": "not-a-token", "user_id": ACCOUNT}, False)] if login else []),
        (API + "channels/900/messages?limit=25", "2023-04-24 18:00:58", first, True),
        (API + "channels/900/messages", "2023-04-24 18:03:29", message(3, OWNER, "On my way", nonce="1100122316383461448"), False),
        (API + "channels/900/messages?limit=50&around=1100121637497600001", "2023-04-24 18:13:23", later, True),
        (API + f"channels/900/messages/{first[0]['id']}/ack", "2023-04-24 18:13:26", {"token": None}, False),
        ("https://cdn.discordapp.com/avatars/1/a.webp?size=160", "2023-04-24 20:34:14", None, True),
        (
            API + f"users/{DANA['id']}/profile?with_mutual_guilds=false",
            "2023-04-24 18:04:23",
            {"user": DANA | {"bio": "Leeds"}, "connected_accounts": []},
            False,
        ),
        (
            API + "users/@me/relationships",
            "2023-04-24 18:04:30",
            [
                {
                    "id": "1100000000000000003",
                    "type": 1,
                    "user": {"id": "1100000000000000003", "username": "kit_m", "global_name": "Kit Marlow"},
                }
            ],
            True,
        ),
    ]
    if extra:
        found.append(
            (
                API + "channels/901/messages?limit=50",
                "2023-04-24 19:00:00",
                [message(100 + i, DANA, f"Message {i}", channel_id="901") for i in range(extra)],
                True,
            )
        )
    found += [
        (
            API + f"channels/902/messages?limit=1&around={i}",
            "2023-04-24 21:00:00",
            [message(10_000 + i, DANA, f"Window {i}", channel_id="902")],
            False,
        )
        for i in range(windows)
    ]
    return found


def ios_cache(root: Path, *, login: bool = True, extra: int = 0, windows: int = 0, folder: str = "com.hammerandchisel.discord") -> Path:
    """``root/Library/Caches/<folder>/Cache.db`` with its ``fsCachedData``: see :func:`responses`."""
    where = root / "Library" / "Caches" / folder
    (where / "fsCachedData").mkdir(parents=True)
    path = where / "Cache.db"
    conn = sqlite3.connect(path)
    with conn:
        conn.executescript(SCHEMA)
        for n, (url, at, body, on_disk) in enumerate(responses(login=login, extra=extra, windows=windows), 1):
            data = b"\x89PNG\r\n\x1a\n" + bytes(200) if body is None else json.dumps(body).encode()
            conn.execute("INSERT INTO cfurl_cache_response VALUES (?, 0, ?, 0, ?, ?, NULL)", (n, n * 7, url, at))
            conn.execute("INSERT INTO cfurl_cache_blob_data VALUES (?, ?, ?, NULL, NULL)", (n, b"bplist00", b"bplist00"))
            if on_disk:
                name = str(uuid.UUID(int=n)).upper()
                (where / "fsCachedData" / name).write_bytes(data)
                conn.execute("INSERT INTO cfurl_cache_receiver_data VALUES (?, 1, ?)", (n, name))
            else:
                conn.execute("INSERT INTO cfurl_cache_receiver_data VALUES (?, 0, ?)", (n, data))
    conn.close()
    return path
