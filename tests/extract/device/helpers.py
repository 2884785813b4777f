"""Run one device extractor outside the runner: sniff like ingest, pick like extract.auto."""

from __future__ import annotations

import os
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import redactor.extract.auto  # noqa: F401  registers the stage
import redactor.extract.device  # noqa: F401
import redactor.extract.pdf  # noqa: F401
import redactor.extract.text  # noqa: F401
from redactor.extract import accepting, extractors
from redactor.ingest.files import check
from redactor.records import DerivedFile, Item, Mention, Person, Refused, Source
from redactor.stages import StageContext

# ../shared/samples beside the repository (developers' machines and CI); REDACTOR_SAMPLES points elsewhere (a worktree)
SAMPLES = Path(os.environ.get("REDACTOR_SAMPLES") or Path(__file__).resolve().parents[3].parent / "shared" / "samples") / "device"


def source_for(path: Path) -> Source:
    found = check(path, 1 << 40)
    return Source(found.sha256, "S0001", str(path), path.name, found.size, found.media_type)


def pick(path: Path) -> str | None:
    found = accepting(source_for(path), path)
    return found.name if found is not None else None


def run(path: Path, work: Path) -> tuple[list[Item], list[DerivedFile], list[Person]]:
    source = source_for(path)
    name = pick(path)
    assert name is not None, f"no extractor accepts {path}"
    ex = next(e for e in extractors() if e.name == name)
    items, derived, people = [], [], []
    mentioned: dict[str, int] = {}  # an address book's mentions of one person merge, as the case merges them
    for rec in ex.extract(source, path, StageContext(models_dir=Path("."), work_dir=work)):
        if isinstance(rec, Mention):
            at = mentioned.get(rec.person.person_id)
            if at is None:
                mentioned[rec.person.person_id] = len(people)
                people.append(rec.person)
            else:
                people[at] = people[at].merged(rec.person)
            continue
        if isinstance(rec, Refused):  # a part the reader refused: the runner quarantines it (see test_email_refused.py)
            continue
        (derived if isinstance(rec, DerivedFile) else people if isinstance(rec, Person) else items).append(rec)
    return items, derived, people


def records_of(path: Path, work: Path, name: str | None = None) -> list:
    """Every record the extractor ``name`` (by default the one that accepts ``path``) yields, refusals included."""
    name = name or pick(path)  # once: asking every extractor again for each one compared was slow on big archives
    ex = next(e for e in extractors() if e.name == name)
    return list(ex.extract(source_for(path), path, StageContext(models_dir=Path("."), work_dir=work)))


def seg(item: Item, field: str) -> str | None:
    return next((s.text for s in item.segments if s.field == field), None)


def traced(read: Callable[[], list]) -> tuple[list, int]:
    """What ``read()`` returns and the peak of the memory tracemalloc traced while it ran."""
    tracemalloc.start()
    try:
        out = read()
        return out, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def read_store(tmp_path: Path, write: Callable[[Path], None], name: str, reader: str) -> tuple[list[Item], list[Person]]:
    """The items and known people of a store ``write`` makes at ``tmp_path / name``, which the extractor ``reader``
    must be the one to take."""
    path = tmp_path / name
    write(path)
    assert pick(path) == reader
    items, _, people = run(path, tmp_path / "work")
    return items, people
