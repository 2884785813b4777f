"""WhatsApp exports: every locale variant of the samples, and generated files."""

from __future__ import annotations

import pytest

from benchmarks.device_data import write_whatsapp
from redactor.errors import CorruptInput, EmptyInput, UnsupportedInput
from tests.extract.device.helpers import pick, run, seg

WA = "synthetic/whatsapp/"
PUB = "public/chat-miner/whatsapp/"

# file, date order inferred, messages (non-thread items), UTC time of the first message with a sender
CASES = [
    (WA + "android_en-GB_24h.txt", "dmy", 12, "2024-03-01T09:15:00Z"),
    (WA + "ios_en-GB_24h.txt", "dmy", 10, "2024-03-01T09:15:02Z"),
    (WA + "ios_en-US_12h_nnbsp.txt", "mdy", 3, "2024-03-01T09:15:02Z"),
    (PUB + "test_ddmmyy_24hrs.txt", "dmy", 9, "2019-01-01T11:25:00Z"),
    (PUB + "test_[mmddyy]_24hrs.txt", "mdy", 9, "2019-01-01T11:25:00Z"),
    (PUB + "test_mmddyyyy_12hrs.txt", "mdy", 9, "2019-01-01T11:25:00Z"),
    (PUB + "test_yyyymmdd_24hrs.txt", "ymd", 9, "2019-01-01T11:25:00Z"),
    ("public/chat-miner/signal/test_export.txt", "ymd", 2, "2019-12-24T12:23:00Z"),
]


@pytest.mark.parametrize(("rel", "order", "count", "first"), CASES, ids=[c[0].rsplit("/", 1)[1] for c in CASES])
def test_locale_variants(samples, rel, order, count, first, tmp_path):
    path = samples / rel
    assert pick(path) == "whatsapp"
    items, _, people = run(path, tmp_path)
    thread = next(i for i in items if i.kind == "thread")
    messages = [i for i in items if i.kind == "message"]
    assert thread.meta["date_order"] == order
    assert len(messages) == count
    assert next(m for m in messages if m.device.sender).device.time.utc == first
    assert people and all(p.name for p in people)


def test_twelve_hour_clock_pm_and_spanish_markers(samples, tmp_path):
    items, _, _ = run(samples / PUB / "test_mmddyyyy_12hrs.txt", tmp_path)
    times = [i.device.time.utc for i in items if i.kind == "message"]
    assert "2019-01-30T20:49:00Z" in times  # 08:49 p. m.
    assert "2020-06-19T23:08:00Z" in times  # 00:08 a. m. in BST is 23:08 UTC the day before


def test_markers_multiline_attachments_deleted_edited_system(samples, tmp_path):
    items, _, _ = run(samples / WA / "android_en-GB_24h.txt", tmp_path)
    by_line = {i.meta.get("line"): i for i in items if i.kind == "message"}
    assert by_line[1].meta["system"] is True and by_line[2].meta["system"] is True
    assert seg(by_line[8], "text") == "Thanks. Also my new email is\nalex.witness@example.org"
    assert by_line[6].device.attachments[0].name == "IMG-20240301-WA0003.jpg"
    assert seg(by_line[6], "attachment.name") == "IMG-20240301-WA0003.jpg"
    assert by_line[7].device.attachments[0].present is False and seg(by_line[7], "sender.id") == "+44 7700 900789"
    assert by_line[10].meta["deleted"] == "Deleted" and seg(by_line[10], "text") is None
    assert by_line[12].meta["edited"] is True and seg(by_line[12], "text") == "ok see you there"
    thread = next(i for i in items if i.kind == "thread")
    assert seg(thread, "thread.name") == "Flat 2"


def test_ios_marks_and_attachment_names(samples, tmp_path):
    items, _, _ = run(samples / WA / "ios_en-GB_24h.txt", tmp_path)
    texts = [seg(i, "text") or "" for i in items]
    assert not any("\u200e" in t for t in texts)
    names = [a.name for i in items for a in i.device.attachments]
    assert "00000003-PHOTO-2024-03-01-09-16-11.jpg" in names and "00000009-Jo Example.vcf" in names


def test_generated_export_counts_and_continuations(tmp_path):
    path = write_whatsapp(tmp_path / "chat.txt", 500)
    items, _, _ = run(path, tmp_path / "w")
    messages = [i for i in items if i.kind == "message"]
    assert len(messages) == 500
    assert seg(messages[9], "text").endswith("\nand another line")


@pytest.mark.parametrize(
    ("content", "name", "error"),
    [
        (b"Hello there, this is a note\nwith no chat headers\n", "WhatsApp Chat with Alex.txt", UnsupportedInput),
        (b"01/03/2024, 09:15 - Alex: caf\xe9 ok\n", "_chat.txt", CorruptInput),
        (b"01/03/2024, 09:15 - Alex: hi\n13/14/2024, 09:16 - Alex: impossible\n", "_chat.txt", CorruptInput),
    ],
    ids=["no-header", "invalid-utf8", "inconsistent-dates"],
)
def test_bad_exports_fail_clearly(content, name, error, tmp_path):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(error) as info:
        run(path, tmp_path / "w")
    assert str(path) in str(info.value)


def test_plain_text_is_not_claimed(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("Meeting notes\nnothing like a chat\n")
    assert pick(path) == "text"


def test_empty_export(tmp_path):
    from redactor.extract.device.whatsapp import extract_whatsapp

    path = tmp_path / "_chat.txt"
    path.write_bytes(b"")
    with pytest.raises(EmptyInput):
        list(extract_whatsapp(source_for_empty(path), path, None))


def source_for_empty(path):
    from redactor.records import Source

    return Source("0" * 64, "S0001", str(path), path.name, 0, "text/plain")


@pytest.mark.parametrize(
    "text",
    [
        "Officer's log\n01/03/2024, 09:15 - Alex: arrived\n",  # a title line first
        "01/03/2024, 09:15 - arrived at the address\n01/03/2024, 09:40 - left the address\n",  # no senders
    ],
)
def test_dated_notes_are_documents_not_chats(text, tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text(text)
    assert pick(path) == "text"
