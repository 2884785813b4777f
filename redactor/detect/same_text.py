"""A surname alone where the same text names the person in full: "Daniel Corvane ... Corvane was charged".

Reports and statements name a person in full once and then by surname ("Steve Ardwell, a representative
..., said ... Ardwell stated"). spaCy's small model reads the full name and often misses the surname alone
at a sentence start or after a preposition; untuned Presidio misses it too. Every other occurrence in
the same text of the last word of a full name found there becomes a name:

- the full name is a person found by spaCy, the name lexicon (given name and surname), a title or rank,
  a name label or a known person, with a score of 0.6 or more (not the lexicon's guess of two proper
  nouns): two to four name words and nothing else between them but initials ("Delwyn J. Langejans"; not
  "Arabic - Iraq" in a table of locales), none of them a country or city;
- its last word is a capitalised name word of three letters or more, no country or city, no organisation
  word, no form label, no day or month;
- the occurrence stands alone: a whole word, not inside another finding, not joined to a capitalised
  word before or after it ("Corvane Street", "Ms Corvane" are other recognizers' business; a capitalised
  stop word before it is only a sentence's first word: "With Corvane out"), not in an e-mail address,
  handle or hashtag;
- a surname that is also an ordinary English word ("Player", "Bullock", "Baker": a word can stand alone for
  other reasons) only where a person stands: inside a sentence after no determiner or possessive ("awarding
  Player the points", "at Bullock's house"; not "the Baker family", "Kate's Baker", "Centre for Baker"), or first in a sentence
  before a verb of saying or a past tense ("Player won", "Wren sat"; not "Baker is a trade").

A finding made here is explained as such (never with the name it follows). The same rules across the
segments of one item (a statement's pages, an e-mail's subject and body) are ``same_item.py``'s. This module
imports neither spaCy nor Presidio: the coordinating process of a run uses it for an item's findings.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from redactor.detect.language import spacy_stop_words
from redactor.detect.misreads import FORM_LABELS
from redactor.detect.name_lists import countries, is_english_word, organisation_words
from redactor.detect.places import cities
from redactor.detect.recognizers.letters import NAME_WORD, UPPER

NAME = "SameTextSurname"
SCORE = 0.6
WHY = "the surname of a person named in full elsewhere in this text"
MIN_SCORE = 0.6  # not the lexicon's "two proper nouns" (0.5): "Bosnia Latin" in a table of locales
SOURCES = {
    "SpacyRecognizer",
    "NameLexiconRecognizer",
    "TitledNameRecognizer",
    "NameLabelRecognizer",
    "KnownPeopleRecognizer",
}
_FULL_NAME = re.compile(rf"{NAME_WORD}(?:[ ](?:{NAME_WORD}|{UPPER}\.)){{0,2}}[ ]{NAME_WORD}")  # initials inside
_ALONE = re.compile(rf"(?<![\w@#.'’-]){NAME_WORD}(?![\w@-]|['’](?![sS]\b))")  # not in an address, handle or tag
_CAPITALISED_NEXT = re.compile(r"[ ]+[A-Z]")
_CAPITALISED_BEFORE = re.compile(r"([A-Z][\w'’-]*)[ ]+$")  # not "Friday. Lemsin"
_SENTENCE_END = re.compile(r"(?:^|[.!?\n\"“”]\s*|[.!?]\s*[)\]'’\"”]\s*)$")  # the word starts a sentence
# what makes a capitalised ordinary word a common noun or part of a name of a thing: a determiner or possessive
_DETERMINER_BEFORE = re.compile(
    r"(?i)(?:(?<![\w'’])(?:the|a|an|this|that|these|those|his|her|their|its|our|my|your|every|each|no|any|some)|\w[ ]?['’]s)[ ]+$"
)
# a capitalised word and a preposition or "and" before: a title-case name of a thing ("Center for Science", "Perspectives on
# Science"), not a person
_TITLE_CASE_BEFORE = re.compile(r"[A-Z][\w'’-]*[ ]+(?:of|on|for|and|&|in|to|the)[ ]+$")
# first in a sentence, a person does: a verb of saying or a past tense ("Player won", "Wren sat", "Bullock then tells")
_PERSON_VERB_AFTER = re.compile(
    r"[ ]+(?:then[ ]+[a-z]+|also[ ]+[a-z]+|said|says|told|tells|added|adds|wrote|writes|stated|insisted|admitted|denied|"
    r"won|lost|beat|sat|ran|hit|met|made|took|gave|came|went|left|led|became|began|died|held|had|was|[a-z]{2,}ed)\b"
)
CALENDAR = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march",
            "april", "may", "june", "july", "august", "september", "october", "november", "december"}  # fmt: skip


def surnames_alone(text: str, spans: Sequence[Any], make: Any) -> list[Any]:
    """New PERSON findings (built by ``make(start, end, why)``) for the surnames of full names found in ``text``."""
    return [make(start, end, WHY) for start, end in alone(text, spans, full_name_surnames(text, spans))]


def full_name_surnames(text: str, spans: Sequence[Any]) -> set[str]:
    """The last words of the full names found in ``text`` that can stand alone as a surname."""
    people = [s for s in spans if s.entity == "PERSON" and s.recognizer in SOURCES and s.score >= MIN_SCORE]
    surnames: set[str] = set()
    for person in people:
        if not _FULL_NAME.fullmatch(text, person.start, person.end):
            continue
        words = text[person.start : person.end].split(" ")
        if words[-1] not in surnames and _a_surname(words[-1]) and not any(_a_place(w) for w in words):
            surnames.add(words[-1])
    return surnames


def alone(text: str, spans: Sequence[Any], surnames: set[str]) -> list[tuple[int, int]]:
    """Where one of ``surnames`` stands alone in ``text``, outside every span."""
    if not surnames:
        return []
    covered = bytearray(len(text))
    for s in spans:
        covered[s.start : s.end] = b"\x01" * (s.end - s.start)
    out = []
    for m in _ALONE.finditer(text):
        if m.group(0) not in surnames or any(covered[m.start() : m.end()]) or not _alone(text, m.start(), m.end()):
            continue
        if is_english_word(m.group(0)) and not _where_a_person_stands(text, m.start(), m.end()):
            continue  # "Baker is a trade", "the Player of the Year"
        out.append((m.start(), m.end()))
    return out


@lru_cache(maxsize=1)
def _common_words() -> frozenset[str]:
    """spaCy's English stop words and the months and chat words no English word list holds (what ``known_people``'s
    COMMON_WORDS adds is otherwise all ordinary English words), read without importing spaCy or Presidio: the
    coordinating process of a run uses this module for an item's findings (``same_item.py``)."""
    return frozenset(w.lower() for w in spacy_stop_words("en")) | {"april", "june", "bro", "nan"}


