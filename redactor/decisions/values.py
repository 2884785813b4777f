"""Decisions by value: the values spreadsheet round trip and the consistency check before a bundle.

``redactor values CASE --format csv`` writes one row per value cluster with its ``version``;
the reviewer fills ``decision`` (redact / keep), ``code`` and ``reason``; ``redactor decide
--import`` validates every row first and applies all of them in one transaction or none.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from redactor import codes
from redactor.case import CaseStore
from redactor.case.value_rows import ValueRow
from redactor.decisions.rows import checked_rows, from_spreadsheet
from redactor.errors import DecisionImportError, InconsistentValuesError, RedactorError, UsageError
from redactor.records import KEEP, REDACT

VALUE_FIELDS = (
    "value_id",
    "entity",
    "display",
    "occurrences",
    "items",
    "party",
    "proposal",
    "status",
    "code",
    "version",
    "decision",
    "reason",
    "decided_by",  # who decided the value: a reviewer, or 'policy' (the QC pass reads these); ignored on import
)


def value_dict(v: ValueRow) -> dict[str, Any]:
    return {
        "value_id": v.value_id,
        "entity": v.entity,
        "display": v.display,
        "occurrences": v.occurrences,
        "items": v.items,
        "party": v.party,
        "proposal": v.proposal,
        "status": v.status,
        "code": v.code,
        "version": v.version,
        "decision": "",
        "reason": v.reason,
        "decided_by": v.decided_by or "",
    }


def value_status(store: CaseStore) -> dict[str, Any]:
    """Values by status and every value redacted in one place and kept in another (ids and counts only)."""
    store.sync_values()
    by_status: dict[str, int] = {}
    for v in store.value_rows():
        by_status[v.status] = by_status.get(v.status, 0) + 1
    inconsistent = [
        {
            "value_id": i.value.value_id,
            "entity": i.value.entity,
            "usual": i.usual,
            "usual_count": i.value.redacted if i.usual == REDACT else i.value.kept,
            "exceptions": len(i.exceptions),
            "unexplained": len(i.unexplained),
        }
        for i in store.inconsistent_values()
    ]
    return {"values_by_status": by_status, "inconsistent_values": inconsistent}


def check_consistent(store: CaseStore) -> None:
    """Refuse while a value is redacted in one place and kept in another without a reason for each exception."""
    blocking = [i for i in store.inconsistent_values() if i.unexplained]
    if blocking:
        ids = ", ".join(i.value.value_id for i in blocking[:10])
        n = sum(len(i.unexplained) for i in blocking)
        raise InconsistentValuesError(
            f"{len(blocking)} values are redacted in one place and kept in another ({ids}); {n} exceptions have no reason"
        )


@dataclass(frozen=True, slots=True)
class ValueDecision:
    line: int
    value_id: str
    decision: str
    code: str | None
    reason: str
    version: int


def read_value_decisions(store: CaseStore, path: Path, text: str) -> list[ValueDecision]:
    reader = csv.DictReader(io.StringIO(text))
    return checked_rows(path, reader, lambda line, raw: _check_row(store, line, raw))


def _check_row(store: CaseStore, line: int, raw: dict[str, str | None]) -> tuple[ValueDecision | None, str]:
    value_id = (raw.get("value_id") or "").strip()
    decision = (raw.get("decision") or "").strip().lower()
    code = (raw.get("code") or "").strip().upper() or None
    reason = from_spreadsheet((raw.get("reason") or "").strip())
    if not decision:
        return None, ""  # undecided rows are left as they are
    if decision not in (REDACT, KEEP):
        return None, f"decision {decision!r} is not one of redact, keep"
    if code is not None and not codes.is_valid(code):
        return None, f"unknown reason code {code!r}"
    if decision == KEEP and not reason:
        return None, "keeping a value needs a reason"
    try:
        value = store.value(value_id)
    except RedactorError:
        return None, f"no value {value_id!r} in this case"
    version = (raw.get("version") or "").strip()
    if version != str(value.version):
        return (
            None,
            f"value {value_id} changed since the export (now version {value.version}, the file has {version or 'none'}); export again",
        )
    return ValueDecision(line, value_id, decision, code, reason, value.version), ""


def import_value_decisions(store: CaseStore, path: Path, text: str, reviewer: str) -> int:
    """Apply a validated values CSV in one transaction: all rows or none."""
    rows = read_value_decisions(store, path, text)
    try:
        with store.transaction(), store.spreading_once(actor=reviewer):  # unflagged occurrences: one pass for the file
            for row in rows:
                store.decide_value(
                    row.value_id, row.decision, reviewer=reviewer, code=row.code, reason=row.reason, expected_version=row.version
                )
    except RedactorError:
        store.log("decide", "values.import_rolled_back", {"rows": len(rows)}, actor=reviewer)
        raise
    store.log("decide", "values.imported", {"rows": len(rows)}, actor=reviewer)
    return len(rows)


def import_file(store: CaseStore, path: Path, reviewer: str) -> tuple[int, str]:
    """Import a values CSV or a flags CSV, told apart by the header: ``(decisions, "value" | "flag")``."""
    from redactor.decisions.imports import import_decisions

    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise DecisionImportError(f"{path}: cannot be read ({type(exc).__name__})") from None
    header = [h.strip() for h in next(csv.reader(io.StringIO(text)), [])]
    if "value_id" in header and "flag_id" not in header:
        if "decision" not in header or "version" not in header:
            raise DecisionImportError(f"{path}: a values file needs the columns value_id, version and decision (optional: code, reason)")
        return import_value_decisions(store, path, text, reviewer), "value"
    return import_decisions(store, path, reviewer), "flag"


def require_one(**options: object) -> None:
    given = [name for name, value in options.items() if value]
    if len(given) != 1:
        raise UsageError(f"pass exactly one of {', '.join('--' + n.replace('_', '-') for n in options)}")
