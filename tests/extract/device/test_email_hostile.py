"""Hostile and damaged mail: each gives a clear one-line error naming the message, in bounded memory and time, or
is read as far as it can be; none fails with the library's own error or reads a line of gigabytes whole."""

from __future__ import annotations

import base64
import tracemalloc
from pathlib import Path

import pytest

from redactor.errors import TooLargeInput
from redactor.extract.device import email as mail
from redactor.records import CaseSnapshot
from redactor.stages import StageContext
from tests.extract.device.helpers import run, seg, source_for, traced
from tests.extract.device.test_email_headers import _mbox

SEPARATOR = b"From sender@example.org Mon Mar  4 10:00:00 2024\n"


def _records(path: Path, work: Path) -> list[str]:
    ctx = StageContext(work / "models", work, CaseSnapshot(), None)
    return [repr(r).replace(str(work), "WORK") for r in mail.extract_email(source_for(path), path, ctx)]


def test_a_line_longer_than_a_message_is_refused_without_being_read_whole(tmp_path, monkeypatch):
    monkeypatch.setattr(mail, "MAX_MESSAGE", 4 << 20)
    path = tmp_path / "mail.eml"
    with open(path, "wb") as out:
        out.write(b"From: Jo <jo@example.com>\nSubject: x\nX-Long: ")
        for _ in range(24):
            out.write(b"a" * (1 << 20))  # one header line of 24 MB, no newline
    tracemalloc.start()
    try:
        with pytest.raises(TooLargeInput, match=r"message starting at line 1 is over 4 MB"):
            _records(path, tmp_path / "w")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 12 << 20  # before: the 24 MB line was read whole before its size was checked


def test_lines_read_in_pieces_give_the_same_messages(tmp_path, monkeypatch):
    """Separators and '>From ' are recognised only at the start of a line, whatever piece of a long line is read."""
    path = _mbox(tmp_path / "mail.mbox", 60)
    with open(path, "ab") as out:  # a line whose second 64-byte piece starts with '>From ' and 'From ... 2024'
        out.write(SEPARATOR + b"From: Jo <jo@example.com>\nSubject: pieces\n\n" + b"x" * 63 + b"\n" + b"y" * 64)
        out.write(b">From me\n" + b"z" * 64 + SEPARATOR + b">From the start of a line\n")
    whole = _records(path, tmp_path / "a")
    monkeypatch.setattr(mail, "LINE", 64)
    assert _records(path, tmp_path / "b") == whole and len(whole) > 60
    monkeypatch.setattr(mail, "FEED", 7)  # the library's parser given a few bytes at a time: the same messages
    assert _records(path, tmp_path / "b2") == whole
    items, _, _ = run(path, tmp_path / "c")
    assert (
        seg(items[-1], "text") == "x" * 63 + "\n" + "y" * 64 + ">From me\n" + "z" * 64 + SEPARATOR.decode() + "From the start of a line\n"
    )


def _nested(depth: int) -> bytes:
    inner = b"From: a@example.com\nSubject: inner\n\nhello\n"
    for i in range(depth):
        inner = b"From: x@example.com\nSubject: level %d\nContent-Type: message/rfc822\n\n" % i + inner
    return inner


def test_a_message_nested_too_deeply_is_refused_by_line(tmp_path):
    path = tmp_path / "mail.mbox"
    path.write_bytes(SEPARATOR + b"From: a@example.com\nSubject: fine\n\nhello\n\n" + SEPARATOR + _nested(5_000))
    records = _records(path, tmp_path / "w")  # before session 13: RecursionError, an internal error without a line
    assert records[-1].startswith("Refused(locator='message[2] line 7', code='E035', reason=")
    assert "message at line 7 nests its parts or attached messages too deeply" in records[-1]
    assert "subject" in records[-2]  # the message before it is read (refused alone: tests/extract/device/test_email_refused.py)


def test_a_message_nested_a_little_is_read(tmp_path):
    path = tmp_path / "mail.eml"
    path.write_bytes(_nested(50))
    items, _, _ = run(path, tmp_path / "w")
    assert len(items) == 1 and seg(items[0], "subject") == "level 49"


ATTACHED = bytes(range(256)) * 3  # 768 bytes, written as base64 in 76-character lines
ATTACHED_LINES = (8 << 20) // len(base64.encodebytes(ATTACHED))


def attachment_mbox(path: Path) -> Path:
    """An mbox of one message with an 8 MB base64 attachment, blob.bin: ``ATTACHED`` ``ATTACHED_LINES`` times."""
    with open(path, "wb") as out:
        out.write(SEPARATOR + b"From: Jo <jo@example.com>\nSubject: big\nMIME-Version: 1.0\n")
        out.write(b"Content-Type: multipart/mixed; boundary=XX\n\n--XX\nContent-Type: text/plain\n\nsee attached\n--XX\n")
        out.write(b"Content-Type: application/octet-stream\nContent-Transfer-Encoding: base64\n")
        out.write(b"Content-Disposition: attachment; filename=blob.bin\n\n")
        out.write(base64.encodebytes(ATTACHED) * ATTACHED_LINES + b"--XX--\n")
    return path


def test_a_large_attachment_is_parsed_without_holding_the_message_three_times(tmp_path):
    """The message's bytes, their text and the ``StringIO`` copy ``message_from_bytes`` makes were all held while it
    was parsed: about ten times the message at the peak; fed to the parser as it is read, about five (the library's
    base64 decoding holds the rest)."""
    path = attachment_mbox(tmp_path / "mail.mbox")
    size = path.stat().st_size
    records, peak = traced(lambda: _records(path, tmp_path / "w"))
    assert len(records) == 3 and "blob.bin" in records[-1]
    assert peak < 7 * size  # before: over 9 times the message
