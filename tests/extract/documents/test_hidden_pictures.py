"""Issue 14, failure 1: pictures drawn inside forms, nested forms, inline or through a pattern are OCR'd.

Each fixture has a real text line at the top and a picture of a name and a mobile number
placed the awkward way. The page must be OCR'd, the values found, and the output must
show neither value while keeping the page's size and its other text.
"""

from __future__ import annotations

import pypdfium2 as pdfium
import pytest

from redactor.extract.pdf import _patterned_pages, page_text
from redactor.extract.pdfcheck import image_regions, needs_ocr
from tests.extract.documents import oddities
from tests.extract.documents.proofs import assert_redacted_by_ocr

MAKERS = {
    "form": oddities.picture_in_form,
    "nested-form": lambda p: oddities.picture_in_form(p, nested=True),
    "inline": oddities.inline_picture,
    "pattern": oddities.picture_in_pattern,
}
X, Y, W, H = oddities.PICTURE_AT


@pytest.mark.parametrize("kind", sorted(MAKERS))
def test_the_page_is_sent_to_ocr(tmp_path, kind):
    path = MAKERS[kind](tmp_path / "doc.pdf")
    pdf = pdfium.PdfDocument(str(path))
    try:
        page = pdf[0]
        textpage = page.get_textpage()
        text = page_text(textpage)
        assert "Statement of witness" in text  # the page has a good text layer ...
        assert needs_ocr(page, textpage, text, patterned=_patterned_pages(path, 1)[0])  # ... that does not hold the picture
    finally:
        pdf.close()


@pytest.mark.parametrize("kind", ["form", "nested-form", "inline"])
def test_pictures_are_located_in_page_space(tmp_path, kind):
    pdf = pdfium.PdfDocument(str(MAKERS[kind](tmp_path / "doc.pdf")))
    try:
        (region,) = image_regions(pdf[0])
        assert region == pytest.approx((X, Y, X + W, Y + H), abs=0.5)
    finally:
        pdf.close()


@pytest.mark.slow
@pytest.mark.parametrize("kind", sorted(MAKERS))
def test_pictured_values_are_redacted(tmp_path, kind):
    path = MAKERS[kind](tmp_path / "doc.pdf")
    item = assert_redacted_by_ocr(path, oddities.PICTURED, kept=["Statement", "witness"])
    assert item.meta["ocr_pages"] == [1]
