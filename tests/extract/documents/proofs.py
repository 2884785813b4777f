"""The proof every issue-14 fixture must pass: values found, then gone from the output's pixels and
text layer, while each page keeps its size, orientation and other text."""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

from pypdf import PdfReader

from redactor.records import Item
from tests.extract.documents.helpers import extract, flags_for, leaks, ocr_text, render


def shown_size(page) -> tuple[float, float]:
    """A pypdf page's size as a reader shows it: crop box, user unit and /Rotate applied."""
    unit = float(page.get("/UserUnit", 1))
    width, height = float(page.cropbox.width) * unit, float(page.cropbox.height) * unit
    return (height, width) if page.rotation % 180 else (width, height)


def assert_redacted_by_ocr(path: Path, values: Sequence[str], kept: Sequence[str]) -> Item:
    item = extract(path)
    text = "\n".join(s.text for s in item.segments)
    assert all(v in text for v in values), "every value is read from the page"
    rendered = render(item, path, flags_for(item, values))
    assert leaks(rendered.pdf, values) == []
    seen = ocr_text(rendered.pdf)
    assert all(word in seen for word in kept), f"kept text is visible on the output: {kept}"
    before = [shown_size(p) for p in PdfReader(str(path)).pages]
    after = [shown_size(p) for p in PdfReader(io.BytesIO(rendered.pdf)).pages]
    assert len(after) == len(before), "no page is lost"
    for (w0, h0), (w1, h1) in zip(before, after, strict=True):
        assert abs(w0 - w1) < 0.01 and abs(h0 - h1) < 0.01, f"page size {w0}x{h0} came out as {w1}x{h1}"
    return item
