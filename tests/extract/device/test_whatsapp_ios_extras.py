"""WhatsApp for iOS's address book (``ContactsV2.sqlite``) and calls (``CallHistory.sqlite``): contacts as items and
known people, calls with direction, kind, outcome and duration, parties named from the address book beside. Before these
readers both were left among a file system's files not read (found by running a public test phone's extraction)."""

from __future__ import annotations

import pytest

from tests.extract.device.generated.whatsapp_ios_extras import call_history, contacts_v2
from tests.extract.device.helpers import pick, read_store, run, seg
from tests.extract.device.sqlite_damage import read_around_damage


def test_the_address_book_gives_contacts_and_known_people(tmp_path):
    items, people = read_store(tmp_path, contacts_v2, "ContactsV2.sqlite", "whatsapp-ios-contacts-db")
    dana, priya = items
    assert (seg(dana, "name"), seg(dana, "tel"), seg(dana, "field.about")) == ("Dana Whitcombe", "+44 7700 900456", "at work till six")
    by_name = {p.name: p for p in people}
    assert by_name["Dana Whitcombe"].phones == ("+447700900456",) and by_name["Priya Raman"].phones == ("+447700900789",)


def test_calls_with_direction_kind_and_the_party_named_from_the_address_book_beside(tmp_path):
    contacts_v2(tmp_path / "ContactsV2.sqlite")
    path = tmp_path / "CallHistory.sqlite"
    call_history(path)
    assert pick(path) == "whatsapp-ios-calls-db"
    items, _, _ = run(path, tmp_path / "work")
    out, missed = (i.device.to_json() for i in items)
    assert out["direction"]["value"] == "outgoing" and out["recipients"][0]["name"] == "Dana Whitcombe"
    assert out["time"]["utc"] == "2024-02-29T15:56:47Z" and items[0].meta["duration"] == "95 s" and items[0].meta["call_type"] == "voice"
    assert missed["direction"]["value"] == "missed" and items[1].meta["call_type"] == "video" and items[1].meta["outcome"] == "missed"
    assert seg(items[1], "party.1") == "Dana Whitcombe <447700900456@s.whatsapp.net>"


def test_the_address_book_beside_is_read_with_its_write_ahead_log(tmp_path):
    """A phone acquired live: the address book's names only in its ``-wal`` (before, the calls' parties had numbers only)."""
    from tests.extract.device.generated.whatsapp_ios_extras import CONTACTS, DANA
    from tests.extract.device.test_real_layouts import _live

    def build(_, conn):
        conn.executescript(CONTACTS)
        conn.execute("INSERT INTO ZWAADDRESSBOOKCONTACT (ZFULLNAME, ZWHATSAPPID) VALUES ('Dana Whitcombe', ?)", (DANA,))
        conn.commit()

    _live(tmp_path / "ContactsV2.sqlite", build)
    path = tmp_path / "CallHistory.sqlite"
    call_history(path)
    items, _, _ = run(path, tmp_path / "work")
    assert seg(items[1], "party.1") == "Dana Whitcombe <447700900456@s.whatsapp.net>"


def test_calls_without_the_address_book_keep_the_parties_numbers(tmp_path):
    path = tmp_path / "CallHistory.sqlite"
    call_history(path)
    items, _, _ = run(path, tmp_path / "work")
    assert seg(items[0], "party.1") == "447700900456@s.whatsapp.net"


@pytest.mark.parametrize(
    ("write", "name", "reader", "table"),
    [
        (contacts_v2, "ContactsV2.sqlite", "whatsapp-ios-contacts-db", "ZWAADDRESSBOOKCONTACT"),
        (call_history, "CallHistory.sqlite", "whatsapp-ios-calls-db", "ZWACDCALLEVENT"),
    ],
)
def test_a_damaged_page_refuses_only_its_rows(tmp_path, write, name, reader, table):
    path = tmp_path / name
    write(path, extra=3_000)
    refused, read, lost = read_around_damage(path, table, reader, tmp_path / "work", f"{table} Z_PK=")
    assert len(refused) == 1 and refused[0].startswith(f"{table} rows ")
    assert lost and read.isdisjoint(lost) and len(read) == 3_002 - len(lost)
