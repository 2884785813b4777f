"""A case with many known people through detection (issue 10): the known-people recognizer and the whole run.

``recognizer``: for each N, a fresh process builds the case's known-people recognizer from N address-book
contacts (a name, a mobile and an e-mail each, as ``device_data.write_vcards`` writes them) and runs it over
M messages, a fifth of which name a contact by name, phone or e-mail: build seconds, messages/s and CPU, peak
RSS of that process. ``--recognizer MODULE:CLASS`` measures another implementation (the tests keep the old
one as a reference). ``run``: ``redactor run`` on an N-card vCard plus an M-message WhatsApp chat, with
``--workers`` 1 and 2: wall, CPU and peak RSS of the process tree and of the coordinating process.

    .venv/bin/python -m benchmarks.bench_people recognizer --people 1000,10000,100000 --messages 5000
    .venv/bin/python -m benchmarks.bench_people run --people 1000000 --messages 10000 --workers 1,2
"""

from __future__ import annotations

import argparse
import importlib
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.device_data import FIRST, chat_line, write_chat, write_vcards

HERE = Path(__file__).resolve().parent.parent
DEFAULT = "redactor.detect.known_people:KnownPeopleRecognizer"


def contacts(n: int):  # noqa: ANN201 - an iterator of Person
    """The people ``write_vcards`` writes, as the case stores them."""
    from redactor.records import Person

    for i in range(n):
        first = FIRST[i % len(FIRST)].title()
        yield Person(
            f"p{i:07d}", f"{first} Sample{i}", (), (f"07700 9{i % 100000:05d}",), (f"{first.lower()}.{i}@example.com",), "unknown", "S1"
        )


def messages(m: int, n: int, seed: int = 10) -> list[str]:
    """Chat lines; every fifth names contact ``j`` by full name, surname, phone (in another written form) or e-mail."""
    rng = random.Random(seed)
    out = []
    for i in range(m):
        if i % 5:
            out.append(chat_line(i, rng))
            continue
        j = rng.randrange(n)
        first = FIRST[j % len(FIRST)]
        out.append(
            rng.choice(
                [
                    f"ask {first.title()} Sample{j} about it",
                    f"did sample{j} call you?",
                    f"ring +44 7700 9{j % 100000:05d} tonight",
                    f"mail {first}.{j}@example.com or {first}",
                ]
            )
        )
    return out


def recognizer_worker(n: int, m: int, spec: str) -> dict:
    """In a fresh process: build the recognizer for ``n`` people, run it over ``m`` messages."""
    from redactor.people_table import PeopleTable

    module, name = spec.split(":")
    cls = getattr(importlib.import_module(module), name)
    texts = messages(m, n)
    people = PeopleTable.of(contacts(n))  # as a worker gets them
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    t0, c0 = time.perf_counter(), time.process_time()
    recognizer = cls(people)
    recognizer.load()
    build, build_cpu = time.perf_counter() - t0, time.process_time() - c0
    built = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    entities = ["PERSON", "PHONE_NUMBER", "EMAIL_ADDRESS", "STREET_ADDRESS"]
    t0, c0 = time.perf_counter(), time.process_time()
    found = sum(len(recognizer.analyze(t, entities)) for t in texts)
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"n": n, "build_s": build, "build_cpu": build_cpu, "wall": wall, "cpu": cpu, "msg_s": m / wall, "found": found,
            "rss_before_build_mb": base, "rss_built_mb": built, "peak_mb": peak}  # fmt: skip


def recognizer(args: argparse.Namespace) -> None:
    print(f"recognizer {args.recognizer}, {args.messages} messages, one process per N (pinned to core 0 when taskset exists)")
    print(
        f"{'people':>9} {'build s':>8} {'CPU s':>6} {'msg/s':>8} {'CPU s':>7} {'found':>6} {'RSS before':>10} {'built':>7} {'peak MB':>8}"
    )
    for n in (int(x) for x in args.people.split(",")):
        cmd = [sys.executable, "-m", "benchmarks.bench_people", "--worker", str(n), str(args.messages), args.recognizer]
        if Path("/usr/bin/taskset").exists():
            cmd = ["taskset", "-c", "0", *cmd]
        try:
            done = subprocess.run(cmd, capture_output=True, text=True, cwd=HERE, timeout=args.timeout, check=False)
        except subprocess.TimeoutExpired:
            print(f"{n:>9} stopped after {args.timeout} s")
            continue
        if done.returncode != 0:
            print(f"{n:>9} failed ({done.returncode}): {done.stderr.strip().splitlines()[-1:]}")
            continue
        r = json.loads(done.stdout.strip().splitlines()[-1])
        print(f"{n:>9} {r['build_s']:8.1f} {r['build_cpu']:6.1f} {r['msg_s']:8.0f} {r['cpu']:7.2f} {r['found']:>6} {r['rss_before_build_mb']:10.0f} "
              f"{r['rss_built_mb']:7.0f} {r['peak_mb']:8.0f}")  # fmt: skip


def run(args: argparse.Namespace) -> None:
    from benchmarks.bench_volume import REDACTOR, measure

    with tempfile.TemporaryDirectory(prefix="bench-people-") as tmp:
        root = Path(tmp)
        for n in (int(x) for x in args.people.split(",")):
            book = write_vcards(root / f"book{n}.vcf", n)
            chat = root / "chat.txt"
            write_chat(chat, args.messages)
            for workers in (int(w) for w in args.workers.split(",")):
                case = root / f"case-{n}-{workers}"
                r = measure([*REDACTOR, "run", str(book), str(chat), "--case", str(case), "--workers", str(workers)])
                print(f"{n:>9} people + {args.messages} messages --workers {workers}: wall {r['wall']:.1f} s, CPU {r['cpu']:.1f} s, "
                      f"peak RSS tree {r['rss_mb']:.0f} MB, coordinating process {r['own_rss_mb']:.0f} MB")  # fmt: skip


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--worker"]:
        print(json.dumps(recognizer_worker(int(argv[1]), int(argv[2]), argv[3])))
        return
    parser = argparse.ArgumentParser(prog="bench_people", description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=["recognizer", "run"])
    parser.add_argument("--people", default="1000,10000,100000")
    parser.add_argument("--messages", type=int, default=5000)
    parser.add_argument("--recognizer", default=DEFAULT, help="MODULE:CLASS of the recognizer to measure")
    parser.add_argument("--workers", default="1,2")
    parser.add_argument("--timeout", type=int, default=600)
    args = parser.parse_args(argv)
    recognizer(args) if args.what == "recognizer" else run(args)


if __name__ == "__main__":
    main()
