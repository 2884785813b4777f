"""Box labels: every box in a bundle item carries its reason code and schedule number (``TP 12``).

Renderers draw the boxes (text items without a label, page images with the code burnt in);
the schedule number is only known once the whole bundle is numbered, so it is printed here,
on a white-on-black label drawn over each box. Nothing is added but the label: the box is
painted black again under it, so the label reads the same on text and on page images.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from dataclasses import replace

from pypdf import PdfReader, PdfWriter
from reportlab.pdfbase import pdfmetrics

from redactor.records import Box, Redaction, RenderedItem
from redactor.render.pdfkit import new_canvas, sanitize, stack, text_font

MAX_SIZE = 8.0
MIN_SIZE = 3.5


def label_for(code: str, number: int, box: Box, name: str = "") -> tuple[str, float] | None:
    """The longest label that fits in the box ("TP 12", else "12"; with a pseudonym "Person A TP 12", then
    "Person A 12") and its font size; None when none fits."""
    x0, y0, x1, y1 = box
    font = text_font()
    candidates = (f"{name} {code} {number}", f"{name} {number}") if name else ()
    for text in (*candidates, f"{code} {number}", str(number)):
        size = min(MAX_SIZE, (y1 - y0) * 0.75)
        while size >= MIN_SIZE:
            if pdfmetrics.stringWidth(text, font, size) <= (x1 - x0) - 1:
                return text, size
            size -= 0.5
    return None


def _overlays(pages: Sequence[tuple[tuple[float, float], Sequence[tuple[int, Redaction]]]], names: Mapping[str, str]) -> PdfReader:
    """One overlay page per labelled item page, in one document (one embedded font, one parse).

    Labels are drawn in the item page's own coordinates (the boxes' space) and merged as they are."""
    buffer = io.BytesIO()
    canvas = new_canvas(buffer, pages[0][0])
    font = text_font()
    for size, boxes in pages:
        canvas.setPageSize(size)
        for number, r in boxes:
            x0, y0, x1, y1 = r.box
            canvas.setFillColorRGB(0, 0, 0)
            canvas.rect(x0, y0, x1 - x0, y1 - y0, stroke=0, fill=1)
            fitted = label_for(r.code, number, r.box, names.get(r.flag_id, ""))
            if fitted is not None:
                text, font_size = fitted
                canvas.setFillColorRGB(1, 1, 1)
                canvas.setFont(font, font_size)
                canvas.drawCentredString((x0 + x1) / 2, y0 + ((y1 - y0) - font_size * 0.7) / 2, text)
        canvas.showPage()
    canvas.save()
    return PdfReader(io.BytesIO(buffer.getvalue()))


def number_boxes(rendered: RenderedItem, first: int, names: Mapping[str, str] | None = None) -> RenderedItem:
    """The item with each box labelled ``CODE N``, N counting from ``first`` in the item's redaction order."""
    if not rendered.redactions:
        return rendered
    by_page: dict[int, list[tuple[int, Redaction]]] = {}
    for number, r in enumerate(rendered.redactions, start=first):
        by_page.setdefault(r.page, []).append((number, r))
    writer = PdfWriter()
    pages = [writer.add_page(page) for page in PdfReader(io.BytesIO(rendered.pdf)).pages]
    wanted = [n for n in sorted(by_page) if 1 <= n <= len(pages)]
    sizes = [(float(pages[n - 1].mediabox.right), float(pages[n - 1].mediabox.top)) for n in wanted]
    overlays = _overlays([(size, by_page[n]) for size, n in zip(sizes, wanted, strict=True)], names or {})
    for n, overlay in zip(wanted, overlays.pages, strict=True):
        stack(writer, pages[n - 1], overlay)
    out = io.BytesIO()
    writer.write(out)
    return replace(rendered, pdf=sanitize(out.getvalue()))
