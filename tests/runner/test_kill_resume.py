"""A run killed with SIGKILL at a random moment, then run again, ends with exactly the case of an
uninterrupted run: the same sources, items, segments, flags and values by id and content hash,
and the same audit chain.

The audit chain is compared as the sequence of (stage, event, payload hash) of every event but the
``run.*`` ones: each invocation records its own start (a killed one has no finish), and every
event carries its UTC time, so event hashes differ between any two runs. Flags' ``created_at``
is left out for the same reason.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from benchmarks.device_data import write_chat
from redactor.audit.log import iter_events, verify_audit_file

SEEDS = (1, 2, 3, 4)


def fingerprint(case: Path) -> dict[str, object]:
    with sqlite3.connect(case / "case.db") as conn:
        tables = {
            "sources": "SELECT source_id, ref, status, detect_key FROM sources ORDER BY source_id",
            "items": "SELECT item_id, source_id, ordinal, locator, kind, meta, scope FROM items ORDER BY item_id",
            "segments": "SELECT segment_id, item_id, idx, field, text FROM segments ORDER BY segment_id",
            "flags": 'SELECT flag_id, item_id, segment_id, start, "end", entity, score, recognizer, explanation, code, proposed, status, '
            "origin, version FROM flags ORDER BY flag_id",
            "people": "SELECT * FROM people ORDER BY person_id",
            "values": "SELECT value_id, entity, key, party, proposal, code FROM value_clusters ORDER BY value_id",
            "flag_values": "SELECT * FROM flag_values ORDER BY flag_id",
        }
        out: dict[str, object] = {
            name: hashlib.sha256(json.dumps(conn.execute(sql).fetchall()).encode()).hexdigest() for name, sql in tables.items()
        }
        out["counts"] = [conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in ("items", "flags")]  # noqa: S608
        head = json.loads(conn.execute("SELECT value FROM meta WHERE key = 'audit_head'").fetchone()[0])
    verify_audit_file(case / "audit.jsonl", (head[0], head[1]))
    out["audit"] = [(e.stage, e.event, e.payload_hash) for e in iter_events(case / "audit.jsonl") if not e.event.startswith("run.")]
    return out


def run(chat: Path, case: Path) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "redactor", "run", str(chat), "--case", str(case), "--workers", "1", "--batch-items", "12"]
    return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env={**os.environ, "OMP_THREAD_LIMIT": "1"})


@pytest.mark.slow
def test_a_run_killed_at_random_moments_ends_like_an_uninterrupted_run(tmp_path):
    chat = tmp_path / "chat.txt"
    write_chat(chat, 120, seed=5)
    started = time.monotonic()
    reference = run(chat, tmp_path / "reference")
    assert reference.wait(timeout=600) == 0
    whole = time.monotonic() - started
    expected = fingerprint(tmp_path / "reference")
    assert expected["counts"][1] > 50
    resumed_some = 0
    for seed in SEEDS:
        case = tmp_path / f"killed{seed}"
        proc = run(chat, case)
        time.sleep(random.Random(seed).uniform(0.4, 1.0) * whole)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        again = run(chat, case)
        out, _ = again.communicate(timeout=600)
        assert again.returncode == 0
        resumed_some += b"resumed:" in out
        assert fingerprint(case) == expected, f"seed {seed}"
    print(f"runs that resumed part of detection: {resumed_some} of {len(SEEDS)}")
