"""iOS app stores written by the tests: Kik's ``kik.sqlite``, Viber's ``Contacts.data`` and Tinder's
``Tinder2.sqlite`` (Core Data stores), with the tables and columns the readers use, in the shape iLEAPP's Kik, Viber and
Tinder artifacts read them. Times are seconds since 2001-01-01 UTC. Nothing here is copied from a real phone."""

from __future__ import annotations

import sqlite3
from pathlib import Path

WHEN = 730_915_007.0  # 2024-02-29T15:56:47Z in seconds since 2001-01-01
KIK = """
CREATE TABLE ZKIKUSER (Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, ZDISPLAYNAME TEXT, ZUSERNAME TEXT, ZJID TEXT, ZEMAIL TEXT,
  ZFIRSTNAME TEXT, ZLASTNAME TEXT, ZGROUPTAG TEXT, ZPPURL TEXT);
CREATE TABLE ZKIKMESSAGE (Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, ZBODY TEXT, ZTYPE INTEGER, ZUSER INTEGER,
  ZTIMESTAMP TIMESTAMP, ZRECEIVEDTIMESTAMP TIMESTAMP, ZSTATE INTEGER);
CREATE TABLE ZKIKATTACHMENT (Z_PK INTEGER PRIMARY KEY, ZMESSAGE INTEGER, ZCONTENT TEXT);
"""
VIBER = """
CREATE TABLE ZMEMBER (Z_PK INTEGER PRIMARY KEY, ZDISPLAYFULLNAME TEXT, ZDISPLAYSHORTNAME TEXT, ZNAME TEXT);
CREATE TABLE ZPHONENUMBER (Z_PK INTEGER PRIMARY KEY, ZMEMBER INTEGER, ZPHONE TEXT, ZCANONIZEDPHONENUM TEXT);
CREATE TABLE ZCONVERSATION (Z_PK INTEGER PRIMARY KEY, ZNAME TEXT, ZINTERLOCUTOR INTEGER, ZBEINGDELETED INTEGER);
CREATE TABLE ZATTACHMENT (Z_PK INTEGER PRIMARY KEY, ZNAME TEXT, ZTYPE TEXT, ZFILESIZE INTEGER);
CREATE TABLE ZVIBERMESSAGE (Z_PK INTEGER PRIMARY KEY, ZCONVERSATION INTEGER, ZPHONENUMINDEX INTEGER, ZTEXT TEXT,
  ZDATE TIMESTAMP, ZSTATEDATE TIMESTAMP, ZSTATE TEXT, ZSYSTEMTYPE TEXT, ZATTACHMENT INTEGER, ZLOCATION INTEGER,
  ZBEINGDELETED INTEGER);
"""
TINDER = """
CREATE TABLE ZUSER (Z_PK INTEGER PRIMARY KEY, ZUSERID TEXT, ZFIRSTNAME TEXT, ZISCURRENTUSER INTEGER, ZBIO TEXT);
CREATE TABLE ZMATCH (Z_PK INTEGER PRIMARY KEY, ZMATCHID TEXT, ZUSER INTEGER, ZCREATED TIMESTAMP);
CREATE TABLE ZMESSAGE (Z_PK INTEGER PRIMARY KEY, ZMATCH INTEGER, ZFROMUSERID TEXT, ZTEXT TEXT, ZCREATED TIMESTAMP,
  ZCLIENTCREATED TIMESTAMP, ZMESSAGEID TEXT, ZMEDIAURL TEXT, ZPHOTOURL TEXT, ZLINKURL TEXT, ZTYPE TEXT);
"""


