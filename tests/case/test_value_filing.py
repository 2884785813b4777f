"""A filing lets the policy decide the values it created from the rows it read (no second join of their members):
the case ends exactly as when every member is read again from the case."""

from __future__ import annotations

import json
import sqlite3
import tracemalloc
from collections.abc import Mapping
from dataclasses import replace

import pytest

from redactor import codes
from redactor.case import CaseStore, value_apply, value_filed
from redactor.case import values as values_module
from redactor.case.value_apply import _state
from tests.case.test_value_apply import _policy_case
from tests.case.test_values import OWNER, SID, decidable, message


def _case(root, odd_code: bool = False) -> CaseStore:
    """The policy's values of test_value_apply, and a number of the complainant's the policy redacts: its member with
    the higher flag id names her (so the value's person is not its first member's), one spelling repeated, and an
    unflagged alias of hers, which the spread of that value flags."""
    s = _policy_case(root, count=30)
    texts = ["call 07700 900777 now", "or 07700 900777 then", "+44 7700 900777 is hers", "Sammy said so"]
    items = [message(300 + i, text) for i, text in enumerate(texts)]
    s.save_items(SID, items, 300)
    flags = [decidable(item, word) for item, word in zip(items, ("07700 900777", "07700 900777", "+44 7700 900777"), strict=False)]
    last = max(range(3), key=lambda i: flags[i].flag_id)
    flags[last] = replace(flags[last], explanation={**flags[last].explanation, "party": "complainant", "person_id": OWNER.person_id})
    if odd_code:  # a code SQLite's json_object could write otherwise than Python: the case's own statements decide
        flags = [replace(f, code='T"P') for f in flags]
    s.save_flags(SID, flags, replace=False)
    return s


def _everything(s: CaseStore) -> dict[str, list]:
    """Every table the step writes, in rowid order, times left out; the audit events without their times."""
    skip = {"created_at", "at", "decided_at"}
    out = {}
    for table in ("flags", "flag_values", "value_clusters", "value_decisions", "decisions"):
        columns = ", ".join(f'"{c[1]}"' for c in s.conn.execute(f"PRAGMA table_info({table})") if c[1] not in skip)
        out[table] = [tuple(r) for r in s.conn.execute(f"SELECT rowid, {columns} FROM {table} ORDER BY rowid")]
    out["audit"] = [(e["stage"], e["event"], e["actor"], e["payload"]) for e in map(json.loads, s.audit.path.read_text().splitlines())]
    return out


@pytest.mark.parametrize("odd_code", [False, True])
def test_the_policys_values_are_decided_and_spread_from_the_filed_rows_as_from_the_case(tmp_path, monkeypatch, odd_code):
    joined = _joined(tmp_path / "joined", monkeypatch, odd_code)
    filed = _case(tmp_path / "filed", odd_code)
    used: list[object] = []
    apply_filed, members = CaseStore._apply_filed, values_module._Redacted
    monkeypatch.setattr(CaseStore, "_apply_filed", lambda *a, **k: used.append(apply_filed(*a, **k)) or used[-1])
    monkeypatch.setattr(values_module, "_Redacted", lambda *a, **k: used.append(members(*a, **k)) or used[-1])
    filed.sync_values()

    expected, got = _everything(joined), _everything(filed)
    assert [e[1] for e in got["audit"]].count("value.policy") == 32  # the owner's name, 30 numbers, hers
    spread = [f for f in got["flags"] if f[8] == "same-value"]  # rowid, then the columns: recognizer is the 8th
    assert len(spread) >= 30 and any(f[2] == message(303, "").item_id for f in spread)  # her alias, 'Sammy', is flagged
    assert len(used) == 2 and used[1].given  # one part of decisions, one spread: from the rows
    assert (used[0] is None) == odd_code  # unless a code could be written otherwise
    for table in expected:
        assert got[table] == expected[table], table
    joined.close()
    filed.close()


