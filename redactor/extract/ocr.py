"""OCR with tesseract: word boxes and confidences for scanned pages and images.

Pages are recognised in parallel tesseract processes, one per core (at most
:data:`MAX_WORKERS`), each with ``OMP_THREAD_LIMIT=1`` (tesseract's own threads only
fight each other on a small machine). A thread per worker draws its page (pdfium
calls are serialised by :data:`PDFIUM_LOCK`: pdfium is not thread-safe), hands it
to its tesseract process as an uncompressed file and returns the words with their
pixel boxes and confidences. Threads rather than a process pool: the heavy work
already runs in the tesseract processes, and nothing large is pickled.

Low-confidence words are kept. A page whose confidence is poor is not silently
trusted: :func:`review_findings` turns it into a whole-page finding that the policy
proposes for review, so a disclosure officer looks at the page before it is
disclosed (accepting it withholds the whole page). Anything that fails is a
:class:`StageError`: the source is quarantined, never disclosed unread.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path
from statistics import fmean

from redactor.entities import OCR_REVIEW  # the whole-page finding for a page whose OCR is not trusted
from redactor.errors import StageError
from redactor.extract import ocr_cache
from redactor.extract.ocr_draw import PageTask, clip_points, draw_counted  # noqa: F401 - PageTask, clip_points: used through here
from redactor.extract.ocr_reading import reading_of
from redactor.locks import PDFIUM_LOCK  # noqa: F401 - bundle.leaks takes the lock from here
from redactor.records import Box, Finding, Item, Word

NO_TEXT_NOTE = "[no text recognised on this page]"  # the text of a page with ink but no words; never drawn
MAX_WORKERS = 2
LOW_WORD_CONF = 30.0
NOTHING_READ, LOW_CONFIDENCE = "no text recognised on a page with content", "low OCR confidence"
UNREAD = "ink that OCR did not read (text at an angle, handwriting or a picture)"
SLANTED = "text at an angle (word boxes are loose)"
MIN_OSD_CONF = 2.0  # tesseract's orientation confidence needed before a page is turned


@dataclass(frozen=True, slots=True)
class OcrSettings:
    lang: str = "eng"
    dpi: int = 300  # resolution PDF pages are drawn at for OCR
    min_page_conf: float = 60.0  # mean word confidence below which a page goes to review
    max_low_share: float = 0.4  # share of words under LOW_WORD_CONF above which a page goes to review
    min_ink: float = 0.002  # share of dark pixels above which a page without any words goes to review
    timeout: int = 300  # seconds per page; a page that takes longer fails its source
    max_pixels: int = 80_000_000  # PDF pages are drawn at a lower resolution rather than above this
    max_type_pt: float = 40.0  # type larger than this (a word's box across its line) is read unreliably: review
    max_slant: float = 0.6  # a long word's box this close to square runs at an angle (neither across nor down the page)
    max_unread: float = 0.05  # share of the ink outside every word read above which the page goes to review ...
    min_unread_ink: float = 0.0005  # ... when that ink also covers this share of the page (not specks)


DEFAULT = OcrSettings()


@dataclass(frozen=True, slots=True)
class OcrWord:
    text: str
    box: tuple[int, int, int, int]  # left, top, right, bottom in pixels of the recognised image
    conf: float
    line: tuple[int, int, int]  # block, paragraph, line
    angle: float = 0.0  # degrees the word's text was turned to be read (text at an angle; see ocr_angled.py) ...
    pieces: tuple[tuple[int, int, int, int], ...] = ()  # ... and the boxes that follow it along its slant (``box`` holds them all)


@dataclass(frozen=True, slots=True)
class OcrPage:
    """What tesseract read on one page; ``scale`` is pixels per PDF point of the image it read."""

    width: int
    height: int
    scale: float
    rotation: int  # clockwise degrees the page was turned before recognition (PDF /Rotate)
    words: tuple[OcrWord, ...]
    ink: float = 0.0  # share of dark pixels on the page
    unread: float = 0.0  # share of the page's ink that lies outside every word OCR read
    region: bool = False  # a picture's region was read (ink and unread are still shares of the whole page)

    @property
    def unturned_size(self) -> tuple[int, int]:
        """Width and height in pixels of the image before it was turned for recognition."""
        return (self.height, self.width) if self.rotation in (90, 270) else (self.width, self.height)

    @property
    def mean_conf(self) -> float | None:
        return fmean(w.conf for w in self.words) if self.words else None

    def review_reason(self, settings: OcrSettings = DEFAULT) -> str | None:
        """Why a person must look at this page before it is disclosed, or None."""
        if not self.words:
            if self.region:  # a picture without text: review only if it holds much of the page's ink
                return UNREAD if self._much_unread(settings) else None
            return NOTHING_READ if self.ink > settings.min_ink else None
        low = sum(1 for w in self.words if w.conf < LOW_WORD_CONF) / len(self.words)
        if (self.mean_conf or 0.0) < settings.min_page_conf or low > settings.max_low_share:
            return LOW_CONFIDENCE
        if self._much_unread(settings):
            return UNREAD
        if any(_slanted(w, settings) for w in self.words):
            return SLANTED
        if any(len(w.text) >= 2 and not w.angle and _across(w) > settings.max_type_pt * self.scale for w in self.words):
            return "very large type"
        return None

    def _much_unread(self, settings: OcrSettings) -> bool:
        return self.unread > settings.max_unread and self.unread * self.ink > settings.min_unread_ink


def _across(word: OcrWord) -> int:
    """The size of a word's type in pixels: its box across the line (tesseract reads vertical lines too)."""
    return min(word.box[2] - word.box[0], word.box[3] - word.box[1])


