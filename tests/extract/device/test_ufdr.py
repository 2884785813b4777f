"""Cellebrite UFDR: the shared sample (zip and bare report.xml) and generated reports."""

from __future__ import annotations

import pytest

from benchmarks.device_data import write_report, write_ufdr
from tests.extract.device.helpers import pick, run, seg

UFDR = "synthetic/ufdr/sample.ufdr"
REPORT = "synthetic/ufdr/unzipped/report.xml"


@pytest.mark.parametrize("rel", [UFDR, REPORT], ids=["zip", "bare-report"])
def test_sample_kinds_and_provenance(samples, rel, tmp_path):
    path = samples / rel
    assert pick(path) == "ufdr"
    items, derived, people = run(path, tmp_path)
    kinds = sorted(i.kind for i in items)
    assert kinds == sorted(["message"] * 4 + ["thread", "call", "contact", "email", "note", "web_visit"])
    chat = [i for i in items if i.device.thread and i.kind == "message"]
    assert len(chat) == 3 and len({i.device.thread.key for i in chat}) == 1
    first = chat[0]
    assert first.locator.startswith("/project/decodedData/modelType[@type='Chat']")
    assert first.device.to_json()["time"] == {
        "utc": "2024-03-01T09:15:02Z",
        "raw": "2024-03-01T09:15:02+00:00",
        "tz_source": "offset in formattedTimestamp",
        "field": "TimeStamp",
    }
    assert first.device.direction == "incoming" and first.device.sender.phone == "+447700900123"
    assert seg(first, "sender.name") == "Alex Witness"
    deleted = next(i for i in chat if i.meta["deleted"] == "Deleted")
    assert deleted.device.direction == "incoming"  # owner flag missing on From: joined from the participants
    assert "02/02/1990" in seg(deleted, "text")


def test_attachment_joined_and_extracted(samples, tmp_path):
    items, derived, _ = run(samples / UFDR, tmp_path)
    msg = next(i for i in items if i.device.attachments)
    att = msg.device.to_json()["attachments"][0]
    assert att["present"] is True and att["file_id"] == "f0000000-0000-4000-8000-000000000002" and len(att["sha256"]) == 64
    assert seg(msg, "attachment.name") == "IMG-20240301-WA0003.jpg"
    assert len(derived) == 1 and derived[0].path.is_file()
    assert (tmp_path / "derived") in derived[0].path.parents


def test_people_from_participants_contacts_and_correspondents(samples, tmp_path):
    _, _, people = run(samples / UFDR, tmp_path)
    by_name = {p.name: p for p in people}
    assert by_name["Sam Owner"].device_owner is True
    alex = by_name["Alex Witness"]
    assert "+447700900123" in alex.phones and "alex.witness@example.org" in alex.emails and "Alex" in alex.aliases
    assert "jo.example@example.com" in by_name["Jo Example"].emails


def test_generated_report_unknown_models_kept_and_ids_stable(tmp_path):
    path = write_ufdr(tmp_path / "gen.ufdr", 250)
    items, _, people = run(path, tmp_path / "w1")
    again, _, _ = run(path, tmp_path / "w2")
    assert [i.item_id for i in items] == [i.item_id for i in again]
    assert len({i.item_id for i in items}) == len(items)
    assert sum(i.kind == "message" for i in items) == 250
    unknown = next(i for i in items if i.meta.get("model_type") == "FitnessWorkout")
    assert unknown.kind == "record" and seg(unknown, "field.RouteName") == "Run past 9 Sample Street"
    assert {"Sophie Example", "Alex Witness"} <= {p.name for p in people}


def test_bare_report_without_zip(tmp_path):
    path = write_report(tmp_path / "report.xml", 30)
    items, _, _ = run(path, tmp_path / "w")
    assert sum(i.kind == "message" for i in items) == 30


CUSTOM = """<?xml version="1.0" encoding="utf-8"?>
<project xmlns="http://pa.cellebrite.com/report/2.0" reportVersion="8.5"><decodedData>
<modelType type="CalendarEntry"><model type="CalendarEntry" id="cal1" deleted_state="Deleted">
<field name="Subject" type="String"><value type="String">Dinner with Jo</value></field>
<field name="Location" type="String"><value type="String">9 Sample Street</value></field>
<field name="StartDate" type="TimeStamp"><value type="TimeStamp" formattedTimestamp="2024-03-02T19:00:00+01:00">x</value></field>
<field name="Colour" type="String"><value type="String">blue</value></field></model></modelType>
<modelType type="SMS"><model type="SMS" id="sms1" deleted_state="Intact">
<field name="Body" type="String"><value type="String">on my way</value></field>
<field name="Folder" type="String"><value type="String">Sent</value></field>
<field name="TimeStamp" type="TimeStamp"><value type="TimeStamp">2024-03-01T09:00:00</value></field>
<multiModelField name="Parties" type="Party"><model type="Party" id="p1">
<field name="Identifier" type="String"><value type="String">07700 900123</value></field>
<field name="Role" type="PartyRole"><value type="PartyRole">To</value></field></model></multiModelField></model></modelType>
</decodedData></project>
"""


def test_calendar_folder_direction_naive_time_and_unknown_fields(tmp_path):
    path = tmp_path / "report.xml"
    path.write_text(CUSTOM)
    items, _, _ = run(path, tmp_path / "w")
    cal, sms = items
    assert cal.kind == "calendar" and cal.meta["deleted"] == "Deleted"
    assert seg(cal, "subject") == "Dinner with Jo" and seg(cal, "location") == "9 Sample Street"
    assert seg(cal, "field.Colour") == "blue"  # an unknown field is kept and goes through detection
    assert cal.device.time.utc == "2024-03-02T18:00:00Z"
    assert sms.device.to_json()["direction"] == {"value": "outgoing", "how": "Folder field"}
    assert sms.device.recipients[0].phone == "+447700900123"
    assert sms.device.time.utc == "2024-03-01T09:00:00Z" and "Europe/London" in sms.device.time.tz_source
