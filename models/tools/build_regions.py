"""Write models/lexicons/regions.txt: the world's provinces, states, counties and regions (ISO 3166-2 subdivisions).

Source: the ISO 3166-2 table of Debian's ``iso-codes`` (LGPL-2.1), as shipped in the PyPI package ``pycountry`` 26.2.16
(LGPL-2.1-only). ``pycountry`` is not a dependency: only its data file is read, from the wheel::

    pip download --no-deps pycountry==26.2.16 -d /tmp/pycountry
    python models/tools/build_regions.py --wheel /tmp/pycountry/pycountry-26.2.16-py3-none-any.whl

Kept: the subdivisions of a region's kind (states, provinces, regions, departments, counties, governorates, prefectures,
Länder, cantons, oblasts, territories ...); left out: the kinds of a town's size or below (municipalities, districts,
parishes, cities, boroughs, wards, councils, communes, atolls), whose names are towns' (``towns.txt``) or people's. A
name the table gives in two languages ("Brussels Hoofdstedelijk Gewest;Région de Bruxelles-Capitale") is written as
each; an inverted one ("Bruxelles-Capitale, Région de") and one with a bracket is left out. Each is written under its
own name and without accents ("Andalucía" -> "Andalucia"). A subdivision whose English name the wheel's English
translation of the table gives (``pycountry/locales/en/LC_MESSAGES/iso3166-2.mo``: "Bayern" -> "Bavaria", "Lappi" ->
"Lapland", "Occitanie" -> "Occitania") is written under that name too. See models/NAMES.md for the counts.
"""

from __future__ import annotations

import argparse
import gettext
import io
import json
import sys
import unicodedata
import zipfile
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "lexicons" / "regions.txt"
TABLE = "pycountry/databases/iso3166-2.json"
ENGLISH = "pycountry/locales/en/LC_MESSAGES/iso3166-2.mo"  # the table's names in English, where English has its own
# kinds of subdivision of a town's size or below: their names are towns' or people's, not regions'
TOWN_KINDS = (
    "municipal", "district", "parish", "city", "council", "rayon", "commune", "quarter", "borough", "town", "ward",
    "atoll", "precinct", "sector", "popularate", "urban community", "area", "administration",
)  # fmt: skip


def fold_accents(word: str) -> str:
    """The same as redactor.detect.name_lists.fold_accents (this script imports nothing of the package)."""
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


def a_region(kind: str) -> bool:
    low = kind.lower()
    return not any(word in low for word in TOWN_KINDS)


def names(raw: str) -> set[str]:
    """The names a table entry gives (one per language), without the inverted or bracketed ones, with and without accents."""
    out = set()
    for name in (n.strip() for n in raw.split(";")):
        if name and "," not in name and "(" not in name and "[" not in name:
            out |= {name, fold_accents(name)}
    return out


def regions(table: list[dict], english: dict[str, str] | None = None) -> list[tuple[str, str, str]]:
    """The table's regions by name; ``english`` maps a table name to its English name ("Bayern" -> "Bavaria")."""
    out: dict[str, tuple[str, str]] = {}
    for entry in table:
        if a_region(entry["type"]):
            translated = (english or {}).get(entry["name"], "")
            for name in names(entry["name"]) | names(translated.replace(" / ", ";")):
                out.setdefault(name, (entry["code"].split("-")[0], entry["type"]))
    return sorted((name, country, kind) for name, (country, kind) in out.items())


HEAD = (
    "# Provinces, states, counties and regions (ISO 3166-2 subdivisions of a region's kind): Debian iso-codes, LGPL-2.1,\n"
    "# as shipped in the PyPI package pycountry 26.2.16; written by models/tools/build_regions.py; see models/NAMES.md.\n"
    "# name<TAB>country (ISO 3166-1 alpha-2)<TAB>kind\n"
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wheel", required=True, type=Path, help="pycountry-26.2.16-py3-none-any.whl")
    args = parser.parse_args(argv)
    with zipfile.ZipFile(args.wheel) as wheel:
        table = json.loads(wheel.read(TABLE))["3166-2"]
        english = gettext.GNUTranslations(io.BytesIO(wheel.read(ENGLISH)))._catalog  # type: ignore[attr-defined]
    rows = regions(table, {k: v for k, v in english.items() if isinstance(k, str) and k and v != k})
    OUT.write_text(HEAD + "".join(f"{name}\t{country}\t{kind}\n" for name, country, kind in rows), encoding="utf-8")
    print(f"wrote {OUT} ({len(rows)} names)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
