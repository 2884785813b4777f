"""The leak scan's reading of pictures: what every page that draws an image shows, read by tesseract.

A picture of a redacted value has no text layer and its pixels are no bytes a search can find,
so every page of every bundle PDF that draws an image (a rasterised page, a scan, a photo) is
drawn by pdfium and read by tesseract (``OMP_THREAD_LIMIT=1``, one tesseract process per core).
Pages without images need no reading: all they show is text, which the text-layer scan reads.
A page is read once per set of images it draws (SHA-256 of each image's stored bytes), so the
copy of an item's page in ``bundle.pdf`` is not read again; every page that draws the set gets
the result, so each is named in the report.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from redactor.errors import VerificationError
from redactor.locks import PDFIUM_LOCK

OCR_DPI = 200  # item pages are rasterised at 150 dpi: this reads them at their own resolution or better
MAX_PIXELS = 40_000_000


@dataclass(frozen=True, slots=True)
class Picture:
    """A bundle page that draws images: its file (bundle-relative), 1-based page number and image set."""

    file: str
    page: int
    key: str


def find_pictures(out: Path, files: Sequence[str]) -> list[Picture]:
    """Every page of ``files`` (bundle-relative PDFs) that draws at least one image, in file and page order."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    found: list[Picture] = []
    for name in files:
        with PDFIUM_LOCK:  # pdfium is not thread-safe
            try:
                pdf = pdfium.PdfDocument(out / name)
            except pdfium.PdfiumError:
                continue  # an unreadable PDF is still scanned as bytes
            try:
                for index in range(len(pdf)):
                    page = pdf[index]
                    images = page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=15)
                    digests = sorted(hashlib.sha256(bytes(i.get_data(decode_simple=False))).hexdigest() for i in images)
                    page.close()
                    if digests:
                        found.append(Picture(name, index + 1, hashlib.sha256("".join(digests).encode()).hexdigest()))
            finally:
                pdf.close()
    return found


def read_pictures(
    out: Path,
    pictures: Sequence[Picture],
    workers: int,
    *,
    read: Callable[[str], str] | None = None,
    draw: Callable[[Path, int], Any] | None = None,
) -> dict[str, str]:
    """The text tesseract reads on each distinct image set (by key), ``workers`` pages at a time.

    A thread per worker draws its page (pdfium calls hold :data:`PDFIUM_LOCK`) and waits on its
    tesseract process, so the reading runs in parallel processes while nothing is pickled."""
    first: dict[str, Picture] = {}
    for p in pictures:
        first.setdefault(p.key, p)
    if not first:
        return {}
    read, draw = read or ocr_text, draw or draw_page

    def one(picture: Picture) -> str:
        try:
            with tempfile.TemporaryDirectory(prefix="redactor-leak-") as tmp:
                path = os.path.join(tmp, "page.pgm")  # uncompressed: tesseract reads it at once
                draw(out / picture.file, picture.page - 1).save(path)
                return read(path)
        except Exception as exc:  # noqa: BLE001 - fail closed: a picture nobody could read is not shown clean
            raise VerificationError(
                f"{picture.file} page {picture.page}: its pictures could not be read by OCR ({type(exc).__name__})",
                hint="the bundle cannot be shown free of redacted values; check that tesseract works and verify again",
            ) from None

    with ThreadPoolExecutor(max_workers=max(1, min(workers, len(first))), thread_name_prefix="leak-ocr") as pool:
        return dict(zip(first, pool.map(one, first.values()), strict=True))


def draw_page(path: Path, index: int):
    """Page ``index`` of the PDF at :data:`OCR_DPI` (lower for a page that would exceed :data:`MAX_PIXELS`), grey."""
    import pypdfium2 as pdfium

    with PDFIUM_LOCK:
        pdf = pdfium.PdfDocument(path)
        try:
            page = pdf[index]
            width, height = page.get_size()
            scale = min(OCR_DPI / 72, (MAX_PIXELS / max(1.0, width * height)) ** 0.5)
            image = page.render(scale=scale, grayscale=True).to_pil()
            page.close()
            return image
        finally:
            pdf.close()


def ocr_text(image_path: str) -> str:
    """What tesseract reads in the image: its words, a line of the page per line."""
    from redactor.extract.ocr import tesseract_words

    lines: dict[tuple[int, int, int], list[str]] = {}
    for word in tesseract_words(image_path):  # one tesseract process, OMP_THREAD_LIMIT=1
        lines.setdefault(word.line, []).append(word.text)
    return "\n".join(" ".join(words) for words in lines.values())


def picture_hits(pictures: Sequence[Picture], texts: dict[str, str], find: Callable[[str], str | None]) -> Iterator[tuple[Picture, str]]:
    """(page, label) for every picture page whose image set shows a watched value."""
    labels = {key: find(text) for key, text in texts.items()}
    for p in pictures:
        if labels.get(p.key) is not None:
            yield p, labels[p.key]
