"""Calendars (Android calendar.db, iOS Calendar.sqlitedb): every event read with its title, place, notes, attendees and
times, each attendee a known person; a damaged page or an attendee's bad row refused alone. Before this reader each
database was quarantined whole as an unsupported SQLite file."""

from __future__ import annotations

import sqlite3

import pytest

from redactor.records import Item, Refused
from tests.extract.device.generated.calendars import DANA, DANA_MAIL, calendar_db
from tests.extract.device.helpers import pick, records_of, run, seg
from tests.extract.device.sqlite_damage import read_around_damage

LOCATORS = {"android": "Events _id", "ios": "CalendarItem ROWID"}


@pytest.mark.parametrize("system", ["android", "ios"])
def test_every_event_is_read_with_its_place_attendees_and_times(tmp_path, system):
    path = tmp_path / "calendar.db"
    calendar_db(path, system)
    assert pick(path) == "calendar-db"
    items, _, people = run(path, tmp_path / "work")
    events = {i.locator: i for i in items}
    key = LOCATORS[system]
    assert sorted(events) == [f"{key}=1", f"{key}=2"]
    coffee = events[f"{key}=1"]
    assert coffee.kind == "calendar" and seg(coffee, "title") == "Coffee with Dana"
    assert "14 Mill Lane, Leeds LS6 2QF" in seg(coffee, "location") and seg(coffee, "description") == "bring the letters"
    assert seg(coffee, "recipients") == f"{DANA} <{DANA_MAIL}>"
    assert seg(coffee, "calendar.name") == ("Personal" if system == "android" else "Home")
    facts = coffee.device.to_json()
    assert facts["time"]["utc"] == "2024-02-29T15:56:47Z" and coffee.meta["end"]["utc"] == "2024-02-29T16:56:47Z"
    assert [(p.name, p.emails) for p in people] == [(DANA, (DANA_MAIL,))]
    other = events[f"{key}=2"]
    assert (other.meta["deleted"], other.meta["all_day"]) == (("Deleted", False) if system == "android" else ("Intact", True))


def test_a_damaged_page_of_events_refuses_its_rows_and_the_rest_are_read(tmp_path):
    path = tmp_path / "calendar.db"
    calendar_db(path, "android", extra=3_000)
    refused, read, lost = read_around_damage(path, "Events", "calendar-db", tmp_path / "work")
    assert len(refused) == 1 and refused[0].startswith("Events rows ")
    assert read.isdisjoint(lost) and len(read) == 3_002 - len(lost)


def test_an_attendee_row_that_is_not_utf8_is_refused_alone_and_the_event_still_read(tmp_path):
    path = tmp_path / "Calendar.sqlitedb"
    calendar_db(path, "ios")
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE Participant SET email = CAST(X'48ff6921' AS TEXT) WHERE ROWID = 1")
    conn.close()
    records = records_of(path, tmp_path / "work", "calendar-db")
    assert [r.locator for r in records if isinstance(r, Refused)] == ["Participant ROWID=1"]
    coffee = next(r for r in records if isinstance(r, Item) and r.locator == "CalendarItem ROWID=1")
    assert seg(coffee, "title") == "Coffee with Dana" and seg(coffee, "recipients") is None
