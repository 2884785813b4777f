"""Kik, Viber and Tinder on iOS (``kik.sqlite``, ``Contacts.data``, ``Tinder2.sqlite``): every message read with its
words, sender, direction, time and conversation (a group's name too), an attachment's name; the people known, the owner
not; a notice the app wrote an item saying so; a damaged page's rows refused alone. Before these readers the three
stores of an iOS file-system extraction were refused as SQLite databases no reader takes: nothing of them reviewed."""

from __future__ import annotations

import pytest

from tests.extract.device.generated.ios_apps import kik_sqlite, tinder_sqlite, viber_contacts_data
from tests.extract.device.helpers import pick, run, seg
from tests.extract.device.sqlite_damage import read_around_damage

APPS = {
    "kik": (kik_sqlite, "kik.sqlite", "kik-ios-db", "ZKIKMESSAGE Z_PK=", "ZKIKMESSAGE"),
    "viber": (viber_contacts_data, "Contacts.data", "viber-ios-db", "ZVIBERMESSAGE Z_PK=", "ZVIBERMESSAGE"),
    "tinder": (tinder_sqlite, "Tinder2.sqlite", "tinder-ios-db", "ZMESSAGE Z_PK=", "ZMESSAGE"),
}


def _messages(tmp_path, app):
    build, name, reader, prefix, _ = APPS[app]
    path = tmp_path / name
    build(path)
    assert pick(path) == reader
    items, _, people = run(path, tmp_path / "work")
    return {int(i.locator.split("=")[1]): i for i in items if i.kind == "message"}, people


@pytest.mark.parametrize("app", APPS)
def test_a_message_in_and_a_reply_out(tmp_path, app):
    messages, people = _messages(tmp_path, app)
    first, reply = messages[1], messages[2]
    assert seg(first, "text") == "Are you home? Flat 2, 14 Mill Lane"
    facts, out = first.device.to_json(), reply.device.to_json()
    assert facts["direction"]["value"] == "incoming" and facts["time"]["utc"] == "2024-02-29T15:56:47Z"
    assert out["direction"]["value"] == "outgoing" and out["sender"]["owner"] is True
    assert facts["thread"]["key"] == out["thread"]["key"]
    assert seg(first, "sender.name") == ("Dana" if app == "tinder" else "Dana Whitcombe")
    assert {"Dana Whitcombe" if app != "tinder" else "Dana"} <= {p.name for p in people} and "Sam" not in {p.name for p in people}


def test_kik_group_messages_attachments_and_notices(tmp_path):
    messages, people = _messages(tmp_path, "kik")
    assert seg(messages[2], "attachment.name") == "IMG_0042.jpg" and seg(messages[2], "recipient.1").startswith("Dana Whitcombe")
    assert seg(messages[3], "sender.name") == "Priya Raman"
    notice = messages[4]
    assert notice.title == "Kik notice" and notice.device.to_json()["direction"]["value"] == "unknown" and "notice" in notice.meta
    dana = next(p for p in people if p.name == "Dana Whitcombe")
    assert dana.emails == ("dana@example.invalid",)


def test_viber_groups_numbers_and_a_writer_from_the_conversation(tmp_path):
    messages, _ = _messages(tmp_path, "viber")
    assert messages[1].device.to_json()["sender"]["phone"] == "+447700900777"  # no writer recorded: the chat's other party
    group = messages[3].device.to_json()
    assert group["thread"]["name"] == "Book club" and seg(messages[3], "sender.name") == "Priya Raman"
    assert group["sender"]["phone"] == "+48601234567"
    assert seg(messages[2], "attachment.name") == "IMG_0042.jpg" and "notice" in messages[4].meta


def test_tinder_without_the_owner_row_reads_direction_from_the_match(tmp_path):
    path = tmp_path / "Tinder2.sqlite"
    tinder_sqlite(path, owner=False)
    items, _, _ = run(path, tmp_path / "work")
    by = {int(i.locator.split("=")[1]): i.device.to_json()["direction"]["value"] for i in items if i.kind == "message"}
    assert by == {1: "incoming", 2: "unknown", 3: "incoming"}
    gif = next(i for i in items if i.locator == "ZMESSAGE Z_PK=3")
    assert seg(gif, "attachment.title").endswith("cat.gif") and seg(gif, "text") is None


@pytest.mark.parametrize("app", APPS)
def test_a_damaged_page_of_messages_refuses_its_rows_and_the_rest_are_read(tmp_path, app):
    build, name, reader, prefix, table = APPS[app]
    path = tmp_path / name
    build(path, extra=3_000)
    refused, read, lost = read_around_damage(path, table, reader, tmp_path / "work", prefix)
    assert len(refused) == 1 and refused[0].startswith(f"{table} rows ")
    total = 3_000 + (3 if app == "tinder" else 4)
    assert read.isdisjoint(lost) and len(read) == total - len(lost)
