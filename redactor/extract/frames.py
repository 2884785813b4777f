"""Image frames as OCR and rendering see them: upright (EXIF), RGB, with their scale.

Pillow's pixel limit guards against decompression bombs: a frame over :data:`MAX_PIXELS` is
refused before it is decoded.
"""

from __future__ import annotations

import warnings
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from redactor.errors import CorruptInput, HostileInput, TooLargeInput

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
