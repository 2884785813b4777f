"""Where the detect stage's batches run: in the coordinating process, or in worker processes.

The runner alone opens the case; an executor only gets batches of texts and returns spans as
plain JSON rows. A worker builds the detect stage once, from a :class:`StagePlan` (the pipeline
file and the case snapshot's people, both plain values: the people as the file of a
:class:`~redactor.people_table.PeopleTable` the plan names, written once per run in the case's work
folder, so a plan sent with every batch stays a few hundred bytes), and keeps its model for its life.

- :class:`InlineExecutor`: the stage runs in this process (a run of fewer than ``AUTO_MIN_ITEMS`` items
  with ``--workers 1`` or the default; ``redactor detect``).
- :class:`ProcessExecutor`: ``concurrent.futures.ProcessPoolExecutor`` with ``forkserver``
  (``spawn`` where there is none), each worker loading the model in its initializer. With
  ``--workers N`` given, the runner starts the pool before extraction (``start_workers``), so the
  workers load the model while the sources are read; detection then ``bind``s the plan with the
  people extraction found, and each worker rebuilds its stage (the model stays loaded) once.

A worker that dies (killed, out of memory) breaks the whole pool: every task not yet answered
fails. :class:`ProcessExecutor` then starts a fresh pool and sends those tasks again, up to
``RESTARTS`` times in a run (a fresh pool that breaks while they are sent counts as one more);
after that it raises :class:`WorkerError` (the run stops, what is stored is kept, and a re-run
resumes). A broken pool never reaches the runner as a stage failure, which would quarantine the
source. Detection is pure, so a task sent twice gives the same rows.
"""

from __future__ import annotations

import hashlib
import logging
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
from redactor.people_table import PeopleFile, received, shipped
from redactor.records import CaseSnapshot, Person
from redactor.stages import StageContext

SpanRows = list[list[list[Any]]]  # per text, its spans as JSON rows

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class StagePlan:
    """How to build a stage anywhere: the pipeline file, the kind, and the plain values of the context."""

    pipeline: str
    kind: str
    models_dir: str
    work_dir: str
    people: tuple[Person, ...] | PeopleFile  # a case's people go as the file they were saved to, once per run
    roster_addresses: tuple[tuple[str, tuple[str, ...]], ...]

    @classmethod
    def of(cls, pipeline_path: Path, kind: str, ctx: StageContext) -> StagePlan:
        roster = tuple((k, tuple(v)) for k, v in ctx.case.roster_addresses.items())
        people = shipped(ctx.case.people, ctx.work_dir)
        return cls(str(pipeline_path), kind, str(ctx.models_dir), str(ctx.work_dir), people, roster)

    def build(self) -> Any:
        from redactor.pipeline import load_pipeline

        case = CaseSnapshot(people=received(self.people), roster_addresses=dict(self.roster_addresses))  # type: ignore[arg-type]
        return load_pipeline(self.pipeline).of_kind(self.kind).build(StageContext(Path(self.models_dir), Path(self.work_dir), case))


@runtime_checkable
class BatchDetect(Protocol):
    """A detect stage with batch entry points (``detect.presidio``): texts -> spans, then an item's findings."""

    def spans(self, texts: Sequence[str]) -> list[list[list[Any]]]: ...
    def findings(self, item: Any, spans: Any) -> tuple[Any, ...]: ...


class Pending(Protocol):
    """A batch on its way: ``result()`` waits for its rows (or raises :class:`WorkerError`)."""

    def result(self) -> SpanRows: ...


class Executor(Protocol):
    workers: int
    replaced: int  # broken pools replaced so far

    def submit(self, texts: Sequence[str]) -> Pending: ...
    def close(self) -> None: ...


class InlineExecutor:
    """Runs the stage here, at submit time."""

    workers = 1
    replaced = 0

    def __init__(self, stage: Any) -> None:
        self.stage = stage

    def submit(self, texts: Sequence[str]) -> Pending:
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


RESTARTS = 2  # fresh pools a run may start after workers died, before it stops


class _Task:
    """One batch sent to the pool, with its texts kept until answered (to send again on a fresh pool)."""

    __slots__ = ("executor", "texts", "future", "generation")

    def __init__(self, executor: ProcessExecutor, texts: list[str]) -> None:
        self.executor, self.texts = executor, texts
        self.future: Future[SpanRows] = executor.send(texts)
        self.generation = executor.replaced  # the pool it went to (how many were replaced before)

    def result(self) -> SpanRows:
        return self.executor.result(self)


