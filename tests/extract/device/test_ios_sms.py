"""The iOS Messages database (sms.db): SMS, iMessage and group chats, words in ``text`` (iOS 10) or only in the
archived ``attributedBody`` (iOS 16); a part that cannot be read refused alone, never passed on empty."""

from __future__ import annotations

import sqlite3

import pytest

from redactor.errors import InputError
from redactor.extract.device.ios_sms import body_text
from redactor.records import Item, Refused
from tests.extract.device.generated.ios_sms import ALEX, JO, WHEN, archived, sms_db, summary
from tests.extract.device.helpers import pick, records_of, run, seg
from tests.extract.device.sqlite_damage import damage_middle_leaf


def _messages(items: list[Item]) -> dict[str, Item]:
    return {i.locator: i for i in items if i.kind == "message"}


@pytest.mark.parametrize("new", [True, False], ids=["ios16-attributedBody", "ios10-text"])
def test_every_message_is_read_with_its_words_sender_time_and_conversation(tmp_path, new):
    path = tmp_path / "sms.db"
    sms_db(path, new=new)
    assert pick(path) == "ios-sms-db"
    items, _, people = run(path, tmp_path / "work")
    messages = _messages(items)
    assert seg(messages["message ROWID=1"], "text") == "Are you home? Flat 2, 14 Mill Lane"
    assert seg(messages["message ROWID=2"], "text") == "Yes. Ring 07700 900123 when you get here"
    assert seg(messages["message ROWID=6"], "text") == "Loved \u201cSaturday still on?\u201d"
    facts = {locator: item.device.to_json() for locator, item in messages.items()}
    first = facts["message ROWID=1"]
    assert first["sender"]["phone"] == JO and first["direction"]["value"] == "incoming"
    assert first["time"]["utc"] == "2024-02-29T15:57:47Z"  # WHEN + 60 s after 2001-01-01T00:00:00Z, in either unit
    assert facts["message ROWID=2"]["direction"]["value"] == "outgoing" and facts["message ROWID=2"]["sender"]["owner"]
    assert facts["message ROWID=4"]["sender"]["email"] == ALEX
    photo = messages["message ROWID=3"]
    assert seg(photo, "text") is None and seg(photo, "attachment.name") == "IMG_0042.HEIC"
    renamed = messages["message ROWID=5"]
    assert renamed.meta["system"] and seg(renamed, "group.name") == "Flat 2 lot"
    threads = {i.locator: i for i in items if i.kind == "thread"}
    assert seg(threads["chat ROWID=2"], "thread.name") == "Flat 2 lot" and JO in seg(threads["chat ROWID=2"], "participants")
    assert facts["message ROWID=4"]["thread"]["key"] == threads["chat ROWID=2"].device.to_json()["thread"]["key"]
    assert {p.phones[0] if p.phones else p.emails[0] for p in people} == {JO, ALEX, "+447700900123"}


def test_the_archived_string_is_read_at_every_length_and_script():
    for text in ("", "ok", "x" * 127, "y" * 128, "\u00e9\u00e8 " * 300, "\U0001d58d\U0001d58a " * 20, "z" * 40_000):
        assert body_text(archived(text)) == text
    assert body_text(b"") is None and body_text(b"streamtyped but no string") is None


def test_words_the_reader_cannot_read_refuse_that_message_alone(tmp_path):
    """Before this reader, an iOS sms.db was not read at all; a message whose archive is not one this reader knows would
    otherwise pass on empty: the reviewer would see nothing where the phone held words."""
    path = tmp_path / "sms.db"
    sms_db(path, body={2: b"\x04\x0bstreamtyped\x81\xe8\x03\x84\x01@ an archive of another shape"})
    records = records_of(path, tmp_path / "work", "ios-sms-db")
    refused = [r for r in records if isinstance(r, Refused)]
    assert [r.locator for r in refused] == ["message ROWID=2"]
    assert "attributedBody" in refused[0].reason and "07700" not in refused[0].reason
    assert len([r for r in records if isinstance(r, Item) and r.kind == "message"]) == 5


def test_a_damaged_page_refuses_its_rows_and_the_rest_is_read(tmp_path):
    path = tmp_path / "sms.db"
    sms_db(path, new=False, extra=3_000)
    lost = damage_middle_leaf(path, "message")

    records = records_of(path, tmp_path / "work", "ios-sms-db")
    refused = [r.locator for r in records if isinstance(r, Refused)]
    read = {int(r.locator.split("=")[1]) for r in records if isinstance(r, Item) and r.kind == "message"}
    assert len(refused) == 1 and refused[0].startswith("message rows ")
    assert read.isdisjoint(lost) and len(read) == 3_006 - len(lost)


def test_text_that_is_not_utf8_refuses_that_row_alone(tmp_path):
    path = tmp_path / "sms.db"
    sms_db(path, new=False)
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE message SET text = CAST(X'48ff6921' AS TEXT) WHERE ROWID = 4")
    conn.close()

    records = records_of(path, tmp_path / "work", "ios-sms-db")
    assert [r.locator for r in records if isinstance(r, Refused)] == ["message ROWID=4"]
    assert len([r for r in records if isinstance(r, Item) and r.kind == "message"]) == 5


