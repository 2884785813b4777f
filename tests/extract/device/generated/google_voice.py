"""Google Voice for iOS's ``threadingStore.sqlite`` written by the tests, with the columns the reader uses in the
layout of a public test phone's store (iLEAPP's test data). Nothing here is copied from a phone."""

from __future__ import annotations

import sqlite3
from pathlib import Path

OWNER, DANA, PRIYA = "+447700900001", "+447700900456", "+447700900789"
WHEN = 1_709_222_207.0  # 2024-02-29T15:56:47Z
SCHEMA = """
CREATE TABLE Thread (threadKey TEXT NOT NULL, threadType INTEGER NOT NULL, isUnread INTEGER NOT NULL, isText INTEGER NOT NULL,
  timestamp REAL NOT NULL, syncTimestamp REAL, isDeleted INTEGER NOT NULL, groupName TEXT, PRIMARY KEY(threadKey, threadType));
CREATE TABLE ThreadParticipant (phoneNumberE164 TEXT NOT NULL, threadKey TEXT NOT NULL, threadType INTEGER NOT NULL);
CREATE TABLE ThreadItem (threadItemKey TEXT NOT NULL, threadFragmentID TEXT, threadItemType INTEGER NOT NULL, sortID INTEGER NOT NULL,
  isUnread INTEGER NOT NULL, messageText TEXT, senderPhoneNumber TEXT, isDeleted INTEGER NOT NULL, duration REAL,
  timestamp REAL NOT NULL, itemType TEXT, threadKey TEXT, threadType INTEGER);
CREATE TABLE Transcript (threadItemKey TEXT NOT NULL, threadItemType INTEGER NOT NULL, text TEXT NOT NULL, confidence REAL NOT NULL,
  status INTEGER NOT NULL);
"""


def threading_store(path: Path, *, extra: int = 0) -> None:
    """A thread with Dana (a text in, a reply out, a missed call, a transcribed voicemail) and a group thread with Dana
    and Priya (a text out); ``extra`` more texts from Dana."""
    conn = sqlite3.connect(path)
    with conn:
        conn.executescript(SCHEMA)
        conn.executemany("INSERT INTO Thread VALUES (?, 1, 0, 1, ?, NULL, 0, ?)", [("t.dana", WHEN, None), ("t.group", WHEN, "Saturday")])
        conn.executemany("INSERT INTO ThreadParticipant VALUES (?, ?, 1)", [(DANA, "t.dana"), (DANA, "t.group"), (PRIYA, "t.group")])
        items = [
            ("k1", "Are you home? Flat 2, 14 Mill Lane", DANA, None, WHEN, "SmsIn", "t.dana"),
            ("k2", "Yes, ring 07700 900123", OWNER, None, WHEN + 60, "SmsOut", "t.dana"),
            ("k3", "", DANA, 0.0, WHEN + 120, "MissedCall", "t.dana"),
            ("k4", "", DANA, 34.0, WHEN + 180, "Voicemail", "t.dana"),
            ("k5", "See you both at 8", OWNER, None, WHEN + 240, "SmsOut", "t.group"),
        ] + [(f"x{i}", f"Message {i}", DANA, None, WHEN + 300 + i, "SmsIn", "t.dana") for i in range(extra)]
        conn.executemany(
            "INSERT INTO ThreadItem (threadItemKey, threadItemType, sortID, isUnread, messageText, senderPhoneNumber, isDeleted,"
            " duration, timestamp, itemType, threadKey, threadType) VALUES (?, 1, 0, 0, ?, ?, 0, ?, ?, ?, ?, 1)",
            items,
        )
        conn.execute("INSERT INTO Transcript VALUES ('k4', 1, 'Hi it is Dana, call me back on 07700 900456', 0.9, 1)")
    conn.close()
