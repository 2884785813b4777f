"""Images (PNG, JPEG, TIFF, multi-page TIFF): every frame is one page, read by OCR.

A frame becomes a page whose size in points comes from the image's resolution
(300 dpi when it has none or an implausible one), shrunk to fit A3 for phone photos.
Frames are turned upright by their EXIF orientation, the same way for OCR and for
rendering. Pillow's pixel limit guards against decompression bombs: a frame over
:data:`MAX_PIXELS` is refused before it is decoded.
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Iterator
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from redactor.errors import CorruptInput, EmptyInput, HostileInput, TooLargeInput
from redactor.extract import extractor
from redactor.extract.ocr import PageTask, layout, ocr_pages, pixels_to_page, review_entry
from redactor.records import DOCUMENT, Item, Segment, Source, stable_id
from redactor.stages import StageContext

log = logging.getLogger(__name__)
MEDIA_TYPES = ("image/png", "image/jpeg", "image/tiff", "image/gif", "image/bmp", "image/webp")
MAX_PIXELS = 100_000_000  # per frame; a 600 dpi A3 scan is about 70 million
MAX_FRAMES = 2000
DEFAULT_DPI = 300.0
MAX_SIDE_PT = 1191.0  # A3 long side

Image.MAX_IMAGE_PIXELS = MAX_PIXELS


def _open(path: str | Path) -> Image.Image:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(path)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise HostileInput(f"{path}: image is larger than {MAX_PIXELS:,} pixels (possible decompression bomb)") from None
    except UnidentifiedImageError:
        raise CorruptInput(f"{path}: image cannot be read") from None
    except OSError as exc:
        raise CorruptInput(f"{path}: image cannot be read ({exc})") from None
    return image


def _check_size(path: str | Path, image: Image.Image) -> None:
    width, height = image.size
    if width <= 0 or height <= 0:
        raise CorruptInput(f"{path}: image has no pixels")
    if width * height > MAX_PIXELS:
        raise HostileInput(f"{path}: frame of {width}x{height} pixels is over the {MAX_PIXELS:,}-pixel limit (possible decompression bomb)")


def frame_count(path: str | Path) -> int:
    image = _open(path)
    try:
        count = int(getattr(image, "n_frames", 1) or 1)
        if count > MAX_FRAMES:
            raise TooLargeInput(f"{path}: {count} frames is over the {MAX_FRAMES}-frame limit")
        for index in range(count):
            image.seek(index)
            _check_size(path, image)
        return count
    finally:
        image.close()


def points_per_pixel(image: Image.Image) -> float:
    dpi = image.info.get("dpi", (0, 0))
    try:
        value = float(dpi[0]) if isinstance(dpi, tuple) else float(dpi)
    except (TypeError, ValueError):
        value = 0.0
    per_pixel = 72.0 / (value if 100.0 <= value <= 1200.0 else DEFAULT_DPI)
    longest = max(image.size) * per_pixel
    return per_pixel * (MAX_SIDE_PT / longest if longest > MAX_SIDE_PT else 1.0)


def load_frame(path: str | Path, index: int) -> tuple[Image.Image, float]:
    """Frame ``index`` upright, in RGB, and its scale in pixels per point."""
    image = _open(path)
    try:
        image.seek(index)
        _check_size(path, image)
        per_pixel = points_per_pixel(image)
        frame = ImageOps.exif_transpose(image.copy() if index else image)
        frame.load()
        if frame.mode.startswith("I;16") or frame.mode in ("I", "F"):  # 16-bit scans: scale, do not clip, to 8 bits
            import numpy as np

            frame = Image.fromarray((np.asarray(frame, dtype=np.float64) / 257.0).clip(0, 255).astype(np.uint8), "L")
        if frame.mode in ("RGBA", "LA", "PA") or (frame.mode == "P" and "transparency" in frame.info):
            background = Image.new("RGB", frame.size, (255, 255, 255))
            background.paste(frame.convert("RGBA"), mask=frame.convert("RGBA").getchannel("A"))
            frame = background
        return frame.convert("RGB"), 1.0 / per_pixel
    except (OSError, ValueError, EOFError) as exc:
        raise CorruptInput(f"{path}: image frame {index + 1} cannot be decoded ({type(exc).__name__})") from None
    finally:
        image.close()


def _accepts(source: Source, path: Path, head: bytes) -> bool:
    return source.media_type in MEDIA_TYPES


@extractor("image", accepts=_accepts, priority=100)
def extract_image(source: Source, path: Path, ctx: StageContext) -> Iterator[Item]:
    count = frame_count(path)
    if count == 0:
        raise EmptyInput(f"{path}: image has no frames")
    pages = ocr_pages([PageTask("image", str(path), i) for i in range(count)], label=str(path))
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
