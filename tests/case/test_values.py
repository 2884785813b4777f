"""Value clusters: one decision per person or identifier, applied to every occurrence, present and future."""

from __future__ import annotations

import json

import pytest

from redactor.case import CaseStore
from redactor.case.value_keys import value_key
from redactor.decisions.values import check_consistent
from redactor.errors import ConflictError, InconsistentValuesError, UsageError
from redactor.records import Flag, Item, Person, Segment

SID = "c" * 64
OWNER = Person("p-sam", "Sam Owner", ("Sammy",), ("+447700900001",), (), "complainant", "roster")
RULE_KEEP = "decide.policy rule 4 (name, complainant: keep VW)"


def message(n: int, text: str) -> Item:
    iid = f"m{n:015d}"
    seg = Segment(f"{iid}.0", iid, 0, "text", text)
    return Item(iid, SID, f"line {n}", "message", "chat", (seg,), {"thread": {"key": "t1"}})


def flag(item: Item, word: str, entity: str, proposed: str, party: str, person_id: str | None = None, code: str = "TP") -> Flag:
    seg = item.segments[0]
    start = seg.text.index(word)
    explanation = {
        "party": party,
        "category": "name" if entity == "PERSON" else "contact",
        "rule": RULE_KEEP if proposed == "keep" else "r",
    }
    if person_id:
        explanation["person_id"] = person_id
    return Flag(
        Flag.make_id(seg.segment_id, start, start + len(word), entity),
        item.item_id,
        seg.segment_id,
        start,
        start + len(word),
        entity,
        0.9,
        "t",
        explanation,
        code,
        proposed,
    )


def add(store: CaseStore, first: int, texts: list[str]) -> list[Flag]:
    items = [message(first + i, t) for i, t in enumerate(texts)]
    store.save_items(SID, items, first)
    flags = []
    for item in items:
        text = item.segments[0].text
        for word, person in (("Sam Owner", OWNER.person_id), ("Sammy", OWNER.person_id)):
            if word in text:
                flags.append(flag(item, word, "PERSON", "keep", "complainant", person, "VW"))
        for word in ("\u200eJo Example", "Jo Example", "jo  example"):
            if word in text:
                flags.append(flag(item, word, "PERSON", "redact", "third_party"))
                break
        for word in ("07700 900456", "+44 7700 900456"):
            if word in text:
                flags.append(flag(item, word, "PHONE_NUMBER", "redact", "unknown"))
    store.save_flags(SID, flags, replace=False)
    return flags


@pytest.fixture
def store(tmp_path):
    s = CaseStore.create(tmp_path / "case")
    s.add_source(SID, "chat.txt", "chat.txt", 1, "text/plain")
    s.add_people([OWNER])
    add(
        s,
        1,
        ["Sam Owner: hi Jo Example", "Sammy: ring 07700 900456", "Sam Owner: \u200eJo Example rang from +44 7700 900456", "x: jo  example"],
    )
    s.sync_values()
    yield s
    s.close()


def by_entity(store: CaseStore, entity: str):
    return [v for v in store.value_rows() if v.entity == entity]


def test_keys_normalise_variants():
    assert value_key("PHONE_NUMBER", "07700 900456", "contact", None, None).key == "+447700900456"
    assert value_key("PHONE_NUMBER", "+44 (0)7700\u00a0900456", "contact", None, None).key == "+447700900456"
    assert value_key("EMAIL_ADDRESS", "Jo.Example@Example.COM", "contact", None, None).key == "jo.example@example.com"
    assert value_key("PERSON", "\u200eJo  Example", "name", None, None).key == value_key("PERSON", "jo example", "name", None, None).key
    assert value_key("PERSON", "Mr Jo Example", "name", None, None).key == "name:jo example"
    assert (
        value_key("STREET_ADDRESS", "14 Example Rd.", "address", None, None).key
        == value_key("STREET_ADDRESS", "14 example road", "address", None, None).key
    )
    assert value_key("PERSON", "Sammy", "name", "p1", "Sam Owner") == value_key("PERSON", "Sam  Owner", "name", None, None)
    assert value_key("UK_NINO", "QQ 12 34 56 C", "government", None, None).key == "qq123456c"


