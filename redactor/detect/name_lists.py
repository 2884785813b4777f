"""Name lists from sources independent of any evaluation data (licences: models/NAMES.md).

- given names: ``gender-guesser``'s ``nam_dict.txt`` (Jörg Michael's list of about 48,000 given
  names from 54 countries and regions: Europe East and West, Turkey, the Arab world, India, China,
  Japan, Korea, Vietnam), read as a data file from the installed distribution (found through its
  metadata, so none of the package's GPLv3 code is imported or run), never copied into this repository;
- surnames: ``models/lexicons/world_surnames.txt`` (US Census 1990, public domain);
- ``models/lexicons/name_words_common.txt``: names that are also ordinary English words;
- ``models/lexicons/english_words.txt``: lower-case English words (SCOWL), for "is this an ordinary word".

Loaded once per process (a fraction of a second), then plain set look-ups.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from redactor import paths
from redactor.errors import ConfigError

# languages and nationalities (written here): in capitals they are headings, not people ("ENGLISH",
# "DUTCH"); before "national(s)" or "citizen(s)" a nationality, not a person ("a Slovak national"; things.py)
PEOPLES = frozenset(
    "english british scottish welsh irish french german dutch flemish spanish portuguese italian greek turkish polish czech "
    "slovak hungarian romanian bulgarian serbian croatian bosnian slovene slovenian albanian russian ukrainian belarusian "
    "lithuanian latvian estonian finnish swedish norwegian danish icelandic arabic persian farsi kurdish urdu hindi punjabi "
    "bengali gujarati tamil telugu chinese mandarin cantonese japanese korean vietnamese thai malay indonesian filipino "
    "tagalog swahili somali amharic yoruba igbo hausa latin cyrillic hebrew armenian georgian azerbaijani kazakh "
    "american canadian australian indian pakistani nigerian ghanaian jamaican african european asian austrian belgian swiss "
    "luxembourgish maltese cypriot moldovan macedonian montenegrin kosovan kosovar afghan iranian iraqi syrian lebanese "
    "jordanian egyptian moroccan algerian tunisian libyan sudanese eritrean ethiopian kenyan ugandan tanzanian zimbabwean "
    "congolese cameroonian senegalese gambian ivorian brazilian mexican argentinian argentine colombian venezuelan peruvian "
    "chilean cuban bangladeshi nepalese nepali uzbek tajik turkmen kyrgyz mongolian".split()
)

GIVEN_NAMES_DIST = "gender-guesser"
GIVEN_NAMES_FILE = "gender_guesser/data/nam_dict.txt"


def given_names_file(dist: str = GIVEN_NAMES_DIST) -> Path:
    """Where the installed ``gender-guesser`` keeps ``nam_dict.txt``. Missing means a broken install:
    detection would silently lose its given names, so it is an error, not an empty list."""
    hint = "reinstall with 'make install' (the pinned requirements include it)"
    try:
        path = Path(str(metadata.distribution(dist).locate_file(GIVEN_NAMES_FILE)))
    except metadata.PackageNotFoundError:
        raise ConfigError(f"the given-name list is not installed (package {dist})", hint=hint) from None
    if not path.is_file():
        raise ConfigError(f"the given-name list {GIVEN_NAMES_FILE} is missing from package {dist}", hint=hint)
    return path


@lru_cache(maxsize=1)
def given_names_raw() -> frozenset[str]:
    data = given_names_file().read_text(encoding="utf-8")
    out = set()
    for line in data.splitlines():
        if line[:1] in ("#", "=", "") or len(line) < 4:
            continue
        name = line.split()[1]
        for variant in {name.replace("+", ""), name.replace("+", "-"), *name.split("+")} if "+" in name else {name}:
            if len(variant) > 1 and variant[:1].isupper():
                out.add(variant)
    return frozenset(out)


# nam_dict.txt's frequency columns (one hex digit each, 1 rare .. D very common, logarithmic):
# Great Britain, Ireland, U.S.A. are the first three, from character 30 on.
ENGLISH_FREQUENCY_COLUMNS = slice(30, 33)


@lru_cache(maxsize=1)
def english_frequency() -> dict[str, int]:
    """Lower-cased given name -> its highest frequency in Great Britain, Ireland or the U.S.A.
    (``nam_dict.txt``'s scale, 1-13); names not in use there are absent."""
    out: dict[str, int] = {}
    for line in given_names_file().read_text(encoding="utf-8").splitlines():
        if line[:1] in ("#", "=", "") or len(line) < 33:
            continue
        digits = [int(c, 16) for c in line[ENGLISH_FREQUENCY_COLUMNS] if c in "0123456789ABCDEF"]
        if not digits:
            continue
        name = line.split()[1]
        for variant in {name.replace("+", ""), *name.split("+")}:
            key = variant.lower()
            out[key] = max(out.get(key, 0), *digits)
    return out


def _words(name: str) -> list[str]:
    path = paths.models_dir() / "lexicons" / name
    return [w for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#") for w in line.split()]


@lru_cache(maxsize=1)
def ordinary_words() -> frozenset[str]:
    """Lower-cased names that are also ordinary English words ("Rose", "Young", "Page")."""
    return frozenset(_words("name_words_common.txt"))


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """Lower-case English words (SCOWL), to tell "Nifty Gadgets" from "Salem Bitar"."""
    return frozenset(_words("english_words.txt"))


def is_english_word(word: str) -> bool:
    return word.lower() in english_words() or word.lower().rstrip("s") in english_words()


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """Given names of three letters or more that are not also ordinary words."""
    common = ordinary_words()
    return frozenset(n for n in given_names_raw() if len(n) > 2 and n.lower() not in common)


@lru_cache(maxsize=1)
def surnames() -> frozenset[str]:
    common = ordinary_words()
    return frozenset(n for n in _words("world_surnames.txt") if n.lower() not in common)


@lru_cache(maxsize=8)
def lexicon(name: str) -> frozenset[str]:
    """The words of a hand-written lexicon in ``models/lexicons`` (whitespace-separated, ``#`` comments)."""
    return frozenset(_words(name))


COMMON_SURNAMES = 2000  # world_surnames.txt is in order of frequency: Hall is 27th, Council 3,354th


@lru_cache(maxsize=1)
def organisation_words() -> frozenset[str]:
    """Lower-cased words that mark an organisation (``organisation_words.txt``), less those that are
    also common surnames: "Emma Hall", "Jack Lane" stay names; "Ostremund Council" does not."""
    common = {w.lower() for w in _words("world_surnames.txt")[:COMMON_SURNAMES]} | {w.lower() for w in lexicon("surnames.txt")}
    return frozenset(w.lower() for w in lexicon("organisation_words.txt")) - common


@lru_cache(maxsize=1)
def common_surnames() -> frozenset[str]:
    """The world's common surnames (the first ``COMMON_SURNAMES`` of ``world_surnames.txt``) and ``surnames.txt``'s."""
    return frozenset(_words("world_surnames.txt")[:COMMON_SURNAMES]) | lexicon("surnames.txt")


def fold_accents(word: str) -> str:
    """The word without its accents ("Siobhán" -> "Siobhan", "Zoë" -> "Zoe"); letters such as "ł" or "ø" stay."""
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


def is_name_word(word: str) -> bool:
    """A given name or surname from the lexicons (hand-written or the world lists)."""
    return word in lexicon("first_names.txt") or word in lexicon("surnames.txt") or word in given_names() or word in surnames()


@lru_cache(maxsize=1)
def countries() -> frozenset[str]:
    """Country names in English, lower-cased: ``models/lexicons/countries.txt``, written from ``phonenumbers``' locale
    data by ``models/tools/build_countries.py`` (importing that data would hold every language's names, ~90 MB a worker)."""
    text = (paths.models_dir() / "lexicons" / "countries.txt").read_text(encoding="utf-8")
    names = {line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")}
    return frozenset(names) | {"uk", "england", "scotland", "wales", "northern ireland", "turkey", "czech republic"}
