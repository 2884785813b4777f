"""The leak scan's OCR is kept in the case: ``verify --case`` after ``bundle`` reads no picture again, and
still reads every picture the case has not read (an edited bundle, another case, other OCR settings)."""

from __future__ import annotations

import shutil
import sqlite3

import pytest
from click.testing import CliRunner
from PIL import Image

from redactor.bundle import pictures as pictures_module
from redactor.bundle.facts import redacted_values
from redactor.bundle.leaks import Scanner, Watch
from redactor.bundle.pictures import Picture, find_pictures, picture_hits, read_pictures_once
from redactor.case import CaseStore
from redactor.cli import main
from tests.bundle.test_verify_leaks import plant_picture

SCOPE = "picture-ocr/test tesseract 0"


class Reader:
    """A stand-in tesseract that counts the pages it is given; page N (of :func:`pictures`, key ``k{N-1}``) reads ``texts[key]``."""

    def __init__(self, texts: dict[str, str]) -> None:
        self.texts, self.read = texts, []

    def draw(self, path, index):
        return Image.new("L", (100 + index, 10), 255)  # the page's index in its width

    def __call__(self, paths):
        self.read += paths
        return [self.texts[f"k{Image.open(p).width - 100}"] for p in paths]


def pictures(*keys: str) -> list[Picture]:
    return [Picture("bundle.pdf", int(key[1:]) + 1, key) for key in keys]


def test_a_reading_is_kept_in_the_case_and_not_read_again(tmp_path):
    with CaseStore.create(tmp_path / "case") as store:
        first = Reader({"k0": "ring 07700 900123"})
        texts = read_pictures_once(tmp_path, pictures("k0"), 1, store, read=first, draw=first.draw, scope=SCOPE)
        assert texts == {"k0": "ring 07700 900123"} and len(first.read) == 1
        again = Reader({})
        assert read_pictures_once(tmp_path, pictures("k0"), 1, store, read=again, draw=again.draw, scope=SCOPE) == texts
        assert again.read == []  # nothing given to tesseract
        stored = sqlite3.connect(store.db_path).execute("SELECT key FROM picture_ocr").fetchall()
        assert [len(k) for (k,) in stored] == [64] and stored[0][0] != "k0"  # a digest of the settings and the key


def test_a_picture_the_case_has_not_read_is_read_and_its_value_found(tmp_path):
    with CaseStore.create(tmp_path / "case") as store:
        first = Reader({"k0": "nothing here"})
        read_pictures_once(tmp_path, pictures("k0"), 1, store, read=first, draw=first.draw, scope=SCOPE)
        reader = Reader({"k0": "nothing here", "k1": "call 07700 900123 now"})
        found = pictures("k0", "k1")
        texts = read_pictures_once(tmp_path, found, 1, store, read=reader, draw=reader.draw, scope=SCOPE)
        assert len(reader.read) == 1  # only the new picture
        hits = list(picture_hits(found, texts, Scanner([Watch("07700 900123", "phone")]).find))
        assert [(p.page, label) for p, label in hits] == [(2, "phone")]


def test_a_reading_under_other_settings_or_tesseract_is_not_used(tmp_path):
    with CaseStore.create(tmp_path / "case") as store:
        old = Reader({"k0": "nothing here"})
        read_pictures_once(tmp_path, pictures("k0"), 1, store, read=old, draw=old.draw, scope=SCOPE)
        new = Reader({"k0": "call 07700 900123 now"})
        texts = read_pictures_once(tmp_path, pictures("k0"), 1, store, read=new, draw=new.draw, scope=SCOPE + ".1")
        assert len(new.read) == 1 and texts == {"k0": "call 07700 900123 now"}


def test_without_a_case_every_picture_is_read(tmp_path):
    reader = Reader({"k0": "a", "k1": "b"})
    assert read_pictures_once(tmp_path, pictures("k0", "k1"), 1, None, read=reader, draw=reader.draw) == {"k0": "a", "k1": "b"}
    assert len(reader.read) == 2


def test_the_scope_names_tesseract_and_the_settings():
    scope = pictures_module.ocr_scope()
    assert "tesseract 5" in scope or "tesseract 4" in scope
    assert all(part in scope for part in ("lang eng", "--psm 3", f"dpi {pictures_module.OCR_DPI}"))


def verify(out, case):
    return CliRunner().invoke(main, ["verify", str(out), "--case", str(case)], catch_exceptions=False)


@pytest.fixture()
def tesseract_pages(monkeypatch):
    """The pages handed to tesseract (it still reads them)."""
    read, real = [], pictures_module.ocr_texts

    def counting(paths):
        read.extend(paths)
        return real(paths)

    monkeypatch.setattr(pictures_module, "ocr_texts", counting)
    return read


@pytest.mark.slow
def test_verify_after_bundle_reads_no_picture_again(built, tesseract_pages):
    case, out = built
    files = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.pdf"))
    assert find_pictures(out, files)  # the demo bundle has pictures (a scan, a photo)
    result = verify(out, case)
    assert result.exit_code == 0, result.output
    assert tesseract_pages == []  # bundle's own scan before sealing read them all


@pytest.mark.slow
def test_a_picture_planted_after_sealing_is_read_and_fails_verify(built, tesseract_pages, tmp_path):
    case, out = built
    with CaseStore.open(case) as store:
        value = sorted(v for v, _ in redacted_values(store) if len(v) > 8 and any(c.isdigit() for c in v))[0]
    copy = tmp_path / "bundle"
    shutil.copytree(out, copy)
    plant_picture(copy, value)
    result = verify(copy, case)
    assert result.exit_code == 5, result.output
    assert "leak: bundle.pdf (picture on page 2, OCR): " in result.output and value not in result.output
    assert len(tesseract_pages) == 1  # the new picture set alone; every other one the case had read
