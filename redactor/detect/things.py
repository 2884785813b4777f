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
- **an organisation with a country in its name** (``organisation_with_a_country``): an organisation that spaCy
  read and that was taken back as a person for its name's shape, when one of its two words or more is a country's
  name that is no given name in common use and none is a given name that is no ordinary word ("Environment Canada",
  "Walmart Canada", "Fan Expo Canada"; not "Kenya Moore", "Emma England"), is that organisation (ORGANIZATION), still
  flagged.
- **an organisation with an ordinary word in its name** (``organisation_with_a_common_word``): an organisation that
  spaCy read and that was taken back as a person for its name's shape, of two words or more, one of which is an
  ordinary English word that no name list holds, is that organisation (ORGANIZATION), still flagged. Businesses,
  bands, laws and operations are named so, a proper name and a word for what they are or do ("Cesaroni Design",
  "Meyer Music", "Nuremberg Laws", "Operation Sayeed", "Fremantle Press", "Maine Central"); a person's name holds
  no such word unless a list holds it as a name ("Rose", "Hunter", "Baker"). Not when a word of it is a given name
  that is no ordinary word ("Vale Lauren Bacall").
- **an ordinary word before a surname** (``ordinary_word_before_a_surname``): the name lexicon reads a capitalised word
  and a listed surname as a name ("Candie Payne"); when that word is an ordinary English word that no name list holds,
  it describes or names a thing or a place, not a person ("Gloomy Sunday", "North Melbourne", "Great Britain", "Radio
  Disney", "Real Madrid"): flagged as an organisation (ORGANIZATION), still flagged. Not a word for a person (a role,
  relation, rank or title, a noble's title, or an agent noun: "Advisor Thames", "Officer Keating", "Princess Alba"),
  nor a salutation ("Dear Tanaka").
- **a city of two words or more** (``city_of_words``): a guessed full name that is exactly a city's name ("Hong Kong",
  "Los Angeles": the given-name and surname lists hold "Hong" and "Kong") becomes a place (LOCATION), still flagged.
