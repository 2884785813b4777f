"""The self-check after rendering: each output page is compared with its original before it is accepted.

The output page must be shown at the size and orientation of the original, and every
bit of ink the original shows outside the redaction boxes must still be there. Both are
drawn at a low resolution in unrotated page space; the boxes (and a margin) are masked; a
pixel that is dark on the original and light on the output (allowing a pixel's drift) is
content that went missing. An item that fails is withheld with the reason (fail closed).

The output is drawn at :data:`OVERSAMPLE` times the check's resolution and each check pixel
takes the darkest of the pixels it covers: a rule a fraction of a point wide, which pdfium
draws a full dark pixel wide on the original but which the output holds as an anti-aliased
grey line of the page raster, is seen where it is instead of being averaged into the paper.
Paper stays paper at any resolution, so content that went missing is still missing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageFilter

from redactor.errors import StageError
from redactor.locks import PDFIUM_LOCK
from redactor.records import Box, Item, Redaction, Segment

CHECK_DPI = 36.0
DARK, LIGHT = 110, 200  # grey levels: ink on the original; paper on the output
MAX_MISSING = 0.03  # share of the original's ink outside the boxes that may be missing (resampling, JPEG) ...
MIN_MISSING_PX = 40  # ... and at least this many pixels, so a speck does not withhold an item
MARGIN = 2.0  # points around each box masked as well (the box's edge pixels, label anti-aliasing)
OVERSAMPLE = 2  # the output is drawn this many times finer and pooled to its darkest pixel (thin rules)


def page_image(page: pdfium.PdfPage, scale: float) -> Image.Image:
    """A page drawn unrotated in greyscale, as the renderer saw it."""
    page.set_rotation(0)
    return page.render(scale=scale, draw_annots=False, may_draw_forms=False, grayscale=True).to_pil().convert("L")


def output_image(page: pdfium.PdfPage, scale: float) -> Image.Image:
    """An output page drawn at ``OVERSAMPLE`` times ``scale``, each block of pixels reduced to its darkest."""
    fine = np.asarray(page_image(page, scale * OVERSAMPLE))
    k = OVERSAMPLE
    height, width = fine.shape[0] // k * k, fine.shape[1] // k * k
    return Image.fromarray(fine[:height, :width].reshape(height // k, k, width // k, k).min(axis=(1, 3)))


def missing_ink(original: Image.Image, output: Image.Image, boxes: Sequence[Box], scale: float) -> tuple[int, int]:
    """Pixels dark on the original and light on the output outside the boxes, and the original's ink there.

    ``boxes`` are in points from the page's lower left corner (as in ``Redaction.box``)."""
    if output.size != original.size:
        output = output.resize(original.size, Image.BILINEAR)
    before = np.asarray(original) < DARK
    after = np.asarray(output.filter(ImageFilter.MinFilter(3))) <= LIGHT  # ink may drift a pixel
    height = before.shape[0]
    masked = np.zeros(before.shape, dtype=bool)
    for x0, y0, x1, y1 in boxes:
        top, bottom = int((height / scale - y1 - MARGIN) * scale), int((height / scale - y0 + MARGIN) * scale) + 1
        masked[max(0, top) : max(0, bottom), max(0, int((x0 - MARGIN) * scale)) : max(0, int((x1 + MARGIN) * scale) + 1)] = True
    ink = before & ~masked
    return int(np.count_nonzero(ink & ~after)), int(np.count_nonzero(ink))


def check_page(ref: str, number: int, original: Image.Image, output: Image.Image, boxes: Sequence[Box], scale: float) -> None:
    lost, ink = missing_ink(original, output, boxes, scale)
    if lost > MIN_MISSING_PX and lost > MAX_MISSING * ink:
        raise StageError(
            f"item {ref}: page {number} lost content in rendering ({lost} of {ink} pixels of ink outside the boxes are missing); withheld",
            hint="the output was not written; report the file so its layout can be supported, and redact this item by hand",
        )


def check_geometry(ref: str, number: int, original: tuple[float, float, int], output: tuple[float, float, int]) -> None:
    """Width, height (unrotated, points) and /Rotate of an output page against its original."""
    (w0, h0, r0), (w1, h1, r1) = original, output
    if abs(w0 - w1) > 0.5 or abs(h0 - h1) > 0.5 or r0 % 360 != r1 % 360:
        raise StageError(
            f"item {ref}: page {number} came out {w1:.0f}x{h1:.0f} pt turned {r1} instead of {w0:.0f}x{h0:.0f} pt turned {r0}; withheld",
            hint="the output was not written; report the file so its layout can be supported",
        )


PAGE_ORIGINS = ("pdf-text", "ocr")


def self_check(item: Item, path: Path, pdf: bytes, redactions: Sequence[Redaction], ref: str) -> None:
    """Compare every page of a rendered item with its original; raise StageError (withhold) on any loss."""
    boxes: dict[int, list[Box]] = defaultdict(list)
    for r in redactions:
        boxes[r.page].append(r.box)
    pages = page_segments(item)
    scale = CHECK_DPI / 72.0
    with PDFIUM_LOCK:
        out = pdfium.PdfDocument(pdf)
        try:
            if len(out) != len(pages):
                raise StageError(f"item {ref}: {len(out)} pages came out of {len(pages)}; withheld", hint="report the file")
            for number, (geometry, image) in enumerate(_originals(item, path, pages, scale), 1):
                page = out[number - 1]
                rotation = page.get_rotation()
                page.set_rotation(0)
                width, height = page.get_size()
                check_geometry(ref, number, geometry, (width, height, rotation))
                check_page(ref, number, image, output_image(page, scale), boxes[number], scale)
                page.close()
        finally:
            out.close()


def _originals(item: Item, path: Path, pages: Sequence[Segment], scale: float) -> Iterator[tuple[tuple[float, float, int], Image.Image]]:
    """Each original page's unrotated size and /Rotate, and its image at ``scale`` (pixels per point)."""
    if item.meta.get("format") == "image":
        from redactor.extract.frames import load_frame

        for segment in pages:
            width, height = segment.page_size
            frame, _ = load_frame(path, segment.page - 1)
            yield (
                (width, height, 0),
                frame.convert("L").resize((max(1, round(width * scale)), max(1, round(height * scale))), Image.BILINEAR),
            )
        return
    pdf = pdfium.PdfDocument(str(path))
    try:
        for segment in pages:
            page = pdf[segment.page - 1]
            rotation = page.get_rotation()
            image = page_image(page, scale)
            left, bottom, right, top = page.get_bbox()
            page.close()
            yield (right - left, top - bottom, rotation), image
    finally:
        pdf.close()


def page_segments(item: Item) -> list[Segment]:
    """The segments that are pages of the original (not the ``links`` read beside them)."""
    return [s for s in item.segments if s.origin in PAGE_ORIGINS]
