"""Lay out text items (plain-text documents, and any record without a page layout) as PDF pages.

The text is set word by word; a redacted run is never drawn, a labelled box of about
the same width stands in its place. Page header and footer carry the item's bundle
reference, never its file name.
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics

from redactor.records import Flag, Item, Redaction, RenderedItem, Segment
from redactor.render import RenderContext, renderer
from redactor.render.pdfkit import draw_box, new_canvas, sanitize, text_font
from redactor.render.spans import cuts_for

MARGIN = 56.0
FONT_SIZE = 10.0
LEADING = 14.0
LABEL_SIZE = 8.0
NUMBER_ROOM = " 0000"  # a box is wide enough for its code and a schedule number ("TP 12"), printed later


@dataclass(frozen=True, slots=True)
class Piece:
    """A kept word, a redacted run (``code`` set), or a line break (``text == '\\n'``)."""

    text: str
    code: str | None = None
    flag_id: str = ""
    entity: str = ""


def pieces(segment: Segment, flags: Sequence[Flag]) -> Iterator[Piece]:
    """Split a segment's text into kept words, redacted runs and line breaks."""
    text, pos = segment.text, 0
    for cut in cuts_for(segment, flags):
        yield from _words(text[pos : cut.start])
        yield Piece(text[cut.start : cut.end], cut.label, cut.flag_ids[0], "/".join(cut.entities))
        pos = cut.end
    yield from _words(text[pos:])


def _words(text: str) -> Iterator[Piece]:
    for i, line in enumerate(text.split("\n")):
        if i:
            yield Piece("\n")
        for word in line.split():
            yield Piece(word)


class Layout:
    """A cursor over A4 pages that draws words and boxes and records where boxes went."""

    def __init__(self, ref: str, title: str, labels: bool = True) -> None:
        self.buffer = io.BytesIO()
        self.canvas = new_canvas(self.buffer, A4)
        self.font = text_font()
        self.ref, self.title, self.labels = ref, title, labels
        self.page = 0
        self.redactions: list[Redaction] = []
        self._new_page()

    def _new_page(self) -> None:
        if self.page:
            self.canvas.showPage()
        self.page += 1
        self.x, self.y = MARGIN, A4[1] - MARGIN - LEADING
        self.canvas.setFont(self.font, LABEL_SIZE)
        self.canvas.setFillColorRGB(0.35, 0.35, 0.35)
        self.canvas.drawString(MARGIN, A4[1] - MARGIN + 8, f"{self.ref}  {self.title}")
        self.canvas.drawRightString(A4[0] - MARGIN, MARGIN - 24, f"{self.ref}  page {self.page}")
        self.canvas.setFillColorRGB(0, 0, 0)

    def newline(self, extra: float = 0.0) -> None:
        self.x = MARGIN
        self.y -= LEADING + extra
        if self.y < MARGIN:
            self._new_page()

    def _advance(self, width: float) -> None:
        if self.x > MARGIN and self.x + width > A4[0] - MARGIN:
            self.newline()

    def heading(self, text: str) -> None:
        self.canvas.setFont(self.font, LABEL_SIZE)
        self.canvas.setFillColorRGB(0.35, 0.35, 0.35)
        self.canvas.drawString(self.x, self.y, text)
        self.canvas.setFillColorRGB(0, 0, 0)
        self.newline()

    def word(self, text: str) -> None:
        space = pdfmetrics.stringWidth(" ", self.font, FONT_SIZE)
        width = pdfmetrics.stringWidth(text, self.font, FONT_SIZE)
        while width > A4[0] - 2 * MARGIN:  # a very long token: break it
            head = text[: max(1, int(len(text) * (A4[0] - 2 * MARGIN) / width) - 1)]
            self.word(head)
            text = text[len(head) :]
            width = pdfmetrics.stringWidth(text, self.font, FONT_SIZE)
        self._advance(width)
        self.canvas.setFont(self.font, FONT_SIZE)
        self.canvas.drawString(self.x, self.y, text)
        self.x += width + space

    def box(self, piece: Piece) -> None:
        natural = pdfmetrics.stringWidth(piece.text.replace("\n", " "), self.font, FONT_SIZE)
        label = pdfmetrics.stringWidth((piece.code or "") + NUMBER_ROOM, self.font, LABEL_SIZE) + 6
        width = min(max(natural, label), A4[0] - 2 * MARGIN)
        self._advance(width)
        box = (self.x, self.y - 3, self.x + width, self.y + FONT_SIZE)
        draw_box(self.canvas, box, (piece.code or "") if self.labels else "")
        self.redactions.append(Redaction(piece.flag_id, self.page, box, piece.code or "", piece.entity))
        self.x += width + pdfmetrics.stringWidth(" ", self.font, FONT_SIZE)

    def finish(self) -> tuple[bytes, int]:
        self.canvas.showPage()
        self.canvas.save()
        return sanitize(self.buffer.getvalue()), self.page


def draw_segment(layout: Layout, segment: Segment, flags: Sequence[Flag]) -> None:
    """Set a segment's kept words and a labelled box for each redacted run."""
    for piece in pieces(segment, flags):
        if piece.code is not None:
            layout.box(piece)
        elif piece.text == "\n":
            layout.newline()
        else:
            layout.word(piece.text)


def render_segments(layout: Layout, segments: Sequence[Segment], flags: Sequence[Flag], labels: bool) -> None:
    for segment in segments:
        if labels and segment.field not in ("body", "page"):
            layout.heading(segment.field)
        draw_segment(layout, segment, flags)
        layout.newline(extra=4)


@renderer("text", accepts=lambda item: True, priority=900)
def render_text(item: Item, flags: Sequence[Flag], rctx: RenderContext) -> RenderedItem:
    layout = Layout(rctx.ref, f"{item.kind} (redacted copy)", rctx.labels)
    render_segments(layout, item.segments, flags, labels=len(item.segments) > 1)
    pdf, pages = layout.finish()
    return RenderedItem(item.item_id, pdf, pages, tuple(layout.redactions))
