"""Typed facts of device items (``Item.device``): built from the JSON shape the device extractors write, stored and read back."""

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


def test_an_item_keeps_facts_typed_and_only_extras_in_meta():
    item = Item("m1", "s1", "line 1", "message", "m", (), {**_meta(), "thread": "plain"})
    assert "sender" not in item.meta and item.meta["edited"] is True
    assert item.meta["thread"] == "plain" and item.device.thread is None  # not in a fact's shape: kept as an extra, untyped
    assert DeviceFacts.from_meta(item.device.to_json()) == item.device  # the stored shape reads back the same
    document = Item("d1", "s1", "file", "document", "d", (), {"format": "pdf"})
    assert not document.device and document.device.to_json() == {}


def test_a_formats_own_keys_inside_a_fact_are_kept():
    meta = {
        "sender": {**common.party("a@example.org", "Ann", None, "from"), "source_field": "From"},
        "attachments": [{"name": "n.txt", "type": "text/plain", "present": True, "sha256": "ab", "size": 2}],
        "direction": {"value": "outgoing", "how": "Folder field"},
    }
    facts = DeviceFacts.from_meta(meta)
    assert facts.sender.role == "from" and dict(facts.sender.extra) == {"source_field": "From"}
    assert dict(facts.attachments[0].extra) == {"sha256": "ab", "size": 2} and facts.direction_how == "Folder field"
    again = facts.to_json()
    assert again["attachments"] == meta["attachments"] and again["direction"] == meta["direction"]
    assert {k: v for k, v in meta["sender"].items() if v is not None} == again["sender"]


# -- shared facts and their stored JSON (speed: equal parties and threads are typed and encoded once) -------------
def _odd_metas() -> list[dict]:
    """Facts whose values are equal in Python but not in JSON (1 == True == 1.0), extras, long and odd keys."""
    party = {"raw": "me", "name": "Sam", "owner": True}
    return [
        {"sender": party, "thread": {"id": "t", "key": "k"}},
        {"sender": dict(party), "thread": {"id": "t", "key": "k"}},  # equal: shared
        {"sender": {**party, "owner": 1}, "recipients": [{**party, "owner": 1.0}]},  # 1 is not True in JSON
        {"sender": {**party, "x": 1}, "participants": [{**party, "x": True}, {**party, "x": 1.0}]},  # extras differ
        {"sender": {"name": "Sam", "raw": "me", "owner": True}},  # other key order: other extras order, same facts
        {"sender": {**party, 7: "seven"}, "thread": {"id": "t", "key": "k", "n": [1]}},  # a non-str key, a list value
        {"sender": {**party, "name": "S" * 5000}, "direction": {"value": "outgoing", "how": None}},  # long: not kept
        {"direction": {"value": "incoming", "how": "Status field"}, "time": {"utc": None, "raw": "x", "tz_source": ""}},
        {"attachments": [{"name": "a.jpg", "present": 1, "size": 3}], "time": {"utc": "2024", "field": "TimeStamp"}},
        {"thread": {"id": "t2"}, "recipients": [], "participants": ["raw only"]},
    ]


def test_shared_facts_equal_fresh_ones_and_store_as_the_whole_encoded(monkeypatch):
    import json

    from redactor import facts as module
    from redactor.case.codec import device_json

    with monkeypatch.context() as m:
        m.setattr(module, "_typed", lambda cls, value: cls.from_json(value))  # no sharing
        fresh = [repr(module.split_meta(meta)) for meta in _odd_metas()]
    for _ in range(2):  # the second pass reads the caches
        for meta, expected in zip(_odd_metas(), fresh, strict=True):
            facts, rest = module.split_meta(meta)
            assert repr((facts, rest)) == expected
            assert device_json(facts) == json.dumps(facts.to_json(), default=str)
    first, second = (module.split_meta(m)[0] for m in _odd_metas()[:2])
    assert first.sender is second.sender and first.thread is second.thread
    third = module.split_meta(_odd_metas()[2])[0]
    assert third.sender.owner is None and third.recipients[0].owner is None


def test_facts_cache_is_bounded():
    from redactor import facts as module
    from redactor.case import codec

    for i in range(module._CACHE_MAX + 10):
        parsed = module.split_meta({"sender": {"raw": f"+4477009{i:05d}", "name": "A"}})[0]
        codec.device_json(parsed)
    assert len(module._CACHED) <= module._CACHE_MAX and len(codec._PARTS) <= codec._PARTS_MAX