def test_one_cluster_per_person_phone_and_name(store):
    (person_owner,) = [v for v in by_entity(store, "person") if v.person_id == OWNER.person_id]
    assert person_owner.occurrences == 3 and person_owner.party == "complainant"
    (jo,) = [v for v in by_entity(store, "person") if v.person_id is None]
    assert jo.occurrences == 3 and jo.items == 3 and jo.status == "pending"
    (phone,) = by_entity(store, "phone")
    assert phone.display == "+447700900456" and phone.occurrences == 2


def test_roster_party_kept_by_policy_with_the_rule_in_the_audit_log(store):
    (owner,) = [v for v in by_entity(store, "person") if v.person_id == OWNER.person_id]
    assert owner.status == "keep" and owner.decided_by == "policy"
    events = [json.loads(line) for line in store.audit.path.read_text().splitlines()]
    policy = [e for e in events if e["event"] == "value.policy"]
    assert policy and policy[0]["payload"]["rule"] == RULE_KEEP and policy[0]["actor"] == "policy"
    # still open to review: a reviewer can redact the person after all
    assert store.decide_value(owner.value_id, "redact", reviewer="DC Test", code="VW") == 3


def test_decision_applies_to_every_occurrence_and_to_future_ones(store):
    (jo,) = [v for v in by_entity(store, "person") if v.person_id is None]
    assert store.decide_value(jo.value_id, "redact", reviewer="DC Test", code="TP") == 3
    assert store.value(jo.value_id).status == "redact"
    add(store, 10, ["later: Jo Example again"])  # a re-run with new material
    result = store.sync_values()
    assert result["applied"] == 1
    assert store.value(jo.value_id).status == "redact" and store.value(jo.value_id).occurrences == 4
    events = [json.loads(line) for line in store.audit.path.read_text().splitlines()]
    applied = [e for e in events if e["event"] == "value.applied"]
    assert applied[-1]["payload"] == {"value_id": jo.value_id, "decision": "redact", "flags": 1}
    assert "Jo" not in store.audit.path.read_text()  # values never reach the audit log


def test_new_occurrences_of_a_decided_value_are_found_by_their_flag_ids(store):
    """A re-run's new flags of a decided value are reached through the value's members, not by reading every pending
    flag of the case for each value (the flags_status index: 80 ms a value with 137,000 pending flags, so minutes for
    a re-run touching thousands of decided values)."""
    (jo,) = [v for v in by_entity(store, "person") if v.person_id is None]
    store.decide_value(jo.value_id, "redact", reviewer="DC Test", code="TP")
    add(store, 10, ["later: Jo Example again"])
    statements: list[str] = []
    store.conn.set_trace_callback(statements.append)
    assert store.sync_values()["applied"] == 1
    store.conn.set_trace_callback(None)
    applying = [q for q in statements if q.startswith(("INSERT INTO decisions", "UPDATE flags"))]
    plans = [r[3] for q in applying for r in store.conn.execute("EXPLAIN QUERY PLAN " + q)]
    assert applying and any("(flag_id=?)" in p for p in plans)
    assert not [p for p in plans if "flags_status" in p]


def test_keep_needs_a_reason_and_stale_versions_are_refused(store):
    (phone,) = by_entity(store, "phone")
    with pytest.raises(UsageError):
        store.decide_value(phone.value_id, "keep", reviewer="DC Test")
    store.decide_value(phone.value_id, "keep", reviewer="DC Test", reason="suspect's number, in the charge", expected_version=1)
    with pytest.raises(ConflictError):
        store.decide_value(phone.value_id, "redact", reviewer="DC Test", expected_version=1)


