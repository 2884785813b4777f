"""Android WhatsApp databases written by the tests: ``msgstore.db`` in its current layout (``message``, ``chat``,
``jid``, ``message_media``, ``message_location``) and its older one (``messages``, ``chat_list``), and ``wa.db``
(``wa_contacts``), with the columns the reader uses; nothing copied from a phone."""

from __future__ import annotations

import sqlite3
from pathlib import Path

JO, ALEX, GROUP = "447700900456@s.whatsapp.net", "447700900123@s.whatsapp.net", "447700900001-1700000000@g.us"
WHEN_MS = 1_709_221_007_000  # 2024-02-29T15:36:47Z

NEW = """
CREATE TABLE jid (_id INTEGER PRIMARY KEY AUTOINCREMENT, user TEXT NOT NULL, server TEXT NOT NULL, agent INTEGER,
  device INTEGER, type INTEGER, raw_string TEXT);
CREATE TABLE chat (_id INTEGER PRIMARY KEY AUTOINCREMENT, jid_row_id INTEGER UNIQUE, hidden INTEGER, subject TEXT,
  created_timestamp INTEGER);
CREATE TABLE message (_id INTEGER PRIMARY KEY AUTOINCREMENT, chat_row_id INTEGER NOT NULL, from_me INTEGER NOT NULL,
  key_id TEXT NOT NULL, sender_jid_row_id INTEGER, status INTEGER, timestamp INTEGER, received_timestamp INTEGER,
  message_type INTEGER, text_data TEXT, starred INTEGER);
CREATE TABLE message_media (message_row_id INTEGER PRIMARY KEY, chat_row_id INTEGER, file_path TEXT, file_size INTEGER,
  mime_type TEXT, media_name TEXT);
CREATE TABLE message_location (message_row_id INTEGER PRIMARY KEY, chat_row_id INTEGER, latitude REAL, longitude REAL,
  place_name TEXT, place_address TEXT);
"""
OLD = """
CREATE TABLE messages (_id INTEGER PRIMARY KEY AUTOINCREMENT, key_remote_jid TEXT NOT NULL, key_from_me INTEGER,
  key_id TEXT NOT NULL, status INTEGER, needs_push INTEGER, data TEXT, timestamp INTEGER, media_url TEXT,
  media_mime_type TEXT, media_wa_type TEXT, media_size INTEGER, media_name TEXT, media_caption TEXT, latitude REAL,
  longitude REAL, remote_resource TEXT);
CREATE TABLE chat_list (_id INTEGER PRIMARY KEY AUTOINCREMENT, key_remote_jid TEXT UNIQUE, subject TEXT);
"""
CONTACTS = """CREATE TABLE wa_contacts (_id INTEGER PRIMARY KEY AUTOINCREMENT, jid TEXT NOT NULL, is_whatsapp_user BOOLEAN,
  status TEXT, number TEXT, display_name TEXT, wa_name TEXT)"""

# text, from me, sender (None: the chat's partner), chat (1: Jo, 2: the group), type
MESSAGES = [
    ("I'm outside Flat 2, 14 Mill Lane", 0, None, 1, 0),
    ("Coming down now", 1, None, 1, 0),
    (None, 0, None, 1, 5),  # a location
    ("the photo from Saturday", 0, ALEX, 2, 1),
    ("Saturday still on?", 0, ALEX, 2, 0),
]


def msgstore(path: Path, *, extra: int = 0) -> None:
    """The current layout: a chat with Jo (three messages, one a location) and a group "Flat 2 lot" where Alex sends a
    photo with a caption and a message; ``extra`` more from Jo."""
    conn = sqlite3.connect(path)
    with conn:
        conn.executescript(NEW)
        conn.executemany(
            "INSERT INTO jid (_id, user, server, raw_string) VALUES (?, ?, ?, ?)",
            [
                (1, "447700900456", "s.whatsapp.net", JO),
                (2, "447700900123", "s.whatsapp.net", ALEX),
                (3, "447700900001-1700000000", "g.us", GROUP),
            ],
        )
        conn.executemany("INSERT INTO chat (_id, jid_row_id, subject) VALUES (?, ?, ?)", [(1, 1, None), (2, 3, "Flat 2 lot")])
        rows = [
            (i + 1, chat, me, f"k{i}", 2 if sender == ALEX else None, WHEN_MS + 60_000 * i, kind, text)
            for i, (text, me, sender, chat, kind) in enumerate(MESSAGES)
        ]
        rows += [(6 + i, 1, 0, f"x{i}", None, WHEN_MS + 600_000 + i, 0, f"Message {i} from Jo") for i in range(extra)]
        conn.executemany(
            "INSERT INTO message (_id, chat_row_id, from_me, key_id, sender_jid_row_id, timestamp, message_type, text_data) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        conn.execute("INSERT INTO message_location VALUES (3, 1, 50.7184, -3.5339, 'Exeter Central', NULL)")
        conn.execute("INSERT INTO message_media VALUES (4, 2, 'Media/WhatsApp Images/IMG-20240229-WA0001.jpg', 2048, 'image/jpeg', NULL)")
    conn.close()


def msgstore_old(path: Path) -> None:
    """The older layout, the same conversation (and the placeholder row the app keeps)."""
    conn = sqlite3.connect(path)
    with conn:
        conn.executescript(OLD)
        conn.execute("INSERT INTO messages (_id, key_remote_jid, key_from_me, key_id, status) VALUES (1, '-1', 0, '-1', -1)")
        for i, (text, me, sender, chat, kind) in enumerate(MESSAGES):
            jid = JO if chat == 1 else GROUP
            conn.execute(
                "INSERT INTO messages (key_remote_jid, key_from_me, key_id, data, timestamp, media_wa_type, media_name, media_caption,"
                " latitude, longitude, remote_resource) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    jid, me, f"k{i}", None if kind == 1 else text, WHEN_MS + 60_000 * i, str(kind),
                    "IMG-20240229-WA0001.jpg" if kind == 1 else None, text if kind == 1 else None,
                    50.7184 if kind == 5 else None, -3.5339 if kind == 5 else None, sender,
                ),
            )  # fmt: skip
        conn.execute("INSERT INTO chat_list (key_remote_jid, subject) VALUES (?, 'Flat 2 lot')", (GROUP,))
    conn.close()


def wa_db(path: Path) -> None:
    """Jo and Alex by name, and the group (not a person)."""
    conn = sqlite3.connect(path)
    with conn:
        conn.execute(CONTACTS)
        conn.executemany(
            "INSERT INTO wa_contacts (jid, number, display_name, status) VALUES (?, ?, ?, ?)",
            [
                (JO, "07700 900456", "Jo Example", "Hey there!"),
                (ALEX, "07700 900123", "Alex Witness", None),
                (GROUP, None, "Flat 2 lot", None),
            ],
        )
    conn.close()
