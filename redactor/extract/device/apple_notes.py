"""Apple Notes (``NoteStore.sqlite``, iOS 9 on), as found in file-system extractions: a complainant's notes and diary.

Tables: ``ZICNOTEDATA`` holds each note's body (``ZDATA``: a gzip-compressed protocol buffer, ``ZNOTE`` the note);
``ZICCLOUDSYNCINGOBJECT`` holds notes, folders and accounts alike: a note's title (``ZTITLE1``), its creation and
modification times (``ZCREATIONDATE3`` on iOS 15 on, ``ZCREATIONDATE1`` before; ``ZMODIFICATIONDATE1``; seconds since
2001-01-01 UTC), its folder (``ZFOLDER``, whose title is ``ZTITLE2``), whether it is locked with a password
(``ZISPASSWORDPROTECTED``) and whether it was deleted (``ZMARKEDFORDELETION``). Columns an iOS version lacks are read
as empty.

The body's words are field 2 of the note (field 3) of the document (field 2) of the buffer; the buffer is read with a
small reader of the wire format (lengths checked, nothing else decoded), after decompressing at most
:data:`MAX_BODY` bytes. Each note is a ``note`` item (title, text and folder name as segments; times and deleted state as
facts). A note locked with a password is refused alone as encrypted (E032); a body this reader cannot read (not gzip,
cut short, no text where the buffer should hold it, larger than :data:`MAX_BODY`) is refused alone with what to do,
never passed on empty. Where a photo, drawing or scan is embedded the text holds U+FFFC (dropped) and the note lists
the attachment by type: the file itself is separate in the extraction. An embedded table's cells are in a buffer of
another kind that this reader does not read: a note holding one is read and its tables refused (``note Z_PK=12
tables``), so the reviewer knows to read them in the extraction tool's report. The database is opened read-only and immutable.
"""

from __future__ import annotations

import sqlite3
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from redactor.errors import EncryptedInput, UnsupportedInput
from redactor.extract import extractor
from redactor.extract.device import common, protobuf, sqlite_source
from redactor.extract.device.sqlite_source import Part
from redactor.extract.device.whatsapp_ios import apple_when
from redactor.records import Item, Refused, Source
from redactor.stages import StageContext

FORMAT = "apple-notes-db"
MAX_BODY = 64 << 20  # bytes of one note's decompressed body: a diary of years is a few MB
OBJECT_COLUMNS = (
    "ZTITLE1", "ZTITLE2", "ZFOLDER", "ZCREATIONDATE3", "ZCREATIONDATE1", "ZCREATIONDATE", "ZMODIFICATIONDATE1",
    "ZISPASSWORDPROTECTED", "ZMARKEDFORDELETION", "ZNOTE", "ZTYPEUTI",
)  # fmt: skip
TABLE = "com.apple.notes.table"  # an embedded table: its cells are in a buffer of another kind, not read here
UNREAD_HINT = "read this note in the extraction tool's own report, and review it there"
TABLE_HINT = "read the note's tables in the extraction tool's own report, and review them there"
LOCKED_HINT = "unlock the note in the extraction tool with its password (or the device passcode), then add its export"


class BodyError(ValueError):
    """A note's body is not a compressed buffer this reader can read."""


def _accepts(source: Source, path: Path, head: bytes) -> bool:
    if source.media_type != "application/vnd.sqlite3":
        return False
    tables = sqlite_source.tables(path)
    return {"ZNOTE", "ZDATA"} <= tables.get("ZICNOTEDATA", set()) and "ZICCLOUDSYNCINGOBJECT" in tables


@extractor("apple-notes-db", accepts=_accepts, priority=30)
def extract_notes(source: Source, path: Path, ctx: StageContext) -> Iterator[Item | Refused]:
    yield from sqlite_source.read(path, "Notes database", lambda conn, tables: _read(source, path, conn), _a_note, work=ctx.work_dir)


def _a_note(record: Any) -> bool:
    return isinstance(record, Item) and record.kind == "note"


