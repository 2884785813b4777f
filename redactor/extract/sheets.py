"""Shared pieces for tables (``.csv``, ``.xlsx``): cell references and rows as text segments.

A row becomes one line, each non-empty cell written with its reference, so every value keeps its
provenance in the text itself: ``A2: Alex Example | B2: 07700 900123``. Rows are grouped into
segments of :data:`ROWS_PER_SEGMENT`, so a sheet of a million rows never becomes one giant segment;
a segment's field names the sheet and its rows (``Sheet1 rows 1-200``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache

from redactor.records import Segment, stable_id

ROWS_PER_SEGMENT = 200
MAX_CELL_CHARS = 32767  # Excel's own limit for one cell
_SPACE = re.compile(r"[\r\n\t\v\f]+")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\ud800-\udfff]")


@dataclass(frozen=True, slots=True)
class Row:
    number: int  # 1-based
    cells: tuple[tuple[int, str], ...]  # (1-based column, text) of non-empty cells
    note: str = ""  # e.g. "hidden row"


@cache  # a sheet has few columns and many cells: each column's letters are worked out once
def column_letter(index: int) -> str:
    """1 -> A, 27 -> AA, 16384 -> XFD."""
    letters = ""
    while index > 0:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def cell_text(value: object) -> str:
    """A cell value on one line, control characters dropped, capped at Excel's cell limit."""
    if type(value) is str and value.isprintable():  # the common case: nothing to replace (profiled: CSV read 9x csv.reader)
        return value.strip()[:MAX_CELL_CHARS]
    text = value.isoformat(sep=" ") if hasattr(value, "isoformat") and not isinstance(value, str) else str(value)  # type: ignore[call-arg]
    return _CONTROL.sub("", _SPACE.sub(" ", text)).strip()[:MAX_CELL_CHARS]


def row_line(row: Row) -> str:
    number = str(row.number)
    line = " | ".join([f"{column_letter(col)}{number}: {text}" for col, text in row.cells])
    return f"[{row.note}] {line}" if row.note else line


def row_segments(item_id: str, label: str, rows: Iterable[Row], start_index: int = 0) -> Iterator[Segment]:
    """Rows as segments of up to :data:`ROWS_PER_SEGMENT` lines each; empty rows are skipped."""
    return line_segments(item_id, label, ((row.number, row_line(row)) for row in rows if row.cells), start_index)


def line_segments(item_id: str, label: str, lines: Iterable[tuple[int, str]], start_index: int = 0) -> Iterator[Segment]:
    """Numbered row lines (as :func:`row_line` writes them) as segments of up to :data:`ROWS_PER_SEGMENT` lines."""
    index, chunk = start_index, []
    for line in lines:
        chunk.append(line)
        if len(chunk) >= ROWS_PER_SEGMENT:
            yield _segment(item_id, index, label, chunk)
            index, chunk = index + 1, []
    if chunk:
        yield _segment(item_id, index, label, chunk)


def _segment(item_id: str, index: int, label: str, lines: Sequence[tuple[int, str]]) -> Segment:
    field = f"{label} rows {lines[0][0]}-{lines[-1][0]}".strip()
    text = "\n".join([line for _, line in lines])
    return Segment(stable_id(item_id, index), item_id, index, field, text, origin="text")
