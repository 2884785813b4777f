"""One message of a mailbox that cannot be read (no e-mail headers, nested too deeply, over the size limit) is refused
alone: the reader yields a ``Refused`` naming the file, the message's number and line and the problem (never its text),
and reads every other message as it would without it. Before, the first such message refused the whole mailbox, and
every good message in it was lost to the case. A file of one message is still refused whole."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest

from redactor.errors import CorruptInput, HostileInput, TooLargeInput
from redactor.extract.device import email as mail
from redactor.records import CaseSnapshot, DerivedFile, Item, Mention, Refused
from redactor.stages import StageContext
from tests.extract.device.helpers import seg, source_for, traced
from tests.extract.device.test_email_hostile import SEPARATOR, _nested

SECRET = "Quillon Marchbanks"  # in the refused messages only: never in a reason


def _good(i: int) -> bytes:
    return (
        f"From: Jo Sample <jo{i}@example.com>\nTo: Al Sample <al@example.org>\nSubject: good {i}\n"
        f"Message-ID: <g{i}@example.com>\n\nhello {i}, ring 07700 900{i:03d}\n\n"
    ).encode()


def _big(size: int) -> bytes:
    """A message with a base64 attachment of about ``size`` bytes, whose headers name ``SECRET``."""
    line = base64.encodebytes(bytes(range(256)) * 3)
    head = f"From: {SECRET} <q@example.com>\nSubject: {SECRET}\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=XX\n\n"
    body = b"--XX\nContent-Type: application/octet-stream\nContent-Transfer-Encoding: base64\n\n" + line * (size // len(line) + 1)
    return head.encode() + body + b"--XX--\n\n"


BAD = {
    "no headers": (f"{SECRET} wrote this without headers\nand more\n\n".encode(), CorruptInput, "has no e-mail headers"),
    "too deep": (
        _nested(5_000).replace(b"inner", SECRET.encode()) + b"\n",
        HostileInput,
        "nests its parts or attached messages too deeply",
    ),
    "too large": (_big(6 << 20), TooLargeInput, "is over 4 MB"),
}


def _records(path: Path, work: Path) -> list:
    ctx = StageContext(work / "models", work, CaseSnapshot(), None)
    return list(mail.extract_email(source_for(path), path, ctx))


def _mailbox(path: Path, *messages: bytes) -> Path:
    path.write_bytes(b"".join(SEPARATOR + m for m in messages))
    return path


def _lines(messages: list[bytes], n: int) -> int:
    """The line of message ``n`` (1-based)'s separator."""
    return 1 + sum(m.count(b"\n") + 1 for m in messages[: n - 1])


@pytest.mark.parametrize("bad", list(BAD))
def test_a_bad_message_is_refused_alone_and_the_others_are_read(tmp_path, monkeypatch, bad):
    monkeypatch.setattr(mail, "MAX_MESSAGE", 4 << 20)
    text, error, problem = BAD[bad]
    messages = [_good(1), _good(2), text, _good(4)]
    path = _mailbox(tmp_path / "mail.mbox", *messages)
    records = _records(path, tmp_path / "w")  # before: the error was raised, and no message of the mailbox was read
    refused = [r for r in records if isinstance(r, Refused)]
    line = _lines(messages, 3)
    assert refused == [Refused(f"message[3] line {line}", error.code, refused[0].reason)]
    assert refused[0].reason.startswith(f"[{error.code}] {path}: message") and f"at line {line}" in refused[0].reason
    assert problem in refused[0].reason and SECRET not in refused[0].reason
    items = [r for r in records if isinstance(r, Item)]
    assert [i.locator for i in items] == [
        "message[1] line 1",
        f"message[2] line {_lines(messages, 2)}",
        f"message[4] line {_lines(messages, 4)}",
    ]
    assert [seg(i, "text") for i in items] == [seg(i, "text") for i in _items(tmp_path, [_good(1), _good(2), _good(4)])]
    assert records.index(refused[0]) == records.index(items[1]) + 1  # in the order of the file


