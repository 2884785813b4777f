"""A Facebook Messenger ``msys_database`` written by the tests: the tables and columns the reader uses, in the shape
ALEAPP's Messenger artifact reads them. Nothing here is copied from a real phone."""

from __future__ import annotations

import sqlite3
from pathlib import Path

WHEN = 1_709_222_207_000  # 2024-02-29T15:56:47Z, milliseconds since 1970
SCHEMA = """
CREATE TABLE contacts (id INTEGER PRIMARY KEY, name TEXT, normalized_name_for_search TEXT, phone_number TEXT,
  email_address TEXT, friendship_status INTEGER);
CREATE TABLE messages (message_id TEXT PRIMARY KEY, thread_key INTEGER, sender_id INTEGER, text TEXT,
  timestamp_ms INTEGER, is_admin_message INTEGER DEFAULT 0);
CREATE TABLE attachments (message_id TEXT, filename TEXT, playable_url_mime_type TEXT, title_text TEXT,
  subtitle_text TEXT);
"""


def msys_db(path: Path, *, owner: bool = True, extra: int = 0) -> None:
    """The owner (friendship_status 0, unless ``owner`` is False) and Dana; a thread with Dana: a message in, a reply
    out with a photo, a shared place; ``extra`` more messages from Dana."""
    conn = sqlite3.connect(path)
    with conn:
        conn.executescript(SCHEMA)
        conn.executemany(
            "INSERT INTO contacts (id, name, phone_number, email_address, friendship_status) VALUES (?, ?, ?, ?, ?)",
            [(100, "Sam Owner", None, None, 0 if owner else 1), (200, "Dana Whitcombe", "+447700900777", None, 1)],
        )
        rows = [
            ("mid.1", 1, 200, "Are you home? Flat 2, 14 Mill Lane", WHEN, 0),
            ("mid.2", 1, 100, "Yes, ring 07700 900123", WHEN + 60_000, 0),
            ("mid.3", 1, 200, None, WHEN + 120_000, 0),
            ("mid.4", 1, 100, "You missed a call from Dana", WHEN + 180_000, 1),
        ] + [(f"mid.x{i}", 1, 200, f"Message {i}", WHEN + 240_000 + i, 0) for i in range(extra)]
        conn.executemany("INSERT INTO messages VALUES (?, ?, ?, ?, ?, ?)", rows)
        conn.executemany(
            "INSERT INTO attachments VALUES (?, ?, ?, ?, ?)",
            [("mid.2", "IMG_0042.jpg", "image/jpeg", None, None), ("mid.3", None, None, "The Crown Inn", "12 High Street, Leeds")],
        )
    conn.close()


OLDER = """
CREATE TABLE threads (thread_key TEXT PRIMARY KEY, name TEXT);
CREATE TABLE thread_users (user_key TEXT PRIMARY KEY, first_name TEXT, last_name TEXT, name TEXT, username TEXT);
CREATE TABLE messages (msg_id TEXT PRIMARY KEY, thread_key TEXT, text TEXT, sender TEXT, timestamp_ms INTEGER,
  msg_type INTEGER, attachments TEXT, shares TEXT, snippet TEXT);
"""


def threads_db2(path: Path, *, uid: bool = True) -> None:
    """The older store: the owner (id 100, in a ``threads_db2-uid`` file beside it unless ``uid`` is False) and Dana; a
    message in, a reply out with a photo, a shared place, and one whose sender is not JSON."""
    import json

    conn = sqlite3.connect(path)
    with conn:
        conn.executescript(OLDER)
        conn.execute("INSERT INTO threads VALUES ('ONE_TO_ONE:200:100', NULL)")
        conn.executemany(
            "INSERT INTO thread_users (user_key, first_name, last_name, name) VALUES (?, ?, ?, ?)",
            [("FACEBOOK:100", "Sam", "Owner", "Sam Owner"), ("FACEBOOK:200", "Dana", "Whitcombe", "Dana Whitcombe")],
        )
        dana = json.dumps({"user_key": "FACEBOOK:200", "name": "Dana Whitcombe"})
        sam = json.dumps({"user_key": "FACEBOOK:100", "name": "Sam Owner"})
        rows = [
            ("m1", "Are you home? Flat 2, 14 Mill Lane", dana, WHEN, None, None),
            (
                "m2",
                "Yes, ring 07700 900123",
                sam,
                WHEN + 60_000,
                json.dumps([{"filename": "IMG_0042.jpg", "mime_type": "image/jpeg"}]),
                None,
            ),
            ("m3", None, dana, WHEN + 120_000, None, json.dumps([{"name": "The Crown Inn", "description": "12 High Street, Leeds"}])),
            ("m4", "who is this", "{not json", WHEN + 180_000, None, None),
        ]
        conn.executemany(
            "INSERT INTO messages (msg_id, thread_key, text, sender, timestamp_ms, msg_type, attachments, shares)"
            " VALUES (?, 'ONE_TO_ONE:200:100', ?, ?, ?, 0, ?, ?)",
            rows,
        )
    conn.close()
    if uid:
        path.with_name(f"{path.name}-uid").write_text("100\n", encoding="utf-8")


LIGHTSPEED = """
CREATE TABLE contacts (id INTEGER PRIMARY KEY, name TEXT, normalized_name_for_search TEXT, profile_picture_url TEXT,
  is_messenger_user INTEGER);
CREATE TABLE _user_info (facebook_user_id INTEGER);
CREATE TABLE client_messages (pk INTEGER PRIMARY KEY, thread_pk INTEGER, sender_contact_pk INTEGER, text TEXT,
  display_ts_ms INTEGER, message_content_type INTEGER);
CREATE TABLE client_attachments (message_pk INTEGER, filename TEXT, filesize INTEGER, content_token TEXT);
CREATE TABLE secure_messages (timestamp_ms INTEGER, thread_key INTEGER, sender_id INTEGER, text BLOB,
  secure_message_attachments_encrypted BLOB);
"""


def lightspeed_db(path: Path, *, owner: bool = True, secret: int = 0, extra: int = 0) -> None:
    """Messenger for iOS's ``lightspeed-userDatabases/<id>.db`` in the shape iLEAPP's artifact reads: the owner in
    ``_user_info`` (unless ``owner`` is False; the owner has no contact row) and Dana; end-to-end encrypted chat in
    ``client_messages``: Dana writes, the owner replies with a photo; ``secret`` encrypted secret-conversation messages;
    ``extra`` more from Dana."""
    conn = sqlite3.connect(path)
    with conn:
        conn.executescript(LIGHTSPEED)
        conn.execute("INSERT INTO contacts (id, name, is_messenger_user) VALUES (200, 'Dana Whitcombe', 1)")
        if owner:
            conn.execute("INSERT INTO _user_info VALUES (100)")
        rows = [
            (1, 7, 200, "Are you home? Flat 2, 14 Mill Lane", WHEN, 1),
            (2, 7, 100, "Yes, ring 07700 900123", WHEN + 60_000, 2),
        ] + [(10 + i, 7, 200, f"Message {i}", WHEN + 120_000 + i, 1) for i in range(extra)]
        conn.executemany("INSERT INTO client_messages VALUES (?, ?, ?, ?, ?, ?)", rows)
        conn.execute("INSERT INTO client_attachments VALUES (2, 'IMG_0042.jpg', 2048, 'tok')")
        conn.executemany("INSERT INTO secure_messages VALUES (?, 8, 200, ?, NULL)", [(WHEN + i, bytes(range(40))) for i in range(secret)])
    conn.close()
