"""Magnet AXIOM CSV exports (one artifact per file, e.g. ``WhatsApp Messages.csv``).

AXIOM puts the time zone and date format of every time column in its header:
``Message Sent Date/Time - UTC+00:00 (dd/MM/yyyy)``. They are read from there: the offset makes
the value UTC, the .NET date pattern (``dd/MM/yyyy``, ``MM/dd/yyyy``, ``yyyy-MM-dd``) orders the
date, and the time part may be 24 h or 12 h. The artifact comes from an ``Artifact type`` column
when there is one, else the file name. Rows become items through :mod:`.tabular`.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

from redactor.errors import CorruptInput, EmptyInput
from redactor.extract import extractor
from redactor.extract.device import common
from redactor.extract.device.tabular import TableRows, row_item
from redactor.records import Item, Mention, Person, Refused, Source

HEADER_TZ = re.compile(r"Date/Time\s*-\s*UTC\s*(?P<sign>[+-])(?P<h>\d{1,2}):(?P<m>\d{2})(?:\s*\((?P<fmt>[^)]+)\))?", re.IGNORECASE)
NET = (("yyyy", "%Y"), ("yy", "%y"), ("MMM", "%b"), ("MM", "%m"), ("M", "%m"), ("dd", "%d"), ("d", "%d"))
MAX_FIELD = 1 << 24


def _accepts(source: Source, path: Path, head: bytes) -> bool:
    if source.media_type != "text/plain":
        return False
    first = head.lstrip(b"\xef\xbb\xbf").split(b"\n", 1)[0].decode("utf-8", "replace")
    return "," in first and bool(HEADER_TZ.search(first))


def net_to_strptime(pattern: str) -> str:
    out, i = "", 0
    while i < len(pattern):
        for net, py in NET:
            if pattern.startswith(net, i):
                out += py
                i += len(net)
                break
        else:
            out += pattern[i]
            i += 1
    return out


def column_zone(column: str) -> tuple[timezone, str | None] | None:
    m = HEADER_TZ.search(column)
    if not m:
        return None
    delta = timedelta(hours=int(m.group("h")), minutes=int(m.group("m")))
    return timezone(delta if m.group("sign") == "+" else -delta), m.group("fmt")


def parse_value(value: str, zone: timezone, fmt: str | None) -> datetime | None:
    text = " ".join(value.replace("\u202f", " ").split())
    if not text:
        return None
    date_fmt = net_to_strptime(fmt) if fmt else "%d/%m/%Y"
    date_part, _, time_part = text.partition(" ")
    try:
        day = datetime.strptime(date_part, date_fmt)
    except ValueError:
        return None
    clock = re.match(r"(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*([AaPp][Mm])?", time_part or "00:00")
    if not clock:
        return None
    hour, minute, second = int(clock.group(1)), int(clock.group(2)), int(clock.group(3) or 0)
    if clock.group(4):
        hour = hour % 12 + (12 if clock.group(4).lower() == "pm" else 0)
    try:
        return day.replace(hour=hour, minute=minute, second=second, tzinfo=zone)
    except ValueError:
        return None


def parse_time(column: str, value: str) -> tuple[datetime | None, str]:
    found = column_zone(column)
    if found is None:
        return None, "no zone in the column header"
    zone, fmt = found
    dt = parse_value(value, zone, fmt)
    return dt, f"column header: {HEADER_TZ.search(column).group(0)}" if dt else "unreadable with the header's format"


@extractor("axiom-csv", accepts=_accepts, priority=35)
def extract_axiom(source: Source, path: Path, ctx: object) -> Iterator[Item | Person | Mention | Refused]:
    """Each row's item; a row that cannot be read as a :class:`Refused` (see :class:`~.tabular.TableRows`)."""
    csv.field_size_limit(MAX_FIELD)
    book = common.PeopleBook(source.ref)
    with open(path, encoding="utf-8-sig", newline="", errors="surrogateescape") as handle:
        reader = csv.DictReader(handle)
        try:
            if not reader.fieldnames:
                raise EmptyInput(f"{path}: CSV export has no header row")
            time_cols = [c for c in reader.fieldnames if c and HEADER_TZ.search(c)]
            rows = TableRows(reader, path, "CSV", lambda n, line: f"row {n} (line {line})")
            for index, row in rows:
                if isinstance(row, Refused):
                    yield row
                    continue
                cells = {k: v or "" for k, v in row.items() if k is not None}
                artifact = cells.get("Artifact type") or cells.get("Artifact") or path.stem
                ordered = {c: cells[c] for c in time_cols if c in cells} | cells  # header-zoned times first
                yield row_item(source, f"row {index} (line {reader.line_num})", artifact, ordered, "axiom-csv", parse_time, book)
                yield from book  # the people it named
            rows.check()  # no row could be read: the file is refused whole
        except UnicodeDecodeError as exc:
            raise CorruptInput(f"{path}: CSV is not valid UTF-8 (byte {exc.start})") from None
        except csv.Error as exc:
            raise CorruptInput(f"{path}: malformed CSV at line {reader.line_num} ({exc})") from None
    yield from book
