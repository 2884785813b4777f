"""PDF extraction: positions match the text, and each page is read from its text layer or by OCR."""

from __future__ import annotations

import pypdfium2 as pdfium
import pytest
from pypdf import PdfWriter

from redactor.errors import CorruptInput, EmptyInput, EncryptedInput
from redactor.extract.pdf import page_text
from redactor.extract.pdfcheck import needs_ocr
from tests.extract.documents import factory
from tests.extract.documents.helpers import extract, source_for


def test_word_boxes_hold_exactly_their_words(tmp_path):
    path = factory.text_pdf(tmp_path / "doc.pdf", [factory.statement(1)])
    item = extract(path)
    (segment,) = item.segments
    assert segment.origin == "pdf-text" and segment.page == 1
    pdf = pdfium.PdfDocument(str(path))
    textpage = pdf[0].get_textpage()
    checked = 0
    for word in segment.words:
        token = segment.text[word.start : word.end]
        assert token.strip() == token and token
        x0, y0, x1, y1 = word.box
        inside = textpage.get_text_bounded(x0, y0, x1, y1)  # what is drawn inside the box ...
        assert token in inside  # ... contains the word itself
        checked += 1
    assert checked == len(segment.text.split())
    pdf.close()


def test_reading_order_is_kept(tmp_path):
    lines = factory.statement(1)
    item = extract(factory.text_pdf(tmp_path / "doc.pdf", [lines]))
    text = item.segments[0].text
    positions = [text.index(line) for line in lines]
    assert positions == sorted(positions)


def _page(path):
    pdf = pdfium.PdfDocument(str(path))
    page = pdf[0]
    textpage = page.get_textpage()
    return pdf, page, textpage, page_text(textpage)


@pytest.mark.parametrize(
    "make, expected",
    [
        (lambda p: factory.text_pdf(p, [factory.statement(1)]), False),  # a typeset page
        (lambda p: factory.ocrd_scan(p, factory.statement(1)), False),  # a scan with an aligned OCR text layer
        (lambda p: factory.scanned_pdf(p, [factory.statement(1)]), True),  # a scan: no text layer
        (lambda p: factory.scan_with_stamp(p, factory.statement(1)), True),  # a scan with only a stamped header
        (lambda p: factory.text_pdf(p, [[]]), True),  # an empty page: OCR'd in case it shows anything
    ],
    ids=["text", "ocrd-scan", "scan", "scan-with-stamp", "blank"],
)
def test_which_pages_need_ocr(tmp_path, make, expected):
    pdf, page, textpage, text = _page(make(tmp_path / "doc.pdf"))
    try:
        assert needs_ocr(page, textpage, text) is expected
    finally:
        pdf.close()


@pytest.mark.slow
def test_mixed_document_reads_each_page_its_own_way(tmp_path):
    path = factory.mixed_pdf(
        tmp_path / "doc.pdf", [("text", factory.statement(1)), ("scan", factory.statement(2)), ("text", factory.statement(3))]
    )
    item = extract(path)
    assert [s.origin for s in item.segments] == ["pdf-text", "ocr", "pdf-text"]
    assert [s.page for s in item.segments] == [1, 2, 3]
    assert item.meta["ocr_pages"] == [2]
    assert factory.PHONES[0] in item.segments[1].text
    assert all(w.conf is not None for w in item.segments[1].words)
    assert all(w.conf is None for w in item.segments[0].words)


def test_encrypted_pdf_is_refused(tmp_path):
    plain = factory.text_pdf(tmp_path / "plain.pdf", [factory.statement(1)])
    writer = PdfWriter(clone_from=str(plain))
    writer.encrypt(user_password="secret", owner_password="owner")
    locked = tmp_path / "locked.pdf"
    with open(locked, "wb") as handle:
        writer.write(handle)
    with pytest.raises(EncryptedInput, match="locked.pdf"):
        extract(locked)


def test_zero_page_pdf_is_empty(tmp_path):
    path = tmp_path / "empty.pdf"
    with open(path, "wb") as handle:
        PdfWriter().write(handle)
    with pytest.raises(EmptyInput, match="empty.pdf"):
        extract(path)


def test_pdf_without_structure_is_corrupt(tmp_path):
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.7\n" + b"\x00garbage" * 200)
    with pytest.raises(CorruptInput, match="broken.pdf"):
        extract(path)


def test_damaged_xref_is_repaired_consistently(tmp_path):
    """Wrong cross-reference offsets (common from scanners) are repaired by pdfium, which also renders."""
    path = factory.text_pdf(tmp_path / "doc.pdf", [factory.statement(1)])
    data = bytearray(path.read_bytes())
    start = data.rindex(b"startxref")
    data[start:] = b"startxref\n999999\n%%EOF\n"
    damaged = tmp_path / "damaged.pdf"
    damaged.write_bytes(bytes(data))
    item = extract(damaged)
    assert factory.PEOPLE[0] in item.segments[0].text
    assert source_for(damaged).media_type == "application/pdf"