@pytest.mark.parametrize("firsts", [16, 1])
def test_a_filing_that_keeps_no_rows_spreads_from_the_first_member_of_each_text_as_from_the_case(tmp_path, monkeypatch, firsts):
    """Above _KEEP_ROWS the filing holds, per new value, only the first member (by flag id) of each text: the policy's
    values are spread from those as from the case; a value with more texts than FIRSTS is read from the case."""
    joined = _joined(tmp_path / "joined", monkeypatch, False)
    monkeypatch.setattr(values_module, "_KEEP_ROWS", 0)
    monkeypatch.setattr(value_filed, "FIRSTS", firsts)
    filed = _case(tmp_path / "filed")
    used: list[object] = []
    members = values_module._Redacted
    monkeypatch.setattr(values_module, "_Redacted", lambda *a, **k: used.append(members(*a, **k)) or used[-1])
    filed.sync_values()
    expected, got = _everything(joined), _everything(filed)
    spread = [f for f in got["flags"] if f[8] == "same-value"]
    assert len(spread) >= 30 and any(f[2] == message(303, "").item_id for f in spread)
    held = used[0]
    assert isinstance(held, Mapping) and held.given == 31 - (firsts == 1)  # 30 numbers and hers (two spellings: read)
    for table in expected:
        assert got[table] == expected[table], table
    joined.close()
    filed.close()


def test_the_flags_of_a_value_with_many_members_change_in_bounded_batches_as_at_once(tmp_path, monkeypatch):
    """A value of 500,000 members (a phone's owner's e-mail at a million messages) is one part of the policy's: the flags
    it changes are written _LATER at a time while its members are read, and the case ends as when all are written once."""
    cases = {}
    for name, later in (("at_once", 10**6), ("batched", 4)):
        monkeypatch.setattr(values_module, "_KEEP_ROWS", 0)
        monkeypatch.setattr(value_apply, "_ROWS", 3)
        monkeypatch.setattr(value_apply, "_LATER", later)
        s = CaseStore.create(tmp_path / name)
        s.add_source(SID, "chat.txt", "chat.txt", 1, "text/plain")
        items = [message(n, f"ring 07700 900123 or 07700 9{n:05d}") for n in range(40)]
        s.save_items(SID, items, 0)
        s.save_flags(SID, [decidable(i, w) for n, i in enumerate(items) for w in ("07700 900123", f"07700 9{n:05d}")], replace=False)
        s.sync_values()
        cases[name] = _everything(s)
        s.close()
    assert sum(1 for d in cases["batched"]["decisions"] if d[3] == "value.policy") == 80  # rowid, id, flag id, action
    for table in cases["at_once"]:
        assert cases["batched"][table] == cases["at_once"][table], table


def _joined(root, monkeypatch, odd_code: bool) -> CaseStore:
    """The case after a values step that read every member again from the case, to decide and to spread."""
    s = _case(root, odd_code)
    monkeypatch.setattr(CaseStore, "_apply_filed", lambda *args, **kwargs: None)  # every member joined again
    monkeypatch.setattr(values_module, "_Redacted", lambda *args, **kwargs: {})  # every member read again to spread
    s.sync_values()
    monkeypatch.undo()
    return s


def test_a_state_is_written_as_sqlite_writes_it_or_not_at_all():
    conn = sqlite3.connect(":memory:")
    sql = "SELECT json_object('status', ?, 'code', ?, 'start', ?, 'end', ?, 'version', ?)"
    for status in ("pending", "redact", "keep"):
        for code in codes.REASON_CODES:
            for start, end, version in ((0, 12, 1), (7, 1_234_567, 42)):
                assert _state(status, code, start, end, version) == conn.execute(sql, (status, code, start, end, version)).fetchone()[0]
    for status, code, start in (("redact", 'T"P', 0), ("redact", "T\\P", 0), ("keep", "TP\n", 0), ("keep", "TÉ", 0), ("keep", "TP", 0.0)):
        assert _state(status, code, start, 3, 1) is None


def test_a_filing_too_large_to_keep_its_rows_ends_the_case_exactly_as_one_that_keeps_them(tmp_path, monkeypatch):
    """Above _KEEP_ROWS new flags the filing streams: it keeps no member rows (the policy and the spread read them
    back from the case) and writes memberships a batch at a time through a temporary table; the case is the same."""
    kept = _case(tmp_path / "kept")
    kept.sync_values()

    streamed = _case(tmp_path / "streamed")
    monkeypatch.setattr(values_module, "_KEEP_ROWS", 0)
    monkeypatch.setattr(values_module, "_FILING_BATCH", 7)
    for name, size in (("_CHUNK", 4), ("_ROWS", 3), ("_LATER", 5)):  # the policy's parts, members read, flags held
        monkeypatch.setattr(value_apply, name, size)
    made: list[values_module.Filed] = []
    filed_class = values_module.Filed
    monkeypatch.setattr(values_module, "Filed", lambda **kw: made.append(filed_class(**kw)) or made[-1])
    streamed.sync_values()

    assert made and all(f.rows is None for f in made)  # nothing kept
    assert max(f.items for f in made) > 1  # value_clusters.items (compared below) counted from the streamed rows
    expected, got = _everything(kept), _everything(streamed)
    assert len(got["flag_values"]) > 2 * 7  # several batches
    for table in expected:
        assert got[table] == expected[table], table
    kept.close()
    streamed.close()


