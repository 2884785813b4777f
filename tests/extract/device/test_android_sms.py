"""Android's SMS and MMS database (mmssms.db): SMS and MMS with their text, parties, times and conversations; a part
that cannot be read refused alone."""

from __future__ import annotations

import sqlite3

from redactor.records import Item, Refused
from tests.extract.device.generated.android_sms import ALEX, JO, SAM, mmssms_db
from tests.extract.device.helpers import pick, records_of, run, seg
from tests.extract.device.sqlite_damage import damage_middle_leaf


def _records(path, tmp_path) -> list:  # noqa: ANN001
    return records_of(path, tmp_path / "work", "android-mmssms-db")


def test_sms_and_mms_are_read_with_their_words_parties_times_and_conversations(tmp_path):
    path = tmp_path / "mmssms.db"
    mmssms_db(path)
    assert pick(path) == "android-mmssms-db"
    items, _, people = run(path, tmp_path / "work")
    messages = {i.locator: i for i in items if i.kind == "message"}
    facts = {locator: item.device.to_json() for locator, item in messages.items()}
    assert seg(messages["sms _id=1"], "text") == "Are you still at 14 Mill Lane?"
    assert facts["sms _id=1"]["sender"]["phone"] == "+447700900456" and facts["sms _id=1"]["direction"]["value"] == "incoming"
    assert facts["sms _id=1"]["time"]["utc"] == "2024-02-29T15:36:47Z"
    assert facts["sms _id=2"]["sender"]["owner"] and seg(messages["sms _id=2"], "recipients") == JO
    photo = messages["pdu _id=1"]
    assert seg(photo, "text") == "Photo from the party, Sam" and seg(photo, "subject") == "Saturday"
    assert seg(photo, "attachment.name") == "IMG_20240229.jpg" and "smil" not in seg(photo, "text")
    assert facts["pdu _id=1"]["sender"]["phone"] == SAM and [p["phone"] for p in facts["pdu _id=1"]["recipients"]] == [ALEX]
    assert facts["pdu _id=1"]["time"]["utc"] == "2024-02-29T15:41:47Z"
    assert facts["pdu _id=2"]["direction"]["value"] == "outgoing" and seg(messages["pdu _id=2"], "text") == "Lovely, thanks"
    threads = {i.locator: i for i in items if i.kind == "thread"}
    assert SAM in seg(threads["threads _id=2"], "participants") and ALEX in seg(threads["threads _id=2"], "participants")
    assert facts["pdu _id=1"]["thread"]["key"] == threads["threads _id=2"].device.to_json()["thread"]["key"]
    assert {p.phones[0] for p in people} == {"+447700900456", SAM, ALEX}


def test_a_part_that_is_not_utf8_refuses_its_mms_alone(tmp_path):
    path = tmp_path / "mmssms.db"
    mmssms_db(path)
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE part SET text = CAST(X'4cff76656c79' AS TEXT) WHERE mid = 2")
        conn.execute("UPDATE sms SET body = CAST(X'41ff72' AS TEXT) WHERE _id = 1")
    conn.close()
    records = _records(path, tmp_path)
    assert sorted(r.locator for r in records if isinstance(r, Refused)) == ["pdu _id=2", "sms _id=1"]
    assert sorted(r.locator for r in records if isinstance(r, Item) and r.kind == "message") == ["pdu _id=1", "sms _id=2"]


def test_a_damaged_page_refuses_its_rows_and_the_rest_is_read(tmp_path):
    path = tmp_path / "mmssms.db"
    mmssms_db(path, extra=3_000)
    lost = damage_middle_leaf(path, "sms")
    records = _records(path, tmp_path)
    refused = [r.locator for r in records if isinstance(r, Refused)]
    read = {int(r.locator.split("=")[1]) for r in records if isinstance(r, Item) and r.locator.startswith("sms ")}
    assert len(refused) == 1 and refused[0].startswith("sms rows ")
    assert read.isdisjoint(lost) and len(read) == 3_002 - len(lost)
    assert any(r.locator == "pdu _id=1" for r in records if isinstance(r, Item))