def test_an_exception_needs_a_reason_and_survives_later_value_decisions(store):
    (phone,) = by_entity(store, "phone")
    store.decide_value(phone.value_id, "redact", reviewer="DC Test")
    one = store.value_flag_ids(phone.value_id)[0]
    with pytest.raises(UsageError):
        store.except_occurrence(one, "keep", reviewer="DC Test", reason="")
    store.except_occurrence(one, "keep", reviewer="DC Test", reason="quoted in the charge")
    store.decide_value(phone.value_id, "redact", reviewer="DC Test", code="TP")
    assert store.flag(one).status == "keep"
    assert store.value(phone.value_id).status == "mixed"
    (inconsistent,) = store.inconsistent_values()
    assert inconsistent.exceptions == (one,) and inconsistent.unexplained == ()
    check_consistent(store)  # every exception has its reason: the bundle may go ahead


def test_redacted_here_kept_there_without_a_reason_blocks_the_bundle(store):
    (jo,) = [v for v in by_entity(store, "person") if v.person_id is None]
    store.decide_value(jo.value_id, "redact", reviewer="DC Test")
    one = store.value_flag_ids(jo.value_id)[0]
    store.decide(one, action="set", status="keep", reviewer="DC Other")  # flag by flag, no reason
    (inconsistent,) = store.inconsistent_values()
    assert inconsistent.value.value_id == jo.value_id and inconsistent.unexplained == (one,)
    with pytest.raises(InconsistentValuesError, match=jo.value_id):
        check_consistent(store)


def test_sync_is_idempotent_and_counts_stay_true_through_every_write_path(store):
    assert store.sync_values()["flags"] == 0
    (jo,) = [v for v in by_entity(store, "person") if v.person_id is None]
    (phone,) = by_entity(store, "phone")
    store.decide_value(jo.value_id, "redact", reviewer="DC Test")
    store.decide(store.value_flag_ids(phone.value_id)[0], action="set", status="keep", reviewer="DC Test", reason="r")
    store.except_occurrence(store.value_flag_ids(jo.value_id)[0], "keep", reviewer="DC Test", reason="quoted")
    add(store, 20, ["Jo Example and 07700 900456"])
    store.clear_pending_flags(SID)  # what a re-detection does first
    add(store, 20, ["Jo Example and 07700 900456"])
    store.sync_values()
    kept, recount = _counters(store)
    assert kept == recount


def test_a_version_3_case_gets_its_counts_when_migrated(tmp_path):
    from redactor.case import schema

    s = CaseStore.create(tmp_path / "old")
    s.add_source(SID, "chat.txt", "chat.txt", 1, "text/plain")
    s.add_people([OWNER])
    add(s, 1, ["Sam Owner: hi Jo Example", "x: Jo Example"])
    s.sync_values()
    want = {v.value_id: (v.occurrences, v.items, v.pending) for v in s.value_rows()}
    for trigger in ("value_member_added", "value_member_removed", "value_member_excepted", "value_flag_removed", "value_flag_status"):
        s.conn.execute(f"DROP TRIGGER {trigger}")
    for index in ("decisions_value", "value_decisions_value", "flags_pending", "items_thread"):  # v7
        s.conn.execute(f"DROP INDEX {index}")
    s.conn.execute("ALTER TABLE decisions DROP COLUMN value_decision")
    for column in ("occurrences", "items", "pending", "redacted", "kept", "excepted", "applied_version"):
        s.conn.execute(f"ALTER TABLE value_clusters DROP COLUMN {column}")
    s.set_meta("schema_version", "3")
    s.close()
    with CaseStore.open(tmp_path / "old") as again:
        assert again.meta("schema_version") == str(schema.SCHEMA_VERSION)
        assert {v.value_id: (v.occurrences, v.items, v.pending) for v in again.value_rows()} == want


