"""Build ``data/libpostal.jsonl``: real-world addresses of 23 countries from libpostal's parser test cases.

    python -m benchmarks.eval.libpostal_build TEST_PARSER_C   # test/test_parser.c of github.com/openvenues/libpostal

Each test case gives an address as people typed it (one line, the country's own order, language and script,
abbreviations, units and PO boxes) with its components as libpostal should parse them. A test case with a street
(a road with a house number, a unit, a PO box or a town; a bare road name is left out) is used four times: on one
line and on several lines (split at its commas, or before the town when it has none), each once after a label word
or cue ("Address:", "lives at", "send it to", a heading) and once with none (a signature block, a CSV row, a
sentence), among order numbers, amounts, dates and times. Addresses also in ``worldaddr`` (the same street and
house number) are left out. Gold (decided before any detector was read; ``LIBPOSTAL.md``): the smallest span
holding every street and place component (house number, road, unit, level, staircase, PO box, suburb, district,
town, postcode) and whatever lies between them; a venue's name (``house``), a state or a country at either end of
that span is not gold. Deterministic (a fixed seed).
"""

from __future__ import annotations

import html
import json
import random
import re
import sys
from pathlib import Path

from benchmarks.eval.marked import write
from benchmarks.eval.worldaddr_build import OUT as WORLDADDR

OUT = Path(__file__).resolve().parent / "data" / "libpostal.jsonl"
SEED = 1818
STREET = ("house_number", "road", "unit", "level", "staircase", "po_box")
PLACE = ("postcode", "city", "suburb", "city_district")
ANCHOR = STREET + PLACE
ONE_LABEL = (
    "Address: {A}",
    "she lives at {A} with her mum",
    "can you send it to {A} pls",
    "My address is {A}, order 7781-2290 still not here.",
    "Delivery address: {A} | 2 items | EUR 54.20",
    "Please forward the papers to {A} before 14/05/2025.",
)
ONE_BARE = (
    "{A}",
    "88120;{A};129.90;2025-03-14",
    "Went past {A} yesterday at 17:30, still closed.",
    "Invoice 2025-0412 - {A} - total 312.40",
    "{A} - 3 bedrooms, viewing Sat 10:00, ref 4471",
    "Parcel 2 of 3 (4.2 kg) returned from {A} on 12 May.",
)
LINES_LABEL = (
    "Address:\n{A}",
    "Ship to:\n{A}\n\nThanks for your order. Parcel 2 of 3, 4.2 kg.",
    "Hi, my new address is\n{A}\nsee you on the 14th",
    "Please send the signed forms to:\n{A}\nby 30/06/2025 (form 12B).",
    "Correspondence address\n{A}\nCustomer since 2019, 4 orders.",
)
LINES_BARE = (
    "Kind regards\nthe front desk\n{A}\nOpen Mon-Fri 09:00-17:30",
    "{A}",
    "Order 20-4471 (3 items, EUR 54.20)\n{A}\nDispatched 14/05/2025",
    "Thanks again for Saturday!\n\n{A}",
    "Invoice no. 2025-118\n{A}\nAmount due: 1,250.00",
)


def cases(source: str) -> list[tuple[str, str, list[tuple[str, str]]]]:
    """(country code, input, components) of every test case in ``test_parser.c``, in order."""
    out, country = [], ""
    for chunk in re.split(r"(TEST test_\w+_parses)", source):
        named = re.fullmatch(r"TEST test_(\w+)_parses", chunk)
        if named:
            country = {"DA": "DK"}.get(named.group(1).upper(), named.group(1).upper())  # Danish's test is named "da"
            continue
        for call in chunk.split("test_parse_result_equals(")[1:]:
            body = re.sub(r"//[^\n]*", "", call.split("));")[0])
            head, _, tail = body.partition("options")
            text = "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', head)).replace("\\n", "\n")
            components = re.findall(r'\{"(\w+)",\s*"((?:[^"\\]|\\.)*)"\}', tail)
            out.append((country, html.unescape(text), components))
    return out


