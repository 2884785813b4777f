"""Reading an MSAB XRY text export's layout (:mod:`.xry` makes the entries items): the file's lines, its header, its
entries and their key-value pairs, the day/month order of its times and the times themselves, and a long SMS's
segments brought together.

A physical line is read ``MAX_LINE`` characters at a time and an entry held up to ``MAX_ENTRY`` characters; bytes that
are not text are decoded as ``UNDECODED``, which valid UTF-16 or UTF-8 never gives, so their entry can be refused.
"""

from __future__ import annotations

import codecs
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

from redactor.errors import CorruptInput, EmptyInput

HEADER = "xry export"
HEADER_LINES = 5
REPORT_TYPE_LINE = 3
MAX_LINE = 1 << 20  # characters a physical line is read in; a longer line is read on in pieces
MAX_ENTRY = 1 << 24  # characters an entry may hold (16 M): a longer one is refused alone
UNDECODED = "\udcff"  # what the reader's decoder puts for bytes that are not text: valid UTF-16 or UTF-8 never gives it

TITLE = re.compile(r"^(?P<kind>[^\t:#]{1,80}?)\s*#\t\s*(?P<n>\d{1,12})\s*$")
KEY_TAB = re.compile(r"^(?P<key>[^\t:\s][^\t:]{0,59}?)\s*:[ ]*(?:\t[ \t]*|$)(?P<value>.*)$")
KEY_SPACE = re.compile(r"^(?P<key>[^\t:\s][^\t:]{0,59}?)\s*:[ \t]*(?P<value>.*)$")
PARTY_LINES = frozenset({"from", "to", "participant", "participants", "sender", "recipient", "recipients", "cc", "bcc"})

TEXT_KEYS = frozenset({"text", "message", "body", "content"})
SUBJECT_KEYS = frozenset({"subject", "title"})
NUMBER_KEYS = frozenset({"tel", "number", "phone", "phone number", "mobile", "home", "work", "msisdn"})
NAME_KEYS = ("name (matched)", "name", "display name", "nickname", "username", "user name", "account name")
ADDRESS_KEYS = frozenset({"e-mail", "email", "email home", "email work", "e-mail address", "user id", "account"})
TIME_KEYS = ("time", "date/time", "date", "timestamp", "start time", "created")
APP_KEYS = ("application", "related application", "app", "source")
BOOKKEEPING = frozenset(
    {
        "index",
        "storage",
        "reference number",
        "segment number",
        "segments",
        "type",
        "status",
        "folder",
        "service center",
        "service centre",
        "direction",
        "call type",
        "deleted",
    }
)
KNOWN_KEYS = (
    TEXT_KEYS
    | SUBJECT_KEYS
    | NUMBER_KEYS
    | set(NAME_KEYS)
    | ADDRESS_KEYS
    | set(TIME_KEYS)
    | set(APP_KEYS)
    | BOOKKEEPING
    | {"duration", "attribute", "data", "web address", "domain", "url", "picture", "other", "to", "from"}
)

STAMP = re.compile(
    r"^\s*(?P<a>\d{1,4})[/.-](?P<b>\d{1,2})[/.-](?P<c>\d{1,4})[ T,]+(?P<h>\d{1,2}):(?P<mi>\d{2})(?::(?P<s>\d{2}))?(?:[.,]\d+)?"
    r"\s*(?P<ampm>[AaPp]\.?[Mm]\.?)?\s*(?P<zone>(?:UTC|GMT)\s*(?:[+-]\s*\d{1,2}(?::?\d{2})?)?|[+-]\d{2}:?\d{2}|Z)?"
    r"\s*(?:\((?P<clock>[^)]*)\))?\s*$",
    re.IGNORECASE,
)
ZONE = re.compile(r"(?:UTC|GMT)?\s*(?P<sign>[+-])\s*(?P<h>\d{1,2})(?::?(?P<m>\d{2}))?", re.IGNORECASE)


def _mark(exc: UnicodeDecodeError) -> tuple[str, int]:
    return UNDECODED, exc.end


codecs.register_error("redactor-xry-undecoded", _mark)


def shown(text: str) -> str:
    """``text`` fit for a locator, a reason or the item's meta: bytes that were not text shown as U+FFFD (the marker, a
    lone surrogate, cannot be written as UTF-8)."""
    return text.replace(UNDECODED, "\ufffd")


def encoding_of(head: bytes) -> str:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    return "utf-8-sig"


