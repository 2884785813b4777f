"""Call log databases written by the tests: Android's ``calls`` table (``calllog.db``) and iOS ``CallHistory.storedata``
(``ZCALLRECORD``), with the columns the reader uses, in their documented layouts; nothing copied from a phone."""

from __future__ import annotations

import sqlite3
from pathlib import Path

ANDROID = """CREATE TABLE calls (_id INTEGER PRIMARY KEY AUTOINCREMENT, number TEXT, presentation INTEGER NOT NULL DEFAULT 1,
  date INTEGER, duration INTEGER, type INTEGER, new INTEGER, name TEXT, numbertype INTEGER, countryiso TEXT,
  geocoded_location TEXT)"""
IOS = """CREATE TABLE ZCALLRECORD (Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, ZANSWERED INTEGER, ZCALLTYPE INTEGER,
  ZORIGINATED INTEGER, ZDATE TIMESTAMP, ZDURATION FLOAT, ZADDRESS VARCHAR, ZNAME VARCHAR, ZSERVICE_PROVIDER VARCHAR)"""
WHEN_MS = 1_709_221_007_000  # 2024-02-29T15:36:47Z
APPLE = 730_915_007  # 2024-02-29T15:56:47Z


def calls_table(conn: sqlite3.Connection, extra: int = 0) -> None:
    conn.execute(ANDROID)
    rows = [
        (1, "07700 900456", WHEN_MS, 125, 1, "Jo Example", "Exeter"),
        (2, "+447700900123", WHEN_MS + 600_000, 0, 3, None, None),
        (3, "07700 900456", WHEN_MS + 900_000, 42, 2, "Jo Example", None),
    ] + [(4 + i, f"07700 9{i:05d}", WHEN_MS + i, 10, 1, None, None) for i in range(extra)]
    conn.executemany("INSERT INTO calls (_id, number, date, duration, type, name, geocoded_location) VALUES (?, ?, ?, ?, ?, ?, ?)", rows)


def calllog_db(path: Path, *, extra: int = 0) -> None:
    """Android: a call from Jo (2 min 5 s), a missed call from an unsaved number, a call to Jo; ``extra`` more."""
    conn = sqlite3.connect(path)
    with conn:
        calls_table(conn, extra)
    conn.close()


def callhistory(path: Path) -> None:
    """iOS: a call from Jo (answered), a FaceTime audio call to Alex, a missed call from a number kept as bytes."""
    conn = sqlite3.connect(path)
    with conn:
        conn.execute(IOS)
        rows = [
            (1, 1, 1, 0, APPLE, 125.4, "07700 900456", "Jo Example"),
            (2, 1, 16, 1, APPLE + 600, 60.0, "alex.example@example.com", None),
            (3, 0, 1, 0, APPLE + 900, 0.0, b"+447700900123", None),
        ]
        conn.executemany(
            "INSERT INTO ZCALLRECORD (Z_PK, ZANSWERED, ZCALLTYPE, ZORIGINATED, ZDATE, ZDURATION, ZADDRESS, ZNAME) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
    conn.close()