- **an organisation never introduced as a person** (``organisations_never_introduced``): edited prose names a person in
  full before it names them by one word ("Ada Vintner ... Vintner said"). One word that spaCy read as an organisation
  and that was taken back as a person for its shape, that no name list holds, in edited prose where no person's name
  of two words or more holds it ("signed to Brantwell", "bought by Korvax"; not "Hal Brantwell ... Brantwell"), is
  that organisation (ORGANIZATION), still flagged. Not when a pronoun, relation, greeting or "I'm" is near it or a verb
  of saying follows ("Thanks, Mara", "Brantwell said"), nor in a list with a person ("Tohpati , Ridho and Abdee
  Negara", "Chester & Aluko"). Chat and forms are no edited prose: a nickname alone stays a person.
- **common words in lower case** (``lower_case_common_words``): in edited prose (every sentence starts with a
  capital, two sentences or more) a spaCy person that starts with a lower-case letter and is made only of
  ordinary English words, places and countries that no name list holds ("vehicle miles", "the Bat Cave",
  "pro-Ostrava") is a misreading: dropped. Chat in lower case is not edited prose, so "me and jack" is never
  touched here; a lower-case word any name list holds ("don", "jack", "rose") is kept anywhere.

Measured with ``make eval`` on every set (models/MODELS.md, tenth pass).
"""

from __future__ import annotations

import re
from typing import Any

from redactor.detect.misreads import FORM_LABELS, ROLE_WORDS
from redactor.detect.name_lists import (
    PEOPLES,
    countries,
    english_frequency,
    given_names,
    given_names_raw,
    is_english_word,
    is_name_word,
    lexicon,
)
from redactor.detect.places import COMMON_GIVEN, a_city, a_person_here, cities
from redactor.detect.titles import RANKS, RELATIONS, ROLES, TITLES

GUESSES = {"SpacyRecognizer", "OrgNameRecognizer"}
COUNTRY_GUESSES = GUESSES | {"RoleNameRecognizer"}  # "Captain America": a role word before a country
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
    """A guessed person that starts with a craft's prefix ("Space Shuttle Endurance", "HMS Valiant"), or a car's model
    (``car_model``)."""
    if span.entity != "PERSON" or span.recognizer not in GUESSES:
        return False
    return CRAFT.match(text, span.start, span.end) is not None or car_model(text, span.start, span.end)


# makers of the cars on British and European roads, as statements describe them ("a silver Vauxhall Corsa")
CAR_MAKES = frozenset(
    "Toyota Honda Nissan Vauxhall Volkswagen VW BMW Audi Kia Hyundai Peugeot Renault Citroen Citroën Fiat Skoda Škoda Mazda "
    "Mitsubishi Subaru Suzuki Volvo Mercedes Mercedes-Benz Lexus Tesla Chevrolet Chevy Dodge Jeep Porsche Dacia Ford Mini "
    "Seat SEAT Cupra Jaguar Opel Alfa Chrysler Cadillac Buick Lada Tata Saab Rover Infiniti Acura Lancia Proton Smart".split()
)
# a colour or shade as a witness gives a car's ("a dark Ford Focus", "the silver Toyota")
CAR_COLOURS = re.compile(
    r"(?i)(?<![\w'])(?:black|white|silver|grey|gray|red|blue|green|dark|light|yellow|orange|purple|maroon|gold|golden|brown|beige|"
    r"bronze|navy|metallic|cream|burgundy|dark-coloured|light-coloured)[ \t]+$"
)


def car_model(text: str, start: int, end: int) -> bool:
    """A car read as a person: a guess right after a maker's name ("Toyota Yaris"; a maker that is a name, "Ford",
    "Mercedes", or a word, "Seat", "Mini", only after a colour: "a silver Ford Ka"), or a maker and one word after a colour ("a dark Ford Focus";
    "Harrison Ford", "Ford Madox" alone stay)."""
    words = text[start:end].split()
    if len(words) == 2 and words[0] in CAR_MAKES:
        return CAR_COLOURS.search(text, max(0, start - 24), start) is not None
    before = re.search(r"([A-Z][\w-]*)[ \t]+$", text[max(0, start - 24) : start])
    if before is None or before.group(1) not in CAR_MAKES:
        return False
    make_at = start - len(before.group(0))
    plain = not listed(before.group(1)) and not is_english_word(before.group(1))  # "Seat", "Mini", "Dodge": a colour first
    return plain or CAR_COLOURS.search(text, max(0, make_at - 24), make_at) is not None


def country(text: str, span: Any) -> Any:
    """The span as a place when it is a guessed person that is exactly a country's name and no listed name."""
    if span.entity != "PERSON" or span.recognizer not in COUNTRY_GUESSES:
        return span
    value = re.sub(r"['’]s$", "", text[span.start : span.end])
    if value.lower() not in countries() or any(listed(w) for w in value.split()):
        return span
    return span.relabelled("LOCATION", COUNTRY, place=True)


ORGANISATION = "an organisation's name with a country in it: flagged as an organisation"
CONTINENTS = {"africa", "america", "americas", "antarctica", "asia", "europe", "oceania"}


def a_country(word: str) -> bool:
    """A country's or a continent's name that is no given name in common use ("Canada", "Ireland", "America"; not
    "Jordan", "Chad")."""
    low = word.lower()
    return (low in countries() or low in CONTINENTS) and english_frequency().get(low, 0) < COMMON_GIVEN


def organisation_with_a_country(text: str, span: Any) -> Any:
    """The span as an organisation when it is an organisation taken back as a person whose words name a country, or
    that ends in a city's name as clubs and companies do ("Vitesse Arnhem", "Dynamo Kyiv", "Sparta Praha")."""
    if span.entity != "PERSON" or span.recognizer != "OrgNameRecognizer":
        return span
    words = [re.sub(r"['’]s$", "", w) for w in text[span.start : span.end].split()]
    placed = any(a_country(w) for w in words) or (len(words) >= 2 and a_city(words[-1]))
    if len(words) < 2 or not placed or any(w in given_names() for w in words):
        return span  # "Kenya Moore", "Emma England": a given name makes it a person's name
    return span.relabelled("ORGANIZATION", ORGANISATION)


