"""Address book databases written by the tests: iOS ``AddressBook.sqlitedb`` and Android ``contacts2.db``, with the
tables and columns the reader uses, in their documented layouts; nothing copied from a phone."""

from __future__ import annotations

import sqlite3
from pathlib import Path

IOS_SCHEMA = """
CREATE TABLE ABPerson (ROWID INTEGER PRIMARY KEY AUTOINCREMENT, First TEXT, Last TEXT, Middle TEXT, FirstPhonetic TEXT,
  Organization TEXT, Department TEXT, Note TEXT, Kind INTEGER, Birthday TEXT, JobTitle TEXT, Nickname TEXT, Prefix TEXT,
  Suffix TEXT);
CREATE TABLE ABMultiValue (UID INTEGER PRIMARY KEY, record_id INTEGER, property INTEGER, identifier INTEGER, label INTEGER,
  value TEXT);
CREATE TABLE ABMultiValueLabel (value TEXT, UNIQUE(value));
CREATE TABLE ABMultiValueEntry (parent_id INTEGER, key INTEGER, value TEXT, UNIQUE(parent_id, key));
CREATE TABLE ABMultiValueEntryKey (value TEXT, UNIQUE(value));
"""
ANDROID_SCHEMA = """
CREATE TABLE mimetypes (_id INTEGER PRIMARY KEY AUTOINCREMENT, mimetype TEXT NOT NULL);
CREATE TABLE raw_contacts (_id INTEGER PRIMARY KEY AUTOINCREMENT, account_id INTEGER, deleted INTEGER NOT NULL DEFAULT 0,
  display_name TEXT, display_name_alt TEXT, starred INTEGER DEFAULT 0);
CREATE TABLE data (_id INTEGER PRIMARY KEY AUTOINCREMENT, mimetype_id INTEGER NOT NULL, raw_contact_id INTEGER NOT NULL,
  is_primary INTEGER DEFAULT 0, data1 TEXT, data2 TEXT, data3 TEXT, data4 TEXT, data15 TEXT);
"""
MIMETYPES = ["name", "phone_v2", "email_v2", "postal-address_v2", "nickname", "note", "organization"]


def address_book(path: Path, *, extra: int = 0) -> None:
    """iOS: Jo Example (mobile, e-mail, home address, nickname "Jojo") and Dr Alex Witness (work number, a note);
    ``extra`` more contacts "Person N" with a number each."""
    conn = sqlite3.connect(path)
    with conn:
        conn.executescript(IOS_SCHEMA)
        conn.executemany(
            "INSERT INTO ABMultiValueLabel (ROWID, value) VALUES (?, ?)", [(1, "_$!<Mobile>!$_"), (2, "_$!<Home>!$_"), (3, "_$!<Work>!$_")]
        )
        conn.executemany(
            "INSERT INTO ABMultiValueEntryKey (ROWID, value) VALUES (?, ?)", [(1, "Street"), (2, "City"), (3, "ZIP"), (4, "Country")]
        )
        conn.execute("INSERT INTO ABPerson (ROWID, First, Last, Nickname) VALUES (1, 'Jo', 'Example', 'Jojo')")
        conn.execute(
            "INSERT INTO ABPerson (ROWID, Prefix, First, Last, Organization, Note) VALUES (2, 'Dr', 'Alex', 'Witness', 'Example Surgery', 'met at the gym')"
        )
        conn.executemany(
            "INSERT INTO ABMultiValue (UID, record_id, property, label, value) VALUES (?, ?, ?, ?, ?)",
            [(1, 1, 3, 1, "07700 900456"), (2, 1, 4, 2, "jo.example@example.com"), (3, 1, 5, 2, None), (4, 2, 3, 3, "+44 20 7946 0123")],
        )
        conn.executemany(
            "INSERT INTO ABMultiValueEntry VALUES (3, ?, ?)",
            [(1, "Flat 2, 14 Mill Lane"), (2, "Exeter"), (3, "EX1 1AA"), (4, "United Kingdom")],
        )
        for i in range(extra):
            conn.execute("INSERT INTO ABPerson (ROWID, First, Last) VALUES (?, 'Person', ?)", (3 + i, str(i)))
            conn.execute(
                "INSERT INTO ABMultiValue (UID, record_id, property, label, value) VALUES (?, ?, 3, 1, ?)",
                (5 + i, 3 + i, f"07700 9{i:05d}"),
            )
    conn.close()


def contacts2(path: Path) -> None:
    """Android: Jo Example (given name Jo, mobile, e-mail, address, nickname), Alex Witness (work number, a note) and a
    contact deleted on the phone (Sam Gone, a number)."""
    conn = sqlite3.connect(path)
    with conn:
        conn.executescript(ANDROID_SCHEMA)
        conn.executemany("INSERT INTO mimetypes VALUES (?, ?)", [(i + 1, f"vnd.android.cursor.item/{m}") for i, m in enumerate(MIMETYPES)])
        conn.executemany(
            "INSERT INTO raw_contacts (_id, display_name, deleted) VALUES (?, ?, ?)",
            [(1, "Jo Example", 0), (2, "Alex Witness", 0), (3, "Sam Gone", 1)],
        )
        rows = [
            (1, 1, "Jo Example", "Jo", "Example"),
            (2, 1, "07700 900456", "2", None),
            (3, 1, "jo.example@example.com", "1", None),
            (4, 1, "Flat 2, 14 Mill Lane, Exeter EX1 1AA", "1", None),
            (5, 1, "Jojo", "1", None),
            (1, 2, "Alex Witness", "Alex", "Witness"),
            (2, 2, "+44 20 7946 0123", "3", None),
            (6, 2, "met at the gym", None, None),
            (2, 3, "07700 900789", "2", None),
        ]
        conn.executemany("INSERT INTO data (mimetype_id, raw_contact_id, data1, data2, data3) VALUES (?, ?, ?, ?, ?)", rows)
    conn.close()
