"""The leak scan's reading of pictures: what every page that draws an image shows, read by tesseract.

A picture of a redacted value has no text layer and its pixels are no bytes a search can find,
so every page of every bundle PDF that draws an image (a rasterised page, a scan, a photo) is
drawn by pdfium and read by tesseract (``OMP_THREAD_LIMIT=1``, one tesseract process per core).
Pages without images need no reading: all they show is text, which the text-layer scan reads.
A page is read once per set of images it draws (SHA-256 of each image's stored bytes), so the
copy of an item's page in ``bundle.pdf`` is not read again; every page that draws the set gets
the result, so each is named in the report. Pages go to tesseract in batches of up to
:data:`BATCH` (one process reads a list of page images, loading its model once: about 15% less
CPU than a process per page, and the same words); a batch that fails is read again page by page,
so the page that cannot be read is the one named.

A reading is kept in the case (:func:`read_pictures_once`, schema v9) under the SHA-256 of the
image set's key and of what the reading depends on besides the pictures (tesseract's version, the
language, the page segmentation mode, the resolution: :func:`ocr_scope`), so ``verify --case``
after ``bundle`` reads none of the pictures ``bundle``'s own scan read. A picture whose key the
case does not hold (a bundle edited after sealing, another case's bundle, other OCR settings) is
read by tesseract as before. Like the reading within one scan, the cache takes the pictures a page
draws to decide what it shows (the text and vector content are searched by the text scan).

No picture is skipped: every one the bundle holds is a drawing of an original page or image,
which can show anything the original showed, and reading it is what makes the scan see a value
that extraction missed and a box put in the wrong place.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from redactor.case.cache import content_key
from redactor.errors import VerificationError
from redactor.locks import PDFIUM_LOCK

log = logging.getLogger(__name__)

BATCH = 8  # pages per tesseract process
OCR_DPI = 200  # item pages are rasterised at 150 dpi: this reads them at their own resolution or better
MAX_PIXELS = 40_000_000
PSM = "--psm 3"


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


class PictureCache(Protocol):
    """Where readings are kept: the case (``CaseStore``)."""

    def cached_pictures(self, keys: Iterable[str]) -> Mapping[str, str]: ...

    def cache_pictures(self, texts: Mapping[str, str]) -> None: ...


@functools.cache
def ocr_scope() -> str:
    """What a reading depends on besides the pictures: tesseract's version and how it is asked to read."""
    import pytesseract

    from redactor.extract.ocr import DEFAULT

    version = pytesseract.get_tesseract_version()
    return f"picture-ocr/1 tesseract {version} lang {DEFAULT.lang} {PSM} dpi {OCR_DPI} max {MAX_PIXELS} grey"


def read_pictures_once(out: Path, pictures: Sequence[Picture], workers: int, cache: PictureCache | None, **kwargs: Any) -> dict[str, str]:
    """:func:`read_pictures`, with the readings ``cache`` holds taken from it and the new ones kept in it."""
    if cache is None or not pictures:
        return read_pictures(out, pictures, workers, **kwargs)
    try:
        scope = kwargs.pop("scope", None) or ocr_scope()
    except Exception:  # noqa: BLE001 - no tesseract to name: read as before, which fails closed naming the page
        return read_pictures(out, pictures, workers, **kwargs)
    stored = {p.key: content_key(scope, p.key) for p in pictures}
    known = cache.cached_pictures(stored.values())
    texts = {key: known[digest] for key, digest in stored.items() if digest in known}
    new = read_pictures(out, [p for p in pictures if p.key not in texts], workers, **kwargs)
    cache.cache_pictures({stored[key]: text for key, text in new.items()})
    log.info("leak scan OCR: %d picture sets read from the case, %d read by tesseract", len(texts), len(new))
    return texts | new


