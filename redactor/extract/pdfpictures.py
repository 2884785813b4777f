"""Pictures on a PDF page whose text layer is kept: each picture's region is OCR'd on its own and its
words join the page's text-layer words (nothing of the layer is dropped).

The words read in a picture follow the layer's text (a blank line between), with boxes in
page space like the layer's, so detection reads them and a redaction boxes them like any other
word. A word OCR reads where the layer already has the same word (visible text over a picture)
is not added twice. A picture that reads poorly, or holds ink that OCR did not read and that is
a fair share of the page's ink, puts the page up for review (see ``OcrPage.review_reason``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from redactor.extract.ocr import OcrPage, OcrWord, clip_points, layout, pixels_to_page, review_entry
from redactor.records import Box, Segment, Word


@dataclass(frozen=True, slots=True)
class Picture:
    """A picture's region (PDF points, unrotated page space) on page ``index`` whose crop box is ``crop``."""

    index: int
    crop: Box
    region: Box


def add_pictures(pages: dict[int, Segment], pictures: list[Picture], readings: list[OcrPage]) -> list[dict[str, object]]:
    """Add what OCR read in each picture to its page's segment (in ``pages``); the review entries
    (one per page at most) for pages whose pictures need a person's eyes."""
    review: dict[int, dict[str, object]] = {}
    for picture, ocr in zip(pictures, readings, strict=True):
        segment = pages[picture.index]
        to_points = pixels_to_page(ocr, clip_points(picture.region, picture.crop, ocr.scale))
        fresh = replace(ocr, words=tuple(w for w in ocr.words if not _in_layer(w, to_points(w.box), segment)))
        text, words = layout(fresh, to_points) if fresh.words else ("", ())
        pages[picture.index] = _joined(segment, text, words)
        entry = review_entry(picture.index + 1, ocr)
        if entry is not None:
            review.setdefault(picture.index, entry)
    return list(review.values())


def _joined(segment: Segment, text: str, words: tuple[Word, ...]) -> Segment:
    if not words:
        return segment
    offset = len(segment.text) + 2
    shifted = tuple(Word(w.start + offset, w.end + offset, w.box, w.conf) for w in words)
    return replace(segment, text=f"{segment.text}\n\n{text}", words=segment.words + shifted)


def _in_layer(word: OcrWord, box: Box, segment: Segment) -> bool:
    """The layer has this word over the same place (most of the OCR'd word's box)."""
    key = _key(word.text)
    if not key:
        return False
    for w in segment.words:
        if _key(segment.text[w.start : w.end]) == key and _overlap(box, w.box) > 0.5 * _area(box):
            return True
    return False


def _key(text: str) -> str:
    return re.sub(r"\W", "", text).casefold()


def _area(box: Box) -> float:
    return max(0.0, box[2] - box[0]) * max(0.0, box[3] - box[1])


def _overlap(a: Box, b: Box) -> float:
    return _area((max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3])))
