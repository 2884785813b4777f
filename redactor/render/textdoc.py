"""Lay out text items (plain-text documents, and any record without a page layout) as PDF pages.

A renderer writes what an item shows into a :class:`Script`: headings, kept words, a labelled
box for each redacted run (never its text) and line breaks, each word measured once. A
:class:`Layout` then plays the script onto A4 pages. Page breaks fall only between steps of
the script, and every page starts at the same place, so :func:`paginate` (arithmetic only, no
drawing) tells at which step each page starts, and any range of pages can be drawn on its own:
the render pool draws a long transcript's page ranges on every core (``rctx.part``) and
:func:`redactor.render.parts.join_parts` joins them. Page header and footer carry the item's
bundle reference, never its file name.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics

from redactor.records import Flag, Item, Redaction, RenderedItem, Segment
from redactor.render import RenderContext, parts, renderer
from redactor.render.parts import page_ranges
from redactor.render.pdfkit import draw_box, new_canvas, sanitize, text_font
from redactor.render.spans import by_segment, cuts_for

MARGIN = 56.0
FONT_SIZE = 10.0
LEADING = 14.0
LABEL_SIZE = 8.0
NUMBER_ROOM = " 0000"  # a box is wide enough for its code and a schedule number ("TP 12"), printed later
LINE_WIDTH = A4[0] - 2 * MARGIN
HEADING, WORD, BOX, NEWLINE = range(4)


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


Step = tuple[int, str, float, Piece | None]  # kind, text (never a redacted one), width or extra leading, box


class Script:
    """What a text item shows, in order, measured but not yet placed on pages."""

    def __init__(self) -> None:
        self.font = text_font()
        self.steps: list[Step] = []
        self._widths: dict[str, float] = {}  # chats repeat their words: each is measured once
        self.space = self._width(" ")

    def _width(self, text: str) -> float:
        width = self._widths.get(text)
        if width is None:
            width = self._widths[text] = pdfmetrics.stringWidth(text, self.font, FONT_SIZE)
        return width

    def _label_width(self, code: str) -> float:
        key = "\0" + code  # no word starts with NUL: label widths share the cache
        width = self._widths.get(key)
        if width is None:
            width = self._widths[key] = pdfmetrics.stringWidth(code + NUMBER_ROOM, self.font, LABEL_SIZE) + 6
        return width

    def heading(self, text: str) -> None:
        self.steps.append((HEADING, text, 0.0, None))
        self.newline()

    def newline(self, extra: float = 0.0) -> None:
        self.steps.append((NEWLINE, "", extra, None))

    def word(self, text: str) -> None:
        width = self._width(text)
        while width > LINE_WIDTH:  # a very long token: break it
            head = text[: max(1, int(len(text) * LINE_WIDTH / width) - 1)]
            self.word(head)
            text = text[len(head) :]
            width = self._width(text)
        self.steps.append((WORD, text, width, None))

    def box(self, piece: Piece) -> None:
        natural = self._width(piece.text.replace("\n", " "))
        label = self._label_width(piece.code or "")
        kept = Piece("", piece.code, piece.flag_id, piece.entity)  # the redacted text goes no further
        self.steps.append((BOX, "", min(max(natural, label), LINE_WIDTH), kept))


class _Blank:
    """A canvas that draws nothing: pages are counted, not drawn."""

    def __getattr__(self, name: str):
        return lambda *args, **kwargs: None


class _RangeEnd(Exception):
    """The next page is past the range being drawn."""


class Layout:
    """Plays a :class:`Script` onto A4 pages (``first``..``last``; all by default) and records where boxes went."""

    def __init__(self, ref: str, title: str, labels: bool = True, *, first: int = 1, last: int | None = None, draw: bool = True) -> None:
        self.buffer = io.BytesIO()
        self.canvas = new_canvas(self.buffer, A4) if draw else _Blank()
        self.font, self.draws = text_font(), draw
        self.space = pdfmetrics.stringWidth(" ", self.font, FONT_SIZE)
        self.ref, self.title, self.labels, self.last = ref, title, labels, last
        self.page, self.drawn = first - 1, 0
        self.redactions: list[Redaction] = []
        self.starts: list[int] = []  # the script step each page after the first starts at
        self._resume = 0
        self._new_page()

    def _new_page(self) -> None:
        if self.last is not None and self.page >= self.last:
            raise _RangeEnd
        if self.drawn:
            self.canvas.showPage()
            self.starts.append(self._resume)
        self.page, self.drawn = self.page + 1, self.drawn + 1
        self.x, self.y = MARGIN, A4[1] - MARGIN - LEADING
        self.canvas.setFont(self.font, LABEL_SIZE)
        self.canvas.setFillColorRGB(0.35, 0.35, 0.35)
        self.canvas.drawString(MARGIN, A4[1] - MARGIN + 8, f"{self.ref}  {self.title}")
        self.canvas.drawRightString(A4[0] - MARGIN, MARGIN - 24, f"{self.ref}  page {self.page}")
        self.canvas.setFillColorRGB(0, 0, 0)

    def play(self, steps: Sequence[Step], start: int = 0) -> None:
        """Place ``steps[start:]``, stopping at the end of the last page of the range."""
        try:
            for index in range(start, len(steps)):
                kind, text, width, piece = steps[index]
                self._resume = index + 1 if kind == NEWLINE else index  # a word or box moved to a new page is drawn there
                if kind == NEWLINE:
                    self._newline(width)
                elif kind == HEADING:
                    self._heading(text)
                elif kind == WORD:
                    self._word(text, width)
                else:
                    self._box(piece, width)
        except _RangeEnd:
            pass

    def _newline(self, extra: float) -> None:
        self.x = MARGIN
        self.y -= LEADING + extra
        if self.y < MARGIN:
            self._new_page()

    def _advance(self, width: float) -> None:
        if self.x > MARGIN and self.x + width > A4[0] - MARGIN:
            self._newline(0.0)

    def _heading(self, text: str) -> None:
        self.canvas.setFont(self.font, LABEL_SIZE)
        self.canvas.setFillColorRGB(0.35, 0.35, 0.35)
        self.canvas.drawString(self.x, self.y, text)
        self.canvas.setFillColorRGB(0, 0, 0)

    def _word(self, text: str, width: float) -> None:
        self._advance(width)
        self.canvas.setFont(self.font, FONT_SIZE)
        self.canvas.drawString(self.x, self.y, text)
        self.x += width + self.space

    def _box(self, piece: Piece, width: float) -> None:
        self._advance(width)
        box = (self.x, self.y - 3, self.x + width, self.y + FONT_SIZE)
        if self.draws:
            draw_box(self.canvas, box, (piece.code or "") if self.labels else "")
        self.redactions.append(Redaction(piece.flag_id, self.page, box, piece.code or "", piece.entity))
        self.x += width + self.space

    def finish(self) -> tuple[bytes, int]:
        self.canvas.showPage()
        self.canvas.save()
        return sanitize(self.buffer.getvalue()), self.drawn


def paginate(steps: Sequence[Step]) -> list[int]:
    """The script step each page starts at (arithmetic only: nothing is drawn)."""
    layout = Layout("", "", draw=False)
    layout.play(steps)
    return [0, *layout.starts]


@dataclass(frozen=True, slots=True)
class Typeset:
    """Pages ``first``..``last`` of a long text item with the measured steps they show: all a worker needs to draw them."""

    first: int
    last: int
    steps: tuple[Step, ...]


def split_script(item: Item, build: Callable[[], Script]) -> list[tuple[Item, tuple[()], Typeset]]:
    """A long item's parts: its script measured once here, each part carrying only its own steps (none if short)."""
    if not may_be_long(item):
        return []
    steps = build().steps
    starts = [*paginate(steps), len(steps)]
    shell = replace(item, segments=(), meta={})  # a worker needs the id and kind; the steps carry what the pages show
    return [
        (shell, (), Typeset(first, last, tuple(steps[starts[first - 1] : starts[last]]))) for first, last in page_ranges(len(starts) - 1)
    ]


