"""A value decision applied chunk by chunk, completed before any bundle, and undone without losing history."""

from __future__ import annotations

import json
import sqlite3

import pytest

from redactor.case import SCHEMA_VERSION, CaseStore
from redactor.errors import ConflictError, UsageError
from redactor.records import Flag
from tests.case.test_values import OWNER, SID, add, by_entity


@pytest.fixture
def case(tmp_path):
    s = CaseStore.create(tmp_path / "case")
    s.add_source(SID, "chat.txt", "chat.txt", 1, "text/plain")
    s.add_people([OWNER])
    add(s, 1, [f"Sam Owner: Jo Example rang, {n}" for n in range(25)])
    s.sync_values()
    yield s
    s.close()


def jo(store: CaseStore):
    (value,) = [v for v in by_entity(store, "person") if v.person_id is None]
    return value


def events(store: CaseStore, name: str) -> list[dict]:
    return [e for e in (json.loads(line) for line in store.audit.path.read_text().splitlines()) if e["event"] == name]


def statuses(store: CaseStore, value_id: str) -> list[str]:
    return sorted(store.flag(f).status for f in store.value_flag_ids(value_id))


def test_a_decision_is_recorded_with_its_first_occurrences_and_completed_in_chunks(case):
    v = jo(case)
    assert case.decide_value(v.value_id, "redact", reviewer="DC Test", code="TP", first=10) == 10
    now = case.value(v.value_id)
    assert now.applying and now.status == "redact" and now.pending == 15
    assert case.applying_values() == [v.value_id] and case.inconsistent_values() == []
    decided = events(case, "value.decided")[-1]["payload"]
    assert decided["flags"] == 10 and decided["applying"] is True
    assert case.apply_values(chunk=4) == 15
    done = case.value(v.value_id)
    assert not done.applying and done.redacted == 25 and done.pending == 0 and case.applying_values() == []
    assert events(case, "value.applied")[-1]["payload"] == {"value_id": v.value_id, "decision": "redact", "flags": 15, "version": 2}
    linked = case.conn.execute(
        "SELECT COUNT(DISTINCT value_decision), COUNT(*) FROM decisions WHERE value_decision IN (SELECT id FROM value_decisions WHERE value_id = ?)",
        (v.value_id,),
    ).fetchone()
    assert tuple(linked) == (1, 25)  # every flag's decision row names the one value decision


def test_a_bundle_never_sees_a_half_applied_decision(case):
    v = jo(case)
    case.decide_value(v.value_id, "redact", reviewer="DC Test", first=3)
    case.sync_values()  # what every bundle runs first
    assert statuses(case, v.value_id) == ["redact"] * 25


def test_a_newer_decision_while_applying_wins(case):
    v = jo(case)
    case.decide_value(v.value_id, "redact", reviewer="DC Test", first=5)
    case.decide_value(v.value_id, "keep", reviewer="DC Test", reason="named in the charge", first=5)
    case.apply_values(chunk=7)
    assert statuses(case, v.value_id) == ["keep"] * 25


def test_exceptions_survive_chunked_application(case):
    v = jo(case)
    one = case.value_flag_ids(v.value_id)[-1]
    case.except_occurrence(one, "keep", reviewer="DC Test", reason="quoted in the charge")
    case.decide_value(v.value_id, "redact", reviewer="DC Test", first=2)
    case.apply_values(chunk=3)
    assert case.flag(one).status == "keep" and case.value(v.value_id).redacted == 24


def test_undo_restores_each_occurrence_and_keeps_the_history(case):
    v = jo(case)
    ids = case.value_flag_ids(v.value_id)
    case.decide(ids[0], action="set", status="keep", reviewer="DC Other", reason="quoted")  # an occurrence decided before
    case.decide_value(v.value_id, "redact", reviewer="DC Test", code="TP")
    case.decide(ids[1], action="set", status="keep", reviewer="DC Other", reason="later, by hand")  # changed since
    history = case.conn.execute("SELECT COUNT(*) FROM decisions").fetchone()[0]
    with pytest.raises(ConflictError):
        case.undo_value_decision(v.value_id, reviewer="DC Test", expected_version=1)
    assert case.undo_value_decision(v.value_id, reviewer="DC Test", expected_version=2) == 24  # ids[1] was changed since: left alone
    after = case.value(v.value_id)
    assert after.decision is None and after.version == 3 and not after.applying
    assert case.flag(ids[0]).status == "keep" and case.flag(ids[1]).status == "keep"
    assert statuses(case, v.value_id).count("pending") == 23
    assert case.conn.execute("SELECT COUNT(*) FROM decisions").fetchone()[0] == history + 24  # appended, nothing deleted
    undone = events(case, "value.undone")[-1]
    assert undone["payload"]["flags"] == 24 and undone["actor"] == "DC Test"
    assert "Jo" not in case.audit.path.read_text()
    assert case.verify_audit() == len(list(case.audit.events()))


