"""The write side of the review app: every change goes through the case store.

Each action validates its request (pydantic, at the edge), applies decisions with the
flag version the reviewer saw (a stale version raises ``ConflictError`` and changes
nothing for that flag), and returns an undo entry: undo is a new decision restoring
the state before, never a deletion of history.

Accept and reject follow ``redactor.decisions.imports.outcome``; keeping text that the
policy proposed to redact needs a reason, as in the CSV import.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from redactor import codes
from redactor.case import CaseStore
from redactor.config import problems
from redactor.decisions.imports import outcome
from redactor.errors import ConflictError, UsageError
from redactor.records import KEEP, PENDING, REDACT, Flag
from redactor.review.queries import thread_items


class _Request(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class DecideRequest(_Request):
    flag_id: str = Field(max_length=64)
    action: Literal["accept", "reject"]
    version: int
    reason: str = Field("", max_length=2000)


def _valid_code(value: str | None) -> str | None:
    if value is not None and not codes.is_valid(value):
        raise ValueError(f"unknown reason code; valid: {', '.join(codes.REASON_CODES)}")
    return value


class ModifyRequest(_Request):
    flag_id: str = Field(max_length=64)
    version: int
    code: str | None = None
    start: int | None = Field(None, ge=0)
    end: int | None = Field(None, ge=0)
    reason: str = Field("", max_length=2000)

    _code = field_validator("code")(_valid_code)


class ManualRequest(_Request):
    segment_id: str = Field(max_length=64)
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    code: str
    reason: str = Field("", max_length=2000)

    _code = field_validator("code")(_valid_code)


class BulkValueRequest(_Request):
    flag_id: str = Field(max_length=64)
    action: Literal["accept", "reject"]
    reason: str = Field("", max_length=2000)
    include_unflagged: bool = True


class BulkTypeRequest(_Request):
    entity: str = Field(max_length=64)
    min_score: float = Field(ge=0.0, le=1.0)


class ScopeRequest(_Request):
    item_id: str = Field(max_length=64)
    scope: Literal["in", "out", "sensitive"]
    thread: bool = False
    reason: str = Field("", max_length=2000)


class RevertRequest(_Request):
    flag_id: str = Field(max_length=64)
    version: int


def parse(model: type[BaseModel], body: Any) -> Any:
    try:
        return model.model_validate(body)
    except ValidationError as exc:
        raise UsageError(f"invalid request: {problems(exc, root='request')}") from None


def _needs_reason(flag: Flag, status: str, reason: str) -> None:
    if status == KEEP and flag.proposed != KEEP and not reason:
        raise UsageError("keeping text the policy proposed to redact needs a reason")


def _check_version(flag: Flag, version: int) -> None:
    if flag.version != version:
        raise ConflictError(f"this flag was changed by someone else since you loaded it (now version {flag.version})")


def _undo_flags(*pairs: tuple[str, int]) -> dict[str, Any]:
    return {"kind": "flags", "flags": [list(p) for p in pairs]}


# -- single flags ----------------------------------------------------------------------------
def decide(store: CaseStore, reviewer: str, req: DecideRequest) -> dict[str, Any]:
    flag = store.flag(req.flag_id)
    _check_version(flag, req.version)
    status = outcome(flag, req.action)
    _needs_reason(flag, status, req.reason)
    d = store.decide(
        flag.flag_id, action=req.action, status=status, reviewer=reviewer, reason=req.reason, expected_version=req.version, stage="review"
    )
    added = _spread(store, [flag.flag_id], reviewer) if status == REDACT else []
    undo = _undo_flags((flag.flag_id, d.after["version"]), *added)
    return {"changed": 1 + len(added), "added": len(added), "status": status, "version": d.after["version"], "undo": undo}


def modify(store: CaseStore, reviewer: str, req: ModifyRequest) -> dict[str, Any]:
    """Change the span or the reason code of a flag; its status stays as it was."""
    flag = store.flag(req.flag_id)
    _check_version(flag, req.version)
    span = None
    if req.start is not None or req.end is not None:
        span = _trimmed(
            store, flag.segment_id, req.start if req.start is not None else flag.start, req.end if req.end is not None else flag.end
        )
    if span is None and req.code is None:
        raise UsageError("nothing to change: give a new span or reason code")
    d = store.decide(
        flag.flag_id,
        action="modify",
        status=flag.status,
        reviewer=reviewer,
        reason=req.reason,
        code=req.code,
        span=span,
        expected_version=req.version,
        stage="review",
    )
    return {"changed": 1, "undo": _undo_flags((flag.flag_id, d.after["version"]))}


def add_manual(store: CaseStore, reviewer: str, req: ManualRequest) -> dict[str, Any]:
    start, end = _trimmed(store, req.segment_id, req.start, req.end)
    flag = store.add_manual_flag(req.segment_id, start, end, code=req.code, reviewer=reviewer, reason=req.reason)
    added = _spread(store, [flag.flag_id], reviewer)
    return {
        "changed": 1 + len(added),
        "added": len(added),
        "flag_id": flag.flag_id,
        "undo": _undo_flags((flag.flag_id, flag.version), *added),
    }


def _trimmed(store: CaseStore, segment_id: str, start: int, end: int) -> tuple[int, int]:
    """The span without surrounding whitespace; refused when it is empty or outside the segment."""
    text = store.segment_text(segment_id)
    if text is None:
        raise UsageError(f"no segment {segment_id} in this case")
    if not 0 <= start < end <= len(text):
        raise UsageError(f"span {start}-{end} is outside the text (length {len(text)})")
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start == end:
        raise UsageError("the selection holds only white space")
    return start, end


def revert(store: CaseStore, reviewer: str, flag_id: str, version: int) -> dict[str, Any]:
    """Undo the latest decision on a flag with a new decision that restores the state before it.

    Undoing a manual addition withdraws it (the text is kept); its history stays.
    """
    flag = store.flag(flag_id)
    _check_version(flag, version)
    history = store.decisions(flag_id)
    if not history:
        raise UsageError("this flag has no decision to undo")
    last = history[-1]
    before = last.before
    status, reason = before.get("status", PENDING), f"undo of {last.action} by {last.reviewer} at {last.at}"
    if last.action == "add" or (flag.origin == "manual" and status == PENDING):
        status, reason = KEEP, f"manual redaction withdrawn ({reason})"
    d = store.decide(
        flag_id,
        action="undo",
        status=status,
        reviewer=reviewer,
        reason=reason,
        code=before.get("code"),
        span=(before["start"], before["end"]) if "start" in before else None,
        expected_version=version,
        stage="review",
    )
    return {"changed": 1, "undo": _undo_flags((flag_id, d.after["version"]))}


# -- bulk ------------------------------------------------------------------------------------
def _normal(value: str) -> str:
    return " ".join(value.split()).casefold()


def bulk_value(store: CaseStore, reviewer: str, req: BulkValueRequest) -> dict[str, Any]:
    """The same decision for every pending flag on this value across the case.

    When the decision redacts, occurrences of the value that no flag covers are redacted too
    (:meth:`CaseStore.spread_flags`: as the leak scan matches, any case, spacing or invisible mark):
    a missed name is the costly mistake, and the bundle would refuse to leave one in clear.
    """
    origin = store.flag(req.flag_id)
    value = _flag_text(store, origin)
    if len(_normal(value)) < 2:
        raise UsageError("the value is too short to apply in bulk")
    status = outcome(origin, req.action)
    _needs_reason(origin, status, req.reason)
    if status == REDACT and not req.include_unflagged:
        raise UsageError(
            "a value decided redact is redacted wherever it stands",
            hint="occurrences no detector flagged are redacted too (the bundle's leak scan looks for them); nothing was changed",
        )
    reason = req.reason or f"bulk {req.action}: same value as flag {origin.flag_id}"
    targets = [flag_id for flag_id, text in store.pending_flag_values(also=origin.flag_id) if _normal(text) == _normal(value)]
    undo, conflicts = _apply_many(store, targets, lambda f: (f"bulk-{req.action}", outcome(f, req.action)), reviewer, reason)
    added = _spread(store, [flag_id for flag_id, _ in undo] + [origin.flag_id], reviewer) if status == REDACT else []
    undo += added
    store.log(
        "review",
        "bulk.value",
        {"flag_id": origin.flag_id, "decided": len(undo) - len(added), "added": len(added), "conflicts": conflicts},
        actor=reviewer,
    )
    return {"changed": len(undo), "added": len(added), "conflicts": conflicts, "undo": _undo_flags(*undo)}


def _flag_text(store: CaseStore, flag: Flag) -> str:
    return (store.segment_text(flag.segment_id) or "")[flag.start : flag.end]


def _spread(store: CaseStore, flag_ids: list[str], reviewer: str) -> list[tuple[str, int]]:
    """Flags added over the unflagged occurrences of these (redacted) flags' texts, as undo pairs."""
    return [(flag_id, 1) for flag_id in store.spread_flags(flag_ids, actor=reviewer)]


