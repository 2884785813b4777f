"""Decisions in bulk: accept every proposal, or import a reviewed CSV.

A CSV import is all or nothing: every row is validated first, and any error rejects
the whole file with its line numbers, changing nothing.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from redactor import codes
from redactor.case import CaseStore
from redactor.decisions.rows import checked_rows, from_spreadsheet
from redactor.errors import DecisionImportError, RedactorError
from redactor.records import KEEP, PENDING, REDACT, Flag

ACTIONS = {"accept", "reject", REDACT, KEEP}


def outcome(flag: Flag, action: str) -> str:
    """The status a decision leads to. Accepting a 'review' proposal redacts (fail closed)."""
    proposal = KEEP if flag.proposed == KEEP else REDACT
    if action == "accept":
        return proposal
    if action == "reject":
        return KEEP if proposal == REDACT else REDACT
    return action


def accept_all(store: CaseStore, reviewer: str, min_score: float = 0.0) -> int:
    """Accept the proposal of every pending flag scoring at least ``min_score``; a text so redacted is then
    redacted where no flag covers it too (:meth:`CaseStore.spread_flags`)."""
    count = 0
    redacted: list[str] = []
    for flag in store.flags(status=PENDING):
        if flag.score >= min_score:
            status = outcome(flag, "accept")
            store.decide(
                flag.flag_id,
                action="accept",
                status=status,
                reviewer=reviewer,
                reason=f"accepted in bulk (score >= {min_score})",
                expected_version=flag.version,
            )
            count += 1
            if status == REDACT:
                redacted.append(flag.flag_id)
    store.spread_flags(redacted, actor=reviewer)
    return count


@dataclass(frozen=True, slots=True)
class Row:
    line: int
    flag: Flag
    action: str
    code: str | None
    reason: str


def read_decisions(store: CaseStore, path: Path) -> list[Row]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise DecisionImportError(f"{path}: cannot be read ({type(exc).__name__})") from None
    reader = csv.DictReader(io.StringIO(text))
    needed = {"flag_id", "decision"}
    if reader.fieldnames is None or not needed <= set(reader.fieldnames):
        raise DecisionImportError(f"{path}: the header must have the columns flag_id and decision (optional: code, reason)")
    return checked_rows(path, reader, lambda line, raw: _check_row(store, line, raw))


def _check_row(store: CaseStore, line: int, raw: dict[str, str | None]) -> tuple[Row | None, str]:
    flag_id = (raw.get("flag_id") or "").strip()
    action = (raw.get("decision") or "").strip().lower()
    code = (raw.get("code") or "").strip().upper() or None
    reason = from_spreadsheet((raw.get("reason") or "").strip())
    if not action:
        return None, ""  # undecided rows are left pending
    if action not in ACTIONS:
        return None, f"decision {action!r} is not one of accept, reject, redact, keep"
    if code is not None and not codes.is_valid(code):
        return None, f"unknown reason code {code!r}"
    try:
        flag = store.flag(flag_id)
    except RedactorError:
        return None, f"no flag {flag_id!r} in this case"
    if outcome(flag, action) == KEEP and flag.proposed != KEEP and not reason:
        return None, "keeping text the policy proposed to redact needs a reason"
    version = (raw.get("version") or "").strip()  # optional: files exported before the column existed still import
    if version and version != str(flag.version):
        return None, f"flag {flag_id} changed since the export (now version {flag.version}, the file has {version}); export the queue again"
    return Row(line, flag, action, code, reason), ""


def import_decisions(store: CaseStore, path: Path, reviewer: str) -> int:
    """Apply a validated CSV in one transaction: if any flag changed since the export, nothing is applied."""
    rows = read_decisions(store, path)
    try:
        with store.transaction():
            for row in rows:
                store.decide(
                    row.flag.flag_id,
                    action="import",
                    status=outcome(row.flag, row.action),
                    reviewer=reviewer,
                    reason=row.reason,
                    code=row.code,
                    expected_version=row.flag.version,
                )
            store.spread_flags([row.flag.flag_id for row in rows if outcome(row.flag, row.action) == REDACT], actor=reviewer)
    except RedactorError:
        store.log("decide", "decisions.import_rolled_back", {"rows": len(rows)}, actor=reviewer)
        raise
    store.log("decide", "decisions.imported", {"rows": len(rows)}, actor=reviewer)
    return len(rows)
