"""PDFs: one segment per page, from the text layer where it is usable and from OCR where not.

Text-layer words come from :mod:`redactor.extract.pdftext` (character boxes unioned
and padded; hyphenation at line ends undone for reading, one box per line).

A page is OCR'd (see :mod:`redactor.extract.ocr`) when :mod:`redactor.extract.pdfcheck`
does not trust its text layer: pages are decided one by one, so mixed documents work. A page
whose text layer is sound but whose pictures show ink the layer does not explain keeps its
layer, and only the pictures are OCR'd (:mod:`redactor.extract.pdfpictures`). A page
whose OCR confidence is poor is listed in the item's ``review_pages``.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pypdfium2 as pdfium

from redactor.errors import CorruptInput, EmptyInput, EncryptedInput
from redactor.extract import extractor
from redactor.extract.ocr import PageTask, layout, ocr_pages, pixels_to_page, review_entry
from redactor.extract.pdfcheck import agrees, layer_doubt, layer_unreadable, pictures_to_read, uses_tiling_pattern
from redactor.extract.pdfextras import LINK_ORIGIN, Extras, read_extras
from redactor.extract.pdfpictures import Picture, add_pictures
from redactor.extract.pdftext import page_text, page_words, reading
from redactor.locks import PDFIUM_LOCK
from redactor.records import DOCUMENT, Box, DerivedFile, Item, Segment, Source, stable_id
from redactor.stages import StageContext

log = logging.getLogger(__name__)


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


def _accepts(source: Source, path: Path, head: bytes) -> bool:
    return source.media_type == "application/pdf"


@extractor("pdf", accepts=_accepts, priority=100)
def extract_pdf(source: Source, path: Path, ctx: StageContext) -> Iterator[Item | DerivedFile]:
    item_id = stable_id(source.source_id, "file")
    pages, scanned, doubted, pictures = _text_pages(path, item_id)
    review, distrusted = [], []
    tasks = [PageTask("pdf", str(path), i) for i, _ in scanned] + [PageTask("pdf", str(path), p.index, p.region) for p in pictures]
    recognised = ocr_pages(tasks, label=str(path), cache=ctx.work_dir / "ocr" if ctx is not None else None)
    review += add_pictures(pages, pictures, recognised[len(scanned) :])
    for (index, crop), ocr in zip(scanned, recognised[: len(scanned)], strict=True):
        text, words = layout(ocr, pixels_to_page(ocr, crop))
        if index in doubted:
            if agrees(pages[index].text, text):
                continue  # OCR reads what the layer holds: keep the layer (exact boxes)
            distrusted.append({"page": index + 1, "reason": doubted[index]})
        size = (crop[2] - crop[0], crop[3] - crop[1])
        pages[index] = Segment(
            stable_id(item_id, index), item_id, index, "page", text, page=index + 1, page_size=size, words=words, origin="ocr"
        )
        if (entry := review_entry(index + 1, ocr)) is not None:
            review.append(entry)
    pictured = {p.index + 1 for p in pictures}
    extras = read_file_extras(path, source, ctx)
    yield from extras.derived
    segments = tuple(pages[i] for i in sorted(pages))
    meta = {
        "format": "pdf",
        "annotations_not_reproduced": extras.annotations,
        "embedded_files": extras.embedded,
        "pages": len(segments),
        "ocr_pages": sorted({i + 1 for i, _ in scanned} - {i + 1 for i in doubted} | {d["page"] for d in distrusted} | pictured),
        "pictures_ocr_pages": sorted(pictured),  # pages that kept their text layer and had only their pictures OCR'd
        "text_layer_distrusted": distrusted,
        "review_pages": sorted(review, key=lambda entry: entry["page"]),
        "pages_without_words": [s.page for s in segments if not s.words],
    }
    log.info("pdf %s: %d pages, %d OCR'd, %d for review", source.ref, len(segments), len(scanned), len(review))
    segments += tuple(_link_segments(item_id, pages, extras.links))
    yield Item(item_id, source.source_id, "file", DOCUMENT, source.name, segments, meta)


def read_file_extras(path: Path, source: Source, ctx: StageContext | None) -> Extras:
    """Comments, form fields, links and embedded files (see :mod:`redactor.extract.pdfextras`)."""
    with PDFIUM_LOCK:
        pdf = open_pdf(path)
        try:
            return read_extras(pdf, source, ctx)
        finally:
            pdf.close()


def _link_segments(item_id: str, pages: dict[int, Segment], links: list[tuple[int, str]]) -> list[Segment]:
    """One ``links`` segment per page with links: their targets, one a line, for detection only (never drawn)."""
    by_page: dict[int, list[str]] = {}
    for page, target in links:
        by_page.setdefault(page, []).append(target)
    return [
        Segment(
            stable_id(item_id, "links", page),
            item_id,
            len(pages) + k,
            "links",
            "\n".join(targets),
            page=page,
            page_size=pages[page - 1].page_size,
            origin=LINK_ORIGIN,
        )
        for k, (page, targets) in enumerate(sorted(by_page.items()))
    ]


def _text_pages(path: Path, item_id: str) -> tuple[dict[int, Segment], list[tuple[int, Box]], dict[int, str], list[Picture]]:
    """Segments of the pages whose text layer is usable, the pages (with crop boxes) to OCR whole,
    the pages whose layer is doubted (with the reason): they are OCR'd too, and kept only if OCR agrees;
    and the pictures to OCR on pages whose layer is kept (a doubted page with such pictures is OCR'd whole)."""
    pdf = open_pdf(path)
    pages: dict[int, Segment] = {}
    scanned: list[tuple[int, Box]] = []
    doubted: dict[int, str] = {}
    pictures: list[Picture] = []
    try:
        if len(pdf) == 0:
            raise EmptyInput(f"{path}: PDF has no pages")
        patterned = _patterned_pages(path, len(pdf))
        for index in range(len(pdf)):
            page = pdf[index]
            textpage = page.get_textpage()
            text = page_text(textpage)
            crop = tuple(page.get_bbox())
            regions = [] if layer_unreadable(text) else pictures_to_read(page, textpage, text, patterned=patterned[index])
            if layer_unreadable(text) or (regions and layer_doubt(text) is not None):
                scanned.append((index, crop))
            else:
                read = reading(text)
                pages[index] = Segment(
                    stable_id(item_id, index),
                    item_id,
                    index,
                    "page",
                    read.text,
                    page=index + 1,
                    page_size=_unrotated_size(page),
                    words=page_words(textpage, read),
                    origin="pdf-text",
                )
                if (doubt := layer_doubt(text)) is not None:
                    doubted[index] = doubt
                    scanned.append((index, crop))
                pictures += [Picture(index, crop, region) for region in regions]
            textpage.close()
            page.close()
    finally:
        pdf.close()
    return pages, scanned, doubted, pictures


def _unrotated_size(page: pdfium.PdfPage) -> tuple[float, float]:
    """Width and height of the crop box before /Rotate: the space word boxes are in (as for OCR'd pages)."""
    left, bottom, right, top = page.get_bbox()
    return (right - left, top - bottom)


def _patterned_pages(path: Path, count: int) -> list[bool]:
    """For each page, whether it paints with a tiling pattern (pypdf reads the resources pdfium hides).
    A file pypdf cannot read page by page counts as patterned throughout (its pages are checked whole)."""
    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(str(path))
        if len(reader.pages) != count:
            return [True] * count
        return [uses_tiling_pattern(page.get("/Resources")) for page in reader.pages]
    except Exception:  # noqa: BLE001 - pypdf cannot read what pdfium repaired
        return [True] * count
