"""An iOS Messages database (``sms.db``) written by the tests: the tables and columns the reader uses, in the shape of
iOS 10 (seconds, words in ``text``) or iOS 16 (nanoseconds, words only in an archived ``attributedBody``).

The archive is written the way the Messages app writes it (a typedstream ``NSAttributedString``), from its documented
layout; nothing here is copied from a real phone."""

from __future__ import annotations

import plistlib
import sqlite3
from pathlib import Path

SCHEMA = """
CREATE TABLE handle (ROWID INTEGER PRIMARY KEY AUTOINCREMENT UNIQUE, id TEXT NOT NULL, country TEXT, service TEXT NOT NULL);
CREATE TABLE chat (ROWID INTEGER PRIMARY KEY AUTOINCREMENT, guid TEXT UNIQUE NOT NULL, chat_identifier TEXT,
  service_name TEXT, display_name TEXT);
CREATE TABLE chat_handle_join (chat_id INTEGER, handle_id INTEGER, UNIQUE(chat_id, handle_id));
CREATE TABLE chat_message_join (chat_id INTEGER, message_id INTEGER, message_date INTEGER DEFAULT 0,
  PRIMARY KEY (chat_id, message_id));
CREATE TABLE attachment (ROWID INTEGER PRIMARY KEY AUTOINCREMENT, guid TEXT UNIQUE NOT NULL, filename TEXT,
  mime_type TEXT, transfer_name TEXT, total_bytes INTEGER DEFAULT 0);
CREATE TABLE message_attachment_join (message_id INTEGER, attachment_id INTEGER, UNIQUE(message_id, attachment_id));
"""
MESSAGE_OLD = """CREATE TABLE message (ROWID INTEGER PRIMARY KEY AUTOINCREMENT, guid TEXT UNIQUE NOT NULL, text TEXT,
  handle_id INTEGER DEFAULT 0, subject TEXT, service TEXT, date INTEGER, date_read INTEGER, is_from_me INTEGER DEFAULT 0,
  is_read INTEGER DEFAULT 0, is_delivered INTEGER DEFAULT 0, item_type INTEGER DEFAULT 0, group_title TEXT,
  cache_has_attachments INTEGER DEFAULT 0)"""
MESSAGE_NEW = MESSAGE_OLD[:-1] + ", attributedBody BLOB, associated_message_type INTEGER DEFAULT 0)"
MESSAGE_EDITS = MESSAGE_NEW[:-1] + ", message_summary_info BLOB, date_edited INTEGER DEFAULT 0, date_retracted INTEGER DEFAULT 0)"

JO, ALEX, SAM = "+447700900456", "alex.example@example.com", "+447700900123"
WHEN = 730_915_007  # 2024-02-29T15:56:47Z, seconds since 2001-01-01


def archived(text: str) -> bytes:
    """``text`` as the Messages app archives an ``NSAttributedString`` in ``attributedBody``."""
    body = text.encode()
    n = len(body)
    size = bytes([n]) if n < 0x80 else b"\x81" + n.to_bytes(2, "little") if n < 0x8000 else b"\x82" + n.to_bytes(4, "little")
    return (
        b"\x04\x0bstreamtyped\x81\xe8\x03\x84\x01@\x84\x84\x84\x12NSAttributedString\x00\x84\x84\x08NSObject\x00\x85\x92"
        b"\x84\x84\x84\x08NSString\x01\x94\x84\x01+" + size + body + b"\x86\x84\x02iI\x01" + bytes([min(n, 0x7F)]) + b"\x92\x84\x84\x84"
        b"\x0cNSDictionary\x00\x94\x84\x01i\x01\x92\x84\x96\x96\x1d__kIMMessagePartAttributeName\x86\x92\x84\x84\x84\x08"
        b"NSNumber\x00\x84\x84\x07NSValue\x00\x94\x84\x01*\x84\x99\x99\x00\x86\x86\x86"
    )


