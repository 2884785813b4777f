"""One registry shape for everything that plugs in: stages, extractors and renderers.

Each entry is registered under a stable, versioned reference (``name@version``); asking
for a bare name gives its newest version. Registries are filled at import time by
decorators (``stages.register``, ``extract.extractor``, ``render.renderer``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, Protocol, TypeVar


class Versioned(Protocol):
    @property
    def name(self) -> str: ...
    @property
    def version(self) -> int: ...


T = TypeVar("T", bound=Versioned)


class Registry(Generic[T]):
    def __init__(self, what: str) -> None:
        self.what = what
        self._entries: dict[str, T] = {}

    def add(self, entry: T) -> T:
        self._entries[f"{entry.name}@{entry.version}"] = entry
        return entry

    def get(self, ref: str) -> T | None:
        """``name@version``, or the newest version of ``name``; None when nothing matches."""
        name, _, version = ref.partition("@")
        if version:
            return self._entries.get(ref)
        candidates = [e for e in self._entries.values() if e.name == name]
        return max(candidates, key=lambda e: e.version) if candidates else None

    def refs(self) -> list[str]:
        return sorted(self._entries)

    def entries(self) -> list[T]:
        return list(self._entries.values())

    def newest(self, key: Callable[[T], object] | None = None) -> list[T]:
        """The newest version of every name, sorted by ``key`` (default: name)."""
        best: dict[str, T] = {}
        for entry in self._entries.values():
            if entry.name not in best or entry.version > best[entry.name].version:
                best[entry.name] = entry
        return sorted(best.values(), key=key or (lambda e: e.name))
