"""A minimal paginated table on A4 pages: the bundle's cover, index and schedule are built with it.

Cells wrap onto as many lines as they need (nothing is cut short); a cell may link to a
bundle page (the index's page numbers). Links are recorded as (page, rectangle, target)
and added by :mod:`redactor.bundle.combined` once the pages are in the bundle.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics

from redactor.render.pdfkit import new_canvas, text_font

MARGIN = 40.0
ROW = 11.0
SIZE = 8.0


@lru_cache(maxsize=8192)
def _wrap(text: str, font: str, width: float) -> tuple[str, ...]:
    """A cell's lines; schedule rows repeat the same reasons and bases, so wrapping is cached."""
    return tuple(simpleSplit(text, font, SIZE, width)) or ("",)


class Table:
    """Rows of wrapped cells under a title, an optional introduction and a header row repeated on every page."""

    def __init__(self, title: str, columns: Sequence[tuple[str, float]], intro: Sequence[str] = ()) -> None:
        self.buffer = io.BytesIO()
        self.canvas = new_canvas(self.buffer, A4)
        self.font = text_font()
        self.title, self.columns, self.pages = title, columns, 0
        self.links: list[tuple[int, tuple[float, float, float, float], int]] = []  # (page, rect, bundle page)
        self._page(intro)

    def _page(self, intro: Sequence[str] = ()) -> None:
        if self.pages:
            self.canvas.showPage()
        self.pages += 1
        self.y = A4[1] - MARGIN
        self.canvas.setFont(self.font, 14)
        self.canvas.drawString(MARGIN, self.y, self.title)
        self.y -= 20
        self.canvas.setFont(self.font, 8.5)
        for line in intro:
            for part in simpleSplit(line, self.font, 8.5, A4[0] - 2 * MARGIN) or [""]:
                if self.y < MARGIN + 40:
                    self.canvas.showPage()
                    self.pages += 1
                    self.y = A4[1] - MARGIN
                    self.canvas.setFont(self.font, 8.5)
                self.canvas.drawString(MARGIN, self.y, part)
                self.y -= ROW
        self.y -= 6
        self._row([name for name, _ in self.columns], bold=True)

    def _lines(self, values: Sequence[Any]) -> list[list[str]]:
        return [list(_wrap(str(v), self.font, width - 6)) for (_, width), v in zip(self.columns, values, strict=True)]

    def _row(self, values: Sequence[Any], bold: bool = False, links: Sequence[int | None] = ()) -> None:
        cells = self._lines(values)
        x = MARGIN
        self.canvas.setFont(self.font, SIZE)
        self.canvas.setFillColorRGB(*((0.2, 0.2, 0.45) if bold else (0, 0, 0)))
        for i, ((_, width), lines) in enumerate(zip(self.columns, cells, strict=True)):
            target = links[i] if i < len(links) else None
            if target:
                self.canvas.setFillColorRGB(0.05, 0.2, 0.6)
            for n, line in enumerate(lines):
                self.canvas.drawString(x, self.y - n * ROW, line)
            if target:
                w = max(pdfmetrics.stringWidth(line, self.font, SIZE) for line in lines)
                self.links.append((self.pages, (x - 1, self.y - 3, x + w + 1, self.y + SIZE), target))
                self.canvas.setFillColorRGB(0, 0, 0)
            x += width
        self.canvas.setFillColorRGB(0, 0, 0)
        self.y -= ROW * max(len(lines) for lines in cells) + 2

    def row(self, values: Sequence[Any], links: Sequence[int | None] = ()) -> None:
        """Add a row; ``links[i]`` is the bundle page column ``i`` points to (None: no link)."""
        height = ROW * max(len(lines) for lines in self._lines(values))
        if self.y - height < MARGIN:
            self._page()
        self._row(values, links=links)

    def text(self, line: str, size: float = 9.0) -> None:
        """A paragraph across the page (cover page facts)."""
        self.canvas.setFont(self.font, size)
        for part in simpleSplit(line, self.font, size, A4[0] - 2 * MARGIN) or [""]:
            if self.y < MARGIN:
                self._page()
            self.canvas.setFont(self.font, size)
            self.canvas.drawString(MARGIN, self.y, part)
            self.y -= size + 4

    def finish(self) -> bytes:
        self.canvas.showPage()
        self.canvas.save()
        return self.buffer.getvalue()
