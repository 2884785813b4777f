"""Run one measurement in a fresh Python process, so its peak RSS is its own (benchmarks' ``--worker`` mode)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def measure_in_child(module: str, kind: str, path: Path, *, one_core: bool = False) -> dict:
    """``python -m MODULE --worker KIND PATH`` with single-threaded OCR/BLAS; its last output line is JSON.
    With ``one_core``, the child is pinned to core 0 (taskset) so rates compare across runs."""
    env = {**os.environ, "OMP_THREAD_LIMIT": "1", "OPENBLAS_NUM_THREADS": "1"}
    cmd = [sys.executable, "-m", module, "--worker", kind, str(path)]
    if one_core and Path("/usr/bin/taskset").exists():
        cmd = ["taskset", "-c", "0", *cmd]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True, env=env, cwd=REPO)
    return json.loads(out.stdout.strip().splitlines()[-1])
