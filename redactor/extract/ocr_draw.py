"""Drawing a page (or a picture's region of it) for OCR, as a reader sees it.

PDF pages are drawn unrotated by pdfium (calls serialised by :data:`PDFIUM_LOCK`), cut to the
task's clip, then turned by their ``/Rotate``; image frames are loaded as they are. ``settings``
is an :class:`redactor.extract.ocr.OcrSettings` (resolution and pixel limit).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from redactor.extract.frames import load_frame
from redactor.locks import PDFIUM_LOCK
from redactor.records import Box


@dataclass(frozen=True, slots=True)
class PageTask:
    """One page to recognise: page ``index`` of a PDF (``kind="pdf"``) or frame of an image; with
    ``clip`` (a picture's region in PDF points, unrotated page space), only that part of the page."""

    kind: str
    path: str
    index: int
    clip: tuple[float, float, float, float] | None = None


def draw(task: PageTask, settings):
    """The page (or its ``clip``) as a greyscale image as a reader sees it, its scale (pixels per point) and rotation."""
    image, scale, rotation, _ = draw_counted(task, settings)
    return image, scale, rotation


def draw_counted(task: PageTask, settings):
    """As :func:`draw`, plus (dark pixels, pixels) of the whole page when only a clip is returned."""
    if task.kind == "image":
        image, scale = load_frame(task.path, task.index)
        return image.convert("L"), scale, 0, None
    import pypdfium2 as pdfium

    with PDFIUM_LOCK:
        pdf = pdfium.PdfDocument(task.path)
        try:
            page = pdf[task.index]
            rotation = page.get_rotation()
            page.set_rotation(0)
            width, height = page.get_size()
            scale = min(settings.dpi / 72.0, 0.998 * (settings.max_pixels / max(1.0, width * height)) ** 0.5)
            image = page.render(scale=scale, draw_annots=False, may_draw_forms=False, grayscale=True).to_pil().convert("L")
            bbox = tuple(page.get_bbox())
            page.close()
        finally:
            pdf.close()
    counted = None
    if task.clip is not None:
        histogram = image.histogram()
        counted = (sum(histogram[:128]), image.width * image.height)
        image = image.crop(clip_pixels(task.clip, bbox, scale))
    if rotation:
        image = image.rotate(-rotation, expand=True)  # PIL turns anticlockwise
    return image, scale, rotation, counted


def clip_pixels(clip: Box, bbox: Box, scale: float) -> tuple[int, int, int, int]:
    """A clip (PDF points) as whole pixels (left, top, right, bottom) of the page drawn at ``scale``."""
    left, _, _, top = bbox
    x0, y0, x1, y1 = clip
    return (
        max(0, math.floor((x0 - left) * scale)),
        max(0, math.floor((top - y1) * scale)),
        math.ceil((x1 - left) * scale),
        math.ceil((top - y0) * scale),
    )


def clip_points(clip: Box, bbox: Box, scale: float) -> Box:
    """The region of the page the pixels of :func:`clip_pixels` cover, in PDF points (as ``crop`` for
    :func:`pixels_to_page`): the clip widened to whole pixels."""
    left, _, _, top = bbox
    px0, py0, px1, py1 = clip_pixels(clip, bbox, scale)
    return (left + px0 / scale, top - py1 / scale, left + px1 / scale, top - py0 / scale)
