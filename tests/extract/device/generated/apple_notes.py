"""An Apple Notes database (``NoteStore.sqlite``) written by the tests: the tables and columns the reader uses, each
note's body a gzip-compressed protocol buffer written from the wire format's documented layout (field 2, the document;
its field 3, the note; its field 2, the text; other fields around them as the app writes them). Nothing here is copied
from a real phone."""

from __future__ import annotations

import gzip
import sqlite3
from pathlib import Path

SCHEMA = """
CREATE TABLE ZICCLOUDSYNCINGOBJECT (Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, ZTITLE1 VARCHAR, ZTITLE2 VARCHAR,
  ZFOLDER INTEGER, ZNOTEDATA INTEGER, ZCREATIONDATE1 TIMESTAMP, ZCREATIONDATE3 TIMESTAMP, ZMODIFICATIONDATE1 TIMESTAMP,
  ZISPASSWORDPROTECTED INTEGER, ZMARKEDFORDELETION INTEGER, ZNOTE INTEGER, ZTYPEUTI VARCHAR);
CREATE TABLE ZICNOTEDATA (Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, ZNOTE INTEGER, ZDATA BLOB, ZCRYPTOTAG BLOB);
"""
WHEN = 730_915_007.0  # 2024-02-29T15:56:47Z, seconds since 2001-01-01
NOTES = {
    # pk: (title, text, folder pk, locked, deleted)
    10: ("Thursday", "Thursday\nDana Whitcombe came to the flat at 9. Her number is 07700 900777.", 2, 0, 0),
    11: ("Shopping", "Shopping\nmilk, bread \ufffc", 2, 0, 0),
    12: ("Private", None, 2, 1, 0),  # locked with a password: its body is ciphertext
    13: ("Old", "Old\nRang Sam at 14 Mill Lane", 3, 0, 1),
}


def _varint(n: int) -> bytes:
    out = bytearray()
    while True:
        byte, n = n & 0x7F, n >> 7
        out.append(byte | (0x80 if n else 0))
        if not n:
            return bytes(out)


def _len(field: int, payload: bytes) -> bytes:
    return _varint(field << 3 | 2) + _varint(len(payload)) + payload


def _int(field: int, value: int) -> bytes:
    return _varint(field << 3) + _varint(value)


def body(text: str) -> bytes:
    """A note's ``ZDATA``: gzip over NoteStoreProto { 2: Document { 2: version, 3: Note { 2: text, 5: a run } } }."""
    note = _len(2, text.encode()) + _len(5, _int(1, len(text)) + _len(2, _int(1, 0)))
    document = _int(2, 0) + _len(3, note)
    return gzip.compress(_int(1, 0) + _len(2, document))


def notes_db(path: Path, *, bodies: dict[int, bytes | None] | None = None) -> None:
    """Two folders ("Notes", "Recently Deleted") and four notes: a diary entry with two tables, a list with a drawing,
    one locked with a password, one deleted. ``bodies``: note pk -> a ``ZDATA`` replacing the note's."""
    conn = sqlite3.connect(path)
    with conn:
        conn.executescript(SCHEMA)
        conn.execute("INSERT INTO ZICCLOUDSYNCINGOBJECT (Z_PK, Z_ENT, ZTITLE2) VALUES (2, 15, 'Notes')")
        conn.execute("INSERT INTO ZICCLOUDSYNCINGOBJECT (Z_PK, Z_ENT, ZTITLE2) VALUES (3, 15, 'Recently Deleted')")
        for pk, (title, text, folder, locked, deleted) in NOTES.items():
            conn.execute(
                "INSERT INTO ZICCLOUDSYNCINGOBJECT (Z_PK, Z_ENT, ZTITLE1, ZFOLDER, ZNOTEDATA, ZCREATIONDATE3,"
                " ZMODIFICATIONDATE1, ZISPASSWORDPROTECTED, ZMARKEDFORDELETION) VALUES (?, 12, ?, ?, ?, ?, ?, ?, ?)",
                (pk, title, folder, pk + 100, WHEN + pk, WHEN + pk + 60, locked, deleted),
            )
            data = (bodies or {}).get(pk, body(text) if text is not None else bytes(range(256)) * 4)
            conn.execute("INSERT INTO ZICNOTEDATA (Z_PK, Z_ENT, ZNOTE, ZDATA) VALUES (?, 11, ?, ?)", (pk + 100, pk, data))
        embedded = [(20, 10, "com.apple.notes.table"), (21, 10, "com.apple.notes.table"), (22, 11, "com.apple.drawing.2")]
        conn.executemany("INSERT INTO ZICCLOUDSYNCINGOBJECT (Z_PK, Z_ENT, ZNOTE, ZTYPEUTI) VALUES (?, 5, ?, ?)", embedded)
    conn.close()
