"""Places, teams, papers, trophies and buildings that the name rules read as people, told by their head word.

The name lexicon reads "Stanley Cup", "Houston Chronicle" and "Beverly Hills" as a given name and a surname, and spaCy's
small model reads "Carnegie Hall", "Hancock Brook" or "Near Palmyra" as people. A name of a thing says what it is in a
word of its own, its head: a guessed person (spaCy's, the name lexicon's, or an organisation taken back as a person) of
two words or more is that thing when

- its last word is a head of a place or building ("Hills", "Brook", "Reservoir", "Hall", "Library", "Stadium") or of an
  organisation, trophy or event ("Cup", "Trophy", "Award", "Chronicle", "Railroad", "Orchestra"); or such a head
  follows it ("Paxton Carnegie Public| Library");
- its first word is the head ("Camp Howe", "Fort Worth", "Mount Kenya", "Lake Maru");
- a place's name comes first and a paper's word last ("Houston Post", "Edmonton Sun", "Odessa American"), or a
  plural of an ordinary word, as teams are named ("Boston Bruins", "Fremantle Dockers");
- it starts with a preposition of place in capitals ("Near Palmyra": a sentence's first words), or one opens the
  sentence before it and a comma follows it ("Near Ayn Isa , two strikes ...");
- a club's short form comes before it ("FC Basel", "AC Milan": a club);
- "St", "St.", "Ste." or "Saint" comes right before it: a saint's name is a place's, a church's or a team's ("St. Louis
  Eagles", "St John's", "St Helena"), and a person's name that holds one ("Kate St John") starts before it, not after.

A head that is also a surname or given name in a name list ("Hall", "Brook", "Lane", "Hills", "Park") makes a thing only
when the first word is no listed given name or "the" comes before ("Carnegie Hall", "the Alfred Bell House"; "Jerry
Hall", "Carla Hills" stay people); after the span, only a head no list holds, or one after a word no list holds
("Santa Clara Convention| Center"). The span is kept and flagged as a place (LOCATION) or an organisation
(ORGANIZATION), never dropped, so a reviewer still sees it.

Measured with ``make eval`` (models/MODELS.md, "Session 19: names").
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from redactor.detect.name_lists import common_surnames, countries, given_names_raw, is_english_word, lexicon
from redactor.detect.places import a_city

GUESSES = {"SpacyRecognizer", "NameLexiconRecognizer", "OrgNameRecognizer"}
# heads of a place's or a building's name (hand-written)
PLACE_HEADS = frozenset(
    "Hills Mountain Mountains Valley Island Islands Bay Beach Peninsula Lagoon Falls Canyon Glacier River Creek Brook Pond "
    "Reservoir Dock Docks Harbour Harbor Canal Junction Siding Station Airport Airfield Base Barracks Barrage Dam Bridge "
    "Tower Towers Park Playfield Square Street Road Avenue Lane Boulevard Plaza Gardens Hall House Castle Palace Manor Mill "
    "Mills Farm Forest Heath Estate Reserve Zoo Circuit Cathedral Church Chapel Abbey Temple Mosque Synagogue Stadium Arena "
    "Center Centre Mall Hotel Casino Theatre Theater Museum Gallery Library School Academy College University Institute "
    "Hospital Field Stadion Racecourse Speedway Pier Quay Wharf Marina Lighthouse Fortress".split()
)
# heads of an organisation's, a trophy's, an event's or a publication's name (hand-written)
ORGANISATION_HEADS = frozenset(
    "Cup Cups Trophy Trophies Prize Prizes Award Awards Medal Medals Championship Championships Tournament Festival "
    "Marathon Bowl Stakes Chronicle Herald Sentinel Gazette Tribune Courier Examiner Inquirer Enquirer Statesman Telegraph "
    "Dispatch Railroad Railway Railways Airlines Airways Records Recordings Broadcasting Entertainment Orchestra Quartet "
    "Ensemble Choir Association Society Club League Corps Party Brigade Brigades Battalion Regiment Division Foundation "
    "Corporation Company Magazine Journal".split()
)
# a place's name before one of these is a publication ("Houston Post", "Edmonton Sun", "Odessa American")
PAPER_WORDS = frozenset(
    "Post Times Sun Star News Mail Express Standard Observer Globe American Record Register Daily Press Bulletin".split()
)
FIRST_HEADS = frozenset("Camp Fort Mount Mt Lake Port Cape".split())  # "Camp Howe", "Fort Worth", "Lake Maru"
PLACE_PREPOSITIONS = frozenset("Near Outside Inside Across Around Towards Toward Via Throughout Beyond Along".split())
PLACE = "the name of a place or building (its head word) read as a person: flagged as a place"
ORGANISATION = (
    "the name of an organisation, team, publication, trophy or event (its head word) read as a person: flagged as an organisation"
)
SAINT = "the rest of a name that starts with a saint's (St., Saint) read as a person: flagged as a place"
_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
_THE_BEFORE = re.compile(r"(?i)(?<![\w'])the\s+$")
_NEXT = re.compile(r"[ ]([A-Z][\w'’-]*)")
# a preposition of place in capitals opening a sentence, before a place and its comma ("Near Ayn Isa , two strikes ...")
_PLACE_OPENING = re.compile(r"(?:\A|[.!?:;][ \t]+|\n[ \t]*)(?:Near|Outside|Around|Across|Inside)[ ]\Z")
_COMMA = re.compile(r"[ ]?,")
# a club's short form before its name ("FC Basel", "AC Milan", "SV Hamm"); written here
_CLUB_BEFORE = re.compile(r"(?<![\w.])(?:FC|AFC|CF|SC|AC|SV|VfB|VfL|FK|NK|SK|KV|CD|RC)[ ]\Z")
# a saint's title right before the guess: the rest of a place's, church's or team's name ("St. Louis Eagles", "St Helena")
_SAINT_BEFORE = re.compile(r"(?<![\w.])(?:St\.?|Ste\.?|Saint)[ ]\Z")


def named_thing(text: str, span: Any) -> Any:
    """The span as a place or an organisation when its head word shows it to be one, else the span."""
    if span.entity != "PERSON" or span.recognizer not in GUESSES:
        return span
    words = [re.sub(r"['’]s$", "", w) for w in _WORD.findall(text, span.start, span.end)]
    if not words:
        return span
    if words[0] in PLACE_PREPOSITIONS and len(words) >= 2:
        return span.relabelled("LOCATION", PLACE, place=True)
    if len(words) >= 2:
        kind = _head_kind(words[-1])
        if kind and (not _in_a_name_list(words[-1]) or _not_a_given_name_first(text, span.start, words)):
            return _as(span, kind)
        if words[0] in FIRST_HEADS and words[0] not in given_names_raw():
            return span.relabelled("LOCATION", PLACE, place=True)
        if _a_place(words[0]) and (words[-1] in PAPER_WORDS or _team_word(words[-1])) and len(words) == 2:
            return span.relabelled("ORGANIZATION", ORGANISATION)
    if _PLACE_OPENING.search(text, max(0, span.start - 14), span.start) and _COMMA.match(text, span.end):
        return span.relabelled("LOCATION", PLACE, place=True)  # "Near Ayn Isa , one strike destroyed ..."
    if _CLUB_BEFORE.search(text, max(0, span.start - 6), span.start):
        return span.relabelled("ORGANIZATION", ORGANISATION)  # "FC Basel", "AC Milan"
    if _SAINT_BEFORE.search(text, max(0, span.start - 7), span.start):
        return span.relabelled("LOCATION", SAINT, place=True)  # "St. Louis Eagles", "St Helena"
    after = _NEXT.match(text, span.end)
    if after:
        kind = _head_kind(after.group(1))
        if kind and (not _in_a_name_list(after.group(1)) or not _in_a_name_list(words[-1])):
            return _as(span, kind)
    return span


def _as(span: Any, kind: str) -> Any:
    return span.relabelled("LOCATION", PLACE, place=True) if kind == "LOCATION" else span.relabelled("ORGANIZATION", ORGANISATION)


def _head_kind(word: str) -> str | None:
    if word in PLACE_HEADS:
        return "LOCATION"
    return "ORGANIZATION" if word in ORGANISATION_HEADS else None


def _not_a_given_name_first(text: str, start: int, words: list[str]) -> bool:
    """A head that is also a name ("Hall"): a thing when the first word is no listed given name, or after "the"."""
    return words[0] not in given_names_raw() or _THE_BEFORE.search(text, max(0, start - 6), start) is not None


def _a_place(word: str) -> bool:
    return a_city(word) or word.lower() in countries()


def _team_word(word: str) -> bool:
    """A plural of an ordinary word that no name list holds ("Bruins", "Dockers"): a team's name after a place's."""
    return word.endswith("s") and not word.endswith("ss") and is_english_word(word) and not _in_a_name_list(word)


@lru_cache(maxsize=1)
def _surnames() -> frozenset[str]:
    return frozenset(lexicon("world_surnames.txt"))


def _in_a_name_list(word: str) -> bool:
    return word in given_names_raw() or word in _surnames() or word in common_surnames()