def test_undo_of_a_policy_override_restores_the_policy(case):
    (owner,) = [v for v in by_entity(case, "person") if v.person_id == OWNER.person_id]
    assert owner.decided_by == "policy"
    case.decide_value(owner.value_id, "redact", reviewer="DC Test", code="VW")
    case.undo_value_decision(owner.value_id, reviewer="DC Test", expected_version=owner.version + 1)
    back = case.value(owner.value_id)
    assert back.decision == "keep" and back.decided_by == "policy" and back.kept == back.occurrences


def test_undo_of_a_half_applied_decision_stops_its_application(case):
    v = jo(case)
    case.decide_value(v.value_id, "redact", reviewer="DC Test", first=5)
    assert case.undo_value_decision(v.value_id, reviewer="DC Test", expected_version=2) == 5
    assert case.apply_values() == 0 and statuses(case, v.value_id) == ["pending"] * 25


def test_a_value_without_decisions_has_nothing_to_undo(case):
    (phone,) = [v for v in case.value_rows() if v.entity == "person" and v.person_id is None]
    with pytest.raises(UsageError, match="no decision"):
        case.undo_value_decision(phone.value_id, reviewer="DC Test", expected_version=phone.version)


def test_a_version_6_case_opens_with_its_decisions_applied(tmp_path):
    s = CaseStore.create(tmp_path / "old")
    s.add_source(SID, "chat.txt", "chat.txt", 1, "text/plain")
    add(s, 1, ["x: Jo Example", "y: Jo Example"])
    s.sync_values()
    v = jo(s)
    s.decide_value(v.value_id, "redact", reviewer="DC Test")
    for index in ("decisions_value", "value_decisions_value", "flags_pending", "items_thread"):
        s.conn.execute(f"DROP INDEX {index}")
    s.conn.execute("ALTER TABLE decisions DROP COLUMN value_decision")
    s.conn.execute("ALTER TABLE value_clusters DROP COLUMN applied_version")
    s.set_meta("schema_version", "6")
    s.close()
    with CaseStore.open(tmp_path / "old") as again:
        assert again.meta("schema_version") == str(SCHEMA_VERSION)
        assert again.applying_values() == [] and again.value(v.value_id).status == "redact"
        conn = sqlite3.connect(again.db_path)
        indexes = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
        assert {"items_thread", "flags_pending", "decisions_value"} <= indexes
        conn.close()


def _policy_case(root, count: int = 12) -> CaseStore:
    """Values the policy decides: the case owner's name (keep), phone numbers (redact, each its own code), one
    occurrence already redacted with its value's code (left alone), one redacted with another code (changed)."""
    from dataclasses import replace

    from tests.case.test_values import decidable, message

    s = CaseStore.create(root)
    s.add_source(SID, "chat.txt", "chat.txt", 1, "text/plain")
    s.add_people([OWNER])
    add(s, 1, [f"Sam Owner: Jo Example rang, {n}" for n in range(5)])
    numbers = [f"07700 9{n:05d}" for n in range(count)]
    items = [message(100 + i, f"ring {number} or {number}, not {number.replace(' ', '')}") for i, number in enumerate(numbers)]
    s.save_items(SID, items, 100)
    flags = []
    for i, (item, number) in enumerate(zip(items, numbers, strict=True)):
        f = replace(decidable(item, number), code=("TP", "CTX")[i % 2])
        flags.append(replace(f, status="redact") if i == 3 else f)  # 3: already so
        if i == 4:  # its second occurrence redacted with another code: the value's code replaces it
            start = item.segments[0].text.index(number, f.end)
            flag_id = Flag.make_id(f.segment_id, start, start + len(number), f.entity)
            flags.append(replace(f, flag_id=flag_id, start=start, end=start + len(number), code="LOC", status="redact"))
    s.save_flags(SID, flags, replace=False)
    return s


def _tables(s: CaseStore) -> dict[str, list]:
    queries = {
        "flags": 'SELECT flag_id, start, "end", entity, code, status, version, origin, recognizer FROM flags ORDER BY flag_id',
        "clusters": "SELECT value_id, decision, code, reason, decided_by, version, applied_version, items FROM value_clusters ORDER BY value_id",
        "value_decisions": "SELECT id, value_id, action, reviewer, reason, before, after FROM value_decisions ORDER BY id",
        "decisions": "SELECT flag_id, action, reviewer, reason, before, after, value_decision FROM decisions ORDER BY flag_id, id",
    }
    out = {k: [tuple(r) for r in s.conn.execute(q)] for k, q in queries.items()}
    out["audit"] = [(e["stage"], e["event"], e["actor"], e["payload"]) for e in map(json.loads, s.audit.path.read_text().splitlines())]
    return out


