"""Tinder and Bumble on Android: every message read with its words, sender (the match's name), direction and match; a
GIF's address as an attachment's title, not words; a damaged JSON copy refused and its message read from its columns.
Before these readers both databases were quarantined as ones no reader takes."""

from __future__ import annotations

import pytest

from redactor.records import Refused
from tests.extract.device.generated.dating import bumble_db, tinder_db
from tests.extract.device.helpers import pick, records_of, run, seg
from tests.extract.device.sqlite_damage import read_around_damage


def test_tinder_messages_are_read_with_their_sender_direction_and_match(tmp_path):
    path = tmp_path / "tinder-3.db"
    tinder_db(path)
    assert pick(path) == "tinder-android-db"
    items, _, people = run(path, tmp_path / "work")
    first, reply, gif, last = (i for i in items if i.kind == "message")
    assert (seg(first, "text"), seg(first, "sender.name")) == ("Are you home? Flat 2, 14 Mill Lane", "Dana")
    facts, out = first.device.to_json(), reply.device.to_json()
    assert facts["direction"]["value"] == "incoming" and facts["time"]["utc"] == "2024-02-29T15:56:47Z"
    assert out["direction"]["value"] == "outgoing" and out["sender"]["owner"] is True
    assert seg(gif, "text") is None and seg(gif, "attachment.title").endswith("cat.gif")
    assert seg(last, "text") == "see you at Hollins Road" and facts["thread"]["name"] == "Dana"
    assert "Dana" in {p.name for p in people}
    (refusal,) = [r for r in records_of(path, tmp_path / "work2") if isinstance(r, Refused)]
    assert refusal.locator == "message rowid=4 raw_message_data" and "Hollins" not in refusal.reason


def test_bumble_messages_are_read_with_their_sender_direction_and_link(tmp_path):
    path = tmp_path / "ChatComDatabase"
    bumble_db(path)
    assert pick(path) == "bumble-android-db"
    items, _, people = run(path, tmp_path / "work")
    first, reply, link = (i for i in items if i.kind == "message")
    assert (seg(first, "text"), seg(first, "sender.name")) == ("Meet at Hollins Road at six", "Priya")
    assert reply.device.to_json()["direction"]["value"] == "outgoing" and seg(reply, "text") == "ok, my number is 07700 900123"
    assert seg(link, "attachment.title") == "https://example.invalid/p" and first.device.to_json()["thread"]["name"] == "Priya"
    assert "Priya" in {p.name for p in people}


@pytest.mark.parametrize("app", ["tinder", "bumble"])
def test_a_damaged_page_of_messages_refuses_its_rows_and_the_rest_are_read(tmp_path, app):
    build, name, reader, count = (
        (tinder_db, "tinder-3.db", "tinder-android-db", 3_004)
        if app == "tinder"
        else (bumble_db, "ChatComDatabase", "bumble-android-db", 3_003)
    )
    path = tmp_path / name
    build(path, extra=3_000)
    refused, read, lost = read_around_damage(path, "message", reader, tmp_path / "work", "message rowid=")
    assert len([r for r in refused if r.startswith("message rows ")]) == 1
    assert read.isdisjoint(lost) and len(read) == count - len(lost)
