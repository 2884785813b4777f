"""Helpers for the document tests: extract a file, flag values, render, and look for leaks."""

from __future__ import annotations

import hashlib
import io
import re
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

import pypdfium2 as pdfium
from pypdf import PdfReader
from pypdf.generic import StreamObject

from redactor.case.opener import SourceOpener
from redactor.extract.docx import extract_docx
from redactor.extract.image import extract_image
from redactor.extract.ocr import tesseract_words
from redactor.extract.pdf import extract_pdf
from redactor.ingest.files import sniff
from redactor.records import REDACT, Flag, Item, RenderedItem, Source
from redactor.render import RenderContext
from redactor.render.pdfpage import render_pdf_pages


def source_for(path: Path) -> Source:
    data = path.read_bytes()
    return Source(hashlib.sha256(data).hexdigest(), "S0001", str(path), path.name, len(data), sniff(data[:8192]))


def extract(path: Path, ctx=None) -> Item:
    source = source_for(path)
    fn = {"application/pdf": extract_pdf, "application/zip": extract_docx}.get(source.media_type, extract_image)
    items = [r for r in fn(source, path, ctx) if isinstance(r, Item)]
    assert len(items) == 1
    return items[0]


def flags_for(item: Item, values: Iterable[str], code: str = "TP", entity: str = "PERSON") -> list[Flag]:
    """A decided (redact) flag over every occurrence of every value in every segment."""
    flags = []
    for segment in item.segments:
        for value in values:
            for m in re.finditer(re.escape(value), segment.text):
                flags.append(
                    Flag(
                        Flag.make_id(segment.segment_id, m.start(), m.end(), entity),
                        item.item_id,
                        segment.segment_id,
                        m.start(),
                        m.end(),
                        entity,
                        1.0,
                        "test",
                        {},
                        code,
                        REDACT,
                        REDACT,
                    )
                )
    return flags


def render(item: Item, path: Path, flags: Sequence[Flag], dpi: int = 150) -> RenderedItem:
    return render_pdf_pages(item, flags, RenderContext("S0001-001", dpi, SourceOpener([source_for(path)])))


def pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages)


def page_images(pdf: bytes, dpi: int = 150) -> list:
    doc = pdfium.PdfDocument(pdf)
    try:
        return [doc[i].render(scale=dpi / 72.0).to_pil().convert("RGB") for i in range(len(doc))]
    finally:
        doc.close()


def ocr_text(pdf: bytes, dpi: int = 300) -> str:
    """What tesseract reads on the output's pages (the pixels a reader sees)."""
    words = []
    with tempfile.TemporaryDirectory() as tmp:
        for n, image in enumerate(page_images(pdf, dpi)):
            target = Path(tmp) / f"p{n}.png"
            image.convert("L").save(target)
            words += [w.text for w in tesseract_words(str(target))]
    return " ".join(words)


def all_bytes(pdf: bytes) -> bytes:
    """The raw file plus every stream decoded, so nothing hides behind compression."""
    reader = PdfReader(io.BytesIO(pdf))
    chunks = [pdf]
    for number in range(1, int(reader.trailer["/Size"])):
        try:
            obj = reader.get_object(number)
        except Exception:  # noqa: BLE001 - free or missing object numbers
            continue
        if isinstance(obj, StreamObject):
            try:
                chunks.append(obj.get_data())
            except Exception:  # noqa: BLE001 - image filters pypdf does not decode
                chunks.append(obj._data)
    return b"\n".join(chunks)


def leaks(pdf: bytes, values: Iterable[str], ocr: bool = True) -> list[str]:
    """Every way a redacted value could still be found: text layer, OCR of the pixels, raw and decoded bytes."""
    text = _squash(pdf_text(pdf))
    seen = _squash(ocr_text(pdf)) if ocr else ""
    raw = all_bytes(pdf)
    found = []
    for value in values:
        key = _squash(value)
        encodings = {value.encode("utf-8"), value.encode("utf-16-be"), key.encode("utf-8")}
        if key in text:
            found.append(f"text layer: {value}")
        if ocr and key in seen:
            found.append(f"ocr: {value}")
        if any(e in raw for e in encodings):
            found.append(f"bytes: {value}")
    return found


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text).lower()
