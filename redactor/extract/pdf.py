"""PDFs: one segment per page, from the text layer where it is usable and from OCR where not.

Text-layer words are the union of their character boxes, padded so that a box drawn
over them covers the glyphs completely. Offsets index the page text as pdfium
returns it, so a flag's span maps straight to the words it touches.

A page is OCR'd (see :mod:`redactor.extract.ocr`) when its text layer is missing,
too small or unreadable (no Unicode mapping), or when a large image on it carries
no text of its own (a scan with only a stamped header): pages are decided one by
one, so mixed documents work. A page whose OCR confidence is poor is listed in the
item's ``review_pages``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from redactor.errors import CorruptInput, EmptyInput, EncryptedInput
from redactor.extract import extractor
from redactor.extract.ocr import PageTask, layout, ocr_pages, pixels_to_page, review_entry
from redactor.stages import StageContext
from redactor.records import DOCUMENT, Box, Item, Segment, Source, Word, stable_id

PAD_X, PAD_Y = 1.0, 1.5
MAX_UNREADABLE = 0.3  # share of characters without a Unicode mapping above which the text layer is not trusted
IMAGE_SHARE = 0.15  # an image covering this share of the page ...
MIN_CHARS_ON_IMAGE = 5  # ... with fewer text characters on it than this is content only OCR can read


def open_pdf(path: Path) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        message = str(exc).lower()
        if "password" in message:
            raise EncryptedInput(f"{path}: PDF is encrypted") from None
        raise CorruptInput(f"{path}: PDF cannot be opened ({exc})") from None


def page_text(textpage: pdfium.PdfTextPage) -> str:
    count = textpage.count_chars()
    text = textpage.get_text_range()
    if len(text) != count:  # characters outside the BMP: fetch one by one to keep indices aligned
        text = "".join(textpage.get_text_range(i, 1) or "\ufffd" for i in range(count))
    return text


def page_words(textpage: pdfium.PdfTextPage, text: str) -> tuple[Word, ...]:
    """Whitespace-separated words with the union of their character boxes."""
    words: list[Word] = []
    start: int | None = None
    box: list[float] = []
    for i, ch in enumerate(text):
        if ch.isspace():
            if start is not None and box:
                words.append(Word(start, i, _pad(box)))
            start, box = None, []
            continue
        if start is None:
            start = i
        left, bottom, right, top = textpage.get_charbox(i)
        if right > left and top > bottom:  # generated characters have no extent
            box = [left, bottom, right, top] if not box else [min(box[0], left), min(box[1], bottom), max(box[2], right), max(box[3], top)]
    if start is not None and box:
        words.append(Word(start, len(text), _pad(box)))
    return tuple(words)


def _pad(box: list[float]) -> Box:
    x0, y0, x1, y1 = box
    pad_y = max(PAD_Y, (y1 - y0) * 0.25)
    return (x0 - PAD_X, y0 - pad_y, x1 + PAD_X, y1 + pad_y)


def _unreadable(ch: str) -> bool:
    return ch == "\ufffd" or "\ue000" <= ch <= "\uf8ff" or (ord(ch) < 32 and not ch.isspace())


def needs_ocr(page: pdfium.PdfPage, textpage: pdfium.PdfTextPage, text: str) -> bool:
    """True when the page's text layer cannot be trusted to hold everything a reader sees."""
    visible = [ch for ch in text if not ch.isspace()]
    if not visible or sum(map(_unreadable, visible)) > MAX_UNREADABLE * len(visible):
        return True
    left, bottom, right, top = page.get_cropbox()
    area = max(1.0, (right - left) * (top - bottom))
    centres = None
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=4):
        x0, y0, x1, y1 = obj.get_pos()
        x0, y0, x1, y1 = max(x0, left), max(y0, bottom), min(x1, right), min(y1, top)
        if x1 <= x0 or y1 <= y0 or (x1 - x0) * (y1 - y0) < IMAGE_SHARE * area:
            continue
        if centres is None:
            centres = _char_centres(textpage, text)
        if sum(1 for cx, cy in centres if x0 <= cx <= x1 and y0 <= cy <= y1) < MIN_CHARS_ON_IMAGE:
            return True
    return False


def _char_centres(textpage: pdfium.PdfTextPage, text: str) -> list[tuple[float, float]]:
    centres = []
    for i, ch in enumerate(text):
        if not ch.isspace():
            l, b, r, t = textpage.get_charbox(i)
            centres.append(((l + r) / 2, (b + t) / 2))
    return centres


def _accepts(source: Source, path: Path, head: bytes) -> bool:
    return source.media_type == "application/pdf"


@extractor("pdf", accepts=_accepts, priority=100)
def extract_pdf(source: Source, path: Path, ctx: StageContext) -> Iterator[Item]:
    item_id = stable_id(source.source_id, "file")
    pages, scanned = _text_pages(path, item_id)
    review = []
    for (index, crop), ocr in zip(scanned, ocr_pages([PageTask("pdf", str(path), i) for i, _ in scanned], label=str(path))):
        text, words = layout(ocr, pixels_to_page(ocr, crop))
        size = (crop[2] - crop[0], crop[3] - crop[1])
        pages[index] = Segment(stable_id(item_id, index), item_id, index, "page", text, page=index + 1,
                               page_size=size, words=words, origin="ocr")
        if ocr.needs_review():
            review.append(review_entry(index + 1, ocr))
    segments = tuple(pages[i] for i in sorted(pages))
    meta = {"format": "pdf", "pages": len(segments), "ocr_pages": [i + 1 for i, _ in scanned], "review_pages": review,
            "pages_without_text": [s.page for s in segments if not s.words]}
    yield Item(item_id, source.source_id, "file", DOCUMENT, source.name, segments, meta)


def _text_pages(path: Path, item_id: str) -> tuple[dict[int, Segment], list[tuple[int, tuple[float, float, float, float]]]]:
    """Segments of the pages whose text layer is usable, and the pages (with crop boxes) to OCR."""
    pdf = open_pdf(path)
    pages: dict[int, Segment] = {}
    scanned: list[tuple[int, tuple[float, float, float, float]]] = []
    try:
        if len(pdf) == 0:
            raise EmptyInput(f"{path}: PDF has no pages")
        for index in range(len(pdf)):
            page = pdf[index]
            textpage = page.get_textpage()
            text = page_text(textpage)
            if needs_ocr(page, textpage, text):
                scanned.append((index, tuple(page.get_cropbox())))
            else:
                pages[index] = Segment(stable_id(item_id, index), item_id, index, "page", text, page=index + 1,
                                       page_size=tuple(page.get_size()), words=page_words(textpage, text), origin="pdf-text")
            textpage.close()
            page.close()
    finally:
        pdf.close()
    return pages, scanned
