"""Plain-text documents: decoded with their BOM, UTF-8, or Windows-1252 as a last resort."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from redactor.errors import CorruptInput, EmptyInput
from redactor.extract import extractor
from redactor.records import DOCUMENT, Item, Segment, Source, stable_id
from redactor.stages import StageContext


def decode_text(data: bytes, path: Path) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        raise CorruptInput(f"{path}: text is neither UTF-8, UTF-16 nor Windows-1252") from None


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
