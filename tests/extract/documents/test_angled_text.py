"""Issue 14, failure 6: text at an angle inside a scan gets boxes that fit its words.

A paragraph written across a scanned page at an angle used to be left unread (the page went to
review) or read as a few garbled words whose upright boxes were up to 343 pt tall. It is now read
turned upright (``extract/ocr_angled.py``), each word boxed by the page-aligned box around it.
The proof is OCR of the output: read upright, the page keeps its statement lines; read turned
by the paragraph's angle, the paragraph keeps its other lines and the redacted values are gone.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from redactor.extract.ocr import tesseract_words
from tests.extract.documents import factory, oddities
from tests.extract.documents.helpers import extract, flags_for, leaks, ocr_text, page_images, render

pytestmark = pytest.mark.slow

VALUES = [factory.PEOPLE[4], factory.PHONES[2]]  # in the first line of the turned paragraph
DPI = 200


def _read_turned(image: Image.Image, angle: float) -> str:
    """What tesseract reads in the area of the turned paragraph, turned back level."""
    x, y = (round(v * DPI / 72.0) for v in oddities.ANGLED_AT)
    area = image.convert("L").crop((x, y, x + round(420 * DPI / 72.0), y + round(260 * DPI / 72.0)))
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "turned.png"
        area.rotate(-angle, expand=True, fillcolor=255, resample=Image.BICUBIC).save(target)
        return " ".join(w.text for w in tesseract_words(str(target)))


@pytest.mark.parametrize("angle", [25.0, -30.0, 10.0])
def test_a_paragraph_at_an_angle_is_read_and_redacted_word_by_word(tmp_path, angle):
    path = oddities.scan_with_angled_paragraph(tmp_path / "doc.pdf", angle)
    item = extract(path)
    (page,) = item.segments
    assert all(v in page.text for v in VALUES), "the values written at an angle are read"
    assert item.meta["review_pages"] == [], "a paragraph read at an angle needs no whole-page review"
    assert max(w.box[3] - w.box[1] for w in page.words) < 30, "no box is taller than a turned piece of a word (was up to 343 pt)"
    before = _read_turned(page_images(path.read_bytes(), DPI)[0], angle)
    assert "Hannah" in before and "900789" in before  # the check below can see the values

    rendered = render(item, path, flags_for(item, VALUES))
    assert leaks(rendered.pdf, VALUES) == []
    upright = ocr_text(rendered.pdf)
    assert all(word in upright for word in ("Statement", "Larkspur", "Signed", "presence", "Dated"))
    turned = _read_turned(page_images(rendered.pdf, DPI)[0], angle)
    assert "Hannah" not in turned and "Osei" not in turned and "900789" not in turned and "07700" not in turned
    assert all(word in turned for word in ("Meeting", "library", "Bring", "folder", "please")), turned


def test_a_scribble_at_an_angle_still_goes_to_review(tmp_path):
    """Ink at an angle that does not read as text adds no words and keeps the page in review."""
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    scale = DPI / 72.0
    page = factory.page_image(factory.statement(1), dpi=DPI)
    draw = ImageDraw.Draw(page)
    for k in range(40):  # loops and strokes along a slanted band, like handwriting that is not letters
        x, y = (150 + 7 * k) * scale, (300 + 3.5 * k) * scale
        draw.ellipse((x, y - 9 * scale, x + 9 * scale, y + (k % 3) * 4 * scale), outline=0, width=max(2, round(scale)))
        draw.line((x, y, x + 12 * scale, y - (8 + k % 5 * 3) * scale), fill=0, width=max(2, round(scale)))
    canvas = Canvas(str(tmp_path / "doc.pdf"), pagesize=factory.A4)
    canvas.drawImage(ImageReader(page.convert("RGB")), 0, 0, width=factory.A4[0], height=factory.A4[1])
    canvas.save()
    item = extract(tmp_path / "doc.pdf")
    assert [e["reason"] for e in item.meta["review_pages"]] != []


@pytest.mark.parametrize("pieces", [(), ((1, 2, 3, 4), (3, 3, 6, 7))])
def test_a_reading_at_an_angle_survives_the_ocr_cache(tmp_path, pieces):
    from redactor.extract.ocr import OcrPage, OcrWord, cached_page, keep_page

    page = OcrPage(10, 10, 1.0, 0, (OcrWord("Osei", (1, 2, 6, 7), 91.0, (1000, 1, 1), 25.0, pieces),), ink=0.1, unread=0.01, region=True)
    keep_page(tmp_path, "k", page)
    assert cached_page(tmp_path, "k") == page
