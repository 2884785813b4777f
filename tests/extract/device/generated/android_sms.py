"""An Android ``mmssms.db`` written by the tests: the telephony provider's tables and the columns the reader uses (a
1:1 SMS conversation, a group MMS with a photo), in the provider's documented layout; nothing copied from a phone."""

from __future__ import annotations

import sqlite3
from pathlib import Path

SCHEMA = """
CREATE TABLE canonical_addresses (_id INTEGER PRIMARY KEY AUTOINCREMENT, address TEXT);
CREATE TABLE threads (_id INTEGER PRIMARY KEY AUTOINCREMENT, date INTEGER DEFAULT 0, message_count INTEGER DEFAULT 0,
  recipient_ids TEXT, snippet TEXT, read INTEGER DEFAULT 1);
CREATE TABLE sms (_id INTEGER PRIMARY KEY, thread_id INTEGER, address TEXT, person INTEGER, date INTEGER,
  date_sent INTEGER DEFAULT 0, protocol INTEGER, read INTEGER DEFAULT 0, status INTEGER DEFAULT -1, type INTEGER,
  subject TEXT, body TEXT, service_center TEXT, seen INTEGER DEFAULT 0);
CREATE TABLE pdu (_id INTEGER PRIMARY KEY AUTOINCREMENT, thread_id INTEGER, date INTEGER, msg_box INTEGER, read INTEGER DEFAULT 0,
  m_id TEXT, sub TEXT, ct_t TEXT, m_type INTEGER);
CREATE TABLE part (_id INTEGER PRIMARY KEY AUTOINCREMENT, mid INTEGER, seq INTEGER DEFAULT 0, ct TEXT, name TEXT,
  cl TEXT, _data TEXT, text TEXT);
CREATE TABLE addr (_id INTEGER PRIMARY KEY, msg_id INTEGER, contact_id INTEGER, address TEXT, type INTEGER, charset INTEGER);
"""
JO, SAM, ALEX = "07700 900456", "+447700900123", "+447700900789"
WHEN_MS = 1_709_221_007_000  # 2024-02-29T15:36:47Z


def mmssms_db(path: Path, *, extra: int = 0) -> None:
    """Thread 1 with Jo (a received SMS, a sent SMS, ``extra`` more received), thread 2 with Sam and Alex (a received
    MMS with text and a photo, a sent MMS with text)."""
    conn = sqlite3.connect(path)
    with conn:
        conn.executescript(SCHEMA)
        conn.executemany("INSERT INTO canonical_addresses VALUES (?, ?)", [(1, JO), (2, SAM), (3, ALEX)])
        conn.executemany("INSERT INTO threads (_id, recipient_ids) VALUES (?, ?)", [(1, "1"), (2, "2 3")])
        sms = [
            (1, 1, JO, WHEN_MS, 1, "Are you still at 14 Mill Lane?"),
            (2, 1, JO, WHEN_MS + 60_000, 2, "Yes, ring 07700 900123 first"),
        ] + [(3 + i, 1, JO, WHEN_MS + 120_000 + i, 1, f"Message {i} from Jo") for i in range(extra)]
        conn.executemany("INSERT INTO sms (_id, thread_id, address, date, type, body, read) VALUES (?, ?, ?, ?, ?, ?, 1)", sms)
        conn.executemany(
            "INSERT INTO pdu (_id, thread_id, date, msg_box, sub, m_type) VALUES (?, 2, ?, ?, ?, ?)",
            [(1, WHEN_MS // 1000 + 300, 1, "Saturday", 132), (2, WHEN_MS // 1000 + 360, 2, None, 128)],
        )
        conn.executemany(
            "INSERT INTO part (mid, seq, ct, name, cl, _data, text) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (1, -1, "application/smil", None, "smil.xml", None, "<smil><body/></smil>"),
                (1, 0, "text/plain", None, "text_0.txt", None, "Photo from the party, Sam"),
                (
                    1,
                    1,
                    "image/jpeg",
                    "IMG_20240229.jpg",
                    "IMG_20240229.jpg",
                    "/data/user_de/0/com.android.providers.telephony/app_parts/PART_1",
                    None,
                ),
                (2, 0, "text/plain", None, "text_0.txt", None, "Lovely, thanks"),
            ],
        )
        conn.executemany(
            "INSERT INTO addr (msg_id, address, type, charset) VALUES (?, ?, ?, 106)",
            [
                (1, SAM, 137),
                (1, "insert-address-token", 151),
                (1, ALEX, 151),
                (2, "insert-address-token", 137),
                (2, SAM, 151),
                (2, ALEX, 151),
            ],
        )
    conn.close()
