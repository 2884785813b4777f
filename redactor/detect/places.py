"""A city read as a person: "in #Toronto", "off to London", "Montpellier, France".

The name lexicon holds London, Sydney, Paris and Chelsea as given names, and spaCy's small model reads
"Warsaw" or "Melbourne" in a tweet as a person. A guessed person (spaCy's, the name lexicon's, or a
one-word organisation taken back as a person) that is exactly the name of a city of 100,000 people
or more (``models/lexicons/places.txt``, GeoNames) becomes a place when the text says it is one and
nothing there says it is a person:

- a word of place comes right before it ("in", "near", "outside", "across", "around", "via",
  "throughout", and "greater" of "the greater Houston area"), or it is a hashtag ("#Toronto"), or a country, region or another city follows it
  after a comma ("Montpellier, France"), or another city comes before it in a list ("Adelaide,
  Sydney"); and no third person is near it in its clause ("she", "his", "is", "friend", "mum");
- or "to" or "from" comes right before it, it is a city of a million people or more ("off to
  London"), and no word about a person at all is near it ("I got a text from Sydney" stays a name);
- or it is rarely a given name ("London", "Houston", "Manchester": in no lexicon of everyday given names, below common
  use in nam_dict, and a city of a million people or more or in no list of given names and no common surname) and no
  pronoun, relation or greeting is near it and no verb of saying follows it ("This is London calling"; not "Sydney
  said she'd be late", "London and her brother", "Houston said he would ring").

A guessed person right after "the town of", "the city of", "the county of", "the University of" (and
village, borough, province, region, capital) is a place whatever its size ("the town of Yeoncheon",
"the University of Sheffield"): a person's name does not stand there.

A guessed person that is no such city may be a town (``town_read_as_person``; ``models/lexicons/towns.txt``: GeoNames'
towns of 5,000 people or more, also without accents and without an Arabic article, "Raqqah" of "Ar Raqqah", and the US
states): a place when the words after it call it one ("Aisby is a village", whatever the name), when a word of place
comes before it, a region or a place follows after a comma ("Grantham , Lincolnshire"), or a place comes before it in a
list that goes on or with "and" ("Portchester and Fareham"), with no pronoun, relation or greeting near it; for a name
in no list of given names or surnames also after "to", "at", "via", "between" ("extended to Ogdensburg"), or with no cue
at all for a town of 100,000 people or more ("Raqqah"), unless a verb of saying follows.

It never applies before a possessive or a capitalised word ("Sydney's", "Paris Hilton"). The
finding is kept as a place (LOCATION), not dropped, so a reviewer still sees it.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from redactor import paths
from redactor.detect.name_lists import (
    common_surnames,
    countries,
    english_frequency,
    fold_accents,
    given_names_raw,
    is_english_word,
    lexicon,
)

GUESSES = {"SpacyRecognizer", "NameLexiconRecognizer", "OrgNameRecognizer"}
BIG_CITY = 1_000_000
COMMON_GIVEN = 3  # nam_dict.txt's frequency scale: a given name in common use in Britain, Ireland or the USA
READ_AS_PLACE = "a city of 100,000 people or more (GeoNames) where the text calls it a place: flagged as a place"
WINDOW = 24  # characters either side searched for a cue or a personal word
_PLACE_WORD = re.compile(r"(?i)(?<![\w'])(?:in|near|outside|across|around|via|throughout|greater)\s+#?$|#$")
NAMED_AS_PLACE = "named as a town, city, county or university's place: flagged as a place"
_OF_A_PLACE = re.compile(r"(?i)(?<![\w'])(?:town|city|village|borough|province|county|region|capital|university)\s+of\s+(?:the\s+)?$")
_TO_FROM = re.compile(r"(?i)(?<![\w'])(?:to|from)\s+$")
_AFTER = re.compile(r"\s*,\s*([A-Z][\w.'-]*(?:\s[A-Z][\w.'-]*){0,2})")
_LIST_BEFORE = re.compile(r"([A-Z][\w.'-]*(?:\s[A-Z][\w.'-]*){0,2})\s*,\s*$")
_NEXT_WORD = re.compile(r"\s*(?:['’]s\b|[A-Z])")
_REGIONS = {"England", "Scotland", "Wales", "Northern Ireland", "UK", "U.K.", "USA", "US", "U.S.", "Ontario", "Quebec", "California",
            "Texas", "Florida", "NSW", "Victoria", "Queensland"}  # fmt: skip
THIRD_PERSON = re.compile(
    r"(?i)(?<![\w'])(?:he|she|his|her|him|they|their|them|is|was|family|mum|mother|dad|father|parents|brother|sister|son|"
    r"daughter|boyfriend|girlfriend|friend|partner|wife|husband|lad|girl|boy|guy|man|woman)(?![\w'])"
)


def place_read_as_person(text: str, span: Any, personal: re.Pattern[str]) -> Any:
    """The span as a place when it is a guessed person that the text shows to be a city, else the span.
    ``personal`` is merge's pattern of words about a person."""
    if span.entity != "PERSON" or span.recognizer not in GUESSES:
        return span
    if _OF_A_PLACE.search(text, max(0, span.start - 40), span.start) and not _NEXT_WORD.match(text, span.end):
        return span.relabelled("LOCATION", NAMED_AS_PLACE, place=True)
    population = cities().get(text[span.start : span.end])
    if _NEXT_WORD.match(text, span.end):
        return span
    if population is None:
        return town_read_as_person(text, span)
    start, end = clause(text, span.start, span.end)
    before = text[start : span.start]
    if _place_cue(text, before, span.end):
        near = THIRD_PERSON
    elif population >= BIG_CITY and _TO_FROM.search(before):
        near = personal
    elif _rarely_a_given_name(text[span.start : span.end], population):
        near, reason = _A_PERSON_HERE, RARELY_A_NAME
        if _saying_after(text, span.end) or near.search(text, start, span.start) or near.search(text, span.end, end):
            return span
        return span.relabelled("LOCATION", reason, place=True)
    else:
        return span
    if near.search(text, start, span.start) or near.search(text, span.end, end):
        return span
    return span.relabelled("LOCATION", READ_AS_PLACE, place=True)


