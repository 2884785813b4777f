"""Run one extractor on a file the way the pipeline would, and collect what it yields."""

from __future__ import annotations

import hashlib
from pathlib import Path

from redactor.extract.auto import extract_auto
from redactor.ingest.files import sniff
from redactor.records import DerivedFile, Item, Source
from redactor.stages import StageContext


def source_for(path: Path) -> Source:
    data = path.read_bytes()
    return Source(hashlib.sha256(data).hexdigest(), "S0001", str(path), path.name, len(data), sniff(data[:8192]))


def context(tmp_path: Path) -> StageContext:
    return StageContext(models_dir=tmp_path, work_dir=tmp_path / "work")


def run(path: Path, tmp_path: Path, extract=None) -> tuple[list[Item], list[DerivedFile]]:
    """Records from ``extract`` (or from the ``extract.auto`` stage, which picks by content)."""
    ctx = context(tmp_path)
    source = source_for(path)
    if extract is None:
        from redactor.extract.auto import ExtractSettings

        records = list(extract_auto(ExtractSettings(), ctx)(source, path))
    else:
        records = list(extract(source, path, ctx))
    return [r for r in records if isinstance(r, Item)], [r for r in records if isinstance(r, DerivedFile)]


def only_item(path: Path, tmp_path: Path, extract=None) -> Item:
    items, _ = run(path, tmp_path, extract)
    assert len(items) == 1, items
    return items[0]


def text_of(item: Item) -> str:
    return "\n".join(f"[{s.field}]\n{s.text}" for s in item.segments)