@lru_cache(maxsize=4096)
def _a_surname(word: str) -> bool:
    low = word.lower()
    if len(word) < 3 or low in _common_words() or low in FORM_LABELS or low in organisation_words() or low in CALENDAR:
        return False
    return not _a_place(word)


@lru_cache(maxsize=4096)
def _a_place(word: str) -> bool:
    return word.lower() in countries() or word in cities()


def _alone(text: str, start: int, end: int) -> bool:
    if _CAPITALISED_NEXT.match(text, end):
        return False
    before = _CAPITALISED_BEFORE.search(text, max(0, start - 30), start)
    if before is None:
        return True
    # a capitalised stop word that starts a sentence ("With Corvane out", "When Corvane left") joins no name
    word_start = before.start(1)
    return before.group(1).lower() in _common_words() and bool(_SENTENCE_END.search(text, max(0, word_start - 4), word_start))


def _where_a_person_stands(text: str, start: int, end: int) -> bool:
    """A surname that is an ordinary word, where the same text names the person in full: inside a sentence after no
    determiner or possessive, or first in one before a verb of saying or a past tense (module docstring)."""
    if _DETERMINER_BEFORE.search(text, max(0, start - 8), start) or _TITLE_CASE_BEFORE.search(text, max(0, start - 40), start):
        return False
    if _SENTENCE_END.search(text, max(0, start - 4), start) or _CAPITALISED_BEFORE.search(text, max(0, start - 30), start):
        return bool(_PERSON_VERB_AFTER.match(text, end))  # a sentence's first word, or after one ("When Player won")
    return True