RARELY_A_NAME = (
    "a city of 100,000 people or more (GeoNames) that is rarely a given name (nam_dict), with no word about a person "
    "near it: flagged as a place"
)
# words that make a city's name a person's, for a name rarely given: a pronoun or a relation near it; not "is", "was":
# "This is London calling", "London was packed"
_A_PERSON_HERE = re.compile(
    r"(?i)(?<![\w'])(?:he|she|his|her|him|they|their|them|family|mum|mother|dad|father|parents|brother|sister|son|daughter|"
    r"boyfriend|girlfriend|friend|partner|wife|husband|lad|girl|boy|guy|man|woman|hi|hey|hello|dear|ask|tell|thanks|love)(?![\w'])"
)
# a verb of saying or feeling right after it: "London said she's fine", "Houston texted"
_SAYING = re.compile(r"\s+(?:said|says|told|asked|texted|rang|called|replied|wrote|thinks|thought|wants|knows|reckons|feels)\b")


def _saying_after(text: str, end: int) -> bool:
    return _SAYING.match(text, end) is not None


def a_person_here(text: str, start: int, end: int) -> bool:
    """A pronoun, relation or greeting in the clause of ``text[start:end]`` ("Thanks, Mara"; "her brother"), or a verb
    of saying right after it ("Brantwell said")."""
    left, right = clause(text, start, end)
    return bool(_A_PERSON_HERE.search(text, left, start) or _A_PERSON_HERE.search(text, end, right) or _saying_after(text, end))


def _rarely_a_given_name(word: str, population: int) -> bool:
    """A city's name that is no given name in everyday use here: not in the lexicon of given names (``first_names.txt``)
    and below common use in Britain, Ireland and the USA (nam_dict's scale; not "Sydney", "Paris", "Florence",
    "Dallas"); and either a city of a million people or more ("London", "Houston", "Milan") or a name in no list of given
    names and no common surname ("Manchester", "Girona"; not "Taito", a Finnish given name, nor "Rodriguez", "Kennedy")."""
    if word in lexicon("first_names.txt") or english_frequency().get(word.lower(), 0) >= COMMON_GIVEN:
        return False
    return population >= BIG_CITY or (word not in given_names_raw() and word not in common_surnames())


