"""Android WhatsApp's msgstore.db (current and older layouts) with names from wa.db beside it, and wa.db on its own:
before, each was quarantined as an unsupported SQLite file."""

from __future__ import annotations

import sqlite3

import pytest

from redactor.records import Item, Refused
from tests.extract.device.generated.whatsapp_android import ALEX, JO, msgstore, msgstore_old, wa_db
from tests.extract.device.helpers import pick, records_of, run, seg
from tests.extract.device.sqlite_damage import damage_middle_leaf


def _said(items: list[Item]) -> list[tuple]:
    out = []
    for i in items:
        if i.kind != "message":
            continue
        facts = i.device.to_json()
        sender = facts.get("sender") or {}
        out.append(
            (
                seg(i, "text"),
                sender.get("name"),
                sender.get("phone"),
                facts["direction"]["value"],
                seg(i, "location"),
                seg(i, "attachment.name"),
            )
        )
    return out


EXPECTED = [
    ("I'm outside Flat 2, 14 Mill Lane", "Jo Example", "+447700900456", "incoming", None, None),
    ("Coming down now", None, None, "outgoing", None, None),
    (None, "Jo Example", "+447700900456", "incoming", "50.7184, -3.5339 (Exeter Central)", None),
    ("the photo from Saturday", "Alex Witness", "+447700900123", "incoming", None, "IMG-20240229-WA0001.jpg"),
    ("Saturday still on?", "Alex Witness", "+447700900123", "incoming", None, None),
]


@pytest.mark.parametrize("layout", ["current", "older"])
def test_msgstore_gives_every_message_with_names_from_wa_db_beside_it(layout, tmp_path):
    path = tmp_path / "msgstore.db"
    (msgstore if layout == "current" else msgstore_old)(path)
    wa_db(tmp_path / "wa.db")
    assert pick(path) == "whatsapp-android-db"
    items, _, people = run(path, tmp_path / "work")
    expected = EXPECTED if layout == "current" else [e[:4] + ("50.7184, -3.5339" if e[4] else None, e[5]) for e in EXPECTED]
    assert _said(items) == expected
    first = items[0].device.to_json()
    assert first["time"]["utc"] == "2024-02-29T15:36:47Z"
    threads = {seg(i, "thread.name") for i in items if i.kind == "thread"}
    assert threads == {"Jo Example", "Flat 2 lot"}
    assert {p.name for p in people} >= {"Jo Example", "Alex Witness"}
    assert all(JO not in i.locator and ALEX not in i.locator for i in items)  # a locator never holds a number


def test_without_wa_db_the_senders_are_their_numbers(tmp_path):
    path = tmp_path / "msgstore.db"
    msgstore(path)
    items, _, _ = run(path, tmp_path / "work")
    assert [s[1:3] for s in _said(items)][0] == (None, "+447700900456")


def test_wa_db_on_its_own_is_an_address_book(tmp_path):
    path = tmp_path / "wa.db"
    wa_db(path)
    assert pick(path) == "whatsapp-android-db"
    items, _, people = run(path, tmp_path / "work")
    assert [(seg(i, "name"), seg(i, "tel.whatsapp")) for i in items] == [("Jo Example", "07700 900456"), ("Alex Witness", "07700 900123")]
    assert {p.name for p in people} == {"Jo Example", "Alex Witness"}


@pytest.mark.parametrize("damage", ["not UTF-8", "damaged page"])
def test_a_bad_message_is_refused_alone(damage, tmp_path):
    path = tmp_path / "msgstore.db"
    msgstore(path, extra=0 if damage == "not UTF-8" else 3_000)
    lost: set[int] = set()
    if damage == "not UTF-8":
        conn = sqlite3.connect(path)
        with conn:
            conn.execute("UPDATE message SET text_data = CAST(X'4fff6b' AS TEXT) WHERE _id = 2")
        conn.close()
    else:
        lost = damage_middle_leaf(path, "message")
    records = records_of(path, tmp_path / "work", "whatsapp-android-db")
    refused = [r.locator for r in records if isinstance(r, Refused)]
    read = {int(r.locator.split("=")[1]) for r in records if isinstance(r, Item) and r.kind == "message"}
    if damage == "not UTF-8":
        assert refused == ["message _id=2"] and read == {1, 3, 4, 5}
    else:
        assert len(refused) == 1 and refused[0].startswith("message rows ") and read.isdisjoint(lost) and len(read) == 3_005 - len(lost)
