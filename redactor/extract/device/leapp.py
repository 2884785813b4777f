"""ALEAPP / iLEAPP output folders.

How a report folder is handled (``ingest.files`` walks folders file by file, so each file of the
report is recognised on its own, from its content and its place in the report):

- ``_TSV Exports/<artifact>.tsv`` (UTF-8 with BOM, tab-separated, header row, quoted multi-line
  cells): one item per row, the artifact name (file name) choosing the kind. This is the
  primary record of the report.
- ``_lava_artifacts.db`` (newer versions, one SQLite table per artifact): one item per row,
  unless the report also has TSV exports, which carry the same rows (then the database yields
  nothing and says why in the log).
- ``_Timeline/tl.db`` (``data(key, activity, datalist JSON)``): likewise read only when the
  report has no TSV exports.
- A database row holding text that is not UTF-8 is refused alone (a :class:`~redactor.records.Refused` at its
  locator, which the runner quarantines; SQLite's own message would quote the text, so it is never passed on), and
  the other rows are read; so is a run of rows in a damaged page (a carved or partly copied database: ``sms_messages
  rows 1484-1531``, :func:`~.common.sqlite_walk`); a database none of whose rows can be read is refused whole.
- The report's presentation files (``*.html``, ``*.js``, ``*.css``, script logs) repeat the TSV
  content: when the report has TSV exports they are recognised as part of the report and yield nothing, so they are neither quarantined
  as unsupported nor reviewed twice. Media files the report copied keep going to their own
  extractors (images, documents).

ALEAPP writes times as ``2024-03-01 09:15:02+00:00`` (the offset is read) or naive (then the
report's UTC default is assumed and ``tz_source`` says so).
"""

from __future__ import annotations

import csv
import json
import logging
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from redactor.errors import CorruptInput, EmptyInput
from redactor.extract import extractor
from redactor.extract.device import common
from redactor.extract.device.tabular import TableRows, row_item
from redactor.records import Item, Mention, Person, Refused, Source
from redactor.stages import StageContext

log = logging.getLogger(__name__)
TSV_DIR = "_TSV Exports"
MARKERS = (TSV_DIR, "_lava_artifacts.db", "_Timeline")
PRESENTATION = (".html", ".htm", ".js", ".css", ".map", ".svg", ".ico", ".woff", ".woff2", ".ttf")
LOG_DIR = "Script Logs"
MAX_FIELD = 1 << 24


def report_root(path: Path) -> Path | None:
    """The ALEAPP/iLEAPP report folder that holds ``path``, if any (up to four levels up)."""
    for folder in list(path.parents)[:4]:
        if any((folder / m).exists() for m in MARKERS):
            return folder
    return None


def _has_tsv(root: Path) -> bool:
    return (root / TSV_DIR).is_dir() and any((root / TSV_DIR).glob("*.tsv"))


def parse_time(column: str, value: str) -> tuple[datetime | None, str]:
    text = value.strip().replace("T", " ").replace("Z", "+00:00")
    try:
        dt = datetime.fromisoformat(text)
    except ValueError:
        return None, "unreadable"
    if dt.tzinfo is None:
        return dt.replace(tzinfo=UTC), "no offset; the report's UTC default assumed"
    return dt, "offset in the value"


def _accepts_tsv(source: Source, path: Path, head: bytes) -> bool:
    if source.media_type != "text/plain" or path.parent.name != TSV_DIR:
        return False
    first = head.lstrip(b"\xef\xbb\xbf").split(b"\n", 1)[0]
    return b"\t" in first


@extractor("leapp-tsv", accepts=_accepts_tsv, priority=35)
def extract_tsv(source: Source, path: Path, ctx: StageContext) -> Iterator[Item | Person | Mention | Refused]:
    """Each row's item; a row that cannot be read as a :class:`Refused` (see :class:`~.tabular.TableRows`)."""
    artifact = path.stem
    book = common.PeopleBook(source.ref)
    csv.field_size_limit(MAX_FIELD)
    with open(path, encoding="utf-8-sig", newline="", errors="surrogateescape") as handle:
        reader = csv.DictReader(handle, delimiter="\t")
        try:
            if not reader.fieldnames:
                raise EmptyInput(f"{path}: TSV export has no header row")
            rows = TableRows(reader, path, "TSV", lambda n, line: f"{TSV_DIR}/{artifact}.tsv row {n} (line {line})")
            for index, row in rows:
                if isinstance(row, Refused):
                    yield row
                    continue
                if None in row:
                    row["extra columns"] = "\t".join(row.pop(None) or [])
                cells = {k: v or "" for k, v in row.items() if k is not None}
                yield row_item(
                    source,
                    f"{TSV_DIR}/{artifact}.tsv row {index} (line {reader.line_num})",
                    artifact,
                    cells,
                    "aleapp-tsv",
                    parse_time,
                    book,
                )
                yield from book  # the people it named
            rows.check()  # no row could be read: the file is refused whole
        except UnicodeDecodeError as exc:
            raise CorruptInput(f"{path}: TSV is not valid UTF-8 (byte {exc.start})") from None
        except csv.Error as exc:
            raise CorruptInput(f"{path}: malformed TSV at line {reader.line_num} ({exc})") from None
    yield from book


