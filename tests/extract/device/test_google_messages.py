"""Google Messages (bugle_db): every SMS, MMS and RCS message read with its text parts, files, sender, direction and
conversation; a part that cannot be read refuses its message whole. Before this reader the database was quarantined
whole as an unsupported SQLite file, and RCS chats are kept nowhere else on the phone."""

from __future__ import annotations

import sqlite3

from redactor.records import Item, Refused
from tests.extract.device.generated.google_messages import ALEX, JO, bugle_db
from tests.extract.device.helpers import pick, records_of, run, seg
from tests.extract.device.sqlite_damage import read_around_damage


def _messages(items: list) -> dict[str, Item]:
    return {i.locator: i for i in items if isinstance(i, Item) and i.kind == "message"}


def test_every_message_is_read_with_its_parts_sender_direction_and_conversation(tmp_path):
    path = tmp_path / "bugle_db"
    bugle_db(path)
    assert pick(path) == "google-messages-db"
    items, _, people = run(path, tmp_path / "work")
    messages = _messages(items)
    assert sorted(messages) == [f"messages _id={n}" for n in (1, 2, 3, 4)]
    first = messages["messages _id=1"]
    assert seg(first, "text") == "Are you home? Flat 2, 14 Mill Lane" and seg(first, "sender.name") == "Jo Example"
    facts = first.device.to_json()
    assert facts["direction"]["value"] == "incoming" and facts["sender"]["phone"] == JO
    assert facts["time"]["utc"] == "2024-02-29T15:57:47Z"
    reply = messages["messages _id=2"].device.to_json()
    assert reply["direction"]["value"] == "outgoing" and reply["sender"]["owner"] and reply["recipients"][0]["phone"] == JO
    photo = messages["messages _id=3"]
    assert seg(photo, "text") == "this is the car" and seg(photo, "attachment.name") == "IMG_0042.jpg"
    assert [(a["type"], a["size"]) for a in photo.device.to_json()["attachments"]] == [("image/jpeg", 20_480)]
    group = messages["messages _id=4"]
    assert seg(group, "group.name") == "Flat 2 lot" and group.device.to_json()["sender"]["phone"] == ALEX
    threads = {i.locator: i for i in items if i.kind == "thread"}
    assert seg(threads["conversations _id=2"], "thread.name") == "Flat 2 lot" and threads["conversations _id=2"].meta["group"]
    assert first.device.to_json()["thread"]["key"] == threads["conversations _id=1"].device.to_json()["thread"]["key"]
    assert sorted(p.phones[0] for p in people) == sorted([JO, ALEX])  # the owner is no known person


def test_a_part_that_is_not_utf8_refuses_its_message_whole(tmp_path):
    path = tmp_path / "bugle_db"
    bugle_db(path)
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE parts SET text = CAST(X'48ff6921' AS TEXT) WHERE _id = 4")
    conn.close()
    records = records_of(path, tmp_path / "work")
    assert [r.locator for r in records if isinstance(r, Refused)] == ["messages _id=3"]
    assert sorted(_messages(records)) == [f"messages _id={n}" for n in (1, 2, 4)]


def test_a_damaged_page_of_messages_refuses_its_rows_and_the_rest_are_read(tmp_path):
    path = tmp_path / "bugle_db"
    bugle_db(path, extra=3_000)
    refused, read, lost = read_around_damage(path, "messages", "google-messages-db", tmp_path / "work", "messages ")
    assert len(refused) == 1 and refused[0].startswith("messages rows ")
    assert read.isdisjoint(lost) and len(read) == 3_004 - len(lost)
