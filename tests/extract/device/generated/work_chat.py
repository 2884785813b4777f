"""LINE, Skype and Teams stores written by the tests, with the tables and columns the readers use, in the shape ALEAPP's
LINE, Skype and Teams artifacts read them. Times are milliseconds since 1970 UTC. Nothing here is copied from a phone."""

from __future__ import annotations

import sqlite3
from pathlib import Path

WHEN = 1_709_222_207_000  # 2024-02-29T15:56:47Z
LINE = """
CREATE TABLE contacts (m_id TEXT PRIMARY KEY, name TEXT, server_name TEXT, addressbook_name TEXT, custom_name TEXT);
CREATE TABLE chat (chat_id TEXT PRIMARY KEY, chat_name TEXT, owner_mid TEXT);
CREATE TABLE groups (id TEXT PRIMARY KEY, name TEXT);
CREATE TABLE chat_history (id INTEGER PRIMARY KEY, server_id TEXT, type INTEGER, chat_id TEXT, from_mid TEXT,
  content TEXT, created_time TEXT, delivered_time INTEGER, status INTEGER, attachement_image INTEGER,
  attachement_type INTEGER, attachement_local_uri TEXT, location_name TEXT, location_address TEXT, location_phone TEXT,
  location_latitude INTEGER, location_longitude INTEGER);
"""
LINE_CALLS = """
CREATE TABLE call_history (_id INTEGER PRIMARY KEY, caller_mid TEXT, call_type TEXT, start_time INTEGER,
  end_time INTEGER, voip_type TEXT, voip_gc_media_type TEXT);
"""
SKYPE = """
CREATE TABLE person (entry_id TEXT PRIMARY KEY, first_name TEXT, last_name TEXT, mood TEXT);
CREATE TABLE particiapnt (conversation_id TEXT, person_id TEXT);
CREATE TABLE chatitem (conversation_link TEXT, person_id TEXT, is_sender_me INTEGER, content TEXT, time INTEGER,
  message_type INTEGER, duration INTEGER, device_gallery_path TEXT);
"""
TEAMS = """
CREATE TABLE User (mri TEXT PRIMARY KEY, displayName TEXT, givenName TEXT, surname TEXT, email TEXT,
  telephoneNumber TEXT, homeNumber TEXT, lastSyncTime INTEGER);
CREATE TABLE Conversation (conversationId TEXT PRIMARY KEY, displayName TEXT);
CREATE TABLE Message (messageId TEXT, conversationId TEXT, userDisplayName TEXT, content TEXT, arrivalTime INTEGER,
  deleteTime INTEGER, messageType TEXT);
"""


