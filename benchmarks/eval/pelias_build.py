"""Build ``data/pelias.jsonl``: addresses of 18 countries from the Pelias parser's address test cases.

    python -m benchmarks.eval.pelias_build PELIAS_PARSER_TEST_DIR   # test/ of github.com/pelias/parser (MIT)

Each ``test/address.<country>.test.js`` file asserts how the parser reads an address typed into a search box: the input
and its components (``street``, ``housenumber``, ``unit``, ``postcode``, ``locality``, ``region``, ``country``, ``venue``).
A test case with a street and a house number or a unit, whose words are all inside its components (autocomplete-style
partial inputs are left out), is used four times: on one line and on several lines (split at its commas, or before the
town when it has none), each once after a label word or cue and once with none, in the frames of ``libpostal_build``
(written here), among order numbers, amounts, dates and times. Addresses also in ``worldaddr`` or ``libpostal`` (the
same street and house number) and commented-out test cases are left out. Gold (decided before any detector was run on
the set; ``PELIAS.md``): the smallest span holding every street and place component (house number, street, unit,
postcode, town) and whatever lies between them; a venue, a region or a country at either end of that span is not gold.
Deterministic (a fixed seed).
"""

from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path

from benchmarks.eval.libpostal_build import LINES_BARE, LINES_LABEL, ONE_BARE, ONE_LABEL
from benchmarks.eval.libpostal_build import OUT as LIBPOSTAL
from benchmarks.eval.marked import write
from benchmarks.eval.worldaddr_build import OUT as WORLDADDR

OUT = Path(__file__).resolve().parent / "data" / "pelias.jsonl"
# the test files' country names (``address.nzd.test.js``) as ISO 3166 alpha-2 codes, as the other sets write them
COUNTRIES = {"AUS": "AU", "BRA": "BR", "CZE": "CZ", "DEU": "DE", "ESP": "ES", "FRA": "FR", "GBR": "GB", "HRV": "HR", "IND": "IN",
             "NLD": "NL", "NOR": "NO", "NZD": "NZ", "POL": "PL", "PRT": "PT", "ROM": "RO", "SVK": "SK", "SWE": "SE", "USA": "US"}  # fmt: skip
SEED = 2020
STREET = ("housenumber", "street", "unit", "unit_type")
PLACE = ("postcode", "locality")
ANCHOR = STREET + PLACE
_ASSERT = re.compile(r"^[ \t]*assert\(\s*'((?:[^'\\]|\\.)*)'\s*,\s*\[(.*?)\]\s*\)", re.S | re.M)
_COMPONENT = re.compile(r"\{\s*(\w+):\s*'((?:[^'\\]|\\.)*)'\s*\}")


def _unescape(value: str) -> str:
    return re.sub(r"\\(.)", r"\1", value)


def cases(source: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """(input, components) of every test case not commented out in one test file, in order."""
    return [(_unescape(m.group(1)), [(k, _unescape(v)) for k, v in _COMPONENT.findall(m.group(2))]) for m in _ASSERT.finditer(source)]


def spans(text: str, components: list[tuple[str, str]]) -> list[tuple[str, int, int]] | None:
    """Each component's kind and offsets in ``text`` (found in order, case-insensitively), or None when one is not found."""
    low, pos, out = text.lower(), 0, []
    for kind, value in components:
        at = low.find(value.lower(), pos)
        if at < 0 and kind in ("street", "locality"):  # components may come in another order than written
            at = low.find(value.lower())
        if at < 0 or len(low) != len(text):
            return None
        out.append((kind, at, at + len(value)))
        pos = max(pos, at + len(value))
    return out


def gold(text: str, components: list[tuple[str, str]]) -> tuple[int, int] | None:
    """The address's personal part: first to last street or place component (venue, region, country at the ends left out);
    None for no street with a house number or unit, or an input with words no component holds (a partial input)."""
    found = spans(text, components)
    if found is None:
        return None
    kinds = {k for k, _, _ in found}
    if "street" not in kinds or not kinds & {"housenumber", "unit"}:
        return None
    covered = bytearray(len(text))
    for _, s, e in found:
        covered[s:e] = b"\x01" * (e - s)
    if any(not all(covered[m.start() : m.end()]) for m in re.finditer(r"\w+", text)):
        return None
    anchors = [(s, e) for k, s, e in found if k in ANCHOR]
    return min(s for s, _ in anchors), max(e for _, e in anchors)


def several_lines(text: str, components: list[tuple[str, str]]) -> str:
    """The address on several lines: split at its commas, or else before its first place part after the street."""
    if ", " in text:
        return re.sub(r"\s*,\s*", "\n", text.strip(", "))
    found = spans(text, components) or []
    street = [e for k, _, e in found if k in STREET]
    after = [s for k, s, _ in found if k in PLACE and street and s > max(street)]
    if after and text[min(after) - 1] == " ":
        return text[: min(after) - 1] + "\n" + text[min(after) :]
    return text


def elsewhere(components: list[tuple[str, str]], other: str) -> bool:
    """The same street with the same house number is in another set's texts (case-insensitive)."""
    parts = [v.lower() for k, v in components if k in ("street", "housenumber")]
    return all(v in other for v in parts)


def build(files: dict[str, str], other: str) -> list[dict]:
    rng = random.Random(SEED)
    records, seen = [], set()
    for country, source in sorted(files.items()):
        for text, components in cases(source):
            text = text.strip()
            if gold(text, components) is None or text.lower() in seen or elsewhere(components, other):
                continue
            seen.add(text.lower())
            for layout, address in (("one line", text), ("lines", several_lines(text, components))):
                span = gold(address, components)
                if span is None:
                    raise ValueError(f"components not found in {address!r}")
                frames = (ONE_LABEL, ONE_BARE) if layout == "one line" else (LINES_LABEL, LINES_BARE)
                for label, choices in zip(("label", "none"), frames, strict=True):
                    frame = rng.choice(choices)
                    at = frame.index("{A}")
                    records.append(
                        {
                            "doc_id": f"pelias-{len(records):04d}",
                            "country": country,
                            "frame": layout,
                            "cue": label,
                            "text": frame.replace("{A}", address),
                            "entities": [{"start": at + span[0], "end": at + span[1], "label": "address"}],
                        }
                    )
    return records


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1 or not Path(args[0]).is_dir():
        raise SystemExit("usage: python -m benchmarks.eval.pelias_build PELIAS_PARSER_TEST_DIR  (test/ of pelias/parser)")
    files = {
        COUNTRIES[p.name.split(".")[1].upper()]: p.read_text(encoding="utf-8") for p in sorted(Path(args[0]).glob("address.*.test.js"))
    }
    other = "\n".join(json.loads(line)["text"] for out in (WORLDADDR, LIBPOSTAL) for line in out.read_text(encoding="utf-8").splitlines())
    return write(build(files, other.lower()), OUT)


if __name__ == "__main__":
    raise SystemExit(main())
