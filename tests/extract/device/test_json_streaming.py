"""Telegram and Meta JSON exports are streamed (redactor/extract/device/jsonstream.py): the same
records as parsing the file whole, fields after the messages still apply, and broken or hostile
files give one line naming the file (the CLI quarantines them: tests/extract/device/test_hostile.py)."""

from __future__ import annotations

import json

import pytest

from benchmarks.device_data import write_telegram
from redactor.errors import CorruptInput
from redactor.extract import extractors
from redactor.extract.device import jsonstream
from redactor.stages import StageContext
from tests.extract.device.helpers import run, seg, source_for, traced
from tests.extract.device.hostile import deep_telegram

STREAMED = ("messages", "chats.list.item.messages", "left_chats.list.item.messages")


def test_the_skeleton_and_its_streamed_arrays_hold_what_json_load_reads(tmp_path):
    path = write_telegram(tmp_path / "result.json", 1_234, per_chat=500)
    whole = json.loads(path.read_text(encoding="utf-8"))
    doc = jsonstream.load_skeleton(path, STREAMED)
    chats = doc.root["chats"]["list"]
    assert [c["messages"].count for c in chats] == [500, 500, 234]
    assert doc.root["personal_information"] == whole["personal_information"]
    assert [list(doc.values(c["messages"])) for c in chats] == [c["messages"] for c in whole["chats"]["list"]]


def test_an_array_not_read_is_skipped_and_arrays_are_read_once_in_order(tmp_path):
    path = write_telegram(tmp_path / "result.json", 30, per_chat=10)
    whole = json.loads(path.read_text(encoding="utf-8"))["chats"]["list"]
    doc = jsonstream.load_skeleton(path, STREAMED)
    chats = doc.root["chats"]["list"]
    assert list(doc.values(chats[2]["messages"])) == whole[2]["messages"]  # the first two skipped
    with pytest.raises(RuntimeError):
        doc.values(chats[0]["messages"])


def test_telegram_items_by_chat_in_order(tmp_path):
    items, _, people = run(write_telegram(tmp_path / "result.json", 1_200, per_chat=500), tmp_path / "work")
    messages = [i for i in items if i.kind == "message"]
    threads = [i for i in items if i.kind == "thread"]
    assert len(messages) == 1_200 and len(threads) == 3
    assert [m.meta["message_id"] for m in messages] == list(range(100, 1_300))
    assert {m.device.thread.id for m in messages[:500]} == {"1000000002"} and messages[500].device.thread.id == "1000000003"
    assert messages[0].device.direction == "outgoing" and messages[1].device.direction == "incoming"
    assert any(p.device_owner and p.name == "Sam Owner" for p in people)


def test_meta_fields_after_the_messages_still_apply_and_a_bom_is_read(tmp_path):
    messages = [{"sender_name": "Zo\u00c3\u00ab Example", "timestamp_ms": 1709284502000 - i, "content": f"line {i}"} for i in range(3)]
    data = {
        "participants": [{"name": "Zo\u00c3\u00ab Example"}],
        "messages": messages,
        "title": "Zo\u00c3\u00ab",
        "thread_path": "inbox/zoe_1",
    }
    path = tmp_path / "message_1.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(data).encode())
    items, _, people = run(path, tmp_path / "work")
    assert [seg(i, "text") for i in items if i.kind == "message"] == ["line 0", "line 1", "line 2"]
    assert {i.device.thread.id for i in items} == {"inbox/zoe_1"}
    assert seg(items[-1], "thread.name") == "Zo\u00eb" and "Zo\u00eb Example" in {p.name for p in people}


BROKEN = {  # each after the messages began: the messages before are read and the rest refused as one part
    "truncated in the messages": lambda d: d[: len(d) * 2 // 3],
    "truncated after the messages": lambda d: d[:-4],
    "invalid UTF-8": lambda d: d.replace(b'"text": "ok"', b'"text": "o\xffk"', 1),
    "NaN": lambda d: d.replace(b'"duration_seconds": 60', b'"duration_seconds": NaN', 1),
    "trailing garbage": lambda d: d + b"<html>",
}
WHOLE = {  # before any message: the file refused whole
    "truncated before the messages": lambda d: d[: d.index(b'"messages"') + 12],
    "an implausible key outside the messages": lambda d: d.replace(b'"about"', b'"' + b"k" * 5000 + b'"', 1),
}


@pytest.mark.parametrize("damage", list(BROKEN), ids=list(BROKEN))
def test_broken_exports_keep_what_came_before_and_refuse_the_rest_in_one_line_naming_the_file(damage, tmp_path):
    from redactor.records import Refused

    path = write_telegram(tmp_path / "result.json", 600)
    path.write_bytes(BROKEN[damage](path.read_bytes()))
    source = source_for(path)
    ex = next(e for e in extractors() if e.name == "telegram")
    records = list(ex.extract(source, path, StageContext(models_dir=tmp_path, work_dir=tmp_path / "work")))
    (refused,) = [r for r in records if isinstance(r, Refused)]
    assert refused.locator.endswith("to the end of the file") or refused.locator == "the end of the file, after the messages"
    message = refused.reason
    assert str(path) in message and "\n" not in message and refused.code == "E033"
    assert "Alex" not in message and "07700" not in message  # nothing of the file's content
    assert any(getattr(r, "kind", None) == "message" for r in records)


@pytest.mark.parametrize("damage", list(WHOLE), ids=list(WHOLE))
def test_exports_broken_before_their_messages_give_one_line_naming_the_file(damage, tmp_path):
    path = write_telegram(tmp_path / "result.json", 600)
    path.write_bytes(WHOLE[damage](path.read_bytes()))
    with pytest.raises(CorruptInput) as info:
        run(path, tmp_path / "work")
    message = str(info.value)
    assert str(path) in message and "\n" not in message
    assert "Alex" not in message and "07700" not in message  # nothing of the file's content


def test_deep_nesting_is_refused_before_it_costs_memory(tmp_path):
    path = deep_telegram(tmp_path / "result.json", messages=1)  # a file of one message: refused whole
    with pytest.raises(CorruptInput, match="nested deeper than 64 levels"):
        run(path, tmp_path / "work")


def test_a_deeply_nested_message_is_counted_never_built(tmp_path):
    path = deep_telegram(tmp_path / "result.json")  # 60 messages, the first nesting 200,000 lists
    (items, _, _), peak = traced(lambda: run(path, tmp_path / "work"))
    assert len([i for i in items if i.kind == "message"]) == 59  # and one Refused (tests/extract/device/test_json_refused.py)
    assert peak < 30 << 20
