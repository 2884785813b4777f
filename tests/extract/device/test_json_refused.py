"""One message of a Telegram or Meta JSON export that cannot be read (nested too deeply, too large, not an object, a
field of the wrong type) is refused alone (redactor/extract/device/jsonstream.py: the first pass marks it, the second
streams an ``Unread`` in its place without building it; the reader yields a ``records.Refused``): the other messages
are read as they would be without it. A file with no readable message, or not well-formed JSON, is refused whole.
Before, the first three refused the whole export and the last two were dropped without a word or crashed it."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from benchmarks.device_data import write_meta, write_telegram
from redactor.errors import CorruptInput, InputError
from redactor.extract import extractors
from redactor.extract.device import jsonstream
from redactor.records import Item, Refused
from redactor.stages import StageContext
from tests.extract.device.helpers import pick, run, source_for

SECRET = "Quillon Marchbanks"
DEEP = "@@DEEP@@"
DAMAGE: dict[str, Callable[[dict], object]] = {
    "nested too deeply": lambda m: {**m, "text": DEEP, "content": DEEP},
    "too large": lambda m: {**m, "text": SECRET * 200, "content": SECRET * 200},
    "not an object": lambda m: [SECRET, m.get("text"), m.get("content")],
    "a name that is a list": lambda m: {**m, "from": [SECRET], "sender_name": [SECRET]},
    "a text that is a number": lambda m: {**m, "text": 7700900123, "content": 7700900123},
    "a call without its action, a link that is a number": lambda m: {**m, "type": "service", "action": None, "share": {"link": 7700900123}},
    "reactions that are a number": lambda m: {**m, "reactions": 7700900123, "date_unixtime": None, "date": [SECRET]},
}
EXPECTED = {  # code, the problem as the reason says it
    "nested too deeply": ("E033", "is nested deeper than 64 levels"),
    "too large": ("E036", "is over the limit for one message"),
    "not an object": ("E033", "is a JSON list, not an object"),
    # before: 'has a field of an unexpected type (AttributeError)' (the last three: the exception's class, no field)
    "a name that is a list": ("E033", {"telegram": "'from' is a JSON list, not a string or null", "meta": "'sender_name' is a JSON list"}),
    "a text that is a number": ("E033", "is a JSON number"),
    "a call without its action, a link that is a number": (
        "E033",
        {"telegram": "'action' is a JSON null, not a string", "meta": "'share.link' is a JSON number, not a string or null"},
    ),
    "reactions that are a number": (
        "E033",
        {"telegram": "'date' is a JSON list, not a string or null", "meta": "'reactions' is a JSON number, not a list"},
    ),
}


def _damaged(path: Path, bad: dict[int, Callable[[dict], object]]) -> Path:
    """``path`` (one message a line, as the generators write it) with message ``n`` of the file replaced by
    ``bad[n](message)``; a nested text is 20,000 lists deep."""
    lines = path.read_text(encoding="utf-8").split("\n")
    at = [i for i, line in enumerate(lines) if line.startswith("{") and ('"text"' in line or '"content"' in line)]
    for n, damage in bad.items():
        line = lines[at[n]]
        comma = "," if line.endswith(",") else ""
        text = json.dumps(damage(json.loads(line.rstrip(","))), ensure_ascii=False)
        lines[at[n]] = text.replace(f'"{DEEP}"', "[" * 20_000 + "]" * 20_000) + comma
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def _records(path: Path, work: Path) -> list:
    source = dataclasses.replace(source_for(path), source_id="5" * 64)  # one id for the damaged copy and the good file
    ex = next(e for e in extractors() if e.name == pick(path))
    return list(ex.extract(source, path, StageContext(models_dir=Path("."), work_dir=work)))


WRITERS = {
    "telegram": (lambda p, n: write_telegram(p / "result.json", n, per_chat=40), "chats.list[1].messages[{}]"),
    "meta": (lambda p, n: write_meta(p / "message_1.json", n), "messages[{}]"),
}


@pytest.mark.parametrize("damage", list(DAMAGE))
@pytest.mark.parametrize("kind", list(WRITERS))
def test_one_bad_message_is_refused_alone_and_the_rest_read_as_without_it(kind, damage, tmp_path, monkeypatch):
    monkeypatch.setattr(jsonstream, "MAX_VALUE", len(SECRET) * 100)  # a message of 200 names is "too large"
    write, locator = WRITERS[kind]
    good = _records(write(tmp_path, 100), tmp_path / "w1")
    path = _damaged(write(tmp_path, 100), {57: DAMAGE[damage]})  # in the second chat (40 a chat) of the export
    (tmp_path / "w2").mkdir()
    records = _records(path, tmp_path / "w2")
    refused = [r for r in records if isinstance(r, Refused)]
    number = 17 if kind == "telegram" else 57
    code, problem = EXPECTED[damage]
    problem = problem if isinstance(problem, str) else problem[kind]
    assert [(r.locator, r.code) for r in refused] == [(locator.format(number), code)]
    where = f"message {number} of chat 1" if kind == "telegram" else f"message {number}"
    reason = refused[0].reason
    assert reason.startswith(f"[{code}] {path}: ") and where in reason and problem in reason and "refused" in reason
    assert SECRET not in reason and "7700" not in reason and "\n" not in reason
    items = [r for r in records if isinstance(r, Item)]
    bad_locator = locator.format(number)
    assert items == [r for r in good if isinstance(r, Item) and not r.locator.startswith(bad_locator + " ") and r.locator != bad_locator]
    assert len(items) == len([r for r in good if isinstance(r, Item)]) - 1


@pytest.mark.parametrize("kind", list(WRITERS))
def test_an_export_none_of_whose_messages_can_be_read_is_refused_whole(kind, tmp_path):
    write, _ = WRITERS[kind]
    path = _damaged(write(tmp_path, 2), {0: DAMAGE["nested too deeply"], 1: DAMAGE["not an object"]})
    with pytest.raises(InputError) as info:
        run(path, tmp_path / "work")
    assert info.value.code == "E033" and "nested deeper than 64 levels" in str(info.value) and SECRET not in str(info.value)


def _cut(path: Path, at: float) -> int:
    """Cut ``path`` (one message a line) at the fraction ``at`` of its bytes, inside a message; the complete messages
    before the cut."""
    data = path.read_bytes()
    end = int(len(data) * at)
    while data[end - 1 : end + 1] in (b",\n", b"}\n") or data[end : end + 1] == b"\n":  # inside a message, not between two
        end += 7
    path.write_bytes(data[:end])
    kept = data[:end].split(b"\n")
    message = (b'"text"', b'"content"', SECRET.encode())  # a message line (one refused as "not an object" is a list)
    return sum(1 for line in kept[:-1] if line.startswith((b"{", b"[")) and any(m in line for m in message))


@pytest.mark.parametrize("kind", list(WRITERS))
def test_a_file_cut_short_keeps_the_messages_before_the_cut_and_refuses_the_rest(kind, tmp_path):
    """A partly copied export (cut inside the second chat's messages): before, refused whole. Now every complete message
    before the cut is read as in the whole file, one bad message before it is still refused alone, and the rest of the
    file is refused as one part whose reason names the file and the count, never the content."""
    write, locator = WRITERS[kind]
    good = _records(write(tmp_path, 100), tmp_path / "w1")
    path = _damaged(write(tmp_path, 100), {10: DAMAGE["not an object"]})
    complete = _cut(path, 0.6)
    (tmp_path / "w2").mkdir()
    records = _records(path, tmp_path / "w2")
    refused = [r for r in records if isinstance(r, Refused)]
    messages = [r for r in records if isinstance(r, Item) and r.kind == "message"]
    assert len(messages) == complete - 1  # the bad one is refused alone
    bad = "chats.list[0].messages[10]" if kind == "telegram" else "messages[10]"
    first = [r for r in good if isinstance(r, Item) and r.kind == "message"][:complete]
    # what they say and where (Meta's thread name and path come after the messages: cut off, so the thread differs)
    assert [(m.locator, m.segments) for m in messages] == [(m.locator, m.segments) for m in first if m.locator.split()[0] != bad]
    in_chat = complete - 40 if kind == "telegram" else complete
    assert [r.locator for r in refused] == [bad, locator.format(in_chat) + " to the end of the file"]
    reason = refused[-1].reason
    assert refused[-1].code == "E033" and str(path) in reason and f"after {complete:,} complete messages" in reason
    assert SECRET not in reason and "7700" not in reason and "\n" not in reason


@pytest.mark.parametrize("kind", list(WRITERS))
def test_a_file_cut_before_any_message_is_refused_whole(kind, tmp_path):
    write, _ = WRITERS[kind]
    path = write(tmp_path, 100)
    data = path.read_bytes()
    path.write_bytes(data[: data.index(b'"messages"') + 14])
    with pytest.raises(CorruptInput, match="so the whole file is refused"):
        run(path, tmp_path / "work")


def test_unread_values_are_streamed_in_place_in_document_order(tmp_path):
    path = write_telegram(tmp_path / "result.json", 30, per_chat=10)
    whole = [m for c in json.loads(path.read_text(encoding="utf-8"))["chats"]["list"] for m in c["messages"]]
    _damaged(path, {3: DAMAGE["nested too deeply"], 14: DAMAGE["not an object"], 25: DAMAGE["nested too deeply"]})
    doc = jsonstream.load_skeleton(path, ("chats.list.item.messages",))
    assert sorted(doc.unread) == [3, 25]
    values = [v for c in doc.root["chats"]["list"] for v in doc.values(c["messages"])]
    assert [v for i, v in enumerate(values) if i not in (3, 14, 25)] == [m for i, m in enumerate(whole) if i not in (3, 14, 25)]
    assert isinstance(values[3], jsonstream.Unread) and isinstance(values[25], jsonstream.Unread)
    assert values[14] == [SECRET, whole[14]["text"], None]
