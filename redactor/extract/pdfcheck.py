"""Which PDF pages must be OCR'd: the text layer is trusted only when it accounts for what a reader sees.

A page is OCR'd whole when its text layer is missing or unreadable (no Unicode mapping).
When a picture on it shows ink that no line of the text layer accounts for (a scan with
only a stamped header, a picture of a name), the pictures are OCR'd (:func:`pictures_to_read`)
and the text layer is kept beside them. Pictures are found wherever they are drawn:
directly on the page, inline, inside Form XObjects nested to any depth (their bounds are
carried through every form's matrix to page space), and inside tiling patterns (which
pdfium does not expose as objects: a page that uses one is checked over its whole area).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from redactor.records import Box

log = logging.getLogger(__name__)
MAX_UNREADABLE = 0.3  # share of characters without a Unicode mapping above which the text layer is not trusted
MIN_IMAGE_SIDE = 8.0  # points; smaller images are rules and specks
MAX_FORM_DEPTH = 12  # forms nested deeper than this count as pictures over their whole extent
INK_SCALE = 1.0  # pixels per point of the ink check (72 dpi) ...
INK_MAX_PIXELS = 20_000_000  # ... or less for a huge page
INK_PAD = 3.0  # points around a line of text that its glyphs may spill into
MAX_UNEXPLAINED_INK = 25  # dark pixels in images that the text layer does not explain; more means OCR the pictures
MAX_PICTURES = 8  # more pictures to read than this (or ...
MAX_PICTURE_SHARE = 0.5  # ... covering more of the page than this) and the whole page is read as one picture


def unreadable(ch: str) -> bool:
    return ch == "\ufffd" or "\ue000" <= ch <= "\uf8ff" or (ord(ch) < 32 and not ch.isspace())


def needs_ocr(page: pdfium.PdfPage, textpage: pdfium.PdfTextPage, text: str, *, patterned: bool = False) -> bool:
    """True when the page's text layer cannot be trusted to hold everything a reader sees
    (it is unreadable, or pictures on the page show ink it does not explain).

    ``patterned``: the page paints with a tiling pattern, whose pictures pdfium does not list.
    """
    return layer_unreadable(text) or bool(pictures_to_read(page, textpage, text, patterned=patterned))


def layer_unreadable(text: str) -> bool:
    """No visible text, or too much of it without a Unicode mapping: the page is OCR'd whole."""
    visible = [ch for ch in text if not ch.isspace()]
    return not visible or sum(map(unreadable, visible)) > MAX_UNREADABLE * len(visible)


def pictures_to_read(page: pdfium.PdfPage, textpage: pdfium.PdfTextPage, text: str, *, patterned: bool = False) -> list[Box]:
    """The picture regions (page space, overlapping ones merged) to OCR beside the text layer: none when
    the layer explains the ink of every picture; every picture with ink it does not explain otherwise.

    Many pictures, or pictures over most of the page, come back as the whole page (one reading).
    """
    crop = tuple(page.get_bbox())
    images = [crop] if patterned else _merged(image_regions(page))
    if not images:
        return []
    counts = _unexplained_ink(page, textpage, text, images)
    if sum(counts) <= MAX_UNEXPLAINED_INK:
        return []
    unread = [box for box, count in zip(images, counts, strict=True) if count]
    area = sum((x1 - x0) * (y1 - y0) for x0, y0, x1, y1 in unread)
    if len(unread) > MAX_PICTURES or area > MAX_PICTURE_SHARE * (crop[2] - crop[0]) * (crop[3] - crop[1]):
        return [crop]
    return unread


def _merged(boxes: list[Box]) -> list[Box]:
    """Boxes that overlap (or touch) joined into one, so no pixel is read twice."""
    merged: list[Box] = []
    for box in boxes:
        while True:
            hit = next((m for m in merged if box[0] <= m[2] and m[0] <= box[2] and box[1] <= m[3] and m[1] <= box[3]), None)
            if hit is None:
                break
            merged.remove(hit)
            box = (min(box[0], hit[0]), min(box[1], hit[1]), max(box[2], hit[2]), max(box[3], hit[3]))
        merged.append(box)
    return merged


def image_regions(page: pdfium.PdfPage) -> list[Box]:
    """Where pictures are drawn on the page (page space, clipped to the crop box), ignoring specks and rules."""
    left, bottom, right, top = page.get_bbox()
    regions = []
    for x0, y0, x1, y1 in _pictures(page):
        x0, y0, x1, y1 = max(x0, left), max(y0, bottom), min(x1, right), min(y1, top)
        if x1 - x0 >= MIN_IMAGE_SIDE and y1 - y0 >= MIN_IMAGE_SIDE:
            regions.append((x0, y0, x1, y1))
    return regions


def _pictures(page: pdfium.PdfPage, form=None, matrix: pdfium.PdfMatrix | None = None, depth: int = 0) -> Iterator[Box]:
    """Page-space bounds of every image object, descending into forms.

    pdfium reports an object's bounds in the space of the form that holds it, so each
    form's matrix is composed on the way down (child x form x parent).
    """
    for obj in page.get_objects(max_depth=1, form=form, level=depth):
        if obj.type == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            bounds = obj.get_bounds()
            yield matrix.on_rect(*bounds) if matrix is not None else tuple(bounds)
        elif obj.type == pdfium_c.FPDF_PAGEOBJ_FORM:
            if depth + 1 >= MAX_FORM_DEPTH:  # fail closed: the whole form is treated as a picture
                bounds = obj.get_bounds()
                yield matrix.on_rect(*bounds) if matrix is not None else tuple(bounds)
                continue
            inner = obj.get_matrix()
            yield from _pictures(page, obj, inner if matrix is None else inner.multiply(matrix), depth + 1)


