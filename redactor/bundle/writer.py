"""The ``bundle.disclosure`` stage: write redacted items, the redaction schedule and the index.

File names in the bundle are bundle references (``S0001-001.pdf``), never original
file names, which can themselves be personal data. The schedule has one row per
box: where it is, its reason code and what that code means; never the redacted value.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from redactor import codes
from redactor.bundle.combined import combined_pdf
from redactor.records import RenderedItem
from redactor.stages import StageContext, register

SCHEDULE_FIELDS = ("redaction", "item", "page", "code", "entity", "reason", "legal_basis", "flag_id", "x0", "y0", "x1", "y1")
INDEX_FIELDS = ("item", "kind", "status", "pages", "redactions", "file", "contains", "note")


@dataclass(frozen=True, slots=True)
class BundleEntry:
    ref: str
    kind: str
    status: str  # disclosed | withheld
    rendered: RenderedItem | None = None
    note: str = ""
    contains: tuple[str, ...] = ()  # case items rendered together in this document (a conversation's messages)


class BundleSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    items_dir: str = "items"
    combined: bool = True  # also write bundle.pdf: index, all items, schedule, continuous page numbers


@register("bundle.disclosure", kind="bundle", settings=BundleSettings)
def bundle_disclosure(settings: BundleSettings, ctx: StageContext):
    """Write items/*.pdf, schedule.csv, index.csv and the paginated bundle.pdf into the bundle folder."""

    def run(out: Path, entries: Sequence[BundleEntry]) -> dict[str, int]:
        items_dir = out / settings.items_dir
        items_dir.mkdir(parents=True, exist_ok=True)
        schedule_rows, index_rows = [], []
        for entry in entries:
            file = ""
            if entry.rendered is not None:
                file = f"{settings.items_dir}/{entry.ref}.pdf"
                (out / file).write_bytes(entry.rendered.pdf)
                for r in entry.rendered.redactions:
                    rc = codes.REASON_CODES.get(r.code.split("/")[0])
                    schedule_rows.append(
                        {
                            "redaction": len(schedule_rows) + 1,
                            "item": entry.ref,
                            "page": r.page,
                            "code": r.code,
                            "entity": r.entity,
                            "reason": " / ".join(codes.describe(c) for c in r.code.split("/")),
                            "legal_basis": rc.basis if rc else "",
                            "flag_id": r.flag_id,
                            **{k: round(v, 1) for k, v in zip(("x0", "y0", "x1", "y1"), r.box, strict=True)},
                        }
                    )
            index_rows.append(
                {
                    "item": entry.ref,
                    "kind": entry.kind,
                    "status": entry.status,
                    "pages": entry.rendered.pages if entry.rendered else 0,
                    "redactions": len(entry.rendered.redactions) if entry.rendered else 0,
                    "file": file,
                    "contains": " ".join(entry.contains),
                    "note": entry.note,
                }
            )
        _write_csv(out / "schedule.csv", SCHEDULE_FIELDS, schedule_rows)
        _write_csv(out / "index.csv", INDEX_FIELDS, index_rows)
        if settings.combined:
            summary = [
                f"{sum(1 for e in entries if e.rendered)} items disclosed, {sum(1 for e in entries if not e.rendered)} withheld, "
                f"{len(schedule_rows)} redactions. Files and hashes: manifest.json; verify with 'redactor verify'."
            ]
            (out / "bundle.pdf").write_bytes(combined_pdf(entries, schedule_rows, summary))
        return {
            "items": sum(1 for e in entries if e.rendered),
            "withheld": sum(1 for e in entries if not e.rendered),
            "redactions": len(schedule_rows),
        }

    return run


def _write_csv(path: Path, fields: Sequence[str], rows: Sequence[dict]) -> None:
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)