def _items(tmp_path: Path, messages: list[bytes]) -> list[Item]:
    path = _mailbox(tmp_path / "alone.mbox", *messages)
    return [r for r in _records(path, tmp_path / "alone") if isinstance(r, Item)]


def test_the_messages_after_a_refused_one_are_read_as_without_it(tmp_path, monkeypatch):
    """Every kind of bad message in one mailbox, between good ones: each good message's segments, people and
    attachments are those it has in a mailbox without the bad ones."""
    monkeypatch.setattr(mail, "MAX_MESSAGE", 4 << 20)
    good = [_good(i) for i in range(6)]
    good[2] = _big(1 << 20)  # a good message with an attachment (under the limit)
    mixed = [good[0], BAD["too large"][0], good[1], BAD["no headers"][0], good[2], good[3], BAD["too deep"][0], good[4], good[5]]
    records = _records(_mailbox(tmp_path / "mixed.mbox", *mixed), tmp_path / "mixed")
    clean = _records(_mailbox(tmp_path / "clean.mbox", *good), tmp_path / "clean")

    def shape(records: list) -> list:
        out = []
        for r in records:
            if isinstance(r, Item):
                out.append(("item", [(s.field, s.text) for s in r.segments], [a.to_json() for a in r.device.attachments]))
            elif isinstance(r, DerivedFile):
                out.append(("file", r.name, r.path.read_bytes()))
            elif isinstance(r, Mention):
                out.append(("person", r.person))
        return out

    assert shape(records) == shape(clean)
    refused = [r for r in records if isinstance(r, Refused)]
    assert [(r.locator.split()[0], r.code) for r in refused] == [("message[2]", "E036"), ("message[4]", "E033"), ("message[7]", "E035")]


def test_a_first_message_refused_is_refused_alone_once_a_second_follows(tmp_path):
    text, _, _ = BAD["no headers"]
    records = _records(_mailbox(tmp_path / "mail.mbox", text, _good(2)), tmp_path / "w")
    assert isinstance(records[0], Refused) and records[0].locator == "message[1] line 1" and records[0].code == "E033"
    assert [seg(r, "subject") for r in records if isinstance(r, Item)] == ["good 2"]


def test_a_file_of_one_message_that_cannot_be_read_is_refused_whole(tmp_path, monkeypatch):
    monkeypatch.setattr(mail, "MAX_MESSAGE", 4 << 20)
    with pytest.raises(CorruptInput, match="has no e-mail headers"):
        _records(_mailbox(tmp_path / "one.mbox", BAD["no headers"][0]), tmp_path / "a")
    with pytest.raises(HostileInput, match="too deeply"):
        _records(_mailbox(tmp_path / "deep.mbox", BAD["too deep"][0]), tmp_path / "b")
    eml = tmp_path / "big.eml"
    eml.write_bytes(_big(6 << 20))
    with pytest.raises(TooLargeInput, match=r"big\.eml: message starting at line 1 is over 4 MB; refused") as caught:
        _records(eml, tmp_path / "c")
    assert caught.value.code == "E036" and "damaged" not in str(caught.value)  # before: E033, "the file is damaged or truncated"


def test_a_refused_message_is_read_past_without_being_held(tmp_path, monkeypatch):
    """The lines of a message over the limit are read past, not kept nor parsed, up to the next separator."""
    monkeypatch.setattr(mail, "MAX_MESSAGE", 2 << 20)
    path = _mailbox(tmp_path / "mail.mbox", _good(1), _big(24 << 20), _good(3))
    records, peak = traced(lambda: _records(path, tmp_path / "w"))
    assert [r.code for r in records if isinstance(r, Refused)] == ["E036"]
    assert [seg(r, "subject") for r in records if isinstance(r, Item)] == ["good 1", "good 3"]
    assert peak < 16 << 20
