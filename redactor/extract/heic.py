"""iPhone photos (HEIC/HEIF): each picture in the file is decoded with pillow-heif and written as
a PNG derived source, which the image extractor OCRs and the page renderer redacts like any
other image.

The container is sniffed by its ``ftyp`` brand (``heic``, ``mif1``, ...). Each top-level picture
is checked against the same pixel limit as other images before it is decoded (decompression
bombs), and turned upright by the file's own transformations (``irot``/``imir``, applied by
libheif). The PNG carries no metadata: the photo's EXIF (GPS position, device, time) is not copied.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from pathlib import Path

from redactor.errors import CorruptInput, EmptyInput, HostileInput, TooLargeInput
from redactor.extract import extractor
from redactor.extract.frames import MAX_FRAMES, MAX_PIXELS
from redactor.records import DerivedFile, Source
from redactor.stages import StageContext

log = logging.getLogger(__name__)


def _accepts(source: Source, path: Path, head: bytes) -> bool:
    return source.media_type == "image/heic"


def _open(path: Path):
    import pillow_heif

    try:
        return pillow_heif.open_heif(str(path), convert_hdr_to_8bit=True)
    except (ValueError, RuntimeError, OSError, EOFError) as exc:
        raise CorruptInput(f"{path}: HEIC photo cannot be read ({type(exc).__name__})") from None


@extractor("heic", accepts=_accepts, priority=100)
def extract_heic(source: Source, path: Path, ctx: StageContext) -> Iterator[DerivedFile]:
    from PIL import Image

    from redactor.extract.device.common import write_derived

    heif = _open(path)
    count = len(heif)
    if count == 0:
        raise EmptyInput(f"{path}: HEIC file holds no picture")
    if count > MAX_FRAMES:
        raise TooLargeInput(f"{path}: {count} pictures is over the {MAX_FRAMES}-picture limit")
    for index in range(count):
        picture = heif[index]
        width, height = picture.size
        if width * height > MAX_PIXELS:
            raise HostileInput(
                f"{path}: picture of {width}x{height} pixels is over the {MAX_PIXELS:,}-pixel limit (possible decompression bomb)"
            )
        try:
            image = Image.frombytes(picture.mode, picture.size, picture.data, "raw", picture.mode, picture.stride)
        except (ValueError, RuntimeError, OSError) as exc:
            raise CorruptInput(f"{path}: HEIC picture {index + 1} cannot be decoded ({type(exc).__name__})") from None
        buffer = io.BytesIO()
        image.convert("RGB").save(buffer, format="PNG")
        buffer.seek(0)
        name = f"{Path(source.name).stem}-{index + 1}.png"
        target, _, _ = write_derived(ctx.work_dir, source, f"heic[{index}]", name, buffer)
        yield DerivedFile(target, name, f"picture[{index + 1}]")
    log.info("heic %s: %d pictures written for OCR", source.ref, count)
