"""The bundle for 10,000 messages and 200 document pages: rendering (one process vs every core) and verifying.

Detection is a fast regex stage registered here (this measures the bundle, not spaCy); the
policy, render and bundle stages are the real ones. Baseline in the same run: the same
bundle rendered in one process. Rendering is the runner's "rendering items" phase: its wall
time and the CPU time of this process and its descendants (sampled from /proc every 0.1 s),
so CPU/wall near the number of cores means every core renders. Verification is the manifest
and audit check plus the leak scan of every file for every redacted value, split into the
text and byte searches and the OCR of every page that draws a picture (``redactor verify OUT
--case CASE``), whose OCR takes the readings the bundle's own pre-seal scan kept in the case; that
scan is reported apart (the case's readings are cleared before the second bundle, so it reads
every picture). The render pool's start-up is measured per start method with the real stage.

    .venv/bin/python -m benchmarks.run bundle          # BENCH_SCALE=0.1 for a quick look
"""

from __future__ import annotations

import io
import os
import random
import re
import resource
import tempfile
import time
from pathlib import Path

from redactor.runner import SilentReporter

FIRST = ["Sophie", "Marcus", "Priya", "Tom", "Hannah", "Daniel", "Chloe", "Aisha", "Liam", "Grace"]
LAST = ["Turner", "Bellamy", "Raman", "Ashworth", "Okafor", "Reyes", "Whitfield", "Khan", "Davies", "Patel"]
PHONE = re.compile(r"07700 ?900\d{3}")
NAME = re.compile(r"\b(?:" + "|".join(FIRST) + r") (?:" + "|".join(LAST) + r")\b")


def register_detect() -> None:
    """Register the bench's detect stage: phones and listed full names by regular expression.

    Registered when a case is made, not when this module is imported: render workers are spawned
    and import the main module, and ``redactor.detect.stage`` imports spaCy (about 1 s per worker),
    which the CLI's workers never import."""
    from redactor.detect.stage import DetectSettings
    from redactor.records import Finding
    from redactor.stages import STAGES, register

    if STAGES.get("detect.bench_regex") is not None:
        return

    @register("detect.bench_regex", kind="detect", settings=DetectSettings)
    def detect_regex(settings, ctx):
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


def _tree_cpu(root: int) -> float:
    """CPU seconds (user + system) of every live descendant of ``root``, read from /proc."""
    parents, cpu = {}, {}
    tick = os.sysconf("SC_CLK_TCK")
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(entry)] = int(fields[1])
        cpu[int(entry)] = (int(fields[11]) + int(fields[12])) / tick
    total = 0.0
    for pid, seconds in cpu.items():
        p = parents.get(pid)
        while p and p != root:
            p = parents.get(p)
        total += seconds if p == root else 0.0
    return total


class Cpu:
    """CPU seconds of this process and its descendants: its own, its reaped children's, and its live descendants'.

    A child's time moves into RUSAGE_CHILDREN when it is reaped, so a live worker is read from /proc
    and an exited one from getrusage, never both (the bench before this counted exited workers twice)."""

    def now(self) -> float:
        live = _tree_cpu(os.getpid())
        own = resource.getrusage(resource.RUSAGE_SELF)
        done = resource.getrusage(resource.RUSAGE_CHILDREN)
        return own.ru_utime + own.ru_stime + done.ru_utime + done.ru_stime + live


class Phases(SilentReporter):
    """Wall and CPU seconds of the runner's "rendering items" phase."""

    def __init__(self, cpu: Cpu) -> None:
        self.cpu, self.label, self.mark = cpu, "", (0.0, 0.0)
        self.render = (0.0, 0.0)

    def start(self, total: int, label: str) -> None:
        self.label, self.mark = label, (time.perf_counter(), self.cpu.now())

    def finish(self) -> None:
        if self.label == "rendering items":
            self.render = (time.perf_counter() - self.mark[0], self.cpu.now() - self.mark[1])


def bundle(build_bundle, store, pipeline, out: Path, workers: int, cpu: Cpu) -> tuple[float, float, float, float]:
    """(whole bundle, rendering, rendering CPU, the bundle's own leak scan before sealing) seconds."""
    phases = Phases(cpu)
    start = time.perf_counter()
    summary = build_bundle(store, pipeline, out, workers=workers, reporter=phases)
    return time.perf_counter() - start, *phases.render, dict(summary.timings).get("leak scan", 0.0)


def pool_start(make_render, workers: int, method: str) -> float:
    """Seconds until every worker has built its render stage (one job each, held 0.5 s so each worker takes one)."""
    from redactor.render.pool import start_pool

    start = time.perf_counter()
    with start_pool(make_render, workers, method) as pool:
        list(pool._pool.map(time.sleep, [0.5] * workers))  # the executor itself: these jobs are no render jobs
    return time.perf_counter() - start - 0.5


