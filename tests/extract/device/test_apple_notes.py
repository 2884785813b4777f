"""Apple Notes (NoteStore.sqlite): each note's words read from its compressed body, with title, folder, times and
deleted state; a note locked with a password or a body that cannot be read refused alone, never passed on empty.
Before this reader, the database was quarantined whole as an unsupported SQLite file."""

from __future__ import annotations

import gzip

import pytest

from redactor.errors import EncryptedInput
from redactor.extract.device.apple_notes import BodyError, note_text
from redactor.records import Item, Refused
from tests.extract.device.generated.apple_notes import body, notes_db
from tests.extract.device.helpers import pick, records_of, seg


def _notes(records: list) -> dict[str, Item]:
    return {r.locator: r for r in records if isinstance(r, Item) and r.kind == "note"}


def test_every_note_is_read_with_its_words_title_folder_and_times(tmp_path):
    path = tmp_path / "NoteStore.sqlite"
    notes_db(path)
    assert pick(path) == "apple-notes-db"
    records = records_of(path, tmp_path / "work")
    notes = _notes(records)
    assert sorted(notes) == ["note Z_PK=10", "note Z_PK=11", "note Z_PK=13"]
    diary = notes["note Z_PK=10"]
    assert seg(diary, "text") == "Thursday\nDana Whitcombe came to the flat at 9. Her number is 07700 900777."
    assert seg(diary, "title") == "Thursday" and seg(diary, "folder.name") == "Notes"
    assert diary.device.to_json()["time"]["utc"] == "2024-02-29T15:57:57Z"  # modified: WHEN + 10 + 60 s
    assert diary.meta["created"]["utc"] == "2024-02-29T15:56:57Z" and diary.meta["deleted"] == "Intact"
    assert seg(notes["note Z_PK=11"], "text") == "Shopping\nmilk, bread"  # where the drawing stood: dropped
    deleted = notes["note Z_PK=13"]
    assert deleted.meta["deleted"] == "Deleted" and seg(deleted, "folder.name") == "Recently Deleted"
    assert [a.type for a in notes["note Z_PK=11"].device.attachments] == ["com.apple.drawing.2"]
    refused = {r.locator: r for r in records if isinstance(r, Refused)}
    assert sorted(refused) == ["note Z_PK=10 tables", "note Z_PK=12"]
    locked = refused["note Z_PK=12"]
    assert locked.code == EncryptedInput.code and "password" in locked.reason
    tables = refused["note Z_PK=10 tables"]  # the tables' cells are not read: said, never dropped in silence
    assert "2 tables" in tables.reason and "extraction tool's own report" in tables.reason


@pytest.mark.parametrize(
    ("data", "why"),
    [
        (b"not compressed at all", "not gzip"),
        (body("Rang Sam at 14 Mill Lane")[:-12], "cut short"),
        (gzip.compress(b"\x12\x05\x1a\x03\x12\x09ab"), "past the end"),
        (gzip.compress(b"\x08\x01"), "no field 2"),
    ],
    ids=["not-gzip", "gzip-cut-short", "field-past-end", "no-document"],
)
def test_a_body_this_reader_cannot_read_refuses_that_note_alone(tmp_path, data, why):
    path = tmp_path / "NoteStore.sqlite"
    notes_db(path, bodies={13: data})
    records = records_of(path, tmp_path / "work")
    refused = {r.locator: r for r in records if isinstance(r, Refused)}
    assert sorted(refused) == ["note Z_PK=10 tables", "note Z_PK=12", "note Z_PK=13"]
    assert why in refused["note Z_PK=13"].reason and "Mill Lane" not in refused["note Z_PK=13"].reason
    assert "extraction tool's own report" in refused["note Z_PK=13"].reason
    assert sorted(_notes(records)) == ["note Z_PK=10", "note Z_PK=11"]


def test_a_body_that_inflates_past_the_limit_is_refused_without_inflating_it_whole(monkeypatch):
    from redactor.extract.device import apple_notes

    monkeypatch.setattr(apple_notes, "MAX_BODY", 1 << 16)
    with pytest.raises(BodyError, match="larger than"):
        note_text(gzip.compress(b"\x00" * (1 << 20)))
    assert note_text(body("x" * 60_000)) == "x" * 60_000
