"""TikTok direct messages on Android (``<account id>_im.db``, ``db_im_xx`` beside it): every message read with its
words (a shared GIF's name too), sender (nickname and handle from ``db_im_xx``), direction (the account the database is
named for) and conversation; content that is not JSON refused and its message read without it. Before this reader the
database was quarantined as one no reader takes."""

from __future__ import annotations

from redactor.records import Refused
from tests.extract.device.generated.tiktok import OWNER, PRIYA, im_db, xx_db
from tests.extract.device.helpers import pick, records_of, run, seg
from tests.extract.device.sqlite_damage import read_around_damage

IM_NAME = f"{OWNER}_im.db"


def test_every_message_is_read_with_its_words_sender_direction_and_conversation(tmp_path):
    path = tmp_path / IM_NAME
    im_db(path)
    xx_db(tmp_path / "db_im_xx")
    assert pick(path) == "tiktok-android-db"
    items, _, people = run(path, tmp_path / "work")
    messages = {i.locator: i for i in items if i.kind == "message"}
    first, reply, gif, other, cut = (messages[f"msg rowid={n}"] for n in range(1, 6))
    assert seg(first, "text") == "Are you home? Flat 2, 14 Mill Lane"
    assert (seg(first, "sender.name"), seg(first, "sender.id")) == ("Dana Whitcombe", "dana_w99")
    facts, out = first.device.to_json(), reply.device.to_json()
    assert facts["direction"]["value"] == "incoming" and facts["time"]["utc"] == "2024-02-29T15:56:47Z"
    assert out["direction"]["value"] == "outgoing" and out["sender"]["owner"] is True
    assert seg(gif, "attachment.title") == "dancing cat" and seg(gif, "text") is None
    assert seg(other, "sender.id") == str(PRIYA) and facts["thread"]["key"] != other.device.to_json()["thread"]["key"]
    assert seg(cut, "text") is None and cut.device.to_json()["direction"]["value"] == "incoming"
    named = {p.name: p for p in people}
    assert "Dana Whitcombe" in named and "dana_w99" in named["Dana Whitcombe"].aliases and "Sam" not in named


def test_content_that_is_not_json_is_refused_and_the_message_read_without_it(tmp_path):
    path = tmp_path / IM_NAME
    im_db(path)
    records = records_of(path, tmp_path / "work")
    (refusal,) = [r for r in records if isinstance(r, Refused)]
    assert refusal.locator == "msg rowid=5 content" and "cut" not in refusal.reason.replace("msg rowid=5 content", "")


def test_a_database_not_named_for_its_account_gives_unknown_directions(tmp_path):
    path = tmp_path / "im.db"
    im_db(path)
    items, _, _ = run(path, tmp_path / "work")
    assert {i.device.to_json()["direction"]["value"] for i in items if i.kind == "message"} == {"unknown"}


def test_db_im_xx_on_its_own_is_an_address_book(tmp_path):
    path = tmp_path / "db_im_xx"
    xx_db(path)
    assert pick(path) == "tiktok-android-db"
    items, _, people = run(path, tmp_path / "work")
    assert [(seg(i, "name"), seg(i, "username")) for i in items] == [("Sam", "sam.owner"), ("Dana Whitcombe", "dana_w99")]
    assert "dana_w99" in next(p for p in people if p.name == "Dana Whitcombe").aliases


def test_a_damaged_page_of_messages_refuses_its_rows_and_the_rest_are_read(tmp_path):
    path = tmp_path / IM_NAME
    im_db(path, extra=3_000)
    refused, read, lost = read_around_damage(path, "msg", "tiktok-android-db", tmp_path / "work", "msg rowid=")
    assert len([r for r in refused if r.startswith("msg rows ")]) == 1
    assert read.isdisjoint(lost) and len(read) == 3_005 - len(lost)
