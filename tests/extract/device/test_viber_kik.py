"""Viber and Kik on Android: every message read with its text, sender, direction and conversation (a group's name
too), an attachment's file name; contacts known people, the owner not. Before these readers both databases were
refused as "Viber's message database" / "Kik's message database" with no reader to take them."""

from __future__ import annotations

import pytest

from tests.extract.device.generated.viber_kik import kik_db, viber_db
from tests.extract.device.helpers import pick, run, seg
from tests.extract.device.sqlite_damage import read_around_damage

APPS = {
    "viber": (viber_db, "viber_messages", "viber-android-db", "messages _id=", "messages"),
    "kik": (kik_db, "kikDatabase.db", "kik-android-db", "messagesTable _id=", "messagesTable"),
}


@pytest.mark.parametrize("app", APPS)
def test_every_message_is_read_with_its_sender_direction_conversation_and_attachment(tmp_path, app):
    build, name, reader, prefix, _ = APPS[app]
    path = tmp_path / name
    build(path)
    assert pick(path) == reader
    items, _, people = run(path, tmp_path / "work")
    messages = {i.locator: i for i in items if i.kind == "message"}
    first, reply, group = (messages[f"{prefix}{n}"] for n in (1, 2, 3))
    assert seg(first, "text") == "Are you home? Flat 2, 14 Mill Lane" and seg(first, "sender.name") == "Dana Whitcombe"
    facts, out = first.device.to_json(), reply.device.to_json()
    assert facts["direction"]["value"] == "incoming" and facts["time"]["utc"] == "2024-02-29T15:56:47Z"
    assert out["direction"]["value"] == "outgoing" and out["sender"]["owner"] is True
    assert seg(reply, "attachment.name") == "IMG_0042.jpg" and out["attachments"][0]["present"] is False
    assert facts["thread"]["key"] == out["thread"]["key"] != group.device.to_json()["thread"]["key"]
    assert group.device.to_json()["thread"]["name"] == "Book club" and seg(group, "sender.name") == "Priya Raman"
    assert {"Dana Whitcombe", "Priya Raman"} <= {p.name for p in people} and "Me" not in {p.name for p in people}
    if app == "viber":
        assert facts["sender"]["phone"] == "+447700900777"


@pytest.mark.parametrize("app", APPS)
def test_a_damaged_page_of_messages_refuses_its_rows_and_the_rest_are_read(tmp_path, app):
    build, name, reader, prefix, table = APPS[app]
    path = tmp_path / name
    build(path, extra=3_000)
    refused, read, lost = read_around_damage(path, table, reader, tmp_path / "work", prefix)
    assert len(refused) == 1 and refused[0].startswith(f"{table} rows ")
    assert read.isdisjoint(lost) and len(read) == 3_003 - len(lost)
