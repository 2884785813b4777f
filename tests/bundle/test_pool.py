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


def test_a_pool_started_before_its_stage_renders_with_the_stage_given_later():
    from redactor.render.pool import RenderPool

    with RenderPool(2) as pool:  # started first thing by 'bundle': the stage is built after the checks
        pool.give(_make_render)
        results = list(render_jobs(jobs(*"abcde"), _render, _make_render, 2, pool=pool))
    assert [r[1].item_id for r in results] == list("abcde")
    assert {r[1].pdf.split(b":")[1] for r in results} != {str(os.getpid()).encode()}  # rendered in the workers


def test_a_pool_never_given_a_stage_stops_without_waiting():
    import time

    from redactor.render.pool import RenderPool

    pool = RenderPool(2)
    processes = list(pool._pool._processes.values())
    assert len(processes) == 2  # every worker spawned at once, not at the first job
    start = time.monotonic()
    pool.close()  # e.g. the bundle was refused by its checks: the workers are told there is nothing to do
    assert time.monotonic() - start < 60 and not any(p.is_alive() for p in processes)


def test_a_bundle_refused_by_its_checks_leaves_no_worker_behind(tmp_path, monkeypatch):
    import multiprocessing

    from redactor.bundling import build_bundle
    from redactor.case import CaseStore
    from redactor.errors import PendingFlagsError
    from redactor.pipeline import load_pipeline
    from redactor.render import pool as pool_module
    from redactor.runner import run_case

    started = []
    real = pool_module.RenderPool.__init__

    def spy(self, *args, **kwargs):
        real(self, *args, **kwargs)
        started.append(self)

    monkeypatch.setattr(pool_module.RenderPool, "__init__", spy)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "note.txt").write_text("Ring Sophie Turner on 07700 900123.\n", encoding="utf-8")
    store = CaseStore.create(tmp_path / "case")
    run_case(store, load_pipeline(None), [tmp_path / "in"])
    with pytest.raises(PendingFlagsError):
        build_bundle(store, load_pipeline(None), tmp_path / "out", workers=2)
    assert len(started) == 1 and started[0]._closed  # started before the checks, stopped when they refused
    assert multiprocessing.active_children() == []


def test_the_documents_a_case_makes_count_a_conversation_once(tmp_path):
    """What sizes the render pool before the bundle is planned: 2 notes and one chat of 20 messages make 3 documents."""
    from redactor.bundling import _early_pool
    from redactor.case import CaseStore
    from redactor.pipeline import load_pipeline
    from redactor.runner import run_case

    inputs = tmp_path / "in"
    inputs.mkdir()
    for n in range(2):
        (inputs / f"note{n}.txt").write_text(f"See you at the station at {n + 5}.\n", encoding="utf-8")
    chat = [f"0{1 + m // 10}/03/2024, 10:{m:02d} - Alex Sample: message {m}" for m in range(20)]
    (inputs / "WhatsApp Chat with Sam.txt").write_text("\n".join(chat) + "\n", encoding="utf-8")
    with CaseStore.create(tmp_path / "case") as store:
        run_case(store, load_pipeline(None), [inputs])
        assert store.counts()["items"] == 23 and store.document_count() == 3  # 2 notes, 20 messages and the thread
        with _early_pool(store, None) as pool:  # by default: no workers for 3 documents
            assert pool is None
