"""HEIC photos: decoded to PNG derived sources (OCR'd like other images), no metadata carried, bad files refused."""

from __future__ import annotations

import pytest
from PIL import Image

from redactor.errors import HostileInput, InputError
from redactor.extract import heic
from tests.extract import factory
from tests.extract.helpers import run, source_for


def test_each_picture_becomes_a_png_source(tmp_path):
    path = factory.heic(tmp_path / "IMG_0001.HEIC")
    items, derived = run(path, tmp_path)
    assert items == [] and [d.name for d in derived] == ["IMG_0001-1.png"]
    assert source_for(derived[0].path).media_type == "image/png"
    with Image.open(derived[0].path) as png:
        assert png.size[0] > 100 and not png.info.get("exif")


def test_the_png_is_ocrd_by_the_image_extractor(tmp_path):
    from tests.extract.documents.factory import PHONES

    _, (png,) = run(factory.heic(tmp_path / "photo.heic"), tmp_path)
    (item,), _ = run(png.path, tmp_path)
    assert item.meta["format"] == "image" and PHONES[3] in item.segments[0].text


def test_truncated_photo_is_refused_with_its_name(tmp_path):
    data = factory.heic(tmp_path / "a.heic").read_bytes()
    (tmp_path / "cut.heic").write_bytes(data[: len(data) // 2])
    with pytest.raises(InputError, match="cut.heic"):
        run(tmp_path / "cut.heic", tmp_path)


def test_oversized_pictures_are_refused_before_decoding(tmp_path, monkeypatch):
    monkeypatch.setattr(heic, "MAX_PIXELS", 1000)
    with pytest.raises(HostileInput, match="big.heic.*decompression bomb"):
        run(factory.heic(tmp_path / "big.heic"), tmp_path)


def test_a_header_alone_is_refused(tmp_path):
    (tmp_path / "header.heic").write_bytes(b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 64)
    with pytest.raises(InputError, match="header.heic"):
        run(tmp_path / "header.heic", tmp_path)
