"""Calendars as databases: Android's calendar provider (``calendar.db``) and iOS ``Calendar.sqlitedb``, as found in
file-system extractions. An appointment names where someone was, when, and with whom.

- Android: ``Events`` (``title``, ``eventLocation``, ``description``, ``dtstart``/``dtend`` in milliseconds since 1970
  UTC, ``organizer``, ``deleted``), ``Attendees`` (``event_id``, ``attendeeName``, ``attendeeEmail``), ``Calendars``
  (``calendar_displayName``).
- iOS: ``CalendarItem`` (``summary``, ``description``, ``start_date``/``end_date`` in seconds since 2001-01-01 UTC,
  ``location_id`` -> ``Location`` (``title``, ``address``), ``calendar_id`` -> ``Calendar`` (``title``)), ``Participant``
  (``owner_id`` -> the item, ``email``, ``phone_number``; the name, where iOS keeps one, through ``identity_id`` ->
  ``Identity.display_name``).

Each event is a ``calendar`` item (title, place, notes, attendees and calendar name as segments; start, end and the
deleted state as facts), and each attendee a known person. Columns a version lacks are read as empty. The database is
opened read-only and immutable; a run of rows in a damaged page, or a row that is not UTF-8, is refused alone (an
attendee's row alone: the event is read without that attendee, and the refusal says which); a calendar none of whose
events can be read is refused whole.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any, NamedTuple

from redactor.extract import extractor
from redactor.extract.device import common, sqlite_source
from redactor.extract.device.sqlite_source import Part
from redactor.extract.device.whatsapp_ios import APPLE_SECONDS, apple_time
from redactor.records import Item, Mention, Person, Refused, Source
from redactor.stages import StageContext


class Clock(NamedTuple):
    """A calendar's format, and how it counts time: its raw value to a time, and the words that say so."""

    format: str
    convert: Callable[[Any], datetime | None]
    how: str


ANDROID = Clock("android-calendar-db", lambda v: common.from_epoch(v, "ms") if v else None, "milliseconds since 1970-01-01 UTC")
IOS = Clock("ios-calendar-db", lambda v: apple_time(v) if v else None, APPLE_SECONDS)


def _accepts(source: Source, path: Path, head: bytes) -> bool:
    if source.media_type != "application/vnd.sqlite3":
        return False
    tables = sqlite_source.tables(path)
    android = {"title", "dtstart"} <= tables.get("Events", set()) and "Calendars" in tables
    return android or {"summary", "start_date"} <= tables.get("CalendarItem", set())


@extractor("calendar-db", accepts=_accepts, priority=30)
def extract_calendar(source: Source, path: Path, ctx: StageContext) -> Iterator[Item | Person | Mention | Refused]:
    book = common.PeopleBook(source.ref)

    def body(conn: sqlite3.Connection, tables: set[str]) -> Iterator[Item | Person | Mention | Part]:
        return _android(source, path, conn, tables, book) if "Events" in tables else _ios(source, path, conn, tables, book)

    yield from sqlite_source.read(path, "calendar database", body, lambda record: isinstance(record, Item), work=ctx.work_dir)
    yield from book


def _each(
    path: Path,
    conn: sqlite3.Connection,
    tables: set[str],
    table: str,
    wanted: tuple[str, ...],
    key: str,
    one: str,
    put: Callable[[sqlite3.Row], None],
) -> Iterator[Part]:
    """``put`` each readable row of ``table`` (where the database has it); yield its refused parts as they come."""
    if table not in tables:
        return
    for r in sqlite_source.parts(path, conn, table, wanted, key=key, one=one):
        if isinstance(r, tuple):
            yield r
        else:
            put(r)


