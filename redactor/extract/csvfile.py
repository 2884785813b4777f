"""Comma- or tab-separated tables (``.csv``, ``.tsv``) that no device format claims.

Device exports that happen to be CSV (Magnet AXIOM, ALEAPP TSVs) are claimed first by their own
extractors (lower priority numbers); any other file named ``.csv`` or ``.tsv`` whose content is
text is read here as a table: every non-empty cell with its spreadsheet reference (``B7``), so
each value keeps its provenance. The delimiter is sniffed from the content (``,`` ``;`` tab ``|``).
"""

from __future__ import annotations

import csv
import io
import logging
from collections.abc import Iterator
from pathlib import Path

from redactor.errors import CorruptInput, EmptyInput, TooLargeInput
from redactor.extract import extractor
from redactor.extract.sheets import MAX_CELL_CHARS, Row, cell_text, column_letter, line_segments
from redactor.extract.text import decode_text
from redactor.records import DOCUMENT, Item, Source, stable_id
from redactor.stages import StageContext

log = logging.getLogger(__name__)
SUFFIXES = (".csv", ".tsv")
MAX_BYTES = 512 << 20
MAX_FIELD = 16 << 20


def _accepts(source: Source, path: Path, head: bytes) -> bool:
    return source.media_type == "text/plain" and path.suffix.lower() in SUFFIXES


def dialect_for(sample: str, suffix: str) -> type[csv.Dialect] | csv.Dialect:
    if suffix == ".tsv":
        return csv.excel_tab
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        return csv.excel


def read_rows(text: str, suffix: str, path: Path) -> Iterator[Row]:
    """The table's rows as records (numbered from 1, empty cells left out): what read_lines writes, row by row."""
    for number, values in _records(text, suffix, path):
        yield Row(number, _cells(values))


def read_lines(text: str, suffix: str, path: Path) -> Iterator[tuple[int, str]]:
    """Each row with values as its numbered line, as ``sheets.row_line`` writes it, built straight from the
    parsed values (profiled: a Row record per row and the clean-up of every cell were most of the time)."""
    for number, values in _records(text, suffix, path):
        n = str(number)
        parts = [f"{column_letter(col)}{n}: {text}" for col, text in _cells(values)]
        if parts:
            yield number, " | ".join(parts)


def _records(text: str, suffix: str, path: Path) -> Iterator[tuple[int, list[str]]]:
    csv.field_size_limit(max(csv.field_size_limit(), MAX_FIELD))
    reader = csv.reader(io.StringIO(text, newline=""), dialect_for(text[: 64 << 10], suffix))
    try:
        yield from enumerate(reader, start=1)
    except csv.Error as exc:
        raise CorruptInput(f"{path}: table cannot be read at line {reader.line_num} ({exc})") from None


def _cells(values: list[str]) -> list[tuple[int, str]]:
    """The non-empty cells of a row, numbered from 1; a plain printable value skips ``cell_text``'s
    clean-up (it would change nothing; profiled: that clean-up was most of the time)."""
    cells = []
    for col, value in enumerate(values, start=1):
        text = value.strip()[:MAX_CELL_CHARS] if value.isprintable() else cell_text(value)
        if text:
            cells.append((col, text))
    return cells


@extractor("csv", accepts=_accepts, priority=850)
def extract_csv(source: Source, path: Path, ctx: StageContext) -> Iterator[Item]:
    if source.size > MAX_BYTES:
        raise TooLargeInput(f"{path}: table of {source.size >> 20} MB is over the {MAX_BYTES >> 20} MB limit")
    text = decode_text(path.read_bytes(), path).replace("\x00", "")
    item_id = stable_id(source.source_id, "file")
    segments = tuple(line_segments(item_id, "", read_lines(text, path.suffix.lower(), path)))
    if not segments:
        raise EmptyInput(f"{path}: table has no values")
    rows = sum(s.text.count("\n") + 1 for s in segments)
    log.info("csv %s: %d rows with values in %d segments", source.ref, rows, len(segments))
    meta = {"format": "csv", "rows": rows}
    yield Item(item_id, source.source_id, "file", DOCUMENT, source.name, segments, meta)