@dataclass
class Entry:
    """One entry: its title's category and number, where it starts, and its lines as (line number, text)."""

    kind: str
    number: str
    line: int
    lines: list[tuple[int, str]] = field(default_factory=list)
    size: int = 0
    problem: str | None = None
    _pairs: list[Pair] | None = None

    @property
    def pairs(self) -> list[Pair]:
        """The entry's pairs (:func:`pairs_of`), read once."""
        if self._pairs is None:
            self._pairs = pairs_of(self)
        return self._pairs

    def number_of(self, key: str) -> int | None:
        """The whole number a bookkeeping key holds (``reference number``, ``segments``), or None."""
        found = next((p.value for p in self.pairs if p.low == key), None)
        try:
            return int(found) if found is not None else None
        except ValueError:
            return None

    @property
    def locator(self) -> str:
        return f"entry {self.kind} #{self.number} (line {self.line})"


@dataclass
class Pair:
    key: str
    value: str
    party: int | None  # the line number of the party line it follows, or None
    line: int
    low: str = ""  # the key in lower case

    def __post_init__(self) -> None:
        self.low = self.key.lower()


def physical_lines(path: Path, encoding: str) -> Iterator[tuple[int, str, bool]]:
    """(line number, text without its line break, whether it is over ``MAX_ENTRY``) for each physical line, read
    ``MAX_LINE`` characters at a time: a longer line is held up to ``MAX_ENTRY`` characters and only read past after."""
    with open(path, "rb") as raw:
        handle = io.TextIOWrapper(raw, encoding=encoding, errors="redactor-xry-undecoded", newline=None)
        number = 0
        while True:
            piece = handle.readline(MAX_LINE)
            if not piece:
                return
            number += 1
            if piece[-1] == "\n":  # the common case: the whole line in one read
                yield number, piece[:-1], False
                continue
            pieces, size, over = [piece], len(piece), False
            while not piece.endswith("\n"):
                piece = handle.readline(MAX_LINE)
                if not piece:
                    break
                size += len(piece)
                over = over or size > MAX_ENTRY
                if not over:
                    pieces.append(piece)
            yield number, "".join(pieces).rstrip("\n"), over


def read_header(path: Path, encoding: str) -> tuple[str, int]:
    """The report type and the number of the header's last line."""
    report, start = "", None
    for number, text, _ in physical_lines(path, encoding):
        if start is None:
            if text.strip().lstrip("\ufeff").lower() == HEADER:
                start = number
            continue
        if TITLE.match(text.rstrip("\r")):  # a shorter header than five lines: the entries begin here
            return report, number - 1
        if number - start + 1 == REPORT_TYPE_LINE:
            report = shown(text.strip())
        if number - start + 1 == HEADER_LINES:
            return report, number
    if start is None:
        raise CorruptInput(f"{path}: no 'XRY Export' header line; not an XRY text export")
    raise EmptyInput(f"{path}: XRY export holds its header only, no entries")


def entries(path: Path, encoding: str, after: int) -> Iterator[Entry]:
    """The entries after the header, each with its lines (a blank line inside a value kept as an empty line)."""
    entry: Entry | None = None
    blank = True  # a title line starts an entry only after a blank line (or the header)
    for number, text, over in physical_lines(path, encoding):
        if number <= after:
            continue
        clean = text.rstrip("\r")
        if not clean.strip():
            blank = True
            if entry is not None:
                entry.lines.append((number, ""))
            continue
        title = TITLE.match(clean) if blank else None
        blank = False
        if title:
            if entry is not None:
                yield entry
            entry = Entry(shown(title.group("kind").strip()), title.group("n"), number)
            if UNDECODED in clean:  # a title whose bytes are not text: the entry is refused, its locator still printable
                entry.problem = f"holds bytes that are not {'UTF-16' if encoding == 'utf-16' else 'UTF-8'} (line {number})"
            continue
        if entry is None:  # text before the first title: kept as an entry of its own
            entry = Entry("XRY export", "0", number)
        entry.size += len(clean)
        if over or entry.size > MAX_ENTRY:
            entry.problem = entry.problem or f"is over {MAX_ENTRY:,} characters"
            continue
        if UNDECODED in clean:
            entry.problem = entry.problem or f"holds bytes that are not {'UTF-16' if encoding == 'utf-16' else 'UTF-8'} (line {number})"
        entry.lines.append((number, clean))
    if entry is not None:
        yield entry


def key_of(text: str) -> tuple[str, str] | None:
    m = KEY_TAB.match(text)
    if m:
        return m.group("key").strip(), m.group("value")
    m = KEY_SPACE.match(text)
    if m and m.group("key").strip().lower() in KNOWN_KEYS:
        return m.group("key").strip(), m.group("value")
    return None