def kik_sqlite(path: Path, *, extra: int = 0) -> None:
    """Dana (a user) and a group "Book club" where Priya writes: a message in, a reply out with a photo, a group message, a
    group's housekeeping notice; ``extra`` more messages from Dana."""
    conn = sqlite3.connect(path)
    with conn:
        conn.executescript(KIK)
        conn.executemany(
            "INSERT INTO ZKIKUSER (Z_PK, ZDISPLAYNAME, ZUSERNAME, ZJID, ZEMAIL, ZGROUPTAG) VALUES (?, ?, ?, ?, ?, ?)",
            [
                (1, "Dana Whitcombe", "dana_w", "dana_w_x1@talk.kik.com", "dana@example.invalid", None),
                (2, "Book club", None, "1100_g@groups.kik.com", None, "#bookclub"),
                (3, "Priya Raman", "priyar", "priya_r_q@talk.kik.com", None, None),
            ],
        )
        rows = [
            (1, "Are you home? Flat 2, 14 Mill Lane", 1, 1, WHEN),
            (2, "Yes, ring 07700 900123", 2, 1, WHEN + 60),
            (3, "Meet at Hollins Road at six", 1, 3, WHEN + 120),
            (4, "Priya added Sam", 4, 2, WHEN + 180),
        ] + [(100 + i, f"Message {i}", 1, 1, WHEN + 240 + i) for i in range(extra)]
        conn.executemany("INSERT INTO ZKIKMESSAGE (Z_PK, ZBODY, ZTYPE, ZUSER, ZTIMESTAMP) VALUES (?, ?, ?, ?, ?)", rows)
        conn.execute("INSERT INTO ZKIKATTACHMENT (ZMESSAGE, ZCONTENT) VALUES (2, 'attachments/IMG_0042.jpg')")
    conn.close()


def viber_contacts_data(path: Path, *, extra: int = 0) -> None:
    """The owner and Dana in a one-to-one chat (a message in with no writer recorded, a reply out with a photo), a group
    "Book club" where Priya writes, a call notice; ``extra`` more messages from Dana."""
    conn = sqlite3.connect(path)
    with conn:
        conn.executescript(VIBER)
        conn.executemany("INSERT INTO ZMEMBER VALUES (?, ?, ?, ?)", [(1, "Dana Whitcombe", "Dana", None), (2, None, None, "Priya Raman")])
        conn.executemany(
            "INSERT INTO ZPHONENUMBER VALUES (?, ?, ?, ?)", [(1, 1, "+447700900777", "447700900777"), (2, 2, None, "48601234567")]
        )
        conn.executemany("INSERT INTO ZCONVERSATION VALUES (?, ?, ?, ?)", [(1, None, 1, 0), (2, "Book club", None, 0)])
        conn.execute("INSERT INTO ZATTACHMENT VALUES (5, 'IMG_0042.jpg', 'picture', 2048)")
        rows = [
            (1, 1, None, "Are you home? Flat 2, 14 Mill Lane", WHEN, "received", None, None),
            (2, 1, None, "Yes, ring 07700 900123", WHEN + 60, "delivered", None, 5),
            (3, 2, 2, "Meet at Hollins Road at six", WHEN + 120, "received", None, None),
            (4, 1, 1, None, WHEN + 180, "received", "missed_call", None),
        ] + [(100 + i, 1, 1, f"Message {i}", WHEN + 240 + i, "received", None, None) for i in range(extra)]
        conn.executemany(
            "INSERT INTO ZVIBERMESSAGE (Z_PK, ZCONVERSATION, ZPHONENUMINDEX, ZTEXT, ZDATE, ZSTATE, ZSYSTEMTYPE, ZATTACHMENT) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
    conn.close()


def tinder_sqlite(path: Path, *, extra: int = 0, owner: bool = True) -> None:
    """A match with Dana: a text in, a reply out, a GIF in; ``owner``: the owner's ZUSER row is there; ``extra`` more
    messages from Dana."""
    conn = sqlite3.connect(path)
    with conn:
        conn.executescript(TINDER)
        users = [(1, "u-dana", "Dana", 0)] + ([(2, "u-me", "Sam", 1)] if owner else [])
        conn.executemany("INSERT INTO ZUSER (Z_PK, ZUSERID, ZFIRSTNAME, ZISCURRENTUSER) VALUES (?, ?, ?, ?)", users)
        conn.execute("INSERT INTO ZMATCH (Z_PK, ZMATCHID, ZUSER) VALUES (1, 'm-u-dana-u-me', 1)")
        rows = [
            (1, 1, "u-dana", "Are you home? Flat 2, 14 Mill Lane", WHEN, None),
            (2, 1, "u-me", "see you at Hollins Road", WHEN + 60, None),
            (3, 1, "u-dana", None, WHEN + 120, "https://media.example.invalid/cat.gif"),
        ] + [(100 + i, 1, "u-dana", f"Message {i}", WHEN + 240 + i, None) for i in range(extra)]
        conn.executemany("INSERT INTO ZMESSAGE (Z_PK, ZMATCH, ZFROMUSERID, ZTEXT, ZCREATED, ZMEDIAURL) VALUES (?, ?, ?, ?, ?, ?)", rows)
    conn.close()
