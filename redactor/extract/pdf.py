"""PDFs: one segment per page, from the text layer where it is usable and from OCR where not.

Text-layer words are the union of their character boxes, padded so that a box drawn
over them covers the glyphs completely. Offsets index the page text as pdfium
returns it, so a flag's span maps straight to the words it touches.

A page is OCR'd (see :mod:`redactor.extract.ocr`) when its text layer is missing
or unreadable (no Unicode mapping), or when an image on it shows ink that no
character of the text layer accounts for (a scan with only a stamped header, a
picture of a name): pages are decided one by one, so mixed documents work. A page
whose OCR confidence is poor is listed in the item's ``review_pages``.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from redactor.errors import CorruptInput, EmptyInput, EncryptedInput
from redactor.extract import extractor
from redactor.extract.ocr import PageTask, layout, ocr_pages, pixels_to_page, review_entry
from redactor.locks import PDFIUM_LOCK
from redactor.records import DOCUMENT, Box, Item, Segment, Source, Word, stable_id
from redactor.stages import StageContext

log = logging.getLogger(__name__)
PAD_X, PAD_Y = 1.0, 1.5
MAX_UNREADABLE = 0.3  # share of characters without a Unicode mapping above which the text layer is not trusted
MIN_IMAGE_SIDE = 8.0  # points; smaller images are rules and specks
INK_SCALE = 1.0  # pixels per point of the ink check (72 dpi) ...
INK_MAX_PIXELS = 20_000_000  # ... or less for a huge page
INK_PAD = 3.0  # points around a line of text that its glyphs may spill into
MAX_UNEXPLAINED_INK = 25  # dark pixels in images that the text layer does not explain; more means OCR the page


def open_pdf(path: Path) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError:
        raise _diagnose(path) from None


def _diagnose(path: Path) -> Exception:
    """Why pdfium refused a file, asked of pypdf (pdfium's error code can be left over from an earlier file)."""
    import logging

    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted:
            return EncryptedInput(f"{path}: PDF is encrypted")
        if len(reader.pages) == 0:
            return EmptyInput(f"{path}: PDF has no pages")
    except Exception:  # noqa: BLE001 - pypdf cannot read it either
        pass
    return CorruptInput(f"{path}: PDF cannot be opened (damaged beyond repair)")


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
    images = _image_regions(page)
    return bool(images) and _unexplained_ink(page, textpage, text, images) > MAX_UNEXPLAINED_INK


def _image_regions(page: pdfium.PdfPage) -> list[Box]:
    """Where images are drawn on the page (clipped to the crop box), ignoring specks and rules."""
    left, bottom, right, top = page.get_cropbox()
    regions = []
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=4):
        x0, y0, x1, y1 = obj.get_bounds()
        x0, y0, x1, y1 = max(x0, left), max(y0, bottom), min(x1, right), min(y1, top)
        if x1 - x0 >= MIN_IMAGE_SIDE and y1 - y0 >= MIN_IMAGE_SIDE:
            regions.append((x0, y0, x1, y1))
    return regions


def _unexplained_ink(page: pdfium.PdfPage, textpage: pdfium.PdfTextPage, text: str, images: list[Box]) -> int:
    """Dark pixels (at 72 dpi) inside images that no line of the text layer accounts for.

    A scan whose text layer came from an earlier OCR has its glyphs under that layer's
    lines; a scan with only a stamped header, or a picture of a name, does not.
    """
    import numpy as np

    left, bottom, right, top = page.get_cropbox()
    scale = min(INK_SCALE, (INK_MAX_PIXELS / max(1.0, (right - left) * (top - bottom))) ** 0.5)
    grey = np.asarray(page.render(scale=scale, draw_annots=False, may_draw_forms=False, grayscale=True).to_pil().convert("L"))
    height, width = grey.shape
    inside = np.zeros(grey.shape, dtype=bool)
    for x0, y0, x1, y1 in images:
        inside[_rows(top - y1, top - y0, height, scale), _cols(x0 - left, x1 - left, width, scale)] = True
    explained = np.zeros(grey.shape, dtype=bool)
    for x0, y0, x1, y1 in _line_boxes(textpage, text):
        explained[
            _rows(top - y1 - INK_PAD, top - y0 + INK_PAD, height, scale), _cols(x0 - left - INK_PAD, x1 - left + INK_PAD, width, scale)
        ] = True
    return int(np.count_nonzero((grey < 160) & inside & ~explained))


