"""Detection stores the texts it analysed (``detect_cache``) in the order it sent them, so two runs of the
same input write the same table row for row, whatever Python's string hash seed (a set's order is not).

A stand-in detect stage (batch entry points, no model) keeps the test fast; each run is a fresh
interpreter with its own ``PYTHONHASHSEED``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from benchmarks.device_data import write_chat

PROBE = """
import json, sqlite3, sys
from pathlib import Path
from redactor.case import CaseStore
from redactor.pipeline import load_pipeline
from redactor.runner import run_case
from redactor.stages import NoSettings, register

class Stub:
    def spans(self, texts):
        return [[[0, 1, "PERSON", 0.5, "Stub", {}]] if t else [] for t in texts]

    def findings(self, item, spans):
        return ()

@register("detect.stub_for_order", kind="detect", settings=NoSettings)
def stub(settings, ctx):
    return Stub()

chat, case, pipeline = (Path(p) for p in sys.argv[1:4])
with CaseStore.create(case) as store:
    run_case(store, load_pipeline(str(pipeline)), [chat], workers=1, batch_items=40)
with sqlite3.connect(case / "case.db") as conn:
    print(json.dumps([k for (k,) in conn.execute("SELECT key FROM detect_cache ORDER BY rowid")]))
"""


def _keys(tmp_path: Path, chat: Path, pipeline: Path, seed: str) -> list[str]:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    args = [sys.executable, "-c", PROBE, str(chat), str(tmp_path / f"case{seed}"), str(pipeline)]
    done = subprocess.run(args, capture_output=True, text=True, check=True, timeout=300, env=env)
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_the_cache_is_written_in_the_same_order_under_any_hash_seed(tmp_path: Path) -> None:
    chat = tmp_path / "in" / "chat.txt"
    chat.parent.mkdir()
    write_chat(chat, 400)
    pipeline = tmp_path / "stub.yaml"
    pipeline.write_text(
        "name: stub\nstages:\n  - use: ingest.files\n  - use: extract.auto\n  - use: detect.stub_for_order\n  - use: decide.policy\n  - use: render.pdf\n  - use: bundle.disclosure\n"
    )
    first, second = _keys(tmp_path, chat, pipeline, "1"), _keys(tmp_path, chat, pipeline, "2")
    assert len(first) > 100 and len(set(first)) == len(first)
    assert first == second
