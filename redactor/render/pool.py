"""Render items on every core: a process pool over items.

pdfium is not thread-safe, so parallelism is by process, not thread. Workers are spawned
(a fresh interpreter each), never forked from the parent: a fork copies whatever another
thread holds locked at that moment (the review server, a progress thread, pdfium's lock), and
the child can wait on it for ever. Not ``forkserver`` either: it talks to its server over a
Unix socket, and the offline tool opens no socket of any kind (tests/privacy); spawning costs
about the same per bundle (the workers import the renderers in parallel; ``make bench``
measures both). Each worker builds its own render
stage once, from the picklable ``make_render`` (the bound stage and the plain stage context
the parent's own stage was built from), so a worker renders exactly what the parent would.
Jobs go to the workers pickled; results come back in job order, so the bundle is the same
whatever the number of workers. A failure comes back as its error code and a one-line
reason (never the exception's text unless it is one of ours), and the caller withholds the
item: fail closed. A worker that dies stops the bundle with :class:`WorkerError`.

A :class:`RenderPool` can be started before its work is known (``bundle`` starts it first thing,
so spawning and importing overlap the checks before rendering): each worker imports the
renderers and the pipeline and registers the text font, then waits for the render stage, which
:meth:`RenderPool.give` hands to every worker once (through a pipe, not per job). Jobs go one by
one while there are few of them (each worker takes the next when it is done, so a long item at
the end does not leave a core idle) and in chunks when there are many.
"""

from __future__ import annotations

import importlib
import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from redactor.errors import RedactorError, WorkerError
from redactor.logs import safe_exception
from redactor.records import RenderedItem

Job = tuple[Any, Sequence[Any], str, dict[str, Any]]  # item, flags, ref, keyword arguments
Failure = tuple[str, str, str]  # code, reason for the user, diagnostic for the log (no case text)
Result = tuple[int, RenderedItem | None, Failure | None]

START_METHOD = "spawn"
AUTO_MIN_JOBS = 16  # below this, starting workers (each imports the renderers, about 1-2 s) costs more than it saves
JOBS_PER_CHUNK = 32  # jobs go one by one up to this many per worker, then in chunks (at most 16 jobs)
# what a worker imports while it waits for its stage: the renderers and what unpickling the stage needs
WARM_MODULES = ("redactor.render.pdfpage", "redactor.render.textdoc", "redactor.render.transcript", "redactor.pipeline", "redactor.case")

_STATE: dict[str, Any] = {}


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))


def _attempt(render: Callable[..., RenderedItem], index: int, job: Job) -> Result:
    item, flags, ref, kwargs = job
    try:
        return index, render(item, flags, ref, **kwargs), None
    except Exception as exc:  # noqa: BLE001 - fail closed: reported, the item is withheld
        reason = str(exc) if isinstance(exc, RedactorError) else f"internal error ({type(exc).__name__})"
        return index, None, (getattr(exc, "code", "E040"), reason, safe_exception(exc))


def _init(stage: Any) -> None:
    """A worker's start: warm up, then build the render stage given by the parent (None: the pool closes unused)."""
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    for module in WARM_MODULES:
        importlib.import_module(module)
    from redactor.render.pdfkit import text_font

    text_font()  # registered once per worker, not at its first text item
    make_render = stage.get()
    _STATE["render"] = make_render() if make_render is not None else None


def _ready() -> None:
    """A job that only makes the pool start a worker (a spawn pool starts one per job waiting)."""


def _one(index: int, job: Job) -> Result:
    return _attempt(_STATE["render"], index, job)


class RenderPool:
    """``workers`` render processes started now, each waiting, warmed up, for the render stage :meth:`give` hands out.

    A context manager: leaving it stops the workers (handing them no stage if none was given)."""

    def __init__(self, workers: int, method: str = START_METHOD) -> None:
        context = multiprocessing.get_context(method)
        self.workers = workers
        self._stage = context.Queue()  # a pipe: the stage is pickled once per worker, not once per job
        self._pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_init, initargs=(self._stage,))
        self._given = self._closed = False
        for _ in range(workers):
            self._pool.submit(_ready)

    def give(self, make_render: Callable[[], Callable[..., RenderedItem]]) -> None:
        """Every worker builds its render stage with ``make_render`` (which must pickle), as the parent built its own."""
        if not self._given:
            self._given = True
            for _ in range(self.workers):
                self._stage.put(make_render)

    def map(self, jobs: Sequence[Job]) -> Iterator[Result]:
        """Each job's result, in job order."""
        chunk = max(1, min(16, len(jobs) // (self.workers * JOBS_PER_CHUNK)))
        try:
            yield from self._pool.map(_one, range(len(jobs)), jobs, chunksize=chunk)
        except BrokenProcessPool as exc:
            raise WorkerError("a render worker process died; no bundle was written") from exc

    def close(self) -> None:
        """Stop the workers (idempotent)."""
        if self._closed:
            return
        self._closed = True
        if not self._given:
            self._given = True
            for _ in range(self.workers):
                self._stage.put(None)  # workers wait for a stage: let them finish starting and stop
        self._pool.shutdown(wait=True, cancel_futures=True)
        self._stage.close()
        self._stage.cancel_join_thread()  # a copy no worker took (one died starting) must not hold up the exit

    def __enter__(self) -> RenderPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def start_pool(make_render: Callable[[], Callable[..., RenderedItem]], workers: int, method: str = START_METHOD) -> RenderPool:
    """``workers`` processes, each with its own render stage built by ``make_render`` (which must pickle)."""
    pool = RenderPool(workers, method)
    pool.give(make_render)
    return pool


def render_jobs(
    jobs: Sequence[Job],
    render: Callable[..., RenderedItem],
    make_render: Callable[[], Callable[..., RenderedItem]],
    workers: int | None,
    method: str = START_METHOD,
    pool: RenderPool | None = None,
) -> Iterator[Result]:
    """Each job's result in job order; ``render`` in this process when one worker (or one job) is enough.

    ``workers`` None: every core from :data:`AUTO_MIN_JOBS` jobs, this process below. ``pool``: workers
    already started (and given ``make_render``), used instead of starting new ones."""
    if workers is None:
        workers = default_workers() if len(jobs) >= AUTO_MIN_JOBS else 1
    if workers <= 1 or len(jobs) < 2:
        for index, job in enumerate(jobs):
            yield _attempt(render, index, job)
        return
    if pool is not None:
        pool.give(make_render)
        yield from pool.map(jobs)
        return
    with start_pool(make_render, min(workers, len(jobs)), method) as started:
        yield from started.map(jobs)
