"""WhatsApp for iOS's ``ContactsV2.sqlite`` and ``CallHistory.sqlite``, written by the tests with the tables and columns
a public test phone's stores have (rows invented). Times are seconds since 2001-01-01 UTC."""

from __future__ import annotations

import sqlite3
from pathlib import Path

WHEN = 730_915_007.0  # 2024-02-29T15:56:47Z
CONTACTS = """
CREATE TABLE ZWAADDRESSBOOKCONTACT (Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, Z_OPT INTEGER, ZABOUTTIMESTAMP TIMESTAMP,
  ZABOUTTEXT VARCHAR, ZFULLNAME VARCHAR, ZGIVENNAME VARCHAR, ZIDENTIFIER VARCHAR, ZLOCALIZEDPHONENUMBER VARCHAR,
  ZPHONENUMBER VARCHAR, ZPHONENUMBERLABEL VARCHAR, ZWHATSAPPID VARCHAR, ZDEVICELIST BLOB);
"""
CALLS = """
CREATE TABLE ZWAAGGREGATECALLEVENT (Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, Z_OPT INTEGER, ZINCOMING INTEGER,
  ZMISSED INTEGER, ZMISSEDREASON INTEGER, ZVIDEO INTEGER, ZFIRSTDATE TIMESTAMP, ZLINKTOKEN VARCHAR);
CREATE TABLE ZWACDCALLEVENT (Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, Z_OPT INTEGER, ZBYTESRECEIVED INTEGER,
  ZBYTESSENT INTEGER, ZOUTCOME INTEGER, Z1CALLEVENTS INTEGER, Z_FOK_1CALLEVENTS INTEGER, ZDATE TIMESTAMP, ZDURATION FLOAT,
  ZGROUPCALLCREATORUSERJIDSTRING VARCHAR, ZGROUPJIDSTRING VARCHAR, ZSCHEDULEDID VARCHAR);
CREATE TABLE ZWACDCALLEVENTPARTICIPANT (Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, Z_OPT INTEGER, ZOUTCOME INTEGER,
  Z1PARTICIPANTS INTEGER, Z_FOK_1PARTICIPANTS INTEGER, ZJIDSTRING VARCHAR);
"""
DANA = "447700900456@s.whatsapp.net"


def contacts_v2(path: Path, *, extra: int = 0) -> None:
    """Dana (a WhatsApp user with an "about" line) and Priya (a number only); ``extra`` more."""
    conn = sqlite3.connect(path)
    with conn:
        conn.executescript(CONTACTS)
        rows = [
            ("Dana Whitcombe", "Dana", "+44 7700 900456", "mobile", DANA, "at work till six"),
            ("Priya Raman", None, "07700 900789", "home", None, None),
        ] + [(f"Person {i}", None, f"07700 9{i:05d}", "mobile", None, None) for i in range(extra)]
        conn.executemany(
            "INSERT INTO ZWAADDRESSBOOKCONTACT (ZFULLNAME, ZGIVENNAME, ZPHONENUMBER, ZPHONENUMBERLABEL, ZWHATSAPPID, ZABOUTTEXT)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            rows,
        )
    conn.close()


def call_history(path: Path, *, extra: int = 0) -> None:
    """A voice call out to Dana, a missed video call from her; ``extra`` more calls in."""
    conn = sqlite3.connect(path)
    with conn:
        conn.executescript(CALLS)
        aggregates = [(1, 0, 0, 0), (2, 1, 1, 1)] + [(3 + i, 1, 0, 0) for i in range(extra)]
        conn.executemany("INSERT INTO ZWAAGGREGATECALLEVENT (Z_PK, ZINCOMING, ZMISSED, ZVIDEO) VALUES (?, ?, ?, ?)", aggregates)
        events = [(1, 0, 1, WHEN, 95.1), (2, 1, 2, WHEN + 600, 0.0)] + [(3 + i, 0, 3 + i, WHEN + 900 + i, 10.0) for i in range(extra)]
        conn.executemany("INSERT INTO ZWACDCALLEVENT (Z_PK, ZOUTCOME, Z1CALLEVENTS, ZDATE, ZDURATION) VALUES (?, ?, ?, ?, ?)", events)
        parties = [(n, DANA) for n in range(1, 3 + extra)]
        conn.executemany("INSERT INTO ZWACDCALLEVENTPARTICIPANT (Z1PARTICIPANTS, ZJIDSTRING) VALUES (?, ?)", parties)
    conn.close()