def _read(source: Source, path: Path, conn: sqlite3.Connection) -> Iterator[Item | Part]:
    objects: dict[int, sqlite3.Row] = {}
    embedded: dict[int, list[str]] = {}  # note pk -> the type of each object embedded in it
    for r in sqlite_source.parts(path, conn, "ZICCLOUDSYNCINGOBJECT", OBJECT_COLUMNS, key="Z_PK", one="note or folder"):
        if isinstance(r, tuple):
            yield r  # those notes' bodies are still read, without title, folder or times
            continue
        objects[r[0]] = r
        if r["ZNOTE"] is not None and r["ZTYPEUTI"]:
            embedded.setdefault(r["ZNOTE"], []).append(str(r["ZTYPEUTI"]))
    for r in sqlite_source.parts(path, conn, "ZICNOTEDATA", ("ZNOTE", "ZDATA"), key="Z_PK", one="note body", binary=("ZDATA",)):
        if isinstance(r, tuple):
            yield r
            continue
        note = objects.get(r["ZNOTE"])
        locator = f"note Z_PK={r['ZNOTE'] if r['ZNOTE'] is not None else f'? (ZICNOTEDATA Z_PK={r[0]})'}"
        if note is not None and note["ZISPASSWORDPROTECTED"]:
            yield locator, EncryptedInput(f"{path}: {locator} is locked with a password; not read", hint=LOCKED_HINT)
            continue
        if not r["ZDATA"]:
            text = ""
        else:
            try:
                text = note_text(r["ZDATA"])
            except BodyError as exc:
                yield locator, UnsupportedInput(f"{path}: {locator}: its body cannot be read ({exc}); refused", hint=UNREAD_HINT)
                continue
        kinds = embedded.get(r["ZNOTE"], [])
        if TABLE in kinds:
            tables = f"{kinds.count(TABLE)} table{'s' if kinds.count(TABLE) > 1 else ''}"
            problem = f"{path}: {locator} holds {tables} this reader does not read; the rest of the note was read"
            yield f"{locator} tables", UnsupportedInput(problem, hint=TABLE_HINT)
        yield _note(source, locator, text, note, objects, kinds)


def note_text(blob: bytes) -> str:
    """The words of a note's ``ZDATA`` (gzip, then the buffer's field 2 / 3 / 2)."""
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        data = inflater.decompress(bytes(blob), MAX_BODY)
    except zlib.error:
        raise BodyError("not gzip-compressed data") from None
    if inflater.unconsumed_tail:
        raise BodyError(f"larger than {MAX_BODY >> 20} MB decompressed")
    if not inflater.eof:
        raise BodyError("the compressed data is cut short")
    document = _field(_field(data, 2), 3)
    words = _field(document, 2)
    try:
        return words.decode("utf-8")
    except UnicodeDecodeError:
        raise BodyError("its text is not valid UTF-8") from None


def _field(data: bytes, number: int) -> bytes:
    """The first length-delimited field ``number`` of a protocol-buffer message (:mod:`.protobuf`: wire format only)."""
    try:
        found = protobuf.field(data, number)
    except protobuf.WireError as exc:
        raise BodyError(str(exc)) from None
    if found is None:
        raise BodyError(f"no field {number} where the note's text should be")
    return found


def _note(source: Source, locator: str, text: str, note: sqlite3.Row | None, objects: dict[int, sqlite3.Row], kinds: list[str]) -> Item:
    def value(column: str) -> Any:
        return note[column] if note is not None else None

    created = next((value(c) for c in ("ZCREATIONDATE3", "ZCREATIONDATE1", "ZCREATIONDATE") if value(c)), None)
    modified = value("ZMODIFICATIONDATE1")
    folder = objects.get(value("ZFOLDER")) if value("ZFOLDER") is not None else None
    meta = {
        "format": FORMAT,
        "app": "Notes",
        "time": apple_when(modified or created),
        "created": apple_when(created),
        "deleted": "Deleted" if value("ZMARKEDFORDELETION") else "Intact",
        "attachments": [
            {"name": None, "type": kind, "size": None, "present": False, "how": "embedded in the note; a separate file in the extraction"}
            for kind in kinds
            if kind != TABLE
        ],
    }
    fields = [("title", value("ZTITLE1")), ("text", text.replace("\ufffc", "").strip() or None)]
    fields.append(("folder.name", folder["ZTITLE2"] if folder is not None else None))  # "Letters to Sam": detected too
    return common.make_item(source, locator, "note", "Notes note", fields, meta)