def pairs_of(entry: Entry) -> list[Pair]:
    """The entry's key-value pairs, a continued value joined with its line breaks, each with the party it follows."""
    pairs: list[Pair] = []
    party: int | None = None
    for number, text in entry.lines:
        stripped = text.strip()
        if stripped and stripped.lower() in PARTY_LINES and ":" not in stripped:
            party = number
            pairs.append(Pair(stripped, "", party, number))  # the party line itself: its role
            continue
        found = key_of(text) if stripped else None
        if found:
            pairs.append(Pair(found[0], found[1].strip(), party, number))
            continue
        if pairs and (pairs[-1].value or pairs[-1].key.lower() not in PARTY_LINES):
            pairs[-1].value += "\n" + text.strip()
        elif stripped:
            pairs.append(Pair("line", stripped, party, number))  # a line that is neither: kept as it is
    for p in pairs:
        p.value = p.value.strip("\n")
    return pairs


def date_order(path: Path, encoding: str, after: int) -> tuple[str | None, str]:
    """``("dmy" | "mdy" | "ymd" | None, how)`` from every time in the file (None: the file says both)."""
    day_first = month_first = ampm = False
    for number, text, _ in physical_lines(path, encoding):
        if number <= after:
            continue
        if not text[:10].lower().startswith(TIME_KEYS):
            continue
        found = key_of(text.rstrip("\r"))
        if not found or found[0].lower() not in TIME_KEYS:
            continue
        m = STAMP.match(found[1])
        if not m:
            continue
        if len(m.group("a")) == 4:
            return "ymd", "year first in the export's times"
        day_first |= int(m.group("a")) > 12
        month_first |= int(m.group("b")) > 12
        ampm |= bool(m.group("ampm"))
    if day_first and month_first:
        return None, "the export's times are both day-first and month-first"
    if day_first:
        return "dmy", "a first date part above 12 in the export"
    if month_first:
        return "mdy", "a second date part above 12 in the export"
    if ampm:
        return "mdy", "ambiguous in the export; month-first, as XRY writes times with AM/PM"
    return "dmy", "ambiguous in the export; UK default day-first"


def parse_time(value: str, order: tuple[str | None, str]) -> tuple[datetime | None, str, str | None]:
    """(time, where its zone and date order came from, the clock XRY names: Device or Network)."""
    m = STAMP.match(value)
    if not m:
        return None, "not a time XRY writes", None
    a, b, c = int(m.group("a")), int(m.group("b")), int(m.group("c"))
    how_order = order[1]
    if len(m.group("a")) == 4:
        y, mo, d = a, b, c
    else:
        chosen = order[0] or ("dmy" if a > 12 else "mdy" if b > 12 else None)
        if chosen is None:
            return None, order[1], m.group("clock")
        y, mo, d = (c, b, a) if chosen == "dmy" else (c, a, b)
    y += 2000 if y < 100 else 0
    hour = int(m.group("h"))
    if m.group("ampm"):
        hour = hour % 12 + (12 if m.group("ampm").lower().startswith("p") else 0)
    zone_text = (m.group("zone") or "").strip()
    zone = None
    if zone_text:
        z = ZONE.search(zone_text)
        if z:
            delta = timedelta(hours=int(z.group("h")), minutes=int(z.group("m") or 0))
            zone = timezone(delta if z.group("sign") == "+" else -delta)
        else:
            zone = UTC  # "UTC", "GMT" or "Z" alone
    try:
        dt = datetime(y, mo, d, hour, int(m.group("mi")), int(m.group("s") or 0), tzinfo=zone)
    except ValueError:
        return None, "not a valid date", m.group("clock")
    how = f"zone {zone_text} in the XRY time" if zone else "no zone in the XRY time: the device's local time, Europe/London assumed"
    return dt, f"{how}; date order: {how_order}", m.group("clock")


def messages_of(entries: Iterator[Entry]) -> Iterator[list[Entry]]:
    """Entries one by one, except the segments of one long SMS that follow each other, which come together."""
    run: list[Entry] = []
    reference: tuple[str, int] | None = None
    for entry in entries:
        ref = entry.number_of("reference number")
        count = entry.number_of("segments")
        key = (entry.kind, ref) if ref is not None and (count or 0) > 1 else None
        if run and key is not None and key == reference and len(run) < (count or 0):
            run.append(entry)
            continue
        if run:
            yield run
        run, reference = [entry], key
    if run:
        yield run
