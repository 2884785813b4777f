"""Incremental disclosure: ``redactor bundle CASE --out OUT2 --since OUT1``.

Material arrives in waves. A bundle made ``--since`` an earlier one holds only the items that
are new or whose redacted rendering changed (new or changed redactions), and a cumulative
schedule: the rows of the items carried over keep the numbers they have in the earlier bundle
(so the labels printed there stay right), and new boxes are numbered after the earlier
bundle's last row. Each item's content is the SHA-256 of its redacted rendering before the
labels are printed (``index.csv`` column ``content``), so renumbering never counts as a change.
"""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from redactor.bundle.verify import verify_bundle
from redactor.errors import UsageError
from redactor.records import RenderedItem

UNCHANGED = "unchanged"


@dataclass(frozen=True, slots=True)
class Prior:
    """What a later bundle needs of an earlier one: its name, item contents and schedule rows."""

    name: str
    content: Mapping[str, str] = field(default_factory=dict)  # item ref -> content sha256
    rows: Mapping[str, tuple[dict[str, Any], ...]] = field(default_factory=dict)  # item ref -> its schedule rows
    top: int = 0  # the highest schedule number
    unused: Mapping[str, Mapping[str, dict[str, Any]]] = field(default_factory=dict)  # "mg6c"/"mg6d" -> item ref -> its row


def content_hash(rendered: RenderedItem) -> str:
    return hashlib.sha256(rendered.pdf).hexdigest()


def read_prior(path: Path) -> Prior:
    """The earlier bundle, verified first: a bundle that fails verification is no base for the next one."""
    path = Path(path)
    verify_bundle(path)
    try:
        index = list(csv.DictReader(open(path / "index.csv", encoding="utf-8")))
        schedule = list(csv.DictReader(open(path / "schedule.csv", encoding="utf-8")))
    except OSError as exc:
        raise UsageError(f"{path}: cannot read its index or schedule ({type(exc).__name__})", hint="give a bundle folder") from None
    if index and "content" not in index[0]:
        raise UsageError(f"{path} was made by an older redactor without item contents", hint="bundle the case in full once")
    rows: dict[str, list[dict[str, Any]]] = {}
    for row in schedule:
        rows.setdefault(row["item"], []).append(row)
    content = {r["item"]: r["content"] for r in index if r.get("content")}
    top = max((int(r["redaction"]) for r in schedule), default=0)
    unused = {name: {r["item"]: r for r in _rows(path / f"{name}.csv")} for name in ("mg6c", "mg6d")}
    return Prior(path.name, content, {k: tuple(v) for k, v in rows.items()}, top, unused)


def _rows(path: Path) -> list[dict[str, Any]]:
    """A CSV's rows, or none when the earlier bundle predates the file (every row then counts as new)."""
    if not path.is_file():
        return []
    with open(path, encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def carry_over(entries: Sequence[Any], prior: Prior | None) -> tuple[list[Any], list[dict[str, Any]], int]:
    """Entries with unchanged items set aside, the schedule rows they keep, and the first new number."""
    if prior is None:
        return list(entries), [], 1
    out, carried = [], []
    for e in entries:
        if e.rendered is not None and prior.content.get(e.ref) == content_hash(e.rendered):
            out.append(replace(e, rendered=None, status=UNCHANGED, note=f"unchanged since {prior.name}; not repeated"))
            carried += [{**row, "bundle_page": ""} for row in prior.rows.get(e.ref, ())]
        else:
            out.append(e)
    return out, sorted(carried, key=lambda r: int(r["redaction"])), prior.top + 1
