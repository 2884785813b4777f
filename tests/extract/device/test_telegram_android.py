"""Telegram for Android's message cache (``cache4.db``): every message's words read from its TL object (walked in the
layouts the client defines, found by the message's date in the others and behind a forward's header), with sender,
direction and conversation; a notice an item without words; a message whose words cannot be found refused alone.
Before this reader the database was refused as "Telegram for Android's message cache" with no reader."""

from __future__ import annotations

import pytest

from redactor.extract.device import telegram_android as tg
from redactor.records import Refused
from tests.extract.device.generated.telegram_android import DANA, WHEN, cache4_db, message, peer
from tests.extract.device.helpers import pick, records_of, run, seg
from tests.extract.device.sqlite_damage import read_around_damage


def test_every_message_is_read_with_its_words_sender_direction_and_conversation(tmp_path):
    path = tmp_path / "cache4.db"
    cache4_db(path)
    assert pick(path) == "telegram-android-db"
    items, _, people = run(path, tmp_path / "work")
    messages = {i.locator: i for i in items if i.kind == "message"}
    first, reply, forward, notice, group, unlisted = (messages[f"messages_v2 rowid={n}"] for n in range(1, 7))
    assert seg(first, "text") == "Are you home? Flat 2, 14 Mill Lane"
    assert (seg(first, "sender.name"), seg(first, "sender.id")) == ("Dana Whitcombe", "dana_w99")
    facts, out = first.device.to_json(), reply.device.to_json()
    assert facts["direction"]["value"] == "incoming" and facts["time"]["utc"] == "2024-02-29T15:56:47Z"
    assert out["direction"]["value"] == "outgoing" and out["sender"]["owner"] is True and seg(reply, "text") == "Yes, ring 07700 900123"
    assert seg(forward, "text") == "look at this, Hollins Road" and forward.device.to_json()["attachments"][0]["present"] is False
    assert seg(notice, "text") is None and notice.title == "Telegram notice" and seg(notice, "sender.name") == "Dana Whitcombe"
    assert seg(group, "text") == "Meet at Hollins Road at six" and seg(group, "sender.name") == "Priya Raman"
    assert group.device.to_json()["thread"]["name"] == "Book club" and facts["thread"]["name"] == "Dana Whitcombe"
    assert seg(unlisted, "text") == "an unlisted layout" and seg(unlisted, "sender.name") == "Dana Whitcombe"
    named = {p.name: p for p in people}
    assert {"Dana Whitcombe", "Priya Raman"} <= set(named) and "dana_w99" in named["Dana Whitcombe"].aliases
    assert "+447700900456" in named["Jo Example"].phones and "+447700900999" not in named["Jo Example"].phones


def test_a_users_name_is_spelled_as_the_user_object_spells_it():
    assert tg.user_name("dana whitcombe;;;;;;dana_w99", b"\x00\x05Dana\x00\x09Whitcombe") == ("Dana Whitcombe", "dana_w99")
    assert tg.user_name("jo;;;dzho;;;jo_x", b"major\x02JO") == ("JO", "jo_x")  # a whole word only, never 'jo' in 'major'
    assert tg.user_name("priya raman", None) == ("priya raman", None)  # no object: as stored
    assert tg.user_name("", b"x") == (None, None)


def test_a_message_whose_words_cannot_be_found_is_refused_alone_without_its_content(tmp_path):
    path = tmp_path / "cache4.db"
    cache4_db(path)
    records = records_of(path, tmp_path / "work")
    (refusal,) = [r for r in records if isinstance(r, Refused)]
    assert refusal.locator == "messages_v2 rowid=7" and "cut short" not in refusal.reason
    assert len([r for r in records if getattr(r, "kind", None) == "message"]) == 6


def test_the_words_are_found_by_the_date_only_where_a_valid_string_follows_it():
    me = peer(4000)
    data = message(1, DANA, me, "hello there", WHEN)
    assert tg.read_message(data, WHEN) == {"sender": DANA, "text": "hello there"}
    # the walk drifts (a date column that disagrees): the words are found by the column's date, or refused
    with pytest.raises(tg.TLError):
        tg.read_message(data, WHEN + 1)
    # a date followed by bytes that are not a string of valid UTF-8 is passed over
    bad = data.replace(b"hello there", b"\xff\xfe\xfd\xfc\xfb\xfa\xf9\xf8\xf7\xf6\xf5")
    with pytest.raises(tg.TLError):
        tg.read_message(bad, WHEN)
    with pytest.raises(tg.TLError):
        tg.read_message(b"\x00" * 4, WHEN)  # no object at all


def test_a_damaged_page_of_messages_refuses_its_rows_and_the_rest_are_read(tmp_path):
    path = tmp_path / "cache4.db"
    cache4_db(path, extra=3_000)
    refused, read, lost = read_around_damage(path, "messages_v2", "telegram-android-db", tmp_path / "work", "messages_v2 rowid=")
    assert len([r for r in refused if r.startswith("messages_v2 rows ")]) == 1
    assert read.isdisjoint(lost) and len(read) == 3_006 - len(lost)
