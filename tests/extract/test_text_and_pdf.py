"""Extractors for plain text and text-layer PDFs: text, provenance and positions."""

from __future__ import annotations

import pytest

from redactor.errors import CorruptInput, EmptyInput, EncryptedInput
from redactor.extract.pdf import extract_pdf
from redactor.extract.text import decode_text, extract_text
from redactor.records import Source
from tests.factories import STATEMENT_LINES, encrypted_pdf, text_pdf


def source(path, media_type):
    return Source("f" * 64, "S0001", str(path), path.name, path.stat().st_size, media_type)


@pytest.mark.parametrize(
    "data, text",
    [
        ("Zoë rang".encode(), "Zoë rang"),
        ("\ufeffZoë".encode("utf-8"), "Zoë"),
        ("Zoë rang".encode("utf-16"), "Zoë rang"),
        ("Zoë rang".encode("cp1252"), "Zoë rang"),
    ],
)
def test_decode_text(tmp_path, data, text):
    assert decode_text(data, tmp_path / "x.txt") == text


def test_text_item_normalises_newlines(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"one\r\ntwo\rthree\n")
    (item,) = extract_text(source(path, "text/plain"), path, None)
    assert item.segments[0].text == "one\ntwo\nthree\n" and item.kind == "document"


def test_whitespace_only_text_is_empty(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("  \n\t ")
    with pytest.raises(EmptyInput):
        list(extract_text(source(path, "text/plain"), path, None))


def test_pdf_words_sit_where_their_text_is(tmp_path):
    path = text_pdf(tmp_path / "s.pdf", STATEMENT_LINES, pages=2)
    (item,) = extract_pdf(source(path, "application/pdf"), path, None)
    assert [s.page for s in item.segments] == [1, 2]
    page = item.segments[0]
    assert STATEMENT_LINES[1] in page.text.replace("\r\n", "\n")
    words = {page.text[w.start : w.end]: w.box for w in page.words}
    assert "Statement" in words and "07700" in words
    # lines are drawn 18pt apart from the top: the first line's words sit above the second's
    assert words["Statement"][1] > words["spoke"][1] + 10
    # words on one line are ordered left to right and boxes have area
    assert words["spoke"][0] < words["Sophie"][0] < words["Turner"][0]
    assert all(b[2] > b[0] and b[3] > b[1] for b in words.values())
    assert all(0 <= b[0] and b[2] <= page.page_size[0] for b in words.values())


def test_pdf_item_ids_are_stable(tmp_path):
    path = text_pdf(tmp_path / "s.pdf", STATEMENT_LINES)
    first = list(extract_pdf(source(path, "application/pdf"), path, None))
    second = list(extract_pdf(source(path, "application/pdf"), path, None))
    assert [i.item_id for i in first] == [i.item_id for i in second]
    assert [s.segment_id for s in first[0].segments] == [s.segment_id for s in second[0].segments]


def test_encrypted_and_broken_pdfs(tmp_path):
    good = text_pdf(tmp_path / "s.pdf", STATEMENT_LINES)
    locked = encrypted_pdf(tmp_path / "locked.pdf", good)
    with pytest.raises(EncryptedInput, match="locked.pdf"):
        list(extract_pdf(source(locked, "application/pdf"), locked, None))
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(good.read_bytes()[:200])
    with pytest.raises((CorruptInput, EmptyInput)):
        list(extract_pdf(source(broken, "application/pdf"), broken, None))
