"""Drafts of the unused-material schedules, so the disclosure officer starts from a draft, not a blank form.

``mg6c.csv`` (non-sensitive unused material): items withheld as not relevant (IRR) and items
disclosed in edited form, each with a short description. ``mg6d.csv`` (sensitive material):
items marked SEN, with the reason recorded when they were marked. Descriptions and reasons are
printed only through the case's decisions (:meth:`BundleFacts.printable`), like the index.

A schedule is cumulative: a bundle made ``--since`` an earlier one still lists every item that
belongs on it, including the edited items it does not repeat (their file is named in the earlier
bundle, ``OUT1/items/REF.pdf``), and column ``since_previous`` says ``new``, ``changed`` or
``unchanged`` against the earlier bundle's draft (blank in a full bundle).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from redactor.bundle.facts import BundleFacts
from redactor.bundle.since import UNCHANGED, Prior

MG6C_FIELDS = (
    "no",
    "item",
    "description",
    "exhibit",
    "date",
    "treatment",
    "reason",
    "decided_by",
    "decided_at",
    "bundle_file",
    "since_previous",
)
MG6D_FIELDS = ("no", "item", "description", "exhibit", "date", "reason", "decided_by", "decided_at", "since_previous")
COMPARED = ("treatment", "reason", "decided_by", "decided_at")  # what makes a listed item's row "changed"


def _common(no: int, e: Any, facts: BundleFacts) -> dict[str, Any]:
    return {
        "no": no,
        "item": e.ref,
        "description": "; ".join(x for x in (e.kind, facts.printable(e.title)) if x),
        "exhibit": facts.printable(e.exhibit),
        "date": e.date,
    }


def mg6c_rows(entries: Sequence[Any], facts: BundleFacts, carried: Mapping[str, int] | None = None) -> list[dict[str, Any]]:
    """IRR-withheld and edited items; ``carried``: boxes of the edited items a ``--since`` bundle does not repeat."""
    rows: list[dict[str, Any]] = []
    for e in entries:
        change = facts.scope_changes.get(e.ref)
        boxes = len(e.rendered.redactions) if e.rendered is not None else (carried or {}).get(e.ref, 0)
        if e.scope == "out":
            treatment = "withheld: not relevant (IRR)"
            reason, file = (facts.printable(change[2]) if change else "outside the agreed scope"), ""
        elif boxes and (e.rendered is not None or e.status == UNCHANGED):
            treatment = f"disclosed in edited form ({boxes} redactions, see schedule.csv)"
            reason, file, change = "personal data redacted", _bundle_file(e, facts.since), None
        else:
            continue
        row = {
            **_common(len(rows) + 1, e, facts),
            "treatment": treatment,
            "reason": reason,
            "decided_by": change[0] if change else "",
            "decided_at": change[1] if change else "",
            "bundle_file": file,
        }
        rows.append(row | {"since_previous": since_previous(row, e, facts.since, "mg6c")})
    return rows


def mg6d_rows(entries: Sequence[Any], facts: BundleFacts) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for e in entries:
        if e.scope != "sensitive":
            continue
        change = facts.scope_changes.get(e.ref)
        reason = facts.printable(change[2]) if change and change[2] else "marked sensitive (no reason recorded)"
        row = {
            **_common(len(rows) + 1, e, facts),
            "reason": reason,
            "decided_by": change[0] if change else "",
            "decided_at": change[1] if change else "",
        }
        rows.append(row | {"since_previous": since_previous(row, e, facts.since, "mg6d")})
    return rows


def _bundle_file(e: Any, prior: Prior | None) -> str:
    """Where the edited item is: in this bundle, or (not repeated) where the earlier bundle says it is."""
    if e.status != UNCHANGED or prior is None:
        return f"items/{e.ref}.pdf"
    before = prior.unused.get("mg6c", {}).get(e.ref, {}).get("bundle_file") or f"items/{e.ref}.pdf"
    return before if before.split("/")[0] != "items" else f"{prior.name}/{before}"


def since_previous(row: Mapping[str, Any], e: Any, prior: Prior | None, schedule: str) -> str:
    """``new`` (not on the earlier draft), ``changed`` (its row or its redacted content differ) or ``unchanged``."""
    if prior is None:
        return ""
    before = prior.unused.get(schedule, {}).get(e.ref)
    if before is None:
        return "new"
    if e.rendered is not None or any(str(before.get(k, "")) != str(row.get(k, "")) for k in COMPARED if k in row):
        return "changed"
    return "unchanged"
