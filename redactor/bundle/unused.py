"""Drafts of the unused-material schedules, so the disclosure officer starts from a draft, not a blank form.

``mg6c.csv`` (non-sensitive unused material): items withheld as not relevant (IRR) and items
disclosed in edited form, each with a short description. ``mg6d.csv`` (sensitive material):
items marked SEN, with the reason recorded when they were marked. Descriptions and reasons are
printed only through the case's decisions (:meth:`BundleFacts.printable`), like the index.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from redactor.bundle.facts import BundleFacts

MG6C_FIELDS = ("no", "item", "description", "exhibit", "date", "treatment", "reason", "decided_by", "decided_at", "bundle_file")
MG6D_FIELDS = ("no", "item", "description", "exhibit", "date", "reason", "decided_by", "decided_at")


def _common(no: int, e: Any, facts: BundleFacts) -> dict[str, Any]:
    return {
        "no": no,
        "item": e.ref,
        "description": "; ".join(x for x in (e.kind, facts.printable(e.title)) if x),
        "exhibit": facts.printable(e.exhibit),
        "date": e.date,
    }


def mg6c_rows(entries: Sequence[Any], facts: BundleFacts) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for e in entries:
        change = facts.scope_changes.get(e.ref)
        if e.scope == "out":
            treatment = "withheld: not relevant (IRR)"
            reason, file = (facts.printable(change[2]) if change else "outside the agreed scope"), ""
        elif e.rendered is not None and e.rendered.redactions:
            treatment = f"disclosed in edited form ({len(e.rendered.redactions)} redactions, see schedule.csv)"
            reason, file, change = "personal data redacted", f"items/{e.ref}.pdf", None
        else:
            continue
        rows.append(
            {
                **_common(len(rows) + 1, e, facts),
                "treatment": treatment,
                "reason": reason,
                "decided_by": change[0] if change else "",
                "decided_at": change[1] if change else "",
                "bundle_file": file,
            }
        )
    return rows


def mg6d_rows(entries: Sequence[Any], facts: BundleFacts) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for e in entries:
        if e.scope != "sensitive":
            continue
        change = facts.scope_changes.get(e.ref)
        reason = facts.printable(change[2]) if change and change[2] else "marked sensitive (no reason recorded)"
        rows.append(
            {
                **_common(len(rows) + 1, e, facts),
                "reason": reason,
                "decided_by": change[0] if change else "",
                "decided_at": change[1] if change else "",
            }
        )
    return rows
