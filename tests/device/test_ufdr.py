"""Cellebrite UFDR: the shared sample (zip and bare report.xml) and generated reports."""

from __future__ import annotations

import pytest

from benchmarks.device_data import write_report, write_ufdr
from tests.device.helpers import SAMPLES, pick, run, seg

UFDR = SAMPLES / "synthetic" / "ufdr" / "sample.ufdr"
REPORT = SAMPLES / "synthetic" / "ufdr" / "unzipped" / "report.xml"


@pytest.mark.parametrize("path", [UFDR, REPORT], ids=["zip", "bare-report"])
def test_sample_kinds_and_provenance(path, tmp_path):
    assert pick(path) == "ufdr"
    items, derived, people = run(path, tmp_path)
    kinds = sorted(i.kind for i in items)
    assert kinds == sorted(["message"] * 4 + ["thread", "call", "contact", "email", "note", "web_visit"])
    chat = [i for i in items if i.meta.get("thread") and i.kind == "message"]
    assert len(chat) == 3 and len({i.meta["thread"]["key"] for i in chat}) == 1
    first = chat[0]
    assert first.locator.startswith("/project/decodedData/modelType[@type='Chat']")
    assert first.meta["time"] == {
        "utc": "2024-03-01T09:15:02Z",
        "raw": "2024-03-01T09:15:02+00:00",
        "tz_source": "offset in formattedTimestamp",
        "field": "TimeStamp",
    }
    assert first.meta["direction"]["value"] == "incoming" and first.meta["sender"]["phone"] == "+447700900123"
    assert seg(first, "sender.name") == "Alex Witness"
    deleted = next(i for i in chat if i.meta["deleted"] == "Deleted")
    assert deleted.meta["direction"]["value"] == "incoming"  # owner flag missing on From: joined from the participants
    assert "02/02/1990" in seg(deleted, "text")


def test_attachment_joined_and_extracted(tmp_path):
    items, derived, _ = run(UFDR, tmp_path)
    msg = next(i for i in items if i.meta.get("attachments"))
    att = msg.meta["attachments"][0]
    assert att["present"] is True and att["file_id"] == "f0000000-0000-4000-8000-000000000002" and len(att["sha256"]) == 64
    assert seg(msg, "attachment.name") == "IMG-20240301-WA0003.jpg"
    assert len(derived) == 1 and derived[0].path.is_file()
    assert (tmp_path / "derived") in derived[0].path.parents


def test_people_from_participants_contacts_and_correspondents(tmp_path):
    _, _, people = run(UFDR, tmp_path)
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
