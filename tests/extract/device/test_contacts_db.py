"""Address books as databases (iOS AddressBook.sqlitedb, Android contacts2.db): a contact item per contact and a known
person for detection everywhere else, as a vCard's card gives; a contact a value of which cannot be read is refused."""

from __future__ import annotations

import sqlite3

import pytest

from redactor.records import Item, Mention, Refused
from tests.extract.device.generated.contacts_db import address_book, contacts2
from tests.extract.device.helpers import pick, records_of, run, seg
from tests.extract.device.sqlite_damage import damage_middle_leaf


def _fields(item: Item) -> list[tuple[str, str]]:
    return [(s.field, s.text) for s in item.segments]


def test_an_ios_address_book_gives_contacts_and_known_people(tmp_path):
    path = tmp_path / "AddressBook.sqlitedb"
    address_book(path)
    assert pick(path) == "contacts-db"
    items, _, people = run(path, tmp_path / "work")
    jo, alex = items
    assert _fields(jo) == [
        ("name", "Jo Example"),
        ("nickname", "Jojo"),
        ("tel.mobile", "07700 900456"),
        ("email.home", "jo.example@example.com"),
        ("adr.home", "Flat 2, 14 Mill Lane, Exeter, EX1 1AA, United Kingdom"),
    ]
    assert seg(alex, "name") == "Dr Alex Witness" and seg(alex, "tel.work") == "+44 20 7946 0123" and seg(alex, "note") == "met at the gym"
    by_name = {p.name: p for p in people}
    assert set(by_name["Jo Example"].aliases) >= {"Jo", "Jojo"} and by_name["Jo Example"].phones == ("+447700900456",)
    assert by_name["Jo Example"].emails == ("jo.example@example.com",) and by_name["Dr Alex Witness"].phones == ("+442079460123",)


def test_an_android_address_book_gives_contacts_known_people_and_says_what_was_deleted(tmp_path):
    path = tmp_path / "contacts2.db"
    contacts2(path)
    assert pick(path) == "contacts-db"
    items, _, people = run(path, tmp_path / "work")
    jo, alex, gone = items
    assert _fields(jo) == [
        ("name", "Jo Example"),
        ("tel.mobile", "07700 900456"),
        ("email.home", "jo.example@example.com"),
        ("adr.home", "Flat 2, 14 Mill Lane, Exeter EX1 1AA"),
        ("nickname", "Jojo"),
    ]
    assert seg(alex, "tel.work") == "+44 20 7946 0123" and seg(alex, "note") == "met at the gym"
    assert seg(gone, "status").startswith("deleted on the phone") and seg(gone, "tel.mobile") == "07700 900789"
    by_name = {p.name: p for p in people}
    assert set(by_name["Jo Example"].aliases) >= {"Jo", "Jojo"} and "+447700900789" in by_name["Sam Gone"].phones


@pytest.mark.parametrize("system", ["ios", "android"])
def test_a_contact_whose_value_is_not_utf8_is_refused_alone(system, tmp_path):
    path = tmp_path / "book.db"
    (address_book if system == "ios" else contacts2)(path)
    table = "ABMultiValue" if system == "ios" else "data"
    conn = sqlite3.connect(path)
    with conn:
        conn.execute(
            f"UPDATE {table} SET value = CAST(X'3037ff' AS TEXT) WHERE rowid = 4"
            if system == "ios"
            else f"UPDATE {table} SET data1 = CAST(X'3037ff' AS TEXT) WHERE _id = 7"
        )
    conn.close()
    records = records_of(path, tmp_path / "work", "contacts-db")
    refused = [r.locator for r in records if isinstance(r, Refused)]
    assert refused == (["ABPerson ROWID=2"] if system == "ios" else ["raw_contacts _id=2"])  # Alex, never a person without that number
    names = [r.person.name for r in records if isinstance(r, Mention)]
    assert "Jo Example" in names and not any("Alex" in n for n in names)
    assert len([r for r in records if isinstance(r, Item)]) == (1 if system == "ios" else 2)


def test_a_damaged_page_refuses_its_contacts_and_the_rest_are_read(tmp_path):
    path = tmp_path / "AddressBook.sqlitedb"
    address_book(path, extra=3_000)
    lost = damage_middle_leaf(path, "ABPerson")
    records = records_of(path, tmp_path / "work", "contacts-db")
    refused = [r.locator for r in records if isinstance(r, Refused)]
    read = {int(r.locator.split("=")[1]) for r in records if isinstance(r, Item)}
    assert len(refused) == 1 and refused[0].startswith("ABPerson rows ")
    assert read.isdisjoint(lost) and len(read) == 3_002 - len(lost)
