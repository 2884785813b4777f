"""Detection commits finished batches together (``batches.Commits``): every ``limit`` items or ``seconds``,
and a stop leaves the case consistent: every item up to the stored progress has its flags, no item after
it has any, and a re-run ends with the flags of an uninterrupted run.

A stand-in detect stage and executor (no model) keep the test fast."""

from __future__ import annotations

from concurrent.futures import Future
from pathlib import Path

import pytest

from redactor.batches import DetectBatches
from redactor.case import CaseStore
from redactor.errors import WorkerError
from redactor.records import Decided, Finding, Flag, Item, Segment

ITEMS = 100
KEY = "k"


class Stub:
    """Flags the first word of every text; a text's spans depend on the text only."""

    def spans(self, texts):
        return [[[0, t.index(" "), "PERSON", 0.5, "Stub", {}]] for t in texts]

    def findings(self, item, spans):
        return tuple(
            Finding(s.segment_id, f.start, f.end, f.entity, f.score, f.recognizer, f.explanation)
            for s in item.segments
            for f in spans[s.segment_id]
        )


def decide(item, findings):
    flags = (
        Flag(
            Flag.make_id(f.segment_id, f.start, f.end, f.entity),
            item.item_id,
            f.segment_id,
            f.start,
            f.end,
            f.entity,
            f.score,
            f.recognizer,
            {},
            "TP",
            "redact",
        )
        for f in findings
    )
    return Decided(tuple(flags))


class Workers:
    """Answers at once; the ``fail_at``-th chunk's worker dies (``WorkerError`` when its answer is asked for)."""

    workers, replaced = 2, 0

    def __init__(self, fail_at: int | None = None) -> None:
        self.fail_at, self.sent = fail_at, 0

    def submit(self, texts):
        future: Future = Future()
        if self.sent == self.fail_at:
            future.set_exception(WorkerError("a detection worker process stopped again"))
        else:
            future.set_result(Stub().spans(list(texts)))
        self.sent += 1
        return future

    def close(self) -> None:
        pass


def _case(root: Path) -> CaseStore:
    store = CaseStore.create(root)
    store.add_source("src", "/x", "x", 1, "text/plain")
    items = [
        Item(f"m{n}", "src", f"line {n}", "message", "m", (Segment(f"m{n}s", f"m{n}", 0, "text", f"name{n} says hi"),))
        for n in range(ITEMS)
    ]
    store.save_items("src", items)
    return store


def _detect(
    store: CaseStore, executor, limit: int = 5_000, seconds: float = 3600.0, decide=decide, on_batch=lambda n: None
) -> DetectBatches:
    batches = DetectBatches(store, Stub(), decide, executor, KEY, on_batch, batch=10)
    batches.commits.limit, batches.commits.seconds = limit, seconds
    return batches


def _commits(store: CaseStore, **limits: float) -> int:
    """How many commits a whole detection of the source makes (nothing left uncommitted at its end)."""
    commits: list[str] = []
    store.conn.set_trace_callback(lambda sql: commits.append(sql) if sql == "COMMIT" else None)
    _detect(store, Workers(), **limits).run(store.find_source("src"))  # type: ignore[arg-type]
    store.conn.set_trace_callback(None)
    assert not store.conn.in_transaction and len(_flags(store)) == ITEMS
    return len(commits)


def _flags(store: CaseStore) -> list[tuple]:
    return sorted((f.flag_id, f.item_id, f.start, f.end) for f in store.flags())


def _consistent(root: Path) -> int:
    """The progress another connection sees, after checking that exactly the items up to it have flags."""
    with CaseStore.open(root) as other:
        upto = other.detect_progress("src", KEY)
        flagged = {f.item_id for f in other.flags()}
        assert flagged == {f"m{n}" for n in range(upto)}  # ordinals start at 1: m0 is ordinal 1
        return upto


def test_finished_batches_share_a_commit_up_to_a_number_of_items_or_seconds(tmp_path: Path) -> None:
    with _case(tmp_path / "items") as store:
        assert _commits(store, limit=30) == 4  # the first batch at once, then 40, 70, 100 items (one per batch: 10)
    with _case(tmp_path / "seconds") as store:
        assert _commits(store, limit=30, seconds=0.0) == 10  # every batch is due at once
    assert _consistent(tmp_path / "items") == _consistent(tmp_path / "seconds") == ITEMS


def test_a_source_s_first_batch_is_committed_at_once(tmp_path: Path) -> None:
    seen: list[int] = []
    with _case(tmp_path / "c") as store:
        batches = _detect(store, Workers(), on_batch=lambda n: seen.append(_consistent(tmp_path / "c")))
        batches.run(store.find_source("src"))
    assert seen[0] == 10 and seen[-1] == 10  # another connection sees the first batch; the rest share one commit
    assert _consistent(tmp_path / "c") == ITEMS


def test_a_lost_worker_keeps_the_finished_batches_and_a_rerun_ends_as_an_uninterrupted_run(tmp_path: Path) -> None:
    with _case(tmp_path / "whole") as store:
        _detect(store, Workers()).run(store.find_source("src"))
        expected = _flags(store)
    with _case(tmp_path / "c") as store:
        with pytest.raises(WorkerError):
            _detect(store, Workers(fail_at=6)).run(store.find_source("src"))
        assert _consistent(tmp_path / "c") == 60  # the six batches finished before the lost chunk's
        again = _detect(store, Workers()).run(store.find_source("src"))
        assert again.resumed_items == 60 and _flags(store) == expected


def test_a_failing_batch_rolls_back_what_its_commit_held(tmp_path: Path) -> None:
    def failing(item, findings):
        if item.item_id == "m75":
            raise ValueError("the policy failed")
        return decide(item, findings)

    with _case(tmp_path / "c") as store:
        with pytest.raises(ValueError, match="the policy failed"):
            _detect(store, Workers(), limit=30, decide=failing).run(store.find_source("src"))
        assert not store.conn.in_transaction
    assert _consistent(tmp_path / "c") == 70  # committed at 10, 40 and 70; nothing after 70 is kept
