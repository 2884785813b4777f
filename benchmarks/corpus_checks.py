"""Sanity checks on one redacted output file against its original, for bench_corpus.

Independent of redactor's own records: pages are drawn with PyMuPDF (not pdfium, which
redactor uses), boxes are found as pixels that are black in the output but not in the
original, and x-ray (Free Law Project) looks for text left under boxes.

- pages: the output has as many pages as the original, each of the same displayed size
  (``/Rotate`` applied) within 1.5 pt; for images, one page per frame with the same aspect.
- ink: both are drawn at LOW_DPI in grey; outside the boxes (grown by two pixels) the page
  is cut into CELL-pixel cells. A cell where the original has ink and the output keeps less
  than a quarter of it is *lost*. A page with lost cells is reported: content went missing
  outside any box (blank pages, a cropped quarter, a swapped size).
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from pathlib import Path

LOW_DPI = 40
CELL = 12
INK = 150  # grey level below which a pixel of the original is ink
KEPT = 215  # ... and of the output: any visible grey, since a thin line drawn from a raster is lighter
BLACK = 40  # grey level of a burnt box
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff", ".heic", ".heif", ".bmp", ".gif", ".webp"}


@dataclass
class Check:
    """What the checks found for one output file; ``problems`` empty means it passed."""

    pages: int = 0
    lost_cells: int = 0
    inked_cells: int = 0
    problems: list[str] = field(default_factory=list)


def unread_words(original: Path, extracted: str) -> list[str]:
    """Words (4+ letters) of the original PDF's text layer, as PyMuPDF reads it, that redactor's
    extraction never read: what is on the page but was never detected or reviewed."""
    import re

    import fitz

    if original.suffix.lower() != ".pdf":
        return []
    try:
        with fitz.open(original) as doc:
            layer = " ".join(page.get_text() for page in doc)
    except Exception:  # noqa: BLE001 - encrypted or damaged: redactor's own verdict stands
        return []
    import unicodedata

    seen = unicodedata.normalize("NFKC", extracted).lower()
    layer = unicodedata.normalize("NFKC", layer)  # ligatures (U+FB03 "ffi") as redactor reads them
    return sorted({w for w in re.findall(r"[^\W\d_]{4,}", layer) if w.lower() not in seen})


def xray_problems(pdf: bytes) -> list[str]:
    import xray

    found = asyncio.run(xray.inspect(pdf))
    return [f"x-ray: {sum(len(v) for v in found.values())} bad redaction(s) on page(s) {sorted(found)}"] if found else []


def _pdf_images(data: bytes) -> list:
    import fitz
    from PIL import Image

    out = []
    level = fitz.TOOLS.show_aa_level()["graphics"]  # importing x-ray turns anti-aliasing off process-wide
    fitz.TOOLS.set_aa_level(8)
    fitz.TOOLS.mupdf_display_errors(False)  # damaged originals are expected here
    try:
        with fitz.open(stream=data, filetype="pdf") as doc:
            for page in doc:
                pix = page.get_pixmap(dpi=LOW_DPI, colorspace=fitz.csGRAY, annots=False)
                out.append(Image.frombytes("L", (pix.width, pix.height), pix.samples))
    finally:
        fitz.TOOLS.set_aa_level(level)
    return out


def _pdf_sizes(data: bytes) -> list[tuple[float, float]]:
    import fitz

    with fitz.open(stream=data, filetype="pdf") as doc:
        return [(round(p.rect.width, 1), round(p.rect.height, 1)) for p in doc]


def _image_frames(path: Path) -> list:
    from PIL import Image, ImageSequence

    try:  # HEIC where pillow-heif is installed
        from pillow_heif import register_heif_opener

        register_heif_opener()
    except ImportError:
        pass
    with Image.open(path) as image:
        return [frame.convert("L").copy() for frame in ImageSequence.Iterator(image)]


def lost_cells(original, output) -> tuple[int, int]:
    """(lost, inked) cells outside the boxes; both images are grey and the same size."""
    from PIL import ImageChops, ImageFilter

    new_black = ImageChops.multiply(output.point(lambda v: 255 if v < BLACK else 0), original.point(lambda v: 255 if v >= BLACK else 0))
    boxes = new_black.filter(ImageFilter.MaxFilter(5))
    lost = inked = 0
    for top in range(0, original.height, CELL):
        for left in range(0, original.width, CELL):
            crop = (left, top, min(left + CELL, original.width), min(top + CELL, original.height))
            free = [b == 0 for b in boxes.crop(crop).getdata()]
            was = sum(1 for v, f in zip(original.crop(crop).getdata(), free, strict=True) if f and v < INK)
            if was < 4:
                continue
            inked += 1
            now = sum(1 for v, f in zip(output.crop(crop).getdata(), free, strict=True) if f and v < KEPT)
            lost += now * 4 < was
    return lost, inked


def _compare(originals: list, outputs: list, check: Check, whole: frozenset[int]) -> None:
    for number, (original, output) in enumerate(zip(originals, outputs, strict=False), start=1):
        if number in whole:  # withheld as one box (OCR not trusted): nothing to compare
            continue
        if output.size != original.size:
            original = original.resize(output.size)
        lost, inked = lost_cells(original, output)
        check.lost_cells += lost
        check.inked_cells += inked
        if lost >= 3 and lost * 20 >= inked:
            check.problems.append(f"page {number}: {lost} of {inked} inked cells lost outside boxes")


def check_output(original: Path, output_pdf: bytes, same_source: bool, whole: frozenset[int] = frozenset()) -> Check:
    """Check one output file; ``same_source`` when it renders ``original`` itself (not an attachment).

    ``whole``: pages covered by one box on purpose (the schedule's OCR_REVIEW rows).
    """
    check = Check(problems=xray_problems(output_pdf))
    outputs = _pdf_images(output_pdf)
    check.pages = len(outputs)
    if not same_source:
        return check
    suffix = original.suffix.lower()
    if suffix == ".pdf":
        data = original.read_bytes()
        want, got = _pdf_sizes(data), _pdf_sizes(output_pdf)
        if len(want) != len(got):
            check.problems.append(f"pages: {len(got)} in output, {len(want)} in original")
        bad = [n for n, (a, b) in enumerate(zip(want, got, strict=False), 1) if abs(a[0] - b[0]) > 1.5 or abs(a[1] - b[1]) > 1.5]
        if bad:
            n = bad[0]
            check.problems.append(f"page size differs on {len(bad)} page(s), first p{n}: {got[n - 1]} vs {want[n - 1]}")
        _compare(_pdf_images(data), outputs, check, whole)
    elif suffix in IMAGE_SUFFIXES:
        try:
            frames = _image_frames(original)
        except Exception as exc:  # an image PIL cannot open here: only the output is checked
            check.problems.append(f"original not readable for the check ({type(exc).__name__})")
            return check
        if len(frames) != len(outputs):
            check.problems.append(f"pages: {len(outputs)} in output, {len(frames)} frames in original")
        for number, (frame, page) in enumerate(zip(frames, outputs, strict=False), 1):
            if abs(frame.width / frame.height * page.height - page.width) > 1.5:  # a pixel of rounding
                check.problems.append(f"page {number}: aspect {page.width}x{page.height} vs frame {frame.width}x{frame.height}")
        _compare(frames, outputs, check, whole)
    return check
