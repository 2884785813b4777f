"""Discord's Android message cache (``kv-storage/@account.<id>/a``): each cached message an item with its author,
direction (from the account in the file's path), time and channel; attachments, mentions and embeds kept; an entry
that is no message skipped, one whose value is not JSON refused alone. Before this reader the store was refused as a
SQLite database no reader takes (E031): nothing of it was reviewed."""

from __future__ import annotations

import shutil
import sqlite3

from redactor.records import Item, Refused
from tests.extract.device.generated.discord import kv_storage
from tests.extract.device.helpers import pick, records_of, run, seg
from tests.extract.device.sqlite_damage import read_around_damage


def _facts(item) -> dict:
    return item.device.to_json()


def test_cached_messages_with_author_direction_time_and_channel(tmp_path):
    path = kv_storage(tmp_path)
    assert pick(path) == "discord-android-kv"
    items, _, people = run(path, tmp_path / "work")
    incoming, reply, embed = items
    assert seg(incoming, "text") == "Are you home? Flat 2, 14 Mill Lane" and seg(incoming, "sender.name") == "Dana Whitcombe"
    facts = _facts(incoming)
    assert facts["direction"]["value"] == "incoming" and facts["time"]["utc"] == "2024-02-29T15:56:01Z"
    out = _facts(reply)
    assert out["direction"]["value"] == "outgoing" and out["sender"]["owner"] is True
    assert out["thread"]["key"] == facts["thread"]["key"] != _facts(embed)["thread"]["key"]
    assert (seg(reply, "attachment.1"), seg(reply, "mention.1")) == ("IMG_0042.jpg", "Dana Whitcombe")
    assert (seg(embed, "embed.1.title"), seg(embed, "embed.1.description")) == ("Hollins Road surgery", "3 Hollins Road, Leeds")
    assert [p.name for p in people] == ["Dana Whitcombe"]


def test_without_the_account_folder_the_direction_is_unknown(tmp_path):
    path = kv_storage(tmp_path / "x")
    moved = tmp_path / "a"
    shutil.copy(path, moved)
    items, _, _ = run(moved, tmp_path / "work")
    assert {_facts(i)["direction"]["value"] for i in items} == {"unknown"}


def test_a_value_that_is_not_json_is_refused_alone(tmp_path):
    path = kv_storage(tmp_path)
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("INSERT INTO messages0 VALUES (?, ?)", (b"k99", b"\x00\x07{not json: Mill Lane"))
    conn.close()
    records = records_of(path, tmp_path / "work")
    refused = [r for r in records if isinstance(r, Refused)]
    assert len(refused) == 1 and "Mill Lane" not in refused[0].reason and refused[0].locator.startswith("messages0 rowid=")
    assert sum(isinstance(r, Item) for r in records) == 3


def test_a_damaged_page_refuses_only_its_rows(tmp_path):
    path = kv_storage(tmp_path, extra=3_000)
    refused, read, lost = read_around_damage(path, "messages0", "discord-android-kv", tmp_path / "work", "messages0 rowid=")
    assert len(refused) == 1 and refused[0].startswith("messages0 rows ")
    assert lost and read.isdisjoint(lost) and len(read) == 3_000 + 3 - len(lost - {4})  # row 4 is no message
