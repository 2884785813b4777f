"""``--workers 1`` on a large run detects in one worker process, so the coordinating process never loads
the model and the values step after detection does not run beside it (the memory a 1,000,000-message run
peaked with). A small run (fewer than ``AUTO_MIN_ITEMS`` items) still detects in this process.

Each run is a fresh interpreter, so what the test process imported before does not count.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.device_data import write_chat
from redactor.executors import AUTO_MIN_ITEMS, choose_workers, default_workers

PROBE = """
import json, sys
from pathlib import Path
import redactor.executors
from redactor.case import CaseStore
from redactor.pipeline import load_pipeline
from redactor.runner import run_case

redactor.executors.AUTO_MIN_ITEMS = int(sys.argv[3])  # what counts as a large run
with CaseStore.create(Path(sys.argv[2])) as store:
    summary = run_case(store, load_pipeline(None), [Path(sys.argv[1])], workers=1)
heavy = sorted(m for m in ("presidio_analyzer", "spacy", "thinc") if m in sys.modules)
print(json.dumps({"heavy": heavy, "items": summary.items, "flags": summary.flags}))
"""


def _run(chat: Path, case: Path, large_from: int) -> dict:
    done = subprocess.run([sys.executable, "-c", PROBE, str(chat), str(case), str(large_from)], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def _flags(case: Path) -> list[tuple]:
    with sqlite3.connect(case / "case.db") as conn:
        return conn.execute(
            "SELECT flag_id, item_id, start, end, entity, score, recognizer, explanation, code, proposed FROM flags ORDER BY rowid"
        ).fetchall()


@pytest.mark.slow
def test_one_worker_on_a_large_run_keeps_the_model_out_of_the_coordinating_process(tmp_path: Path) -> None:
    chat = tmp_path / "chat.txt"
    write_chat(chat, 160, seed=9)
    one = _run(chat, tmp_path / "one", large_from=1)
    here = _run(chat, tmp_path / "here", large_from=10**9)
    assert one["heavy"] == []  # detection ran in the worker
    assert here["heavy"] == ["presidio_analyzer", "spacy", "thinc"]  # a small run: in this process, as before
    assert one["items"] == here["items"] == 161 and one["flags"] == here["flags"] > 0
    assert _flags(tmp_path / "one") == _flags(tmp_path / "here")  # the same flags, in the same order


@pytest.mark.parametrize(
    ("requested", "items", "expected"),
    [
        (None, AUTO_MIN_ITEMS - 1, 0),
        (1, AUTO_MIN_ITEMS - 1, 0),
        (1, AUTO_MIN_ITEMS, 1),
        (2, 10, 2),
        (3, AUTO_MIN_ITEMS, 3),
        (None, AUTO_MIN_ITEMS, default_workers()),
    ],
)
def test_worker_processes_chosen(requested: int | None, items: int, expected: int) -> None:
    assert choose_workers(requested, items) == expected
