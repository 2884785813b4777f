"""PDFs with a text layer: one segment per page, with word boxes from pdfium.

Word boxes are the union of the word's character boxes, padded so that a box drawn
over them covers the glyphs completely. Offsets index the page text as pdfium
returns it, so a flag's span maps straight to the words it touches.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pypdfium2 as pdfium

from redactor.errors import CorruptInput, EmptyInput, EncryptedInput
from redactor.extract import extractor
from redactor.stages import StageContext
from redactor.records import DOCUMENT, Box, Item, Segment, Source, Word, stable_id

PAD_X, PAD_Y = 1.0, 1.5


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


def _accepts(source: Source, path: Path, head: bytes) -> bool:
    return source.media_type == "application/pdf"


@extractor("pdf", accepts=_accepts, priority=100)
def extract_pdf(source: Source, path: Path, ctx: StageContext) -> Iterator[Item]:
    pdf = open_pdf(path)
    try:
        if len(pdf) == 0:
            raise EmptyInput(f"{path}: PDF has no pages")
        item_id = stable_id(source.source_id, "file")
        segments = []
        for index in range(len(pdf)):
            page = pdf[index]
            textpage = page.get_textpage()
            text = page_text(textpage)
            segments.append(
                Segment(stable_id(item_id, index), item_id, index, "page", text, page=index + 1,
                        page_size=tuple(page.get_size()), words=page_words(textpage, text), origin="pdf-text")
            )
            textpage.close()
            page.close()
    finally:
        pdf.close()
    yield Item(item_id, source.source_id, "file", DOCUMENT, source.name, tuple(segments), {"format": "pdf", "pages": len(segments)})
