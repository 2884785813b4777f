"""The run's garbage-collector setting: start-up objects left out of full passes during a run, and only then."""

from __future__ import annotations

import gc

import pytest

from redactor.heap import frozen_heap, settle


def test_objects_are_frozen_during_the_call_and_released_after_it_even_on_failure():
    seen = []

    @frozen_heap
    def run(fail: bool) -> None:
        seen.append(gc.get_freeze_count())
        settle()
        if fail:
            raise RuntimeError("stage failed")

    run(False)
    with pytest.raises(RuntimeError):
        run(True)
    assert all(n > 0 for n in seen) and gc.get_freeze_count() == 0


def test_nested_runs_release_only_at_the_outer_end_and_settle_outside_a_run_freezes_nothing():
    @frozen_heap
    def inner() -> int:
        return gc.get_freeze_count()

    @frozen_heap
    def outer() -> tuple[int, int]:
        return inner(), gc.get_freeze_count()

    during, after_inner = outer()
    assert during > 0 and after_inner > 0 and gc.get_freeze_count() == 0
    settle()
    assert gc.get_freeze_count() == 0


def test_a_cycle_made_during_a_run_is_still_collected():
    class Node:
        pass

    @frozen_heap
    def run() -> int:
        a, b = Node(), Node()
        a.other, b.other = b, a
        del a, b
        gc.collect()
        return sum(isinstance(o, Node) for o in gc.get_objects())

    assert run() == 0