def bulk_type(store: CaseStore, reviewer: str, req: BulkTypeRequest) -> dict[str, Any]:
    """Accept every pending flag of one entity type scoring at least ``min_score``."""
    targets = [f.flag_id for f in store.flags(status=PENDING) if f.entity == req.entity and f.score >= req.min_score]
    reason = f"accepted in bulk: every {req.entity} with score >= {req.min_score:.2f}"
    undo, conflicts = _apply_many(store, targets, lambda f: ("bulk-accept", outcome(f, "accept")), reviewer, reason)
    decided = len(undo)
    undo += _spread(store, [flag_id for flag_id, _ in undo], reviewer)
    store.log(
        "review",
        "bulk.type",
        {"entity": req.entity, "min_score": req.min_score, "decided": decided, "added": len(undo) - decided, "conflicts": conflicts},
        actor=reviewer,
    )
    return {"changed": len(undo), "added": len(undo) - decided, "conflicts": conflicts, "undo": _undo_flags(*undo)}


def _apply_many(
    store: CaseStore, flag_ids: list[str], choose: Callable[[Flag], tuple[str, str]], reviewer: str, reason: str
) -> tuple[list[tuple[str, int]], int]:
    done: list[tuple[str, int]] = []
    conflicts = 0
    for flag_id in flag_ids:
        flag = store.flag(flag_id)
        action, status = choose(flag)
        try:
            d = store.decide(
                flag_id, action=action, status=status, reviewer=reviewer, reason=reason, expected_version=flag.version, stage="review"
            )
        except ConflictError:
            conflicts += 1
            continue
        done.append((flag_id, d.after["version"]))
    return done, conflicts


