"""Things, countries and common words that spaCy's small model reads as people, by kind (issue 11, tenth pass).

Each rule looks at one guessed person (spaCy's, or an organisation taken back as a person) and says what it is:

- **a craft** (``craft``): a name that starts with the word for a ship, a spacecraft or a shuttle ("Space
  Shuttle Endurance", "HMS Valiant", "USS Resolute", "the shuttle program") names a vehicle, not a person:
  dropped. A person called "Shuttle" is not a risk worth a rule; the prefix must be the first word(s).
- **a country** (``country``): a guess that is exactly a country's name ("Tunisia won a penalty", "Austria
  replied") and no listed given name or surname ("Jordan", "Chad", "Georgia" stay people) becomes a place
  (LOCATION), so it is still flagged for review.
- **an administrative area** (``division``): a guess that starts with "County" or ends with an area's word
  ("County Durham", "Harlan County", "Kowloon District", "Sverdlovsk Oblast") becomes a place (LOCATION), still
  flagged, and a guessed person inside it goes ("Durham"). "Parish" is left alone: it is a common surname.
- **a nationality** (``nationality``): a one-word guessed person that is a nationality word right before a word
  that a nationality describes ("a Slovak national", "are German nationals", "a Turkish citizen") is that
  nationality (NRP), still flagged; "German" and "Dutch" are also given names and surnames in some lists.
- **common words in lower case** (``lower_case_common_words``): in edited prose (every sentence starts with a
  capital, two sentences or more) a spaCy person that starts with a lower-case letter and is made only of
  ordinary English words, places and countries that no name list holds ("vehicle miles", "the Bat Cave",
  "pro-Ostrava") is a misreading: dropped. Chat in lower case is not edited prose, so "me and jack" is never
  touched here; a lower-case word any name list holds ("don", "jack", "rose") is kept anywhere.

Measured with ``make eval`` on every set (models/MODELS.md, tenth pass).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from redactor.detect.name_lists import PEOPLES, countries, given_names_raw, is_english_word, is_name_word, lexicon
from redactor.detect.places import cities

GUESSES = {"SpacyRecognizer", "OrgNameRecognizer"}
# the first word(s) of a ship's, a spacecraft's or a shuttle's name (ship prefixes of navies and merchant fleets)
CRAFT = re.compile(r"(?:(?i:space[ ]shuttle|shuttle|spacecraft|starship|space[ ]station)|HMS|HMAS|HMCS|HMNZS|USS|USNS|RMS|HMY)(?![\w-])")
COUNTRY = "a country's name read as a person: flagged as a place"
DIVISION = "an administrative area's name read as a person: flagged as a place"
AREA_GUESSES = {"SpacyRecognizer", "OrgNameRecognizer", "NameLexiconRecognizer"}
_DIVISION = re.compile(
    r"County[ ][A-Z][\w'’-]+(?:[ ][A-Z][\w'’-]+)?|(?:[A-Z][\w'’-]+[ ]){1,3}(?:County|Borough|District|Province|Oblast|Voivodeship|"
    r"Prefecture|Township|Canton)"
)
_WORD = re.compile(r"[^\W\d_]+")
_SENTENCE_START = re.compile(r"(?:\A|[.!?][\"'”’)\]]*\s+)[\"'“‘(\[]*([^\W\d_])")
PARTICLES = {"de", "del", "della", "di", "da", "dos", "das", "du", "van", "von", "der", "den", "ten", "ter", "le", "la", "al", "el",
             "bin", "ibn", "bint", "ben", "abu", "st", "mac", "mc", "o"}  # fmt: skip


def craft(text: str, span: Any) -> bool:
    """A guessed person that starts with a craft's prefix ("Space Shuttle Endurance", "HMS Valiant")."""
    if span.entity != "PERSON" or span.recognizer not in GUESSES:
        return False
    return CRAFT.match(text, span.start, span.end) is not None