# rowid, text, from me, handle, chat, item type, attachment
MESSAGES = [
    (1, "Are you home? Flat 2, 14 Mill Lane", 0, 1, 1, 0, None),
    (2, "Yes. Ring 07700 900123 when you get here", 1, 0, 1, 0, None),
    (3, "\ufffc", 0, 1, 1, 0, 1),
    (4, "Saturday still on?", 0, 2, 2, 0, None),
    (5, None, 0, 2, 2, 2, None),  # the group was renamed
    (6, "Loved \u201cSaturday still on?\u201d", 1, 0, 2, 0, None),
]


def summary(*versions: bytes | str, unsent: bool = False) -> bytes:
    """A ``message_summary_info`` as the Messages app writes it (a binary property list): one part's versions, oldest
    first and the current last (``ec``), or a part unsent (``rp``)."""
    info: dict = {"amc": 0, "ust": True, "otr": {"0": {"lo": 0, "le": 10}}}
    if versions:
        info["ep"] = [0]
        info["ec"] = {
            "0": [{"t": v if isinstance(v, bytes) else archived(v), "d": float(WHEN + 70 + 5 * n)} for n, v in enumerate(versions)]
        }
    if unsent:
        info["rp"] = [0]
    return plistlib.dumps(info, fmt=plistlib.FMT_BINARY)


def sms_db(
    path: Path,
    *,
    new: bool = True,
    extra: int = 0,
    body: dict[int, bytes] | None = None,
    edits: dict[int, tuple[bytes, int, int]] | None = None,
) -> None:
    """A Messages database: a 1:1 chat with Jo (three messages, one a photo), a group with Jo and Alex (a message, a
    rename, a reaction), and ``extra`` more messages from Sam. ``new``: iOS 16's shape (nanoseconds; the words of every
    message in ``attributedBody`` only, ``body`` replacing some); otherwise iOS 10's (seconds, ``text``). ``edits``:
    rowid -> (``message_summary_info``, ``date_edited``, ``date_retracted``), in iOS 16's shape only."""
    conn = sqlite3.connect(path)
    with conn:
        conn.executescript(SCHEMA)
        conn.execute(MESSAGE_EDITS if edits is not None else MESSAGE_NEW if new else MESSAGE_OLD)
        conn.executemany("INSERT INTO handle VALUES (?, ?, 'GB', ?)", [(1, JO, "SMS"), (2, ALEX, "iMessage"), (3, SAM, "SMS")])
        conn.executemany(
            "INSERT INTO chat VALUES (?, ?, ?, ?, ?)",
            [
                (1, "SMS;-;" + JO, JO, "SMS", None),
                (2, "iMessage;+;chat1", "chat1", "iMessage", "Flat 2 lot"),
                (3, "SMS;-;" + SAM, SAM, "SMS", None),
            ],
        )
        conn.executemany("INSERT INTO chat_handle_join VALUES (?, ?)", [(1, 1), (2, 1), (2, 2), (3, 3)])
        conn.execute(
            "INSERT INTO attachment VALUES (1, 'a1', '~/Library/SMS/Attachments/ab/12/IMG_0042.HEIC', 'image/heic', 'IMG_0042.HEIC', 1234)"
        )
        conn.execute("INSERT INTO message_attachment_join VALUES (3, 1)")
        rows = list(MESSAGES) + [(6 + i + 1, f"Message {i} from Sam", 0, 3, 3, 0, None) for i in range(extra)]
        for rowid, text, me, handle, chat, kind, attachment in rows:
            date = (WHEN + 60 * rowid) * (10**9 if new else 1)
            values = [rowid, f"g{rowid}", text, handle, None, "SMS" if chat != 2 else "iMessage", date, 0, me, 1, 1, kind]
            values += ["Flat 2 lot" if kind == 2 else None, int(attachment is not None)]
            if new:
                blob = (body or {}).get(rowid, archived(text) if text is not None else None)
                values = values[:2] + [None] + values[3:] + [blob, 2000 if rowid == 6 else 0]
                if edits is not None:
                    values += list(edits.get(rowid, (None, 0, 0)))
            conn.execute(f"INSERT INTO message VALUES ({', '.join('?' * len(values))})", values)
            conn.execute("INSERT INTO chat_message_join VALUES (?, ?, ?)", (chat, rowid, date))
    conn.close()
