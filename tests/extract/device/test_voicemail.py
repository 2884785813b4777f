"""iOS visual voicemail (``voicemail.db``): each voicemail a call from its caller with its time and duration, those in
the bin or removed marked deleted. Before this reader the store was left among a file system's files not read."""

from __future__ import annotations

from tests.extract.device.generated.voicemail import voicemail_db
from tests.extract.device.helpers import read_store, seg
from tests.extract.device.sqlite_damage import read_around_damage


def test_voicemails_are_calls_from_their_callers(tmp_path):
    items, _ = read_store(tmp_path, voicemail_db, "voicemail.db", "ios-voicemail-db")
    first, binned, removed = items
    facts = first.device.to_json()
    assert first.kind == "call" and facts["sender"]["phone"] == "+447700900456" and facts["direction"]["value"] == "incoming"
    assert facts["time"]["utc"] == "2024-02-29T15:56:47Z" and first.meta["duration"] == "23 s"
    assert seg(first, "field.callback number") == "+447700900456" and "deleted" not in first.meta
    assert binned.meta["deleted"] == "Deleted" and removed.meta["deleted"] == "Deleted"
    assert removed.locator.startswith("deleted ROWID=")


def test_a_damaged_page_refuses_only_its_rows(tmp_path):
    path = tmp_path / "voicemail.db"
    voicemail_db(path, extra=3_000)
    refused, read, lost = read_around_damage(path, "voicemail", "ios-voicemail-db", tmp_path / "work", "voicemail ROWID=")
    assert len(refused) == 1 and refused[0].startswith("voicemail rows ")
    assert lost and read.isdisjoint(lost) and len(read) == 3_002 - len(lost)
