"""Call logs as databases (Android calllog.db or contacts2.db's calls, iOS CallHistory.storedata): one call item per
call with the other party's name and number, direction, time and duration; before, none of these was read."""

from __future__ import annotations

import sqlite3

import pytest

from redactor.records import Item, Refused
from tests.extract.device.generated.call_log import callhistory, calllog_db, calls_table
from tests.extract.device.generated.contacts_db import contacts2
from tests.extract.device.helpers import pick, records_of, run, seg
from tests.extract.device.sqlite_damage import damage_middle_leaf


def _calls(items: list[Item]) -> list[tuple]:
    out = []
    for i in items:
        if i.kind != "call":
            continue
        facts = i.device.to_json()
        out.append((seg(i, "party.name"), seg(i, "party.id"), facts["direction"]["value"], facts["time"]["utc"], i.meta["duration"]))
    return out


def test_an_android_call_log_gives_every_call(tmp_path):
    path = tmp_path / "calllog.db"
    calllog_db(path)
    assert pick(path) == "call-log-db"
    items, _, people = run(path, tmp_path / "work")
    assert _calls(items) == [
        ("Jo Example", "07700 900456", "incoming", "2024-02-29T15:36:47Z", "125 s"),
        (None, "+447700900123", "missed", "2024-02-29T15:46:47Z", "0 s"),
        ("Jo Example", "07700 900456", "outgoing", "2024-02-29T15:51:47Z", "42 s"),
    ]
    assert {p.name for p in people} >= {"Jo Example"}


def test_an_ios_call_history_gives_every_call(tmp_path):
    path = tmp_path / "CallHistory.storedata"
    callhistory(path)
    assert pick(path) == "call-log-db"
    items, _, _ = run(path, tmp_path / "work")
    assert _calls(items) == [
        ("Jo Example", "07700 900456", "incoming", "2024-02-29T15:56:47Z", "125 s"),
        (None, "alex.example@example.com", "outgoing", "2024-02-29T16:06:47Z", "60 s"),
        (None, "+447700900123", "missed", "2024-02-29T16:11:47Z", "0 s"),
    ]
    assert items[1].meta["app"] == "FaceTime audio"


def test_older_androids_calls_in_the_contacts_database_are_read_with_the_contacts(tmp_path):
    path = tmp_path / "contacts2.db"
    contacts2(path)
    conn = sqlite3.connect(path)
    with conn:
        calls_table(conn)
    conn.close()
    assert pick(path) == "contacts-db"
    items, _, _ = run(path, tmp_path / "work")
    assert len([i for i in items if i.kind == "contact"]) == 3 and len(_calls(items)) == 3


@pytest.mark.parametrize("damage", ["not UTF-8", "damaged page"])
def test_a_bad_call_is_refused_alone(damage, tmp_path):
    path = tmp_path / "calllog.db"
    calllog_db(path, extra=0 if damage == "not UTF-8" else 3_000)
    lost: set[int] = set()
    if damage == "not UTF-8":
        conn = sqlite3.connect(path)
        with conn:
            conn.execute("UPDATE calls SET name = CAST(X'4aff' AS TEXT) WHERE _id = 2")
        conn.close()
    else:
        lost = damage_middle_leaf(path, "calls")
    records = records_of(path, tmp_path / "work", "call-log-db")
    refused = [r.locator for r in records if isinstance(r, Refused)]
    read = {int(r.locator.split("=")[1]) for r in records if isinstance(r, Item)}
    if damage == "not UTF-8":
        assert refused == ["calls _id=2"] and read == {1, 3}
    else:
        assert len(refused) == 1 and refused[0].startswith("calls rows ") and read.isdisjoint(lost) and len(read) == 3_003 - len(lost)
