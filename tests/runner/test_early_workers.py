"""Workers started before extraction (``--workers N``) detect with the people extraction found:
the pool loads the model with the people known at start, and ``bind`` gives later tasks the plan
with the people known after extraction (each worker rebuilds its stage once)."""

from __future__ import annotations

from redactor import paths
from redactor.executors import ProcessExecutor, StagePlan, make_executor, start_workers
from redactor.pipeline import load_pipeline
from redactor.records import Person


def plan(tmp_path, people=()) -> StagePlan:  # noqa: ANN001
    return StagePlan(str(load_pipeline(None).path), "detect", str(paths.models_dir()), str(tmp_path), tuple(people), ())


def names_found(text: str, rows) -> set[str]:  # noqa: ANN001
    return {text[span[0] : span[1]] for span in rows[0] if span[2] == "PERSON"}


def test_a_pool_started_early_detects_with_the_people_bound_later(tmp_path) -> None:
    text = "tell quintavius zorbanek i said hi"
    known = Person("P1", "Quintavius Zorbanek", aliases=("quintavius",), origin="S0001 contacts")
    started = start_workers(plan(tmp_path), 2)
    assert isinstance(started, ProcessExecutor)
    try:
        assert "quintavius zorbanek" not in names_found(text, started.submit([text]).result())  # nobody known yet
        executor = make_executor(plan(tmp_path, [known]), 2, _BatchStage(), started)
        assert executor is started
        after = [executor.submit([text]).result() for _ in range(4)]  # every worker, each rebuilt once
        assert all("quintavius zorbanek" in names_found(text, rows) for rows in after)
        assert all(rows == after[0] for rows in after)
    finally:
        started.close()


def test_no_pool_is_started_for_one_worker_or_the_default(tmp_path) -> None:
    assert start_workers(plan(tmp_path), 1) is None
    assert start_workers(plan(tmp_path), None) is None


class _BatchStage:
    """Stands for the coordinator's detect stage (only its batch entry points are looked at)."""

    def spans(self, texts):  # noqa: ANN001, ANN201
        raise AssertionError("the coordinator never runs the model when there are workers")

    def findings(self, item, spans):  # noqa: ANN001, ANN201
        return ()
