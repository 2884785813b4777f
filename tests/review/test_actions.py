"""The write side of the review app, against a real case store."""

from __future__ import annotations

import pytest

from redactor.case import CaseStore
from redactor.errors import ConflictError, UsageError
from redactor.records import KEEP, PENDING, REDACT, Flag, Item, Segment
from redactor.review import actions
from redactor.review.actions import (
    BulkTypeRequest,
    BulkValueRequest,
    DecideRequest,
    ManualRequest,
    ModifyRequest,
    ScopeRequest,
)
from tests.factories import unflagged_redacted

from .conftest import flag_with_text, item_by_title

REVIEWER = "DC Tester"


@pytest.mark.parametrize(
    ("action", "reason", "status"),
    [("accept", "", REDACT), ("reject", "not personal data (false positive)", KEEP)],
)
def test_decide_follows_the_proposal(store, action, reason, status):
    flag = flag_with_text(store, "07700 900789")
    actions.decide(store, REVIEWER, DecideRequest(flag_id=flag.flag_id, action=action, version=flag.version, reason=reason))
    after = store.flag(flag.flag_id)
    assert (after.status, after.version) == (status, flag.version + 1)
    last = store.decisions(flag.flag_id)[-1]
    assert (last.reviewer, last.action, last.reason, last.before["status"]) == (REVIEWER, action, reason, PENDING)


def test_keeping_a_proposed_redaction_needs_a_reason(store):
    flag = flag_with_text(store, "07700 900789")
    with pytest.raises(UsageError, match="needs a reason"):
        actions.decide(store, REVIEWER, DecideRequest(flag_id=flag.flag_id, action="reject", version=flag.version))
    assert store.flag(flag.flag_id).status == PENDING and store.decisions(flag.flag_id) == []


def test_a_stale_version_is_refused_and_changes_nothing(store):
    flag = flag_with_text(store, "07700 900789")
    store.decide(flag.flag_id, action="accept", status=REDACT, reviewer="DC Other", expected_version=flag.version)
    with pytest.raises(ConflictError):
        actions.decide(store, REVIEWER, DecideRequest(flag_id=flag.flag_id, action="reject", version=flag.version, reason="x"))
    after = store.flag(flag.flag_id)
    assert after.status == REDACT and [d.reviewer for d in store.decisions(flag.flag_id)] == ["DC Other"]


@pytest.mark.parametrize("change", ["code", "span"])
def test_modify_changes_code_or_span_and_keeps_status(store, change):
    flag = flag_with_text(store, "Mark Brown", "note.txt")
    seg_text = next(s.text for s in store.item(flag.item_id).segments if s.segment_id == flag.segment_id)
    expect = {"code": "VW"} if change == "code" else {"start": seg_text.index("by Mark"), "end": flag.end}
    actions.modify(store, REVIEWER, ModifyRequest(flag_id=flag.flag_id, version=flag.version, **expect))
    after = store.flag(flag.flag_id)
    assert after.status == flag.status and after.version == flag.version + 1
    assert {k: getattr(after, k) for k in expect} == expect


def test_manual_redaction_is_trimmed_and_decided(store):
    item = item_by_title(store, "statement.txt")
    seg = item.segments[0]
    start = seg.text.index("Acacia") - 1  # a leading space the selection caught
    result = actions.add_manual(store, REVIEWER, ManualRequest(segment_id=seg.segment_id, start=start, end=start + 8, code="LOC"))
    flag = store.flag(result["flag_id"])
    assert seg.text[flag.start : flag.end] == "Acacia"
    assert (flag.start, flag.status, flag.origin, flag.code) == (start + 1, REDACT, "manual", "LOC")
    assert store.decisions(flag.flag_id)[-1].action == "add"


@pytest.mark.parametrize(("start", "end"), [(5, 5), (0, 10**6)])
def test_manual_redaction_outside_or_empty_is_refused(store, start, end):
    seg = item_by_title(store, "note.txt").segments[0]
    before = len(store.flags())
    with pytest.raises(UsageError):
        actions.add_manual(store, REVIEWER, ManualRequest(segment_id=seg.segment_id, start=start, end=end, code="TP"))
    assert len(store.flags()) == before


