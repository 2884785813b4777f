"""A spread that adds many flags holds a bounded number of them: beyond ``_HELD`` they wait in a temporary table until
every window is read, and the case ends exactly as when they are written at once (case/value_spread.py)."""

from __future__ import annotations

import tracemalloc

import pytest

from redactor.case import CaseStore, value_index, value_spread
from redactor.case.value_keys import value_key
from redactor.records import REDACT
from tests.case.test_value_filing import _everything
from tests.case.test_values import SID, decidable, flag, message


def _repeated(root, count: int) -> CaseStore:
    """Two numbers, each flagged once (the policy redacts both), and unflagged in ``count`` messages between them: the
    spread adds a flag to nearly every message."""
    s = CaseStore.create(root)
    s.add_source(SID, "chat.txt", "chat.txt", 1, "text/plain")
    items = [message(n, f"ring 07700 900123 or 07700 900456 now {n}") for n in range(count)]
    s.save_items(SID, items, 0)
    s.save_flags(SID, [decidable(items[0], "07700 900123"), decidable(items[1], "07700 900456")], replace=False)
    return s


def _small_batches(monkeypatch) -> None:
    for name in ("_MEMO", "_HIT_WINDOW", "_INDEX_BATCH"):
        monkeypatch.setattr(value_index, name, 50)
    monkeypatch.setattr(value_spread, "_MEMO", 50)
    monkeypatch.setattr(value_spread, "_HELD", 50, raising=False)


def test_a_spread_holds_a_bounded_number_of_the_flags_it_adds(tmp_path, monkeypatch):
    """What the step's peak grows by per flag the spread adds (3,000 messages against 1,000, one number in each): the
    candidate segments and the added flags' ids, not the flags themselves (1,260 B a flag when the spread held them
    all until it wrote them; 260 B now)."""
    _small_batches(monkeypatch)
    peaks, added = {}, {}
    for count in (1_000, 3_000):
        s = CaseStore.create(tmp_path / str(count))
        s.add_source(SID, "chat.txt", "chat.txt", 1, "text/plain")
        items = [message(n, f"ring 07700 900123 now {n}") for n in range(count)]
        s.save_items(SID, items, 0)
        s.save_flags(SID, [decidable(items[0], "07700 900123")], replace=False)
        value_key.cache_clear()
        tracemalloc.start()
        try:
            s.sync_values()
            peaks[count] = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        added[count] = s.conn.execute("SELECT COUNT(*) FROM flags WHERE recognizer = 'same-value'").fetchone()[0]
        s.close()
    assert added == {1_000: 999, 3_000: 2_999}
    assert (peaks[3_000] - peaks[1_000]) / 2_000 < 500, peaks


@pytest.mark.parametrize("held", [50, 1])
def test_a_spread_set_aside_in_batches_ends_the_case_as_one_written_at_once(tmp_path, monkeypatch, held):
    at_once = _repeated(tmp_path / "at_once", 300)
    at_once.sync_values()
    _small_batches(monkeypatch)
    monkeypatch.setattr(value_spread, "_HELD", held)
    batched = _repeated(tmp_path / "batched", 300)
    batched.sync_values()
    expected, got = _everything(at_once), _everything(batched)
    spread = [e for e in got["audit"] if e[1] == "value.spread"]
    assert [e[3]["flags"] for e in spread] == [299, 299]  # one event per value, every batch counted
    for table in expected:
        assert got[table] == expected[table], table
    assert batched.verify_audit() == len(got["audit"])
    at_once.close()
    batched.close()


def test_a_spread_outside_a_transaction_sets_aside_while_it_reads(tmp_path, monkeypatch):
    """A reviewer's decision spread over the whole case (``spread_flags``, as the bundle's ``spread_all``): not inside
    the step's transaction, so the temporary table is written while the index's texts are read (one read for every
    value from BULK on: 1 here), window by window; the flags come once."""
    monkeypatch.setattr(value_index, "BULK", 1)
    monkeypatch.setattr(value_index, "_HIT_WINDOW", 20)
    ids = {}
    for name, size in (("at_once", 10_000), ("batched", 7)):
        monkeypatch.setattr(value_spread, "_HELD", size)
        s = CaseStore.create(tmp_path / name)
        s.add_source(SID, "chat.txt", "chat.txt", 1, "text/plain")
        items = [message(n, f"call 07700 900123 soon {n}") for n in range(400)]
        s.save_items(SID, items, 0)
        first = flag(items[0], "07700 900123", "PHONE_NUMBER", "review", "unknown")
        s.save_flags(SID, [first], replace=False)
        s.decide(first.flag_id, action="accept", status=REDACT, reviewer="DC Test")
        assert not s.conn.in_transaction
        ids[name] = s.spread_flags([first.flag_id], actor="DC Test")
        assert s.spread_flags([first.flag_id], actor="DC Test") == []  # covered now
        ids[name + " flags"] = [tuple(r) for r in s.conn.execute("SELECT flag_id, status, code FROM flags ORDER BY rowid")]
        s.close()
    assert len(ids["batched"]) == 399 and ids["batched"] == ids["at_once"]
    assert ids["batched flags"] == ids["at_once flags"]
