"""Names in a list of people: "the applicants, Jan Novak and Amber Hebrink, are ...", "X, Y and Z".

spaCy's small model often finds the first person of a list and misses the next one ("Collin Hoedemakers and
Amber Hebrink": the second name is left in clear), and untuned Presidio misses it as well. A name joined to a
full name found in the same text by "and", "&" or the comma of a list is a person too:

- the found name is a full name (two to four name words) that spaCy, the name lexicon (given name and
  surname), a title or rank, a name label, a role word or a known person found with a score of 0.6 or more;
- the other one is two or three capitalised name words (any Latin, Greek or Cyrillic script) right after
  "and", "&", ", and" or a list's comma, or right before "and" / "&" and the found name, and is the whole run of
  capitalised words there (the ordinary words that start a sentence, "Yesterday Amber Hebrink and ...", are cut
  off);
- it reads as a person's name: every word of it is a listed given name or surname or no ordinary English word
  ("Amber Hebrink"; not "Tang Teaching Museum"); no word is an organisation, street or calendar word, a form label, a country or a city ("Jan Novak and
  Partners", "Amber Hebrink, Prague District Court", "Ilse Varga, New York" stay as they are);
- after a comma the list must go on (another comma or "and" follows), so "Jane Doe, Acme Holdings" is no list.

Names found here become anchors in turn, so every name of "X, Y and Z" is reached.

A roll of surnames (a team's line-up, a list of scorers: "Line-up: Okafor, Lindqvist, Brennan, Duarte", "Mensah 23,
Kowalczyk 67, Oduya 80"; also tokenised, "Okafor , Lindqvist") names its people by one word each, and the small model
misses some of them. In a roll of three single words or more on one line, parted by commas (a minute may follow each),
where at least two words and at least half of them were found as people each on its own, every other word that is a
listed name or no ordinary word, and no organisation, street, calendar or stop word, form label, country or city, is a
person too (``names_in_rolls``). This module imports neither
spaCy nor Presidio (``merge.py`` runs in the coordinating process too).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from redactor.detect import same_text
from redactor.detect.language import spacy_stop_words
from redactor.detect.misreads import COMPANY_SUFFIXES, FORM_LABELS
from redactor.detect.name_lists import countries, given_names_raw, is_english_word, is_name_word, lexicon, organisation_words
from redactor.detect.places import cities
from redactor.detect.recognizers.letters import NAME_WORD

NAME = "ListedPersonName"
SCORE = 0.6
WHY = "a name in a list of people with a name found in this text"
MIN_SCORE = 0.6
SOURCES = same_text.SOURCES | {"RoleNameRecognizer", NAME}  # a name found by these anchors a list
_FULL_NAME = re.compile(rf"(?:\S+[ ])?{NAME_WORD}(?:[ ]{NAME_WORD}){{1,3}}")  # a title or rank may come first
_RUN = rf"{NAME_WORD}(?:[ ]{NAME_WORD})*"
_AFTER = re.compile(rf"(?P<sep>[ ](?:and|&)[ ]|,[ ](?:and[ ])?)(?P<run>{_RUN})(?![\w@'’-])")
_BEFORE = re.compile(rf"(?<![\w@#.'’-])(?P<run>{_RUN})[ ](?:and|&)[ ]\Z")
_LIST_GOES_ON = re.compile(r",|[ ](?:and|&)[ ]")
CALENDAR = frozenset(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday".split()
)


def listed_names(text: str, spans: Sequence[Any], make: Any) -> list[Any]:
    """New PERSON findings (built by ``make(start, end, why)``) for names listed with a full name found in ``text``,
    and for the other names of a roll of surnames (``names_in_rolls``)."""
    rolls = names_in_rolls(text, spans, make)
    if " and " not in text and " & " not in text:
        return rolls
    return rolls + _with_full_names(text, [*spans, *rolls], make)


# a roll of surnames: a team's line-up, a list of scorers or of finishers ("Okafor, Lindqvist, Brennan, Duarte";
# "Mensah 23, Kowalczyk 67, Oduya 80"); newswire text may be tokenised ("Okafor , Lindqvist")
_ITEM = rf"{NAME_WORD}(?:[ ]\d{{1,3}})?"
_ROLL = re.compile(rf"(?<![\w@#.'’-]){_ITEM}(?:(?:[ ]?[,;][ ]|[ ]and[ ]){_ITEM}){{2,}}(?![\w@'’-])")
_ROLL_WORD = re.compile(rf"(?<![\w@#.'’-])({NAME_WORD})(?![\w@'’-])")
ROLL_ANCHORS = 2  # names of the roll found alone as people: at least two, and at least half of its words
ROLL_WHY = "a word in a roll of surnames most of which were found as people"


def names_in_rolls(text: str, spans: Sequence[Any], make: Any) -> list[Any]:
    """In a roll of three single words or more parted by commas (a line-up, a list of scorers), most of them found as
    people each on its own, the others are people too when they read as surnames: a listed name or no ordinary word,
    and no organisation, street, calendar or stop word, label, country or city ("Okafor" of "Line-up: Okafor,
    Lindqvist, Brennan, Duarte"). A word another finding covers stays as it is."""
    if text.count(",") + text.count(";") < 2:
        return []
    people = {(s.start, s.end) for s in spans if s.entity == "PERSON"}
    covered = bytearray(len(text))
    for s in spans:
        covered[s.start : s.end] = b"\x01" * (s.end - s.start)
    out: list[Any] = []
    for roll in _ROLL.finditer(text):
        if "\n" in roll.group(0):
            continue
        words = [m.span(1) for m in _ROLL_WORD.finditer(text, *roll.span())]
        named = sum(w in people for w in words)
        if named < ROLL_ANCHORS or 2 * named < len(words):
            continue
        out += [make(a, b, ROLL_WHY) for a, b in words if not any(covered[a:b]) and _a_surname_in_a_roll(text[a:b])]
    return out


def _a_surname_in_a_roll(word: str) -> bool:
    return len(word) >= 3 and not _never(word) and (_listed(word) or not is_english_word(word))


def _with_full_names(text: str, spans: Sequence[Any], make: Any) -> list[Any]:
    covered = bytearray(len(text))
    for s in spans:
        covered[s.start : s.end] = b"\x01" * (s.end - s.start)
    anchors = [(s.start, s.end) for s in spans if _anchor(text, s)]
    out: list[Any] = []
    while anchors:
        start, end = anchors.pop()
        for a, b in (_after(text, end), _before(text, start)):
            if a < b and not any(covered[a:b]):
                covered[a:b] = b"\x01" * (b - a)
                out.append(make(a, b, WHY))
                anchors.append((a, b))
    return out


def _anchor(text: str, span: Any) -> bool:
    if span.entity != "PERSON" or span.recognizer not in SOURCES or span.score < MIN_SCORE:
        return False
    return _FULL_NAME.fullmatch(text, span.start, span.end) is not None


def _after(text: str, end: int) -> tuple[int, int]:
    m = _AFTER.match(text, end)
    if m is None or "\n" in m.group(0):
        return 0, 0
    if m.group("sep") == ", " and not _LIST_GOES_ON.match(text, m.end()):
        return 0, 0  # "Jane Doe, Acme Holdings": no list
    words = m.group("run").split(" ")
    if len(words) > 3 or not _a_name(words):
        return 0, 0
    return m.start("run"), m.end("run")


def _before(text: str, start: int) -> tuple[int, int]:
    m = _BEFORE.search(text, max(0, start - 120), start)
    if m is None:
        return 0, 0
    words = m.group("run").split(" ")
    a = m.start("run")
    while len(words) > 2 and _ordinary(words[0]):
        a += len(words.pop(0)) + 1  # "Yesterday Amber Hebrink and ..."
    if len(words) > 3 or not _a_name(words):
        return 0, 0
    return a, a + len(" ".join(words))


def _a_name(words: list[str]) -> bool:
    if len(words) < 2 or any(_never(w) for w in words) or " ".join(words) in cities() or " ".join(words).lower() in countries():
        return False
    return all(_listed(w) or not is_english_word(w) for w in words) and (_listed(words[0]) or not is_english_word(words[0]))


def _listed(word: str) -> bool:
    return word in given_names_raw() or is_name_word(word)


@lru_cache(maxsize=4096)
def _never(word: str) -> bool:
    low = word.lower()
    return (
        low in organisation_words()
        or low in _street_words()
        or low in CALENDAR
        or low in FORM_LABELS
        or low in COMPANY_SUFFIXES
        or low in _stop_words()
        or low in countries()
        or word in cities()
    )


def _ordinary(word: str) -> bool:
    return word.lower() in _stop_words() or (is_english_word(word) and word not in given_names_raw())


@lru_cache(maxsize=1)
def _street_words() -> frozenset[str]:
    return frozenset(w.lower() for w in lexicon("street_types.txt"))


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    return frozenset(w.lower() for w in spacy_stop_words("en"))