def _event(
    source: Source,
    locator: str,
    clock: Clock,
    r: sqlite3.Row,
    columns: tuple[str, str, str],
    deleted: bool,
    people: list[dict[str, Any]],
    fields: list[tuple[str, str | None]],
    book: common.PeopleBook,
) -> Item:
    """One event: ``columns`` name its start, end and all-day columns in ``r``; each attendee a known person."""
    start, end, all_day = (r[c] for c in columns)
    for p in people:
        book.add(p, "calendar")
    meta = {
        "format": clock.format,
        "app": "Calendar",
        "time": common.when(clock.convert(start), start, clock.how),
        "end": common.when(clock.convert(end), end, clock.how),
        "all_day": bool(all_day),
        "deleted": "Deleted" if deleted else "Intact",
        "recipients": people,
    }
    fields = [*fields, ("recipients", common.recipients_text(people))]
    return common.make_item(source, locator, "calendar", "Calendar event", fields, meta)


def _android(
    source: Source, path: Path, conn: sqlite3.Connection, tables: set[str], book: common.PeopleBook
) -> Iterator[Item | Person | Mention | Part]:
    calendars: dict[int, Any] = {}
    attendees: dict[int, list[dict[str, Any]]] = {}

    def attendee(r: sqlite3.Row) -> None:
        attendees.setdefault(r["event_id"], []).append(common.party(r["attendeeEmail"], r["attendeeName"], None))

    yield from _each(
        path, conn, tables, "Calendars", ("calendar_displayName",), "_id", "calendar", lambda r: calendars.update({r[0]: r[1]})
    )
    yield from _each(path, conn, tables, "Attendees", ("event_id", "attendeeName", "attendeeEmail"), "_id", "attendee", attendee)
    wanted = ("title", "eventLocation", "description", "dtstart", "dtend", "organizer", "deleted", "calendar_id", "allDay")
    for r in sqlite_source.parts(path, conn, "Events", wanted, key="_id", one="event"):
        if isinstance(r, tuple):
            yield r
            continue
        fields = [
            ("title", r["title"]),
            ("location", r["eventLocation"]),
            ("description", r["description"]),
            ("organizer", r["organizer"]),
            ("calendar.name", calendars.get(r["calendar_id"])),
        ]
        columns = ("dtstart", "dtend", "allDay")
        yield _event(source, f"Events _id={r[0]}", ANDROID, r, columns, bool(r["deleted"]), attendees.get(r[0], []), fields, book)
        yield from book


def _ios(
    source: Source, path: Path, conn: sqlite3.Connection, tables: set[str], book: common.PeopleBook
) -> Iterator[Item | Person | Mention | Part]:
    calendars: dict[int, Any] = {}
    places: dict[int, str | None] = {}
    names: dict[int, Any] = {}
    attendees: dict[int, list[dict[str, Any]]] = {}

    def place(r: sqlite3.Row) -> None:
        places[r[0]] = ", ".join(x for x in dict.fromkeys((r["title"], r["address"])) if x) or None

    def attendee(r: sqlite3.Row) -> None:  # after Identity: the names are read first
        who = common.party(r["email"] or r["phone_number"], names.get(r["identity_id"]), None)
        attendees.setdefault(r["owner_id"], []).append(who)

    yield from _each(path, conn, tables, "Calendar", ("title",), "ROWID", "calendar", lambda r: calendars.update({r[0]: r[1]}))
    yield from _each(path, conn, tables, "Location", ("title", "address"), "ROWID", "place", place)
    yield from _each(path, conn, tables, "Identity", ("display_name",), "ROWID", "person", lambda r: names.update({r[0]: r[1]}))
    wanted = ("owner_id", "email", "phone_number", "identity_id")
    yield from _each(path, conn, tables, "Participant", wanted, "ROWID", "attendee", attendee)
    wanted = ("summary", "description", "start_date", "end_date", "all_day", "location_id", "calendar_id")
    for r in sqlite_source.parts(path, conn, "CalendarItem", wanted, key="ROWID", one="event"):
        if isinstance(r, tuple):
            yield r
            continue
        fields = [
            ("title", r["summary"]),
            ("location", places.get(r["location_id"])),
            ("description", r["description"]),
            ("calendar.name", calendars.get(r["calendar_id"])),
        ]
        columns = ("start_date", "end_date", "all_day")
        yield _event(source, f"CalendarItem ROWID={r[0]}", IOS, r, columns, False, attendees.get(r[0], []), fields, book)
        yield from book