def uses_tiling_pattern(resources, seen: set[int] | None = None, depth: int = 0) -> bool:
    """True when a page's resources (pypdf), or those of any form they draw, hold a tiling pattern.

    A tiling pattern can paint pictures or text that pdfium lists as neither; anything
    that cannot be read counts as a pattern (fail closed).
    """
    seen = set() if seen is None else seen
    try:
        resources = resources.get_object() if resources is not None else None
        if resources is None:
            return False
        patterns = resources.get("/Pattern")
        patterns = patterns.get_object() if patterns is not None else {}
        if any(int(p.get_object().get("/PatternType", 0)) == 1 for p in patterns.values()):
            return True
        xobjects = resources.get("/XObject")
        for ref in (xobjects.get_object() if xobjects is not None else {}).values():
            key = id(ref.get_object()) if not hasattr(ref, "idnum") else ref.idnum
            if key in seen:
                continue
            seen.add(key)
            xobject = ref.get_object()
            if xobject.get("/Subtype") == "/Form":
                if depth >= MAX_FORM_DEPTH or uses_tiling_pattern(xobject.get("/Resources"), seen, depth + 1):
                    return True
        return False
    except Exception:  # noqa: BLE001 - unreadable resources: check the whole page
        return True


def _unexplained_ink(page: pdfium.PdfPage, textpage: pdfium.PdfTextPage, text: str, images: list[Box]) -> list[int]:
    """Dark pixels (at 72 dpi) inside each image that no line of the text layer accounts for.

    A scan whose text layer came from an earlier OCR has its glyphs under that layer's
    lines; a scan with only a stamped header, or a picture of a name, does not.
    """
    import numpy as np

    left, bottom, right, top = page.get_bbox()
    scale = min(INK_SCALE, (INK_MAX_PIXELS / max(1.0, (right - left) * (top - bottom))) ** 0.5)
    grey = np.asarray(page.render(scale=scale, draw_annots=False, may_draw_forms=False, grayscale=True).to_pil().convert("L"))
    height, width = grey.shape
    explained = np.zeros(grey.shape, dtype=bool)
    for x0, y0, x1, y1 in _line_boxes(textpage, text):
        explained[
            _rows(top - y1 - INK_PAD, top - y0 + INK_PAD, height, scale), _cols(x0 - left - INK_PAD, x1 - left + INK_PAD, width, scale)
        ] = True
    unexplained = (grey < 160) & ~explained
    return [
        int(np.count_nonzero(unexplained[_rows(top - y1, top - y0, height, scale), _cols(x0 - left, x1 - left, width, scale)]))
        for x0, y0, x1, y1 in images
    ]


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


# -- is the text layer what a reader sees? ----------------------------------------------------------

MIN_WORDLIKE = 0.5  # share of a page's tokens that read as words or numbers, below which the layer is doubted
MAX_EAST_ASIAN = 0.3  # share of letters in East Asian scripts above which the layer is checked against OCR
MAX_ODD = 0.02  # share of unmapped, private-use or control characters above which the layer is checked
MIN_AGREEMENT = 0.5  # share of OCR'd words the layer must hold for a doubted layer to be kept
_EAST_ASIAN = ((0x2E80, 0x9FFF), (0xA000, 0xA4CF), (0xAC00, 0xD7AF), (0xF900, 0xFAFF))


def layer_doubt(text: str) -> str | None:
    """Why a text layer that pdfium reads may not be what the page shows (to be checked by OCR), or None.

    Fonts without a usable Unicode map give control characters, symbols instead of letters
    ('Phone' as '"7+%-') or byte-swapped CJK for a Latin page; such text never matches
    a name or a number, so the personal data on the page would go undetected.
    """
    visible = [ch for ch in text if not ch.isspace()]
    if not visible:
        return None
    if sum(map(unreadable, visible)) > MAX_ODD * len(visible):
        return "characters without a Unicode mapping"
    letters = [ch for ch in visible if ch.isalpha()]
    if letters and sum(1 for ch in letters if _east_asian(ch)) > MAX_EAST_ASIAN * len(letters):
        return "East Asian script"
    tokens = text.split()
    if len(tokens) >= 5 and sum(map(_wordlike, tokens)) < MIN_WORDLIKE * len(tokens):
        return "text does not read as words"
    return None


def _east_asian(ch: str) -> bool:
    code = ord(ch)
    return any(lo <= code <= hi for lo, hi in _EAST_ASIAN)


def _wordlike(token: str) -> bool:
    """A word (letters of any script, inner ' or -), a number (digits with inner . , : / -) or short punctuation."""
    core = token.strip(".,;:!?\"'()[]«»“”‘’")
    if not core:
        return len(token) <= 2
    inner = core.replace("'", "").replace("’", "").replace("-", "")
    if inner.isalpha():
        return True
    return inner.replace(".", "").replace(",", "").replace(":", "").replace("/", "").isdigit()


def agrees(layer: str, ocr: str) -> bool:
    """Whether a doubted text layer holds what OCR read on the page (most of its words of three or more)."""
    seen = set(_tokens(ocr))
    if len(seen) < 3:
        return False  # OCR read too little to vouch for the layer
    return len(seen & set(_tokens(layer))) >= MIN_AGREEMENT * len(seen)


def _tokens(text: str) -> list[str]:
    import re

    return [t.lower() for t in re.findall(r"\w{3,}", text)]
