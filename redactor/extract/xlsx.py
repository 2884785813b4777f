"""Excel workbooks (``.xlsx``, ``.xlsm``): every cell with its sheet and cell reference.

Recognised by content: a zip with ``[Content_Types].xml`` and ``xl/workbook.xml``. The package
is checked first (:mod:`redactor.extract.package`: zip slip, bombs, DTDs refused), then read
with openpyxl (which parses with defusedxml; links and macros are not loaded, nothing is
evaluated). What a reader of the original might not see is read too, and said:

- hidden and very hidden sheets (their segments are labelled ``(hidden sheet)``);
- hidden rows (``[hidden row]`` before the line) and hidden columns (``[hidden column]`` after
  the cell reference);
- formulas: the value Excel last computed, then ``[formula: =...]``, because a formula can
  hold names or numbers of its own;
- cell comments and notes, sheet headers and footers, one segment each.

Cells are walked from what is stored, never from the sheet's claimed dimensions, so a lone
cell at ``XFD1048576`` costs nothing. Pictures (``xl/media``) and embedded files
(``xl/embeddings``) become derived sources and are extracted (OCR'd) in turn. A workbook with no
values still yields an item that says what it holds (its document properties).
"""

from __future__ import annotations

import logging
import warnings
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from redactor.errors import CorruptInput, EmptyInput, HostileInput, TooLargeInput
from redactor.extract import extractor
from redactor.extract.docx import contents_segments, derived_members
from redactor.extract.package import has_members, open_package
from redactor.extract.sheets import Row, cell_text, column_letter, row_segments
from redactor.records import DOCUMENT, DerivedFile, Item, Segment, Source, stable_id
from redactor.stages import StageContext

log = logging.getLogger(__name__)
MAX_CELLS = 2_000_000
MAX_SHEET_XML = 64 << 20  # openpyxl holds a whole sheet in memory: about 1 KB per cell
PROPERTIES = ("title", "subject", "creator", "lastModifiedBy", "description", "keywords", "category")


def is_xlsx(path: Path) -> bool:
    return has_members(path, "[Content_Types].xml", "xl/workbook.xml")


def _accepts(source: Source, path: Path, head: bytes) -> bool:
    return source.media_type == "application/zip" and is_xlsx(path)


def _load(path: Path, data_only: bool) -> Any:
    import openpyxl

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # unsupported extensions (data validation, slicers) are reported as warnings
            return openpyxl.load_workbook(path, read_only=False, data_only=data_only, keep_vba=False, keep_links=False, rich_text=False)
    except HostileInput:
        raise
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many types on a damaged workbook
        if "DTD" in type(exc).__name__ or "Entit" in type(exc).__name__:
            raise HostileInput(f"{path}: workbook declares a DTD or entities; refused") from None
        raise CorruptInput(f"{path}: Excel workbook cannot be read ({type(exc).__name__})") from None


def _hidden_columns(ws: Any) -> set[int]:
    hidden: set[int] = set()
    for dim in ws.column_dimensions.values():
        if dim.hidden and dim.min and dim.max:
            hidden.update(range(int(dim.min), min(int(dim.max), 16384) + 1))
    return hidden


def _rows(ws: Any, cached: Any, hidden_cols: set[int]) -> Iterator[Row]:
    by_row: dict[int, list[tuple[int, str]]] = {}
    for (r, c), cell in sorted(ws._cells.items()):  # stored cells only, never the claimed dimensions
        if cell.value is None or cell.value == "":
            continue
        text = cell_text(cell.value)
        if cell.data_type == "f":
            value = cached._cells.get((r, c)).value if cached is not None and (r, c) in cached._cells else None
            text = f"{cell_text(value) if value is not None else ''} [formula: {text}]".strip()
        if c in hidden_cols:
            text = f"[hidden column] {text}"
        by_row.setdefault(r, []).append((c, text))
    for r, cells in by_row.items():
        dim = ws.row_dimensions.get(r) if hasattr(ws.row_dimensions, "get") else None
        yield Row(r, tuple(cells), "hidden row" if dim is not None and dim.hidden else "")


