"""How the words OCR read on a page read as text: the separators between them, and words
hyphenated at a line end joined (as the text layer's are, :mod:`redactor.extract.pdftext`).

Words are :class:`redactor.extract.ocr.OcrWord` s in reading order.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

HYPHENS = "-\u2010\u00ad\u00ac"  # hyphen-minus, hyphen, soft hyphen, and the not sign OCR reads some hyphens as


def reading_of(words: Sequence[Any]) -> list[tuple[str, str]]:
    """For each word, the separator before it and its text as read: words on a line joined by spaces,
    lines by newlines, blocks by a blank line; a word hyphenated at the end of a line and continued at
    the start of the next line is read joined, as the text layer's are (``pdftext.reading``):
    ``Jo-``/``nes`` as ``Jones``, ``9001-``/``23`` as ``900123``, ``Smith-``/``Jones`` as ``Smith-Jones``."""
    out: list[tuple[str, str]] = []
    glued = False
    for i, w in enumerate(words):
        last = words[i - 1].line if i else None
        sep = "" if last is None or glued else " " if w.line == last else "\n" if w.line[:1] == last[:1] else "\n\n"
        after = words[i + 1] if i + 1 < len(words) else None
        glued = _broken(w, after)
        text = w.text
        if glued and after is not None and (after.text[0].islower() or (text[-2].isdigit() and after.text[0].isdigit())):
            text = text[:-1]  # a hyphen that only breaks the word
        elif glued:
            text = text[:-1] + "-"
        out.append((sep, text))
    return out


def _broken(word: Any, after: Any) -> bool:
    """``word`` ends its line with a hyphen after a letter or digit, and the next line, just below
    (tesseract may put it in another block), goes on with one."""
    return (
        after is not None
        and len(word.text) >= 2
        and word.text[-1] in HYPHENS
        and word.text[-2].isalnum()
        and after.line != word.line
        and after.text[0].isalnum()
        and not word.angle
        and not after.angle
        and _just_below(word.box, after.box)
    )


def _just_below(box: tuple[int, int, int, int], other: tuple[int, int, int, int]) -> bool:
    """``other`` starts on the next line: below ``box``, less than two and a half of its heights under it
    (double-spaced statements), and to its left."""
    height = max(1, box[3] - box[1])
    return box[1] < other[1] and other[1] - box[3] < 2.5 * height and other[0] < box[2]
