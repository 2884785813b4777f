"""The parties named in a case title: "R v Lemsin", "Lemsin v. Kelvaria", "CASE OF VARDOQ AND OTHERS v. ...".

A judgment, an order or a letter from a court names its parties in the title, often in capitals,
where spaCy's small model finds nothing ("CASE OF VARDOQ v. OSTREMUND"). Each side of " v " /
" v. " / " vs " is one to four capitalised or upper-case words on one line; "and Others" and a
leading "Case of" are not part of it. A side is reported as a person unless it is the Crown or a
state ("R", "Regina", "The Queen", "DPP", a country as ``phonenumbers`` names it in English), an
organisation (a word of ``organisation_words.txt`` that is no surname), one word with the ending of a doctrine's,
a field's or a town's name ("Scientology", ``ner.NOT_A_NAME_ENDING``), or only ordinary English
words that are no listed name (in capitals, no name in any list: "CASE OF MARTINS v. PORTUGAL" names a party).
"""

from __future__ import annotations

import re
from typing import Any

from presidio_analyzer import EntityRecognizer, RecognizerResult

from redactor.detect import name_lists
from redactor.detect.name_lists import countries, is_english_word, is_name_word
from redactor.detect.recognizers.base import result
from redactor.detect.recognizers.letters import NAME_WORD, UPPER
from redactor.detect.recognizers.ner import NOT_A_NAME_ENDING

_CAPS = rf"{UPPER}{{2,}}(?:[-'’]{UPPER}+)*"
_WORD = rf"(?:{NAME_WORD}|{_CAPS}|{UPPER}\.?)"
_SIDE = rf"{_WORD}(?:[ ]{_WORD}){{0,3}}"
TITLE = re.compile(rf"(?<![\w.])(?P<a>{_SIDE})(?:[ ](?i:and[ ]others))?,?[ ]vs?\.?[ ](?:(?i:the)[ ])?(?P<b>{_SIDE})(?![\w@])")
_LEAD = re.compile(r"^(?i:(?:in[ ]the[ ])?case[ ]of[ ]|the[ ])")
CROWN = {"r", "regina", "rex", "the queen", "the king", "queen", "king", "crown", "the crown", "dpp", "state", "the state",
         "people", "the people", "commonwealth", "government", "the government"}  # fmt: skip


class CasePartyRecognizer(EntityRecognizer):
    SCORE = 0.6

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(supported_entities=["PERSON"], name="CasePartyRecognizer", supported_language=supported_language)

    def load(self) -> None:
        self._org_words = name_lists.organisation_words()  # "Emma Hall" stays a name

    def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None) -> list[RecognizerResult]:
        if "PERSON" not in entities or " v" not in text:
            return []
        if not hasattr(self, "_org_words"):
            self.load()
        out = []
        for m in TITLE.finditer(text):
            for side in ("a", "b"):
                start, end = m.span(side)
                lead = _LEAD.match(text[start:end])
                start += lead.end() if lead else 0
                if start < end and self._is_party(text[start:end]):
                    why = "a party named in a case title ('A v B')"
                    out.append(result(self, "PERSON", start, end, self.SCORE, "party in a case title", why))
        return out

    def _is_party(self, value: str) -> bool:
        key = value.lower()
        if key in CROWN or key in countries() or key.removeprefix("the ") in countries():
            return False
        words = [w.strip(".") for w in value.split()]
        if any(w.lower() in self._org_words for w in words) or (len(words) == 1 and NOT_A_NAME_ENDING.search(words[0])):
            return False  # an organisation; "Scientology vs. the Internet": a doctrine, a field or a town
        return not all(is_english_word(w) and not _listed(w) for w in words)


def _listed(word: str) -> bool:
    """A listed name; a word in capitals ("MARTINS" in "CASE OF MARTINS v. PORTUGAL", where nothing else reads the title)
    may be in any given-name or surname list, ordinary words included; a title-case word is an ordinary word ("Good v
    Evil") unless the lexicons hold it as a name."""
    title = word.title()
    if is_name_word(title) or not word.isupper():
        return is_name_word(title)
    return title in name_lists.given_names_raw() or title in name_lists.lexicon("world_surnames.txt")
