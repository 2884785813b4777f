"""One paginated PDF for the prosecutor: cover, index, every disclosed item, redaction schedule.

Every page carries a bundle page number ("Bundle page 12 of 80") and its item
reference; the index gives each item's page range, and the schedule lists every box
with its bundle page, reason code and meaning. Item pages are taken from the already
redacted item PDFs, so nothing is added but page furniture.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from pypdf import PdfReader, PdfWriter
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics

from redactor import codes
from redactor.render.pdfkit import new_canvas, sanitize, text_font

MARGIN = 50.0
ROW = 13.0


class Table:
    """A minimal paginated table on A4 pages."""

    def __init__(self, title: str, columns: Sequence[tuple[str, float]], intro: Sequence[str] = ()) -> None:
        self.buffer = io.BytesIO()
        self.canvas = new_canvas(self.buffer, A4)
        self.font = text_font()
        self.title, self.columns, self.pages = title, columns, 0
        self._page(intro)

    def _page(self, intro: Sequence[str] = ()) -> None:
        if self.pages:
            self.canvas.showPage()
        self.pages += 1
        self.y = A4[1] - MARGIN
        self.canvas.setFont(self.font, 14)
        self.canvas.drawString(MARGIN, self.y, self.title)
        self.y -= 22
        self.canvas.setFont(self.font, 9)
        for line in intro:
            self.canvas.drawString(MARGIN, self.y, line)
            self.y -= ROW
        self.y -= 6
        self._row([name for name, _ in self.columns], bold=True)

    def _row(self, values: Sequence[Any], bold: bool = False) -> None:
        x = MARGIN
        self.canvas.setFont(self.font, 8.5)
        self.canvas.setFillColorRGB(*((0.2, 0.2, 0.45) if bold else (0, 0, 0)))
        for (_, width), value in zip(self.columns, values, strict=True):
            self.canvas.drawString(x, self.y, _fit(str(value), self.font, 8.5, width - 6))
            x += width
        self.canvas.setFillColorRGB(0, 0, 0)
        self.y -= ROW

    def row(self, values: Sequence[Any]) -> None:
        if self.y < MARGIN + 20:
            self._page()
        self._row(values)

    def finish(self) -> bytes:
        self.canvas.showPage()
        self.canvas.save()
        return self.buffer.getvalue()


def _fit(text: str, font: str, size: float, width: float) -> str:
    if pdfmetrics.stringWidth(text, font, size) <= width:
        return text
    while text and pdfmetrics.stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…"


INDEX_COLUMNS = (("item", 80), ("kind", 80), ("status", 65), ("bundle pages", 80), ("redactions", 60), ("note", 130))
SCHEDULE_COLUMNS = (("no.", 35), ("item", 70), ("bundle page", 65), ("code", 50), ("entity", 95), ("reason", 180))


def front_matter(entries: Sequence[Any], starts: dict[str, tuple[int, int]], summary_lines: Sequence[str]) -> bytes:
    table = Table("Disclosure bundle: index", INDEX_COLUMNS, summary_lines)
    for e in entries:
        first, last = starts.get(e.ref, (0, 0))
        pages = f"{first}-{last}" if first else "-"
        count = len(e.rendered.redactions) if e.rendered else 0
        table.row([e.ref, e.kind, e.status, pages, count, e.note])
    return table.finish()


def schedule_pages(rows: Sequence[dict[str, Any]], starts: dict[str, tuple[int, int]]) -> bytes:
    intro = ["Every redaction in this bundle, where it is and why. Codes:"]
    intro += [f"  {c.code}: {c.meaning}" for c in codes.REASON_CODES.values()]
    table = Table("Redaction schedule", SCHEDULE_COLUMNS, intro)
    for r in rows:
        page = starts[r["item"]][0] + int(r["page"]) - 1
        table.row([r["redaction"], r["item"], page, r["code"], r["entity"], r["reason"]])
    return table.finish()


def _stamp(label: str) -> PdfReader:
    buffer = io.BytesIO()
    canvas = new_canvas(buffer, A4)
    canvas.setFont(text_font(), 7.5)
    canvas.setFillColorRGB(0.3, 0.3, 0.3)
    canvas.drawRightString(A4[0] - 20, 12, label)
    canvas.showPage()
    canvas.save()
    return PdfReader(io.BytesIO(buffer.getvalue()))


def combined_pdf(entries: Sequence[Any], schedule_rows: Sequence[dict[str, Any]], summary_lines: Sequence[str]) -> bytes:
    """Cover/index, items and schedule in one PDF with continuous bundle page numbers."""
    disclosed = [e for e in entries if e.rendered is not None]
    # The index's own length does not depend on the page numbers in it: measure it first.
    index_len = len(PdfReader(io.BytesIO(front_matter(entries, {}, summary_lines))).pages)
    starts, page = {}, index_len + 1
    for e in disclosed:
        starts[e.ref] = (page, page + e.rendered.pages - 1)
        page += e.rendered.pages
    parts = [(None, front_matter(entries, starts, summary_lines))]
    parts += [(e.ref, e.rendered.pdf) for e in disclosed]
    parts.append((None, schedule_pages(schedule_rows, starts)))
    pages = [(ref, p) for ref, data in parts for p in PdfReader(io.BytesIO(data)).pages]
    writer = PdfWriter()
    for number, (ref, src) in enumerate(pages, start=1):
        added = writer.add_page(src)
        label = f"{ref + '  ·  ' if ref else ''}Bundle page {number} of {len(pages)}"
        stamp = _stamp(label).pages[0]
        added.merge_translated_page(stamp, tx=float(added.mediabox.width) - A4[0], ty=0)
    out = io.BytesIO()
    writer.write(out)
    return sanitize(out.getvalue())
