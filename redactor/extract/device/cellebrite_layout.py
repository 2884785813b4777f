"""The layout of a Cellebrite Excel report (UFED Reader or Physical Analyzer "export to Excel"): its sheets, tables,
cells and times. :mod:`.cellebrite_xlsx` makes its rows items.

As public tools that read these reports describe it (no code copied; no public report exists to check against, so the
reader is defensive):

- one sheet a category (``Chats``, ``Contacts``, ``Call Log``, ``SMS Messages``, ``Emails``, ``Device Information``,
  ...), often with a ``Summary`` sheet first;
- a table's header row is its second (a title such as ``Chats (2)`` above it) and starts with ``#``;
- in ``Chats``, a chat's own columns (``Chat #``, ``Identifier``, ``Name``, ``Participants``, ``Source``, ...: those
  left of ``Instant Message #``) are filled only on its first row, as merged cells; its messages' rows below leave
  them empty;
- a party is written ``<identifier> <display name>`` (``+447700900123 Alex Example``,
  ``447700900123@s.whatsapp.net Alex``), one a line; a call's or an SMS's ``Parties`` cell writes ``From:`` or ``To:``
  before each;
- a contact's ``Entries`` cell holds one ``<Kind>-<Label>: <value>`` a line (``Phone-Mobile: 07700 900123``);
- a time is ``16/04/2021 10:23:45(UTC+1)``, or its date and clock in two columns (``Timestamp: Date`` and
  ``Timestamp: Time``), in the examiner's locale: the order of day and month is read over the whole workbook.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from redactor.extract.device import common
from redactor.extract.sheets import column_letter

# the sheets a report's categories are written to: a workbook holding one of them is offered to this reader first
CATEGORY_SHEETS = frozenset(
    {
        "chats",
        "instant messages",
        "sms messages",
        "mms messages",
        "call log",
        "contacts",
        "emails",
        "device information",
        "device info",
    }
)
# columns only a Cellebrite report writes: a table whose header row starts with "#" and holds one of them is its table
MARKER_COLUMNS = frozenset(
    {
        "chat #",
        "instant message #",
        "timestamp: time",
        "timestamp: date",
        "parties",
        "entries",
        "interaction statuses",
        "source file information",
        "deleted - chat",
        "deleted - instant message",
        "tag note",
        "start time: time",
    }
)
HEADER_ROWS = 5  # a header row is looked for in a sheet's first rows
GROUP_COLUMN = "chat #"  # a chat's number: the merged cells of its first row
FIRST_ITEM_COLUMN = "instant message #"  # the first of a message's own columns
MAX_CELL = 32767  # Excel's own limit for one cell: a longer value is not what Excel or Cellebrite writes

STAMP = re.compile(
    r"^\s*(?:(?P<a>\d{1,4})[/.-](?P<b>\d{1,2})[/.-](?P<c>\d{1,4})[ T,]+)?"
    r"(?P<h>\d{1,2}):(?P<mi>\d{2})(?::(?P<s>\d{2}))?(?:[.,]\d+)?\s*(?P<ampm>[AaPp]\.?[Mm]\.?)?"
    r"\s*(?:\(\s*(?P<zone>(?:UTC|GMT)\s*(?:(?P<sign>[+-])\s*(?P<zh>\d{1,2})(?::?(?P<zm>\d{2}))?)?)\s*\))?\s*$",
    re.IGNORECASE,
)
DATE = re.compile(r"^\s*(?P<a>\d{1,4})[/.-](?P<b>\d{1,2})[/.-](?P<c>\d{1,4})\s*$")
# a time as the report writes it, in its parts' raw XML: what the date order is read from (a body's dates are not)
_RAW_STAMP = re.compile(rb">\s*(\d{1,4})[/.-](\d{1,2})[/.-](\d{1,4})(?:[ T,]+\d{1,2}:\d{2}(?::\d{2})?[^<]{0,12}\(UTC)?[^<]{0,12}<")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
_PARTY_ROLE = re.compile(r"^\s*(?P<role>from|to|cc|bcc|participant)\s*:\s*", re.IGNORECASE)
_OWNER = re.compile(r"\s*\((?:owner|device owner)\)\s*$", re.IGNORECASE)
_ENTRY = re.compile(r"^\s*(?P<label>[^:\n]{1,60}?)\s*:\s*(?P<value>.+?)\s*$")


@dataclass(frozen=True, slots=True)
class Table:
    """A sheet's table (a header row starting with ``#`` that holds a column only the report writes, or any such row
    in a category's sheet): its header row's number and its columns (None for a column with no header); ``group``: the
    columns a chat's first row holds (those between ``#`` and ``Instant Message #``), empty when the sheet has none."""

    sheet: str
    header_row: int
    columns: tuple[str | None, ...]
    group: frozenset[int]

    @classmethod
    def find(cls, sheet: str, first_rows: list[tuple[int, tuple[Any, ...]]]) -> Table | None:
        for number, values in first_rows:
            names = [text(v) or None for v in values]
            if next((n for n in names if n), None) != "#":
                continue
            if sheet.lower() not in CATEGORY_SHEETS and not any(n and n.lower() in MARKER_COLUMNS for n in names):
                continue
            low = [(n or "").lower() for n in names]
            group: frozenset[int] = frozenset()
            if GROUP_COLUMN in low and FIRST_ITEM_COLUMN in low and low.index(GROUP_COLUMN) < low.index(FIRST_ITEM_COLUMN):
                group = frozenset(range(low.index(GROUP_COLUMN), low.index(FIRST_ITEM_COLUMN)))
            return cls(sheet, number, tuple(names), group)
        return None

    def name(self, index: int) -> str:
        """A column's header, or its letter when it has none (a value past the header is still read)."""
        name = self.columns[index] if index < len(self.columns) else None
        return name or f"column {column_letter(index + 1)}"


