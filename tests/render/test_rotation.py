"""Issue 14, failure 2: pages shown through /Rotate 90 or 270 with odd boxes keep their size, orientation and content.

The fixtures store the statement sideways in an unrotated page whose media box does not
start at 0,0 and whose crop box sits inside it; /Rotate shows it upright. The output must
be shown at the same size and orientation (user unit included), the flagged values gone
and every other line still there.
"""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from redactor.render.pdfkit import PageSetup, sanitize
from tests.extract.documents import factory, oddities
from tests.extract.documents.helpers import extract, render
from tests.extract.documents.proofs import assert_redacted_by_ocr, shown_size

VALUES = [factory.PEOPLE[0], factory.PHONES[0]]
KEPT = ["Statement", "neighbour", "Wakefield", "party"]  # first, middle and last lines


def test_sanitize_sets_rotation_and_user_unit_without_swapping_the_box(tmp_path):
    from reportlab.pdfgen.canvas import Canvas

    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(200, 300))
    canvas.showPage()
    canvas.save()
    (page,) = PdfReader(io.BytesIO(sanitize(buffer.getvalue(), [PageSetup(270, 2.0)]))).pages
    assert page.rotation == 270 and float(page["/UserUnit"]) == 2.0
    assert (float(page.mediabox.width), float(page.mediabox.height)) == (200, 300)


@pytest.mark.parametrize("rotation", [90, 270])
def test_text_pages_keep_their_shown_size(tmp_path, rotation):
    path = oddities.rotated_page(tmp_path / "doc.pdf", rotation, "text", user_unit=2.0)
    item = extract(path)
    assert item.segments[0].page_size == (oddities.CROP[2] - oddities.CROP[0], oddities.CROP[3] - oddities.CROP[1])
    (page,) = PdfReader(io.BytesIO(render(item, path, []).pdf)).pages
    assert page.rotation == rotation
    assert shown_size(page) == shown_size(PdfReader(str(path)).pages[0]) == (1644.0, 1100.0)


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["text", "scan"])
@pytest.mark.parametrize("rotation", [90, 270])
def test_rotated_pages_are_redacted_and_keep_every_line(tmp_path, kind, rotation):
    path = oddities.rotated_page(tmp_path / "doc.pdf", rotation, kind, user_unit=2.0 if kind == "text" else 1.0)
    item = assert_redacted_by_ocr(path, VALUES, KEPT)
    assert item.segments[0].origin == ("pdf-text" if kind == "text" else "ocr")
