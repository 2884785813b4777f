"""The case's people reach detection workers compactly (issue 10): the snapshot holds them as one
PeopleTable read once, a worker's plan names the file it was saved to (a plan goes with every batch),
and a Dask plan carries the table's bytes (cluster workers may not share the disk)."""

from __future__ import annotations

import json
import pickle

import pytest

from redactor import paths
from redactor.case import CaseStore
from redactor.case.people import ROSTER_ADDRESSES
from redactor.cluster import ClusterPlan
from redactor.errors import CaseError
from redactor.executors import StagePlan
from redactor.people_table import PeopleFile, PeopleTable
from redactor.pipeline import load_pipeline
from redactor.records import CaseSnapshot, Person, stable_id
from redactor.stages import StageContext

BOOK = [
    Person(f"p{i:05d}", f"Contact{i} Zorbanek{i}", (), (f"07700 9{i:05d}",), (f"c.{i}@example.com",), "unknown", "S1") for i in range(5_000)
]
SOPHIE = Person("s", "Sophie Quintavius", ("Soph", "Big J"), ("+44 7700 900555",), ("sophie.t@example.net",), "witness", "roster", True)


def _context(tmp_path, people) -> StageContext:  # noqa: ANN001
    return StageContext(paths.models_dir(), tmp_path / "work", CaseSnapshot(people=people))


def test_a_table_reads_back_the_people_it_was_given():
    table = PeopleTable.of([SOPHIE, *BOOK[:50], Person("ü", "Zoë Ünal 👍", ("x\n\x1fy",), (), (), "suspect", "", False)])
    assert list(table) == [SOPHIE, *BOOK[:50], Person("ü", "Zoë Ünal 👍", ("x\n\x1fy",), (), (), "suspect", "", False)]
    assert table[-1].name == "Zoë Ünal 👍" and table[1:3] == tuple(BOOK[:2])
    assert PeopleTable.from_bytes(table.to_bytes()) == table and pickle.loads(pickle.dumps(table)) == table
    with pytest.raises(IndexError):
        table[len(table)]


def test_the_snapshot_reads_the_people_once_while_the_case_does_not_change(tmp_path):
    store = CaseStore.create(tmp_path / "case")
    store.add_people([SOPHIE, *BOOK[:100]])
    first = store.snapshot().people
    assert isinstance(first, PeopleTable) and list(first) == store.people()  # the same people, in the same order
    assert store.snapshot(threads=True).people is first  # run_case's decide and _detect_all share one
    store.add_people([Person("new", "Newly Added")])
    assert [p.person_id for p in store.snapshot().people] == [p.person_id for p in store.people()]
    assert len(store.snapshot().people) == 102


def test_a_plan_names_the_people_file_and_stays_small(tmp_path):
    table = PeopleTable.of([SOPHIE, *BOOK])
    plan = StagePlan.of(load_pipeline(None).path, "detect", _context(tmp_path, table))
    assert isinstance(plan.people, PeopleFile) and plan.people.count == len(BOOK) + 1
    assert len(pickle.dumps(plan)) < 2_000  # sent with every batch; the people as records pickled to about 100 bytes each
    assert StagePlan.of(load_pipeline(None).path, "detect", _context(tmp_path, table)).people == plan.people  # saved once
    stage = plan.build()
    assert list(stage.people) == [SOPHIE, *BOOK]
    text = "ask soph, or Contact77 Zorbanek77 on 07700 900077 or c.78@example.com"
    found = {
        (text[r.start : r.end], r.recognition_metadata["person_id"])
        for r in stage.extra[0].analyze(text, ["PERSON", "PHONE_NUMBER", "EMAIL_ADDRESS"])
    }
    assert found >= {("soph", "s"), ("Contact77 Zorbanek77", "p00077"), ("07700 900077", "p00077"), ("c.78@example.com", "p00078")}


def test_a_plan_without_people_names_no_file(tmp_path):
    plan = StagePlan.of(load_pipeline(None).path, "detect", _context(tmp_path, ()))
    assert plan.people == () and not (tmp_path / "work").exists()


def test_a_people_file_changed_after_it_was_written_is_refused(tmp_path):
    plan = StagePlan.of(load_pipeline(None).path, "detect", _context(tmp_path, PeopleTable.of([SOPHIE, *BOOK[:10]])))
    path = plan.people.path
    data = bytearray(open(path, "rb").read())
    data[-5] ^= 1
    open(path, "wb").write(bytes(data))
    with pytest.raises(CaseError):
        plan.people.load()


def test_a_cluster_plan_carries_the_table_not_the_path(tmp_path):
    plan = StagePlan.of(load_pipeline(None).path, "detect", _context(tmp_path, PeopleTable.of([SOPHIE, *BOOK])))
    cluster = ClusterPlan.of(plan)
    (tmp_path / "work").rename(tmp_path / "elsewhere")  # a cluster worker does not see this machine's disk
    shipped = pickle.loads(pickle.dumps(cluster))
    assert isinstance(shipped.people, PeopleTable) and len(pickle.dumps(cluster)) < 150 * len(BOOK)
    stage = shipped.build()
    assert [r.recognition_metadata["person_id"] for r in stage.extra[0].analyze("ring 07700 904321", ["PHONE_NUMBER"])] == ["p04321"]


@pytest.mark.parametrize("roster", [False, True])
def test_the_detection_key_is_the_one_of_the_whole_list_streamed_row_by_row(tmp_path, roster):
    store = CaseStore.create(tmp_path / "case")
    assert store.detection_key("h") == stable_id("h", json.dumps([]), length=64)
    store.add_people([SOPHIE, *BOOK[:300], Person("z", 'Zoë "Q" Ünal', ("x\n",), (), (), "suspect")])
    if roster:
        store.set_roster_addresses({"s": ["14 Larkspur Close, Wakefield WF2 8QT"]})
    rows = [list(r) for r in store.conn.execute("SELECT person_id, name, aliases, phones, emails, role FROM people ORDER BY person_id")]
    addresses = store.meta(ROSTER_ADDRESSES)
    assert store.detection_key("h") == stable_id("h", json.dumps(rows if addresses is None else [rows, addresses]), length=64)
