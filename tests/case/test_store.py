"""The case store: sources once, decisions recorded with before/after, conflicts refused."""

from __future__ import annotations

import pytest

from redactor.case import CaseStore
from redactor.errors import CaseError, ConflictError, UsageError
from redactor.records import Flag, Item, Segment, stable_id


@pytest.fixture
def store(tmp_path):
    store = CaseStore.create(tmp_path / "case")
    source, _ = store.add_source("a" * 64, "/x/s.txt", "s.txt", 10, "text/plain")
    item_id = stable_id(source.source_id, "file")
    seg = Segment(stable_id(item_id, 0), item_id, 0, "body", "call Sophie on 07700 900123")
    store.save_items(source.source_id, [Item(item_id, source.source_id, "file", "document", "s", (seg,))])
    flag = Flag(Flag.make_id(seg.segment_id, 5, 11, "PERSON"), item_id, seg.segment_id, 5, 11, "PERSON", 0.85, "r", {}, "TP", "redact")
    store.save_flags(source.source_id, [flag])
    yield store
    store.close()


def test_same_content_is_one_source(store):
    again, created = store.add_source("a" * 64, "/elsewhere/copy.txt", "copy.txt", 10, "text/plain")
    assert not created and again.ref == "S0001" and len(store.sources()) == 1


def test_decision_records_before_and_after_and_audits(store):
    (flag,) = store.flags()
    store.decide(flag.flag_id, action="reject", status="keep", reviewer="DC Smith", reason="case party", expected_version=1)
    (decision,) = store.decisions(flag.flag_id)
    assert decision.before["status"] == "pending" and decision.after["status"] == "keep"
    assert decision.reviewer == "DC Smith" and store.flag(flag.flag_id).version == 2
    assert store.verify_audit() >= 2
    assert "Sophie" not in store.audit.path.read_text()


def test_stale_version_is_refused_and_changes_nothing(store):
    (flag,) = store.flags()
    store.decide(flag.flag_id, action="accept", status="redact", reviewer="A", expected_version=1)
    with pytest.raises(ConflictError):
        store.decide(flag.flag_id, action="reject", status="keep", reviewer="B", reason="x", expected_version=1)
    assert store.flag(flag.flag_id).status == "redact" and len(store.decisions()) == 1


def test_redetection_keeps_decided_flags_and_replaces_pending_ones(store):
    (flag,) = store.flags()
    source_id = store.sources()[0].source_id
    store.save_flags(source_id, [])
    assert store.flags() == []  # undecided flag replaced by the new (empty) detection
    store.save_flags(source_id, [flag])
    store.decide(flag.flag_id, action="accept", status="redact", reviewer="A")
    store.save_flags(source_id, [])
    assert [f.status for f in store.flags()] == ["redact"]


def test_manual_flag_is_validated_and_decided(store):
    seg_id = store.items()[0].segments[0].segment_id
    flag = store.add_manual_flag(seg_id, 15, 27, code="TP", reviewer="A", reason="missed number")
    assert flag.status == "redact" and flag.origin == "manual"
    with pytest.raises(UsageError):
        store.add_manual_flag(seg_id, 20, 999, code="TP", reviewer="A")
    with pytest.raises(UsageError):
        store.add_manual_flag(seg_id, 0, 4, code="XX", reviewer="A")


def test_open_refuses_a_folder_that_is_not_a_case(tmp_path):
    with pytest.raises(CaseError):
        CaseStore.open(tmp_path)


def test_nested_transactions_are_all_or_nothing(store):
    (flag,) = store.flags()
    with pytest.raises(ConflictError):
        with store.transaction():
            store.decide(flag.flag_id, action="accept", status="redact", reviewer="A", expected_version=1)
            store.decide(flag.flag_id, action="reject", status="keep", reviewer="A", reason="x", expected_version=1)
    assert store.flag(flag.flag_id).status == "pending" and store.decisions() == []


def test_bulk_writes_relax_only_the_run_connection(store, tmp_path):
    """A run's batches commit without an fsync each (WAL keeps the case consistent if the process is killed);
    a reviewer's connection keeps full durability, and the journal stays WAL."""
    other = CaseStore.open(tmp_path / "case")
    try:
        store.bulk_writes()
        assert store.conn.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL, never OFF (0)
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.conn.execute("PRAGMA cache_size").fetchone()[0] == -32768  # 32 MB, bounded
        assert other.conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    finally:
        other.close()
