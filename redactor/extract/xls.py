"""Legacy Excel workbooks (``.xls``, Excel 97-2003 BIFF): every cell with its sheet and cell reference.

Recognised by content: a compound file (``application/x-ole-storage``) with a ``Workbook`` (or
Excel 5's ``Book``) stream. Read with xlrd (BIFF only: no macros are run, nothing is fetched;
its diagnostics go to a buffer that is thrown away, never to the console or the log). As for
``.xlsx`` (:mod:`redactor.extract.xlsx`), what a reader of the original might not see is read
too, and said: hidden and very hidden sheets, hidden rows and columns, cell notes. A formula
cell holds the value Excel last computed (xlrd does not decode formulas; ``meta`` says so).
Dates are written as dates, whole numbers without ``.0``, error cells by their Excel name.
A password-protected workbook is refused as encrypted.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from redactor.errors import CorruptInput, EmptyInput, EncryptedInput, HostileInput, TooLargeInput
from redactor.extract import extractor
from redactor.extract.msg import ole_streams
from redactor.extract.sheets import Row, cell_text, column_letter, row_segments
from redactor.records import DOCUMENT, Item, Segment, Source, stable_id
from redactor.stages import StageContext

log = logging.getLogger(__name__)
MAX_BYTES = 256 << 20
MAX_CELLS = 2_000_000
VISIBILITY = {0: "visible", 1: "hidden", 2: "veryHidden"}


def _accepts(source: Source, path: Path, head: bytes) -> bool:
    if source.media_type != "application/x-ole-storage":
        return False
    names = ole_streams(path)
    return names is not None and bool({"Workbook", "Book"} & names)


def _open(path: Path) -> Any:
    import xlrd

    quiet = io.StringIO()  # xlrd writes its warnings (which can quote cell text) to a log file of its own
    try:
        try:
            return xlrd.open_workbook(str(path), logfile=quiet, verbosity=0, formatting_info=True, on_demand=False)
        except NotImplementedError:  # formatting records of a kind xlrd cannot read: values only
            return xlrd.open_workbook(str(path), logfile=quiet, verbosity=0, formatting_info=False, on_demand=False)
    except Exception as exc:  # noqa: BLE001 - xlrd and its compound-file reader raise many types on damage
        if "encrypt" in str(exc).lower():
            raise EncryptedInput(f"{path}: Excel workbook is password-protected") from None
        raise CorruptInput(f"{path}: Excel 97-2003 workbook cannot be read ({type(exc).__name__})") from None


def value_text(cell: Any, datemode: int) -> str:
    """A cell's value as text: dates as dates, whole numbers without a decimal point, errors by name."""
    import xlrd

    if cell.ctype == xlrd.XL_CELL_DATE:
        try:
            moment = xlrd.xldate_as_datetime(cell.value, datemode)
            return moment.date().isoformat() if moment.time() == moment.min.time() else cell_text(moment)
        except (ValueError, OverflowError, xlrd.xldate.XLDateError):
            return cell_text(cell.value)
    if cell.ctype == xlrd.XL_CELL_NUMBER:
        return str(int(cell.value)) if float(cell.value).is_integer() and abs(cell.value) < 1e15 else repr(cell.value)
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return "TRUE" if cell.value else "FALSE"
    if cell.ctype == xlrd.XL_CELL_ERROR:
        return xlrd.error_text_from_code.get(cell.value, "#ERROR")
    return cell_text(cell.value)


def _rows(sheet: Any, datemode: int, hidden_cols: set[int]) -> Iterator[Row]:
    for r in range(sheet.nrows):
        cells = []
        for c, cell in enumerate(sheet.row(r)):
            text = value_text(cell, datemode)
            if text:
                cells.append((c + 1, f"[hidden column] {text}" if c in hidden_cols else text))
        info = sheet.rowinfo_map.get(r)
        yield Row(r + 1, tuple(cells), "hidden row" if info is not None and info.hidden else "")


def _notes(sheet: Any) -> list[str]:
    lines = []
    for (r, c), note in sorted(sheet.cell_note_map.items()):
        author = cell_text(note.author or "unknown")
        lines.append(f"[comment on {column_letter(c + 1)}{r + 1} by {author}] {cell_text(note.text)}")
    return lines


def _sheet_segments(item_id: str, book: Any, meta: dict[str, Any], path: Path) -> list[Segment]:
    segments: list[Segment] = []
    for sheet in book.sheets():
        if sheet.nrows * sheet.ncols > MAX_CELLS:
            raise HostileInput(f"{path}: a sheet spans {sheet.nrows * sheet.ncols:,} cells, over the {MAX_CELLS:,} limit")
        state = VISIBILITY.get(sheet.visibility, "hidden")
        label = f"{sheet.name} (hidden sheet)" if state != "visible" else sheet.name
        hidden_cols = {c for c, info in sheet.colinfo_map.items() if info.hidden}
        rows = list(_rows(sheet, book.datemode, hidden_cols))
        segments += row_segments(item_id, label, rows, start_index=len(segments))
        notes = _notes(sheet)
        if notes:
            segments.append(Segment(stable_id(item_id, len(segments)), item_id, len(segments), f"{sheet.name} comments", "\n".join(notes)))
        meta["sheets"].append(
            {
                "name": sheet.name,
                "state": state,
                "hidden_rows": sum(1 for r in rows if r.note and r.cells),
                "hidden_columns": sorted(c + 1 for c in hidden_cols)[:1000],
                "comments": len(notes),
            }
        )
    return segments


@extractor("xls", accepts=_accepts, priority=88)
def extract_xls(source: Source, path: Path, ctx: StageContext) -> Iterator[Item]:
    if source.size > MAX_BYTES:
        raise TooLargeInput(f"{path}: workbook of {source.size >> 20} MB is over the {MAX_BYTES >> 20} MB limit")
    book = _open(path)
    try:
        item_id = stable_id(source.source_id, "file")
        meta: dict[str, Any] = {"format": "xls", "sheets": [], "formulas": "values as last computed; formulas not read"}
        segments = _sheet_segments(item_id, book, meta, path)
    finally:
        book.release_resources()
    if not segments:
        raise EmptyInput(f"{path}: Excel workbook has no values")
    log.info("xls %s: %d sheets, %d segments", source.ref, len(meta["sheets"]), len(segments))
    yield Item(item_id, source.source_id, "file", DOCUMENT, source.name, tuple(segments), meta)
