"""What a filing holds of each value while it files the new flags (no SQL here): small records, because it holds one per
value of the case (135,000 at a million messages), and one per value it creates."""

from __future__ import annotations

import sqlite3
import sys
from dataclasses import dataclass, field

from redactor.records import KEEP, PENDING, REDACT


@dataclass(slots=True)
class Known:
    """What filing needs of a cluster of the case: the filing holds one per value (135,000 at a million messages)."""

    value_id: str
    party: str
    person_id: str | None
    proposal: str
    risk: int


@dataclass(slots=True)
class Filed:
    """What one filing learnt of a cluster it created from its member rows (all of them, in item order: _NEW_FLAGS).
    Plain counters, no dict or string of its own: a filing holds one per new value."""

    items: int = 0  # distinct items: the rows come sorted by item, so each new item is a change of item
    last_item: int = -1  # the filing's ordinal of the item of its last member (the rows' items, counted as they change)
    undecidable: bool = False  # as _UNDECIDABLE: a detected member no rule with 'decide' proposed to redact
    members: int = 0  # members by status when filed: all, pending, redacted, kept
    pending: int = 0
    redacted: int = 0
    kept: int = 0
    rows: list[sqlite3.Row] | None = field(default_factory=list)  # its members as filed (None: not kept), in flag id order once sorted

    def add(self, r: sqlite3.Row, item: int) -> None:
        """A member, ``item`` the ordinal of its item in the filing's reading (the same for the rows of one item)."""
        if self.rows is not None:
            self.rows.append(r)
        if item != self.last_item:
            self.items, self.last_item = self.items + 1, item
        self.members += 1
        status = r["status"]
        if status == PENDING:
            self.pending += 1
        elif status == REDACT:
            self.redacted += 1
        elif status == KEEP:
            self.kept += 1
        if r["origin"] == "detector" and (r["policy_decides"] or 0) != 1:
            self.undecidable = True

    def held(self) -> list[sqlite3.Row] | None:
        """Its member rows in membership order (``flag_values`` is filed along flag ids), or None when the filing kept
        none (too large: the policy and the spread read them from the case)."""
        if self.rows is not None:
            self.rows.sort(key=lambda r: r["flag_id"])
        return self.rows

    def counters(self, decision: str | None) -> tuple[int, int, int, int, int]:
        """occurrences, excepted, pending, redacted, kept: its members as filed (none excepted), or all decided ``decision``."""
        n = self.members
        if decision is None:
            return n, 0, self.pending, self.redacted, self.kept
        return n, 0, n * (decision == PENDING), n * (decision == REDACT), n * (decision == KEEP)


def common(text: str) -> str:
    """One string for the few parties and proposals all values share (read from a row, each would be a string of its own)."""
    return sys.intern(text) if isinstance(text, str) else text