def test_revert_restores_the_state_before_as_a_new_decision(store):
    flag = flag_with_text(store, "07700 900789")
    actions.modify(store, REVIEWER, ModifyRequest(flag_id=flag.flag_id, version=flag.version, code="VW"))
    actions.revert(store, REVIEWER, flag.flag_id, flag.version + 1)
    after = store.flag(flag.flag_id)
    assert (after.code, after.version) == (flag.code, flag.version + 2)
    assert [d.action for d in store.decisions(flag.flag_id)] == ["modify", "undo"]


def test_undoing_a_manual_redaction_withdraws_it_but_keeps_history(store):
    seg = item_by_title(store, "note.txt").segments[0]
    start = seg.text.index("Officer")
    added = actions.add_manual(store, REVIEWER, ManualRequest(segment_id=seg.segment_id, start=start, end=start + 7, code="TP"))
    actions.undo(store, REVIEWER, added["undo"])
    flag = store.flag(added["flag_id"])
    assert flag.status == KEEP
    assert [d.action for d in store.decisions(flag.flag_id)] == ["add", "undo"]


@pytest.fixture
def plain_store(tmp_path):
    """A case without a detector run: flags are exactly the ones a test saves."""
    store = CaseStore.create(tmp_path / "plain")
    store.add_source("c" * 64, str(tmp_path / "x.txt"), "x.txt", 1, "text/plain")
    texts = ["call Mark Brown now", "MARK  BROWN again, not markbrown or Mark Browning", "Mark Brown and Mark Brown"]
    items = [
        Item(f"i{n}", "c" * 64, "file", "document", f"doc {n}", (Segment(f"s{n}", f"i{n}", 0, "body", t),), {}) for n, t in enumerate(texts)
    ]
    store.save_items("c" * 64, items)
    store.save_flags(
        "c" * 64,
        [
            Flag("f0", "i0", "s0", 5, 15, "PERSON", 0.85, "r", {}, "TP", REDACT),
            Flag("f2", "i2", "s2", 0, 10, "PERSON", 0.85, "r", {}, "TP", REDACT),
        ],
    )
    yield store
    store.close()


def test_bulk_value_decides_every_pending_occurrence_and_adds_unflagged(plain_store):
    result = actions.bulk_value(plain_store, REVIEWER, BulkValueRequest(flag_id="f0", action="accept"))
    spans = sorted((f.segment_id, f.start, f.end, f.status, f.origin) for f in plain_store.flags())
    assert spans == [
        ("s0", 5, 15, REDACT, "detector"),
        ("s1", 0, 11, REDACT, "manual"),  # "MARK  BROWN": any case, any spacing; not "markbrown" nor "Mark Browning"
        ("s2", 0, 10, REDACT, "detector"),
        ("s2", 15, 25, REDACT, "manual"),
    ]
    assert (result["changed"], result["added"]) == (4, 2)
    actions.undo(plain_store, REVIEWER, result["undo"])
    assert {f.flag_id: f.status for f in plain_store.flags() if f.origin == "detector"} == {"f0": PENDING, "f2": PENDING}
    assert {f.status for f in plain_store.flags() if f.origin == "manual"} == {KEEP}  # withdrawn, history kept


def test_bulk_value_may_not_leave_unflagged_occurrences_of_a_redacted_value(plain_store):
    """The bundle's leak scan looks for every occurrence of a redacted value: a redacting bulk decision that left the
    unflagged ones in clear would give a bundle that must be refused. Asking for that is refused, and changes nothing."""
    with pytest.raises(UsageError, match="redacted wherever it stands"):
        actions.bulk_value(plain_store, REVIEWER, BulkValueRequest(flag_id="f0", action="accept", include_unflagged=False))
    assert len(plain_store.flags()) == 2 and {f.status for f in plain_store.flags()} == {PENDING}