def _line_boxes(textpage: pdfium.PdfTextPage, text: str) -> list[Box]:
    """The extent of each line of the text layer (an earlier OCR's layer drifts a little along a line)."""
    boxes: list[Box] = []
    box: list[float] = []
    for i, ch in enumerate(text + "\n"):
        if ch in "\r\n":
            if box:
                boxes.append(tuple(box))
            box = []
        elif not ch.isspace():
            x0, y0, x1, y1 = textpage.get_charbox(i)
            box = [x0, y0, x1, y1] if not box else [min(box[0], x0), min(box[1], y0), max(box[2], x1), max(box[3], y1)]
    return boxes


def _rows(y0: float, y1: float, height: int, scale: float) -> slice:
    return slice(max(0, int(y0 * scale)), min(height, int(y1 * scale) + 1))


def _cols(x0: float, x1: float, width: int, scale: float) -> slice:
    return slice(max(0, int(x0 * scale)), min(width, int(x1 * scale) + 1))


def _accepts(source: Source, path: Path, head: bytes) -> bool:
    return source.media_type == "application/pdf"


@extractor("pdf", accepts=_accepts, priority=100)
def extract_pdf(source: Source, path: Path, ctx: StageContext) -> Iterator[Item]:
    item_id = stable_id(source.source_id, "file")
    pages, scanned = _text_pages(path, item_id)
    review = []
    recognised = ocr_pages([PageTask("pdf", str(path), i) for i, _ in scanned], label=str(path))
    for (index, crop), ocr in zip(scanned, recognised, strict=True):
        text, words = layout(ocr, pixels_to_page(ocr, crop))
        size = (crop[2] - crop[0], crop[3] - crop[1])
        pages[index] = Segment(
            stable_id(item_id, index), item_id, index, "page", text, page=index + 1, page_size=size, words=words, origin="ocr"
        )
        if (entry := review_entry(index + 1, ocr)) is not None:
            review.append(entry)
    segments = tuple(pages[i] for i in sorted(pages))
    meta = {
        "format": "pdf",
        "annotations_not_reproduced": annotations(path),
        "pages": len(segments),
        "ocr_pages": [i + 1 for i, _ in scanned],
        "review_pages": review,
        "pages_without_words": [s.page for s in segments if not s.words],
    }
    log.info("pdf %s: %d pages, %d OCR'd, %d for review", source.ref, len(segments), len(scanned), len(review))
    yield Item(item_id, source.source_id, "file", DOCUMENT, source.name, segments, meta)


def annotations(path: Path) -> list[dict[str, int]]:
    """Comments and form fields per page. Outputs never reproduce them (their text is not reviewed),
    so the disclosure officer is told they exist: they may hold relevant material or personal data."""
    found = []
    with PDFIUM_LOCK:
        pdf = open_pdf(path)
        try:
            for index in range(len(pdf)):
                page = pdf[index]
                comments = fields = 0
                for i in range(pdfium_c.FPDFPage_GetAnnotCount(page.raw)):
                    annot = pdfium_c.FPDFPage_GetAnnot(page.raw, i)
                    subtype = pdfium_c.FPDFAnnot_GetSubtype(annot)
                    pdfium_c.FPDFPage_CloseAnnot(annot)
                    if subtype == pdfium_c.FPDF_ANNOT_WIDGET:
                        fields += 1
                    elif subtype not in (pdfium_c.FPDF_ANNOT_LINK, pdfium_c.FPDF_ANNOT_POPUP):
                        comments += 1
                if comments or fields:
                    found.append({"page": index + 1, "comments": comments, "form_fields": fields})
                page.close()
        finally:
            pdf.close()
    return found


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
                pages[index] = Segment(
                    stable_id(item_id, index),
                    item_id,
                    index,
                    "page",
                    text,
                    page=index + 1,
                    page_size=tuple(page.get_size()),
                    words=page_words(textpage, text),
                    origin="pdf-text",
                )
            textpage.close()
            page.close()
    finally:
        pdf.close()
    return pages, scanned