def _slanted(word: OcrWord, settings: OcrSettings) -> bool:
    """A long word whose box is nearly square: it runs at an angle, so its upright box covers
    more than the word (its neighbours too). Upright and vertical words have long, thin boxes."""
    width, height = word.box[2] - word.box[0], word.box[3] - word.box[1]
    return not word.angle and len(word.text) >= 5 and min(width, height) > settings.max_slant * max(width, height, 1)


def typical_height(words: Sequence[OcrWord]) -> int:
    """The median height of the words on a page, in pixels."""
    heights = sorted(w.box[3] - w.box[1] for w in words)
    return heights[len(heights) // 2] if heights else 0


def tesseract_words(image_path: str, settings: OcrSettings = DEFAULT) -> tuple[OcrWord, ...]:
    """Run tesseract (one process, one thread) on an image file; its words in reading order."""
    import pytesseract

    os.environ["OMP_THREAD_LIMIT"] = "1"  # pytesseract passes os.environ to the tesseract process
    data = pytesseract.image_to_data(
        image_path, lang=settings.lang, config="--psm 3", output_type=pytesseract.Output.DICT, timeout=settings.timeout
    )
    words = []
    for i, text in enumerate(data["text"]):
        text = (text or "").strip()
        if not text or int(data["level"][i]) != 5:
            continue
        left, top = int(data["left"][i]), int(data["top"][i])
        box = (left, top, left + int(data["width"][i]), top + int(data["height"][i]))
        line = (int(data["block_num"][i]), int(data["par_num"][i]), int(data["line_num"][i]))
        words.append(OcrWord(text, box, max(0.0, float(data["conf"][i])), line))
    return tuple(words)


def layout(page: OcrPage, to_points: Callable[[tuple[int, int, int, int]], Box]) -> tuple[str, tuple[Word, ...]]:
    """The page text (words joined by spaces, lines by newlines, blocks by a blank line) and its words.

    Tesseract's boxes hug the ink of each word; a word's box is stretched to the height
    of its line and padded, so a box burnt over it also covers ascenders, descenders and
    the grey edge pixels of the glyphs. The stretch is bounded by the page's typical word
    height, so a word at an angle (a tall box) never grows into the paragraphs around it. A page with ink but no words gets
    :data:`NO_TEXT_NOTE` as its text (and no words), so it can carry a review flag. A word hyphenated
    at a line end is read joined (see :func:`reading_of`), each half keeping its own box on its line.
    """
    if not page.words:
        return (NO_TEXT_NOTE if page.review_reason() else ""), ()
    lines: dict[tuple[int, int, int], tuple[int, int]] = {}
    for w in page.words:
        top, bottom = lines.get(w.line, (w.box[1], w.box[3]))
        lines[w.line] = (min(top, w.box[1]), max(bottom, w.box[3]))
    reach = typical_height(page.words)
    parts: list[str] = []
    words: list[Word] = []
    pos = 0
    for w, (sep, text) in zip(page.words, reading_of(page.words), strict=True):
        parts.append(sep)
        pos += len(sep)
        upright = not w.angle and w.box[3] - w.box[1] <= w.box[2] - w.box[0]
        height = min(w.box[3] - w.box[1], reach) if upright else 0  # vertical or read at an angle: no stretch
        top, bottom = max(lines[w.line][0], w.box[1] - height), min(lines[w.line][1], w.box[3] + height)  # a skewed line stays local
        pad = max(2, round(min(bottom - top if not w.angle else reach, 2 * reach) * 0.15))
        box = (w.box[0] - pad, top - pad, w.box[2] + pad, bottom + pad)
        parts.append(text)
        for piece in [(p[0] - pad, p[1] - pad, p[2] + pad, p[3] + pad) for p in w.pieces] or [box]:  # a slanted word: one box per piece
            words.append(Word(pos, pos + len(text), to_points(piece), round(w.conf, 1)))
        pos += len(text)
    return "".join(parts), tuple(words)


def pixels_to_page(page: OcrPage, crop: tuple[float, float, float, float]) -> Callable[[tuple[int, int, int, int]], Box]:
    """Map pixel boxes of the (turned) image back to PDF points of the unrotated page."""
    left, bottom, right, top = crop
    s = page.scale
    w, h = (page.height, page.width) if page.rotation in (90, 270) else (page.width, page.height)  # unturned size

    def unturn(x: float, y: float) -> tuple[float, float]:
        if page.rotation == 90:
            return y, h - x
        if page.rotation == 180:
            return w - x, h - y
        if page.rotation == 270:
            return w - y, x
        return x, y

    def convert(box: tuple[int, int, int, int]) -> Box:
        corners = [unturn(box[0], box[1]), unturn(box[2], box[3])]
        xs, ys = [c[0] for c in corners], [c[1] for c in corners]
        return (left + min(xs) / s, top - max(ys) / s, left + max(xs) / s, top - min(ys) / s)

    return convert


# -- workers ------------------------------------------------------------------------------------


def run_task(task: PageTask, settings: OcrSettings = DEFAULT, cache: Path | None = None) -> OcrPage:
    """Draw one page and recognise it; a poorly read page is tried again turned as tesseract's
    orientation detection suggests (a page scanned sideways), and the better reading is kept.

    With ``cache`` (a folder of the case), a page whose pixels were read before, in any source of
    the case, is not read again (``ocr_cache.py``)."""
    image, scale, rotation, counted = draw_counted(task, settings)
    key = pixels_key(image, scale, rotation, settings, *([counted] if counted else [])) if cache is not None else ""
    hit = cached_page(cache, key) if cache is not None else None
    if hit is not None:
        return hit
    page = _read(image, scale, rotation, settings, counted)
    if cache is not None:
        keep_page(cache, key, page)
    return page


def _read(image, scale: float, rotation: int, settings: OcrSettings, counted: tuple[int, int] | None = None) -> OcrPage:
    page = _recognise(image, scale, rotation, settings, counted)
    if page.review_reason(settings) in (UNREAD, SLANTED):
        page = _with_angled_text(image, page, settings, counted)
    if page.review_reason(settings) is not None:
        turn = _orientation(image, settings)
        if turn:
            turned = _recognise(image.rotate(-turn, expand=True), scale, (rotation + turn) % 360, settings, counted)
            if (turned.mean_conf or 0.0) > (page.mean_conf or 0.0) and len(turned.words) >= len(page.words) // 2:
                page = turned
    return page


def _recognise(image, scale: float, rotation: int, settings: OcrSettings, counted: tuple[int, int] | None = None) -> OcrPage:
    """Read an image. ``counted``: it is a clip of a page with that many (dark pixels, pixels), and its
    ink and unread ink are given as shares of the whole page's."""
    with tempfile.TemporaryDirectory(prefix="redactor-ocr-") as tmp:
        path = os.path.join(tmp, "page.pgm")
        image.save(path, format="PPM")
        words = tesseract_words(path, settings)
    return _page(image, scale, rotation, words, counted)


def _with_angled_text(image, page: OcrPage, settings: OcrSettings, counted: tuple[int, int] | None) -> OcrPage:
    """The page with the text at an angle in it read turned upright (:mod:`redactor.extract.ocr_angled`);
    upright words lying mostly inside the words read so (garbled readings of the same ink) are dropped."""
    from redactor.extract.ocr_angled import angled_words, covered

    found = angled_words(image, typical_height(page.words), lambda path: tesseract_words(path, settings))
    if not found:
        return page
    return _page(image, page.scale, page.rotation, tuple(w for w in page.words if not covered(w, found)) + tuple(found), counted)


def _page(image, scale: float, rotation: int, words: tuple[OcrWord, ...], counted: tuple[int, int] | None) -> OcrPage:
    unread, total = unread_pixels(image, words)
    if counted is not None:
        dark, pixels = counted
        return OcrPage(image.width, image.height, scale, rotation, words, dark / max(1, pixels), unread / max(1, dark, total), True)
    histogram = image.histogram()
    ink = sum(histogram[:128]) / max(1, image.width * image.height)
    return OcrPage(image.width, image.height, scale, rotation, words, ink, unread / total if total else 0.0)


def unread_pixels(image, words: Sequence[OcrWord]) -> tuple[int, int]:
    """The page's dark pixels (specks removed) outside every word read, each word padded by half the
    typical word height (text at an angle, handwriting or pictures that OCR skipped), and all of them."""
    import numpy as np
    from PIL import ImageFilter

    dark = np.asarray(image.filter(ImageFilter.MaxFilter(3)).filter(ImageFilter.MinFilter(3))) < 128
    total = int(np.count_nonzero(dark))
    pad = typical_height(words) // 2
    for w in words:
        dark[max(0, w.box[1] - pad) : w.box[3] + pad, max(0, w.box[0] - pad) : w.box[2] + pad] = False
    return int(np.count_nonzero(dark)), total


def _orientation(image, settings: OcrSettings) -> int:
    """Clockwise degrees that would set the page upright, per tesseract's OSD; 0 when unsure."""
    import pytesseract

    with tempfile.TemporaryDirectory(prefix="redactor-osd-") as tmp:
        path = os.path.join(tmp, "page.pgm")
        image.save(path, format="PPM")
        try:
            osd = pytesseract.image_to_osd(path, config="--psm 0", output_type=pytesseract.Output.DICT, timeout=settings.timeout)
        except (pytesseract.TesseractError, RuntimeError, ValueError):
            return 0  # too little text to tell
    turn = int(osd.get("rotate", 0)) % 360
    return turn if turn in (90, 180, 270) and float(osd.get("orientation_conf", 0.0)) >= MIN_OSD_CONF else 0


def pixels_key(image, scale: float, rotation: int, settings: OcrSettings, *extra: object) -> str:
    return ocr_cache.pixels_key(image, scale, rotation, settings, *extra)


def cached_page(cache: Path, key: str) -> OcrPage | None:
    raw = ocr_cache.load(cache, key)
    if raw is None:
        return None
    words = tuple(
        OcrWord(w["text"], tuple(w["box"]), w["conf"], tuple(w["line"]), w.get("angle", 0.0), tuple(map(tuple, w.get("pieces", ()))))
        for w in raw.pop("words")
    )
    return OcrPage(words=words, **raw)


def keep_page(cache: Path, key: str, page: OcrPage) -> None:
    ocr_cache.save(cache, key, asdict(page))


def workers() -> int:
    return max(1, min(MAX_WORKERS, os.cpu_count() or 1))


def ocr_pages(tasks: Sequence[PageTask], settings: OcrSettings = DEFAULT, *, label: str = "", cache: Path | None = None) -> list[OcrPage]:
    """Recognise pages in parallel, in order (each distinct page once per ``cache``). Any failure fails the whole source (fail closed)."""
    if not tasks:
        return []
    with ThreadPoolExecutor(max_workers=min(workers(), len(tasks)), thread_name_prefix="ocr") as pool:
        extra = {"cache": cache} if cache is not None else {}
        futures = [pool.submit(run_task, t, settings, **extra) for t in tasks]
        results = []
        for task, future in zip(tasks, futures, strict=True):
            try:
                results.append(future.result())
            except Exception as exc:  # noqa: BLE001 - fail closed: the source is quarantined
                for other in futures:
                    other.cancel()
                raise _failure(label, task, exc) from None
    return results


def _failure(label: str, task: PageTask, exc: BaseException) -> Exception:
    from redactor.errors import InputError

    if isinstance(exc, InputError):
        return exc
    what = (
        "timed out" if isinstance(exc, (RuntimeError, subprocess.TimeoutExpired)) and "timeout" in str(exc).lower() else type(exc).__name__
    )
    return StageError(
        f"{label or task.path}: OCR failed on page {task.index + 1} ({what})",
        hint="the page could not be read, so the file cannot be redacted safely; check that tesseract works",
    )


# -- review ------------------------------------------------------------------------------------


def review_entry(number: int, page: OcrPage, settings: OcrSettings = DEFAULT) -> dict[str, object] | None:
    """The ``review_pages`` entry for a page that needs a person's eyes, or None."""
    reason = page.review_reason(settings)
    if reason is None:
        return None
    return {"page": number, "mean_conf": round(page.mean_conf or 0.0, 1), "words": len(page.words), "reason": reason}


def review_findings(item: Item) -> tuple[Finding, ...]:
    """A whole-page finding for each page listed in ``item.meta['review_pages']``."""
    wanted = {int(entry["page"]): entry for entry in item.meta.get("review_pages", ())}
    findings = []
    for segment in item.segments:
        entry = wanted.get(segment.page or -1)
        if entry is None or segment.field != "page" or not segment.text.strip():
            continue
        conf = float(entry.get("mean_conf", 0.0))
        findings.append(
            Finding(
                segment.segment_id,
                0,
                len(segment.text),
                OCR_REVIEW,
                round(1.0 - conf / 100.0, 3),
                "ocr.confidence",
                {
                    "reason": f"{entry.get('reason', 'low OCR confidence')}: check the page and add any missed "
                    "redactions; accepting withholds the whole page",
                    "mean_conf": conf,
                    "words": entry.get("words", 0),
                },
            )
        )
    return tuple(findings)