SPEC = (
    "name: bench\nstages:\n  - use: ingest.files\n  - use: extract.auto\n  - use: detect.bench_regex\n"
    "  - use: decide.policy\n  - use: render.pdf\n  - use: bundle.disclosure\n"
)


def make_case(root: Path, messages: int, per_chat: int, pages: int, rng: random.Random):
    """(store, pipeline, seconds to build it): generated chats and PDFs run through the real pipeline, every flag accepted."""
    from redactor.case import CaseStore
    from redactor.decisions.imports import accept_all
    from redactor.pipeline import load_pipeline
    from redactor.runner import run_case

    register_detect()
    inputs = root / "in"
    inputs.mkdir(parents=True)
    chats(inputs, messages, per_chat, rng)
    documents(inputs, pages, 10, rng)
    spec = root / "bench.yaml"
    spec.write_text(SPEC)
    pipeline = load_pipeline(str(spec))
    store = CaseStore.create(root / "case")
    run_s = timed(run_case, store, pipeline, [inputs])
    accept_all(store, "bench")
    return store, pipeline, run_s


def huge_item(root: Path, messages: int, workers: int, rng: random.Random, cpu: Cpu) -> dict[str, float]:
    """One transcript of ``messages`` messages: rendered whole in one process, in parts in one process, in parts on every core.

    Wall and CPU seconds of each; the pool's own start-up is measured apart (in a bundle it is paid once for every item)."""
    from functools import partial

    from redactor.render.parts import render_split
    from redactor.runner import _context

    store, pipeline, _ = make_case(root, messages, messages, 0, rng)
    ctx = _context(store, store.snapshot(identities=True), store.source_opener())
    render = pipeline.of_kind("render").build(ctx)
    part = max(
        pipeline.of_kind("bundle").build(ctx).plan(store.items(), store.item_scopes(), store.item_refs()), key=lambda p: len(p.members)
    )
    flags = [f for m in part.members for f in store.flags(item_id=m) if f.status == "redact"]
    job = (part.item, flags, part.ref, {"labels": False})
    make_render = partial(pipeline.of_kind("render").build, ctx)
    out: dict[str, float] = {"parts": len(render.split(*job[:3], labels=False)), "start-up": pool_start(make_render, workers, "spawn")}
    runs = {
        "whole": lambda: [(0, render(*job[:3], labels=False), None)],
        "one": lambda: list(render_split([job], render, make_render, 1)),
        "every": lambda: list(render_split([job], render, make_render, workers)),
    }
    for name, run in runs.items():
        mark, start = cpu.now(), time.perf_counter()
        out["pages"] = run()[0][1].pages
        out[name], out[f"{name} cpu"] = time.perf_counter() - start, cpu.now() - mark
    return out


def main() -> None:
    from functools import partial

    from redactor.bundle.leaks import case_watchlist, picture_leaks, scan_bundle
    from redactor.bundle.pictures import find_pictures
    from redactor.bundle.verify import verify_bundle
    from redactor.bundling import build_bundle
    from redactor.render.pool import default_workers
    from redactor.runner import _context

    scale = float(os.environ.get("BENCH_SCALE", "1"))
    messages, pages, huge = int(10_000 * scale), int(200 * scale), int(20_000 * scale)
    rng = random.Random(13)
    cpu = Cpu()
    load = [os.getloadavg()[0]]
    workers = default_workers()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        store, pipeline, run_s = make_case(root / "bundle", messages, 200, pages, rng)
        ctx = _context(store, store.snapshot(identities=True), store.source_opener())
        make_render = partial(pipeline.of_kind("render").build, ctx)
        starts = [  # spawn is what the pool uses; forkserver's first pool starts its server
            ("spawn (the pool's method)", pool_start(make_render, workers, "spawn")),
            ("forkserver, first pool of the process", pool_start(make_render, workers, "forkserver")),
            ("forkserver, server already running", pool_start(make_render, workers, "forkserver")),
            ("fork (the method before: unsafe with threads)", pool_start(make_render, workers, "fork")),
        ]
        one = bundle(build_bundle, store, pipeline, root / "one", 1, cpu)
        store.conn.execute("DELETE FROM picture_ocr")  # the second bundle's leak scan reads its pictures too (cold)
        every = bundle(build_bundle, store, pipeline, root / "every", workers, cpu)
        load.append(os.getloadavg()[0])
        out, watch = root / "every", case_watchlist(store)
        manifest_s = timed(verify_bundle, out)
        start = time.perf_counter()
        leaks = scan_bundle(out, watch, pictures=False)
        scan_s = time.perf_counter() - start
        mark, start = cpu.now(), time.perf_counter()
        leaks += picture_leaks(out, watch, workers, cache=store)  # as 'verify --case': the pre-seal scan's readings
        ocr_s, ocr_cpu = time.perf_counter() - start, cpu.now() - mark
        size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file()) / 1e6
        files = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.pdf"))
        pictures = find_pictures(out, files)
        load.append(os.getloadavg()[0])
        big = huge_item(root / "huge", huge, workers, rng, cpu)
        load.append(os.getloadavg()[0])
    assert not leaks, "the bench bundle leaks"
    verify = (manifest_s, scan_s, ocr_s, ocr_cpu)
    report(messages, pages, run_s, workers, starts, one, every, verify, (len(files), size, pictures), (huge, big), load)