def test_a_database_with_no_readable_message_is_refused_whole(tmp_path):
    path = tmp_path / "sms.db"
    sms_db(path, body={i: b"streamtyped NSString\x01\x94\x84\x01+\x85" for i in range(1, 7)})
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("DELETE FROM message WHERE attributedBody IS NULL")
    conn.close()
    with pytest.raises(InputError, match="attributedBody"):
        run(path, tmp_path / "work")


def _fields(item: Item, field: str) -> list[str]:
    return [s.text for s in item.segments if s.field == field]


def test_an_edited_message_keeps_what_the_sender_first_wrote_and_an_unsent_one_is_marked(tmp_path):
    """iOS 16 keeps an edited iMessage's earlier versions only in ``message_summary_info``: before, the reader passed on
    the last version alone, so the address and number the sender first wrote were never detected or reviewed."""
    path = tmp_path / "sms.db"
    first, second = "Saturday at Flat 9, 3 Rope Walk?", "Saturday at 3 Rope Walk, ring 07700 900777"
    edited = summary(first, second, "Saturday still on?")
    sms_db(path, body={1: None}, edits={4: (edited, (WHEN + 90) * 10**9, 0), 1: (summary(unsent=True), 0, (WHEN + 80) * 10**9)})
    records = records_of(path, tmp_path / "work", "ios-sms-db")
    assert not [r for r in records if isinstance(r, Refused)]
    messages = _messages([r for r in records if isinstance(r, Item)])
    changed = messages["message ROWID=4"]
    assert seg(changed, "text") == "Saturday still on?"
    assert _fields(changed, "text.before_edit") == [first, second]  # oldest first, the current text not repeated
    assert changed.meta["edited"] is True and changed.meta["deleted"] == "Intact"
    unsent = messages["message ROWID=1"]
    assert seg(unsent, "text") is None and unsent.meta["deleted"] == "Unsent" and unsent.meta["edited"] is False
    plain = messages["message ROWID=2"]
    assert plain.meta["edited"] is False and plain.meta["deleted"] == "Intact" and not _fields(plain, "text.before_edit")


@pytest.mark.parametrize(
    "broken",
    [b"bplist00 cut short", b"<?xml version='1.0'?><plist><array/></plist>", "version"],
    ids=["not-a-plist", "not-a-dictionary", "a-version-not-an-archive"],
)
def test_an_edit_history_the_reader_cannot_read_is_refused_alone_and_the_message_still_read(tmp_path, broken):
    path = tmp_path / "sms.db"
    blob = summary(b"\x04\x0bstreamtyped\x81\xe8\x03 another shape", "Saturday still on?") if broken == "version" else broken
    sms_db(path, edits={4: (blob, (WHEN + 90) * 10**9, 0)})
    records = records_of(path, tmp_path / "work", "ios-sms-db")
    refused = [r for r in records if isinstance(r, Refused)]
    assert [r.locator for r in refused] == ["message ROWID=4 edit history"]
    assert "earlier version" in refused[0].reason and "Saturday" not in refused[0].reason
    message = _messages([r for r in records if isinstance(r, Item)])["message ROWID=4"]
    assert seg(message, "text") == "Saturday still on?" and message.meta["edited"] is True


def test_an_edit_history_of_more_versions_than_imessage_allows_is_refused_not_read(tmp_path):
    path = tmp_path / "sms.db"
    sms_db(path, edits={4: (summary(*[f"try {n}" for n in range(200)]), (WHEN + 90) * 10**9, 0)})
    records = records_of(path, tmp_path / "work", "ios-sms-db")
    assert [r.locator for r in records if isinstance(r, Refused)] == ["message ROWID=4 edit history"]
    message = _messages([r for r in records if isinstance(r, Item)])["message ROWID=4"]
    assert not _fields(message, "text.before_edit")


def test_a_message_under_recently_deleted_is_read_in_its_conversation_and_marked(tmp_path):
    """iOS 16 moves a deleted message's join to chat_recoverable_message_join: before, it was read without its
    conversation and shown as intact."""
    path = tmp_path / "sms.db"
    sms_db(path)
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("CREATE TABLE chat_recoverable_message_join (chat_id INTEGER, message_id INTEGER, delete_date INTEGER)")
        conn.execute("INSERT INTO chat_recoverable_message_join SELECT chat_id, message_id, 0 FROM chat_message_join WHERE message_id = 2")
        conn.execute("DELETE FROM chat_message_join WHERE message_id = 2")
    conn.close()
    messages = _messages([r for r in records_of(path, tmp_path / "work", "ios-sms-db") if isinstance(r, Item)])
    gone, kept = messages["message ROWID=2"], messages["message ROWID=1"]
    assert gone.meta["deleted"] == "Recently Deleted" and kept.meta["deleted"] == "Intact"
    assert gone.device.to_json()["thread"]["key"] == kept.device.to_json()["thread"]["key"]
