"""iOS's ``voicemail.db`` written by the tests, with the tables and columns a public test phone's store has (rows
invented). ``date`` is in seconds since 1970 UTC."""

from __future__ import annotations

import sqlite3
from pathlib import Path

WHEN = 1_709_222_207  # 2024-02-29T15:56:47Z
SCHEMA = """
CREATE TABLE _SqliteDatabaseProperties (key TEXT, value TEXT, UNIQUE(key));
CREATE TABLE voicemail (ROWID INTEGER PRIMARY KEY AUTOINCREMENT, remote_uid INTEGER, date INTEGER, token TEXT,
  sender TEXT, callback_num TEXT, duration INTEGER, expiration INTEGER, trashed_date INTEGER, flags INTEGER,
  receiver TEXT, label TEXT);
CREATE TABLE deleted (ROWID INTEGER PRIMARY KEY AUTOINCREMENT, remote_uid INTEGER, date INTEGER, token TEXT,
  sender TEXT, callback_num TEXT, duration INTEGER, expiration INTEGER, trashed_date INTEGER, flags INTEGER,
  receiver TEXT, label TEXT);
"""


def voicemail_db(path: Path, *, extra: int = 0) -> None:
    """A voicemail from Dana's number, one moved to the bin, one deleted; ``extra`` more."""
    conn = sqlite3.connect(path)
    with conn:
        conn.executescript(SCHEMA)
        rows = [(WHEN, "+447700900456", "+447700900456", 23, None), (WHEN + 60, "07700900789", None, 5, 730_915_100)]
        rows += [(WHEN + 100 + i, "+447700900456", None, 3, None) for i in range(extra)]
        conn.executemany("INSERT INTO voicemail (date, sender, callback_num, duration, trashed_date) VALUES (?, ?, ?, ?, ?)", rows)
        conn.execute("INSERT INTO deleted (date, sender, duration) VALUES (?, '+447700900111', 8)", (WHEN - 600,))
    conn.close()
