"""Extractors turn one source file into normalised items.

Each extractor registers itself with :func:`extractor`: a name, a predicate that
recognises the format from the source's sniffed media type and first bytes, and a
function ``extract(source, path, ctx) -> Iterator[Item | DerivedFile | Person]``:
items to review, files found inside the source (attachments, written under
``ctx.work_dir / "derived"``) to be extracted in turn, and people the source
tells us about (address book, chat participants) for detection. The ``extract.auto`` stage asks
them in priority order (lowest first) and uses the first that accepts the file.
Device formats (UFDR, WhatsApp, ...) and documents (PDF, images, Word) plug in here.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass
from pathlib import Path

from redactor.records import DerivedFile, Item, Person, Source
from redactor.registry import Registry
from redactor.stages import StageContext

Accepts = Callable[[Source, Path, bytes], bool]
Extract = Callable[[Source, Path, StageContext], Iterator[Item | DerivedFile | Person]]


@dataclass(frozen=True, slots=True)
class Extractor:
    name: str
    accepts: Accepts
    extract: Extract
    priority: int
    version: int = 1

    @property
    def ref(self) -> str:
        return f"{self.name}@{self.version}"


EXTRACTORS: Registry[Extractor] = Registry("extractor")


def extractor(name: str, *, accepts: Accepts, priority: int = 100, version: int = 1) -> Callable[[Extract], Extract]:
    """Decorator: register an extractor as ``name@version`` (lower priority is asked first)."""

    def wrap(fn: Extract) -> Extract:
        EXTRACTORS.add(Extractor(name, accepts, fn, priority, version))
        return fn

    return wrap


def extractors() -> list[Extractor]:
    """The newest version of every extractor, in the order they are asked."""
    return EXTRACTORS.newest(key=lambda e: (e.priority, e.name))


HEAD = 8192  # the first bytes of a file an extractor's ``accepts`` sees


def accepting(source: Source, path: Path, head: bytes | None = None, *, skip: Collection[str] = ()) -> Extractor | None:
    """The extractor that reads ``path``: the first, in the order they are asked, that accepts it (``skip``: names left
    out, as a pipeline's ``disabled`` list); None when none does. ``head``: the file's first :data:`HEAD` bytes, read
    here when not given."""
    if head is None:
        with open(path, "rb") as handle:
            head = handle.read(HEAD)
    return next((e for e in extractors() if e.name not in skip and e.accepts(source, path, head)), None)
