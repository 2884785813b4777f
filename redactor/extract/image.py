"""Images (PNG, JPEG, TIFF, multi-page TIFF): every frame is one page, read by OCR.

A frame becomes a page whose size in points comes from the image's resolution
(300 dpi when it has none or an implausible one), shrunk to fit A3 for phone photos.
Frames are turned upright by their EXIF orientation, the same way for OCR and for
rendering. Pillow's pixel limit guards against decompression bombs: a frame over
:data:`MAX_PIXELS` is refused before it is decoded.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

from redactor.errors import EmptyInput
from redactor.extract import extractor
from redactor.extract.frames import MAX_PIXELS, frame_count, load_frame, points_per_pixel
from redactor.extract.ocr import PageTask, layout, ocr_pages, pixels_to_page, review_entry
from redactor.records import DOCUMENT, Item, Segment, Source, stable_id
from redactor.stages import StageContext

log = logging.getLogger(__name__)
MEDIA_TYPES = ("image/png", "image/jpeg", "image/tiff", "image/gif", "image/bmp", "image/webp")
__all__ = ["MAX_PIXELS", "MEDIA_TYPES", "extract_image", "frame_count", "load_frame", "points_per_pixel"]  # frames: redactor.extract.frames


def _accepts(source: Source, path: Path, head: bytes) -> bool:
    return source.media_type in MEDIA_TYPES


@extractor("image", accepts=_accepts, priority=100)
def extract_image(source: Source, path: Path, ctx: StageContext) -> Iterator[Item]:
    count = frame_count(path)
    if count == 0:
        raise EmptyInput(f"{path}: image has no frames")
    pages = ocr_pages(
        [PageTask("image", str(path), i) for i in range(count)], label=str(path), cache=ctx.work_dir / "ocr" if ctx is not None else None
    )
    item_id = stable_id(source.source_id, "file")
    segments, review = [], []
    for index, page in enumerate(pages):
        width, height = page.unturned_size  # the frame as stored; OCR may have read it turned
        size = (width / page.scale, height / page.scale)
        text, words = layout(page, pixels_to_page(page, (0.0, 0.0, size[0], size[1])))
        segments.append(
            Segment(stable_id(item_id, index), item_id, index, "page", text, page=index + 1, page_size=size, words=words, origin="ocr")
        )
        if (entry := review_entry(index + 1, page)) is not None:
            review.append(entry)
    meta = {
        "format": "image",
        "media_type": source.media_type,
        "pages": count,
        "ocr_pages": list(range(1, count + 1)),
        "review_pages": review,
        "pages_without_words": [s.page for s in segments if not s.words],
    }
    log.info("image %s: %d frames OCR'd, %d for review", source.ref, count, len(review))
    yield Item(item_id, source.source_id, "file", DOCUMENT, source.name, tuple(segments), meta)
