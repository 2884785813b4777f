"""A long item renders as page ranges (parts) on every core, joined into one PDF.

A transcript of a 20,000-message chat, or a long document, would otherwise render on one
core while the others wait. The render stage tells how many pages an item will have
(``RenderRun.ranges``; for text items an arithmetic pass over the measured script); an item of
more than :data:`PART_PAGES` pages becomes ranges of at most that many pages, each rendered
(``RenderContext.pages``) as a job of the render pool, and :func:`join_parts` joins them in page
order. The split depends on the item alone, never on the number of workers, so a bundle is
byte-identical whether its parts rendered in one process or many.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from redactor.records import RenderedItem
from redactor.render.pdfkit import rebuild
from redactor.render.pool import Failure, Job, RenderPool, Result, render_jobs

PART_PAGES = 60  # pages per part: large enough that shipping the item to a worker costs little beside drawing them


def page_ranges(pages: int) -> list[tuple[int, int]]:
    """Ranges (1-based, inclusive) of about equal length covering ``pages``; none when one part is enough."""
    size = PART_PAGES
    if pages <= size:
        return []
    count = -(-pages // size)
    bounds = [round(i * pages / count) for i in range(count + 1)]
    return [(bounds[i] + 1, bounds[i + 1]) for i in range(count)]


def join_parts(parts: Sequence[RenderedItem]) -> RenderedItem:
    """One item from its parts in page order: pages concatenated and rebuilt as every output is, boxes where they were."""
    redactions = tuple(r for part in parts for r in part.redactions)  # their page numbers are the whole item's already
    return RenderedItem(parts[0].item_id, rebuild([p.pdf for p in parts]), sum(p.pages for p in parts), redactions)


def render_split(
    jobs: Sequence[Job], render: Callable[..., RenderedItem], make_render, workers: int | None, pool: RenderPool | None = None
) -> Iterator[Result]:
    """:func:`render_jobs` with each long item split into page ranges and joined again: one result per job, in job order.

    A part that fails fails its whole item (withheld by the caller, as any failure)."""
    split = getattr(render, "split", None)
    expanded: list[Job] = []
    owners: list[int] = []
    for index, job in enumerate(jobs):
        item, flags, ref, kwargs = job
        parts = [(i, f, ref, {**kwargs, "part": part}) for i, f, part in _parts(split, job)]
        expanded += parts or [job]
        owners += [index] * max(1, len(parts))
    done: list[RenderedItem] = []
    failed: Failure | None = None
    for sub, rendered, failure in render_jobs(expanded, render, make_render, workers, pool=pool):
        failed = failed or failure
        if rendered is not None:
            done.append(rendered)
        if sub + 1 == len(owners) or owners[sub + 1] != owners[sub]:  # the item's last part
            if failed is not None:
                yield owners[sub], None, failed
            else:
                yield owners[sub], done[0] if len(done) == 1 else join_parts(done), None
            done, failed = [], None


def _parts(split, job: Job) -> list:
    if split is None:
        return []
    item, flags, ref, kwargs = job
    try:
        return split(item, flags, ref, **kwargs)
    except Exception:  # noqa: BLE001 - rendered whole instead: a real fault fails that render and withholds the item
        return []
