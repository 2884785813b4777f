"""Person names beyond spaCy: titles and ranks with the name as one span, and a name lexicon.

- "PC 2231 Davies", "DS Khan", "Dr Patel", "Mrs O'Neill": the title or rank, the collar
  number and up to three name words are one span (one flag, one box), never crossing a line.
- "Hannah Okafor": a given name from ``models/lexicons/first_names.txt`` followed by one or two
  capitalised words is a full name; a given name alone is reported with a lower score unless
  it is also an ordinary word ("May", "Will"), which then needs a surname after it.
"""

from __future__ import annotations

import re
from typing import Any

from presidio_analyzer import EntityRecognizer, RecognizerResult

from redactor.detect import name_lists
from redactor.detect.known_people import COMMON_WORDS
from redactor.detect.merge import FORM_LABELS
from redactor.detect.name_lists import is_name_word, lexicon
from redactor.detect.recognizers.base import result
from redactor.detect.recognizers.case_parties import countries
from redactor.detect.recognizers.letters import NAME_WORD
from redactor.detect.tagging import ProperNouns

RANKS = (
    "Detective Chief Superintendent",
    "Detective Superintendent",
    "Detective Chief Inspector",
    "Detective Inspector",
    "Detective Sergeant",
    "Detective Constable",
    "Police Constable",
    "Special Constable",
    "Chief Superintendent",
    "Chief Inspector",
    "Superintendent",
    "Inspector",
    "Sergeant",
    "Constable",
    "Det Sgt",
    "Det Con",
    "Det Insp",
    "DCS",
    "DSU",
    "DCI",
    "DSI",
    "PCSO",
    "DC",
    "DS",
    "DI",
    "PC",
    "PS",
    "Supt",
    "Ch Supt",
    "Ch Insp",
    "Insp",
    "Sgt",
    "Cllr",
)
TITLES = (
    "Mr",
    "Mrs",
    "Ms",
    "Miss",
    "Mx",
    "Dr",
    "Doctor",
    "Prof",
    "Professor",
    "Sir",
    "Dame",
    "Lord",
    "Lady",
    "Rev",
    "Revd",
    "Father",
    "HHJ",
    "Judge",
    "Nurse",
    "Dame",
    # offices and callings written before a name ("President Obama", "Senator Neville Bonner", "Sister Margaret")
    "President",
    "Senator",
    "Governor",
    "Mayor",
    "Chancellor",
    "Councillor",
    "Congressman",
    "Congresswoman",
    "Sheriff",
    "Bishop",
    "Archbishop",
    "Cardinal",
    "Pope",
    "Rabbi",
    "Imam",
    "Pastor",
    "Sister",
)
COMMON_GIVEN = 3
PLACE_BEFORE = re.compile(r"(?i)(?<![\w'])(?:in|near|across|around|within|throughout)\s+\Z")
NOT_NAMES = {"the", "and", "but", "then", "when", "this", "that", "who", "was", "is", "said", "told", "on", "at", "in", "of"}


class TitledNameRecognizer(EntityRecognizer):
    SCORE = 0.9

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(supported_entities=["PERSON"], name="TitledNameRecognizer", supported_language=supported_language)

    def load(self) -> None:
        heads = sorted((*RANKS, *TITLES), key=len, reverse=True)
        head = r"(?:" + "|".join(re.escape(h).replace(r"\ ", "[ ]") for h in heads) + r")\.?"
        self._pattern = re.compile(r"(?<![\w])" + head + r"(?:[ ]\d{2,6})?(?:[ ]" + NAME_WORD + r"){1,3}(?!\w)")

    def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None) -> list[RecognizerResult]:
        if "PERSON" not in entities:
            return []
        if not hasattr(self, "_pattern"):
            self.load()
        out = []
        for m in self._pattern.finditer(text):
            start, end = m.span()
            words = m.group(0).split()
            while len(words) > 2 and words[-1].lower() in COMMON_WORDS | NOT_NAMES:
                end -= len(words.pop()) + 1
            out.append(result(self, "PERSON", start, end, self.SCORE, "title or rank with name", "title or rank followed by a name"))
        return out


