"""A PDF page's text layer as words: the page text as read, and one padded box per word part.

Offsets index the text as read, so a flag's span maps straight to the words it touches.
Every box is the union of pdfium's own character boxes (the glyphs' real positions:
right-to-left and mixed lines are never assumed to run in text order).

Hyphenation is undone for reading: pdfium marks a word broken at a line end with U+FFFE
(or U+0002) in place of its hyphen (also before a capital: a double-barrelled name), and
keeps ``-`` plus a line break inside a broken number. Detection reads ``Sarah Jones``, ``07700 900123`` and
``Smith-Jones``; the word keeps one box per line (the first half's box takes the hyphen),
so a redaction never spans both lines at full width.
"""

from __future__ import annotations

from dataclasses import dataclass

import pypdfium2 as pdfium

from redactor.records import Box, Word

PAD_X, PAD_Y = 1.0, 1.5
HYPHEN_MARKS = "\ufffe\x02"  # pdfium's stand-ins for a hyphen that breaks a word at a line end


@dataclass(frozen=True, slots=True)
class PageText:
    """The text as read, the pdfium character index of each of its characters, and where a word
    continues on the next line (position in ``text`` -> index of the hyphen glyph that ends the line)."""

    text: str
    index: tuple[int, ...]
    breaks: dict[int, int]


def page_text(textpage: pdfium.PdfTextPage) -> str:
    """pdfium's text of the page, one character per character index."""
    count = textpage.count_chars()
    text = textpage.get_text_range()
    if len(text) != count:  # characters outside the BMP: fetch one by one to keep indices aligned
        text = "".join(textpage.get_text_range(i, 1) or "\ufffd" for i in range(count))
    return text


def reading(raw: str) -> PageText:
    """Undo hyphenation at line ends (see the module notes)."""
    out: list[str] = []
    index: list[int] = []
    breaks: dict[int, int] = {}
    i, n = 0, len(raw)
    while i < n:
        ch = raw[i]
        after = i + 1 + (2 if raw[i + 1 : i + 3] == "\r\n" else 1 if raw[i + 1 : i + 2] in ("\r", "\n") else 0)
        joins = bool(out) and out[-1].isalnum() and after < n and raw[after].isalnum()
        if ch in HYPHEN_MARKS and joins and not raw[after].isupper():
            breaks[len(out)] = i  # "Jo\ufffenes" -> "Jones"
            i = after
            continue
        if (ch == "-" and joins and after > i + 1) or (ch in HYPHEN_MARKS and joins):
            if out[-1].isdigit() and raw[after].isdigit():
                breaks[len(out)] = i  # "9001-\r\n23" -> "900123"
            else:
                out.append("-")  # "Smith-\r\nJones" -> "Smith-Jones"
                index.append(i)
                breaks[len(out)] = -1
            i = after
            continue
        out.append("-" if ch in HYPHEN_MARKS else ch)
        index.append(i)
        i += 1
    return PageText("".join(out), tuple(index), breaks)


def page_words(textpage: pdfium.PdfTextPage, page: PageText) -> tuple[Word, ...]:
    """Whitespace-separated words, one per line they sit on, with the union of their character boxes."""
    words: list[Word] = []
    start: int | None = None
    box: list[float] = []

    def close(end: int) -> None:
        if start is not None and box:
            words.append(Word(start, end, _pad(box)))

    for pos, ch in enumerate(page.text):
        if ch.isspace():
            close(pos)
            start, box = None, []
            continue
        if pos in page.breaks and start is not None:  # the word goes on on the next line: close this half
            hyphen = page.breaks[pos]
            if hyphen >= 0:
                box = _grow(box, textpage.get_charbox(hyphen))
            close(pos)
            start, box = None, []
        if start is None:
            start = pos
        box = _grow(box, textpage.get_charbox(page.index[pos]))
    close(len(page.text))
    return tuple(words)


def _grow(box: list[float], char: tuple[float, float, float, float]) -> list[float]:
    left, bottom, right, top = char
    if not (right > left and top > bottom):  # generated characters have no extent
        return box
    return [left, bottom, right, top] if not box else [min(box[0], left), min(box[1], bottom), max(box[2], right), max(box[3], top)]


def _pad(box: list[float]) -> Box:
    x0, y0, x1, y1 = box
    pad_y = max(PAD_Y, (y1 - y0) * 0.25)
    return (x0 - PAD_X, y0 - pad_y, x1 + PAD_X, y1 + pad_y)
