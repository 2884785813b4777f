"""Typed facts of device items, read from the JSON the device extractors store in ``meta``."""

from __future__ import annotations

from datetime import datetime

from redactor.case import CaseStore
from redactor.extract.device import common
from redactor.facts import Attachment, DeviceFacts, Moment, Party, Thread
from redactor.records import Item, Segment


def _meta() -> dict:
    sender = common.party("07700 900123", "Alex Witness", owner=False)
    return {
        "sender": sender,
        "recipients": [common.party("me", "Sam Owner", owner=True)],
        "thread": {"id": "chat-1", "key": "k1", "app": "WhatsApp"},
        "direction": common.direction(sender),
        "time": common.when(datetime(2024, 3, 1, 9, 15), "01/03/2024, 09:15", ""),
        "attachments": [{"name": "IMG-1.jpg", "type": "image", "present": True}, "not a record"],
        "edited": True,  # a format's own extra
    }


def test_facts_are_read_from_the_stored_shape():
    facts = DeviceFacts.from_meta(_meta())
    assert facts.sender == Party("07700 900123", "Alex Witness", "+447700900123", None, False)
    assert facts.sender.key == "+447700900123" and facts.sender.label == "Alex Witness"
    assert facts.recipients == (Party("me", "Sam Owner", None, None, True),)
    assert facts.thread == Thread("k1", "chat-1", "WhatsApp")
    assert facts.direction == "incoming"
    assert facts.time == Moment("2024-03-01T09:15:00Z", "01/03/2024, 09:15", "assumed Europe/London")
    assert facts.attachments == (Attachment("IMG-1.jpg", "image", True),)


def test_documents_and_odd_values_have_empty_facts():
    assert DeviceFacts.from_meta({}) == DeviceFacts()
    odd = DeviceFacts.from_meta({"sender": 7, "thread": "plain", "time": "yesterday", "direction": "in", "attachments": {}})
    assert odd == DeviceFacts()


def test_stored_items_read_back_with_the_same_facts(tmp_path):
    item = Item("m1", "s1", "line 1", "message", "WhatsApp message", (Segment("m1.0", "m1", 0, "text", "hi"),), _meta())
    with CaseStore.create(tmp_path / "case") as store:
        store.add_source("s1", "/x", "x.txt", 2, "text/plain")
        store.save_items("s1", [item])
        again = store.item("m1")
    assert again.device == item.device and again.meta["edited"] is True
