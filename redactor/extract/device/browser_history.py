"""Browsing histories as databases: Chrome and Chromium-based browsers (``History``), Safari (``History.db``) and
Firefox (``places.sqlite``), as found in file-system extractions. A search typed into a browser ("how to report an
assault", a person's name) and the pages visited are personal data of the owner and of the people searched for.

- Chrome: ``urls`` (``url``, ``title``), ``visits`` (``url`` -> ``urls.id``, ``visit_time`` in microseconds since
  1601-01-01 UTC), ``keyword_search_terms`` (``url_id``, ``term``: what was typed into the address bar's search).
- Safari: ``history_items`` (``url``), ``history_visits`` (``history_item``, ``visit_time`` in seconds since 2001-01-01
  UTC, ``title``).
- Firefox: ``moz_places`` (``url``, ``title``), ``moz_historyvisits`` (``place_id``, ``visit_date`` in microseconds since
  1970-01-01 UTC).

Each visit is a ``web_visit`` item (the address, the page's title and any search term as segments; the time and the
browser as facts). The database is opened read-only and immutable. A run of rows in a damaged page, or a row that is not
UTF-8, is refused alone; a visit whose page row was refused is left out with it (the refusal says which rows); a
history none of whose visits can be read is refused whole.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, NamedTuple

from redactor.extract import extractor
from redactor.extract.device import common, sqlite_source
from redactor.extract.device.sqlite_source import Part
from redactor.extract.device.whatsapp_ios import APPLE_SECONDS, apple_time
from redactor.records import Item, Refused, Source
from redactor.stages import StageContext

WINDOWS_EPOCH = datetime(1601, 1, 1, tzinfo=UTC)


class Layout(NamedTuple):
    """One browser's tables: pages (id, address, title), visits (id, page, time) and how its times count."""

    app: str
    format: str
    pages: str
    page_columns: tuple[str, str]  # address, title
    visits: str
    visit_columns: tuple[str, str, str]  # page, time, title (or "" where the visit has none)
    time: Callable[[Any], datetime | None]
    how: str


def _chrome_time(value: Any) -> datetime | None:
    try:
        return WINDOWS_EPOCH + timedelta(microseconds=int(value)) if value else None
    except (TypeError, ValueError, OverflowError):
        return None


def _firefox_time(value: Any) -> datetime | None:
    try:
        return common.from_epoch(int(value) / 1_000_000) if value else None
    except (TypeError, ValueError, OverflowError):
        return None


LAYOUTS = (
    Layout(
        "Chrome", "chrome-history-db", "urls", ("url", "title"), "visits", ("url", "visit_time", ""), _chrome_time,
        "microseconds since 1601-01-01 UTC (Chrome)",
    ),
    Layout(
        "Safari", "safari-history-db", "history_items", ("url", ""), "history_visits", ("history_item", "visit_time", "title"),
        lambda v: apple_time(v) if v else None, APPLE_SECONDS,
    ),
    Layout(
        "Firefox", "firefox-history-db", "moz_places", ("url", "title"), "moz_historyvisits",
        ("place_id", "visit_date", ""), _firefox_time, "microseconds since 1970-01-01 UTC",
    ),
)  # fmt: skip


def _layout(tables: dict[str, set[str]] | set[str]) -> Layout | None:
    return next((t for t in LAYOUTS if {t.pages, t.visits} <= set(tables)), None)


def _accepts(source: Source, path: Path, head: bytes) -> bool:
    if source.media_type != "application/vnd.sqlite3":
        return False
    tables = sqlite_source.tables(path)
    layout = _layout(tables)
    return layout is not None and layout.page_columns[0] in tables[layout.pages] and layout.visit_columns[0] in tables[layout.visits]


@extractor("browser-history-db", accepts=_accepts, priority=30)
def extract_history(source: Source, path: Path, ctx: StageContext) -> Iterator[Item | Refused]:
    def body(conn: sqlite3.Connection, tables: set[str]) -> Iterator[Item | Part]:
        layout = _layout(tables)
        assert layout is not None  # accepted by its tables
        return _visits(source, path, conn, layout, tables)

    yield from sqlite_source.read(path, "browsing history", body, lambda record: isinstance(record, Item), work=ctx.work_dir)


def _visits(source: Source, path: Path, conn: sqlite3.Connection, layout: Layout, tables: set[str]) -> Iterator[Item | Part]:
    pages: dict[int, tuple[str | None, str | None]] = {}
    address, title = layout.page_columns
    for r in sqlite_source.parts(path, conn, layout.pages, tuple(c for c in (address, title) if c), key="id", one="page"):
        if isinstance(r, tuple):
            yield r  # the visits of those pages are left out with them
        else:
            pages[r[0]] = (r[address], r[title] if title else None)
    searches: dict[int, str] = {}
    if "keyword_search_terms" in tables:
        for r in sqlite_source.parts(path, conn, "keyword_search_terms", ("url_id", "term"), key="url_id", one="search"):
            if isinstance(r, tuple):
                yield r
            elif r["url_id"] is not None and r["term"]:
                searches[r["url_id"]] = r["term"]
    page, time, visit_title = layout.visit_columns
    for r in sqlite_source.parts(path, conn, layout.visits, tuple(c for c in (page, time, visit_title) if c), key="id", one="visit"):
        if isinstance(r, tuple):
            yield r
            continue
        if r[page] not in pages:
            continue  # its page's row was refused (said above), or the browser dropped it
        url, named = pages[r[page]]
        meta = {"format": layout.format, "app": layout.app, "time": common.when(layout.time(r[time]), r[time], layout.how)}
        fields = [("url", url), ("title", r[visit_title] if visit_title else named), ("search.term", searches.get(r[page]))]
        yield common.make_item(source, f"{layout.visits} id={r[0]}", "web_visit", f"{layout.app} history visit", fields, meta)