def followed_by_a_place(text: str, end: int) -> bool:
    """A country, a region or a city follows after a comma ("Irving, Texas", "Montpellier, France")."""
    after = _AFTER.match(text, end)
    return bool(after and _is_place(after.group(1)))


def _place_cue(text: str, before: str, end: int) -> bool:
    if _PLACE_WORD.search(before):
        return True
    after = _AFTER.match(text, end)
    listed = _LIST_BEFORE.search(before)
    return bool(after and _is_place(after.group(1))) or bool(listed and _is_place(listed.group(1)))


def _is_place(words: str) -> bool:
    return words in cities() or words.lower() in countries() or words in _REGIONS


@lru_cache(maxsize=1)
def cities() -> dict[str, int]:
    """City name -> population, for the cities of 100,000 people or more (``models/lexicons/places.txt``)."""
    text = (paths.models_dir() / "lexicons" / "places.txt").read_text(encoding="utf-8")
    rows = (line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#"))
    return {name: int(population) for name, population in rows}


def a_city(name: str) -> bool:
    """A city of ``cities()``, also written without its accents as newswire and English text write it ("Zurich",
    "Malmo", "Sao Paulo", "Herat"), unless that form is a listed given name or a common surname ("Leon" of "León")."""
    return name in cities() or name in _plain_cities()


@lru_cache(maxsize=1)
def _plain_cities() -> frozenset[str]:
    names, surnames = given_names_raw(), common_surnames()
    plain = {fold_accents(c) for c in cities()}
    return frozenset(p for p in plain if p not in cities() and p not in names and p not in surnames)


_STOP = re.compile(r"[.!?](?:\s|$)|\n")


def clause(text: str, start: int, end: int) -> tuple[int, int]:
    """Up to ``WINDOW`` characters either side of a span, not past a line break or a sentence end."""
    left = max(0, start - WINDOW)
    for m in _STOP.finditer(text, left, start):
        left = m.end()
    stop = _STOP.search(text, end, min(len(text), end + WINDOW))
    return left, stop.start() if stop else min(len(text), end + WINDOW)


TOWN = "a town (GeoNames) or a place the text calls one where no word about a person is near it: flagged as a place"
RARE_TOWN = 100_000  # a town this large whose name no list holds is a place without a cue, as RARELY_A_NAME says
# after a town: the text says what it is ("Aisby is a village in ...", "Kenora was a small town")
_IS_A_PLACE = re.compile(
    r"\s+(?:is|was)\s+(?:a|an|the)\s+(?:[a-z-]+\s+){0,2}?(?:village|town|city|hamlet|suburb|municipality|commune|parish|"
    r"settlement|township|borough|district|county|province|region|neighbourhood|neighborhood|port|island|river|lake|"
    r"mountain|valley|halt|railway station|capital)\b"
)
# before a town whose name no list holds: "extended to Ogdensburg", "fought at Williamsport"; not "from", "of": "a speech
# from Obama", "a photo of Kanye" (both towns)
_TO_AT = re.compile(r"(?i)(?<![\w'])(?:to|towards?|at|via|between|outside)\s+$")
_AND_BEFORE = re.compile(r"([A-Z][\w.'-]*(?:\s[A-Z][\w.'-]*){0,2})\s+(?:and|or|&)\s+$")
_AND_AFTER = re.compile(r"\s+(?:and|or|&)\s+([A-Z][\w.'-]*(?:\s[A-Z][\w.'-]*){0,2})")


def town_read_as_person(text: str, span: Any) -> Any:
    """The span as a place when it is a guessed person that the text shows to be a town (``towns()``, GeoNames' towns of
    5,000 people or more), or any place the words after it call one ("Aisby is a village"):

    - the words after it say so ("... is a village", "... was a small town") whatever the name;
    - a cue of place (a word of place before it, a region or place after a comma, a place before it in a list, or a
      place coordinated with it: "Portchester and Fareham"), and no pronoun, relation or greeting near it;
    - for a name in no list of given names or surnames: also "to", "at", "via", "between" before it ("extended to
      Ogdensburg"), or, for a town of ``RARE_TOWN`` people or more written as English text writes it ("Raqqah" of "Ar
      Raqqah", not in ``cities()``), nothing at all, when no verb of saying follows ("Harrison said")."""
    value = text[span.start : span.end]
    if _IS_A_PLACE.match(text, span.end):
        return span.relabelled("LOCATION", TOWN, place=True)
    population = towns().get(value)
    if population is None:
        return span
    start, end = clause(text, span.start, span.end)
    before = text[start : span.start]
    if _A_PERSON_HERE.search(text, start, span.start) or _A_PERSON_HERE.search(text, span.end, end):
        return span  # a pronoun, relation or greeting near it ("is", "was" are no cue: "was extended to Harrison")
    listed = value in given_names_raw() or value in common_surnames()
    a_surname = value in _surnames() or fold_accents(value) in _surnames()  # "Cárdenas", "Cowley"
    if _town_cue(text, before, span.end) or (not listed and not a_surname and _TO_AT.search(before)):
        return span.relabelled("LOCATION", TOWN, place=True)
    if listed or a_surname or population < RARE_TOWN or is_english_word(value):
        return span
    if _saying_after(text, span.end):
        return span
    return span.relabelled("LOCATION", TOWN, place=True)


def _town_cue(text: str, before: str, end: int) -> bool:
    """A word of place before the town, a place after a comma ("Grantham , Lincolnshire"), or a place before it in a
    list or coordinated with it ("Portchester and Fareham", "Mosul and Raqqah") where the list goes on or ends after it
    ("Halifax , Cowley broke in" is a sentence's subject, not a list)."""
    if _TOWN_PLACE_WORD.search(before):
        return True
    after = _AFTER.match(text, end)
    if after and _a_place_not_a_name(after.group(1)):
        return True
    if not _LIST_GOES_ON.match(text, end):
        return False
    listed, joined, joined_after = _LIST_BEFORE.search(before), _AND_BEFORE.search(before), _AND_AFTER.match(text, end)
    return any(m is not None and _a_place_not_a_name(m.group(1)) for m in (listed, joined, joined_after))


# a word of place before a town: ``_PLACE_WORD`` less a hashtag alone ("thinking of #Jordan": tags hold names too)
_TOWN_PLACE_WORD = re.compile(r"(?i)(?<![\w'])(?:in|near|outside|across|around|via|throughout|greater)\s+#?$")
_LIST_GOES_ON = re.compile(r"\s*(?:[,;.:)(]|(?:and|or|&)\s|$)")


def _a_place_not_a_name(words: str) -> bool:
    """A city, country or region, or a town whose name no list holds as a given name or common surname."""
    if _is_place(words) or words.endswith("shire"):
        return True
    return words in towns() and words not in given_names_raw() and words not in common_surnames()


@lru_cache(maxsize=1)
def towns() -> dict[str, int]:
    """Town name -> population, for GeoNames' towns of 5,000 people or more (``models/lexicons/towns.txt``, written by
    ``models/tools/build_towns.py``), and the US states and the world's provinces, states, counties and regions (0:
    ``models/lexicons/regions.txt``, ISO 3166-2, written by ``models/tools/build_regions.py``). A region is a town here:
    a place the words around a guessed person can show it to be ("Vigan , Ilocos Sur"), never one without such a cue."""
    text = (paths.models_dir() / "lexicons" / "towns.txt").read_text(encoding="utf-8")
    rows = (line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#"))
    out = {name: int(population) for name, population in rows}
    for name in _lexicon_rows("regions.txt"):
        out.setdefault(name, 0)
    return out


def _lexicon_rows(name: str) -> list[str]:
    """The first column of a tab-separated lexicon in ``models/lexicons`` (``#`` lines are comments)."""
    text = (paths.models_dir() / "lexicons" / name).read_text(encoding="utf-8")
    return [line.split("\t")[0] for line in text.splitlines() if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=1)
def _surnames() -> frozenset[str]:
    return lexicon("world_surnames.txt")
