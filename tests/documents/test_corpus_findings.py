"""Failures the real-world corpus bench (benchmarks/bench_corpus.py) found, reproduced on generated files."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from tests.documents import odd_pdfs
from tests.documents.helpers import extract, flags_for, leaks, ocr_text, render

pytestmark = pytest.mark.slow

NAME = "Sarah Jones"


@pytest.mark.xfail(
    strict=False,
    reason="render/pdfpage.py and extract/pdf.py take the page box from pdfium's get_cropbox(), which ignores a "
    "/MediaBox inherited from /Pages and answers US Letter: the A4 page is squeezed onto Letter and the box for a "
    "name near the top lands elsewhere, so the name stays readable (pdfsafety's area; page.get_bbox() is right)",
)
def test_inherited_mediabox_keeps_page_size_and_redacts_near_the_top(tmp_path):
    path = odd_pdfs.inherited_mediabox_pdf(
        tmp_path / "inherited.pdf", [(815, f"{NAME} at the top"), (400, "Middle of the page"), (30, "Bottom line here")]
    )
    item = extract(path)
    rendered = render(item, path, flags_for(item, [NAME]))
    box = PdfReader(io.BytesIO(rendered.pdf)).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)
    assert leaks(rendered.pdf, [NAME]) == []
    seen = ocr_text(rendered.pdf).lower()
    assert "middle" in seen and "bottom" in seen and "top" in seen
