"""Telegram for Android's ``cache4.db`` written by the tests: the tables and columns the reader uses, with message
objects in Telegram's TL wire format in the layouts the reader walks (ids as the open-source client defines them, as
ALEAPP's Telegram artifact lists them), one it does not know, a notice and a damaged one. Nothing here is copied from a
real phone."""

from __future__ import annotations

import sqlite3
import struct
from pathlib import Path

WHEN = 1_709_222_207  # 2024-02-29T15:56:47Z
OWNER, DANA, PRIYA, GROUP = 4000, 5001, 5002, 7001
NEW, OLD, SERVICE, FWD_HEADER = 0x95EF6F2B, 0xA66C7EFC, 0x7A800E0A, 0x4E4DF4BB
PEER_USER, PEER_USER_OLD, PEER_CHAT = 0x59511722, 0x9DB1BC6D, 0x36C6019A
CACHE = """
CREATE TABLE users (uid INTEGER PRIMARY KEY, name TEXT, status INTEGER, data BLOB);
CREATE TABLE user_contacts_v7 (key TEXT PRIMARY KEY, uid INTEGER, fname TEXT, sname TEXT, imported INTEGER);
CREATE TABLE user_phones_v7 (key TEXT, phone TEXT, sphone TEXT, deleted INTEGER);
CREATE TABLE chats (uid INTEGER PRIMARY KEY, name TEXT, data BLOB);
CREATE TABLE dialogs (did INTEGER PRIMARY KEY, date INTEGER, unread_count INTEGER, last_mid INTEGER);
CREATE TABLE messages_v2 (mid INTEGER, uid INTEGER, read_state INTEGER, send_state INTEGER, date INTEGER, data BLOB,
  out INTEGER, ttl INTEGER, media INTEGER, replydata BLOB, imp INTEGER, mention INTEGER, PRIMARY KEY (mid, uid));
"""


def u32(value: int) -> bytes:
    return struct.pack("<I", value)


def i32(value: int) -> bytes:
    return struct.pack("<i", value)


def string(text: str) -> bytes:
    raw = text.encode("utf-8")
    head = bytes([len(raw)]) if len(raw) < 254 else b"\xfe" + len(raw).to_bytes(3, "little")
    body = head + raw
    return body + bytes(-len(body) % 4)


def peer(user: int, old: bool = False, chat: bool = False) -> bytes:
    if chat:
        return u32(PEER_CHAT) + struct.pack("<q", user)
    return u32(PEER_USER_OLD) + i32(user) if old else u32(PEER_USER) + struct.pack("<q", user)


def message(mid: int, sender: int | None, to: bytes, text: str, date: int, *, forwarded: bool = False) -> bytes:
    """A TL_message of layer 179 on: flags, flags2, id, [from], peer, [forward header], date, words, (media flags: none)."""
    flags = (1 << 8 if sender else 0) | (1 << 2 if forwarded else 0)
    out = u32(NEW) + u32(flags) + u32(0) + i32(mid) + (peer(sender) if sender else b"") + to
    if forwarded:  # a forward header: its flags, the original sender, the original date (not this message's)
        out += u32(FWD_HEADER) + u32(1) + peer(PRIYA) + i32(date - 86_400)
    return out + i32(date) + string(text) + u32(0)


def old_message(mid: int, sender: int, to: bytes, text: str, date: int) -> bytes:
    """A TL_message of an older layer: no second flags word, the sender as a 32-bit peer."""
    return u32(OLD) + u32(1 << 8) + i32(mid) + peer(sender, old=True) + to + i32(date) + string(text)


def user_object(uid: int, first: str, last: str | None, username: str | None) -> bytes:
    """A user object in the TL wire format's shape: a type id, flags, the id, then the names and username as strings."""
    out = u32(0x215C4438) + u32(0b1111) + struct.pack("<q", uid) + struct.pack("<q", 99) + string(first)
    return out + (string(last) if last else b"") + (string(username) if username else b"") + string("+447700900000")


def cache4_db(path: Path, *, extra: int = 0) -> None:
    """A chat with Dana (a text in, a reply out, a forward in, a notice), a group "Book club" where Priya writes in an
    older layout, a message in a layout the reader does not list, one cut short; ``extra`` more texts from Dana."""
    conn = sqlite3.connect(path)
    with conn:
        conn.executescript(CACHE)
        conn.executemany(  # the name in lower case for searching (then a transliteration and the username); the object
            "INSERT INTO users (uid, name, data) VALUES (?, ?, ?)",  # spells it (a TL user: its strings among numbers)
            [
                (OWNER, "sam;;;;;;sam_owner", user_object(OWNER, "Sam", None, "sam_owner")),
                (DANA, "dana whitcombe;;;;;;dana_w99", user_object(DANA, "Dana", "Whitcombe", "dana_w99")),
                (PRIYA, "priya raman", user_object(PRIYA, "Priya", "Raman", None)),
            ],
        )
        conn.execute("INSERT INTO user_contacts_v7 VALUES ('c1', 0, 'Jo', 'Example', 1)")
        conn.executemany("INSERT INTO user_phones_v7 VALUES (?, ?, ?, ?)", [("c1", "+447700900456", "", 0), ("c1", "+447700900999", "", 1)])
        conn.execute("INSERT INTO chats (uid, name) VALUES (?, ?)", (GROUP, "Book club"))
        me = peer(OWNER)
        rows = [
            (1, DANA, WHEN, message(1, DANA, me, "Are you home? Flat 2, 14 Mill Lane", WHEN), 0, 0),
            (2, DANA, WHEN + 60, message(2, OWNER, peer(DANA), "Yes, ring 07700 900123", WHEN + 60), 1, 0),
            (3, DANA, WHEN + 90, message(3, DANA, me, "look at this, Hollins Road", WHEN + 90, forwarded=True), 0, 1),
            (4, DANA, WHEN + 100, u32(SERVICE) + u32(1 << 8) + i32(4) + peer(DANA) + me + i32(WHEN + 100) + u32(0x80E11A7F), 0, 0),
            (5, -GROUP, WHEN + 120, old_message(5, PRIYA, peer(GROUP, chat=True), "Meet at Hollins Road at six", WHEN + 120), 0, 0),
            (6, DANA, WHEN + 130, u32(0x12345678) + u32(0) + i32(6) + i32(WHEN + 130) + string("an unlisted layout"), 0, 0),
            (7, DANA, WHEN + 140, message(7, DANA, me, "cut short", WHEN + 140)[:30], 0, 0),
        ] + [(100 + i, DANA, WHEN + 200 + i, message(100 + i, DANA, me, f"Message {i}", WHEN + 200 + i), 0, 0) for i in range(extra)]
        conn.executemany("INSERT INTO messages_v2 (mid, uid, date, data, out, media) VALUES (?, ?, ?, ?, ?, ?)", rows)
    conn.close()
