"""Images: PNG, JPEG, TIFF and multi-page TIFF are OCR'd page by page; bombs and junk are refused."""

from __future__ import annotations

import struct
import zlib

import pytest
from PIL import Image

from redactor.errors import CorruptInput, HostileInput
from redactor.extract.image import MAX_PIXELS, frame_count, load_frame, points_per_pixel
from tests.extract.documents import factory
from tests.extract.documents.helpers import extract, source_for


@pytest.mark.slow
@pytest.mark.parametrize(
    "name, media_type, pages",
    [
        ("scan.png", "image/png", 1),
        ("photo.jpg", "image/jpeg", 1),
        ("scan.tif", "image/tiff", 1),
        ("bundle.tiff", "image/tiff", 3),
    ],
)
def test_images_are_read_page_by_page(tmp_path, name, media_type, pages):
    path = factory.image_file(tmp_path / name, [factory.statement(i) for i in range(pages)])
    assert source_for(path).media_type == media_type
    item = extract(path)
    assert item.meta["format"] == "image" and item.meta["pages"] == pages
    assert [s.page for s in item.segments] == list(range(1, pages + 1))
    for segment in item.segments:
        assert segment.origin == "ocr" and factory.PHONES[0] in segment.text
        assert segment.page_size == pytest.approx((595.4, 842.0), abs=2)  # 200 dpi A4 comes back as A4
        assert all(
            0 <= w.box[0] < w.box[2] <= segment.page_size[0] and 0 <= w.box[1] < w.box[3] <= segment.page_size[1] for w in segment.words
        )


def _png_header(width: int, height: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + chunk(b"IEND", b"")


@pytest.mark.parametrize("width, height", [(40000, 40000), (MAX_PIXELS // 1000 + 1, 1001)])
def test_decompression_bombs_are_refused_before_decoding(tmp_path, width, height):
    path = tmp_path / "bomb.png"
    path.write_bytes(_png_header(width, height))
    with pytest.raises(HostileInput, match="bomb.png.*decompression bomb"):
        frame_count(path)


@pytest.mark.parametrize("data", [b"\x89PNG\r\n\x1a\n" + b"\x00" * 50, b"\xff\xd8\xff\xe0" + b"junk" * 10, b"II*\x00" + b"\x00" * 20])
def test_truncated_images_are_corrupt(tmp_path, data):
    path = tmp_path / "broken.img"
    path.write_bytes(data)
    with pytest.raises(CorruptInput, match="broken.img"):
        frame_count(path)
        load_frame(path, 0)


def test_exif_orientation_is_applied(tmp_path):
    image = Image.new("RGB", (300, 100), "white")
    exif = image.getexif()
    exif[0x0112] = 6  # rotate 90 clockwise to display
    path = tmp_path / "phone.jpg"
    image.save(path, exif=exif)
    frame, scale = load_frame(path, 0)
    assert frame.size == (100, 300)


@pytest.mark.parametrize(
    "size, dpi, expected",
    [
        ((2480, 3508), (300, 300), 72 / 300),  # an A4 scan at 300 dpi
        ((1654, 2339), (200, 200), 72 / 200),
        ((2480, 3508), None, 72 / 300),  # no resolution: 300 dpi is assumed
        ((4032, 3024), (72, 72), 72 / 300),  # a phone photo at a nominal 72 dpi: taken as 300 dpi
        ((8000, 6000), None, 1191 / 8000),  # a very large image: fitted to A3
    ],
)
def test_page_size_from_resolution(size, dpi, expected):
    image = Image.new("L", size)
    if dpi:
        image.info["dpi"] = dpi
    assert points_per_pixel(image) == pytest.approx(expected)


def test_sixteen_bit_scans_are_scaled_not_clipped(tmp_path):
    import numpy as np

    levels = np.full((100, 200), 40000, dtype=np.uint16)  # mid grey in 16 bits
    levels[40:60, 50:150] = 2000  # dark text
    path = tmp_path / "deep.png"
    Image.fromarray(levels).save(path)
    frame, _ = load_frame(path, 0)
    grey = frame.convert("L")
    assert grey.getpixel((10, 10)) == pytest.approx(40000 / 257, abs=2)
    assert grey.getpixel((100, 50)) == pytest.approx(2000 / 257, abs=2)