def report(messages, pages, run_s, workers, starts, one, every, verify, files, huge, load) -> None:
    manifest_s, scan_s, ocr_s, ocr_cpu = verify
    count, size, pictures = files
    verify_s = manifest_s + scan_s + ocr_s
    rest = every[0] - every[1] - every[3]  # the bundle's own leak scan apart
    print(f"machine: {workers} cores; load average (1 min) {' -> '.join(f'{x:.1f}' for x in load)} (start, bundles, verify, huge item)")
    print(f"input: {messages} messages in {messages // 200} chats, {pages} PDF pages; case built in {run_s:.1f} s (not the subject)")
    print(f"render pool start-up, {workers} workers (start, build the render stage in each, stop):")
    for method, seconds in starts:
        print(f"  {method:70} {seconds:6.2f} s")
    print(
        f"bundle, 1 process:    {one[0]:7.2f} s, of which rendering {one[1]:7.2f} s (CPU/wall {one[2] / one[1]:.2f}), leak scan {one[3]:.2f} s"
    )
    print(
        f"bundle, {workers} processes:  {every[0]:7.2f} s, of which rendering {every[1]:7.2f} s"
        f" (CPU/wall {every[2] / every[1]:.2f} of {workers} cores; x{one[1] / every[1]:.2f} against 1 process),"
        f" leak scan before sealing {every[3]:.2f} s (the scan 'verify --case' makes, below)"
    )
    print(f"  the rest of the bundle (checks, plan, facts, labels, bundle.pdf, CSVs, manifest; one process): {rest:.2f} s")
    print(
        f"verify --case: {verify_s:7.2f} s = manifest+audit {manifest_s:.2f} s + text/bytes leak scan {scan_s:.2f} s"
        f" + OCR of pages with pictures {ocr_s:.2f} s (CPU/wall {ocr_cpu / ocr_s:.2f}; readings the bundle's own scan kept in the case)"
    )
    distinct = len({p.key for p in pictures})
    print(f"  {count} PDFs, {size:.1f} MB; {len(pictures)} pages draw pictures, {distinct} distinct picture sets (each read once)")
    if distinct:
        print(f"  the bundle's leak scan read them: {every[3] / distinct:.2f} s per distinct picture set, wall, {workers} tesseracts")
    total = every[1] + rest + every[3] + verify_s
    print(
        f"split of bundle + verify ({total:.1f} s): rendering {every[1] / total:.0%}, rest of bundle {rest / total:.0%},"
        f" bundle's leak scan {every[3] / total:.0%}, verify {verify_s / total:.0%}"
        f" (of which text scan {(manifest_s + scan_s) / total:.0%}, OCR {ocr_s / total:.0%})"
    )
    print(
        f"ratios: verify/rendering {verify_s / every[1]:.2f}, leak scan/rendering {every[3] / every[1]:.2f},"
        f" rest/rendering {rest / every[1]:.2f}"
    )
    stages = {"rendering": every[1], "rest of bundle": rest, "bundle's leak scan": every[3], "verify": verify_s}
    print(f"slowest stage: {max(stages, key=stages.get)}")
    messages, big = huge
    every = max(1e-9, big["every"] - big["start-up"]) if big["parts"] > 1 else big["every"]  # one job: no pool
    print(
        f"one transcript of {messages} messages ({big['pages']} pages, {big['parts']:.0f} parts):"
        f" whole in one process {big['whole']:.2f} s (CPU {big['whole cpu']:.2f} s);"
        f" in parts in one process {big['one']:.2f} s (CPU {big['one cpu']:.2f} s);"
        f" in parts on {workers} processes {big['every']:.2f} s (CPU {big['every cpu']:.2f} s), of which pool start-up about {big['start-up']:.2f} s;"
        f" x{big['whole'] / every:.2f} against whole without the start-up"
    )


if __name__ == "__main__":
    main()
