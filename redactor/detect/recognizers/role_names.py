"""Names after a word that says a person follows: a role, a relation or a phrase about someone.

spaCy's small model reads many people as organisations or misses them in sentences unlike its
training text: "goalkeeper Salem Bitar appeared to have", "a huge supporter of Corbyn", "striker
Tovkar Lemsin scored". The word before the name leaves no doubt that a person follows:

- a role or occupation: goalkeeper, striker, coach, captain, president, minister, spokeswoman,
  lawyer, singer, ... (``ROLES``);
- a relation: brother, cousin, neighbour, boyfriend, ... (``RELATIONS``);
- a phrase: "supporter of", "fan of", "son of", "named", "called", "known as" (``PHRASES``);
- a self-introduction: "my name is ...", and "this is", "it's", "I'm" before from/here/speaking/calling ("this is
  Adaeze from the school office"), not a city or a country ("this is London calling", ``INTRO``).

The name is one to three capitalised words (any Latin, Greek or Cyrillic script) right after the
cue or after the cue and a comma ("the applicant's wife, Ilse Varga, lodged"; a judgment's way of naming), on the same line; only the name is reported, not the cue. It is left alone when a word is an
organisation word that is no surname ("coach Tesco Express"), when every word is an ordinary
English word that is no listed name ("captain Fantastic", "fan of Star Wars"), or when it is a
month or a day. Words of the name after it that are ordinary words are cut off ("coach Lemsin
Said"). In chat a name after a relation or phrase may be in lower case ("a fan of sophie", "my mate dave"): one or two
lower-case words that a given-name or surname list holds and that are no English word ("jack", "will" are not
taken).
"""

from __future__ import annotations

import re
from typing import Any

from presidio_analyzer import EntityRecognizer, RecognizerResult

from redactor.detect import name_lists
from redactor.detect.alternation import alternation
from redactor.detect.known_people import STOP_WORDS
from redactor.detect.name_lists import PEOPLES, is_english_word, is_name_word
from redactor.detect.places import cities
from redactor.detect.recognizers.base import result
from redactor.detect.recognizers.letters import LOWER, NAME_WORD
from redactor.detect.things import COMMON_GIVEN, a_country
from redactor.detect.titles import RELATIONS, ROLES

PHRASES = (
    "supporter of", "fan of", "son of", "daughter of", "wife of", "husband of", "widow of", "mother of", "father of",
    "named", "called", "nicknamed", "known as", "aka", "a.k.a.", "née", "nee",
)  # fmt: skip
CUES = sorted((*ROLES, *RELATIONS, *PHRASES), key=len, reverse=True)
CUE = re.compile(
    r"(?<![\w-])(?i:" + alternation(CUES, ignore_case=True) + r")(?:[ ]|,[ ](?!(?i:and|or|but)[ ]))"
    rf"(?P<name>{NAME_WORD}(?:[ ]{NAME_WORD}){{0,2}})(?![\w@])"
)
# in chat a name is often in lower case ("a fan of sophie", "my mate dave"): after a relation or a phrase (not a role:
# "a fidget spinner vid"), one or two lower-case words
# that a name list holds and no English word list does (checked in code: not "jack", "will", "rose")
LOWER_CUE = re.compile(
    r"(?<![\w-])(?i:" + alternation((*RELATIONS, *PHRASES), ignore_case=True) + r")[ ]"
    rf"(?P<name>{LOWER}{{3,}}(?:[ ]{LOWER}{{3,}})?)(?![\w@])"
)
# a self-introduction on the phone or in a message: "this is Adaeze from the school office", "it's Kemi here", "my name is
# Oluchi Nwosu": the name is one to three capitalised words; after "this is", "it's", "I'm" only before from/here/speaking/
# calling ("this is London calling" is checked in code: a city or a country is no introduction)
INTRO = re.compile(
    rf"(?<![\w-])(?:(?i:my[ ]name[ ]is|my[ ]name['’]s)[ ](?P<named>{NAME_WORD}(?:[ ]{NAME_WORD}){{0,2}})(?![\w@])"
    rf"|(?i:this[ ]is|it['’]s|it[ ]is|i[ ]am|i['’]m)[ ](?P<name>{NAME_WORD}(?:[ ]{NAME_WORD}){{0,2}})(?=[ ](?i:from|here|speaking|calling)(?![\w])))"
)
CALENDAR = {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
            "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}  # fmt: skip


class RoleNameRecognizer(EntityRecognizer):
    SCORE = 0.6

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(supported_entities=["PERSON"], name="RoleNameRecognizer", supported_language=supported_language)

    def load(self) -> None:
        self._org_words = name_lists.organisation_words()  # "Emma Hall" stays a name

    def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None) -> list[RecognizerResult]:
        if "PERSON" not in entities:
            return []
        if not hasattr(self, "_org_words"):
            self.load()
        out = []
        for m in CUE.finditer(text):
            words = m.group("name").split(" ")
            while len(words) > 1 and _ordinary(words[-1]):
                words.pop()  # "coach Lemsin Said", "fan of Lemsin Tonight"
            if self._is_name(words):
                start = m.start("name")
                end = start + len(" ".join(words))
                why = "capitalised name after a word that introduces a person (role, relation)"
                out.append(result(self, "PERSON", start, end, self.SCORE, "name after a role word", why))
        for m in INTRO.finditer(text):
            group = "named" if m.group("named") else "name"
            words = m.group(group).split(" ")
            while len(words) > 1 and _ordinary(words[-1]):
                words.pop()  # "my name is Oluchi And"
            if self._is_name(words) and not _a_place(" ".join(words)):
                start = m.start(group)
                why = "capitalised name in a self-introduction ('this is ... from', 'my name is')"
                out.append(result(self, "PERSON", start, start + len(" ".join(words)), self.SCORE, "name in a self-introduction", why))
        for m in LOWER_CUE.finditer(text):
            words = m.group("name").split(" ")
            if len(words) > 1 and not _lower_case_name(words[-1]):
                words.pop()  # "fan of sophie tbh"
            if all(_lower_case_name(w) for w in words):
                start = m.start("name")
                end = start + len(" ".join(words))
                why = "a listed name in lower case after a word that introduces a person (chat)"
                out.append(result(self, "PERSON", start, end, self.SCORE, "lower-case name after a role word", why))
        return out

    def _is_name(self, words: list[str]) -> bool:
        if any(w.lower() in self._org_words or w in CALENDAR for w in words) or words[0].lower() in STOP_WORDS:
            return False
        return not all(_ordinary(w) for w in words)


def _a_place(value: str) -> bool:
    """A city of 100,000 people or more or a country that is no given name in common use ("this is London calling"), or a
    nationality ("I am British here")."""
    return (
        value.lower() in PEOPLES
        or a_country(value)
        or (value in cities() and name_lists.english_frequency().get(value.lower(), 0) < COMMON_GIVEN)
    )


def _lower_case_name(word: str) -> bool:
    """A word that a given-name or surname list holds (title-cased) and that is no English word or stop word."""
    if word in STOP_WORDS or is_english_word(word):
        return False
    title = word.title()
    return is_name_word(title) or title in name_lists.given_names_raw() or title in name_lists.lexicon("world_surnames.txt")


def _ordinary(word: str) -> bool:
    """A stop word, or an ordinary English word that is no listed name ("Of", "Fantastic"; not "Rose", "Bitar")."""
    return word.lower() in STOP_WORDS or (is_english_word(word) and not is_name_word(word))