def may_be_long(item: Item) -> bool:
    """Could the item fill more than one part? Only then is its script measured to count its pages (a cheap estimate: a miss only costs speed)."""
    lines = 2 * len(item.segments) + sum(s.text.count("\n") + len(s.text) // 80 for s in item.segments)
    return lines > parts.PART_PAGES * 40  # a page holds at most 52 lines


def typeset(build: Callable[[], Script], title: str, rctx: RenderContext, item_id: str) -> RenderedItem:
    """The item's script on pages: all of them, or the part ``rctx.part`` (a :class:`Typeset`) with its own page numbers."""
    part = rctx.part
    if isinstance(part, Typeset):
        layout = Layout(rctx.ref, title, rctx.labels, first=part.first, last=part.last)
        layout.play(part.steps)
    else:
        layout = Layout(rctx.ref, title, rctx.labels)
        layout.play(build().steps)
    pdf, pages = layout.finish()
    return RenderedItem(item_id, pdf, pages, tuple(layout.redactions))


def draw_segment(script: Script, segment: Segment, flags: Sequence[Flag]) -> None:
    """Set a segment's kept words and a labelled box for each redacted run (``flags``: this segment's, or all)."""
    for piece in pieces(segment, flags):
        if piece.code is not None:
            script.box(piece)
        elif piece.text == "\n":
            script.newline()
        else:
            script.word(piece.text)


def _text_script(item: Item, flags: Sequence[Flag]) -> Script:
    script, index, labels = Script(), by_segment(flags), len(item.segments) > 1
    for segment in item.segments:
        if labels and segment.field not in ("body", "page"):
            script.heading(segment.field)
        draw_segment(script, segment, index.get(segment.segment_id, ()))
        script.newline(extra=4)
    return script


@renderer(
    "text", accepts=lambda item: True, priority=900, split=lambda item, flags, rctx: split_script(item, lambda: _text_script(item, flags))
)
def render_text(item: Item, flags: Sequence[Flag], rctx: RenderContext) -> RenderedItem:
    return typeset(lambda: _text_script(item, flags), f"{item.kind} (redacted copy)", rctx, item.item_id)
