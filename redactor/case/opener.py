"""Opening originals for rendering: the path of a source, checked against its SHA-256.

A :class:`SourceOpener` holds plain values (each source's path and hash), never a
connection, so a renderer can take it to another process.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

from redactor.errors import StageError
from redactor.records import Source


class SourceOpener:
    def __init__(self, sources: Iterable[Source]) -> None:
        self._sources = {s.source_id: s for s in sources}

    def __call__(self, source_id: str) -> Path:
        """The original file, checked against its SHA-256: a changed original is never rendered."""
        source = self._sources.get(source_id)
        if source is None:
            raise StageError(f"no source {source_id} in this case")
        path = Path(source.path)
        if not path.is_file():
            raise StageError(
                f"source {source.ref} is no longer at {path}", hint="restore the original file and run 'redactor bundle' again"
            )
        digest = hashlib.sha256()
        with open(path, "rb") as handle:
            while block := handle.read(1 << 20):
                digest.update(block)
        if digest.hexdigest() != source.source_id:
            raise StageError(
                f"source {source.ref} at {path} has changed since it was ingested", hint="the original must not change; restore it"
            )
        return path