COMMON_WORD = "an organisation's name with an ordinary word in it (no name list holds it): flagged as an organisation"
# words that make a span a person's name whatever else it holds: a salutation, a form's or a case's label before it
_INSIDE_GUESSES = AREA_GUESSES | {"RoleNameRecognizer", "ChatNameRecognizer"}  # "called Marlboro| Masters"
_PERSON_OPENERS = frozenset({"dear", "hi", "hello", "hey", "hiya", "morning", "evening", "afternoon", "thanks", "cheers"})


def organisations_with_a_common_word(text: str, pieces: list[Any]) -> list[Any]:
    """Each organisation taken back as a person that ``organisation_with_a_common_word`` says is an organisation becomes
    one, and a guessed person inside it goes with it ("Marlboro" of "called Marlboro Masters": the organisation covers it)."""
    out = [organisation_with_a_common_word(text, p) for p in pieces]
    orgs = [p for p, q in zip(pieces, out, strict=True) if p is not q]
    if not orgs:
        return out
    return [p for p in out if not (p.entity == "PERSON" and p.recognizer in _INSIDE_GUESSES and any(_inside(p, o) for o in orgs))]


_TITLES = frozenset((*RANKS, *TITLES))  # a form of address or a rank makes the words after it a person's name


def organisation_with_a_common_word(text: str, span: Any) -> Any:
    """The span as an organisation when it is an organisation taken back as a person, of two words or more, with an
    ordinary English word that no name list holds ("Cesaroni Design", "Nuremberg Laws"), no given name that is no
    ordinary word ("Vale Lauren Bacall") and no first word a list holds as a given name ("Precious Partridge"), no
    salutation, title or label ("Dear Mr Kühnel", "Subject Alba Reyes": a person's name after them)."""
    if span.entity != "PERSON" or span.recognizer != "OrgNameRecognizer":
        return span
    words = [re.sub(r"['’]s$", "", w) for w in text[span.start : span.end].split()]
    if len(words) < 2 or words[0] in given_names_raw() or any(w in given_names() for w in words):
        return span
    if any(w.lower() in _PERSON_OPENERS or w.lower() in FORM_LABELS or w.lower() in ROLE_WORDS or w.rstrip(".") in _TITLES for w in words):
        return span
    parts = [p for w in words for p in w.split("-") if p]
    if not any(is_english_word(p) and not is_name_word(p) for p in parts):
        return span
    return span.relabelled("ORGANIZATION", COMMON_WORD)


BEFORE_A_SURNAME = "an ordinary word before a surname: the name of a thing or a place; flagged as an organisation"
_AGENT_NOUN = re.compile(r"(?:er|or|ist|ant|ent|man|woman)\Z")  # "Advisor", "Officer", "Administrator"


def ordinary_word_before_a_surname(text: str, span: Any) -> Any:
    """The span as an organisation when it is the name lexicon's word and surname ("name and surname") whose word is an
    ordinary English word that no name list holds and no word for a person ("Gloomy Sunday"; not "Officer Keating")."""
    if span.entity != "PERSON" or span.recognizer != "NameLexiconRecognizer" or span.explanation.get("pattern_name") != LEXICON_PAIR:
        return span
    first = text[span.start : span.end].split()[0]
    low = first.lower()
    if not is_english_word(first) or is_name_word(first) or low in _PERSON_WORDS or low in _PERSON_OPENERS or _AGENT_NOUN.search(low):
        return span
    return span.relabelled("ORGANIZATION", BEFORE_A_SURNAME)


LEXICON_PAIR = "name and surname (lexicon)"  # recognizers/names.py's rule for a capitalised word and a listed surname


# words for a person before a name: roles, relations, ranks, titles, and a sovereign's or a noble's title
_NOBLE = frozenset("prince princess king queen duke duchess count countess baron baroness emperor empress sultan emir sheikh".split())
_PERSON_WORDS = frozenset(w.lower() for w in (*ROLES, *RELATIONS, *RANKS, *TITLES)) | _NOBLE


CITY = "a city's name read as a person's full name: flagged as a place"
CITY_GUESSES = {"SpacyRecognizer", "NameLexiconRecognizer"}


