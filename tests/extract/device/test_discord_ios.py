"""Discord for iOS: the messages its HTTP cache keeps (``Library/Caches/com.hammerandchisel.discord/Cache.db``, bodies
in ``fsCachedData``). Before this reader, on a public test phone's extraction (iLEAPP's test data), the cache was
listed among the files a phone's file system holds that nothing read: none of the chats reached review."""

from __future__ import annotations

import json
import sqlite3
import zipfile

import redactor.extract.archive  # noqa: F401  registers the zip reader
from redactor.records import DerivedFile, Item, Refused
from tests.extract.device.generated.discord import ACCOUNT
from tests.extract.device.generated.discord_ios import EDITED, ios_cache
from tests.extract.device.helpers import pick, records_of, run, seg
from tests.extract.device.sqlite_damage import damage_middle_leaf

READER = "discord-ios-cache"


def _facts(item: Item) -> dict:
    return item.device.to_json()


def _messages(items: list[Item]) -> list[Item]:
    return [i for i in items if i.kind == "message"]


def test_each_cached_message_read_once_from_its_latest_window(tmp_path):
    path = ios_cache(tmp_path)
    assert pick(path) == READER
    found, _, people = run(path, tmp_path / "work")
    items = _messages(found)
    assert [seg(i, "text") for i in items] == [EDITED, "Yes, ring 07700 900123", "On my way", "See you at 8"]  # id order
    first, photo, sent, later = items
    assert seg(first, "sender.name") == "Dana Whitcombe" and first.meta["edited"] == "2023-04-24T18:05:00+00:00"
    assert _facts(first)["direction"]["value"] == "incoming" and "login" in _facts(first)["direction"]["how"]
    assert {_facts(i)["direction"]["value"] for i in (photo, sent)} == {"outgoing"} and _facts(sent)["sender"]["owner"]
    assert seg(photo, "attachment.1") == "IMG_0042.jpg" and seg(later, "mention.1") == "sam_owner"
    assert _facts(first)["time"]["utc"] == "2023-04-24T18:01:00Z"
    assert len({_facts(i)["thread"]["key"] for i in items}) == 1
    assert [p.name for p in people] == ["Dana Whitcombe"]


def test_other_api_responses_are_records_but_not_the_login_nor_pictures(tmp_path):
    found, _, _ = run(ios_cache(tmp_path), tmp_path / "work")
    records = {i.meta["request"]: seg(i, "text") for i in found if i.kind == "record"}
    assert set(records) == {"users/1100000000000000002/profile", "users/@me/relationships"}
    assert "bio: Leeds" in records["users/1100000000000000002/profile"] and "Kit Marlow" in records["users/@me/relationships"]
    assert not any("not-a-token" in (s.text or "") for i in found for s in i.segments)


def test_without_a_login_the_message_sent_from_the_phone_names_the_account(tmp_path):
    items = _messages(run(ios_cache(tmp_path, login=False), tmp_path / "work")[0])
    assert [_facts(i)["direction"]["value"] for i in items] == ["incoming", "outgoing", "outgoing", "incoming"]
    assert "nonce" in _facts(items[1])["direction"]["how"]
    assert _facts(items[1])["sender"]["raw"] == ACCOUNT


def test_a_body_missing_from_fs_cached_data_or_not_json_is_refused_alone(tmp_path):
    path = ios_cache(tmp_path)
    conn = sqlite3.connect(path)
    with conn:
        (name,) = conn.execute("SELECT receiver_data FROM cfurl_cache_receiver_data WHERE entry_ID = 3").fetchone()
        conn.execute("UPDATE cfurl_cache_receiver_data SET receiver_data = ? WHERE entry_ID = 4", (b"{Mill Lane, not json",))
    (path.parent / "fsCachedData" / name).unlink()
    records = records_of(path, tmp_path / "work")
    refused = {r.locator: r.reason for r in records if isinstance(r, Refused)}
    assert set(refused) == {"cfurl_cache_receiver_data entry_ID=3", "cfurl_cache_receiver_data entry_ID=4"}
    assert f"fsCachedData/{name}" in refused["cfurl_cache_receiver_data entry_ID=3"]
    assert not any("Mill" in reason for reason in refused.values())
    assert [seg(r, "text") for r in _messages([r for r in records if isinstance(r, Item)])] == [
        EDITED,
        "Yes, ring 07700 900123",
        "See you at 8",
    ]


def test_another_apps_cache_is_left_and_a_moved_discord_cache_still_read(tmp_path):
    other = ios_cache(tmp_path / "a", folder="com.example.weather")
    conn = sqlite3.connect(other)
    with conn:
        conn.execute("UPDATE cfurl_cache_response SET request_key = 'https://weather.example/' || entry_ID")
    conn.close()
    assert pick(other) != READER
    moved = tmp_path / "b" / "Cache.db"
    moved.parent.mkdir()
    moved.write_bytes(ios_cache(tmp_path / "c", login=True).read_bytes())
    assert pick(moved) == READER


def test_a_file_system_archive_copies_the_bodies_with_the_cache(tmp_path):
    cache = ios_cache(tmp_path / "phone")
    app = "private/var/mobile/Containers/Data/Application/FC29/Library/Caches/"
    archive = tmp_path / "ffs.zip"
    with zipfile.ZipFile(archive, "w") as out:
        for file in sorted(cache.parent.rglob("*"), reverse=True):  # the bodies before their database, as phones list them
            if file.is_file():
                out.write(file, app + "com.hammerandchisel.discord/" + file.relative_to(cache.parent).as_posix())
        out.writestr(app + "com.example.weather/fsCachedData/0000-1", json.dumps({"city": "Leeds"}))  # another app's
    records = records_of(archive, tmp_path / "work")
    (db,) = [r for r in records if isinstance(r, DerivedFile)]  # the bodies are read with it, not as files of their own
    assert db.name == "Cache.db" and len(list((db.path.parent / "fsCachedData").iterdir())) == 4
    items = _messages(run(db.path, tmp_path / "work2")[0])
    assert len(items) == 4 and seg(items[0], "text") == EDITED
    (not_read,) = [r for r in records if isinstance(r, Refused)]
    assert "1 files not read" in not_read.reason


def test_a_damaged_page_refuses_only_its_cached_requests(tmp_path):
    path = ios_cache(tmp_path, windows=3_000)
    lost = damage_middle_leaf(path, "cfurl_cache_response")
    records = records_of(path, tmp_path / "work", READER)
    refused = [r.locator for r in records if isinstance(r, Refused)]
    assert len(refused) == 1 and refused[0].startswith("cfurl_cache_response rows ")
    windows = [r for r in records if isinstance(r, Item) and seg(r, "text").startswith("Window ")]
    assert lost and len(windows) == 3_000 - len(lost)