def test_a_name_seen_before_its_person_was_known_is_the_same_value(store):
    (jo,) = [v for v in by_entity(store, "person") if v.display == "Jo Example"]
    store.decide_value(jo.value_id, "redact", reviewer="DC Test")
    store.add_people([Person("p-jo", "Jo Example", ("Jojo",), (), (), "unknown", "S0002 contacts")])
    item = message(30, "later: Jojo rang")
    store.save_items(SID, [item], 30)
    store.save_flags(SID, [flag(item, "Jojo", "PERSON", "redact", "third_party", "p-jo")], replace=False)
    assert store.sync_values()["applied"] == 1
    assert store.value(jo.value_id).occurrences == 4 and store.value(jo.value_id).status == "redact"


def decidable(item: Item, word: str) -> Flag:
    """A detected phone number a rule with 'decide' proposed to redact."""
    f = flag(item, word, "PHONE_NUMBER", "redact", "unknown")
    return Flag(**{**{k: getattr(f, k) for k in f.__slots__}, "explanation": {**f.explanation, "policy_decides": True}})


def test_a_structured_identifier_is_decided_redact_by_the_policy_and_stays_open(tmp_path):
    s = CaseStore.create(tmp_path / "case")
    s.add_source(SID, "chat.txt", "chat.txt", 1, "text/plain")
    items = [message(1, "ring 07700 900999"), message(2, "or 07700 900999 later"), message(3, "not 07700900999 though")]
    s.save_items(SID, items)
    s.save_flags(SID, [decidable(items[0], "07700 900999"), decidable(items[1], "07700 900999")])
    s.sync_values()
    (phone,) = s.value_rows()
    assert (phone.status, phone.decided_by, phone.pending) == ("redact", "policy", 0)
    events = [json.loads(line) for line in s.audit.path.read_text().splitlines()]
    (policy,) = [e for e in events if e["event"] == "value.policy"]
    assert policy["actor"] == "policy" and policy["payload"]["rule"] == "r"
    assert [f.item_id for f in s.flags(status="redact") if f.recognizer == "same-value"] == [items[2].item_id]  # spread too
    assert s.decide_value(phone.value_id, "keep", reviewer="DC Test", reason="the suspect's, in the charge") == 3  # open to review
    s.close()


@pytest.mark.parametrize("together", [True, False])
def test_one_occurrence_no_rule_decides_leaves_the_value_to_a_reviewer_whether_filed_at_once_or_later(tmp_path, together):
    """A value filed new is judged from its rows in that filing; one filed before, from its members in the case: the same."""
    s = CaseStore.create(tmp_path / "case")
    s.add_source(SID, "chat.txt", "chat.txt", 1, "text/plain")
    s.add_people([OWNER])
    items = [message(1, "Sam Owner: ring 07700 900999"), message(2, "07700 900999 again")]
    s.save_items(SID, items)
    owner = flag(items[0], "Sam Owner", "PERSON", "keep", "complainant", OWNER.person_id, "VW")
    first, second = decidable(items[0], "07700 900999"), flag(items[1], "07700 900999", "PHONE_NUMBER", "redact", "unknown")
    if together:
        s.save_flags(SID, [owner, first, second], replace=False)
    else:  # the undecidable occurrence is filed first: the decidable one joins a value the policy left open
        s.save_flags(SID, [owner, second], replace=False)
        s.sync_values()
        s.save_flags(SID, [first], replace=False)
    s.sync_values()
    phone = next(v for v in s.value_rows() if v.entity == "phone")
    assert (phone.decided_by, phone.pending, phone.items) == (None, 2, 2)
    sam = next(v for v in s.value_rows() if v.entity == "person")
    assert (sam.decided_by, sam.status, sam.items) == ("policy", "keep", 1)
    s.close()


def test_filing_leaves_the_connection_page_cache_as_it_found_it(store):
    store.conn.execute("PRAGMA cache_size = -3000")
    item = message(40, "later: Jo Example")
    store.save_items(SID, [item], 40)
    store.save_flags(SID, [flag(item, "Jo Example", "PERSON", "redact", "third_party")], replace=False)
    assert store.sync_values()["flags"] == 1
    assert store.conn.execute("PRAGMA cache_size").fetchone()[0] == -3000


