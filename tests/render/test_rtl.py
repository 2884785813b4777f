"""Issue 14, failure 4: right-to-left text. Boxes follow the glyphs' real positions, whatever the text order.

Two ways real files store Arabic: glyphs in visual order (left to right, as most producers
write them) and in logical order with each glyph placed right to left. In both, the box for a
flagged Arabic name must cover exactly that name's glyphs and no Latin word on the line.
"""

from __future__ import annotations

import re

import pypdfium2 as pdfium
import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from tests.extract.documents import factory
from tests.extract.documents.helpers import extract, flags_for, ocr_text, render

NAME = "سارة أحمد"  # an invented name, logical order
LINE = ["Witness", NAME, "phone", "07700", "900123", "seen"]


def _rtl_pdf(path, order: str):
    pdfmetrics.registerFont(TTFont("DejaVuSans", factory.FONT))
    canvas = Canvas(str(path), pagesize=(420, 200))
    canvas.setFont("DejaVuSans", 14)
    canvas.drawString(40, 100, "English line below the Arabic one")
    if order == "visual":
        canvas.drawString(40, 150, " ".join(w[::-1] if not w.isascii() else w for w in LINE))
    else:  # logical order, each glyph placed from the right edge leftwards
        x = 380.0
        for token in re.split(r"( )", " ".join(reversed(LINE))):
            pieces = [token] if token.isascii() else list(token)
            for piece in pieces:
                x -= pdfmetrics.stringWidth(piece, "DejaVuSans", 14)
                canvas.drawString(x, 150, piece)
    canvas.save()
    return path


def _glyph_boxes(path, text: str, value: str):
    pdf = pdfium.PdfDocument(str(path))
    try:
        textpage = pdf[0].get_textpage()
        raw = textpage.get_text_range()
        found = []
        for word in value.split():
            start = raw.index(word)
            found += [textpage.get_charbox(i) for i in range(start, start + len(word))]
        return found
    finally:
        pdf.close()


def _inside(outer, inner) -> bool:
    return outer[0] <= inner[0] + 0.01 and outer[1] <= inner[1] + 0.01 and outer[2] >= inner[2] - 0.01 and outer[3] >= inner[3] - 0.01


@pytest.mark.parametrize("order", ["visual", "logical"])
def test_boxes_cover_the_arabic_name_and_no_latin_word(tmp_path, order):
    path = _rtl_pdf(tmp_path / "doc.pdf", order)
    item = extract(path)
    segment = item.segments[0]
    assert all(word in segment.text for word in NAME.split())
    flags = flags_for(item, NAME.split(), entity="PERSON")
    rendered = render(item, path, flags)
    boxes = [r.box for r in rendered.redactions]
    for glyph in _glyph_boxes(path, segment.text, NAME):
        assert any(_inside(box, glyph) for box in boxes), "every glyph of the name is under a box"
    latin = [w.box for w in segment.words if segment.text[w.start : w.end] in ("Witness", "phone", "07700")]
    for box in boxes:
        assert not any(box[0] < w[2] - 2 and w[0] + 2 < box[2] and box[1] < w[3] and w[1] < box[3] for w in latin), "no Latin word boxed"


@pytest.mark.slow
def test_latin_words_beside_the_redacted_name_stay_visible(tmp_path):
    path = _rtl_pdf(tmp_path / "doc.pdf", "logical")
    item = extract(path)
    rendered = render(item, path, flags_for(item, NAME.split()))
    seen = ocr_text(rendered.pdf)
    assert "Witness" in seen and "phone" in seen and "English" in seen
