"""Render: turn an item and its accepted redactions into a safe, redacted PDF.

Renderers register with :func:`renderer`; the ``render.pdf`` stage uses the first
(lowest priority number) that accepts the item. Every renderer removes content: the
redacted text is never written into the output, it is not merely covered.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from redactor.records import Flag, Item, RenderedItem
from redactor.registry import Registry

Accepts = Callable[[Item], bool]


@dataclass(frozen=True, slots=True)
class RenderContext:
    """What a renderer may use: plain values, never the case database."""

    ref: str  # the item's bundle reference, printed instead of its file name
    dpi: int = 150
    open_source: Callable[[str], Path] | None = None  # source id -> the original's path, SHA-256 checked
    identities: Mapping[str, Flag] = field(default_factory=dict)  # sender names/numbers redacted anywhere in the bundle
    labels: bool = True  # print the reason code in text boxes; the bundle prints "CODE N" itself (bundle/labels.py)
    part: Any = None  # one part of a long item, as its renderer's ``split`` gave it: only those pages are drawn


Render = Callable[[Item, Sequence[Flag], RenderContext], RenderedItem]
Split = Callable[[Item, Sequence[Flag], RenderContext], list[tuple[Item, Sequence[Flag], Any]]]  # (item, flags, part) per part


@dataclass(frozen=True, slots=True)
class Renderer:
    name: str
    accepts: Accepts
    render: Render
    priority: int
    version: int = 1
    split: Split | None = None  # given when the renderer can draw a long item in parts (redactor/render/parts.py)

    @property
    def ref(self) -> str:
        return f"{self.name}@{self.version}"


RENDERERS: Registry[Renderer] = Registry("renderer")


def renderer(
    name: str, *, accepts: Accepts, priority: int = 100, version: int = 1, split: Split | None = None
) -> Callable[[Render], Render]:
    """Decorator: register a renderer as ``name@version`` (lower priority is asked first); ``split`` if it renders in parts."""

    def wrap(fn: Render) -> Render:
        RENDERERS.add(Renderer(name, accepts, fn, priority, version, split))
        return fn

    return wrap


def renderers() -> list[Renderer]:
    """The newest version of every renderer, in the order they are asked."""
    return RENDERERS.newest(key=lambda r: (r.priority, r.name))
