"""A header Python's e-mail package cannot parse (it raises IndexError or AttributeError on some truncated addresses
and message ids) is read as written: it no longer fails the whole mailbox with the library's own error, and what it
names is kept (the recipients, the message id), not dropped."""

from __future__ import annotations

import email.policy
from pathlib import Path

import pytest

from redactor.extract.device import email as mail
from tests.extract.device.helpers import run, seg

BAD = ["Jo Example <jo.example@", "jo.example@", "ap: multipart/mixed; boundary=x"]  # each raises inside the library


def _mbox(path: Path, to: str) -> Path:
    path.write_text(
        "From a@example.org Mon Mar  4 10:00:00 2024\nFrom: Sam Owner <sam@example.net>\nTo: Alex <alex@example.org>\n"
        "Subject: first\nDate: Mon, 4 Mar 2024 10:00:00 +0000\nMessage-ID: <m1@example.com>\n\nhello\n\n"
        f"From a@example.org Mon Mar  4 10:01:00 2024\nTo: {to}\nCc: Kim Other <kim@example.com>\n"
        "Subject: second\nMessage-ID: <1234.5678@\n\nring me on 07700 900123\n\n"
        "From a@example.org Mon Mar  4 10:02:00 2024\nFrom: Alex <alex@example.org>\nTo: Sam Owner <sam@example.net>\n"
        "Subject: third\nDate: Mon, 4 Mar 2024 10:02:00 +0000\n\nbye\n",
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize("to", BAD)
def test_a_header_the_library_cannot_parse_is_read_as_written(tmp_path, to):
    with pytest.raises((IndexError, AttributeError)):
        str(email.policy.default.header_fetch_parse("To", to))  # the library's own failure (before: the whole mailbox's)
    items, _, people = run(_mbox(tmp_path / "mail.mbox", to), tmp_path / "work")
    assert [seg(i, "subject") for i in items] == ["first", "second", "third"]
    second = items[1]
    assert seg(second, "text").strip() == "ring me on 07700 900123"
    assert "Kim Other" in seg(second, "recipients")  # a good header of the same message is still parsed
    assert second.device.thread.id == "<1234.5678@"  # the truncated id as written (before: dropped)
    if to != "jo.example@":  # the compat parser keeps a display name or the words; a bare "x@" is not an address to it
        assert seg(second, "recipients") != "Kim Other <kim@example.com>"
    assert {"Sam Owner", "Alex", "Kim Other"} <= {p.name for p in people}


def test_values_read_as_the_library_reads_them_when_it_can(tmp_path):
    """:func:`mail._values` is ``msg.get_all`` (each value parsed by the message's policy) for headers it parses."""
    raw = b"To: =?utf-8?q?Zo=C3=AB?= <zoe@example.org>,\n  Sam <sam@example.net>\nTo: Kim <kim@example.com>\nSubject: x\n\nbody\n"
    msg = email.message_from_bytes(raw, policy=mail.POLICY)
    assert (
        mail._values(msg, "to")
        == [str(v) for v in msg.get_all("To")]
        == ["Zoë <zoe@example.org>, Sam <sam@example.net>", "Kim <kim@example.com>"]
    )
    assert mail._header(msg, "Subject") == "x" and mail._header(msg, "Date") is None
