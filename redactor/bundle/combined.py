"""One paginated PDF for the prosecutor: cover, index, every disclosed item, redaction schedule.

Every page carries a bundle page number ("Bundle page 12 of 80") and its item
reference. The index gives each item's description, exhibit, date and page range, and
every page number in the index and the schedule links to its page. Item pages are taken
from the already redacted item PDFs, so nothing is added but page furniture. Every page is
sanitised as it is added (page extras dropped, as ``render/pdfkit.py:sanitize`` does; no
metadata); after that we add only what we wrote ourselves: bookmarks (per section and per
item) and the page links. The file is written once.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from pypdf import PdfReader, PdfWriter
from pypdf.annotations import Link
from reportlab.lib.pagesizes import A4

from redactor import codes
from redactor.bundle.facts import BundleFacts, Cover
from redactor.bundle.schedule import code_counts, merge_rows, schedule_rows
from redactor.bundle.table import Table
from redactor.render.pdfkit import new_canvas, stack, strip_page, text_font

COVER_COLUMNS = (("exhibit", 150), ("description", 365))
INDEX_COLUMNS = (
    ("item", 56),
    ("title / description", 112),
    ("kind", 56),
    ("exhibit", 70),
    ("date", 74),
    ("bundle pages", 46),
    ("red.", 31),
    ("status / note", 70),
)
SCHEDULE_COLUMNS = (
    ("no.", 28),
    ("item", 62),
    ("page", 28),
    ("bundle page", 38),
    ("code", 30),
    ("reason", 120),
    ("legal basis", 110),
    ("decided", 99),
)
Links = list[tuple[int, tuple[float, float, float, float], int]]

# The words the combined PDF prints whatever the material (the leak scan's list of them, ``chrome.py``, imports these)
COVER_TITLE = "Disclosure bundle"
COVER_FACTS = ("Case:", "URN:", "Date (material as decided on):", "Built by:", "Tool: redactor", "Pipeline hash:")
EXHIBITS = "Exhibits:"
INDEX_TITLE = "Disclosure bundle: index"
INDEX_INTRO = "One row per item. Page numbers link to the page."
SCHEDULE_TITLE = "Redaction schedule"
SCHEDULE_COUNTS = "Boxes per code:"
SCHEDULE_INTRO = "Every redaction in this bundle, where it is and why: row N is the box labelled 'CODE N'. Values are never given."
COVER, INDEX, ITEMS = "Cover", "Index", "Items"  # the bookmarks' top level, with SCHEDULE_TITLE
BUNDLE_PAGE = "Bundle page"  # every page's stamp: "S0001-002  ·  Bundle page 12 of 80"


def cover_pages(cover: Cover, summary_lines: Sequence[str]) -> Table:
    values = (cover.case, cover.urn, cover.date, cover.built_by, cover.tool, cover.pipeline_hash)
    facts = [*(f"{label} {value}" for label, value in zip(COVER_FACTS, values, strict=True)), "", *summary_lines, "", EXHIBITS]
    table = Table(COVER_TITLE, COVER_COLUMNS, facts)
    for ref, description in cover.exhibits:
        table.row([ref, description])
    return table


def index_pages(entries: Sequence[Any], facts: BundleFacts, starts: dict[str, tuple[int, int]]) -> Table:
    table = Table(INDEX_TITLE, INDEX_COLUMNS, [INDEX_INTRO])
    for e in entries:
        first, last = starts.get(e.ref, (0, 0))
        pages = (f"{first}-{last}" if last > first else str(first)) if first else "-"
        count = len(e.rendered.redactions) if e.rendered else 0
        note = "; ".join(x for x in (e.status, e.note) if x)
        row = [e.ref, facts.printable(e.title), e.kind, facts.printable(e.exhibit), e.date, pages, count, note]
        table.row(row, links=[first or None, None, None, None, None, first or None])
    return table


def schedule_pages(rows: Sequence[dict[str, Any]]) -> Table:
    counts = code_counts(rows)
    intro = [
        f"{SCHEDULE_COUNTS} " + (", ".join(f"{c} {n}" for c, n in counts) if counts else "none") + f" (total {len(rows)}).",
        SCHEDULE_INTRO,
    ]
    intro += [f"  {c.code}: {c.meaning}. Basis: {c.basis}." for c in codes.REASON_CODES.values()]
    table = Table(SCHEDULE_TITLE, SCHEDULE_COLUMNS, intro)
    for r in rows:
        when = f"{r['decided_at'][:16].replace('T', ' ')} UTC" if r["decided_at"] else ""
        decided = ", ".join(str(x) for x in (r["decided_by"], when, r["decision"]) if x)
        target = int(r["bundle_page"]) if r["bundle_page"] else None
        code = f"{r['code']} ({r['pseudonym']})" if r["pseudonym"] else r["code"]
        row = [r["redaction"], r["item"], r["page"], r["bundle_page"], code, r["reason"], r["legal_basis"], decided]
        table.row(row, links=[None, target, None, target])
    return table


def _stamps(labels: Sequence[str]) -> PdfReader:
    """The page furniture of every bundle page, one page each, in one document (one embedded font)."""
    buffer = io.BytesIO()
    canvas = new_canvas(buffer, A4)
    for label in labels:
        canvas.setFont(text_font(), 7.5)
        canvas.setFillColorRGB(0.3, 0.3, 0.3)
        canvas.drawRightString(A4[0] - 20, 12, label)
        canvas.showPage()
    canvas.save()
    return PdfReader(io.BytesIO(buffer.getvalue()))


def page_starts(entries: Sequence[Any], first_page: int) -> dict[str, tuple[int, int]]:
    """First and last bundle page of each disclosed item, items following each other from ``first_page``."""
    starts, page = {}, first_page
    for e in entries:
        if e.rendered is not None:
            starts[e.ref] = (page, page + e.rendered.pages - 1)
            page += e.rendered.pages
    return starts


def _pages(data: bytes) -> int:
    return len(PdfReader(io.BytesIO(data)).pages)


def combined_pdf(
    entries: Sequence[Any],
    facts: BundleFacts,
    summary_lines: Sequence[str],
    first: int = 1,
    carried: Sequence[dict[str, Any]] = (),
) -> tuple[bytes, list[dict[str, Any]], dict[str, tuple[int, int]]]:
    """The bundle PDF, its schedule rows (with bundle pages) and each item's first and last bundle page."""
    disclosed = [e for e in entries if e.rendered is not None]
    cover = cover_pages(facts.cover, summary_lines).finish()
    # The index's own length does not depend on the page numbers in it: measure it first.
    index_len = _pages(index_pages(entries, facts, {}).finish())
    starts = page_starts(entries, _pages(cover) + index_len + 1)
    index = index_pages(entries, facts, starts)
    rows = merge_rows(carried, schedule_rows([(e.ref, e.rendered) for e in disclosed], facts.decided, starts, facts.pseudonyms, first))
    schedule = schedule_pages(rows)
    parts = [(None, cover), (None, index.finish())]
    parts += [(e.ref, e.rendered.pdf) for e in disclosed]
    parts.append((None, schedule.finish()))
    pages = [(ref, p) for ref, data in parts for p in PdfReader(io.BytesIO(data)).pages]
    writer = PdfWriter()
    stamps = _stamps([f"{ref + '  ·  ' if ref else ''}{BUNDLE_PAGE} {n} of {len(pages)}" for n, (ref, _) in enumerate(pages, start=1)])
    for (_, src), stamp in zip(pages, stamps.pages, strict=True):
        added = writer.add_page(src)
        stack(writer, added, stamp, dx=float(added.mediabox.width) - A4[0])
        strip_page(added)  # sanitised as every output is (the items were already)
    cover_len = _pages(cover)
    schedule_start = len(pages) - schedule.pages + 1
    links = [(cover_len + p, rect, t) for p, rect, t in index.links] + [(schedule_start - 1 + p, rect, t) for p, rect, t in schedule.links]
    sections = [(COVER, 1), (INDEX, cover_len + 1)]
    if disclosed:
        sections.append((ITEMS, starts[disclosed[0].ref][0]))
    sections.append((SCHEDULE_TITLE, schedule_start))
    items = [(f"{e.ref}  {facts.printable(e.title)}".strip(), starts[e.ref][0]) for e in disclosed]
    return navigable(writer, sections, items, links), rows, starts


def navigable(writer: PdfWriter, sections: Sequence[tuple[str, int]], items: Sequence[tuple[str, int]], links: Links) -> bytes:
    """The bundle PDF: bookmarks (sections, and items under "Items") and page links added to its sanitised pages, written once.

    ``pages`` are 1-based."""
    for title, page in sections:
        parent = writer.add_outline_item(title=title, page_number=page - 1)
        if title == ITEMS:
            for item_title, item_page in items:
                writer.add_outline_item(title=item_title, page_number=item_page - 1, parent=parent)
    for page, rect, target in links:
        writer.add_annotation(page_number=page - 1, annotation=Link(rect=rect, target_page_index=target - 1))
    writer.page_mode = "/UseOutlines"
    writer.metadata = None
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
