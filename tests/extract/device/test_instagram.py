"""Instagram direct messages on Android (``direct.db``): every message read with its words (a link's and a call
notice's too), sender (full name and username from the thread's participants), direction (from the signed-in
account), conversation; a photo an item saying it was not read; a damaged JSON refused and its message read from its
columns. Before this reader ``direct.db`` was quarantined as a database no reader takes."""

from __future__ import annotations

from redactor.records import Refused
from tests.extract.device.generated.instagram import PRIYA, direct_db
from tests.extract.device.helpers import pick, records_of, run, seg
from tests.extract.device.sqlite_damage import read_around_damage


def _messages(path, work):
    items, _, people = run(path, work)
    return {i.locator: i for i in items if i.kind == "message"}, people


def test_every_message_is_read_with_its_words_sender_direction_and_conversation(tmp_path):
    path = tmp_path / "direct.db"
    direct_db(path)
    assert pick(path) == "instagram-android-db"
    messages, people = _messages(path, tmp_path / "work")
    first, reply, photo, link, call, group, cut = (messages[f"messages rowid={n}"] for n in range(1, 8))
    assert seg(first, "text") == "Are you home? Flat 2, 14 Mill Lane"
    assert (seg(first, "sender.name"), seg(first, "sender.id")) == ("Dana Whitcombe", "dana_w99")
    facts, out = first.device.to_json(), reply.device.to_json()
    assert facts["direction"]["value"] == "incoming" and facts["time"]["utc"] == "2024-02-29T15:56:47Z"
    assert out["direction"]["value"] == "outgoing" and out["sender"]["owner"] is True
    assert seg(photo, "text") is None and photo.device.to_json()["attachments"][0]["present"] is False
    assert seg(link, "attachment.title") == "look at this, Hollins Road"
    assert seg(call, "attachment.title") == "You started a video chat" and call.device.to_json()["direction"]["value"] == "outgoing"
    assert facts["thread"]["key"] == out["thread"]["key"] != group.device.to_json()["thread"]["key"]
    assert group.device.to_json()["thread"]["name"] == "Book club" and seg(group, "sender.name") == "Priya Raman"
    assert seg(cut, "text") == "the words survive" and cut.device.to_json().get("sender") is None
    named = {p.name: p for p in people}
    assert {"Dana Whitcombe", "Priya Raman"} <= set(named) and "Sam" not in named
    assert "priya.r" in named["Priya Raman"].aliases


def test_a_damaged_json_is_refused_and_its_message_read_from_its_columns(tmp_path):
    path = tmp_path / "direct.db"
    direct_db(path)
    records = records_of(path, tmp_path / "work")
    (refusal,) = [r for r in records if isinstance(r, Refused)]
    assert refusal.locator == "messages rowid=7 message" and "not JSON" in refusal.reason
    assert PRIYA not in refusal.reason and "survive" not in refusal.reason  # a reason never holds the content
    assert len([r for r in records if getattr(r, "kind", None) == "message"]) == 7


def test_without_a_signed_in_account_every_direction_is_unknown(tmp_path):
    path = tmp_path / "direct.db"
    direct_db(path, session=False)
    messages, _ = _messages(path, tmp_path / "work")
    assert {m.device.to_json()["direction"]["value"] for m in messages.values()} == {"unknown"}  # never guessed


def test_a_damaged_page_of_messages_refuses_its_rows_and_the_rest_are_read(tmp_path):
    path = tmp_path / "direct.db"
    direct_db(path, extra=3_000)
    refused, read, lost = read_around_damage(path, "messages", "instagram-android-db", tmp_path / "work", "messages rowid=")
    assert len([r for r in refused if r.startswith("messages rows ")]) == 1
    assert read.isdisjoint(lost) and len(read) == 3_007 - len(lost)


def test_a_json_column_that_is_not_an_object_is_refused_without_its_value(tmp_path):
    from redactor.extract.device.sqlite_source import json_object

    assert json_object(tmp_path, '{"a": 1}', "messages rowid=1 message") == ({"a": 1}, None)
    assert json_object(tmp_path, None, "x") == ({}, None) and json_object(tmp_path, "  ", "x") == ({}, None)
    for value, why in (
        ('["Dana Whitcombe"]', "not a JSON object"),
        ('{"cut', "not JSON"),
        ("[" * 100_000, "not JSON"),
        (b"\x00", "not JSON"),
    ):
        found, (locator, error) = json_object(tmp_path, value, "messages rowid=1 message")
        assert found == {} and locator == "messages rowid=1 message" and why in str(error) and "Dana" not in str(error)
