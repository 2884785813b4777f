"""A page with a sound text layer and a picture: the layer is kept whole and only the picture is OCR'd.

Found by the real-world corpus (a table on a page with a picture lost every word to whole-page
OCR, which skips ruled table cells). A word the layer holds must never be lost: each one is
still extracted with its own box and reaches detection; a word read in the picture is placed
inside the picture and boxed like any other.
"""

from __future__ import annotations

import json

import pypdfium2 as pdfium
import pytest

from redactor.extract.pdftext import page_text, reading
from tests.extract.documents import odd_pdfs, oddities
from tests.extract.documents.helpers import extract, flags_for, leaks, ocr_text, render

pytestmark = pytest.mark.slow

NAME, PHONE = "Sarah Jones", "07700 900123"
CELLS = [["", "Name", "Phone", "City"], ["Witness", NAME, PHONE, "Leeds"], ["Capital", "Jakarta", "Berlin", "Vienna"]]


def _layer_words(path) -> list[str]:
    pdf = pdfium.PdfDocument(str(path))
    try:
        return reading(page_text(pdf[0].get_textpage())).text.split()
    finally:
        pdf.close()


def test_every_text_layer_word_is_kept_with_a_box(tmp_path):
    path = odd_pdfs.table_beside_picture_pdf(tmp_path / "table.pdf", CELLS)
    item = extract(path)
    (page,) = item.segments
    assert page.origin == "pdf-text" and item.meta["pictures_ocr_pages"] == [1]
    boxed = [page.text[w.start : w.end] for w in page.words]
    layer = _layer_words(path)
    assert len(layer) > 90
    assert boxed[: len(layer)] == layer  # every word of the layer, in order, each with its box
    assert all(w.conf is None for w in page.words[: len(layer)])  # ... from the layer, not from OCR


def test_table_values_reach_detection_and_are_redacted(cli, tmp_path):
    (tmp_path / "in").mkdir()
    path = odd_pdfs.table_beside_picture_pdf(tmp_path / "in" / "table.pdf", CELLS)
    case = tmp_path / "case"
    assert cli("run", tmp_path / "in", "--case", case).exit_code == 0
    rows = [json.loads(line) for line in cli("flags", case, "--format", "jsonl", "--with-text").output.splitlines() if line.strip()]
    found = {(row["entity"], row["text"]) for row in rows}
    assert ("PERSON", NAME) in found and ("PHONE_NUMBER", PHONE) in found
    item = extract(path)
    rendered = render(item, path, flags_for(item, [NAME, PHONE]))
    assert leaks(rendered.pdf, [NAME, PHONE]) == []
    seen = ocr_text(rendered.pdf)
    assert "Beautiful" in seen and "Example" in seen  # the rest of the page is still there


def test_words_read_in_a_picture_sit_in_the_picture(tmp_path):
    path = oddities.picture_in_form(tmp_path / "doc.pdf")
    item = extract(path)
    (page,) = item.segments
    assert page.origin == "pdf-text" and item.meta["pictures_ocr_pages"] == [1]
    assert page.text.startswith("Statement of witness")  # the layer first, whole
    x, y, w, h = oddities.PICTURE_AT
    read = [word for word in page.words if word.conf is not None]
    assert {page.text[word.start : word.end] for word in read} >= {part for value in oddities.PICTURED for part in value.split()}
    for word in read:
        x0, y0, x1, y1 = word.box
        assert x - 3 <= x0 < x1 <= x + w + 3 and y - 3 <= y0 < y1 <= y + h + 3, (page.text[word.start : word.end], word.box)
