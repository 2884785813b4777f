"""Render items on every core: a process pool over items.

pdfium is not thread-safe, so parallelism is by process, not thread. Workers are forked
(they inherit the job list; items are never pickled) and each opens its own connection to
the case and builds its own render stage. Results come back in job order, so the bundle is
the same whatever the number of workers. A failure comes back as its error code and a
one-line reason (never the exception's text unless it is one of ours), and the caller
withholds the item: fail closed.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from redactor.errors import RedactorError
from redactor.logs import safe_exception
from redactor.records import RenderedItem

Job = tuple[Any, Sequence[Any], str, dict[str, Any]]  # item, flags, ref, keyword arguments
Failure = tuple[str, str, str]  # code, reason for the user, diagnostic for the log (no case text)
Result = tuple[int, RenderedItem | None, Failure | None]

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
    _STATE["render"] = make_render()


def _one(index: int) -> Result:
    return _attempt(_STATE["render"], index, _STATE["jobs"][index])


def render_jobs(
    jobs: Sequence[Job],
    render: Callable[..., RenderedItem],
    make_render: Callable[[], Callable[..., RenderedItem]],
    workers: int,
) -> Iterator[Result]:
    """Each job's result in job order; ``render`` in this process when one worker (or one job) is enough."""
    if workers <= 1 or len(jobs) < 2 or "fork" not in multiprocessing.get_all_start_methods():
        for index, job in enumerate(jobs):
            yield _attempt(render, index, job)
        return
    _STATE["jobs"] = jobs
    try:
        context = multiprocessing.get_context("fork")
        size = min(workers, len(jobs))
        with context.Pool(size, initializer=_init, initargs=(make_render,)) as pool:
            yield from pool.imap(_one, range(len(jobs)), chunksize=max(1, min(16, len(jobs) // (size * 8))))
    finally:
        _STATE.pop("jobs", None)