def city_of_words(text: str, span: Any) -> Any:
    """The span as a place when it is a guessed person of two words or more that is exactly a city's name ("Hong Kong")."""
    if span.entity != "PERSON" or span.recognizer not in CITY_GUESSES:
        return span
    value = re.sub(r"['’]s$", "", text[span.start : span.end])
    if " " not in value or value not in cities():
        return span
    return span.relabelled("LOCATION", CITY, place=True)


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
    return span.relabelled("NRP", NATIONALITY)


def division(text: str, span: Any) -> Any:
    """The span as a place when it is a guessed person named as an administrative area ("County Durham")."""
    if span.entity != "PERSON" or span.recognizer not in AREA_GUESSES or not _DIVISION.fullmatch(text, span.start, span.end):
        return span
    return span.relabelled("LOCATION", DIVISION, place=True)


def guesses_inside_areas(pieces: list[Any]) -> list[Any]:
    """A guessed person inside an area made a place here ("Durham" of "County Durham") goes with it."""
    areas = [p for p in pieces if p.entity == "LOCATION" and DIVISION in str(p.explanation.get("textual_explanation", ""))]
    if not areas:
        return pieces
    return [p for p in pieces if not (p.entity == "PERSON" and p.recognizer in AREA_GUESSES and any(_inside(p, a) for a in areas))]


NOT_INTRODUCED = (
    "one word read as an organisation that no name list holds and that this text never uses in a person's full name: "
    "flagged as an organisation"
)
_POSSESSIVE = re.compile(r"['’]s?$")


def organisations_never_introduced(text: str, pieces: list[Any]) -> list[Any]:
    """Each one-word organisation taken back as a person (``OrgNameRecognizer``) that no name list holds, in edited
    prose, becomes an organisation when no guessed or found person of two words or more in the text holds that word."""
    candidates = [i for i, p in enumerate(pieces) if _lone_unlisted_organisation(text, p)]
    if not candidates or not edited_prose(text):
        return pieces
    full_names = {w for p in pieces if p.entity == "PERSON" for w in _full_name_words(text, p)}
    chosen = {
        i
        for i in candidates
        if _POSSESSIVE.sub("", text[pieces[i].start : pieces[i].end]) not in full_names
        and not a_person_here(text, pieces[i].start, pieces[i].end)
        and not _I_AM.search(text, max(0, pieces[i].start - 12), pieces[i].start)
    }
    people = [p for i, p in enumerate(pieces) if p.entity == "PERSON" and i not in chosen]
    while listed_with := {i for i in chosen if any(_in_a_list_with(text, pieces[i], p) for p in people)}:
        chosen -= listed_with  # "Tohpati , Ridho and Abdee Negara": each in a list with a person stays one
        people += [pieces[i] for i in listed_with]
    return [p.relabelled("ORGANIZATION", NOT_INTRODUCED) if i in chosen else p for i, p in enumerate(pieces)]


_I_AM = re.compile(r"(?i)(?<![\w'’])(?:i['’]?m|i am|name['’]s|name is)\s+$")
_LIST_JOIN = re.compile(r"\s*(?:,|;|&|/)?\s*(?:(?:and|or|&)\s+)?")


def _in_a_list_with(text: str, span: Any, person: Any) -> bool:
    """``span`` and ``person`` side by side, parted by a comma, "&", "and" or "or" only."""
    first, second = (span, person) if span.end <= person.start else (person, span)
    if first.end > second.start or second.start - first.end > 8:
        return False
    gap = text[first.end : second.start]
    return gap.strip() != "" and _LIST_JOIN.fullmatch(gap) is not None


def _lone_unlisted_organisation(text: str, span: Any) -> bool:
    if span.entity != "PERSON" or span.recognizer != "OrgNameRecognizer":
        return False
    word = _POSSESSIVE.sub("", text[span.start : span.end])
    return bool(word) and " " not in word and not listed(word)


def _full_name_words(text: str, span: Any) -> list[str]:
    words = [_POSSESSIVE.sub("", w) for w in _WORD.findall(text, span.start, span.end)]
    return words if len(words) >= 2 else []


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