class NameLexiconRecognizer(EntityRecognizer):
    """Names from runs of capitalised words on one line.

    - a given name from the lexicon followed by one or two capitalised words: a full name;
    - a given name alone: a lower score, and never when it is also an ordinary word;
    - a capitalised word before a surname from the lexicon, or two proper nouns (spaCy's tags)
      that the NER left unlabelled and that are not ordinary words: a probable name;
    - a country's name is no surname ("Environment Canada", "Walmart Canada", "Northern Ireland"):
      the words before it are read without it.
    """

    FULL, SINGLE, PROPER = 0.8, 0.55, 0.5
    NER_NOT_PERSON = {"ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW", "DATE", "TIME", "MONEY"}

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(supported_entities=["PERSON"], name="NameLexiconRecognizer", supported_language=supported_language)

    def load(self) -> None:
        self._first = lexicon("first_names.txt") | name_lists.given_names()
        self._surnames = lexicon("surnames.txt") | name_lists.surnames()
        self._run = re.compile(NAME_WORD + r"(?:[ ]" + NAME_WORD + r")*")
        self._word = re.compile(NAME_WORD)
        self._org_words = name_lists.organisation_words()  # "Emma Hall" stays a name

    def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None) -> list[RecognizerResult]:
        if "PERSON" not in entities:
            return []
        if not hasattr(self, "_run"):
            self.load()
        proper = ProperNouns(nlp_artifacts, self.NER_NOT_PERSON)  # tagged only if a rule asks
        out = []
        for run in self._run.finditer(text):
            if run.start() and (text[run.start() - 1].isalnum() or text[run.start() - 1] in "@.'’"):
                continue
            words = [(m.start() + run.start(), m.end() + run.start(), m.group(0)) for m in self._word.finditer(run.group(0))]
            out += self._names_in_run(text, words, proper)
        return out

    def _is_plain(self, word: str) -> bool:
        return word.lower() not in COMMON_WORDS and word.lower() not in NOT_NAMES and word.lower() not in FORM_LABELS

    def _names_in_run(self, text: str, words: list[tuple[int, int, str]], proper: ProperNouns) -> list[RecognizerResult]:
        out, i = [], 0
        while i < len(words):
            start, end, word = words[i]
            tail = []
            for s2, e2, w2 in words[i + 1 : i + 3]:
                if not self._is_plain(w2) or a_country(w2):  # "Environment Canada", "Northern Ireland": no surname
                    break
                tail.append((s2, e2, w2))
            if any(w.lower() in self._org_words for _, _, w in tail):  # "Clinton Foundation", "Clark Airbase Hospital"
                i += 1 + len(tail)
                continue
            if word in self._first and (self._is_plain(word) or (tail and tail[0][2] in self._surnames)):
                if tail:
                    out.append(
                        result(self, "PERSON", start, tail[-1][1], self.FULL, "given name and surname", "given name (lexicon) and surname")
                    )
                    i += 1 + len(tail)
                    continue
                if not _a_place(text, word, start):
                    out.append(result(self, "PERSON", start, end, self.SINGLE, "given name", "given name (lexicon)"))
            elif tail and self._is_plain(word) and (i + 1 >= len(words) or words[i + 1][2] not in self._first):
                nxt = tail[0]
                if nxt[2] in self._surnames or (not _english(word, nxt[2]) and start in proper and nxt[0] in proper):
                    rule = "name and surname (lexicon)" if nxt[2] in self._surnames else "two proper nouns"
                    out.append(result(self, "PERSON", start, nxt[1], self.PROPER, rule, rule))
                    i += 2
                    continue
            i += 1
        return out


def a_country(word: str) -> bool:
    """A country's name that is no given name in common use ("Canada", "Ireland"; not "Jordan", "Chad")."""
    low = word.lower()
    return low in countries() and name_lists.english_frequency().get(low, 0) < COMMON_GIVEN


def _a_place(text: str, word: str, start: int) -> bool:
    """A given name alone that names a place here: a country ("France", "Israel"; the scale is nam_dict.txt's,
    where 4 is a name in common use), or a word after a
    preposition of place ("in Sydney", "across Adelaide"; not "in Sophie's car")."""
    if a_country(word):
        return True  # not "Jordan", "Chad", "Georgia": given names in common use in Britain, Ireland, the USA
    return bool(PLACE_BEFORE.search(text, max(0, start - 12), start)) and text[start + len(word) : start + len(word) + 1] not in ("'", "’")


def _english(*words: str) -> bool:
    """Any of the words an ordinary English word ("Nifty Gadgets", "Star Wars"), unless it is a listed name."""
    return any(name_lists.is_english_word(w) and not is_name_word(w) for w in words)
