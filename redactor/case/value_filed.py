"""What a filing holds of each value while it files the new flags (no SQL here): small records, because it holds one per
value of the case (135,000 at a million messages), and one per value it creates."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from redactor.records import KEEP, PENDING, REDACT


@dataclass(slots=True)
class Known:
    """What filing needs of a cluster of the case: the filing holds one per value (135,000 at a million messages)."""

    value_id: str
    party: str
    person_id: str | None
    proposal: str
    risk: int


FIRSTS = 16  # texts of a value whose first member a filing that keeps no rows holds

NEW_COLUMNS = (  # a new flag as the filing reads it (values._NEW_FLAGS), in this order
    "flag_id",
    "flag_rowid",
    "item_id",
    "entity",
    "proposed",
    "code",
    "origin",
    "status",
    "start",
    "end",
    "version",
    "value",
    "party",
    "person_id",
    "category",
    "rule",
    "policy_decides",
)


class Member(NamedTuple):
    """A member of a new value as the filing keeps it for the policy's decision rows and the spread: a tuple, its few
    distinct strings (status, code, entity, the explanation's party, category and rule) shared, its text shared with the
    member before when equal (a value's members repeat their spelling). A row of the case as read held 1.1 KB."""

    flag_id: str
    flag_rowid: int
    status: str
    code: str
    start: int
    end: int
    version: int
    value: str | None
    entity: str
    party: Any
    category: Any
    person_id: Any
    rule: Any


class First(NamedTuple):
    """The first member (by flag id) of a text of a new value, as the spread reads it, when the filing keeps no rows."""

    flag_id: str
    value: str | None
    entity: str
    party: Any
    category: Any
    person_id: Any
    rule: Any


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
    rows: list[Member] | None = field(default_factory=list)  # its members as filed (None: not kept), in flag id order once sorted
    firsts: tuple[First, ...] | None = None  # rows not kept: the first member (by flag id) of each text (None: too many texts)

    def add(self, row: tuple[Any, ...], item: int, status: str, undecidable: bool) -> None:
        """A member: ``row`` as the filing read it (:data:`NEW_COLUMNS`), ``item`` the ordinal of its item in the
        filing's reading (the same for the rows of one item), ``undecidable`` as :data:`values._UNDECIDABLE`."""
        if self.rows is not None:
            self.rows.append(_member(row, self.rows[-1].value if self.rows else None))
        elif self.firsts is not None:
            self._first(row)
        if item != self.last_item:
            self.items, self.last_item = self.items + 1, item
        self.members += 1
        if status == PENDING:
            self.pending += 1
        elif status == REDACT:
            self.redacted += 1
        elif status == KEEP:
            self.kept += 1
        self.undecidable = self.undecidable or undecidable

    def held(self) -> list[Member] | None:
        """Its members in membership order (``flag_values`` is filed along flag ids), or None when the filing kept none
        (too large: the policy and the spread read them from the case)."""
        if self.rows is not None:
            self.rows.sort(key=_flag_id)
        return self.rows

    def first_members(self) -> list[Member | First] | None:
        """The first member (by flag id) of each text, in flag id order, as the spread takes a value's texts; None when
        the filing kept neither its rows nor its texts' first members."""
        if self.rows is None:
            return None if self.firsts is None else sorted(self.firsts, key=_first_id)
        firsts, seen = [], set()  # a later member with an earlier one's text carries nothing new (the person is the value's)
        for r in self.held() or ():
            if r.value not in seen:
                seen.add(r.value)
                firsts.append(r)
        return firsts

    def _first(self, row: tuple[Any, ...]) -> None:
        """``row`` (:data:`NEW_COLUMNS`) among the first members of the texts: a value has few spellings, and more than
        :data:`FIRSTS` are not held (the spread reads them from the case). A tuple, replaced when it changes."""
        firsts, flag_id, value = self.firsts or (), row[0], row[11]
        for k, m in enumerate(firsts):
            if m.value == value:
                if flag_id < m.flag_id:
                    self.firsts = (*firsts[:k], _first(row), *firsts[k + 1 :])
                return
        self.firsts = None if len(firsts) >= FIRSTS else (*firsts, _first(row))

    def counters(self, decision: str | None) -> tuple[int, int, int, int, int]:
        """occurrences, excepted, pending, redacted, kept: its members as filed (none excepted), or all decided ``decision``."""
        n = self.members
        if decision is None:
            return n, 0, self.pending, self.redacted, self.kept
        return n, 0, n * (decision == PENDING), n * (decision == REDACT), n * (decision == KEEP)


def common(text: str) -> str:
    """One string for the few parties and proposals all values share (read from a row, each would be a string of its own)."""
    return sys.intern(text) if isinstance(text, str) else text


def _member(row: tuple[Any, ...], before: str | None) -> Member:
    flag_id, rowid, _, entity, _, code, _, status, start, end, version, value, party, person_id, category, rule, _ = row
    return Member(
        flag_id,
        rowid,
        sys.intern(status),  # status, code, entity: NOT NULL text columns, interned without a call of common
        sys.intern(code),
        start,
        end,
        version,
        before if value == before else value,
        sys.intern(entity),
        common(party),
        common(category),
        person_id,
        common(rule),
    )


def _first(row: tuple[Any, ...]) -> First:
    flag_id, _, _, entity, _, _, _, _, _, _, _, value, party, person_id, category, rule, _ = row
    return First(flag_id, value, sys.intern(entity), common(party), common(category), person_id, common(rule))


def _flag_id(member: Member) -> str:
    return member.flag_id


def _first_id(member: First) -> str:
    return member.flag_id
