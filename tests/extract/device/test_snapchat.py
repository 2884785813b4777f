"""Snapchat for Android (``arroyo.db``, ``main.db`` beside it): every chat text read with its sender (named from
``main.db``'s friends), direction and conversation; a snap an item that says it was not read; a text whose buffer is
damaged refused alone. Before this reader the database was refused as "Snapchat's message database" with no reader."""

from __future__ import annotations

import pytest

from redactor.extract.device import protobuf
from redactor.records import Refused
from tests.extract.device.generated.snapchat import DANA, PRIYA, arroyo_db, content, main_db
from tests.extract.device.helpers import pick, records_of, run, seg
from tests.extract.device.sqlite_damage import read_around_damage


def _messages(path, work):
    items, _, people = run(path, work)
    return {i.locator: i for i in items if i.kind == "message"}, people


@pytest.mark.parametrize("layout", ["current", "older"])
def test_every_message_is_read_with_its_sender_direction_and_conversation(tmp_path, layout):
    path = tmp_path / "arroyo.db"
    arroyo_db(path, layout=layout)
    main_db(tmp_path / "main.db")
    assert pick(path) == "snapchat-android-db"
    messages, people = _messages(path, tmp_path / "work")
    first, reply, snap, group = (messages[f"conversation_message rowid={n}"] for n in (1, 2, 3, 4))
    assert seg(first, "text") == "Are you home? Flat 2, 14 Mill Lane"
    assert (seg(first, "sender.name"), seg(first, "sender.id")) == ("Dana Whitcombe", "dana_w99")
    facts, out = first.device.to_json(), reply.device.to_json()
    assert facts["direction"]["value"] == "incoming" and facts["time"]["utc"] == "2024-02-29T15:56:47Z"
    assert out["direction"]["value"] == "outgoing" and out["sender"]["owner"] is True and seg(reply, "text") == "Yes, ring 07700 900123"
    assert seg(snap, "text") is None and snap.device.to_json()["attachments"][0]["type"] == "content type 2"
    assert facts["thread"]["key"] == out["thread"]["key"] != group.device.to_json()["thread"]["key"]
    assert group.device.to_json()["thread"]["name"] == "Book club" and seg(group, "text") == "Meet at Hollins Road at six"
    assert seg(group, "sender.id") == PRIYA and group.device.to_json()["direction"]["value"] == "incoming"
    assert "Dana Whitcombe" in {p.name for p in people}


def test_a_text_whose_buffer_is_damaged_is_refused_alone(tmp_path):
    path = tmp_path / "arroyo.db"
    arroyo_db(path)
    records = records_of(path, tmp_path / "work")
    (refusal,) = [r for r in records if isinstance(r, Refused)]
    assert refusal.locator == "conversation_message rowid=5" and "runs past the end" in refusal.reason
    assert len([r for r in records if getattr(r, "kind", None) == "message"]) == 4


def test_without_main_db_senders_are_their_user_ids_and_directions_still_known(tmp_path):
    path = tmp_path / "arroyo.db"
    arroyo_db(path)
    messages, _ = _messages(path, tmp_path / "work")
    first = messages["conversation_message rowid=1"]
    assert seg(first, "sender.id") == DANA and seg(first, "sender.name") is None
    assert first.device.to_json()["direction"]["value"] == "incoming"


def test_when_no_message_was_written_on_this_phone_every_direction_is_unknown(tmp_path):
    path = tmp_path / "arroyo.db"
    arroyo_db(path, owner_writes=False)
    main_db(tmp_path / "main.db")
    messages, _ = _messages(path, tmp_path / "work")
    assert {m.device.to_json()["direction"]["value"] for m in messages.values()} == {"unknown"}  # never guessed


def test_a_damaged_page_of_messages_refuses_its_rows_and_the_rest_are_read(tmp_path):
    path = tmp_path / "arroyo.db"
    arroyo_db(path, extra=3_000)
    refused, read, lost = read_around_damage(
        path, "conversation_message", "snapchat-android-db", tmp_path / "work", "conversation_message rowid="
    )
    assert len([r for r in refused if r.startswith("conversation_message rows ")]) == 1
    assert read.isdisjoint(lost) and len(read) == 3_004 - len(lost)


def test_the_wire_reader_reads_fields_by_number_and_refuses_what_runs_past_the_end():
    buffer = content(DANA, "c", 1, "hello", 5)
    assert protobuf.walk(buffer, 4, 4, 2, 1) == b"hello"
    assert protobuf.walk(buffer, 2, 1) == DANA.encode() and protobuf.number(protobuf.field(buffer, 4), 2) == 1
    assert protobuf.walk(buffer, 9) is None
    for bad in (b"\x0a\x05ab", b"\x0b", b"\x08\xff"):  # a length past the end, a group, a number cut short
        with pytest.raises(protobuf.WireError):
            protobuf.walk(bad, 1)


def test_main_db_on_its_own_is_an_address_book_of_the_friends(tmp_path):
    path = tmp_path / "main.db"
    main_db(path)
    assert pick(path) == "snapchat-android-db"
    items, _, people = run(path, tmp_path / "work")
    assert [(seg(i, "name"), seg(i, "username")) for i in items] == [("Sam", "sam.owner"), ("Dana Whitcombe", "dana_w99")]
    assert {"Sam", "Dana Whitcombe"} <= {p.name for p in people}
    dana = next(p for p in people if p.name == "Dana Whitcombe")
    assert "dana_w99" in dana.aliases  # a handle in a message is known as hers


def test_a_damaged_friends_table_beside_names_whom_it_can_and_the_rest_are_read_by_id(tmp_path):
    import sqlite3

    from redactor.extract.device import sqlite_source
    from tests.extract.device.sqlite_damage import damage_middle_leaf

    path = tmp_path / "main.db"
    main_db(path)
    with sqlite3.connect(path) as conn:
        conn.executemany(
            "INSERT INTO Friend (userId, username, displayName) VALUES (?, ?, ?)", [(f"u{i}", f"h{i}", f"N {i}") for i in range(3000)]
        )
    conn.close()
    lost = damage_middle_leaf(path, "Friend")
    rows = list(sqlite_source.rows_beside(path, tmp_path / "work", "Friend", ("userId", "username", "displayName")))
    assert 0 < len(rows) == 3002 - len(lost) and rows[1] == (DANA, "dana_w99", "Dana Whitcombe")
    (tmp_path / "junk.db").write_bytes(b"not a database" * 100)
    assert list(sqlite_source.rows_beside(tmp_path / "junk.db", tmp_path / "work", "Friend", ("userId",))) == []
