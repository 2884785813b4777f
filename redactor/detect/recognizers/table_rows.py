"""A row of a standings or results table is no phone number ("Barnsley 4 3 1 0 9 3 10").

News pages print league tables and results as a name, then one small count a column (played, won,
drawn, lost, goals for and against, points; a baseball table's percentage ".588"; a golfer's rounds and
their total), separated by single spaces. Such a run has phone length and is often valid somewhere, so
the world phone recognizer read it as a number. The patterns are of data format, not of words; each
needs the run right after a word (the team's or player's name, or its country in brackets) and a single
space, every group a count as a table prints it (0 to 999 with no leading zero: a phone's groups keep
their zeros, "06 12 34 56 78", "0 7700 900123") or a fraction written from its point (".588"), and:

- a fraction among them ("Chicago 83 66 .557 4"): no phone number is written so; or
- a table's arithmetic: the first count the sum of the next three (played = won + drawn + lost:
  "Bradford 12 5 4 3 19 15 19"), the last the sum of the others, or a number opening the line their sum
  (rounds and their total: "Colin Montgomerie 70 71 69 68 278", "269 Tiger Woods 67 69 66 67"); or
- counts of one and two digits with a group of one digit after the first (a Danish or Norwegian number
  is groups of two, "33 12 44 55"; a French one a leading digit and then pairs, "6 71 23 45 67"; neither
  has a one-digit group inside), four groups or more; not a number spelled digit by digit (nine groups
  or more, all of one digit: "2 0 2 5 5 5 0 1 4 3"), nor a valid international number once its ``+`` is
  put back ("33 6 12 34 56 78": written with the country code and the plus left out).

A phone word near the run (before it or after it) keeps it a number; ``phones.WorldPhoneRecognizer``
asks this only when there is none.
"""

from __future__ import annotations

import re

import phonenumbers

_GROUP = r"(?:[1-9]\d{0,2}|0|\.\d{3})"
ROW = re.compile(rf"[1-9]\d{{0,2}}(?:[ ]{_GROUP}){{2,}}")
_NAME_BEFORE = re.compile(r"(?:[^\W\d_]|[^\W\d_][ ]?\))[ ]$")  # "Barnsley ", "Ernie Els ( South Africa ) "
_LINE_TOTAL = re.compile(r"[ \t]*(\d{1,4})[ ]")  # "269 Tiger Woods ...": a total opening the line


def table_row(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is a standings or results row's counts after a name (above), not a phone number."""
    value = text[start:end]
    if not ROW.fullmatch(value) or _NAME_BEFORE.search(text, max(0, start - 4), start) is None:
        return False
    groups = value.split(" ")
    if any(g.startswith(".") for g in groups):
        return True
    counts = [int(g) for g in groups]
    if len(counts) >= 4 and (_adds_up(counts) or _line_total(text, start) == sum(counts)):
        return True
    if len(counts) < 4 or max(counts) > 99 or not any(c < 10 for c in counts[1:]):
        return False  # pairs, or a leading digit and pairs: a phone's grouping
    if len(counts) >= 9 and max(counts) < 10:
        return False  # spelled digit by digit
    return not _valid_with_plus(value)


def _adds_up(counts: list[int]) -> bool:
    """Played = won + drawn + lost, or the last count the total of the others."""
    return counts[0] == sum(counts[1:4]) or counts[-1] == sum(counts[:-1])


def _line_total(text: str, start: int) -> int | None:
    """The number opening the line the run is on, if the line opens with one."""
    line_start = text.rfind("\n", 0, start) + 1
    m = _LINE_TOTAL.match(text, line_start, start)
    return int(m.group(1)) if m else None


def _valid_with_plus(value: str) -> bool:
    try:
        return phonenumbers.is_valid_number(phonenumbers.parse("+" + re.sub(r"\D", "", value)))
    except phonenumbers.NumberParseException:
        return False