class ProcessExecutor:
    """A pool of worker processes, each with its own copy of the stage; a broken pool is replaced."""

    def __init__(self, plan: Any, workers: int, restarts: int = RESTARTS) -> None:
        self.start_plan, self.workers, self.restarts_left = plan, workers, restarts
        self.replaced = 0
        self.pending: dict[int, _Task] = {}  # id -> tasks not yet answered, in order
        self.plan_key, self.plan = "", b""
        self.pool = self._new_pool()

    def _new_pool(self) -> ProcessPoolExecutor:
        method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
        context = multiprocessing.get_context(method)
        return ProcessPoolExecutor(self.workers, mp_context=context, initializer=_init_worker, initargs=(self.start_plan,))

    def start(self) -> None:
        """Start every worker now (each loads the model in its initializer) without waiting for them."""
        for _ in range(self.workers):
            self.pool.submit(_started)

    def bind(self, plan: StagePlan) -> None:
        """Later tasks run the stage built from ``plan`` (the people known after extraction)."""
        self.plan = pickle.dumps(plan)
        self.plan_key = hashlib.sha256(self.plan).hexdigest()

    def send(self, texts: list[str]) -> Future[SpanRows]:
        return self.pool.submit(_spans, texts, self.plan_key, self.plan)

    def submit(self, texts: Sequence[str]) -> Pending:
        while True:
            try:
                task = _Task(self, list(texts))
                break
            except BrokenProcessPool:
                self._replace_pool(self.replaced)  # raises WorkerError once no restart is left
        self.pending[id(task)] = task
        return task

    def result(self, task: _Task) -> SpanRows:
        while True:
            try:
                rows = task.future.result()
            except BrokenProcessPool:
                self._replace_pool(task.generation)
                continue
            self.pending.pop(id(task), None)
            return rows

    def _replace_pool(self, broken: int) -> None:
        """The pool after ``broken`` replacements lost a worker: start a fresh one and send it every unanswered task."""
        if broken != self.replaced:
            return  # already replaced; the task was sent again
        while True:
            self.pool.shutdown(wait=False, cancel_futures=True)
            if self.restarts_left <= 0:
                raise WorkerError("a detection worker process stopped again (killed, or out of memory); the run stopped")
            self.restarts_left -= 1
            log.warning("a detection worker process stopped; %d unanswered batches go to fresh workers", len(self.pending))
            self.replaced += 1
            self.pool = self._new_pool()
            try:
                for task in self.pending.values():
                    if task.future.done() and not task.future.cancelled() and task.future.exception() is None:
                        continue  # answered before the pool broke
                    task.future, task.generation = self.send(task.texts), self.replaced
                return
            except BrokenProcessPool:
                continue  # the fresh pool broke too while its tasks were sent: another restart, or the run stops

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


def default_workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


AUTO_MIN_ITEMS = 5_000  # below this, starting worker processes (each loads the model) costs more than it saves


def choose_workers(requested: int | None, items: int) -> int:
    """Detection worker processes for ``items``; 0: none, the stage runs in this process.

    ``--workers N`` as given (default: every core), except that a small amount of work (one worker or the
    default, fewer than ``AUTO_MIN_ITEMS`` items) runs here. ``--workers 1`` on more is one worker process:
    the coordinating process never loads the model, so the values step after detection does not run beside
    spaCy, Presidio and detection's caches (about 300 MB)."""
    if items < AUTO_MIN_ITEMS and (requested is None or requested <= 1):
        return 0
    return default_workers() if requested is None else requested


EXECUTORS = ("local", "dask")


def make_executor(
    plan: StagePlan, workers: int, stage: Any, started: ProcessExecutor | None = None, kind: str = "local", scheduler: str | None = None
) -> Executor:
    """Local: ``workers`` 0, or a stage without batch entry points, in this process; else a pool of ``workers``
    processes (``started``, the pool ``start_workers`` began, bound to ``plan``, when there is one).
    Dask: the cluster at ``scheduler``, or a local cluster of ``workers`` processes (:mod:`redactor.cluster`)."""
    if kind == "dask" and isinstance(stage, BatchDetect):
        if started is not None:
            started.close()
        from redactor.cluster import DaskExecutor

        return DaskExecutor(plan, scheduler, workers)
    if workers < 1 or not isinstance(stage, BatchDetect):
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
