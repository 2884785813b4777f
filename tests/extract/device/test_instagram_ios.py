"""Instagram direct messages on iOS (``DirectSQLiteDatabase/<id>.db``): each message's keyed archive read (text, call,
shared post's words), sender, direction from the thread's viewer, time; participants known people; an archive that
cannot be read refused alone, and a hostile one (a reference cycle, an exponential blow-up) refused, never followed.
Before, the database was quarantined as one no reader takes (E031)."""

from __future__ import annotations

import plistlib
import sqlite3

import pytest

from redactor.extract.device import nskeyed
from redactor.records import Item, Refused
from tests.extract.device.generated.instagram_ios import direct_db
from tests.extract.device.generated.keyed import Obj, archive
from tests.extract.device.helpers import pick, records_of, run, seg
from tests.extract.device.sqlite_damage import damage_middle_leaf


def test_messages_with_text_call_shared_words_sender_direction_and_time(tmp_path):
    path = tmp_path / "17841400000000001.db"
    direct_db(path)
    assert pick(path) == "instagram-ios-db"
    items, _, people = run(path, tmp_path / "work")
    first, reply, call, shared = items
    assert seg(first, "text") == "Are you home? Flat 2, 14 Mill Lane" and seg(first, "sender.name") == "Dana Whitcombe"
    facts = first.device.to_json()
    assert facts["direction"]["value"] == "incoming" and facts["time"]["utc"] == "2024-02-29T15:57:47Z"
    assert reply.device.to_json()["direction"]["value"] == "outgoing" and reply.device.to_json()["attachments"][0]["present"] is False
    assert seg(call, "call") == "Video chat ended" and seg(call, "field.content") is None  # the call's id is no one's words
    assert seg(shared, "field.content") == "Party at 14 Mill Lane"  # a kind the reader does not name: its words kept
    assert [p.name for p in people] == ["Dana Whitcombe"] and "dana.w" in people[0].aliases


def test_without_a_viewer_the_direction_is_unknown(tmp_path):
    path = tmp_path / "1.db"
    direct_db(path, viewer=False)
    items, _, _ = run(path, tmp_path / "work")
    assert {i.device.to_json()["direction"]["value"] for i in items} == {"unknown"}


def test_an_archive_that_cannot_be_read_is_refused_alone(tmp_path):
    path = tmp_path / "1.db"
    direct_db(path)
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE MESSAGES SET ARCHIVE = ? WHERE MESSAGE_ID = 'm1'", (b"bplist00 Mill Lane damaged",))
    conn.close()
    records = records_of(path, tmp_path / "work")
    (refused,) = [r for r in records if isinstance(r, Refused)]
    assert refused.locator == "MESSAGES rowid=1" and "Mill Lane" not in refused.reason
    assert len([r for r in records if isinstance(r, Item)]) == 3


def test_a_damaged_page_refuses_only_its_rows(tmp_path):
    path = tmp_path / "1.db"
    direct_db(path, extra=3_000)
    lost = damage_middle_leaf(path, "MESSAGES")
    records = records_of(path, tmp_path / "work", "instagram-ios-db")
    refused = [r.locator for r in records if isinstance(r, Refused)]
    assert len(refused) == 1 and refused[0].startswith("MESSAGES rows ")
    assert lost and len([r for r in records if isinstance(r, Item)]) == 3_004 - len(lost)


def test_keyed_archives_round_trip_dates_dicts_lists_and_app_objects():
    from datetime import UTC, datetime

    when = datetime(2024, 2, 29, 15, 56, 47, tzinfo=UTC)
    value = nskeyed.unarchive(archive(Obj("IGThing", **{"NSString*a": "x", "NSDate*t": when, "d": {"k": [1, "two", None]}})))
    assert value == {"NSString*a": "x", "NSDate*t": when, "d": {"k": [1, "two", None]}, "$class": "IGThing"}


def _hostile(objects: list) -> bytes:
    return plistlib.dumps({"$archiver": "NSKeyedArchiver", "$top": {"root": plistlib.UID(1)}, "$objects": objects}, fmt=plistlib.FMT_BINARY)


@pytest.mark.parametrize(
    "data",
    [
        _hostile(["$null", {"NS.objects": [plistlib.UID(1)]}]),  # a cycle
        _hostile(["$null", {"NS.objects": [plistlib.UID(9)]}]),  # out of range
        _hostile(["$null"] + [{"NS.objects": [plistlib.UID(i + 2)] * 2} for i in range(60)] + ["leaf"]),  # 2**60 leaves
        b"not a plist",
        plistlib.dumps({"a": 1}, fmt=plistlib.FMT_BINARY),  # a plist, no archive
    ],
    ids=["cycle", "out-of-range", "billion-laughs", "not-plist", "not-archive"],
)
def test_a_hostile_or_broken_archive_is_refused_not_followed(data):
    with pytest.raises(nskeyed.NotAnArchive):
        nskeyed.unarchive(data)
