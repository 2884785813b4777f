"""The render pool: workers are not forked (a lock held by a parent thread cannot hang them), results
come back in job order, a failing item is withheld, and a worker that dies stops the bundle."""

from __future__ import annotations

import os
import threading

import pytest

from redactor.errors import WorkerError
from redactor.locks import PDFIUM_LOCK
from redactor.records import RenderedItem
from redactor.render.pool import render_jobs


def _render(item, flags, ref):
    with PDFIUM_LOCK:  # what every real renderer takes around pdfium
        if item == "die":
            os._exit(3)
        if item == "fail":
            raise ValueError("a message that may quote case text")
        return RenderedItem(item, f"{ref}:{os.getpid()}".encode(), 1, ())


def _make_render():
    return _render


def jobs(*items):
    return [(item, (), f"R{i}", {}) for i, item in enumerate(items)]


def test_a_lock_held_by_a_parent_thread_does_not_hang_the_workers():
    held, release, results = threading.Event(), threading.Event(), []

    def hold():
        with PDFIUM_LOCK:  # as the review server or an OCR thread would at the moment the pool starts
            held.set()
            release.wait(120)

    holder = threading.Thread(target=hold, daemon=True)
    holder.start()
    held.wait(10)
    consumer = threading.Thread(target=lambda: results.extend(render_jobs(jobs(*"abcdef"), _render, _make_render, 2)), daemon=True)
    consumer.start()
    consumer.join(120)  # a forked worker would wait for ever on the copied, held lock
    release.set()
    assert not consumer.is_alive(), "render workers hung on a lock held in the parent"
    assert [r[0] for r in results] == list(range(6))
    assert [r[1].item_id for r in results] == list("abcdef")
    assert {r[1].pdf.split(b":")[1] for r in results} != {str(os.getpid()).encode()}  # rendered in other processes


def test_a_failing_item_comes_back_as_a_failure_without_its_message():
    results = list(render_jobs(jobs("a", "fail", "c"), _render, _make_render, 2))
    assert [r[1] is None for r in results] == [False, True, False]
    code, reason, _ = results[1][2]
    assert code == "E040" and reason == "internal error (ValueError)"


def test_a_dead_worker_stops_the_bundle():
    with pytest.raises(WorkerError):
        list(render_jobs(jobs("a", "b", "die", "d"), _render, _make_render, 2))