def test_an_occurrence_the_policy_would_not_decide_withdraws_its_decision(tmp_path):
    s = CaseStore.create(tmp_path / "case")
    s.add_source(SID, "chat.txt", "chat.txt", 1, "text/plain")
    first, later = message(1, "ring 07700 900999"), message(2, "07700 900999 again")
    s.save_items(SID, [first])
    s.save_flags(SID, [decidable(first, "07700 900999")])
    s.sync_values()
    s.save_items(SID, [later], 2)  # new material: a recognizer without 'decide' (a context word) found it
    s.save_flags(SID, [flag(later, "07700 900999", "PHONE_NUMBER", "redact", "unknown")], replace=False)
    s.sync_values()
    (phone,) = s.value_rows()
    assert phone.decided_by is None and phone.pending == 1  # a reviewer decides now
    events = [json.loads(line)["event"] for line in s.audit.path.read_text().splitlines()]
    assert "value.policy_withdrawn" in events
    s.close()


def _counters(store: CaseStore) -> tuple[dict, dict]:
    """Each value's kept counters, and the same counted from its members now."""
    recount = {
        r["value_id"]: (r["n"], r["items"], r["pending"], r["redacted"], r["kept"], r["excepted"])
        for r in store.conn.execute(
            "SELECT v.value_id, COUNT(*) AS n, COUNT(DISTINCT f.item_id) AS items, SUM(f.status = 'pending') AS pending, "
            "SUM(f.status = 'redact') AS redacted, SUM(f.status = 'keep') AS kept, SUM(v.excepted) AS excepted "
            "FROM flag_values v JOIN flags f USING (flag_id) GROUP BY v.value_id"
        )
    }
    kept = {v.value_id: (v.occurrences, v.items, v.pending, v.redacted, v.kept, v.excepted) for v in store.value_rows()}
    return kept, recount


def test_a_sync_recounts_the_values_it_touched_and_its_mark_never_outlives_it(store, monkeypatch):
    """Filing and the policy's decisions run with the counting triggers standing aside (schema v10); the values touched
    are recounted, so every counter equals a count of the members, and a sync that fails leaves no mark behind."""
    from redactor.case.schema import RECOUNT_MARK
    from redactor.case.values import Values

    (jo,) = [v for v in by_entity(store, "person") if v.person_id is None]
    store.decide_value(jo.value_id, "redact", reviewer="DC Test")
    store.except_occurrence(store.value_flag_ids(jo.value_id)[0], "keep", reviewer="DC Test", reason="quoted")
    items = [message(40, "ring 07700 900999 or Jo Example"), message(41, "07700 900999 again, Sam Owner")]
    store.save_items(SID, items, 40)
    store.save_flags(SID, [decidable(items[0], "07700 900999"), decidable(items[1], "07700 900999")], replace=False)
    add(store, 42, ["Jo Example and 07700 900456", "Sammy and Jo Example"])
    before = _counters(store)[0]

    def broken(*args, **kwargs):
        raise RuntimeError("stopped")

    monkeypatch.setattr(Values, "_decide_by_policy", broken)
    with pytest.raises(RuntimeError):
        store.sync_values()
    assert store.meta(RECOUNT_MARK) is None and _counters(store)[0] == before  # rolled back, mark included
    monkeypatch.undo()
    counts = store.sync_values()
    assert counts["flags"] == 6 and counts["policy"] == 1 and counts["applied"] == 3  # Jo Example twice, Sammy kept
    kept, recount = _counters(store)
    assert kept == recount and store.meta(RECOUNT_MARK) is None
    (phone,) = [v for v in by_entity(store, "phone") if v.display.endswith("900999")]
    assert (phone.decided_by, phone.redacted, phone.pending) == ("policy", 2, 0)
    store.decide(store.value_flag_ids(phone.value_id)[0], action="set", status="keep", reviewer="DC Test", reason="r")
    assert _counters(store)[0] == _counters(store)[1]  # outside a sync the triggers count again