def text(value: Any) -> str:
    """A cell's value as text, its line breaks kept: a number as Excel shows it (a whole float without ``.0``),
    a date cell in ISO form, control characters dropped."""
    if value is None:
        return ""
    if isinstance(value, str):
        out = value
    elif isinstance(value, bool):
        out = "TRUE" if value else "FALSE"
    elif isinstance(value, float) and value.is_integer() and abs(value) < 1e17:
        out = str(int(value))
    elif hasattr(value, "isoformat"):
        out = value.isoformat(sep=" ") if isinstance(value, datetime) else value.isoformat()
    else:
        out = str(value)
    out = out.replace("\r\n", "\n").replace("\r", "\n")
    if not out.isprintable():
        out = _CONTROL.sub("", out)
    return out.strip()


def date_order(path: Path) -> tuple[str | None, str]:
    """``("dmy" | "mdy" | "ymd" | None, how)`` from every date the report writes as a time or a date cell, read from the
    raw parts (shared strings and sheets) so that the workbook is not parsed twice. None: it writes both orders."""
    day_first = month_first = ampm = year_first = False
    try:
        with zipfile.ZipFile(path) as zf:
            for info in zf.infolist():
                name = info.filename
                if not (name == "xl/sharedStrings.xml" or (name.startswith("xl/worksheets/") and name.endswith(".xml"))):
                    continue
                with zf.open(info) as stream:
                    tail = b""
                    while block := stream.read(1 << 20):
                        chunk = tail + block
                        for m in _RAW_STAMP.finditer(chunk):
                            a, b = m.group(1), int(m.group(2))
                            if len(a) == 4:
                                year_first = True
                                continue
                            day_first |= int(a) > 12
                            month_first |= b > 12
                            ampm |= bool(re.search(rb"[AaPp][Mm]", m.group(0)))
                        tail = chunk[-64:]
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        return "dmy", "the report's dates could not be read; UK default day-first"
    if day_first and month_first:
        return None, "the report's dates are both day-first and month-first"
    if day_first:
        return "dmy", "a first date part above 12 in the report"
    if month_first:
        return "mdy", "a second date part above 12 in the report"
    if year_first:
        return "ymd", "year first in the report's dates"
    if ampm:
        return "mdy", "ambiguous in the report; month-first, as a US locale writes times with AM/PM"
    return "dmy", "ambiguous in the report; UK default day-first"