def test_a_new_values_items_are_counted_as_distinct_items(tmp_path):
    """Filed counts items by their changes, which is exact because the filing reads rows in item order."""
    filed = values_module.Filed(rows=None)
    for ordinal in (0, 0, 4, 7, 7, 7):  # the filing's ordinals of the rows' items: the other items' rows went to other values
        filed.add((), ordinal, "pending", False)
    assert filed.items == 3 and filed.counters(None) == (6, 0, 6, 0, 0) and not filed.undecidable
    assert filed.counters("redact") == (6, 0, 0, 6, 0)
    filed.add((), 8, "redact", True)
    assert filed.items == 4 and filed.counters(None) == (7, 0, 6, 1, 0) and filed.undecidable


def test_the_filing_reads_its_columns_in_the_order_it_unpacks_them(tmp_path):
    from redactor.case.value_filed import NEW_COLUMNS

    s = _case(tmp_path / "case")
    assert tuple(d[0] for d in s.conn.execute(values_module._NEW_FLAGS).description) == NEW_COLUMNS
    s.close()


@pytest.mark.parametrize("keep_rows", [True, False])
def test_a_filing_in_tiny_batches_ends_the_case_exactly_as_in_one_batch_each(tmp_path, monkeypatch, keep_rows):
    """Memory stays flat: the policy decides and records _POLICY_BATCH values at a time, the index reads _INDEX_BATCH
    segments at a time and a bulk spread checks _HIT_WINDOW segments at a time. Batches of 2-5 end the case exactly as
    one batch each does (same rows, same rowids, same events), and none is larger than its bound."""
    from redactor.case import value_index

    monkeypatch.setattr(value_index, "BULK", 1)  # every spread reads the index's texts (the policy's path at scale)
    if not keep_rows:
        monkeypatch.setattr(values_module, "_KEEP_ROWS", 0)
    for name in ("_POLICY_BATCH", "_INDEX_BATCH", "_HIT_WINDOW"):
        monkeypatch.setattr(values_module if name == "_POLICY_BATCH" else value_index, name, 10**9)
    whole = _case(tmp_path / "whole")
    whole.sync_values()

    monkeypatch.setattr(values_module, "_POLICY_BATCH", 5)
    monkeypatch.setattr(value_index, "_INDEX_BATCH", 3)
    monkeypatch.setattr(value_index, "_HIT_WINDOW", 2)
    sizes: dict[str, list[int]] = {"policy": [], "index": [], "hits": []}
    record_many, squeezed_rows, hit_windows = CaseStore._record_many, value_index._squeezed_rows, CaseStore._hit_windows
    monkeypatch.setattr(
        CaseStore, "_record_many", lambda s, decided, *a, **k: sizes["policy"].append(len(decided)) or record_many(s, decided, *a, **k)
    )
    monkeypatch.setattr(value_index, "_squeezed_rows", lambda rows, memo: sizes["index"].append(len(rows)) or squeezed_rows(rows, memo))

    def windows(s, *args):
        for window in hit_windows(s, *args):
            sizes["hits"].append(len(window))
            yield window

    monkeypatch.setattr(CaseStore, "_hit_windows", windows)
    batched = _case(tmp_path / "batched")
    batched.sync_values()

    expected, got = _everything(whole), _everything(batched)
    assert [e[1] for e in got["audit"]].count("value.policy") == 32 and [e[1] for e in got["audit"]].count("value.spread") >= 1
    assert len(sizes["policy"]) > 5 and max(sizes["policy"]) <= 5
    assert len(sizes["index"]) > 10 and max(sizes["index"]) <= 3
    assert len(sizes["hits"]) > 5 and max(sizes["hits"]) <= 2
    for table in expected:
        assert got[table] == expected[table], table
    whole.close()
    batched.close()


