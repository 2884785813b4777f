"""The ``render.pdf`` stage: pick the renderer for each item and produce its redacted PDF."""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from redactor.records import Flag, Item, RenderedItem
from redactor.render import RenderContext, Renderer, renderers
from redactor.stages import StageContext, register

RENDERER_MODULES = ("redactor.render.pdfpage", "redactor.render.textdoc", "redactor.render.transcript")


class RenderSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    dpi: int = Field(150, ge=72, le=600)  # resolution of rasterised pages


@register("render.pdf", kind="render", settings=RenderSettings)
def render_pdf(settings: RenderSettings, ctx: StageContext) -> RenderRun:
    """Write each item as a redacted PDF: content removed, labelled boxes, no metadata."""
    for module in RENDERER_MODULES:
        importlib.import_module(module)
    return RenderRun(settings, ctx, tuple(renderers()))


@dataclass(frozen=True, slots=True)
class RenderRun:
    """The built stage: ``run(item, flags, ref)`` renders an item; :meth:`ranges` splits a long one into page ranges."""

    settings: RenderSettings
    ctx: StageContext
    chain: tuple[Renderer, ...]

    def __call__(self, item: Item, flags: Sequence[Flag], ref: str, labels: bool = True, part: Any = None) -> RenderedItem:
        return self._renderer(item).render(item, flags, self._rctx(ref, labels, part))

    def split(self, item: Item, flags: Sequence[Flag], ref: str, labels: bool = True) -> list[tuple[Item, Sequence[Flag], Any]]:
        """A long item's parts, each (item, flags, part) to render with ``part=``; empty when it renders whole."""
        split = self._renderer(item).split
        return [] if split is None else split(item, flags, self._rctx(ref, labels, None))

    def _rctx(self, ref: str, labels: bool, part: Any) -> RenderContext:
        return RenderContext(ref, self.settings.dpi, self.ctx.open_source, self.ctx.case.identities, labels, part)

    def _renderer(self, item: Item) -> Renderer:
        for candidate in self.chain:
            if candidate.accepts(item):
                return candidate
        raise AssertionError("the text renderer accepts every item")
