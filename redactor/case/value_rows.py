"""Value clusters as read-side records: what the values list, the review app and exports show."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from redactor.records import KEEP, PENDING, REDACT

MIXED = "mixed"


@dataclass(frozen=True, slots=True)
class ValueRow:
    """A cluster with its counts. ``display`` is a value: show it to the reviewer, never log it."""

    value_id: str
    entity: str
    display: str
    person_id: str | None
    party: str
    proposal: str
    code: str
    rule: str
    risk: int
    decision: str | None
    reason: str
    decided_by: str | None
    version: int
    occurrences: int
    items: int
    pending: int
    redacted: int
    kept: int
    excepted: int
    applying: bool = False  # its latest decision is still being applied to its occurrences

    @property
    def status(self) -> str:
        """pending while any occurrence is; mixed when some are redacted and some kept; else the one outcome."""
        if self.applying and self.decision:
            return str(self.decision)  # what every occurrence will be in a moment
        if self.pending:
            return PENDING
        if self.redacted and self.kept:
            return MIXED
        return REDACT if self.redacted else KEEP


@dataclass(frozen=True, slots=True)
class Inconsistency:
    """A value redacted in one place and kept in another: the exceptions to its usual outcome."""

    value: ValueRow
    usual: str  # redact | keep: the cluster's decision, or what most occurrences are
    exceptions: tuple[str, ...]  # flag ids decided the other way
    unexplained: tuple[str, ...]  # of those, the ones without a recorded reason


def value_row(r: sqlite3.Row) -> ValueRow:
    return ValueRow(
        value_id=r["value_id"],
        entity=r["entity"],
        display=r["display"],
        person_id=r["person_id"],
        party=r["party"],
        proposal=r["proposal"],
        code=r["code"],
        rule=r["rule"],
        risk=r["risk"],
        decision=r["decision"],
        reason=r["reason"],
        decided_by=r["decided_by"],
        version=r["version"],
        occurrences=r["occurrences"],
        items=r["items"],
        pending=r["pending"] or 0,
        redacted=r["redacted"] or 0,
        kept=r["kept"] or 0,
        excepted=r["excepted"] or 0,
        applying=r["decision"] is not None and r["applied_version"] < r["version"],
    )