# -- scope -----------------------------------------------------------------------------------
def set_scope(store: CaseStore, reviewer: str, req: ScopeRequest) -> dict[str, Any]:
    """Mark an item, or its whole conversation, out of scope (IRR), sensitive (SEN) or back in scope."""
    if req.scope != "in" and not req.reason:
        raise UsageError("marking material not relevant or sensitive needs a reason")
    targets = thread_items(store, req.item_id) if req.thread else [store.item(req.item_id).item_id]
    before = [(i, store.item_scope(i)) for i in targets]
    for item_id, _ in before:
        store.set_item_scope(item_id, req.scope, actor=reviewer, reason=req.reason)
    return {"changed": len(targets), "undo": {"kind": "scope", "items": [list(p) for p in before]}}


# -- undo ------------------------------------------------------------------------------------
def undo(store: CaseStore, reviewer: str, entry: dict[str, Any]) -> dict[str, Any]:
    """Undo one entry of a session's undo stack (newest first); conflicts are counted, not forced."""
    if entry["kind"] == "value":
        n = store.undo_value_decision(entry["value_id"], reviewer=reviewer, expected_version=entry["version"])
        return {"changed": n, "conflicts": 0, "value_id": entry["value_id"]}
    if entry["kind"] == "scope":
        for item_id, scope in entry["items"]:
            store.set_item_scope(item_id, scope, actor=reviewer, reason="undo")
        return {"changed": len(entry["items"]), "conflicts": 0}
    changed = conflicts = 0
    for flag_id, version in reversed(entry["flags"]):
        try:
            revert(store, reviewer, flag_id, version)
            changed += 1
        except ConflictError:
            conflicts += 1
    if conflicts and not changed:
        raise ConflictError("someone else changed these flags since; nothing was undone")
    return {"changed": changed, "conflicts": conflicts}
