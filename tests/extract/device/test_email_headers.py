"""E-mail headers are parsed once per distinct (name, raw value) (``email.POLICY``), and what is read is exactly what
``email.policy.default`` reads: the same items, people and attachments, encoded words, groups and bad dates included."""

from __future__ import annotations

import email.policy
from email.headerregistry import Address, HeaderRegistry
from email.message import EmailMessage
from pathlib import Path

from redactor.extract.device import email as mail
from redactor.records import CaseSnapshot
from redactor.stages import StageContext
from tests.extract.device.helpers import source_for

NAMES = ["Zoë Ärmstrong", "O'Brien, Seán", "山田 太郎", "plain name"]


def _mbox(path: Path, n: int) -> Path:
    with open(path, "wb") as out:
        for i in range(n):
            m = EmailMessage()
            m["From"] = Address(NAMES[i % 4], f"x{i % 7}", "example.org")
            m["To"] = ", ".join(f'"{NAMES[(i + k) % 4]}" <t{k}@example.com>' for k in range(1 + i % 3))
            if i % 5 == 0:
                m["Cc"] = "undisclosed-recipients:;"
            m["Subject"] = f"Re: Ünïcode subject {i % 9} " + "very long words " * (i % 6)
            m["Date"] = f"Mon, 4 Mar 2024 10:{i % 60:02d}:00 +0100" if i % 11 else "not a date"
            m["Message-ID"] = f"<m{i}@example.com>"
            if i % 3 == 0:
                m["References"] = f"<m{i - 3}@example.com> <m{i - 6}@example.com>"
            m.set_content(f"Hello {NAMES[i % 4]}, ring 07700 900{i % 1000:03d}. " * (1 + i % 4))
            if i % 4 == 1:
                m.add_alternative(f"<p>Hi <b>{NAMES[i % 4]}</b></p>", subtype="html")
            if i % 6 == 2:
                m.add_attachment(f"note {i}".encode(), maintype="application", subtype="octet-stream", filename=f"nöte{i}.bin")
            out.write(b"From sender@example.org Mon Mar  4 10:00:00 2024\n" + bytes(m).replace(b"\nFrom ", b"\n>From ") + b"\n")
    return path


def _records(path: Path, work: Path) -> list[str]:
    ctx = StageContext(work / "models", work, CaseSnapshot(), None)
    return [repr(r).replace(str(work), "WORK") for r in mail.extract_email(source_for(path), path, ctx)]


def test_the_remembering_policy_reads_what_the_default_policy_reads(tmp_path, monkeypatch):
    path = _mbox(tmp_path / "mail.mbox", 120)
    remembered = _records(path, tmp_path / "a")
    monkeypatch.setattr(mail, "POLICY", email.policy.default)
    assert remembered == _records(path, tmp_path / "b") and len(remembered) > 120


def test_a_mailbox_parses_its_repeated_headers_once(tmp_path, monkeypatch):
    path = _mbox(tmp_path / "mail.mbox", 200)
    calls: list[str] = []
    parse = HeaderRegistry.__call__
    monkeypatch.setattr(HeaderRegistry, "__call__", lambda self, name, value: calls.append(name.lower()) or parse(self, name, value))
    mail._parsed.cache_clear()
    _records(path, tmp_path / "w")
    # email.policy.default parsed every message's Content-Type about eight times (over 1,600 here)
    assert 0 < calls.count("content-type") < 200 and len(calls) < 200 * 8  # a multipart's own boundary is a distinct value


def test_header_classes_are_made_once_per_name(tmp_path, monkeypatch):
    """The library makes a new class (``type(...)``) for every header it parses: a third of parsing a short one."""
    path = _mbox(tmp_path / "mail.mbox", 200)
    made: list[str] = []
    getitem = HeaderRegistry.__getitem__
    monkeypatch.setattr(HeaderRegistry, "__getitem__", lambda self, name: made.append(name.lower()) or getitem(self, name))
    mail._parsed.cache_clear()
    _records(path, tmp_path / "w")
    assert len(made) <= 20  # at most once per header name (before: once per header parsed, over 1,000 here)


def test_a_mailbox_reads_its_repeated_correspondents_once(tmp_path, monkeypatch):
    path = _mbox(tmp_path / "mail.mbox", 200)
    calls: list[list[str]] = []
    getaddresses = mail.getaddresses
    monkeypatch.setattr(mail, "getaddresses", lambda values: calls.append(values) or getaddresses(values))
    getattr(mail, "_pairs", mail.getaddresses).__dict__.get("cache_clear", lambda: None)()
    expected = _records(path, tmp_path / "a")
    assert len(calls) < 60  # once per distinct From, To, Cc and Bcc value (before: four times a message, 800 here)
    monkeypatch.setattr(mail, "POLICY", email.policy.default)
    assert _records(path, tmp_path / "b") == expected