def read_pictures(
    out: Path,
    pictures: Sequence[Picture],
    workers: int,
    *,
    read: Callable[[Sequence[str]], Sequence[str]] | None = None,
    draw: Callable[[Path, int], Any] | None = None,
) -> dict[str, str]:
    """The text tesseract reads on each distinct image set (by key), ``workers`` batches at a time.

    A thread per worker draws its pages (pdfium calls hold :data:`PDFIUM_LOCK`) and waits on its
    tesseract process, so the reading runs in parallel processes while nothing is pickled."""
    first: dict[str, Picture] = {}
    for p in pictures:
        first.setdefault(p.key, p)
    if not first:
        return {}
    read, draw = read or ocr_texts, draw or draw_page
    todo = list(first.values())
    size = max(1, min(BATCH, -(-len(todo) // max(1, workers))))  # every worker gets work
    batches = [todo[i : i + size] for i in range(0, len(todo), size)]

    def batch(pages: Sequence[Picture]) -> list[str]:
        try:
            return _read(out, pages, read, draw)
        except Exception:  # noqa: BLE001 - read again one by one: the page that fails is the one named
            if len(pages) == 1:
                raise _unreadable(pages[0]) from None
        texts = []
        for picture in pages:
            try:
                texts += _read(out, [picture], read, draw)
            except Exception:  # noqa: BLE001 - fail closed: a picture nobody could read is not shown clean
                raise _unreadable(picture) from None
        return texts

    with ThreadPoolExecutor(max_workers=max(1, min(workers, len(batches))), thread_name_prefix="leak-ocr") as pool:
        texts = [text for done in pool.map(batch, batches) for text in done]
    return dict(zip(first, texts, strict=True))


def _read(out: Path, pages: Sequence[Picture], read, draw) -> list[str]:
    with tempfile.TemporaryDirectory(prefix="redactor-leak-") as tmp:
        paths = []
        for n, picture in enumerate(pages):
            path = os.path.join(tmp, f"page{n}.pgm")  # uncompressed: tesseract reads it at once
            draw(out / picture.file, picture.page - 1).save(path)
            paths.append(path)
        texts = list(read(paths))
    if len(texts) != len(pages):
        raise ValueError("tesseract answered for another number of pages")
    return texts


def _unreadable(picture: Picture) -> VerificationError:
    return VerificationError(
        f"{picture.file} page {picture.page}: its pictures could not be read by OCR",
        hint="the bundle cannot be shown free of redacted values; check that tesseract works and verify again",
    )


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


def ocr_texts(image_paths: Sequence[str]) -> list[str]:
    """What tesseract reads in each image (its words, a line of the page per line), one process for them all."""
    import pytesseract

    from redactor.extract.ocr import DEFAULT

    os.environ["OMP_THREAD_LIMIT"] = "1"  # pytesseract passes os.environ to the tesseract process
    source = image_paths[0]
    if len(image_paths) > 1:  # tesseract reads a text file as the list of images to read
        source = os.path.join(os.path.dirname(image_paths[0]), "pages.txt")
        with open(source, "w", encoding="utf-8") as handle:
            handle.write("\n".join(image_paths) + "\n")
    data = pytesseract.image_to_data(
        source, lang=DEFAULT.lang, config=PSM, output_type=pytesseract.Output.DICT, timeout=DEFAULT.timeout * len(image_paths)
    )
    read = {int(n) for n, level in zip(data["page_num"], data["level"], strict=True) if int(level) == 1}
    if read != set(range(1, len(image_paths) + 1)):  # every page answers with a page row, words or not
        raise ValueError("tesseract did not read every page")
    lines: list[dict[tuple[int, int, int], list[str]]] = [{} for _ in image_paths]
    for i, text in enumerate(data["text"]):
        text = (text or "").strip()
        if text and int(data["level"][i]) == 5:
            line = (int(data["block_num"][i]), int(data["par_num"][i]), int(data["line_num"][i]))
            lines[int(data["page_num"][i]) - 1].setdefault(line, []).append(text)
    return ["\n".join(" ".join(words) for words in page.values()) for page in lines]


def picture_hits(pictures: Sequence[Picture], texts: dict[str, str], find: Callable[[str], str | None]) -> Iterator[tuple[Picture, str]]:
    """(page, label) for every picture page whose image set shows a watched value."""
    labels = {key: find(text) for key, text in texts.items()}
    for p in pictures:
        if labels.get(p.key) is not None:
            yield p, labels[p.key]
