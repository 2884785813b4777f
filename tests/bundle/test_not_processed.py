"""A bundle says what it does not hold: every quarantined input is listed in not_processed.csv and counted on the
cover, by source reference, part and file name (scrubbed), never by the officer's folders or the quarantine's text."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from redactor.cli import main

pytestmark = pytest.mark.slow

SECRET = "Quillon Marchbanks"


def _invoke(*args: object, codes: tuple[int, ...] = (0,)) -> str:
    result = CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)
    assert result.exit_code in codes, result.output
    return result.output


def _inputs(root: Path) -> list[Path]:
    root.mkdir()
    note = root / "note.txt"
    note.write_text(f"{SECRET} rang me on 07700 900123 about the party.\n", encoding="utf-8")
    damaged = root / f"{SECRET} statement.pdf"
    damaged.write_bytes(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n" + b"\x00" * 64)  # truncated: no pages, no trailer
    mbox = root / "mail.mbox"
    messages = [
        b"From: Jo Sample <jo@example.com>\nTo: Al Sample <al@example.org>\nSubject: one\n\nsee you at 8\n",
        f"{SECRET} wrote this line where the headers should be\n".encode(),
        b"From: Al Sample <al@example.org>\nTo: Jo Sample <jo@example.com>\nSubject: three\n\nok\n",
    ]
    mbox.write_bytes(b"".join(b"From MAILER-DAEMON Thu Jan  1 00:00:00 2026\n" + m + b"\n" for m in messages))
    return [note, damaged, mbox, root / "missing.txt"]


def test_a_bundle_lists_what_it_could_not_process(tmp_path):
    inputs = _inputs(tmp_path / "in")
    case, out = tmp_path / "case", tmp_path / "out"
    _invoke("run", *inputs, "--case", case, codes=(3,))  # exit 3: some inputs were quarantined
    _invoke("decide", case, "--accept-all", "--reviewer", "DC Test")
    said = _invoke("bundle", case, "--out", out, "--by", "DC Builder")
    assert "not in the bundle: 3 quarantined inputs, listed in not_processed.csv" in said

    rows = list(csv.DictReader(open(out / "not_processed.csv", encoding="utf-8")))
    by_code = sorted((r["code"], r["stage"], bool(r["source"]), bool(r["part"])) for r in rows)
    # the damaged PDF (a source of its own), one message of the mailbox (a part of a source), the missing file (no source)
    assert by_code == [("E030", "ingest", False, False), ("E033", "extract", True, False), ("E033", "extract", True, True)]
    assert [int(r["no"]) for r in rows] == [1, 2, 3]
    part = next(r for r in rows if r["part"])
    assert part["part"].startswith("message[2] line ") and part["file"] == "mail.mbox" and part["problem"] == "damaged or truncated"
    missing = next(r for r in rows if r["code"] == "E030")
    assert missing["file"] == "missing.txt" and missing["problem"] == "not found or could not be read"
    damaged = next(r for r in rows if r["source"] and not r["part"])
    assert damaged["file"].endswith("statement.pdf") and SECRET not in damaged["file"]  # the file's name is scrubbed
    text = (out / "not_processed.csv").read_text(encoding="utf-8")
    assert str(tmp_path) not in text and SECRET not in text  # no folder of the officer's machine, no content

    cover = PdfReader(out / "bundle.pdf").pages[0].extract_text()
    assert "3 inputs not processed, see not_processed.csv" in " ".join(cover.split())
    _invoke("verify", out, "--case", case)  # the new file is in the manifest and the leak scan passes


def test_a_bundle_with_nothing_quarantined_has_an_empty_list(tmp_path):
    inputs = _inputs(tmp_path / "in")[:1]
    case, out = tmp_path / "case", tmp_path / "out"
    _invoke("run", *inputs, "--case", case)
    _invoke("decide", case, "--accept-all", "--reviewer", "DC Test")
    said = _invoke("bundle", case, "--out", out, "--by", "DC Builder")
    assert "not in the bundle" not in said
    assert list(csv.DictReader(open(out / "not_processed.csv", encoding="utf-8"))) == []
    assert "not processed" not in PdfReader(out / "bundle.pdf").pages[0].extract_text()


def test_only_the_readers_own_locators_are_printed_unscrubbed():
    from redactor.bundle.unprocessed import NotProcessed, not_processed_rows, raw_texts

    rows = [
        NotProcessed("S0001", "message[12] line 89", "mail.mbox", "extract", "E033"),
        NotProcessed("S0002", "vcard at line 11", "book.vcf", "extract", "E033"),
        NotProcessed("S0003", f"photos/{SECRET}.jpg", "phone.zip", "extract", "E035"),
    ]
    assert raw_texts(rows) == ["mail.mbox", "book.vcf", f"photos/{SECRET}.jpg", "phone.zip"]
    printed = not_processed_rows(rows, {"mail.mbox": "mail.mbox", "book.vcf": "book.vcf", "phone.zip": "phone.zip"}.get)
    assert [r["part"] for r in printed] == ["message[12] line 89", "vcard at line 11", None]  # not checked: never printed raw
    assert [r["problem"] for r in printed] == [
        "damaged or truncated",
        "damaged or truncated",
        "hostile (escapes its folder or exhausts memory)",
    ]
