"""The ``render.pdf`` stage: pick the renderer for each item and produce its redacted PDF."""

from __future__ import annotations

import importlib
from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict, Field

from redactor.records import Flag, Item, RenderedItem
from redactor.render import RenderContext, renderers
from redactor.stages import StageContext, register

RENDERER_MODULES = ("redactor.render.pdfpage", "redactor.render.textdoc", "redactor.render.transcript")


class RenderSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    dpi: int = Field(150, ge=72, le=600)  # resolution of rasterised pages


@register("render.pdf", kind="render", settings=RenderSettings)
def render_pdf(settings: RenderSettings, ctx: StageContext):
    """Write each item as a redacted PDF: content removed, labelled boxes, no metadata."""
    for module in RENDERER_MODULES:
        importlib.import_module(module)
    chain = renderers()

    def run(item: Item, flags: Sequence[Flag], ref: str, labels: bool = True) -> RenderedItem:
        rctx = RenderContext(ref, settings.dpi, ctx.open_source, ctx.case.identities, labels)
        for candidate in chain:
            if candidate.accepts(item):
                return candidate.render(item, flags, rctx)
        raise AssertionError("the text renderer accepts every item")

    return run