def _accepts_db(source: Source, path: Path, head: bytes) -> bool:
    return source.media_type == "application/vnd.sqlite3" and (
        path.name == "_lava_artifacts.db" or (path.name == "tl.db" and path.parent.name == "_Timeline")
    )


def _connect(path: Path, work: Path) -> sqlite3.Connection:
    try:
        conn = common.sqlite_open(path, work)
    except sqlite3.DatabaseError as exc:
        raise CorruptInput(f"{path}: SQLite database cannot be read ({common.sqlite_problem(exc)})") from None
    return conn


@extractor("leapp-db", accepts=_accepts_db, priority=35)
def extract_db(source: Source, path: Path, ctx: StageContext) -> Iterator[Item | Person | Mention | Refused]:
    """Each row's item; a row holding text that is not UTF-8 as a :class:`Refused` (the database is refused whole, by
    the first, when no row can be read)."""
    root = report_root(path)
    if root is not None and _has_tsv(root):
        log.info("%s: the report's TSV exports carry these rows; database not read twice", source.ref)
        return
    conn = _connect(path, ctx.work_dir)
    book = common.PeopleBook(source.ref)
    read, first = 0, None
    try:
        for locator, record in _db_rows(source, path, conn, book):
            if isinstance(record, CorruptInput):
                first = first or record
                yield Refused(locator, record.code, str(record))
                continue
            read += 1
            yield record
            yield from book
    except sqlite3.DatabaseError as exc:
        raise CorruptInput(f"{path}: SQLite database cannot be read ({common.sqlite_problem(exc)})") from None
    finally:
        conn.close()
    if first is not None and not read:
        raise first
    yield from book


def _db_rows(source: Source, path: Path, conn: sqlite3.Connection, book: common.PeopleBook) -> Iterator[tuple[str, Item | CorruptInput]]:
    """(locator, item) for each row of the timeline or of every artifact table, or (locator, the error that refuses
    it) for a row holding text that is not UTF-8 (SQLite's own message would quote it) or a run of rows in a damaged
    page (:func:`common.sqlite_walk` reads around it)."""
    if path.name == "tl.db":
        for got in common.sqlite_walk(conn, "data", "key, activity, datalist", binary=None):
            if isinstance(got, common.SqliteGap):
                yield f"_Timeline/tl.db data {got.rows}", _damaged(path, f"timeline {got.rows}", got)
                continue
            (rowid, _key, activity, datalist), damaged = got
            locator = f"_Timeline/tl.db data rowid {rowid}"
            if damaged:
                yield locator, _undecodable(path, f"timeline row {rowid}")
                continue
            try:
                cells = {str(k): "" if v is None else str(v) for k, v in json.loads(datalist).items()}
            except (json.JSONDecodeError, AttributeError, TypeError):
                cells = {"data": str(datalist)}
            yield locator, row_item(source, locator, str(activity), cells, "aleapp-timeline", parse_time, book)
        return
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
    for table in tables:
        columns = [d[0] for d in conn.execute(f'SELECT rowid, * FROM "{table.replace(chr(34), chr(34) * 2)}" LIMIT 0').description][1:]
        for got in common.sqlite_walk(conn, table, binary=None):
            if isinstance(got, common.SqliteGap):
                yield f"_lava_artifacts.db {table} {got.rows}", _damaged(path, f"{got.rows} of table {table}", got)
                continue
            (rowid, *values), damaged = got
            locator = f"_lava_artifacts.db {table} rowid {rowid}"
            if damaged:
                yield locator, _undecodable(path, f"row {rowid} of table {table}")
                continue
            cells = {
                c: "" if v is None else v.decode("utf-8", "replace") if isinstance(v, bytes) else str(v)
                for c, v in zip(columns, values, strict=True)
            }
            yield locator, row_item(source, locator, table, cells, "aleapp-lava", parse_time, book)


def _undecodable(path: Path, row: str) -> CorruptInput:
    return CorruptInput(f"{path}: {row} holds text that is not valid UTF-8; refused")


def _damaged(path: Path, rows: str, gap: common.SqliteGap) -> CorruptInput:
    return CorruptInput(f"{path}: {rows} lie in a damaged part of the database ({gap.problem}); refused")


def _accepts_presentation(source: Source, path: Path, head: bytes) -> bool:
    is_log = path.suffix.lower() == ".txt" and path.parent.name == LOG_DIR
    if (path.suffix.lower() not in PRESENTATION and not is_log) or path.parent.name == TSV_DIR:
        return False  # anything else (a statement saved beside the report) is not the report's
    root = report_root(path)
    return root is not None and _has_tsv(root)  # without TSVs the pages are the only record: leave them to other extractors


@extractor("leapp-report-page", accepts=_accepts_presentation, priority=36)
def extract_presentation(source: Source, path: Path, ctx: StageContext) -> Iterator[Item]:
    log.info("%s: ALEAPP/iLEAPP presentation file; its content is in the report's TSV exports", source.ref)
    return iter(())
