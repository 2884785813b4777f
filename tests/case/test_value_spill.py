"""A filing past value_spill.BOUNDED values holds no record per value (issue 10): the case's clusters, people's names and
the new values' counters are read from the case, and the case ends exactly as when the filing holds them all."""

from __future__ import annotations

import tracemalloc

import pytest

from redactor.case import CaseStore, value_spill
from redactor.case import values as values_module
from redactor.records import Person
from tests.case.test_value_filing import _case, _everything
from tests.case.test_values import OWNER, SID, decidable, flag, message


def _rerun(s: CaseStore) -> None:
    """New material: the owner by an alias, older numbers again, new numbers, an older number unflagged."""
    texts = [
        "Sammy: ring 07700 900001 or 07700 900777",
        "07700 900888 and 07700 900889",
        "not 07700 900002 though",
        "Sam Owner, 07700 900888",
    ]
    items = [message(400 + i, t) for i, t in enumerate(texts)]
    s.save_items(SID, items, 400)
    flags = [flag(items[0], "Sammy", "PERSON", "keep", "complainant", OWNER.person_id, "VW")]
    flags += [decidable(items[0], "07700 900001"), decidable(items[0], "07700 900777"), decidable(items[1], "07700 900888")]
    flags += [decidable(items[1], "07700 900889"), flag(items[3], "Sam Owner", "PERSON", "keep", "complainant", OWNER.person_id, "VW")]
    flags += [decidable(items[3], "07700 900888")]
    s.save_flags(SID, flags, replace=False)


def _both_runs(root, monkeypatch, bounded: int | None, names: int | None) -> list[dict[str, list]]:
    if bounded is not None:
        monkeypatch.setattr(values_module, "BOUNDED", bounded)
    if names is not None:
        monkeypatch.setattr(values_module, "NAMES", names)
    return _synced_twice(_case(root), monkeypatch)


def _synced_twice(s: CaseStore, monkeypatch) -> list[dict[str, list]]:
    """The case's tables after a sync, then after a re-run's material and a second sync; ``s`` closed and the
    thresholds the caller set restored."""
    s.sync_values()
    first = _everything(s)
    _rerun(s)
    s.sync_values()
    out = [first, _everything(s)]
    s.close()
    monkeypatch.undo()
    return out


@pytest.mark.parametrize(("bounded", "names"), [(0, 0), (5, None), (40, 0), (None, 0)])
def test_a_bounded_filing_ends_the_case_exactly_as_one_that_holds_every_value(tmp_path, monkeypatch, bounded, names):
    """``bounded`` 0: the first filing switches at its first new value, the re-run is bounded from its start (the case
    has values already); 5 and 40: the switch midway through the first filing; ``names`` 0: names read from the case."""
    expected = _both_runs(tmp_path / "held", monkeypatch, None, None)
    made: list[object] = []
    filed_class = values_module.Filed
    monkeypatch.setattr(values_module, "Filed", lambda **kw: made.append(filed_class(**kw)) or made[-1])
    got = _both_runs(tmp_path / "bounded", monkeypatch, bounded, names)
    for run in (0, 1):
        assert [e[1] for e in got[run]["audit"]].count("value.policy") > 0
        for table in expected[run]:
            assert got[run][table] == expected[run][table], (run, table)
    if bounded == 0:
        assert len(made) == 1  # the first filing's first value, then none: no record per value


def test_a_bounded_filing_looks_up_a_persons_name_in_the_case(tmp_path, monkeypatch):
    monkeypatch.setattr(values_module, "NAMES", 0)
    s = CaseStore.create(tmp_path / "case")
    s.add_source(SID, "chat.txt", "chat.txt", 1, "text/plain")
    s.add_people([OWNER, Person("p-jo", "Jo Example", ("Jojo",), (), (), "unknown", "S0002 contacts")])
    items = [message(1, "Jojo rang Sammy"), message(2, "Jo Example again")]
    s.save_items(SID, items)
    flags = [
        flag(items[0], "Jojo", "PERSON", "review", "third_party", "p-jo"),
        flag(items[0], "Sammy", "PERSON", "keep", "complainant", OWNER.person_id),
    ]
    s.save_flags(SID, [*flags, flag(items[1], "Jo Example", "PERSON", "review", "third_party", "p-jo")])
    s.sync_values()
    assert sorted((v.display, v.occurrences) for v in s.value_rows()) == [("Jo Example", 2), ("Sam Owner", 1)]
    s.close()


def _many_values(root, count: int) -> CaseStore:
    s = CaseStore.create(root)
    s.add_source(SID, "chat.txt", "chat.txt", 1, "text/plain")
    s.add_people([Person(f"p{n:05d}", f"Person Number{n}", (), (), (), "unknown", "S1") for n in range(count)])
    items = [message(n, f"Person Number{n} on 07700 9{n:05d} or p{n}@example.com") for n in range(count)]
    s.save_items(SID, items)
    flags = []
    for n, item in enumerate(items):
        flags += [flag(item, f"Person Number{n}", "PERSON", "review", "third_party", f"p{n:05d}"), decidable(item, f"07700 9{n:05d}")]
    s.save_flags(SID, flags)
    return s


def test_a_bounded_filing_holds_no_record_per_value(tmp_path, monkeypatch):
    """3,000 people and 6,000 values filed with the threshold at 0: the filing's peak of Python memory stays under a
    bound that holding a record per value (each key, each new value's counters and rows, every name) goes over. What
    remains is bounded by constants, not values: value_key's cache (65,536 entries) and the memberships of a batch."""
    monkeypatch.setattr(values_module, "BOUNDED", 0, raising=False)
    monkeypatch.setattr(values_module, "NAMES", 0, raising=False)
    monkeypatch.setattr(value_spill, "_RECENT", 64, raising=False)
    monkeypatch.setattr(values_module, "_FILING_BATCH", 500)  # memberships held a batch at a time: not per value
    s = _many_values(tmp_path / "case", 3_000)
    peaks: list[int] = []
    file_rows = values_module.Values._file_rows

    def measured(self, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        values_module.value_key.cache_clear()
        tracemalloc.start()
        try:
            return file_rows(self, *args, **kwargs)
        finally:
            peaks.append(tracemalloc.get_traced_memory()[1])
            tracemalloc.stop()

    monkeypatch.setattr(values_module.Values, "_file_rows", measured)
    s.sync_values()
    assert len(s.value_rows()) == 6_000
    s.close()
    (peak,) = peaks
    assert peak < 800 * 6_000, f"{peak / 6_000:.0f} bytes a value"  # 1,368 holding them, 596 bounded (tracemalloc)
