"""Build ``data/worldaddr.jsonl``: real addresses of about 240 countries from OpenCage's address-formatting tests.

    python -m benchmarks.eval.worldaddr_build SOURCE   # SOURCE: a checkout of github.com/OpenCageData/address-formatting

The repository's ``testcases/countries/*.yaml`` hold OpenStreetMap address components with the address
formatted the way its country writes it (order, language, postcode position). Each test case with a road is
used twice: its formatted lines as given (country line included) in a multi-line frame, and the same lines
joined with ", " in a one-line frame. Gold (decided before any detector was read; ``WORLDADDR.md``): the
smallest block of lines holding every line with the road, house number or building, extended to the nearest
line with the postcode or the town (after the street lines; before them when the country writes the town
first); the country name is not personal data and is never gold. Deterministic (a fixed seed).
"""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

import yaml

from benchmarks.eval.marked import write
from redactor.detect.recognizers.street_words import business_name

OUT = Path(__file__).resolve().parent / "data" / "worldaddr.jsonl"
SEED = 2616
ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")
STREET = ("road", "footway", "street", "street_name", "path", "pedestrian", "road_reference", "road_reference_intl", "square")
HOUSE = ("house_number", "housenumber", "street_number", "building")
PLACE = ("postcode", "city", "town", "township", "village", "hamlet", "municipality", "postal_city")
MULTI = (
    "Ship to:\n{A}\n\nThanks for your order. Parcel 2 of 3, 4.2 kg.",
    "Dear customer,\nyour parcel will be delivered to:\n{A}\nTracking number 5512 8830 1127.",
    "Billing address\n{A}\nInvoice 20-4471, total EUR 312.40, due 14/05/2025",
    "{A}",
    "Forwarding address (from 1 March):\n{A}\nPlease update your records.",
    "Visit us at\n{A}\nOpen Mon-Fri 09:00-17:30",
)
ONE = (
    "my address is {A} if u need it",
    "Address: {A}",
    "She has lived at {A} since March 2019.",
    "Please send the documents to {A} by 14 May.",
    "Delivery: {A}; parcel 2 of 3, 4.2 kg",
    '{"order": 88120, "address": "{A}", "total": "129.90"}',
    "The meeting was moved to {A} (room 4.12) at 10:30.",
    "new place is {A} come over whenever",
)


def _holds(line: str, value: object) -> bool:
    text = str(value).strip()
    if not text:
        return False
    if text.isdigit() or len(text) <= 3:
        return re.search(rf"(?<!\w){re.escape(text)}(?!\w)", line) is not None
    return text in line


def _lines_with(lines: list[str], components: dict, keys: tuple[str, ...]) -> list[int]:
    values = [components[k] for k in keys if k in components]
    return [i for i, line in enumerate(lines) if any(_holds(line, v) for v in values)]


def gold_lines(lines: list[str], components: dict) -> tuple[int, int] | None:
    """The first and last line of the address's personal part, or None when no line holds the street."""
    street = _lines_with(lines, components, STREET + HOUSE)
    if not _lines_with(lines, components, STREET):
        return None
    first, last = min(street), max(street)
    numbered = set(_lines_with(lines, components, STREET + HOUSE[:3]))
    while first < last and first not in numbered and business_name(lines[first]):
        first += 1  # a business or public body named before its street is nobody's address (WORLDADDR.md, session 17)
    place = [i for i in _lines_with(lines, components, PLACE) if i not in street]
    after = [i for i in place if i > last]
    before = [i for i in place if i < first]
    if after:
        near = min(after)
        # a postcode on the line after the town (UK, Brazil) belongs to the same address
        postcode = [i for i in _lines_with(lines, components, ("postcode",)) if near <= i <= near + 1]
        last = max([near, *postcode])
    elif before:
        first = max(before)
        postcode = [i for i in _lines_with(lines, components, ("postcode",)) if first - 1 <= i <= first]
        first = min([first, *postcode])
    return first, last


def cases(source: Path) -> list[tuple[str, list[str], tuple[int, int], tuple[str, ...]]]:
    """(country code, formatted lines, gold line range, country names) of each distinct test case with a street."""
    seen, out = set(), []
    for path in sorted((source / "testcases" / "countries").glob("*.yaml")):
        for case in yaml.safe_load_all(path.read_text(encoding="utf-8")):
            if not case or "expected" not in case:
                continue
            components = {k: v for k, v in (case.get("components") or {}).items() if v is not None}
            expected = ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), str(case["expected"]))  # a few files write \\uXXXX
            lines = [line.strip() for line in expected.strip().splitlines() if line.strip()]
            span = gold_lines(lines, components)
            if span is None or tuple(lines) in seen:
                continue
            seen.add(tuple(lines))
            names = tuple(str(components[k]) for k in ("country",) if k in components)
            names += (lines[-1],) if span[1] < len(lines) - 1 else ()
            out.append((path.stem.upper(), lines, span, names))
    return out


def _trim(text: str, countries: tuple[str, ...]) -> tuple[int, int]:
    """Offsets inside ``text`` without a country name written at its start or end (China writes it first)."""
    start, end = 0, len(text)
    for country in countries:
        if text.startswith(country + " "):
            start = len(country) + 1
            break
    for country in countries:
        if text.endswith(" " + country) and end - len(country) - 1 > start:
            end -= len(country) + 1
            break
    while end > start and text[end - 1] in ", ":
        end -= 1
    return start, end


def record(frame: str, lines: list[str], span: tuple[int, int], sep: str, countries: tuple[str, ...]) -> tuple[str, dict]:
    first, last = span
    before = sep.join(lines[:first]) + (sep if first else "")
    value = sep.join(lines[first : last + 1])
    address = sep.join(lines)
    head, tail = _trim(value, countries)
    start = frame.index("{A}") + len(before) + head
    text = frame.replace("{A}", address)
    return text, {"start": start, "end": start + (tail - head), "label": "address"}


def build(source: Path) -> list[dict]:
    rng = random.Random(SEED)
    records = []
    for code, lines, span, countries in cases(source):
        for group, frames, sep in (("lines", MULTI, "\n"), ("one line", ONE, ", ")):
            frame = rng.choice(frames)
            text, label = record(frame, lines, span, sep, countries)
            records.append({"doc_id": f"worldaddr-{len(records):04d}", "country": code, "frame": group, "text": text, "entities": [label]})
    return records


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1 or not (Path(args[0]) / "testcases" / "countries").is_dir():
        raise SystemExit("usage: python -m benchmarks.eval.worldaddr_build SOURCE  (a checkout of OpenCageData/address-formatting)")
    return write(build(Path(args[0])), OUT)


if __name__ == "__main__":
    raise SystemExit(main())
