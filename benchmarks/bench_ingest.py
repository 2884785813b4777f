"""The ingest phase of `redactor run` for every device format: peak RSS and seconds, at each size.

For each format a generated download (``benchmarks/device_data.py``) goes through ``redactor run --workers 1``;
the process tree's resident memory (the runner and the child parsing a large source; a forked child's shared
pages count twice) is sampled every 0.1 s until the audit log says the source is extracted, then the run is
stopped: detection, the policy and the values step are not part of this. Seconds are the audit log's, from
``run.started`` to ``source.extracted`` (hashing, parsing and storing the items). Beside the tree's peak, each
process's own peak, split as the kernel counts it (``RssAnon``: the heap; ``RssFile``: mapped files such as the
libraries; ``RssShmem``: SQLite's WAL index), so what grows can be told apart.

    .venv/bin/python -m benchmarks.bench_ingest [--sizes 10000,1000000] [--formats whatsapp,ufdr,...] [--keep DIR]

mbox is slow to parse (Python's e-mail package, about 1.5 ms a message): give it its own smaller size.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

from benchmarks import device_data as data
from benchmarks.bench_volume import HERE, REDACTOR, _tree

FORMATS = {
    "whatsapp": lambda root, n: (data.write_chat(root / "chat.txt", n), root / "chat.txt")[1],
    "ufdr": lambda root, n: data.write_ufdr(root / "phone.ufdr", n),
    "telegram": lambda root, n: data.write_telegram(root / "result.json", n),
    "meta": lambda root, n: data.write_meta(root / "message_1.json", n),
    "sms-xml": lambda root, n: data.write_sms_backup(root / "sms-20240301.xml", n),
    "vcard": lambda root, n: data.write_vcards(root / "contacts.vcf", n),
    "mbox": lambda root, n: data.write_mbox(root / "mail.mbox", n),
    "whatsapp-zip": lambda root, n: data.write_whatsapp_zip(root / "WhatsApp Chat with Alex.zip", n),
    "whatsapp-ios-db": lambda root, n: data.write_chatstorage(root / "ChatStorage.sqlite", n),
    "aleapp-tsv": lambda root, n: data.write_aleapp_tsv(root / "aleapp", n),
    "axiom-csv": lambda root, n: data.write_axiom_csv(root / "axiom.csv", n),
}


def _extracted(audit: Path) -> bool:
    try:
        lines = audit.read_text(encoding="utf-8").splitlines()
    except OSError:
        return False
    return any(json.loads(line)["event"] in ("source.extracted", "input.quarantined") for line in lines if line.strip())


def _seconds(audit: Path) -> float | None:
    at: dict[str, datetime] = {}
    for line in audit.read_text(encoding="utf-8").splitlines():
        event = json.loads(line)
        if event["event"] in ("run.started", "source.extracted"):
            at[event["event"]] = datetime.fromisoformat(event["at"].replace("Z", "+00:00"))
    return (at["source.extracted"] - at["run.started"]).total_seconds() if len(at) == 2 else None


def _split(pid: int) -> tuple[int, int, int]:
    """Resident kB of ``pid``: anonymous, file-backed, shared memory (0s when it is gone)."""
    found = {"RssAnon": 0, "RssFile": 0, "RssShmem": 0}
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                key, _, value = line.partition(":")
                if key in found:
                    found[key] = int(value.split()[0])
    except OSError:
        pass
    return found["RssAnon"], found["RssFile"], found["RssShmem"]


def ingest(source: Path, case: Path) -> dict:
    """Peak tree RSS (MB) and seconds of the ingest phase of ``redactor run source``; each process's peak
    (the runner's and the extraction child's) as anonymous/file/shared MB."""
    proc = subprocess.Popen(
        [*REDACTOR, "run", str(source), "--case", str(case), "--workers", "1"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=HERE,
    )
    peak = 0
    own: dict[str, tuple[int, int, int]] = {"runner": (0, 0, 0), "child": (0, 0, 0)}
    try:
        while proc.poll() is None:
            total, pids = _tree(proc.pid)
            peak = max(peak, total)
            for pid in pids:
                role, split = "runner" if pid == proc.pid else "child", _split(pid)
                if sum(split) > sum(own[role]):
                    own[role] = split
            if _extracted(case / "audit.jsonl"):
                break
            time.sleep(0.1)
    finally:
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)  # its child dies with it (PR_SET_PDEATHSIG)
        proc.wait()
    shown = {role: "/".join(f"{kb / 1000:.0f}" for kb in split) for role, split in own.items()}
    return {"peak_mb": peak / 1e6, "seconds": _seconds(case / "audit.jsonl"), **shown}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="bench_ingest")
    parser.add_argument("--sizes", default="10000,1000000")
    parser.add_argument("--formats", default=",".join(f for f in FORMATS if f != "mbox"))
    parser.add_argument("--keep", type=Path, help="keep each case (stopped after extraction) under this folder")
    args = parser.parse_args(argv)
    print(f"load average at start: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print(f"{'format':<16} {'messages':>9} {'input MB':>8} {'ingest peak RSS MB':>18} {'ingest s':>8}  runner, child peak MB anon/file/shm")
    for fmt in args.formats.split(","):
        for n in (int(s) for s in args.sizes.split(",")):
            root = Path(tempfile.mkdtemp(prefix=f"bench-ingest-{fmt}-"))
            try:
                source = FORMATS[fmt](root, n)
                r = ingest(source, root / "case")
                seconds = f"{r['seconds']:8.1f}" if r["seconds"] is not None else "  failed"
                mb = source.stat().st_size / 1e6
                print(f"{fmt:<16} {n:>9,} {mb:8.1f} {r['peak_mb']:18.0f} {seconds}  {r['runner']}, {r['child']}", flush=True)
                if args.keep:
                    shutil.move(root / "case", args.keep / f"{fmt}-{n}")
            finally:
                shutil.rmtree(root, ignore_errors=True)
    print(f"load average at end: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main(sys.argv[1:])
