"""The redaction schedule: one numbered row per box, in bundle order, never the value.

Row ``N`` is the box labelled ``CODE N`` in the bundle. Each row gives the item and its
page, the reason code with its meaning in full and its legal basis, and who decided it and
when: a person (a reviewer's own decision or a manual redaction) or the policy (the
detector's proposal, accepted in bulk or redacted without review under ``--pending redact``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from redactor import codes
from redactor.records import Decision, Flag, RenderedItem

SCHEDULE_FIELDS = (
    "redaction",
    "item",
    "page",
    "bundle_page",
    "code",
    "reason",
    "legal_basis",
    "decided_by",
    "decided_at",
    "decision",
    "pseudonym",
    "entity",
    "flag_id",
    "x0",
    "y0",
    "x1",
    "y1",
)
BULK = "accepted in bulk"


@dataclass(frozen=True, slots=True)
class Decided:
    """Who made a redaction final, when, and whether it was a person's call or the policy's proposal."""

    by: str  # reviewer name, or "" when nobody decided
    at: str  # UTC time of the last decision, or ""
    kind: str  # "person" | "policy"
    note: str = ""  # e.g. "accepted in bulk", "not reviewed (--pending redact)"


NOT_REVIEWED = Decided("", "", "policy", "not reviewed (--pending redact)")


def decided_from(flags: Iterable[Flag], decisions: Iterable[Decision]) -> dict[str, Decided]:
    """The last decision on each flag, summarised for the schedule."""
    last: dict[str, Decision] = {}
    for d in decisions:
        last[d.flag_id] = d
    out: dict[str, Decided] = {}
    for flag in flags:
        d = last.get(flag.flag_id)
        if d is None:
            out[flag.flag_id] = Decided("", "", "person", "added by hand") if flag.origin == "manual" else NOT_REVIEWED
        elif flag.origin != "manual" and d.action == "accept" and d.reason.startswith(BULK):
            out[flag.flag_id] = Decided(d.reviewer, d.at, "policy", BULK)
        elif d.reviewer == "policy":  # the policy decides some values itself (structured identifiers): the rule says why
            out[flag.flag_id] = Decided(d.reviewer, d.at, "policy", d.reason or d.action)
        else:
            out[flag.flag_id] = Decided(d.reviewer, d.at, "person", d.action)
    return out


def schedule_rows(
    items: Sequence[tuple[str, RenderedItem]],
    decided: Mapping[str, Decided],
    starts: Mapping[str, tuple[int, int]] | None = None,
    names: Mapping[str, str] | None = None,
    first: int = 1,
) -> list[dict[str, Any]]:
    """Rows numbered from ``first`` over ``(ref, rendered)`` in bundle order; the numbers match the box labels."""
    rows: list[dict[str, Any]] = []
    for ref, rendered in items:
        for r in rendered.redactions:
            rc = codes.REASON_CODES.get(r.code)
            who = decided.get(r.flag_id, NOT_REVIEWED)
            start = (starts or {}).get(ref, (0, 0))[0]
            rows.append(
                {
                    "redaction": len(rows) + first,
                    "item": ref,
                    "page": r.page,
                    "bundle_page": start + r.page - 1 if start else "",
                    "code": r.code,
                    "reason": codes.describe(r.code),
                    "legal_basis": rc.basis if rc else "",
                    "decided_by": who.by,
                    "decided_at": who.at,
                    "decision": f"{who.kind} ({who.note})" if who.note else who.kind,
                    "pseudonym": (names or {}).get(r.flag_id, ""),
                    "entity": r.entity,
                    "flag_id": r.flag_id,
                    **{k: round(v, 1) for k, v in zip(("x0", "y0", "x1", "y1"), r.box, strict=True)},
                }
            )
    return rows


def merge_rows(carried: Sequence[dict[str, Any]], new: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """A cumulative schedule: rows carried over from an earlier bundle and this bundle's rows, by number."""
    return sorted([*carried, *new], key=lambda r: int(r["redaction"]))


SUMMARY_FIELDS = ("code", "meaning", "legal_basis", "boxes", "new_boxes")


def summary_rows(rows: Sequence[Mapping[str, Any]], first: int = 1) -> list[dict[str, Any]]:
    """``schedule_summary.csv``: boxes per reason code over the whole (cumulative) schedule, one row per code.

    ``new_boxes`` counts the boxes numbered from ``first`` (a ``--since`` bundle's own; all of them otherwise).
    The total is the sum of ``boxes``: no total row, so a spreadsheet or a script can sum the column."""
    new = Counter(str(r["code"]) for r in rows if int(r["redaction"]) >= first)
    out = []
    for code, count in code_counts(rows):
        rc = codes.REASON_CODES.get(code)
        out.append(
            {"code": code, "meaning": codes.describe(code), "legal_basis": rc.basis if rc else "", "boxes": count, "new_boxes": new[code]}
        )
    return out


def code_counts(rows: Sequence[Mapping[str, Any]]) -> list[tuple[str, int]]:
    """Boxes per reason code, in the order of the code list."""
    counts = Counter(str(r["code"]) for r in rows)
    order = list(codes.REASON_CODES) + sorted(set(counts) - set(codes.REASON_CODES))
    return [(c, counts[c]) for c in order if counts[c]]
