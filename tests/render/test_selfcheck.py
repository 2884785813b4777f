"""The self-check after rendering: an output page that lost content or changed shape withholds the item.

Faults are injected into the real renderer: a strip of the page image wiped outside every
box, and the page setup (rotation) dropped, the way reportlab once cut rotated pages in half.
"""

from __future__ import annotations

import pytest
from PIL import Image, ImageDraw

from redactor.errors import StageError
from redactor.render import pdfpage
from redactor.render.selfcheck import missing_ink
from tests.extract.documents import factory, oddities
from tests.extract.documents.helpers import extract, flags_for, render


def test_missing_ink_ignores_the_boxes_and_sees_the_rest():
    original = Image.new("L", (100, 100), 255)
    ImageDraw.Draw(original).rectangle((10, 10, 40, 20), fill=0)  # a word to redact
    ImageDraw.Draw(original).rectangle((10, 60, 80, 70), fill=0)  # a line to keep
    redacted = original.copy()
    ImageDraw.Draw(redacted).rectangle((10, 10, 40, 20), fill=0)
    lost, ink = missing_ink(original, redacted, [(10, 79, 41, 90)], 1.0)  # box in points from the lower left
    assert lost == 0 and ink > 0
    wiped = redacted.copy()
    ImageDraw.Draw(wiped).rectangle((0, 55, 99, 75), fill=255)
    lost, ink = missing_ink(original, wiped, [(10, 79, 41, 90)], 1.0)
    assert lost == ink > 0


def test_a_page_that_lost_content_is_withheld(tmp_path, monkeypatch):
    path = factory.text_pdf(tmp_path / "doc.pdf", [factory.statement(1)])
    item = extract(path)
    real_burn = pdfpage.burn

    def burn_and_wipe(image, boxes, scale, origin):
        real_burn(image, boxes, scale, origin)
        ImageDraw.Draw(image).rectangle((0, image.height // 10, image.width, image.height // 4), fill=(255, 255, 255))

    monkeypatch.setattr(pdfpage, "burn", burn_and_wipe)
    with pytest.raises(StageError, match="page 1 lost content in rendering"):
        render(item, path, flags_for(item, [factory.PEOPLE[0]]))


def test_a_page_that_lost_its_rotation_is_withheld(tmp_path, monkeypatch):
    path = oddities.rotated_page(tmp_path / "doc.pdf", 90, "text")
    item = extract(path)
    real_sanitize = pdfpage.sanitize
    monkeypatch.setattr(pdfpage, "sanitize", lambda pdf, setups=(): real_sanitize(pdf))
    with pytest.raises(StageError, match="page 1 came out .* turned 0 instead of .* turned 90"):
        render(item, path, [])


def test_a_faithful_render_passes(tmp_path):
    path = oddities.rotated_page(tmp_path / "doc.pdf", 270, "text")
    item = extract(path)
    assert render(item, path, flags_for(item, [factory.PHONES[0]])).pages == 1
