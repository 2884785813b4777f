"""The audit log: every edit, deletion, insertion, reordering or truncation is detected."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from redactor.audit.log import GENESIS, AuditLog, verify_audit_file
from redactor.errors import VerificationError


@pytest.fixture
def log_path(tmp_path):
    log = AuditLog(tmp_path / "audit.jsonl", actor="tester")
    for i in range(5):
        log.append("stage", f"event.{i}", {"n": i, "ids": [f"x{i}"]})
    return log.path


def lines(path):
    return path.read_bytes().splitlines(keepends=True)


def test_chain_links_and_verifies(log_path):
    events = [json.loads(line) for line in lines(log_path)]
    assert [e["seq"] for e in events] == [1, 2, 3, 4, 5]
    assert events[0]["prev"] == GENESIS
    assert all(b["prev"] == a["hash"] for a, b in zip(events, events[1:], strict=False))
    assert verify_audit_file(log_path) == 5


def test_event_fields(log_path):
    event = json.loads(lines(log_path)[2])
    assert set(event) == {"seq", "at", "actor", "stage", "event", "payload", "payload_hash", "prev", "hash"}
    assert event["actor"] == "tester" and event["at"].endswith("Z")


@pytest.mark.parametrize(
    "tamper, message",
    [
        (lambda ls: ls[:2] + ls[3:], "line deleted"),
        (lambda ls: [ls[1], ls[0], *ls[2:]], "reordered"),
        (lambda ls: ls[:2] + [ls[2]] + ls[2:], "inserted"),
        (lambda ls: ls[:2] + [ls[2].replace(b'"n":2', b'"n":7')] + ls[3:], "payload edited"),
        (lambda ls: ls[:1] + [ls[1].replace(b'"actor":"tester"', b'"actor":"mallory"')] + ls[2:], "line edited"),
    ],
)
def test_tampering_is_detected(log_path, tamper, message):
    log_path.write_bytes(b"".join(tamper(lines(log_path))))
    with pytest.raises(VerificationError):
        verify_audit_file(log_path)


def test_truncation_detected_against_recorded_head(log_path):
    head = AuditLog(log_path).head()
    log_path.write_bytes(b"".join(lines(log_path)[:-1]))
    assert verify_audit_file(log_path) == 4  # the chain alone still holds ...
    with pytest.raises(VerificationError, match="recorded head"):
        verify_audit_file(log_path, head)  # ... but not against the head kept elsewhere


def test_garbage_line_is_named(log_path):
    log_path.write_bytes(b"".join(lines(log_path)[:3]) + b"not json\n")
    with pytest.raises(VerificationError, match="line 4"):
        verify_audit_file(log_path)


@settings(max_examples=80, deadline=None)
@given(index=st.integers(min_value=0, max_value=10_000), bit=st.integers(min_value=0, max_value=7))
def test_any_single_bit_flip_is_detected(tmp_path_factory, index, bit):
    path = tmp_path_factory.mktemp("audit") / "audit.jsonl"
    log = AuditLog(path)
    for i in range(4):
        log.append("s", "e", {"i": i, "note": "ids only"})
    head = log.head()
    data = bytearray(path.read_bytes())
    data[index % len(data)] ^= 1 << bit
    path.write_bytes(bytes(data))
    with pytest.raises(VerificationError):
        verify_audit_file(path, head)


def _without_times(path):
    return [{k: v for k, v in json.loads(line).items() if k not in ("at", "hash", "prev")} for line in lines(path)]


def test_events_appended_together_are_the_chain_of_appending_them_one_at_a_time(tmp_path):
    entries = [("values", f"value.{i}", {"value_id": f"V{i:05d}", "flags": i}, "policy" if i % 2 else None) for i in range(6)]
    one, many = AuditLog(tmp_path / "one.jsonl", actor="tester"), AuditLog(tmp_path / "many.jsonl", actor="tester")
    for stage, event, payload, actor in entries:
        one.append(stage, event, payload, actor=actor)
    heads = []
    many.on_append = heads.append
    many.append("run", "run.started", {})
    written = many.append_many(entries)
    assert [e.seq for e in written] == [2, 3, 4, 5, 6, 7] and heads[-1] == written[-1]  # the head is the last event
    assert verify_audit_file(many.path, (7, written[-1].hash)) == 7
    assert _without_times(many.path)[1:] == [{**e, "seq": e["seq"] + 1} for e in _without_times(one.path)]


def test_events_an_interrupted_run_wrote_are_adopted_not_written_twice(tmp_path):
    log = AuditLog(tmp_path / "audit.jsonl", actor="tester")
    log.append("run", "run.started", {})
    log.append_many([("values", "value.a", {"n": 1}, None), ("values", "value.b", {"n": 2}, None)])  # never confirmed
    log.adopt_unconfirmed(1)
    again = log.append_many([("values", "value.a", {"n": 1}, None), ("values", "value.b", {"n": 2}, None), ("values", "value.c", {}, None)])
    assert [e.seq for e in again] == [2, 3, 4] and verify_audit_file(log.path) == 4