def parse_time(value: Any, date_value: Any, order: tuple[str | None, str]) -> tuple[datetime | None, str]:
    """(time, where its zone and date order came from). ``date_value``: the date column paired with a clock column."""
    if isinstance(value, datetime):
        return value, "an Excel date cell with no zone: the examiner's local time, Europe/London assumed"
    m = STAMP.match(text(value))
    if not m:
        return None, "not a time the report writes"
    parts = m.group("a"), m.group("b"), m.group("c")
    if parts[0] is None:
        if isinstance(date_value, datetime):
            parts = str(date_value.year), str(date_value.month), str(date_value.day)
        elif (d := DATE.match(text(date_value))) is not None:
            parts = d.group("a"), d.group("b"), d.group("c")
        else:
            return None, "a clock with no date"
    a, b, c = (int(x) for x in parts)
    if len(parts[0]) == 4:
        y, mo, d_ = a, b, c
    else:
        chosen = order[0] or ("dmy" if a > 12 else "mdy" if b > 12 else None)
        if chosen is None:
            return None, order[1]
        y, mo, d_ = (c, b, a) if chosen == "dmy" else (c, a, b)
    y += 2000 if y < 100 else 0
    hour = int(m.group("h"))
    if m.group("ampm"):
        hour = hour % 12 + (12 if m.group("ampm").lower().startswith("p") else 0)
    zone = None
    if m.group("zone"):
        delta = timedelta(hours=int(m.group("zh") or 0), minutes=int(m.group("zm") or 0))
        zone = timezone(-delta if m.group("sign") == "-" else delta)
    try:
        dt = datetime(y, mo, d_, hour, int(m.group("mi")), int(m.group("s") or 0), tzinfo=zone)
    except ValueError:
        return None, "not a valid date"
    how = f"zone ({m.group('zone')}) in the report's time" if zone else "no zone in the report's time: Europe/London assumed"
    return dt, f"{how}; date order: {order[1]}"


def party_of(value: str) -> dict[str, Any] | None:
    """One party from ``<identifier> <display name>``, either alone; ``(owner)`` after it marks the phone's owner."""
    line = value.strip()
    if not line:
        return None
    owner = True if _OWNER.search(line) else None
    line = _OWNER.sub("", line)
    first, _, rest = line.partition(" ")
    if "@" in first or common.e164(first) or (first.lstrip("+").isdigit() and len(first) >= 5):
        return common.party(first, rest.strip() or None, owner)
    return common.party(None, line, owner)


def parties_of(value: str) -> list[tuple[str | None, dict[str, Any]]]:
    """Each line's party, with the role its ``From:``/``To:`` says (None when it says none)."""
    out = []
    for line in value.split("\n"):
        m = _PARTY_ROLE.match(line)
        role = m.group("role").lower() if m else None
        p = party_of(line[m.end() :] if m else line)
        if p is not None:
            out.append((role, p))
    return out


def entries_of(value: str) -> list[tuple[str, str]]:
    """A contact's ``Entries`` cell as (label, value) pairs (``Phone-Mobile``, ``07700 900123``); a line that is not
    ``label: value`` is kept with the label ``Entry``."""
    out = []
    for line in value.split("\n"):
        if not line.strip():
            continue
        m = _ENTRY.match(line)
        out.append((m.group("label"), m.group("value")) if m else ("Entry", line.strip()))
    return out


def sheet_rows(ws: Any) -> Iterator[tuple[int, tuple[Any, ...]]]:
    """(row number, values) for each row a read-only sheet stores; empty rows are skipped."""
    for row in ws.iter_rows():
        values = tuple(cell.value for cell in row)
        if not any(v is not None and v != "" for v in values):
            continue
        number = next((cell.row for cell in row if getattr(cell, "row", None)), None)
        yield number or 0, values
