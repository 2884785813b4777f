"""LINE, Skype and Teams on Android: each message an item with its writer, direction, time and conversation, each call
a call, contacts and users known people. Before these readers their databases were refused as SQLite databases no
reader takes (E031): nothing of them was reviewed."""

from __future__ import annotations

import csv
import sqlite3

import pytest

from redactor.case import CaseStore
from tests.extract.device.generated.work_chat import line_calls, naver_line, skype_live, skype_teams, teams_ios
from tests.extract.device.helpers import pick, read_store, seg
from tests.extract.device.sqlite_damage import read_around_damage


def _facts(item) -> dict:
    return item.device.to_json()


def test_line_messages_contacts_and_groups(tmp_path):
    items, people = read_store(tmp_path, naver_line, "naver_line", "line-android-db")
    incoming, reply, place, group = items
    assert seg(incoming, "text") == "Are you home? Flat 2, 14 Mill Lane" and seg(incoming, "sender.name") == "Dana W"
    facts = _facts(incoming)
    assert facts["direction"] == {"value": "incoming", "how": "chat_history.status 1 (1 received, 2 sent)"}
    assert facts["time"]["utc"] == "2024-02-29T15:56:47Z"
    out = _facts(reply)
    assert out["direction"]["value"] == "outgoing" and out["sender"]["owner"] is True
    assert out["recipients"][0]["raw"] == "u1dana" and out["thread"]["key"] == facts["thread"]["key"]
    assert seg(reply, "attachment.name") == "IMG_0042.jpg"
    assert (seg(place, "place.name"), seg(place, "place.address")) == ("Hollins Road surgery", "3 Hollins Road, Leeds")
    assert _facts(group)["thread"]["name"] == "Book club" and seg(group, "sender.name") == "Priya Raman"
    dana = next(p for p in people if p.name == "Dana W")
    assert "Dana Whitcombe" in dana.aliases


def test_line_calls(tmp_path):
    items, _ = read_store(tmp_path, line_calls, "call_history", "line-android-calls-db")
    assert [(i.kind, _facts(i)["direction"]["value"]) for i in items] == [("call", "incoming"), ("call", "outgoing")]
    assert items[0].meta["duration"] == "83 s" and items[1].meta["call_type"] == "video"
    assert seg(items[1], "party.id") == "u2priya"


def test_skype_messages_calls_and_groups(tmp_path):
    items, people = read_store(tmp_path, skype_live, "live:dana", "skype-android-db")
    incoming, reply, call, group = items
    assert seg(incoming, "sender.name") == "Dana Whitcombe" and _facts(incoming)["direction"]["value"] == "incoming"
    out = _facts(reply)
    assert out["direction"]["value"] == "outgoing" and [r["name"] for r in out["recipients"]] == ["Dana Whitcombe"]
    assert seg(reply, "attachment.name") == "IMG_0042.jpg"
    assert call.kind == "call" and call.meta["duration"] == "83 s"
    assert seg(group, "sender.name") == "Priya Raman" and _facts(group)["thread"]["id"] == "19:grp@thread.skype"
    assert {"Dana Whitcombe", "Priya Raman"} <= {p.name for p in people}


def test_teams_messages_read_as_text_with_their_links(tmp_path):
    items, people = read_store(tmp_path, skype_teams, "SkypeTeams.db", "teams-android-db")
    first, link, deleted = items
    assert seg(first, "text") == "Are you at 14 Mill Lane?" and _facts(first)["thread"]["name"] == "Late shift"
    assert seg(link, "text") == "ring me [link: tel:07700900123]"
    assert deleted.meta["deleted"] == "Deleted" and seg(deleted, "text") == "plain words"
    assert _facts(first)["direction"]["value"] == "unknown"
    dana = next(p for p in people if p.name == "Dana Whitcombe")
    assert "+447700900456" in dana.phones and "dana.whitcombe@example.com" in dana.emails


def test_teams_for_ios_read_with_direction_users_and_chat_names(tmp_path):
    items, people = read_store(tmp_path, teams_ios, "SkypeSpacesDogfood-1.sqlite", "teams-ios-db")
    first, reply, deleted = items
    assert seg(first, "text") == "Are you at 14 Mill Lane?" and seg(first, "sender.name") == "Dana Whitcombe"
    facts = _facts(first)
    assert facts["direction"]["value"] == "incoming" and facts["thread"]["name"] == "Late shift"
    assert facts["time"]["utc"] == "2024-02-29T15:56:47Z"
    out = _facts(reply)
    assert out["direction"]["value"] == "outgoing" and out["sender"]["owner"] is True
    assert seg(reply, "text") == "ring me [link: tel:07700900123]" and deleted.meta["deleted"] == "Deleted"
    dana = next(p for p in people if p.name == "Dana Whitcombe")
    assert "+447700900456" in dana.phones and "dana.whitcombe@example.com" in dana.emails


@pytest.mark.parametrize(
    ("write", "name", "reader", "table", "prefix", "count"),
    [
        (naver_line, "naver_line", "line-android-db", "chat_history", "chat_history id=", 4),
        (line_calls, "call_history", "line-android-calls-db", "call_history", "call_history rowid=", 2),
        (skype_live, "live:dana", "skype-android-db", "chatitem", "chatitem rowid=", 4),
        (skype_teams, "SkypeTeams.db", "teams-android-db", "Message", "Message rowid=", 3),
        (teams_ios, "SkypeSpacesDogfood-1.sqlite", "teams-ios-db", "ZSMESSAGE", "ZSMESSAGE Z_PK=", 3),
    ],
)
def test_a_damaged_page_refuses_only_its_rows(tmp_path, write, name, reader, table, prefix, count):
    path = tmp_path / name
    write(path, extra=3_000)
    refused, read, lost = read_around_damage(path, table, reader, tmp_path / "work", prefix)
    assert len(refused) == 1 and refused[0].startswith(f"{table} rows ")
    assert lost and read.isdisjoint(lost) and len(read) == 3_000 + count - len(lost)


def test_other_databases_are_not_taken(tmp_path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE Message (id INTEGER, body TEXT)")
    conn.execute("CREATE TABLE chat_history (id INTEGER, text TEXT)")
    conn.commit()
    conn.close()
    assert pick(path) not in ("line-android-db", "skype-android-db", "teams-android-db")


def test_the_stores_through_the_runner(cli, tmp_path):
    folder = tmp_path / "phone"
    folder.mkdir()
    naver_line(folder / "naver_line")
    line_calls(folder / "call_history")
    skype_live(folder / "live:dana")
    skype_teams(folder / "SkypeTeams.db")
    case = tmp_path / "case"
    result = cli("run", str(folder), "--case", str(case), "--workers", "1")
    assert result.exit_code == 0, result.output
    with CaseStore.open(case) as store:
        formats = [i.meta.get("format") for i in store.items() if i.kind != "thread"]
    assert sorted(set(formats)) == ["line-android-calls-db", "line-android-db", "skype-android-db", "teams-android-db"]
    assert len(formats) == 4 + 2 + 4 + 3
    assert cli("bundle", str(case), "--out", str(tmp_path / "bundle"), "--pending", "redact").exit_code == 0
    index = list(csv.DictReader(open(tmp_path / "bundle" / "index.csv", encoding="utf-8")))
    titles = {r["title"].split(",")[0] for r in index}
    assert {"LINE call", "Skype call"} <= titles and not any(t.startswith("[") for t in titles), titles
    assert cli("verify", str(tmp_path / "bundle")).exit_code == 0
