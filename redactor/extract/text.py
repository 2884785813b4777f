"""Plain-text documents: decoded with their BOM, UTF-8, or Windows-1252 as a last resort.

Text in another legacy code page (Arabic Windows-1256, Cyrillic Windows-1251, ...) read as
Windows-1252 comes out as accented Latin letters only, so nothing in it could be detected and
the bundle would show gibberish; such text is decoded as charset-normalizer guesses instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from redactor.errors import CorruptInput, EmptyInput
from redactor.extract import extractor
from redactor.records import DOCUMENT, Item, Segment, Source, stable_id
from redactor.stages import StageContext


def decode_text(data: bytes, path: Path) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", "replace")  # a file cut mid-character still reads up to the cut
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        western = data.decode("cp1252")
    except UnicodeDecodeError:
        western = None
    if western is None or _looks_misread(western):
        guessed = _guess(data)
        if guessed is not None:
            return guessed
    if western is None:
        raise CorruptInput(f"{path}: text is neither UTF-8, UTF-16 nor Windows-1252") from None
    return western


LATIN_HIGH = re.compile(r"[\u00c0-\u00ff]")
MISREAD_SHARE = 0.5  # accented letters in French or German text are well under a tenth of the letters
MISREAD_MIN = 12  # fewer accented letters than this: too little to guess from, Windows-1252 stands


def _looks_misread(text: str) -> bool:
    letters = sum(ch.isalpha() for ch in text)
    accented = len(LATIN_HIGH.findall(text))
    return accented >= MISREAD_MIN and accented > MISREAD_SHARE * letters


def _guess(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data[: 1 << 20]).best()
    if best is None or best.encoding in ("utf_8", "cp1252", "latin_1"):
        return None
    try:
        return data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _accepts(source: Source, path: Path, head: bytes) -> bool:
    return source.media_type == "text/plain"


@extractor("text", accepts=_accepts, priority=900)
def extract_text(source: Source, path: Path, ctx: StageContext) -> Iterator[Item]:
    text = decode_text(path.read_bytes(), path).replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise EmptyInput(f"{path}: no text in the file")
    item_id = stable_id(source.source_id, "file")
    segment = Segment(stable_id(item_id, 0), item_id, 0, "body", text, origin="text")
    yield Item(item_id, source.source_id, "file", DOCUMENT, source.name, (segment,), {"format": "text"})