def _phones_case(root, count: int) -> CaseStore:
    """``count`` values, each one phone number flagged once (a rule with 'decide' proposes to redact it): the policy
    decides and spreads every one, and the spread finds nothing new."""
    s = CaseStore.create(root)
    s.add_source(SID, "chat.txt", "chat.txt", 1, "text/plain")
    items = [message(n, f"ring 07700 9{n:05d} now") for n in range(count)]
    s.save_items(SID, items, 0)
    s.save_flags(SID, [decidable(item, f"07700 9{n:05d}") for n, item in enumerate(items)], replace=False)
    return s


def test_the_steps_memory_grows_by_under_a_kilobyte_and_a_half_a_value(tmp_path, monkeypatch):
    """A million messages make 135,000 values: what the step holds per value is what grows with the case once every
    batch and memo is bounded. The filing's map of every value, its records of the values it made, and the spread's
    trigram keys (one set per value, 3 KB each, before) held about 2.6 KB a value; now under 1.5 KB."""
    from redactor.case import value_index, value_spread
    from redactor.case.value_keys import value_key

    for module, name in ((values_module, "_POLICY_BATCH"), (values_module, "_FILING_BATCH"), (value_spread, "_MEMO")):
        monkeypatch.setattr(module, name, 50)
    for name in ("_MEMO", "_HIT_WINDOW", "_INDEX_BATCH"):
        monkeypatch.setattr(value_index, name, 50)
    monkeypatch.setattr(values_module, "_KEEP_ROWS", 0)
    peaks = {}
    for count in (1_000, 3_000):
        s = _phones_case(tmp_path / str(count), count)
        value_key.cache_clear()
        tracemalloc.start()
        try:
            assert s.sync_values()["policy"] == count
            peaks[count] = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
            s.close()
    assert (peaks[3_000] - peaks[1_000]) / 2_000 < 1_500, peaks


def test_the_spreads_keys_hold_no_set_per_value_and_send_a_text_to_few_values():
    """Keying 20,000 values allocates under 400 bytes a value at its peak (a set of grams kept per value: over 1 KB).
    Every value is keyed once, under one of its own grams (5-grams; trigrams for a value shorter than 5), and no key
    holds more than 16 values: a text holding that gram is checked for those only. Keyed by their rarest trigram,
    the phone numbers shared keys 123 at a time (a text was checked for that many)."""
    from redactor.case.value_index import KEY_GRAM, _keyed

    norms = [f"07700 9{n:05d}" for n in range(20_000)] + ["ab", "zz9 9zz", "amy"]
    tracemalloc.start()
    try:
        keyed, short = _keyed(norms)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak / len(norms) < 400, peak
    assert [v[1] for v in short] == ["ab"]
    held = {gram: [values] if isinstance(values, tuple) else values for gram, values in keyed.items()}
    assert max(len(values) for values in held.values()) <= 16
    assert sorted(v[1] for values in held.values() for v in values) == sorted(norms[:-3] + ["zz9 9zz", "amy"])
    for gram, values in held.items():
        for _, norm, flat in values:
            assert gram in flat and len(gram) == (KEY_GRAM if len(flat) >= KEY_GRAM else 3), norm


def test_the_member_rows_a_filing_keeps_take_under_900_bytes_a_flag(tmp_path, monkeypatch):
    """Below _KEEP_ROWS new flags the filing keeps its new values' members for the policy and the spread (a 100,000-
    message UFDR: 284,000 of them). As rows of the case each held about 1.2 KB here (1.1 KB on a real case); as tuples
    whose few distinct strings are shared, about 650 B with what the policy writes from them."""
    from redactor.case import value_index, value_spread
    from redactor.case.value_keys import value_key

    for module, name in ((values_module, "_POLICY_BATCH"), (values_module, "_FILING_BATCH"), (value_spread, "_MEMO")):
        monkeypatch.setattr(module, name, 50)
    for name in ("_MEMO", "_HIT_WINDOW", "_INDEX_BATCH"):
        monkeypatch.setattr(value_index, name, 50)
    peaks = {}
    for count in (2_000, 6_000):
        s = CaseStore.create(tmp_path / str(count))
        s.add_source(SID, "chat.txt", "chat.txt", 1, "text/plain")
        items = [message(n, f"ring 07700 9{n % 10:05d} now") for n in range(count)]
        s.save_items(SID, items, 0)
        s.save_flags(SID, [decidable(item, f"07700 9{n % 10:05d}") for n, item in enumerate(items)], replace=False)
        value_key.cache_clear()
        tracemalloc.start()
        try:
            assert s.sync_values()["policy"] == 10
            peaks[count] = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
            s.close()
    assert (peaks[6_000] - peaks[2_000]) / 4_000 < 900, peaks
