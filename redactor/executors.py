"""Where the detect stage's batches run: in the coordinating process, or in worker processes.

The runner alone opens the case; an executor only gets batches of texts and returns spans as
plain JSON rows. A worker builds the detect stage once, from a :class:`StagePlan` (the pipeline
file and the case snapshot's people, both plain values), and keeps its model for its life.

- :class:`InlineExecutor`: the stage runs in this process (``--workers 1``).
- :class:`ProcessExecutor`: ``concurrent.futures.ProcessPoolExecutor`` with ``forkserver``
  (``spawn`` where there is none), each worker loading the model in its initializer. With
  ``--workers N`` given, the runner starts the pool before extraction (``start_workers``), so the
  workers load the model while the sources are read; detection then ``bind``s the plan with the
  people extraction found, and each worker rebuilds its stage (the model stays loaded) once.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import pickle
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from redactor.errors import WorkerError
from redactor.records import CaseSnapshot, Person
from redactor.stages import StageContext

SpanRows = list[list[list[Any]]]  # per text, its spans as JSON rows


@dataclass(frozen=True, slots=True)
class StagePlan:
    """How to build a stage anywhere: the pipeline file, the kind, and the plain values of the context."""

    pipeline: str
    kind: str
    models_dir: str
    work_dir: str
    people: tuple[Person, ...]
    roster_addresses: tuple[tuple[str, tuple[str, ...]], ...]

    @classmethod
    def of(cls, pipeline_path: Path, kind: str, ctx: StageContext) -> StagePlan:
        roster = tuple((k, tuple(v)) for k, v in ctx.case.roster_addresses.items())
        return cls(str(pipeline_path), kind, str(ctx.models_dir), str(ctx.work_dir), ctx.case.people, roster)

    def build(self) -> Any:
        from redactor.pipeline import load_pipeline

        case = CaseSnapshot(people=self.people, roster_addresses=dict(self.roster_addresses))
        return load_pipeline(self.pipeline).of_kind(self.kind).build(StageContext(Path(self.models_dir), Path(self.work_dir), case))


@runtime_checkable
class BatchDetect(Protocol):
    """A detect stage with batch entry points (``detect.presidio``): texts -> spans, then an item's findings."""

    def spans(self, texts: Sequence[str]) -> list[list[list[Any]]]: ...
    def findings(self, item: Any, spans: Any) -> tuple[Any, ...]: ...


class Executor(Protocol):
    workers: int

    def submit(self, texts: Sequence[str]) -> Future[SpanRows]: ...
    def close(self) -> None: ...


class InlineExecutor:
    """Runs the stage here, at submit time."""

    workers = 1

    def __init__(self, stage: Any) -> None:
        self.stage = stage

    def submit(self, texts: Sequence[str]) -> Future[SpanRows]:
        future: Future[SpanRows] = Future()
        future.set_result(self.stage.spans(list(texts)))
        return future

    def close(self) -> None:
        pass


_STAGE: Any = None  # a worker's stage, built once by its initializer (again when the plan is rebound)
_PLAN_KEY = ""  # which bound plan _STAGE was built from ("": the initializer's)


def _init_worker(plan: StagePlan) -> None:
    global _STAGE
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    _STAGE = plan.build()
    _STAGE.spans(["warm up"])  # load the model now, not inside the first batch


def _spans(texts: list[str], plan_key: str = "", plan: bytes = b"") -> SpanRows:
    global _STAGE, _PLAN_KEY
    if plan_key != _PLAN_KEY:
        _STAGE, _PLAN_KEY = pickle.loads(plan).build(), plan_key  # the model is cached per process
    return _STAGE.spans(texts)


def _started() -> None:
    """A task that makes the pool start a worker (workers start on demand)."""


class ProcessExecutor:
    """A pool of worker processes, each with its own copy of the stage."""

    def __init__(self, plan: StagePlan, workers: int) -> None:
        method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
        self.workers = workers
        self.pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context(method), initializer=_init_worker, initargs=(plan,))
        self.plan_key, self.plan = "", b""

    def start(self) -> None:
        """Start every worker now (each loads the model in its initializer) without waiting for them."""
        for _ in range(self.workers):
            self.pool.submit(_started)

    def bind(self, plan: StagePlan) -> None:
        """Later tasks run the stage built from ``plan`` (the people known after extraction)."""
        self.plan = pickle.dumps(plan)
        self.plan_key = hashlib.sha256(self.plan).hexdigest()

    def submit(self, texts: Sequence[str]) -> Future[SpanRows]:
        try:
            return self.pool.submit(_spans, list(texts), self.plan_key, self.plan)
        except BrokenProcessPool as exc:
            raise WorkerError("a detection worker process died") from exc

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


def default_workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


AUTO_MIN_ITEMS = 5_000  # below this, starting worker processes (each loads the model) costs more than it saves


def choose_workers(requested: int | None, items: int) -> int:
    """``--workers`` as given; by default every core, or this process alone for a small amount of work."""
    if requested is not None:
        return requested
    return default_workers() if items >= AUTO_MIN_ITEMS else 1


def make_executor(plan: StagePlan, workers: int, stage: Any, started: ProcessExecutor | None = None) -> Executor:
    """``workers`` <= 1, or a stage without batch entry points: in this process; more: a process pool
    (``started``, the pool ``start_workers`` began, bound to ``plan``, when there is one)."""
    if workers <= 1 or not isinstance(stage, BatchDetect):
        if started is not None:
            started.close()
        return InlineExecutor(stage)
    if started is not None:
        started.bind(plan)
        return started
    return ProcessExecutor(plan, workers)


def start_workers(plan: StagePlan, workers: int | None) -> ProcessExecutor | None:
    """With ``--workers N`` (N > 1) given, start the pool now: workers load the model meanwhile."""
    if workers is None or workers <= 1:
        return None
    executor = ProcessExecutor(plan, workers)
    executor.start()
    return executor
