"""The bundle for 10,000 messages and 200 document pages: rendering (one process vs every core) and verifying.

Detection is a fast regex stage registered here (this measures the bundle, not spaCy); the
policy, render and bundle stages are the real ones. Baseline in the same run: the same
bundle rendered in one process. Verification is the manifest and audit check plus the leak
scan of every file for every redacted value (``redactor verify OUT --case CASE``).

    .venv/bin/python -m benchmarks.run bundle          # BENCH_SCALE=0.1 for a quick look
"""

from __future__ import annotations

import io
import os
import random
import re
import tempfile
import time
from pathlib import Path

from redactor.detect.stage import DetectSettings
from redactor.records import Finding
from redactor.stages import register

FIRST = ["Sophie", "Marcus", "Priya", "Tom", "Hannah", "Daniel", "Chloe", "Aisha", "Liam", "Grace"]
LAST = ["Turner", "Bellamy", "Raman", "Ashworth", "Okafor", "Reyes", "Whitfield", "Khan", "Davies", "Patel"]
PHONE = re.compile(r"07700 ?900\d{3}")
NAME = re.compile(r"\b(?:" + "|".join(FIRST) + r") (?:" + "|".join(LAST) + r")\b")


@register("detect.bench_regex", kind="detect", settings=DetectSettings)
def detect_regex(settings, ctx):
    """Bench stage: phones and listed full names by regular expression."""

    def run(item):
        found = []
        for seg in item.segments:
            for entity, pattern in (("PHONE_NUMBER", PHONE), ("PERSON", NAME)):
                found += [Finding(seg.segment_id, m.start(), m.end(), entity, 0.9, "bench", {}) for m in pattern.finditer(seg.text)]
        return tuple(found)

    return run


def line(rng: random.Random) -> str:
    name, phone = f"{rng.choice(FIRST)} {rng.choice(LAST)}", f"07700 900{rng.randint(0, 999):03d}"
    return rng.choice([f"ask {name} to ring me on {phone}", "see you at the station later", f"{name} said she was driving", "ok thanks"])


def chats(folder: Path, messages: int, per_chat: int, rng: random.Random) -> None:
    for c in range(messages // per_chat):
        rows = []
        for m in range(per_chat):
            minute = c * per_chat + m
            stamp = f"{1 + minute // 1440 % 28:02d}/03/2024, {minute // 60 % 24:02d}:{minute % 60:02d}"
            rows.append(f"{stamp} - {rng.choice(['Alex Sample', 'Sam Sample'])}: {line(rng)}")
        (folder / f"WhatsApp Chat {c:03d}.txt").write_text("\n".join(rows) + "\n", encoding="utf-8")


def documents(folder: Path, pages: int, per_doc: int, rng: random.Random) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    for d in range(pages // per_doc):
        buffer = io.BytesIO()
        canvas = Canvas(buffer, pagesize=A4, invariant=1)
        for _ in range(per_doc):
            for n in range(30):
                canvas.drawString(60, 780 - n * 24, f"{n + 1}. {line(rng)}.")
            canvas.showPage()
        canvas.save()
        (folder / f"statement {d:03d}.pdf").write_bytes(buffer.getvalue())


def timed(fn, *args, **kwargs) -> float:
    start = time.perf_counter()
    fn(*args, **kwargs)
    return time.perf_counter() - start


def main() -> None:
    from redactor.bundle.leaks import case_watchlist, scan_bundle
    from redactor.bundle.verify import verify_bundle
    from redactor.case import CaseStore
    from redactor.decisions.imports import accept_all
    from redactor.pipeline import load_pipeline
    from redactor.render.pool import default_workers
    from redactor.runner import build_bundle, run_case

    scale = float(os.environ.get("BENCH_SCALE", "1"))
    messages, pages = int(10_000 * scale), int(200 * scale)
    rng = random.Random(13)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        inputs = root / "in"
        inputs.mkdir()
        chats(inputs, messages, 200, rng)
        documents(inputs, pages, 10, rng)
        spec = root / "bench.yaml"
        spec.write_text(
            "name: bench\nstages:\n  - use: ingest.files\n  - use: extract.auto\n  - use: detect.bench_regex\n"
            "  - use: decide.policy\n  - use: render.pdf\n  - use: bundle.disclosure\n"
        )
        pipeline = load_pipeline(str(spec))
        store = CaseStore.create(root / "case")
        run_s = timed(run_case, store, pipeline, [inputs])
        accept_all(store, "bench")
        workers = default_workers()
        one = timed(build_bundle, store, pipeline, root / "one", workers=1)
        every = timed(build_bundle, store, pipeline, root / "every", workers=workers)
        start = time.perf_counter()
        verify_bundle(root / "every")
        leaks = scan_bundle(root / "every", case_watchlist(store))
        verify_s = time.perf_counter() - start
        size = sum(p.stat().st_size for p in (root / "every").rglob("*") if p.is_file()) / 1e6
    assert not leaks, "the bench bundle leaks"
    print(f"input: {messages} messages in {messages // 200} chats, {pages} PDF pages; case built in {run_s:.1f} s (not the subject)")
    print(f"bundle, 1 process:        {one:7.2f} s")
    print(f"bundle, {workers} processes:      {every:7.2f} s  speed-up x{one / every:.2f} against 1 process")
    print(f"verify (manifest+leaks):  {verify_s:7.2f} s  render/verify ratio {every / verify_s:.2f}; bundle {size:.1f} MB")


if __name__ == "__main__":
    main()
