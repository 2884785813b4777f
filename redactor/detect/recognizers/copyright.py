"""The holder of a copyright notice, when the holder is a person: "Copyright (c) 2031 Tovkar Lemsin".

A phone download ships apps' licence files, and a document carries its author's notice. The notice
names its holder in a fixed place: after "Copyright", "(c)" or "©" and the years, optionally "by".
spaCy's small model often reads nothing there (an unfamiliar name in a line of symbols and years),
and in licence text a guess without a cue is dropped (``text_kind.py``), so the notice is read here:

- the holders are the capitalised words after the cue, up to the end of the line, an e-mail or URL
  in brackets, "All rights reserved" or a full stop; several holders are split at ",", "and", "&";
- a holder is a person when it has a person's shape: two to four name words (any Latin, Greek or
  Cyrillic script; initials and particles such as "van", "de" in between), no organisation word
  ("Foundation", "Ltd", "Inc", "Contributors", "Project", ...), not only ordinary English words unless
  a word is a listed name ("Free Software", "The Authors"), and not a country or a language;
- a one-word holder is a person only when it is a listed given name or surname that is no English word.

Pre-check: a text without "©", "(c)" or "copyright" (any case) is not read.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from presidio_analyzer import EntityRecognizer, RecognizerResult

from redactor.detect import name_lists
from redactor.detect.recognizers.base import result
from redactor.detect.recognizers.letters import LOWER, NAME_WORD, UPPER

_YEARS = r"(?:(?:\d{4}(?:[ ]?[-–][ ]?(?:\d{2,4}|present))?|present)[ ]?,?[ ]*)+"
# "Copyright (c) 2019", "© 2020", "(C) 2018-2021," and "Copyright by": a bare "(c)" needs a year ("(c) the
# defendant" is a list item)
_CUE = re.compile(rf"(?i)(?:(?:copyright[ ]*(?:\(c\)|©)?|©)[ ]*(?:{_YEARS})?|\(c\)[ ]*{_YEARS})(?:by[ ]+)?")
_INITIAL = rf"{UPPER}\."
_PARTICLE = r"(?:van|von|der|den|de|del|della|di|da|du|la|le|bin|ibn|al|el)"
_NAME = rf"(?:{NAME_WORD}|{_INITIAL})(?:[ ](?:{_PARTICLE}[ ]){{0,2}}(?:{NAME_WORD}|{_INITIAL})){{0,4}}"
_HOLDERS = re.compile(rf"(?P<holder>{_NAME})(?:(?:[ ]?,[ ]?|[ ](?:and|&)[ ])(?P<more>{_NAME}))*")
_ONE = re.compile(_NAME)
_PRECHECK = re.compile(r"(?i)copyright|©|\(c\)")
_STOP_WORDS = frozenset("the and or of for all rights reserved".split())
_LOWER_PART = re.compile(rf"^{LOWER}")


@lru_cache(maxsize=1)
def _not_people() -> frozenset[str]:
    from redactor.detect.name_lists import countries
    from redactor.detect.recognizers.caps_names import PEOPLES

    return name_lists.organisation_words() | PEOPLES | countries() | _STOP_WORDS | {"contributors", "authors", "developers", "team"}


def person_holder(value: str) -> bool:
    """Whether a holder written after a copyright cue has a person's shape (see the module docstring)."""
    words = [w for w in value.split() if not _LOWER_PART.match(w)]
    bare = [w.rstrip(".") for w in words if len(w.rstrip(".")) > 1]
    if not bare or any(w.lower() in _not_people() for w in bare):
        return False
    if len(words) == 1:
        word = bare[0]
        return len(word) > 3 and name_lists.is_name_word(word) and not name_lists.is_english_word(word)
    return not all(name_lists.is_english_word(w) and not name_lists.is_name_word(w) for w in bare)


class CopyrightHolderRecognizer(EntityRecognizer):
    SCORE = 0.65

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(supported_entities=["PERSON"], name="CopyrightHolderRecognizer", supported_language=supported_language)

    def load(self) -> None:
        pass

    def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None) -> list[RecognizerResult]:
        if "PERSON" not in entities or not _PRECHECK.search(text):
            return []
        out = []
        for cue in _CUE.finditer(text):
            holders = _HOLDERS.match(text, cue.end())
            if holders is None or cue.end() == cue.start():
                continue
            for name in _ONE.finditer(text, holders.start(), holders.end()):
                value = name.group(0)
                if person_holder(value):
                    why = "the holder named in a copyright notice has a person's name"
                    out.append(result(self, "PERSON", name.start(), name.end(), self.SCORE, "copyright holder", why))
        return out
