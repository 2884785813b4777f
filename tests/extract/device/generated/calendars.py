"""Calendar databases written by the tests, in the shape of Android's calendar provider (``calendar.db``) and iOS
``Calendar.sqlitedb`` (the tables and columns the reader uses). Nothing here is copied from a real phone."""

from __future__ import annotations

import sqlite3
from pathlib import Path

ANDROID_WHEN = 1_709_222_207_000  # 2024-02-29T15:56:47Z, milliseconds since 1970
IOS_WHEN = 730_915_007.0  # the same instant, seconds since 2001-01-01
DANA, DANA_MAIL = "Dana Whitcombe", "dana.whitcombe@example.com"


def calendar_db(path: Path, system: str, *, extra: int = 0) -> None:
    """Two events: a meeting at a place with Dana as attendee, and a deleted (Android) or all-day (iOS) one; ``extra``
    more plain events."""
    conn = sqlite3.connect(path)
    with conn:
        if system == "android":
            conn.executescript(
                "CREATE TABLE Calendars (_id INTEGER PRIMARY KEY, account_name TEXT, calendar_displayName TEXT);"
                "CREATE TABLE Events (_id INTEGER PRIMARY KEY AUTOINCREMENT, calendar_id INTEGER NOT NULL, title TEXT,"
                " eventLocation TEXT, description TEXT, dtstart INTEGER, dtend INTEGER, allDay INTEGER NOT NULL DEFAULT 0,"
                " organizer TEXT, deleted INTEGER NOT NULL DEFAULT 0);"
                "CREATE TABLE Attendees (_id INTEGER PRIMARY KEY AUTOINCREMENT, event_id INTEGER, attendeeName TEXT,"
                " attendeeEmail TEXT, attendeeStatus INTEGER);"
            )
            conn.execute("INSERT INTO Calendars VALUES (1, 'owner@example.com', 'Personal')")
            events = [
                (
                    1,
                    1,
                    "Coffee with Dana",
                    "Flat 2, 14 Mill Lane, Leeds LS6 2QF",
                    "bring the letters",
                    ANDROID_WHEN,
                    ANDROID_WHEN + 3_600_000,
                    0,
                    "owner@example.com",
                    0,
                ),
                (2, 1, "Dentist", None, None, ANDROID_WHEN + 86_400_000, None, 0, None, 1),
            ] + [(3 + i, 1, f"Gym {i}", None, None, ANDROID_WHEN + i, None, 0, None, 0) for i in range(extra)]
            conn.executemany("INSERT INTO Events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", events)
            conn.execute("INSERT INTO Attendees VALUES (1, 1, ?, ?, 1)", (DANA, DANA_MAIL))
        else:
            conn.executescript(
                "CREATE TABLE Calendar (ROWID INTEGER PRIMARY KEY AUTOINCREMENT, title TEXT);"
                "CREATE TABLE Location (ROWID INTEGER PRIMARY KEY AUTOINCREMENT, title TEXT, address TEXT);"
                "CREATE TABLE Identity (ROWID INTEGER PRIMARY KEY AUTOINCREMENT, display_name TEXT, address TEXT);"
                "CREATE TABLE Participant (ROWID INTEGER PRIMARY KEY AUTOINCREMENT, owner_id INTEGER, email TEXT,"
                " phone_number TEXT, identity_id INTEGER);"
                "CREATE TABLE CalendarItem (ROWID INTEGER PRIMARY KEY AUTOINCREMENT, summary TEXT, location_id INTEGER,"
                " description TEXT, start_date REAL, end_date REAL, all_day INTEGER, calendar_id INTEGER);"
            )
            conn.execute("INSERT INTO Calendar VALUES (1, 'Home')")
            conn.execute("INSERT INTO Location VALUES (1, 'Dana''s', 'Flat 2, 14 Mill Lane, Leeds LS6 2QF')")
            conn.execute("INSERT INTO Identity VALUES (1, ?, ?)", (DANA, "mailto:" + DANA_MAIL))
            conn.execute("INSERT INTO Participant VALUES (1, 1, ?, NULL, 1)", (DANA_MAIL,))
            items = [
                (1, "Coffee with Dana", 1, "bring the letters", IOS_WHEN, IOS_WHEN + 3600, 0, 1),
                (2, "Dentist", None, None, IOS_WHEN + 86_400, IOS_WHEN + 90_000, 1, 1),
            ] + [(3 + i, f"Gym {i}", None, None, IOS_WHEN + i, None, 0, 1) for i in range(extra)]
            conn.executemany("INSERT INTO CalendarItem VALUES (?, ?, ?, ?, ?, ?, ?, ?)", items)
    conn.close()
