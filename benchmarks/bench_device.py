"""Device ingestion: parse rate and peak memory of the UFDR and WhatsApp extractors.

Generates a 100,000-message UFDR and a 100,000-line WhatsApp export, parses each in a fresh
subprocess (one core; items are consumed and dropped, as the runner's extract stage streams
them), and compares with a baseline measured in the same run: raw lxml ``iterparse`` with
element clearing for the UFDR, raw line reading with the header regex for WhatsApp. Peak RSS
is measured in subprocesses for 10k, 100k and 1M messages to show it does not grow with size.

    .venv/bin/python -m benchmarks.run device            # or: python -m benchmarks.bench_device [--no-million]
"""

from __future__ import annotations

import json
import os
import resource
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from benchmarks.child import measure_in_child
from benchmarks.device_data import write_ufdr, write_whatsapp

TARGET = 20_000  # messages per second on one core


def _worker(kind: str, path: str) -> None:
    """Run in a subprocess: parse ``path`` and print messages, seconds and peak RSS as JSON."""
    start = time.perf_counter()
    count = 0
    if kind == "baseline-ufdr":
        from lxml import etree

        with zipfile.ZipFile(path) as archive, archive.open("report.xml") as raw:
            for _, elem in etree.iterparse(raw, events=("end",), tag="{*}model"):
                if elem.get("type") == "InstantMessage":
                    count += 1
                    elem.clear()
                    parent = elem.getparent()
                    while elem.getprevious() is not None:
                        del parent[0]
    elif kind == "baseline-whatsapp":
        from redactor.extract.device.whatsapp import ANDROID

        with open(path, "rb") as handle:
            for raw in handle:
                count += ANDROID.match(raw.decode("utf-8")) is not None
    else:
        import redactor.extract.auto  # noqa: F401
        import redactor.extract.device  # noqa: F401
        from redactor.extract import extractors
        from redactor.ingest.files import check
        from redactor.records import DerivedFile, Item, Source
        from redactor.stages import StageContext

        found = check(Path(path), 1 << 42)
        source = Source(found.sha256, "S0001", path, Path(path).name, found.size, found.media_type)
        start = time.perf_counter()  # hashing is ingest's work, not parsing
        ex = next(e for e in extractors() if e.name == kind)
        work = Path(tempfile.mkdtemp(prefix="bench-device-"))
        for record in ex.extract(source, Path(path), StageContext(models_dir=Path("."), work_dir=work)):
            if isinstance(record, Item) and record.kind == "message":
                count += 1
            elif isinstance(record, DerivedFile):
                pass
    seconds = time.perf_counter() - start
    print(json.dumps({"messages": count, "seconds": seconds, "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))


def measure(kind: str, path: Path) -> dict:
    return measure_in_child("benchmarks.bench_device", kind, path, one_core=hasattr(os, "sched_setaffinity"))


def _line(label: str, r: dict) -> str:
    rate = r["messages"] / r["seconds"] if r["seconds"] else 0.0
    return f"  {label:<34} {r['messages']:>9,} msgs  {r['seconds']:7.2f} s  {rate:>9,.0f} msgs/s  peak RSS {r['rss_mb']:6.1f} MB"


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    million = "--no-million" not in argv and os.environ.get("BENCH_DEVICE_MILLION", "1") != "0"
    with tempfile.TemporaryDirectory(prefix="bench-device-") as tmp:
        folder = Path(tmp)
        print("UFDR (zip, streamed report.xml), 100,000 messages")
        ufdr = write_ufdr(folder / "100k.ufdr", 100_000)
        base = measure("baseline-ufdr", ufdr)
        ours = measure("ufdr", ufdr)
        print(_line("baseline: raw iterparse + clear", base))
        print(_line("redactor ufdr extractor", ours))
        rate = ours["messages"] / ours["seconds"]
        print(
            f"  ratio extractor/baseline time: {ours['seconds'] / base['seconds']:.2f}x   target {TARGET:,} msgs/s: "
            f"{'met' if rate >= TARGET else 'NOT met'}"
        )
        print("WhatsApp export (Android en-GB), 100,000 message lines")
        chat = write_whatsapp(folder / "100k.txt", 100_000)
        base = measure("baseline-whatsapp", chat)
        ours = measure("whatsapp", chat)
        print(_line("baseline: read lines + header regex", base))
        print(_line("redactor whatsapp extractor", ours))
        rate = ours["messages"] / ours["seconds"]
        print(
            f"  ratio extractor/baseline time: {ours['seconds'] / base['seconds']:.2f}x   target {TARGET:,} msgs/s: "
            f"{'met' if rate >= TARGET else 'NOT met'}"
        )
        print("Peak RSS by UFDR size (each in a fresh process)")
        sizes = [10_000, 100_000] + ([1_000_000] if million else [])
        for n in sizes:
            path = ufdr if n == 100_000 else write_ufdr(folder / f"{n}.ufdr", n)
            r = measure("ufdr", path)
            b = measure("baseline-ufdr", path)
            print(_line(f"{n:>9,} messages: extractor", r))
            print(_line(f"{n:>9,} messages: baseline", b))
            if path != ufdr:
                path.unlink()


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--worker":
        _worker(sys.argv[2], sys.argv[3])
    else:
        main()
