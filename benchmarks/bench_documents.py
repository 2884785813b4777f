"""Documents: pages per second for text PDFs and scanned pages, and the OCR overhead over plain tesseract.

The baseline is the plain ``tesseract`` command run on the very page images the
pipeline recognises (drawn once beforehand, untimed), with the same parallelism (one
process per core, ``OMP_THREAD_LIMIT=1``), measured in the same run. The pipeline's
figure for scans is PDF extraction: drawing each page, tesseract, and building words
with boxes and confidences. Target: at most 25% over the baseline.

    .venv/bin/python -m benchmarks.run documents
"""

from __future__ import annotations

import hashlib
import os
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

TEXT_PAGES = 60
SCAN_PAGES = 8
ROUNDS = 3


def _source(path: Path, media_type: str):
    from redactor.records import Source

    data = path.read_bytes()
    return Source(hashlib.sha256(data).hexdigest(), "S0001", str(path), path.name, len(data), media_type)


def _pages(seed: int, n: int) -> list[list[str]]:
    from tests.extract.documents import factory

    return [factory.statement(seed + i, lines=30) for i in range(n)]


def _extract(path: Path):
    from redactor.extract.pdf import extract_pdf

    return next(extract_pdf(_source(path, "application/pdf"), path, None))


def _render(path: Path, item) -> None:
    from redactor.case.opener import SourceOpener
    from redactor.records import REDACT, Flag
    from redactor.render import RenderContext
    from redactor.render.pdfpage import render_pdf_pages

    flags = [
        Flag(f"f{s.index}", item.item_id, s.segment_id, 0, min(12, len(s.text)), "X", 1.0, "b", {}, "TP", REDACT, REDACT)
        for s in item.segments
        if s.text
    ]
    render_pdf_pages(item, flags, RenderContext("S0001-001", 150, SourceOpener([_source(path, "application/pdf")])))


def _baseline(images: list[Path]) -> float:
    """Plain tesseract on the page images, one process per core, as the pipeline runs it."""
    from redactor.extract.ocr import workers

    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}

    def one(image: Path) -> None:
        subprocess.run(
            ["tesseract", str(image), "stdout", "--psm", "3", "tsv"],
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=workers()) as pool:
        list(pool.map(one, images))
    return time.perf_counter() - start


def _draw_pages(path: Path, folder: Path) -> list[Path]:
    """The page images exactly as the OCR step draws them (300 dpi, greyscale)."""
    from redactor.extract.ocr import DEFAULT
    from redactor.extract.ocr_draw import PageTask, draw

    out = []
    for index in range(SCAN_PAGES):
        image, _, _ = draw(PageTask("pdf", str(path), index), DEFAULT)
        target = folder / f"page{index:03d}.pgm"
        image.save(target, format="PPM")
        out.append(target)
    return out


def _timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def _wall_and_cpu(fn) -> tuple[float, float]:
    """Wall time and CPU time (this process and its children, i.e. the tesseract processes)."""
    before, start = os.times(), time.perf_counter()
    fn()
    after, wall = os.times(), time.perf_counter() - start
    cpu = sum(getattr(after, f) - getattr(before, f) for f in ("user", "system", "children_user", "children_system"))
    return wall, cpu


def main() -> None:
    from tests.extract.documents import factory

    with tempfile.TemporaryDirectory(prefix="bench-documents-") as tmp:
        folder = Path(tmp)
        text = factory.text_pdf(folder / "text.pdf", _pages(0, TEXT_PAGES), size=10)
        scan = factory.scanned_pdf(folder / "scan.pdf", _pages(100, SCAN_PAGES), dpi=300)
        images = _draw_pages(scan, folder)

        text_extract = min(_timed(lambda: _extract(text)) for _ in range(ROUNDS))
        item = _extract(text)
        text_render = min(_timed(lambda: _render(text, item)) for _ in range(ROUNDS))

        pipeline, baseline = [], []
        for _ in range(ROUNDS):  # interleaved, so both see the same machine load
            baseline.append(_wall_and_cpu(lambda: _baseline(images)))
            pipeline.append(_wall_and_cpu(lambda: _extract(scan)))
        scanned = _extract(scan)
        scan_render = _timed(lambda: _render(scan, scanned))

    base, pipe = statistics.median(w for w, _ in baseline), statistics.median(w for w, _ in pipeline)
    base_cpu, pipe_cpu = statistics.median(c for _, c in baseline), statistics.median(c for _, c in pipeline)
    print(f"machine: {os.cpu_count()} cores; OCR workers: {min(2, os.cpu_count() or 1)}; tesseract OMP_THREAD_LIMIT=1")
    print(
        f"text PDF ({TEXT_PAGES} pages): extract {TEXT_PAGES / text_extract:.1f} pages/s, "
        f"render {TEXT_PAGES / text_render:.1f} pages/s, extract+render {TEXT_PAGES / (text_extract + text_render):.1f} pages/s"
    )
    print(
        f"scanned PDF ({SCAN_PAGES} pages at 300 dpi): pipeline OCR extract {SCAN_PAGES / pipe:.2f} pages/s "
        f"({pipe:.2f} s); plain tesseract {SCAN_PAGES / base:.2f} pages/s ({base:.2f} s)"
    )
    print(f"scanned PDF render (redacted output, 150 dpi): {SCAN_PAGES / scan_render:.1f} pages/s")
    print(
        f"ratio pipeline/tesseract for scans, wall time: {pipe / base:.3f} (target <= 1.25); "
        f"with rendering the output: {(pipe + scan_render) / base:.3f}"
    )
    print(
        f"ratio pipeline/tesseract for scans, CPU time (robust to other load on the machine): {pipe_cpu / base_cpu:.3f} "
        f"({pipe_cpu:.1f} s vs {base_cpu:.1f} s)"
    )


if __name__ == "__main__":
    main()
