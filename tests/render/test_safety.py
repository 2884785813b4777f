"""The safety proofs: nothing redacted can be recovered from an output, by any route.

For text PDFs, scanned PDFs, mixed PDFs and images: the output's text layer (pypdf),
OCR of its pixels, its raw bytes and every decoded stream are searched for every
redacted value; Free Law Project's x-ray must report no bad redactions; and the
output carries none of the original's metadata or extras.
"""

from __future__ import annotations

import asyncio
import io
import logging

import pytest
import xray
from pypdf import PdfReader

from tests.extract.documents import factory
from tests.extract.documents.helpers import extract, flags_for, leaks, pdf_text, render

pytestmark = pytest.mark.slow
logging.getLogger("pypdf").setLevel(logging.ERROR)

REDACTED = [factory.PEOPLE[0], factory.PEOPLE[1], factory.PHONES[0], factory.PHONES[1]]
KEPT = ["station", "Friday", "neighbour", "party"]


def _xray(pdf: bytes) -> dict:
    return asyncio.run(xray.inspect(pdf))


MAKERS = {
    "text-pdf": lambda d: factory.text_pdf(d / "doc.pdf", [factory.statement(1), factory.statement(2)]),
    "scanned-pdf": lambda d: factory.scanned_pdf(d / "doc.pdf", [factory.statement(1)]),
    "mixed-pdf": lambda d: factory.mixed_pdf(d / "doc.pdf", [("text", factory.statement(1)), ("scan", factory.statement(2))]),
    "scan-with-stamp": lambda d: factory.scan_with_stamp(d / "doc.pdf", factory.statement(1)),
    "png": lambda d: factory.image_file(d / "doc.png", [factory.statement(1)]),
    "jpeg": lambda d: factory.image_file(d / "doc.jpg", [factory.statement(1)]),
    "multipage-tiff": lambda d: factory.image_file(d / "doc.tif", [factory.statement(1), factory.statement(2)]),
}


@pytest.fixture(scope="module", params=sorted(MAKERS))
def redacted(request, tmp_path_factory):
    folder = tmp_path_factory.mktemp(request.param)
    path = MAKERS[request.param](folder)
    item = extract(path)
    flags = flags_for(item, REDACTED)
    rendered = render(item, path, flags)
    return request.param, item, flags, rendered


def test_every_value_was_found_and_boxed(redacted):
    kind, item, flags, rendered = redacted
    pages_with_values = sum(1 for s in item.segments if factory.PEOPLE[0] in s.text)
    assert pages_with_values == len(item.segments), f"{kind}: every page mentions the first person"
    assert len(flags) >= 4 * len(item.segments)
    assert {r.flag_id for r in rendered.redactions} == {f.flag_id for f in flags}


def test_no_redacted_value_in_text_layer_pixels_or_bytes(redacted):
    kind, item, flags, rendered = redacted
    assert leaks(rendered.pdf, REDACTED) == [], kind


def test_kept_text_stays_searchable(redacted):
    kind, item, flags, rendered = redacted
    text = pdf_text(rendered.pdf)
    assert all(word in text for word in KEPT), kind


def test_xray_finds_no_bad_redactions(redacted):
    kind, item, flags, rendered = redacted
    assert _xray(rendered.pdf) == {}, kind


def test_outputs_carry_no_metadata_or_extras(redacted):
    kind, item, flags, rendered = redacted
    reader = PdfReader(io.BytesIO(rendered.pdf))
    root = reader.trailer["/Root"]
    assert "/Info" not in reader.trailer or not reader.metadata
    for key in ("/Metadata", "/Outlines", "/Names", "/AcroForm", "/OpenAction", "/AA", "/JavaScript"):
        assert key not in root, (kind, key)
    for page in reader.pages:
        for key in ("/Annots", "/Thumb", "/AA", "/Metadata", "/PieceInfo"):
            assert key not in page, (kind, key)
    assert b"/JavaScript" not in rendered.pdf and b"/EmbeddedFile" not in rendered.pdf
    assert factory.PEOPLE[2].encode() not in rendered.pdf  # the original's author


def test_checks_catch_an_unredacted_output(tmp_path):
    """The leak search and x-ray are not vacuous: they find what a bad redaction leaves behind."""
    from reportlab.pdfgen.canvas import Canvas

    path = factory.text_pdf(tmp_path / "doc.pdf", [factory.statement(1)])
    item = extract(path)
    unredacted = render(item, path, [])
    assert len(leaks(unredacted.pdf, REDACTED)) >= 3 * len(REDACTED)
    covered = tmp_path / "covered.pdf"  # the classic mistake: a black box drawn over text that is still there
    canvas = Canvas(str(covered))
    canvas.drawString(72, 700, f"I met {factory.PEOPLE[0]} outside")
    canvas.rect(100, 696, 90, 14, fill=1, stroke=0)
    canvas.save()
    assert _xray(covered.read_bytes())
