"""Memory of JSON device exports: the streaming Telegram extractor against ``json.load`` of the same file.

Generates full Telegram Desktop exports (``result.json``, chats of 250,000 messages) of 10,000,
100,000 and 1,000,000 messages (``benchmarks.device_data.write_telegram``), then for each size runs
in fresh subprocesses, one after the other:

- the redactor Telegram extractor (``jsonstream``: a skeleton pass, then the messages streamed),
  items consumed and dropped as the runner's extract stage stores them in batches;
- the baseline: ``json.load`` of the whole file and a count of its messages (what the extractor
  did before it streamed).

Both processes import the same modules first, so their peak RSS (``getrusage`` ru_maxrss) differs
by what parsing holds. Printed per size: messages/s, peak RSS, the file size, and the ratio of the
extractor's peak RSS to ``json.load``'s.

    .venv/bin/python -m benchmarks.run memory      # or: python -m benchmarks.bench_memory [--no-million]
"""

from __future__ import annotations

import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.child import measure_in_child
from benchmarks.device_data import write_telegram

SIZES = (10_000, 100_000, 1_000_000)


def _worker(kind: str, path: str) -> None:
    """In a subprocess: parse ``path`` and print messages, seconds and peak RSS as JSON."""
    import redactor.extract.auto  # noqa: F401
    import redactor.extract.device  # noqa: F401
    from redactor.extract import extractors
    from redactor.ingest.files import check
    from redactor.records import Item, Source
    from redactor.stages import StageContext

    count = 0
    start = time.perf_counter()
    if kind == "json.load":
        with open(path, "rb") as handle:
            data = json.load(handle)
        count = sum(1 for chat in data["chats"]["list"] for m in chat["messages"] if m.get("type") == "message")
    else:
        found = check(Path(path), 1 << 42)
        source = Source(found.sha256, "S0001", path, Path(path).name, found.size, found.media_type)
        start = time.perf_counter()  # hashing is ingest's work, not parsing
        ex = next(e for e in extractors() if e.name == kind)
        work = Path(tempfile.mkdtemp(prefix="bench-memory-"))
        for record in ex.extract(source, Path(path), StageContext(models_dir=Path("."), work_dir=work)):
            count += isinstance(record, Item) and record.kind == "message" and not record.meta.get("system")
    seconds = time.perf_counter() - start
    print(json.dumps({"messages": count, "seconds": seconds, "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))


def measure(kind: str, path: Path) -> dict:
    return measure_in_child("benchmarks.bench_memory", kind, path)


def _line(label: str, r: dict) -> str:
    rate = r["messages"] / r["seconds"] if r["seconds"] else 0.0
    return f"  {label:<30} {r['messages']:>9,} msgs  {r['seconds']:7.1f} s  {rate:>8,.0f} msgs/s  peak RSS {r['rss_mb']:7.1f} MB"


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    million = "--no-million" not in argv and os.environ.get("BENCH_MEMORY_MILLION", "1") != "0"
    sizes = [n for n in SIZES if million or n < 1_000_000]
    print("Telegram Desktop export (result.json), streamed extractor vs json.load, each in a fresh process")
    with tempfile.TemporaryDirectory(prefix="bench-memory-") as tmp:
        for n in sizes:
            path = write_telegram(Path(tmp) / f"{n}.json", n)
            size_mb = path.stat().st_size / 1e6
            ours = measure("telegram", path)
            base = measure("json.load", path)
            print(f" {n:,} messages, file {size_mb:.0f} MB")
            print(_line("redactor telegram extractor", ours))
            print(_line("baseline: json.load", base))
            print(
                f"  peak RSS: extractor/json.load {ours['rss_mb'] / base['rss_mb']:.2f}x; per MB of file: extractor "
                f"{ours['rss_mb'] / size_mb:.2f}, json.load {base['rss_mb'] / size_mb:.2f}; time extractor/json.load "
                f"{ours['seconds'] / base['seconds']:.1f}x"
            )
            path.unlink()


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--worker":
        _worker(sys.argv[2], sys.argv[3])
    else:
        main()
