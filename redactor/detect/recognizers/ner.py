"""Names that spaCy's small model labels as organisations.

The small English model often reads a person as ORG, above all in sentences unlike its training
text: "Stefano Bordon is out through illness", "a huge supporter of Corbyn". Untuned Presidio
reports every ORG, so these are found there; redactor ignores organisations (a court or a
phone maker is nobody's personal data). This recognizer takes back the ORG spans that have the
shape of a name and none of an organisation, and reports them as PERSON with a modest score:

- one to three capitalised words (any Latin, Greek or Cyrillic script), nothing else;
- no organisation word (``models/lexicons/organisation_words.txt``: Court, Police, Ltd, ...);
- not only ordinary English words (unless they are listed names); one word only when it is a
  listed given name or surname, or a proper noun of three letters or more that follows no determiner
  ("this Package", "an Oxford comma") and no preposition of place ("in Geelong"), is no ordinary
  word at a sentence start, and is no ordinary word at all unless a name list holds it ("Senate",
  "Nightmare" are not names; "Trump", "Bishop" may be), and does not end as the names of doctrines,
  fields, fears and towns do ("Scientology", "Islamophobia", "Evansville");
- not a run of capitals ("NHS", "OMG"), no digits, not after "the" and not starting with an article
  ("The Canadian Press") or a people's or language's name ("Australian Melodrama"); not only ordinary words even when joined by hyphens ("Front-Cover Text");
  one unlisted word is no name when it is an ordinary word and an organisation word run together
  ("Wikinews");
- a following name word is taken in ("Ágnes Földesy": the model stops after the given name);
- a phone or e-mail the span runs on into is cut off ("Erlike Olesk 8319-7043").

Measured on WNUT-17 dev and the generated sets (``make eval``; see models/README.md).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from presidio_analyzer import EntityRecognizer, RecognizerResult

from redactor.detect.known_people import COMMON_WORDS
from redactor.detect.misreads import name_before_contact
from redactor.detect.name_lists import PEOPLES, countries, given_names_raw, is_english_word
from redactor.detect.places import a_city
from redactor.detect.recognizers.base import result
from redactor.detect.recognizers.letters import NAME_WORD
from redactor.detect.recognizers.names import is_name_word, lexicon
from redactor.detect.tagging import ProperNouns

NAME_SHAPE = re.compile(rf"{NAME_WORD}(?:[ ]{NAME_WORD}){{0,2}}")
# a whole run of capitalised words (and initials "K.", "K.C.") inside a longer organisation span: not part of a word or run
_NAME_RUN = re.compile(rf"(?<![\w.'’@#/-])(?:[A-Z]\.){{0,3}}[ ]?({NAME_WORD}(?:[ ]{NAME_WORD})*)(?![\w@/-])(?!['’](?!s\b))")
ORG_LABELS = {"ORG", "ORGANIZATION"}
_DETERMINER_OR_PLACE = re.compile(r"(?i)(?<![\w'])(?:this|these|those|the|a|an|in|near|across|around|within|throughout)\s+\Z")
_NEXT_WORD = re.compile(rf"[ ]({NAME_WORD})(?![\w@])")
DETERMINERS = {"the", "a", "an", "this", "that", "these", "those"}
# endings of the names of doctrines, fields, fears and towns, never of people's names no list holds
NOT_A_NAME_ENDING = re.compile(r"(?i)\w\w(?:ology|ologist|ologists|ism|isms|phobia|ville)$")


def _sentence_start(text: str, start: int) -> bool:
    before = text[max(0, start - 3) : start].rstrip()
    return not before or before[-1] in ".!?:;\"'(#@\n"


class OrgNameRecognizer(EntityRecognizer):
    SCORE = 0.5

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(supported_entities=["PERSON"], name="OrgNameRecognizer", supported_language=supported_language)

    def load(self) -> None:
        self._org_words = frozenset(w.lower() for w in lexicon("organisation_words.txt"))

    def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None) -> list[RecognizerResult]:
        if "PERSON" not in entities or nlp_artifacts is None:
            return []
        if not hasattr(self, "_org_words"):
            self.load()
        out = []
        proper = ProperNouns(nlp_artifacts, set())  # tagged only if a one-word organisation needs it
        for ent in getattr(nlp_artifacts, "entities", ()):
            if ent.label_ not in ORG_LABELS:
                continue
            ent_end = name_before_contact(text, ent.start_char, ent.end_char) or ent.end_char  # "Name - x@y.org"
            if self._looks_like_a_name(text, ent.start_char, ent_end, proper):
                end = self._extend(text, ent.start_char, ent_end)
                why = "spaCy read this as an organisation; it has the shape of a person's name"
                out.append(result(self, "PERSON", ent.start_char, end, self.SCORE, "NER organisation shaped like a name", why))
            elif not NAME_SHAPE.fullmatch(text, ent.start_char, ent_end):
                out += self._names_inside(text, ent.start_char, ent_end, proper)
        return out

    def _names_inside(self, text: str, start: int, end: int, proper: ProperNouns) -> list[RecognizerResult]:
        """The small model often runs one organisation over names and the words between them ("Fazio & Stambouli",
        "Coulter on & standing", "Juncker is Commission Pres", "Wenger http://..."). Each whole run of capitalised
        words in it ("Fred Hollows Foundation" stays one run, an organisation) is a name when a span of its own would
        be one and, more strictly, since most such spans are organisations, places and titles ("Norf, Suff & Ess",
        "Pac Hydro", "Bnmth Uni & Arts Uni"): one word a name list holds that is no ordinary word, city, country,
        language or nationality ("Coulter", "Fazio"; not "France", "Labour", "English"); two words or more that start
        with a listed given name ("Iggy Iggy Iggy"); or one word no list holds coordinated ("&", "and", ",") with a
        run taken so ("Fazio & Stambouli"). Not inside a span that starts with an article ("The Journals of ...")."""
        if text[start:end].split(" ", 1)[0].lower() in DETERMINERS:
            return []
        runs = [m for m in _NAME_RUN.finditer(text, start, end) if self._looks_like_a_name(text, m.start(1), m.end(1), proper)]
        named = [_listed_piece(m.group(1)) for m in runs]
        for i, m in enumerate(runs):  # a word no list holds, coordinated with a listed one ("Fazio & Stambouli")
            if not named[i] and _single_unlisted(m.group(1)):
                named[i] = any(
                    named[j] and _COORDINATED.fullmatch(text, *sorted((runs[j].end(), m.start())))
                    for j in (i - 1, i + 1)
                    if 0 <= j < len(runs)
                )
        why = "spaCy read a longer span as an organisation; this part of it has the shape of a person's name"
        return [
            result(self, "PERSON", m.start(), m.end(), self.SCORE, "NER organisation part shaped like a name", why)
            for m, ok in zip(runs, named, strict=True)
            if ok
        ]

    def _looks_like_a_name(self, text: str, start: int, end: int, proper: ProperNouns) -> bool:
        value = re.sub(r"['’]s?$", "", text[start:end].strip())
        words = value.split()
        if not NAME_SHAPE.fullmatch(value) or any(p.lower() in self._org_words for w in words for p in w.split("-")):
            return False
        if words[0].lower() in DETERMINERS or words[0].lower() in PEOPLES:
            return False  # "The Canadian Press": a name has no article of its own; "Croatian Klinička": a people's word first
        parts = [p for w in words for p in w.split("-")]
        if len(parts) > 1 and all(is_english_word(w) and not is_name_word(w) for w in parts):
            return False  # "Guitar Action", "Peanut Butter Jelly", "Lifestyle-Religion": ordinary words, none a listed name
        if len(words) == 1 and not is_name_word(words[0]) and not self._unlisted_word_is_a_name(text, start, words[0], proper):
            return False
        return not re.search(r"(?i)\bthe\s+$", text[max(0, start - 5) : start])

    @staticmethod
    def _unlisted_word_is_a_name(text: str, start: int, word: str, proper: ProperNouns) -> bool:
        """One word that no list holds ("Drogba", "Package", "Ag"): a proper noun of three letters or more, not
        after a determiner ("this Package", "an Oxford comma") or a preposition of place ("in Geelong"), and not an
        ordinary word at a sentence start ("Nightmare ..."). A sentence start alone is no reason to drop an
        unlisted word: "Leisha's brother ...", "Vuković, Hubert" start sentences (measured: make eval's multilingual set)."""
        if start not in proper or len(word) < 3 or _DETERMINER_OR_PLACE.search(text, max(0, start - 12), start):
            return False
        if NOT_A_NAME_ENDING.search(word) or _two_words(word) or a_city(word):
            return False  # "Scientology", "Islamophobia", "Evansville": an ending of common nouns and towns; "Wikinews"
        if is_english_word(word) and not _in_a_name_list(word):
            return False  # "Senate", "Treasury", "Nightmare": an ordinary word no list holds as a name (not "Trump", "Grace")
        return not (is_english_word(word) and _sentence_start(text, start))

    def _extend(self, text: str, start: int, end: int) -> int:
        """The model often stops after the given name ("Ágnes| Földesy"): take one more name word."""
        m = _NEXT_WORD.match(text, end)
        if m and len(text[start : m.end()].split()) <= 3 and m.group(1).lower() not in self._org_words | COMMON_WORDS:
            return m.end()
        return end


_COORDINATED = re.compile(r"\s*(?:&|and|,)\s*")


def _listed_piece(words: str) -> bool:
    """A run taken out of a longer organisation span: one listed name that is no ordinary word, place or people, or
    two words or more that start with a listed given name that is no ordinary word."""
    parts = words.split()
    if len(parts) > 1:
        return parts[0] in given_names_raw() and not is_english_word(parts[0])
    return _in_a_name_list(parts[0]) and _no_word_place_or_people(parts[0])


def _single_unlisted(words: str) -> bool:
    return " " not in words and _no_word_place_or_people(words)


def _no_word_place_or_people(word: str) -> bool:
    """No ordinary English word, city, country, language or nationality ("English", "Compton" is a surname)."""
    return not is_english_word(word) and not a_city(word) and word.lower() not in countries() and word.lower() not in PEOPLES


def _two_words(word: str) -> bool:
    """One unlisted word made of an ordinary English word and an organisation word ("Wikinews", "Cyclebank"): the
    coined name of a site or a business. Not any two English words: "Riceball" is somebody's nickname."""
    low = word.lower()
    return any(is_english_word(low[:i]) and low[i:] in _org_words_lower() for i in range(4, len(low) - 3))


@lru_cache(maxsize=1)
def _org_words_lower() -> frozenset[str]:
    return frozenset(w.lower() for w in lexicon("organisation_words.txt") if len(w) >= 4)


def _in_a_name_list(word: str) -> bool:
    """In any given-name or surname list, ordinary words included ("Trump", "Grace", "Bishop")."""
    return word in given_names_raw() or word in lexicon("world_surnames.txt") or is_name_word(word)
