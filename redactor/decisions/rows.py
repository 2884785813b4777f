"""Flags as flat rows for listing and the spreadsheet round trip."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

from redactor.case import CaseStore
from redactor.errors import DecisionImportError

T = TypeVar("T")

CONTEXT = 40
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # a spreadsheet would run these as formulas


def spreadsheet_safe(row: dict[str, Any]) -> dict[str, Any]:
    """The row for a CSV a person opens in a spreadsheet: text that would start a formula gets a
    leading apostrophe, so a message reading ``=HYPERLINK(...)`` stays text (the import strips it)."""
    return {k: "'" + v if isinstance(v, str) and v.startswith(FORMULA_START) else v for k, v in row.items()}


def from_spreadsheet(value: str) -> str:
    return value[1:] if value.startswith("'") and value[1:].startswith(FORMULA_START) else value


def flag_rows(store: CaseStore, status: str | None = None, with_text: bool = False) -> list[dict[str, Any]]:
    refs = store.item_refs()
    segments = {}
    last_decision = {d.flag_id: d for d in store.decisions()}
    rows = []
    for flag in store.flags(status=status):
        if flag.segment_id not in segments:
            segments[flag.segment_id] = store.segment(flag.segment_id)
        seg = segments[flag.segment_id]
        decision = last_decision.get(flag.flag_id)
        out = {
            "flag_id": flag.flag_id,
            "item": refs.get(flag.item_id, flag.item_id),
            "page": seg.page,
            "field": seg.field,
            "start": flag.start,
            "end": flag.end,
            "entity": flag.entity,
            "category": flag.explanation.get("category", ""),
            "party": flag.explanation.get("party", ""),
            "score": flag.score,
            "recognizer": flag.recognizer,
            "code": flag.code,
            "proposed": flag.proposed,
            "status": flag.status,
            "version": flag.version,
            "decision": "",
            "reason": decision.reason if decision else "",
        }
        if with_text:
            out["text"] = seg.text[flag.start : flag.end]
        rows.append(out)
    return rows


def checked_rows(
    path: Path, reader: Iterable[dict[str, str | None]], check: Callable[[int, dict[str, str | None]], tuple[T | None, str]]
) -> list[T]:
    """Every row of a decisions spreadsheet checked first; any problem refuses the whole file, naming up to ten lines."""
    rows, errors = [], []
    for line, raw in enumerate(reader, start=2):
        row, problem = check(line, raw)
        if problem:
            errors.append(f"line {line}: {problem}")
        elif row:
            rows.append(row)
    if errors:
        shown = "; ".join(errors[:10]) + (f"; and {len(errors) - 10} more" if len(errors) > 10 else "")
        raise DecisionImportError(f"{path}: {len(errors)} invalid rows: {shown}")
    return rows
