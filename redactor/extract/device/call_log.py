"""Phone call logs as databases: Android's ``calls`` table (``calllog.db``, or ``contacts2.db`` on older Android, which
:mod:`.contacts_db` reads with its contacts) and iOS ``CallHistory.storedata`` (``ZCALLRECORD``), as found in
file-system extractions.

- Android ``calls``: ``number``, ``date`` (milliseconds since 1970 UTC), ``duration`` (seconds), ``type`` (1 incoming,
  2 outgoing, 3 missed, 4 voicemail, 5 rejected, 6 blocked), ``name`` (the contact's name when the call was logged).
- iOS ``ZCALLRECORD``: ``ZADDRESS`` (the number or address, text or bytes), ``ZDATE`` (seconds since 2001-01-01 UTC),
  ``ZDURATION``, ``ZORIGINATED`` (1: the phone's owner called), ``ZANSWERED``, ``ZCALLTYPE`` (1 phone, 8 FaceTime video,
  16 FaceTime audio), ``ZNAME``.

Each call is a ``call`` item (the other party's name and number as segments, direction, time and duration as facts),
and the other party a known person when the log names them. The database is opened read-only and immutable; a row that
is not UTF-8, or a run of rows in a damaged page, is refused alone; a log none of whose calls can be read is refused
whole.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from redactor.extract import extractor
from redactor.extract.device import common, sqlite_source
from redactor.extract.device.sqlite_source import Part
from redactor.extract.device.whatsapp_ios import apple_when
from redactor.records import Item, Mention, Person, Refused, Source
from redactor.stages import StageContext

ANDROID_TYPES = {1: "incoming", 2: "outgoing", 3: "missed", 4: "voicemail", 5: "rejected", 6: "blocked"}
IOS_TYPES = {1: "phone", 8: "FaceTime video", 16: "FaceTime audio"}
ANDROID_COLUMNS = {"number", "date", "type"}


def has_android_calls(columns: set[str]) -> bool:
    return ANDROID_COLUMNS <= columns


def _accepts(source: Source, path: Path, head: bytes) -> bool:
    if source.media_type != "application/vnd.sqlite3":
        return False
    tables = sqlite_source.tables(path)
    if "raw_contacts" in tables:
        return False  # contacts2.db: read by contacts_db, its calls with it
    return has_android_calls(tables.get("calls", set())) or {"ZADDRESS", "ZDATE"} <= tables.get("ZCALLRECORD", set())


@extractor("call-log-db", accepts=_accepts, priority=30)
def extract_call_log(source: Source, path: Path, ctx: StageContext) -> Iterator[Item | Person | Mention | Refused]:
    book = common.PeopleBook(source.ref)

    def body(conn: sqlite3.Connection, tables: set[str]) -> Iterator[Item | Person | Mention | Part]:
        return android_calls(source, path, conn, book) if "calls" in tables else _ios_calls(source, path, conn, book)

    yield from sqlite_source.read(path, "call log database", body, lambda record: isinstance(record, Item), work=ctx.work_dir)
    yield from book


def _rows(path: Path, conn: sqlite3.Connection, table: str, wanted: tuple[str, ...], key: str) -> Iterator[Part | sqlite3.Row]:
    return sqlite_source.parts(path, conn, table, wanted, key=key, one="call")


def _call(
    source: Source, locator: str, other: dict[str, Any], when: dict[str, Any], direction: str, how: str, extra: dict[str, Any]
) -> Item:
    meta = {"format": extra.pop("format"), "app": extra.pop("app"), "time": when, "direction": {"value": direction, "how": how}}
    meta |= {"recipients": [other], **extra}
    return common.make_item(source, locator, "call", "Call", [("party.name", other.get("name")), ("party.id", other.get("raw"))], meta)


def android_calls(
    source: Source, path: Path, conn: sqlite3.Connection, book: common.PeopleBook
) -> Iterator[Item | Mention | Person | Part]:
    """The calls of an Android ``calls`` table (``calllog.db``, or ``contacts2.db`` with its contacts)."""
    for r in _rows(path, conn, "calls", ("number", "date", "duration", "type", "name", "geocoded_location"), "_id"):
        if isinstance(r, tuple):
            yield r
            continue
        other = common.party(r["number"], r["name"], False)
        book.add(other, "call log")
        kind = as_int(r["type"])
        when = common.when(common.from_epoch(r["date"], "ms"), r["date"], "milliseconds since 1970-01-01 UTC")
        extra = {"format": "android-calls-db", "app": "Phone", "duration": f"{_seconds(r['duration'])} s"}
        if r["geocoded_location"]:
            extra["where"] = r["geocoded_location"]
        yield _call(source, f"calls _id={r[0]}", other, when, ANDROID_TYPES.get(kind or 0, "unknown"), f"type {kind}", extra)
        yield from book


def _ios_calls(source: Source, path: Path, conn: sqlite3.Connection, book: common.PeopleBook) -> Iterator[Item | Mention | Person | Part]:
    wanted = ("ZADDRESS", "ZDATE", "ZDURATION", "ZORIGINATED", "ZANSWERED", "ZCALLTYPE", "ZNAME")
    for r in _rows(path, conn, "ZCALLRECORD", wanted, "Z_PK"):
        if isinstance(r, tuple):
            yield r
            continue
        address = r["ZADDRESS"]
        if isinstance(address, bytes):  # older iOS keeps the number as bytes
            try:
                address = address.decode("utf-8")
            except UnicodeDecodeError:
                locator = f"ZCALLRECORD Z_PK={r[0]}"
                yield sqlite_source.refused(path, locator, f"call {locator} holds a number that is not valid UTF-8")
                continue
        other = common.party(address, r["ZNAME"], False)
        book.add(other, "call log")
        direction = "outgoing" if r["ZORIGINATED"] else "incoming" if r["ZANSWERED"] else "missed"
        when = apple_when(r["ZDATE"])
        kind = as_int(r["ZCALLTYPE"])
        extra = {"format": "ios-callhistory-db", "app": IOS_TYPES.get(kind or 0, "Phone"), "duration": f"{_seconds(r['ZDURATION'])} s"}
        yield _call(source, f"ZCALLRECORD Z_PK={r[0]}", other, when, direction, "ZORIGINATED and ZANSWERED", extra)
        yield from book


def as_int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _seconds(value: Any) -> int:
    try:
        return round(float(value or 0))
    except (TypeError, ValueError, OverflowError):
        return 0