def spans(text: str, components: list[tuple[str, str]]) -> list[tuple[str, int, int]] | None:
    """Each component's kind and offsets in ``text`` (found in order, case-insensitively), or None when one is not found."""
    low, pos, out = text.lower(), 0, []
    for kind, value in components:
        value = value.lower()
        at = low.find(value, pos)
        if at < 0:
            at = low.find(value.replace(", ", "\n"), pos)
        if at < 0 or len(low) != len(text):
            return None
        out.append((kind, at, at + len(value)))
        pos = at + len(value)
    return out


def gold(text: str, components: list[tuple[str, str]]) -> tuple[int, int] | None:
    """The address's personal part: first to last street or place component (venue, state, country at the ends left out)."""
    found = spans(text, components)
    if found is None:
        return None
    kinds = {k for k, _, _ in found}
    if not kinds & {"house_number", "po_box", "unit"} and not kinds & set(PLACE) or not kinds & {"road", "po_box"}:
        return None  # a bare road name, or no street at all, is no address of anyone
    anchors = [(s, e) for k, s, e in found if k in ANCHOR]
    return min(s for s, _ in anchors), max(e for _, e in anchors)


def several_lines(text: str, components: list[tuple[str, str]]) -> str:
    """The address on several lines: split at its commas, or else before its first place part after the street."""
    if "\n" in text:
        return text
    if ", " in text or "，" in text:
        return re.sub(r"\s*[,，]\s*", "\n", text.strip(", "))
    found = spans(text, components) or []
    street = [e for k, _, e in found if k in STREET]
    after = [s for k, s, _ in found if k in PLACE and street and s > max(street)]
    if after and text[min(after) - 1] == " ":
        return text[: min(after) - 1] + "\n" + text[min(after) :]
    return text


def in_worldaddr(text: str, components: list[tuple[str, str]], worldaddr: str) -> bool:
    """The same road with the same house number is in ``worldaddr`` (case-insensitive)."""
    road = [v for k, v in components if k == "road"]
    number = [v for k, v in components if k == "house_number"]
    return bool(road) and all(v in worldaddr for v in road + number)


def build(source: str, worldaddr: str) -> list[dict]:
    rng = random.Random(SEED)
    records, seen = [], set()
    for country, text, components in cases(source):
        text = text.strip()
        if gold(text, components) is None or text.lower() in seen or in_worldaddr(text, components, worldaddr):
            continue
        seen.add(text.lower())
        for layout, address in (("one line", text.replace("\n", ", ")), ("lines", several_lines(text, components))):
            span = gold(address, components)
            if span is None:
                raise ValueError(f"components not found in {address!r}")
            frames = (ONE_LABEL, ONE_BARE) if layout == "one line" else (LINES_LABEL, LINES_BARE)
            for label, choices in zip(("label", "none"), frames, strict=True):
                frame = rng.choice(choices)
                at = frame.index("{A}")
                start, end = at + span[0], at + span[1]
                records.append(
                    {
                        "doc_id": f"libpostal-{len(records):04d}",
                        "country": country,
                        "frame": layout,
                        "cue": label,
                        "text": frame.replace("{A}", address),
                        "entities": [{"start": start, "end": end, "label": "address"}],
                    }
                )
    return records


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1 or not Path(args[0]).is_file():
        raise SystemExit("usage: python -m benchmarks.eval.libpostal_build TEST_PARSER_C  (test/test_parser.c of openvenues/libpostal)")
    worldaddr = "\n".join(json.loads(line)["text"] for line in WORLDADDR.read_text(encoding="utf-8").splitlines()).lower()
    return write(build(Path(args[0]).read_text(encoding="utf-8"), worldaddr), OUT)


if __name__ == "__main__":
    raise SystemExit(main())
