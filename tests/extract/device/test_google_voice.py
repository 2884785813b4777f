"""Google Voice for iOS (``threadingStore.sqlite``): texts, calls and voicemails with their numbers, direction from
the item's type, time, duration and thread; a voicemail's transcript its text. Found on a public test phone (iLEAPP's
test data): before, the store was quarantined as a database of an app no reader knows."""

from __future__ import annotations

from redactor.records import Item, Refused
from tests.extract.device.generated.google_voice import DANA, OWNER, PRIYA, threading_store
from tests.extract.device.helpers import pick, records_of, run, seg
from tests.extract.device.sqlite_damage import damage_middle_leaf

READER = "google-voice-ios-db"


def test_texts_calls_and_voicemails_with_numbers_direction_time_and_thread(tmp_path):
    path = tmp_path / "threadingStore.sqlite"
    threading_store(path)
    assert pick(path) == READER
    items, _, people = run(path, tmp_path / "work")
    text_in, text_out, missed, voicemail, group = items
    assert [i.kind for i in items] == ["message", "message", "call", "call", "message"]
    facts = text_in.device.to_json()
    assert seg(text_in, "text") == "Are you home? Flat 2, 14 Mill Lane" and facts["direction"]["value"] == "incoming"
    assert facts["sender"]["raw"] == DANA and facts["time"]["utc"] == "2024-02-29T15:56:47Z"
    out = text_out.device.to_json()
    assert out["direction"]["value"] == "outgoing" and out["sender"]["owner"] is True and out["sender"]["raw"] == OWNER
    assert [p["raw"] for p in out["recipients"]] == [DANA]
    assert missed.device.to_json()["direction"]["value"] == "missed" and missed.meta["duration"] == "0 s"
    assert seg(voicemail, "text") == "Hi it is Dana, call me back on 07700 900456" and voicemail.meta["call_type"] == "voicemail"
    assert group.device.to_json()["thread"]["name"] == "Saturday" and len(group.device.to_json()["recipients"]) == 2
    assert sorted(p for person in people for p in person.phones) == sorted([DANA, PRIYA])


def test_a_damaged_page_refuses_only_its_rows(tmp_path):
    path = tmp_path / "threadingStore.sqlite"
    threading_store(path, extra=3_000)
    lost = damage_middle_leaf(path, "ThreadItem")
    records = records_of(path, tmp_path / "work", READER)
    refused = [r.locator for r in records if isinstance(r, Refused)]
    assert len(refused) == 1 and refused[0].startswith("ThreadItem rows ")
    assert lost and len([r for r in records if isinstance(r, Item)]) == 3_005 - len(lost)
