"""Shared PDF plumbing: fonts, labelled boxes, and the final clean-up of every output file.

:func:`sanitize` rebuilds the file with pypdf from its pages alone, so the output
carries no document information dictionary, no XMP, no outlines, no attachments,
no form fields, no JavaScript and no annotations. It also gives each page the
/Rotate and /UserUnit of its original (reportlab swaps the media box of a page it
is told to rotate, which cut off half of every page turned by 90 or 270 degrees).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pypdf import PageObject, PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, FloatObject, NameObject, NumberObject
from reportlab import rl_config
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from redactor.records import Box

FONT_CANDIDATES = (
    ("DejaVuSans", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    ("DejaVuSans", "/usr/share/fonts/TTF/DejaVuSans.ttf"),
)
BOX_FILL = (0, 0, 0)
LABEL_FILL = (1, 1, 1)
MAX_USER_UNIT = 1000.0  # a larger /UserUnit is damage, not a page size (it would make a page kilometres wide)
_PAGE_KEYS_TO_DROP = ("/Annots", "/AA", "/Thumb", "/PieceInfo", "/Metadata", "/B", "/StructParents")


@lru_cache(maxsize=1)
def text_font() -> str:
    """A Unicode TrueType font if one is installed (fonts-dejavu-core), else reportlab's Vera."""
    for name, path in FONT_CANDIDATES:
        if Path(path).is_file():
            pdfmetrics.registerFont(TTFont(name, path))
            return name
    import reportlab

    vera = Path(reportlab.__file__).parent / "fonts" / "Vera.ttf"
    pdfmetrics.registerFont(TTFont("Vera", str(vera)))
    return "Vera"


# Page images go into the PDF as binary JPEG streams, not ASCII85 text: reportlab's pure-Python
# ASCII85 encoder was most of the time spent rendering scanned pages, and the files are 25% smaller.
rl_config.useA85 = 0


def new_canvas(buffer: io.BytesIO, size: tuple[float, float]) -> Canvas:
    canvas = Canvas(buffer, pagesize=size, invariant=1, pageCompression=1)
    canvas.setCreator("")
    canvas.setProducer("")
    return canvas


def draw_box(canvas: Canvas, box: Box, label: str) -> None:
    """A filled box with the reason code printed in it when it fits."""
    x0, y0, x1, y1 = box
    canvas.saveState()
    canvas.setFillColorRGB(*BOX_FILL)
    canvas.rect(x0, y0, x1 - x0, y1 - y0, stroke=0, fill=1)
    font = text_font()
    size = min(8.0, (y1 - y0) * 0.75)
    if size >= 3 and pdfmetrics.stringWidth(label, font, size) <= (x1 - x0) - 1:
        canvas.setFillColorRGB(*LABEL_FILL)
        canvas.setFont(font, size)
        canvas.drawCentredString((x0 + x1) / 2, y0 + ((y1 - y0) - size * 0.7) / 2, label)
    canvas.restoreState()


@dataclass(frozen=True, slots=True)
class PageSetup:
    """How an output page is shown: clockwise /Rotate and /UserUnit (points per unit), as its original."""

    rotation: int = 0
    user_unit: float = 1.0


def user_units(path: Path) -> dict[int, float]:
    """The /UserUnit of each page of a PDF that has one other than 1 (pdfium ignores the key)."""
    import logging

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        pages = PdfReader(str(path)).pages
        units = {i: float(page.get("/UserUnit", 1.0)) for i, page in enumerate(pages)}
    except Exception:  # noqa: BLE001 - pypdf cannot read what pdfium repaired: default unit
        return {}
    return {i: unit for i, unit in units.items() if unit != 1.0 and 0.0 < unit <= MAX_USER_UNIT}


def sanitize(pdf: bytes, setups: Sequence[PageSetup] = ()) -> bytes:
    """Rebuild the PDF from its pages only; drop metadata, XMP and every page-level extra.

    ``setups`` (one per page, or none) gives each page its original's rotation and user unit.
    """
    return rebuild([pdf], setups)


def strip_page(page: PageObject) -> None:
    """Drop every page-level extra (annotations, actions, thumbnails, piece info, metadata, ...) from ``page``."""
    for key in _PAGE_KEYS_TO_DROP:
        if key in page:
            del page[NameObject(key)]


def rebuild(pdfs: Sequence[bytes], setups: Sequence[PageSetup] = ()) -> bytes:
    """One PDF of the pages of ``pdfs`` in order, rebuilt as :func:`sanitize` does (parts of one item are joined so)."""
    writer = PdfWriter()
    index = 0
    for pdf in pdfs:
        for page in PdfReader(io.BytesIO(pdf)).pages:
            added = writer.add_page(page)
            strip_page(added)
            setup = setups[index] if index < len(setups) else PageSetup()
            if setup.rotation % 360:
                added[NameObject("/Rotate")] = NumberObject(setup.rotation % 360)
            if setup.user_unit != 1.0:
                added[NameObject("/UserUnit")] = FloatObject(setup.user_unit)
            index += 1
    writer.metadata = None
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def stack(writer: PdfWriter, page: PageObject, overlay: PageObject, dx: float = 0.0) -> None:
    """Draw ``overlay`` (a page of another PDF) over ``page`` (a page of ``writer``), moved right by ``dx`` points.

    The overlay becomes a form XObject of the page, drawn after the page's own content, which
    is wrapped in q/Q and never parsed: pypdf's ``merge_page`` parses every content stream, most
    of the time spent labelling a long transcript and stamping the bundle's pages."""
    if "/Resources" not in page:  # inherited resources: the general (slower) merge keeps them
        page.merge_translated_page(overlay, tx=dx, ty=0)
        return
    form = DecodedStreamObject()
    form.set_data(overlay.get_contents().get_data() if overlay.get_contents() is not None else b"")
    form[NameObject("/Type")] = NameObject("/XObject")
    form[NameObject("/Subtype")] = NameObject("/Form")
    form[NameObject("/BBox")] = ArrayObject(FloatObject(v) for v in overlay.mediabox)
    form[NameObject("/Resources")] = overlay["/Resources"].get_object().clone(writer)
    resources = DictionaryObject(page["/Resources"].get_object())  # the page's own copy: another page may share it
    xobjects = DictionaryObject(resources.get("/XObject", DictionaryObject()).get_object())
    name = next(f"/Overlay{n}" for n in range(len(xobjects) + 1) if f"/Overlay{n}" not in xobjects)
    xobjects[NameObject(name)] = writer._add_object(form.flate_encode())
    resources[NameObject("/XObject")] = xobjects
    page[NameObject("/Resources")] = resources
    contents = page.get("/Contents")
    own = list(contents.get_object()) if isinstance(contents and contents.get_object(), ArrayObject) else [contents] if contents else []
    before, after = DecodedStreamObject(), DecodedStreamObject()
    before.set_data(b"q\n")
    after.set_data(b"\nQ\nq 1 0 0 1 %s 0 cm %s Do Q\n" % (str(round(dx, 4)).encode(), name.encode()))
    page[NameObject("/Contents")] = ArrayObject([writer._add_object(before), *own, writer._add_object(after)])
