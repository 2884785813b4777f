"""People & identifiers: the review app's start page and a value's occurrences (read and write side).

A reviewer decides a value once (redact with a code, keep with a reason) and the decision applies to
every occurrence, present and future; one occurrence can be excepted with a reason. Values that are
redacted in one place and kept in another are listed at the top.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from redactor import codes
from redactor.case import CaseStore
from redactor.case.value_apply import APPLY_CHUNK
from redactor.case.value_rows import Inconsistency, ValueRow
from redactor.records import KEEP, PENDING, REDACT

SNIPPET = 40  # characters of context either side of an occurrence


@dataclass(frozen=True)
class ValuesView:
    values: Sequence[ValueRow]
    inconsistent: Sequence[Inconsistency]
    flags_by_status: Mapping[str, int]


def values_view(store: CaseStore) -> ValuesView:
    store.sync_values(complete=False)  # a decision still being applied is the server's to finish, not this page's
    rows = store.value_rows()
    pending_first = sorted(rows, key=lambda v: (v.status != PENDING, -v.risk, -v.occurrences, v.value_id))
    return ValuesView(pending_first, store.inconsistent_values(rows), store.flag_status_counts())


@dataclass(frozen=True)
class Occurrence:
    flag_id: str
    item_id: str
    ref: str
    before: str
    text: str
    after: str
    status: str
    version: int
    excepted: bool


@dataclass(frozen=True)
class ValueView:
    value: ValueRow
    occurrences: Sequence[Occurrence]


def value_view(store: CaseStore, value_id: str, limit: int = 200) -> ValueView:
    value = store.value(value_id)
    occurrences = []
    for r in store.value_occurrences(value_id, limit):
        text, start, end = r["text"], r["start"], r["end"]
        occurrences.append(
            Occurrence(
                r["flag_id"],
                r["item_id"],
                f"{r['ref']}-{r['ordinal']:03d}",
                text[max(0, start - SNIPPET) : start],
                text[start:end],
                text[end : end + SNIPPET],
                r["status"],
                r["version"],
                bool(r["excepted"]),
            )
        )
    return ValueView(value, occurrences)


# -- write side ------------------------------------------------------------------------------
class ValueRequest(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)
    value_id: str = Field(pattern=r"^V\d{1,9}$")
    decision: Literal["accept", "redact", "keep"]
    version: int
    code: str | None = None
    reason: str = Field("", max_length=2000)

    @field_validator("code")
    @classmethod
    def _code(cls, value: str | None) -> str | None:
        if value is not None and not codes.is_valid(value):
            raise ValueError(f"unknown reason code; valid: {', '.join(codes.REASON_CODES)}")
        return value


class ExceptRequest(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)
    flag_id: str = Field(max_length=64)
    decision: Literal["redact", "keep"]
    reason: str = Field(max_length=2000)


def decide_value(store: CaseStore, reviewer: str, req: ValueRequest) -> dict[str, Any]:
    """Decide a value; ``accept`` takes its proposal (a proposal to review is redacted: fail closed)."""
    value = store.value(req.value_id)
    decision = req.decision if req.decision != "accept" else (KEEP if value.proposal == KEEP else REDACT)
    reason = req.reason or (f"accepted the proposal ({value.rule})" if req.decision == "accept" and decision == KEEP else "")
    n = store.decide_value(
        req.value_id, decision, reviewer=reviewer, code=req.code, reason=reason, expected_version=req.version, first=APPLY_CHUNK
    )
    after = store.value(req.value_id)
    undo = {"kind": "value", "value_id": req.value_id, "version": after.version}
    return {"changed": n, "status": after.status, "version": after.version, "decision": decision, "applying": after.applying, "undo": undo}


def except_occurrence(store: CaseStore, reviewer: str, req: ExceptRequest) -> dict[str, Any]:
    store.except_occurrence(req.flag_id, req.decision, reviewer=reviewer, reason=req.reason)
    return {"changed": 1}
