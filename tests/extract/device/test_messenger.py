"""Facebook Messenger (msys_database): every message read with its text, sender, direction, attachments and shared
places; contacts known people. Before this reader the database was quarantined as an unsupported SQLite file."""

from __future__ import annotations

import sqlite3

from redactor.records import Item, Refused
from tests.extract.device.generated.messenger import msys_db
from tests.extract.device.helpers import pick, records_of, run, seg
from tests.extract.device.sqlite_damage import damage_middle_leaf


def _messages(items: list) -> dict[str, Item]:
    return {i.locator: i for i in items if isinstance(i, Item) and i.kind == "message"}


def test_every_message_is_read_with_its_sender_direction_and_attachments(tmp_path):
    path = tmp_path / "msys_database_100"
    msys_db(path)
    assert pick(path) == "messenger-msys-db"
    items, _, people = run(path, tmp_path / "work")
    messages = _messages(items)
    first = messages["messages message_id=mid.1"]
    assert seg(first, "text") == "Are you home? Flat 2, 14 Mill Lane" and seg(first, "sender.name") == "Dana Whitcombe"
    facts = first.device.to_json()
    assert facts["direction"]["value"] == "incoming" and facts["time"]["utc"] == "2024-02-29T15:56:47Z"
    reply = messages["messages message_id=mid.2"]
    assert reply.device.to_json()["direction"]["value"] == "outgoing" and seg(reply, "attachment.name") == "IMG_0042.jpg"
    place = messages["messages message_id=mid.3"]
    assert [s.text for s in place.segments if s.field == "attachment.title"] == ["The Crown Inn", "12 High Street, Leeds"]
    assert messages["messages message_id=mid.4"].meta["system"]
    assert first.device.to_json()["thread"]["key"] == reply.device.to_json()["thread"]["key"]
    assert [p.name for p in people] == ["Dana Whitcombe"]  # the owner is no known person


def test_without_an_owner_row_the_direction_is_unknown_not_guessed(tmp_path):
    path = tmp_path / "msys_database_100"
    msys_db(path, owner=False)
    items, _, _ = run(path, tmp_path / "work")
    assert {m.device.to_json()["direction"]["value"] for m in _messages(items).values()} == {"unknown"}


def test_an_attachment_row_that_is_not_utf8_is_refused_alone_and_its_message_read(tmp_path):
    path = tmp_path / "msys_database_100"
    msys_db(path)
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE attachments SET title_text = CAST(X'48ff6921' AS TEXT) WHERE message_id = 'mid.3'")
    conn.close()
    records = records_of(path, tmp_path / "work")
    assert [r.locator for r in records if isinstance(r, Refused)] == ["attachments rowid=2"]
    assert "messages message_id=mid.3" in _messages(records)


def test_a_damaged_page_of_messages_refuses_its_rows_and_the_rest_are_read(tmp_path):
    path = tmp_path / "msys_database_100"
    msys_db(path, extra=3_000)
    lost = damage_middle_leaf(path, "messages")
    records = records_of(path, tmp_path / "work", "messenger-msys-db")
    refused = [r.locator for r in records if isinstance(r, Refused)]
    assert len(refused) == 1 and refused[0].startswith("messages rows ")
    assert len(_messages(records)) == 3_004 - len(lost) and lost


def test_the_older_threads_db2_is_read_with_the_owner_from_the_uid_file_beside_it(tmp_path):
    from tests.extract.device.generated.messenger import threads_db2

    path = tmp_path / "threads_db2"
    threads_db2(path)
    assert pick(path) == "messenger-msys-db"
    records = records_of(path, tmp_path / "work")
    messages = _messages(records)
    first, reply = messages["messages message_id=m1"], messages["messages message_id=m2"]
    assert seg(first, "text") == "Are you home? Flat 2, 14 Mill Lane" and seg(first, "sender.name") == "Dana Whitcombe"
    assert first.device.to_json()["direction"]["value"] == "incoming" and first.meta["format"] == "messenger-threads-db"
    assert reply.device.to_json()["direction"]["value"] == "outgoing" and seg(reply, "attachment.name") == "IMG_0042.jpg"
    place = messages["messages message_id=m3"]
    assert [s.text for s in place.segments if s.field == "attachment.title"] == ["The Crown Inn", "12 High Street, Leeds"]
    assert [r.locator for r in records if isinstance(r, Refused)] == ["messages rowid=4 sender"]  # said, and read without it
    assert seg(messages["messages message_id=m4"], "text") == "who is this"
    assert [p.person.name for p in records if hasattr(p, "person")] == ["Dana Whitcombe"]
    (tmp_path / "threads_db2-uid").unlink()
    unknown = _messages(records_of(path, tmp_path / "work2"))
    assert {m.device.to_json()["direction"]["value"] for m in unknown.values()} == {"unknown"}
