"""Images for the review app: pages of the original, and the redacted preview.

Originals are read only after their SHA-256 is checked against the case (a changed
original is never shown as if it were the exhibit); they are found through the case
database, never through a path in a request. The preview is made by the pipeline's own
render stage, with pending flags treated as redactions, so what the reviewer sees is
what the bundle would hold.
"""

from __future__ import annotations

import hashlib
import io
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image

from redactor import paths
from redactor.case import CaseStore
from redactor.case.opener import SourceOpener
from redactor.errors import RedactorError, StageError, UsageError
from redactor.locks import PDFIUM_LOCK
from redactor.pipeline import Pipeline
from redactor.records import PENDING, REDACT, Box, Item
from redactor.stages import StageContext

PAGE_SCALE = 1.5  # 108 dpi: readable on screen, quick to render
MAX_WIDTH = 1800
IMAGE_TYPES = ("image/png", "image/jpeg", "image/tiff", "image/gif", "image/bmp", "image/webp")


class _Cache:
    """A small LRU of rendered images, keyed by content (hashes, versions), shared by threads."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._data: OrderedDict[tuple, object] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple, make: Callable[[], object]) -> object:
        with self._lock:
            if key in self._data:
                self._data.move_to_end(key)
                return self._data[key]
        value = make()
        with self._lock:
            self._data[key] = value
            while len(self._data) > self.size:
                self._data.popitem(last=False)
        return value


_PAGES = _Cache(64)
_PREVIEWS = _Cache(8)
_VERIFIED = _Cache(256)  # (path, size, mtime) -> the sha256 they had when checked
_BOXES = _Cache(256)  # (source, pages) -> each page's visible box


def has_page_images(item: Item, media_type: str) -> bool:
    return (
        bool(item.segments)
        and all(s.page and s.page_size for s in item.segments)
        and (media_type == "application/pdf" or media_type in IMAGE_TYPES)
    )


def _checked_source(store: CaseStore, item: Item, ref: str) -> Path:
    source = store.find_source(item.source_id)
    if source is None:
        raise UsageError(f"no source for item {ref}")
    path = Path(source.path)
    try:
        stat = path.stat()
    except OSError:
        raise StageError(f"source {source.ref} is no longer at {path}", hint="restore the original file") from None
    key = (str(path), stat.st_size, stat.st_mtime_ns, source.source_id)
    _VERIFIED.get(key, lambda: SourceOpener([source])(source.source_id))
    return path


def page_boxes(store: CaseStore, item: Item, ref: str, media_type: str) -> dict[int, Box]:
    """Each PDF page's visible box (left, bottom, right, top) in user space, as pdfium gives it with inherited
    /MediaBox and /CropBox: where its word boxes are measured from. Empty for images and missing originals."""
    if media_type != "application/pdf" or not has_page_images(item, media_type):
        return {}
    try:
        path = _checked_source(store, item, ref)
    except RedactorError:
        return {}  # the page image says the original is missing or changed
    pages = tuple(sorted({s.page for s in item.segments if s.page}))
    return _BOXES.get((item.source_id, pages), lambda: pdf_page_boxes(path, pages))  # type: ignore[return-value]


def pdf_page_boxes(path: Path, pages: Sequence[int]) -> dict[int, Box]:
    with PDFIUM_LOCK:
        pdf = pdfium.PdfDocument(str(path))
        try:
            out: dict[int, Box] = {}
            for n in pages:
                page = pdf[n - 1]
                page.set_rotation(0)  # as the page image is drawn
                left, bottom, right, top = page.get_bbox()
                out[n] = (float(left), float(bottom), float(right), float(top))
                page.close()
        finally:
            pdf.close()
    return out


def page_png(store: CaseStore, item: Item, ref: str, page: int, media_type: str) -> bytes:
    """One page of the original as PNG."""
    if not any(s.page == page for s in item.segments):
        raise UsageError(f"item {ref} has no page {page}")
    path = _checked_source(store, item, ref)
    key = (item.source_id, page)
    if media_type == "application/pdf":
        return _PAGES.get(key, lambda: _pdf_page(path, page))  # type: ignore[return-value]
    return _PAGES.get(key, lambda: _image_page(path, page))  # type: ignore[return-value]


def _png(image: Image.Image) -> bytes:
    if image.width > MAX_WIDTH:
        image = image.resize((MAX_WIDTH, round(image.height * MAX_WIDTH / image.width)))
    out = io.BytesIO()
    image.convert("RGB").save(out, format="PNG", optimize=False)
    return out.getvalue()


def _pdf_page(path: Path, page: int) -> bytes:
    with PDFIUM_LOCK:  # pdfium is not thread-safe and the server answers from several threads
        pdf = pdfium.PdfDocument(str(path))
        try:
            p = pdf[page - 1]
            p.set_rotation(0)
            image = p.render(scale=PAGE_SCALE, draw_annots=False, may_draw_forms=False).to_pil()
            p.close()
        finally:
            pdf.close()
    return _png(image)


def _image_page(path: Path, page: int) -> bytes:
    from redactor.extract.frames import load_frame  # the frame upright, as OCR saw it, so boxes line up

    frame, _ = load_frame(path, page - 1)
    return _png(frame)


def preview_pngs(store: CaseStore, pipeline: Pipeline, item: Item, ref: str) -> Sequence[bytes]:
    """The item as the bundle would show it, pending flags redacted, one PNG per page."""
    flags = [f for f in store.flags(item_id=item.item_id) if f.status in (REDACT, PENDING)]
    state = tuple((f.flag_id, f.version, f.status, f.start, f.end, f.code) for f in flags)
    digest = hashlib.sha256(repr(state).encode()).hexdigest()

    def make() -> list[bytes]:
        ctx = StageContext(paths.models_dir(), store.work_dir, store.snapshot(identities=True), store.source_opener())
        render = pipeline.of_kind("render").build(ctx)
        with PDFIUM_LOCK:  # rendering and rasterising both call pdfium, which is not thread-safe
            rendered = render(item, flags, ref)
            pdf = pdfium.PdfDocument(rendered.pdf)
            try:
                images = []
                for index in range(len(pdf)):
                    page = pdf[index]
                    images.append(page.render(scale=PAGE_SCALE).to_pil())
                    page.close()
            finally:
                pdf.close()
        return [_png(image) for image in images]

    return _PREVIEWS.get((item.item_id, digest), make)  # type: ignore[return-value]