def _comments(ws: Any) -> list[str]:
    lines = []
    for (r, c), cell in sorted(ws._cells.items()):
        if cell.comment is not None and cell.comment.text:
            author = cell_text(cell.comment.author or "unknown")
            lines.append(f"[comment on {column_letter(c)}{r} by {author}] {cell_text(cell.comment.text)}")
    return lines


def _headers_footers(ws: Any) -> list[str]:
    lines = []
    for name in ("oddHeader", "oddFooter", "evenHeader", "evenFooter", "firstHeader", "firstFooter"):
        part = getattr(ws, name, None)
        for side in ("left", "center", "right"):
            text = getattr(getattr(part, side, None), "text", None)
            if text:
                lines.append(f"{name} {side}: {cell_text(text)}")
    return lines


def _properties(wb: Any) -> list[str]:
    props = wb.properties
    return [f"{name}: {cell_text(value)}" for name in PROPERTIES if (value := getattr(props, name, None))]


def _sheet_segments(item_id: str, wb: Any, cached: Any, meta: dict[str, Any], path: Path) -> list[Segment]:
    segments: list[Segment] = []
    for ws in wb.worksheets:
        if len(ws._cells) > MAX_CELLS:
            raise HostileInput(f"{path}: a sheet has {len(ws._cells)} cells, over the {MAX_CELLS:,} limit")
        hidden_sheet = ws.sheet_state != "visible"
        label = f"{ws.title} (hidden sheet)" if hidden_sheet else ws.title
        hidden_cols = _hidden_columns(ws)
        rows = list(_rows(ws, cached[ws.title] if cached is not None else None, hidden_cols))
        segments += row_segments(item_id, label, rows, start_index=len(segments))
        extra = [(f"{ws.title} comments", _comments(ws)), (f"{ws.title} headers and footers", _headers_footers(ws))]
        for field, lines in extra:
            if lines:
                segments.append(Segment(stable_id(item_id, len(segments)), item_id, len(segments), field, "\n".join(lines)))
        meta["sheets"].append(
            {
                "name": ws.title,
                "state": ws.sheet_state,
                "hidden_rows": sum(1 for r in rows if r.note),
                "hidden_columns": sorted(hidden_cols)[:1000],
                "comments": len(extra[0][1]),
            }
        )
    return segments


@extractor("xlsx", accepts=_accepts, priority=90)
def extract_xlsx(source: Source, path: Path, ctx: StageContext) -> Iterator[Item | DerivedFile]:
    with open_package(path, "Excel workbook") as zf:
        big = [i for i in zf.infolist() if i.filename.startswith("xl/worksheets/") and i.file_size > MAX_SHEET_XML]
        if big:
            raise TooLargeInput(f"{path}: a sheet of {big[0].file_size >> 20} MB is over the {MAX_SHEET_XML >> 20} MB limit")
        derived = list(_derived(zf, source, ctx))
    wb = _load(path, data_only=False)
    has_formulas = any(cell.data_type == "f" for ws in wb.worksheets for cell in ws._cells.values())
    cached = _load(path, data_only=True) if has_formulas else None
    item_id = stable_id(source.source_id, "file")
    meta: dict[str, Any] = {"format": "xlsx", "sheets": [], "embedded": len(derived)}
    segments = _sheet_segments(item_id, wb, cached, meta, path)
    if not segments:
        segments = list(contents_segments(item_id, "workbook", _properties(wb), len(derived)))
    if not segments:
        raise EmptyInput(f"{path}: Excel workbook has no values, properties or embedded files")
    log.info("xlsx %s: %d sheets, %d segments, %d embedded files", source.ref, len(meta["sheets"]), len(segments), len(derived))
    yield from derived
    yield Item(item_id, source.source_id, "file", DOCUMENT, source.name, tuple(segments), meta)


def _derived(zf: zipfile.ZipFile, source: Source, ctx: StageContext | None) -> Iterator[DerivedFile]:
    return derived_members(zf, source, ctx, lambda name: name.startswith(("xl/media/", "xl/embeddings/")))
