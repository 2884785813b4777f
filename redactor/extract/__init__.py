"""Extractors turn one source file into normalised items.

Each extractor registers itself with :func:`extractor`: a name, a predicate that
recognises the format from the source's sniffed media type and first bytes, and a
function ``extract(source, path) -> Iterator[Item]``. The ``extract.auto`` stage asks
them in priority order (lowest first) and uses the first that accepts the file.
Device formats (UFDR, WhatsApp, ...) and documents (PDF, images, Word) plug in here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from redactor.records import Item, Source

Accepts = Callable[[Source, Path, bytes], bool]
Extract = Callable[[Source, Path], Iterator[Item]]


@dataclass(frozen=True, slots=True)
class Extractor:
    name: str
    accepts: Accepts
    extract: Extract
    priority: int


_EXTRACTORS: dict[str, Extractor] = {}


def extractor(name: str, *, accepts: Accepts, priority: int = 100) -> Callable[[Extract], Extract]:
    def wrap(fn: Extract) -> Extract:
        _EXTRACTORS[name] = Extractor(name, accepts, fn, priority)
        return fn

    return wrap


def extractors() -> list[Extractor]:
    return sorted(_EXTRACTORS.values(), key=lambda e: (e.priority, e.name))
