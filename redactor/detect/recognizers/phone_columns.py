"""What a CSV column says of a seven- or eight-digit number in it: a call log's number or a count.

A call or message log exported as CSV has a time on each row and the other party's number in a column; a small country's
number has seven or eight digits ("2024-11-03,09:12:44,5601234,outgoing": Aruba). So has a count or an amount in any
other log with a time ("09:00,1250000,units"). The row alone cannot tell them apart; its column can:

- a header: the first line of the table (the lines around the row with as many comma-separated fields, up to a blank line
  or a line of another shape) whose field in that column holds letters and no digit. A header that names a phone or the
  other party ("Number", "Phone", "MSISDN", "Caller", "From", "To", "Contact", "Remote party") makes it a number; any other
  ("Count", "Units", "Total", "Calls", "Number of texts", "Bytes") a count;
- without a header, the column's values on the table's other rows (the nearest ``NEAR`` above and below): one written as
  a phone number is ("+297 560 1234", "05601234", nine digits or more, digits in spaced or dashed groups) makes it a
  number; all of them whole numbers of six digits or fewer or amounts with a decimal point ("812", "1250.50") make it a
  count (a call log's numbers all have phone length).

With neither (a row alone, or mixed values) nothing is said, and the number counts as before: recall over validity. The
text's lines are read once a text (``_layout``), so a long log costs one pass, not one per number.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from typing import NamedTuple

NEAR = 50  # rows of the table above and below whose values are read
# a header naming the column of the other party's number ("Number", "Phone no.", "MSISDN", "Caller", "From", "Remote party");
# "Number of calls", "Calls", "Texts" count
_PHONE_HEADER = re.compile(
    r"(?i)(?<![a-z])(?:phone|mobile|mob|tel|telephone|fax|cell|landline|msisdn|number(?![ _-]*of(?![a-z]))|num|no|nr|caller|callee|"
    r"from|to|party|contact|remote|peer|sender|recipient|dialled|dialed|handset|whatsapp)(?![a-z])"
)
_PHONE_WRITTEN = re.compile(r"^\+|^0|^\d{9,}$|\d[ -]\d")
_COUNT_WRITTEN = re.compile(r"\d{1,6}|\d+[.,]\d{1,2}")
_LETTER = re.compile(r"[^\W\d_]")


class Layout(NamedTuple):
    starts: list[int]  # where each line starts
    fields: list[int]  # its number of comma-separated fields (0: a blank line)
    table: list[int]  # the line its table starts at (the first of the run of lines with as many fields)


@lru_cache(maxsize=4)
def _layout(text: str) -> Layout:
    starts, fields, table = [], [], []
    pos = 0
    for i, line in enumerate(text.split("\n")):
        n = line.count(",") + 1 if line.strip() else 0
        starts.append(pos)
        table.append(table[-1] if i and n and fields[-1] == n else i)
        fields.append(n)
        pos += len(line) + 1
    return Layout(starts, fields, table)


def column_says(text: str, start: int) -> bool | None:
    """True when the number at ``start``, a field of a comma-separated row, stands in a column of phone numbers; False when in
    a column of counts or amounts; None when the table does not say."""
    layout = _layout(text)
    row = bisect_right(layout.starts, start) - 1
    index = text.count(",", layout.starts[row], start)
    first = layout.table[row]
    if first < row and _is_header(field := _field(text, layout, first, index)):
        return _PHONE_HEADER.search(field) is not None
    values = [_field(text, layout, i, index) for i in _near(layout, row, first)]
    if any(_PHONE_WRITTEN.search(v) for v in values):
        return True
    if values and all(_COUNT_WRITTEN.fullmatch(v) for v in values):
        return False
    return None


def _near(layout: Layout, row: int, first: int) -> list[int]:
    """The table's other rows, the nearest ``NEAR`` above and below ``row``."""
    last = row
    while last + 1 < len(layout.fields) and last + 1 - row <= NEAR and layout.table[last + 1] == first:
        last += 1
    return [i for i in range(max(first, row - NEAR), last + 1) if i != row]


def _field(text: str, layout: Layout, line: int, index: int) -> str:
    end = layout.starts[line + 1] - 1 if line + 1 < len(layout.starts) else len(text)
    parts = text[layout.starts[line] : end].rstrip("\r").split(",")
    return parts[index].strip(" \t\"'") if index < len(parts) else ""


def _is_header(field: str) -> bool:
    return _LETTER.search(field) is not None and not any(c.isdigit() for c in field)