def test_the_policys_decisions_recorded_together_are_those_recorded_one_at_a_time(tmp_path, monkeypatch):
    """_record_many (set-based, one fsync) leaves the case and the audit log as _record per value did."""
    together = _policy_case(tmp_path / "together")
    together.sync_values()
    one_by_one = _policy_case(tmp_path / "one")

    def record_each(self, decided, actor, event, filed=None):
        return {c["value_id"]: self._record(c, d, c["code"], actor, c["rule"], event, spread=False) for c, d in decided}

    monkeypatch.setattr(CaseStore, "_record_many", record_each)
    one_by_one.sync_values()
    expected, got = _tables(one_by_one), _tables(together)
    assert [e[1] for e in got["audit"]].count("value.policy") == 13  # the owner's name and 12 numbers
    assert any(e[1] == "value.spread" for e in got["audit"])  # the unflagged spellings were spread
    for table in expected:
        assert got[table] == expected[table], table
    assert together.verify_audit() == len(got["audit"])
    together.close()
    one_by_one.close()


@pytest.mark.parametrize("joined", [False, True])
def test_the_values_step_builds_no_automatic_index(tmp_path, monkeypatch, joined):
    """Every statement sync_values runs is planned on the case's own indexes. An automatic index is built over a
    whole table for each statement: the policy's chunks of 500 values once did that over flag_values, which made
    the step grow with values x flags (100,000 WhatsApp messages: 26 of its 41 CPU s). Plans without ANALYZE do not depend on
    the data, only on the statement: the policy's chunk is large here (from about 300 values on, that plan differed).
    ``joined``: the policy's set-based statements, which a filing uses when it cannot decide from the rows it filed."""
    if joined:
        monkeypatch.setattr(CaseStore, "_apply_filed", lambda *args, **kwargs: None)
    s = _policy_case(tmp_path / "case", count=600)
    statements: list[str] = []
    s.conn.set_trace_callback(statements.append)
    s.sync_values()
    s.conn.set_trace_callback(None)
    planned = [q for q in dict.fromkeys(statements) if q.lstrip().upper().startswith(("SELECT", "WITH", "INSERT", "UPDATE", "DELETE"))]
    assert any("WITH b" in q for q in planned) == joined  # the policy's members read again, or the rows filed
    assert any(q.startswith("UPDATE flags SET status = ") and " WHERE rowid = " in q for q in planned)  # either way, in table order
    automatic = [(q[:120], p) for q in planned for p in (r[3] for r in s.conn.execute("EXPLAIN QUERY PLAN " + q)) if "AUTOMATIC" in p]
    assert automatic == []
    s.close()


def _rerun_case(root, monkeypatch, one_at_a_time: bool) -> tuple[CaseStore, int]:
    """A case whose 30 numbers the policy decided redact, then new material: each number again (applied), and one
    found by a rule that does not let the policy decide (withdrawn). The fsyncs of the second sync."""
    from redactor.audit import log as audit_log
    from tests.case.test_values import decidable, flag, message

    s = CaseStore.create(root)
    s.add_source(SID, "chat.txt", "chat.txt", 1, "text/plain")
    numbers = [f"07700 9{n:05d}" for n in range(30)]
    first = [message(1 + i, f"ring {number}") for i, number in enumerate(numbers)]
    s.save_items(SID, first)
    s.save_flags(SID, [decidable(item, number) for item, number in zip(first, numbers, strict=True)])
    s.sync_values()
    later = [message(100 + i, f"{number} again") for i, number in enumerate(numbers)]
    s.save_items(SID, later, 100)
    new = [decidable(item, number) for item, number in zip(later, numbers, strict=True)]
    new[7] = flag(later[7], numbers[7], "PHONE_NUMBER", "redact", "unknown")  # a context word found it: a reviewer decides
    s.save_flags(SID, new, replace=False)
    if one_at_a_time:
        monkeypatch.setattr(CaseStore, "log_many", lambda self, events: [self.log(*e) for e in events])
    synced = []
    real = audit_log.os.fsync
    monkeypatch.setattr(audit_log.os, "fsync", lambda fd: (synced.append(fd), real(fd)))
    s.sync_values()
    monkeypatch.undo()
    return s, len(synced)


def test_a_rerun_applies_earlier_decisions_with_one_fsync_and_the_events_of_one_at_a_time(tmp_path, monkeypatch):
    """A value decided before that new material joins gets one ``value.applied`` event, as before, but the events are
    written together (a 20,000-message re-run wrote 2,174, one fsync each: 4-8 of its values step's 10-16 s)."""
    one, fsyncs_one = _rerun_case(tmp_path / "one", monkeypatch, one_at_a_time=True)
    together, fsyncs = _rerun_case(tmp_path / "together", monkeypatch, one_at_a_time=False)
    expected, got = _tables(one), _tables(together)
    names = [e[1] for e in got["audit"]]
    assert names.count("value.applied") == 29 and names.count("value.policy_withdrawn") == 1
    for table in expected:
        assert got[table] == expected[table], table
    assert fsyncs_one >= 30 and fsyncs <= 3  # before: one per event
    assert together.verify_audit() == len(got["audit"])
    one.close()
    together.close()
