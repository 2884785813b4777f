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
"""

from __future__ import annotations

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


def _init(make_render: Callable[[], Callable[..., RenderedItem]]) -> None:
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    _STATE["render"] = make_render()


def _one(index: int, job: Job) -> Result:
    return _attempt(_STATE["render"], index, job)


def start_pool(make_render: Callable[[], Callable[..., RenderedItem]], workers: int, method: str = START_METHOD) -> ProcessPoolExecutor:
    """``workers`` processes, each with its own render stage built by ``make_render`` (which must pickle)."""
    context = multiprocessing.get_context(method)
    return ProcessPoolExecutor(workers, mp_context=context, initializer=_init, initargs=(make_render,))


def render_jobs(
    jobs: Sequence[Job],
    render: Callable[..., RenderedItem],
    make_render: Callable[[], Callable[..., RenderedItem]],
    workers: int | None,
    method: str = START_METHOD,
) -> Iterator[Result]:
    """Each job's result in job order; ``render`` in this process when one worker (or one job) is enough.

    ``workers`` None: every core from :data:`AUTO_MIN_JOBS` jobs, this process below."""
    if workers is None:
        workers = default_workers() if len(jobs) >= AUTO_MIN_JOBS else 1
    if workers <= 1 or len(jobs) < 2:
        for index, job in enumerate(jobs):
            yield _attempt(render, index, job)
        return
    size = min(workers, len(jobs))
    chunk = max(1, min(16, len(jobs) // (size * 8)))
    with start_pool(make_render, size, method) as pool:
        try:
            yield from pool.map(_one, range(len(jobs)), jobs, chunksize=chunk)
        except BrokenProcessPool as exc:
            raise WorkerError("a render worker process died; no bundle was written") from exc
