"""Redact pages of PDFs, scans and images by rasterising them.

For each page: render it to an image, burn a filled box over every word a redaction
touches (with the reason code printed in it), and rebuild an invisible text layer
from the kept words only. Nothing of the original page survives except its pixels
outside the boxes, so no text, object or annotation can be recovered from under a
box. Annotations and form widgets are not drawn: their text was never reviewed; nor are
link targets (``links`` segments: detected, never reproduced). Every output page is then
compared with its original (:mod:`redactor.render.selfcheck`) before the item is accepted.
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image, ImageDraw, ImageFont
from reportlab.pdfbase import pdfmetrics

from redactor.entities import OCR_REVIEW
from redactor.errors import StageError
from redactor.extract.frames import load_frame
from redactor.extract.pdfextras import LINK_ORIGIN
from redactor.locks import PDFIUM_LOCK
from redactor.records import Box, Flag, Item, Redaction, RenderedItem, Segment, Word
from redactor.render import RenderContext, renderer
from redactor.render.parts import page_ranges
from redactor.render.pdfkit import PageSetup, new_canvas, sanitize, text_font, user_units
from redactor.render.selfcheck import PAGE_ORIGINS, page_segments, self_check
from redactor.render.spans import cuts_for, touched_words

MAX_PIXELS = 60_000_000  # a page is drawn at a lower resolution rather than above this (A0 at 150 dpi is 27 million)


def _accepts(item: Item) -> bool:
    return (
        bool(item.segments)
        and all(s.origin in (*PAGE_ORIGINS, LINK_ORIGIN) and s.page_size and s.page for s in item.segments)
        and any(s.origin in PAGE_ORIGINS for s in item.segments)
        and item.meta.get("format") in ("pdf", "image")
    )


def source_path(rctx: RenderContext, item: Item) -> Path:
    """The original file, checked against its SHA-256: a changed original is never rendered."""
    if rctx.open_source is None:
        raise StageError(f"item {rctx.ref}: no way to open its original was given")
    return rctx.open_source(item.source_id)


def _label_font(size: int) -> ImageFont.ImageFont | ImageFont.FreeTypeFont:
    try:
        return ImageFont.load_default(size=size)
    except TypeError:  # Pillow without FreeType
        return ImageFont.load_default()


def burn(image: Image.Image, boxes: Sequence[tuple[Box, str]], scale: float, origin: tuple[float, float, float]) -> None:
    """Fill each box (PDF coordinates) on the page image and print its label."""
    draw = ImageDraw.Draw(image)
    for box, label in boxes:
        px = box_pixels(box, scale, origin)
        draw.rectangle(px, fill=(0, 0, 0))
        placed = label_layout(draw, px, label)
        if placed is not None:
            xy, font = placed
            draw.text(xy, label, fill=(255, 255, 255), font=font)


def box_pixels(box: Box, scale: float, origin: tuple[float, float, float]) -> tuple[float, float, float, float]:
    """The pixel rectangle filled for a box: its extent on the page image plus one pixel all round."""
    left, top, _ = origin
    x0, y0, x1, y1 = box
    return ((x0 - left) * scale - 1, (top - y1) * scale - 1, (x1 - left) * scale + 1, (top - y0) * scale + 1)


def label_layout(draw: ImageDraw.ImageDraw, px: tuple[float, float, float, float], label: str):
    """Where the reason code goes inside a filled box, and in which font; None when it does not fit."""
    px0, py0, px1, py1 = px
    size = max(6, int((py1 - py0 - 2) * 0.6))
    font = _label_font(size)
    width = draw.textlength(label, font=font)
    if not label or width > (px1 - px0) - 4:
        return None
    return ((px0 + px1 - width) / 2, py0 + (py1 - py0 - size) / 2), font


def invisible_words(canvas, words: Sequence[Word], text: str, origin: tuple[float, float]) -> None:
    """Searchable, selectable text for the kept words, drawn in render mode 3 (invisible).

    Consecutive kept words on one line become one string, so text extraction and search
    see phrases, not one word per line; the string is stretched to the words' extent.
    """
    font = text_font()
    left, bottom = origin
    for run in _runs(words):
        x0 = run[0].box[0]
        y0 = min(w.box[1] for w in run)
        y1 = max(w.box[3] for w in run)
        x1 = run[-1].box[2]
        token = " ".join(text[w.start : w.end] for w in run)
        size = max(1.0, (y1 - y0) * 0.7)
        natural = pdfmetrics.stringWidth(token, font, size) or 1.0
        obj = canvas.beginText()
        obj.setTextRenderMode(3)
        obj.setFont(font, size)
        obj.setHorizScale(max(1.0, min(400.0, 100.0 * (x1 - x0) / natural)))
        obj.setTextOrigin(x0 - left, y0 - bottom + (y1 - y0) * 0.2)
        obj.textOut(token)
        canvas.drawText(obj)


def _runs(words: Sequence[Word]) -> list[list[Word]]:
    """Split kept words into runs that are adjacent in the text and on the same line."""
    runs: list[list[Word]] = []
    for word in words:
        if runs:
            last = runs[-1][-1]
            mid = (word.box[1] + word.box[3]) / 2
            same_line = last.box[1] <= mid <= last.box[3] and word.box[0] >= last.box[2] - 1
            if same_line and word.start - last.end <= 2:  # only whitespace between them: nothing removed
                runs[-1].append(word)
                continue
        runs.append([word])
    return runs


def _split(item: Item, flags: Sequence[Flag], rctx: RenderContext) -> list[tuple[Item, Sequence[Flag], tuple[int, int]]]:
    return [(item, flags, span) for span in page_ranges(len(page_segments(item)))]


@renderer("pdf-pages", accepts=_accepts, priority=100, split=_split)
def render_pdf_pages(item: Item, flags: Sequence[Flag], rctx: RenderContext) -> RenderedItem:
    """Every page of the item, or the range ``rctx.part`` (of a long document; its pages numbered as in the whole)."""
    if rctx.part is None:
        return _render_pages(item, flags, rctx)
    first, last = rctx.part
    part = replace(item, segments=tuple(page_segments(item)[first - 1 : last]))  # the links segments are not drawn
    done = _render_pages(part, flags, rctx)
    moved = tuple(replace(r, page=r.page + first - 1) for r in done.redactions)
    return replace(done, redactions=moved)


def _render_pages(item: Item, flags: Sequence[Flag], rctx: RenderContext) -> RenderedItem:
    path = source_path(rctx, item)
    buffer = io.BytesIO()
    redactions: list[Redaction] = []
    canvas = None
    setups: list[PageSetup] = []
    for number, (segment, image, scale, crop, setup) in enumerate(_page_images(item, path, rctx.dpi), start=1):
        left, bottom, right, top = crop
        size = (right - left, top - bottom)
        canvas = canvas or new_canvas(buffer, size)
        canvas.setPageSize(size)
        boxes, kept = _page_plan(segment, flags, crop)
        burn(image, [(b, label) for b, label, _ in boxes], scale, (left, top, bottom))
        canvas.drawImage(_image_reader(image), 0, 0, width=size[0], height=size[1])
        invisible_words(canvas, kept, segment.text, (left, bottom))
        canvas.showPage()
        setups.append(setup)  # /Rotate and /UserUnit are set after reportlab, which would swap the media box
        redactions += [
            Redaction(fid, number, (b[0] - left, b[1] - bottom, b[2] - left, b[3] - bottom), label, ent) for b, label, (fid, ent) in boxes
        ]
    if canvas is None:
        raise StageError(f"item {rctx.ref} has no pages to render")
    canvas.save()
    pdf = sanitize(buffer.getvalue(), setups)
    self_check(item, path, pdf, redactions, rctx.ref)
    return RenderedItem(item.item_id, pdf, len(setups), tuple(redactions))


def _page_images(item: Item, path: Path, dpi: int) -> Iterator[tuple[Segment, Image.Image, float, Box, PageSetup]]:
    """Each page as an RGB image with its scale (pixels per point), crop box in PDF points, /Rotate and /UserUnit.

    Pages are drawn unrotated (the space word boxes are in); a page too large to draw at
    ``dpi`` within :data:`MAX_PIXELS` is drawn at a lower resolution.
    """
    pages = page_segments(item)
    if item.meta.get("format") == "image":
        for segment in pages:
            image, scale = load_frame(path, segment.page - 1)
            width, height = segment.page_size
            if scale > dpi / 72.0:  # no need to carry a 12-megapixel photo at more than the bundle's resolution
                scale = dpi / 72.0
                image = image.resize((max(1, round(width * scale)), max(1, round(height * scale))), Image.LANCZOS)
            yield segment, image, image.width / width, (0.0, 0.0, width, height), PageSetup()
        return
    units = user_units(path)
    with PDFIUM_LOCK:
        pdf = pdfium.PdfDocument(str(path))
        try:
            for segment in pages:
                page = pdf[segment.page - 1]
                rotation = page.get_rotation()
                page.set_rotation(0)
                crop = tuple(
                    page.get_bbox()
                )  # the visible box with inherited /MediaBox and /CropBox (get_cropbox answers Letter when they are inherited)
                area = max(1.0, (crop[2] - crop[0]) * (crop[3] - crop[1]))
                scale = min(dpi / 72.0, 0.998 * (MAX_PIXELS / area) ** 0.5)  # pdfium rounds sizes up
                image = page.render(scale=scale, draw_annots=False, may_draw_forms=False).to_pil().convert("RGB")
                page.close()
                yield segment, image, scale, crop, PageSetup(rotation, units.get(segment.page - 1, 1.0))
        finally:
            pdf.close()


def _page_plan(
    segment: Segment, flags: Sequence[Flag], crop: Box | None = None
) -> tuple[list[tuple[Box, str, tuple[str, str]]], list[Word]]:
    """The boxes to burn (one per touched word, merged per line) and the words to keep.

    A page withheld as a whole (an accepted ``OCR_REVIEW`` flag: its OCR was not
    trusted) becomes one box over the whole page and keeps no words.
    """
    whole = [f for f in flags if f.segment_id == segment.segment_id and f.entity == OCR_REVIEW]
    if whole:
        if crop is None:
            raise StageError(f"segment {segment.segment_id}: a withheld page has no extent", hint="the page cannot be redacted safely")
        return [(crop, whole[0].code, (whole[0].flag_id, OCR_REVIEW))], []
    cuts = cuts_for(segment, flags)
    removed: set[int] = set()
    boxes: list[tuple[Box, str, tuple[str, str]]] = []
    for cut in cuts:
        words = touched_words(segment.words, cut)
        if not words and segment.text[cut.start : cut.end].strip():
            raise StageError(
                f"segment {segment.segment_id}: a redaction has no position on the page", hint="the page cannot be redacted safely"
            )
        for line in _lines(words):
            box = (min(w.box[0] for w in line), min(w.box[1] for w in line), max(w.box[2] for w in line), max(w.box[3] for w in line))
            boxes.append((box, cut.label, (cut.flag_ids[0], "/".join(cut.entities))))
        removed.update(id(w) for w in words)
    kept = _whole([w for w in segment.words if id(w) not in removed])
    return boxes, kept


def _lines(words: Sequence[Word]) -> list[list[Word]]:
    """Group words that sit on the same line, so one box never spans two lines."""
    lines: list[list[Word]] = []
    for word in sorted(words, key=lambda w: w.start):
        if lines:
            last = lines[-1][-1]
            mid = (word.box[1] + word.box[3]) / 2
            piece = (word.start, word.end) == (last.start, last.end)  # pieces of one slanted word: each keeps its box
            if last.box[1] <= mid <= last.box[3] and word.box[0] >= last.box[0] and not piece:
                lines[-1].append(word)
                continue
        lines.append([word])
    return lines


def _whole(words: Sequence[Word]) -> list[Word]:
    """Words with the pieces of a slanted word (same span, one box each) joined into one box, for the text layer."""
    joined: dict[tuple[int, int], Word] = {}
    for w in words:
        have = joined.get((w.start, w.end))
        box = w.box if have is None else (*map(min, have.box[:2], w.box[:2]), *map(max, have.box[2:], w.box[2:]))
        joined[(w.start, w.end)] = Word(w.start, w.end, box, w.conf)
    return list(joined.values())


def _image_reader(image: Image.Image):
    from reportlab.lib.utils import ImageReader

    data = io.BytesIO()
    image.save(data, format="JPEG", quality=80, optimize=True)
    data.seek(0)
    return ImageReader(data)