def test_accepting_one_flag_redacts_its_unflagged_occurrences_too(plain_store):
    flag = plain_store.flag("f0")
    result = actions.decide(plain_store, REVIEWER, DecideRequest(flag_id="f0", action="accept", version=flag.version))
    assert result["added"] == 2 and unflagged_redacted(plain_store, pending_as_redact=True) == []
    assert {(f.segment_id, f.status) for f in plain_store.flags()} == {("s0", REDACT), ("s1", REDACT), ("s2", PENDING), ("s2", REDACT)}
    actions.undo(plain_store, REVIEWER, result["undo"])  # one undo takes back the decision and what it added
    assert {f.flag_id: f.status for f in plain_store.flags() if f.origin == "detector"} == {"f0": PENDING, "f2": PENDING}
    assert {f.status for f in plain_store.flags() if f.origin == "manual"} == {KEEP}


def test_a_manual_redaction_covers_the_same_text_elsewhere(plain_store):
    text = plain_store.segment_text("s1")
    start = text.index("Mark Browning")
    result = actions.add_manual(plain_store, REVIEWER, ManualRequest(segment_id="s1", start=start, end=start + 4, code="TP"))
    # "MARK" in the same message and the second "Mark" of s2 had no flag; s0's and the first of s2's are inside flags
    assert result["added"] == 2 and unflagged_redacted(plain_store, pending_as_redact=True) == []
    added = sorted((f.segment_id, f.start) for f in plain_store.flags(status=REDACT) if f.recognizer == "same-value")
    assert added == [("s1", 0), ("s2", 15)]


def test_bulk_value_reject_needs_a_reason_and_adds_nothing(store):
    flag = flag_with_text(store, "Mark Brown", "note.txt")
    with pytest.raises(UsageError):
        actions.bulk_value(store, REVIEWER, BulkValueRequest(flag_id=flag.flag_id, action="reject"))
    before = len(store.flags())
    result = actions.bulk_value(store, REVIEWER, BulkValueRequest(flag_id=flag.flag_id, action="reject", reason="officer acting in role"))
    assert result["added"] == 0 and len(store.flags()) == before
    marks = [f for f in store.flags() if f.entity == "PERSON" and f.status == KEEP]
    assert len(marks) == result["changed"] >= 2  # the note and the statement both name him


@pytest.mark.parametrize("min_score", [0.0, 0.9, 1.01])
def test_bulk_type_accepts_only_that_type_above_the_score(store, min_score):
    pending = [f for f in store.flags(status=PENDING) if f.entity == "PHONE_NUMBER"]
    if min_score > 1:
        with pytest.raises(UsageError):
            actions.parse(BulkTypeRequest, {"entity": "PHONE_NUMBER", "min_score": min_score})
        return
    result = actions.bulk_type(store, REVIEWER, BulkTypeRequest(entity="PHONE_NUMBER", min_score=min_score))
    expected = {f.flag_id for f in pending if f.score >= min_score}
    assert {f.flag_id for f in store.flags(status=REDACT)} == expected
    assert result["changed"] == len(expected)
    assert all(f.status == PENDING for f in store.flags() if f.entity != "PHONE_NUMBER")


@pytest.mark.parametrize(
    ("scope", "reason", "ok"), [("out", "outside the agreed date range", True), ("sensitive", "", False), ("in", "", True)]
)
def test_scope_needs_a_reason_to_withhold(store, scope, reason, ok):
    item = item_by_title(store, "note.txt")
    req = ScopeRequest(item_id=item.item_id, scope=scope, reason=reason)
    if not ok:
        with pytest.raises(UsageError):
            actions.set_scope(store, REVIEWER, req)
        assert store.item_scope(item.item_id) == "in"
        return
    result = actions.set_scope(store, REVIEWER, req)
    assert store.item_scope(item.item_id) == scope
    actions.undo(store, REVIEWER, result["undo"])
    assert store.item_scope(item.item_id) == "in"
    history = [(r["reviewer"], r["before"], r["after"], r["reason"]) for r in store.scope_history(item.item_id)]
    assert history == [(REVIEWER, "in", scope, reason), (REVIEWER, scope, "in", "undo")]