def country(text: str, span: Any) -> Any:
    """The span as a place when it is a guessed person that is exactly a country's name and no listed name."""
    if span.entity != "PERSON" or span.recognizer not in GUESSES:
        return span
    value = re.sub(r"['’]s$", "", text[span.start : span.end])
    if value.lower() not in countries() or any(listed(w) for w in value.split()):
        return span
    why = f"{span.explanation.get('textual_explanation') or 'a guessed name'}; {COUNTRY}"
    return replace(span, entity="LOCATION", explanation={**span.explanation, "textual_explanation": why, "read_as_place": True})


NATIONALITY = "a nationality read as a person: flagged as a nationality"
NATIONALITY_GUESSES = {"SpacyRecognizer", "OrgNameRecognizer", "NameLexiconRecognizer"}
# what follows a nationality word and not a name ("a Slovak national", "Polish citizens", "of Turkish origin")
_DESCRIBED = re.compile(r"[ ](?:nationals?|citizens?|nationality|origin|descent|extraction|passport)(?![\w-])")


def nationality(text: str, span: Any) -> Any:
    """The span as a nationality (NRP) when it is a one-word guessed person that is a nationality word before a word
    that a nationality describes ("a Slovak national"); "German Novak" or "German said" stay people."""
    if span.entity != "PERSON" or span.recognizer not in NATIONALITY_GUESSES:
        return span
    if text[span.start : span.end].lower() not in PEOPLES or not _DESCRIBED.match(text, span.end):
        return span
    why = f"{span.explanation.get('textual_explanation') or 'a guessed name'}; {NATIONALITY}"
    return replace(span, entity="NRP", explanation={**span.explanation, "textual_explanation": why})


def division(text: str, span: Any) -> Any:
    """The span as a place when it is a guessed person named as an administrative area ("County Durham")."""
    if span.entity != "PERSON" or span.recognizer not in AREA_GUESSES or not _DIVISION.fullmatch(text, span.start, span.end):
        return span
    why = f"{span.explanation.get('textual_explanation') or 'a guessed name'}; {DIVISION}"
    return replace(span, entity="LOCATION", explanation={**span.explanation, "textual_explanation": why, "read_as_place": True})


def guesses_inside_areas(pieces: list[Any]) -> list[Any]:
    """A guessed person inside an area made a place here ("Durham" of "County Durham") goes with it."""
    areas = [p for p in pieces if p.entity == "LOCATION" and DIVISION in str(p.explanation.get("textual_explanation", ""))]
    if not areas:
        return pieces
    return [p for p in pieces if not (p.entity == "PERSON" and p.recognizer in AREA_GUESSES and any(_inside(p, a) for a in areas))]


def _inside(span: Any, area: Any) -> bool:
    return area.start <= span.start and span.end <= area.end


def lower_case_common_words(text: str, span: Any) -> bool:
    """A spaCy person in lower case, made of ordinary words and places only, in text whose sentences start with capitals."""
    if span.entity != "PERSON" or span.recognizer != "SpacyRecognizer" or not text[span.start : span.start + 1].islower():
        return False
    words = _WORD.findall(text, span.start, span.end)
    if not words or words[0] in PARTICLES or not all(_common(w) for w in words):
        return False
    return edited_prose(text)


def edited_prose(text: str) -> bool:
    """Two sentences or more, each starting with a capital letter."""
    starts = _SENTENCE_START.findall(text)
    return len(starts) >= 2 and all(c.isupper() for c in starts)


def _common(word: str) -> bool:
    """An ordinary English word, a city or a country that no name list holds."""
    if listed(word) or listed(word.title()):
        return False
    return is_english_word(word) or word in cities() or word.lower() in countries()


def listed(word: str) -> bool:
    """In any given-name or surname list, ordinary words included ("Don", "Rose", "Jordan")."""
    return word in given_names_raw() or word in lexicon("world_surnames.txt") or is_name_word(word)