def naver_line(path: Path, *, extra: int = 0) -> None:
    """Dana (a contact) and a group "Book club" where Priya writes: a message in, a reply out with a photo, a shared
    place, a group message; ``extra`` more messages from Dana."""
    conn = sqlite3.connect(path)
    with conn:
        conn.executescript(LINE)
        conn.executemany(
            "INSERT INTO contacts (m_id, name, server_name, custom_name) VALUES (?, ?, ?, ?)",
            [("u1dana", "Dana W", "Dana Whitcombe", None), ("u2priya", "Priya Raman", None, None)],
        )
        conn.execute("INSERT INTO groups (id, name) VALUES ('c9book', 'Book club')")
        rows = [
            (1, "u1dana", "u1dana", "Are you home? Flat 2, 14 Mill Lane", str(WHEN), 1, None, None, None, None),
            (2, "u1dana", None, "Yes, ring 07700 900123", str(WHEN + 60_000), 2, 1, "/sdcard/LINE/IMG_0042.jpg", None, None),
            (3, "u1dana", None, None, str(WHEN + 90_000), 2, None, None, "Hollins Road surgery", "3 Hollins Road, Leeds"),
            (4, "c9book", "u2priya", "Meet at the station at six", str(WHEN + 120_000), 1, None, None, None, None),
        ] + [(100 + i, "u1dana", "u1dana", f"Message {i}", str(WHEN + 200_000 + i), 1, None, None, None, None) for i in range(extra)]
        conn.executemany(
            "INSERT INTO chat_history (id, chat_id, from_mid, content, created_time, status, attachement_type,"
            " attachement_local_uri, location_name, location_address) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
    conn.close()


def line_calls(path: Path, *, extra: int = 0) -> None:
    """A call in from Dana, a video call out to Priya; ``extra`` more calls in."""
    conn = sqlite3.connect(path)
    with conn:
        conn.executescript(LINE_CALLS)
        rows = [("u1dana", "PI", WHEN, WHEN + 83_000, "A"), ("u2priya", "PO", WHEN + 600_000, WHEN + 610_000, "V")]
        rows += [("u1dana", "PI", WHEN + 700_000 + i, WHEN + 710_000 + i, "A") for i in range(extra)]
        conn.executemany("INSERT INTO call_history (caller_mid, call_type, start_time, end_time, voip_type) VALUES (?, ?, ?, ?, ?)", rows)
    conn.close()


def skype_live(path: Path, *, extra: int = 0) -> None:
    """Dana (a contact): a message in, a reply out with a photo, a call; a group chat with Priya."""
    conn = sqlite3.connect(path)
    with conn:
        conn.executescript(SKYPE)
        conn.executemany(
            "INSERT INTO person VALUES (?, ?, ?, ?)",
            [("8:dana.whitcombe", "Dana", "Whitcombe", None), ("8:priya.r", "Priya", "Raman", None)],
        )
        conn.executemany(
            "INSERT INTO particiapnt VALUES (?, ?)", [("19:grp@thread.skype", "8:priya.r"), ("19:grp@thread.skype", "8:dana.whitcombe")]
        )
        rows = [
            ("8:dana.whitcombe", "8:dana.whitcombe", 0, "Are you home? Flat 2, 14 Mill Lane", WHEN, 1, None, None),
            ("8:dana.whitcombe", None, 1, "Yes, ring 07700 900123", WHEN + 60_000, 1, None, "/sdcard/DCIM/IMG_0042.jpg"),
            ("8:dana.whitcombe", "8:dana.whitcombe", 0, None, WHEN + 90_000, 3, 83, None),
            ("19:grp@thread.skype", "8:priya.r", 0, "Meet at the station at six", WHEN + 120_000, 1, None, None),
        ] + [("8:dana.whitcombe", "8:dana.whitcombe", 0, f"Message {i}", WHEN + 200_000 + i, 1, None, None) for i in range(extra)]
        conn.executemany("INSERT INTO chatitem VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
    conn.close()


def skype_teams(path: Path, *, extra: int = 0) -> None:
    """Two users, a named chat and a one-to-one chat; HTML messages, one deleted."""
    conn = sqlite3.connect(path)
    with conn:
        conn.executescript(TEAMS)
        conn.executemany(
            "INSERT INTO User (mri, displayName, givenName, surname, email, telephoneNumber) VALUES (?, ?, ?, ?, ?, ?)",
            [
                ("8:orgid:aaaa", "Dana Whitcombe", "Dana", "Whitcombe", "dana.whitcombe@example.com", "+44 7700 900456"),
                ("8:orgid:bbbb", "Priya Raman", "Priya", "Raman", "priya.raman@example.com", None),
            ],
        )
        conn.execute("INSERT INTO Conversation VALUES ('19:chat1@thread.v2', 'Late shift')")
        rows = [
            ("m1", "19:chat1@thread.v2", "Dana Whitcombe", "<div>Are you at <b>14 Mill Lane</b>?</div>", WHEN, None),
            ("m2", "19:chat1@thread.v2", "Priya Raman", '<p>ring <a href="tel:07700900123">me</a></p>', WHEN + 60_000, None),
            ("m3", "19:oneone@unq.gbl.spaces", "Dana Whitcombe", "plain words", WHEN + 90_000, WHEN + 95_000),
        ] + [(f"x{i}", "19:chat1@thread.v2", "Dana Whitcombe", f"<div>Message {i}</div>", WHEN + 200_000 + i, None) for i in range(extra)]
        conn.executemany(
            "INSERT INTO Message (messageId, conversationId, userDisplayName, content, arrivalTime, deleteTime) VALUES (?, ?, ?, ?, ?, ?)",
            rows,
        )
    conn.close()


TEAMS_IOS = """
CREATE TABLE ZUSER (Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, ZTSID VARCHAR, ZDISPLAYNAME VARCHAR, ZGIVENNAME VARCHAR,
  ZSURNAME VARCHAR, ZMAIL VARCHAR, ZTELEPHONENUMBER VARCHAR, ZMOBILE VARCHAR, ZHOMENUMBER VARCHAR);
CREATE TABLE ZTHREAD (Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, ZTSID VARCHAR, ZTHREADTOPIC VARCHAR, ZTHREADTYPE VARCHAR);
CREATE TABLE ZSMESSAGE (Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, ZTS_ISSENTBYME INTEGER, ZTS_ISSOFTDELETED INTEGER,
  ZARRIVALTIME TIMESTAMP, ZCONTENT VARCHAR, ZDELETETIME VARCHAR, ZFROM VARCHAR, ZIMDISPLAYNAME VARCHAR,
  ZSUBJECT VARCHAR, ZTHREADID VARCHAR, ZFILES BLOB);
"""
APPLE_WHEN = 730_915_007.0  # 2024-02-29T15:56:47Z in seconds since 2001-01-01


def teams_ios(path: Path, *, extra: int = 0) -> None:
    """Teams for iOS's Core Data store (the tables and columns of a public test phone's, with invented rows): Dana
    writes in a named chat, the owner replies, a deleted message; ``extra`` more from Dana."""
    conn = sqlite3.connect(path)
    with conn:
        conn.executescript(TEAMS_IOS)
        conn.execute(
            "INSERT INTO ZUSER (ZTSID, ZDISPLAYNAME, ZMAIL, ZMOBILE) VALUES "
            "('8:orgid:aaaa', 'Dana Whitcombe', 'dana.whitcombe@example.com', '+44 7700 900456')"
        )
        conn.execute("INSERT INTO ZTHREAD (ZTSID, ZTHREADTOPIC) VALUES ('19:chat1@thread.v2', 'Late shift')")
        rows = [
            (
                0,
                None,
                APPLE_WHEN,
                "<div>Are you at <b>14 Mill Lane</b>?</div>",
                None,
                "8:orgid:aaaa",
                "Dana Whitcombe",
                "19:chat1@thread.v2",
            ),
            (
                1,
                None,
                APPLE_WHEN + 60,
                '<p>ring <a href="tel:07700900123">me</a></p>',
                None,
                "8:orgid:zzzz",
                "Sam Owner",
                "19:chat1@thread.v2",
            ),
            (0, 1, APPLE_WHEN + 90, "gone", "1709222300000", "8:orgid:aaaa", "Dana Whitcombe", "19:oneone@unq.gbl.spaces"),
        ] + [
            (0, None, APPLE_WHEN + 200 + i, f"<div>Message {i}</div>", None, "8:orgid:aaaa", "Dana Whitcombe", "19:chat1@thread.v2")
            for i in range(extra)
        ]
        conn.executemany(
            "INSERT INTO ZSMESSAGE (ZTS_ISSENTBYME, ZTS_ISSOFTDELETED, ZARRIVALTIME, ZCONTENT, ZDELETETIME, ZFROM, ZIMDISPLAYNAME,"
            " ZTHREADID) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
    conn.close()
