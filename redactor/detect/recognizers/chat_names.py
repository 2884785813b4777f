"""Lower-case given names in chat ("ask sophie", "me and jack", "hey tymon").

spaCy's small model misses most lower-case names. A lower-case word that is a listed given name
is reported next to words that introduce a person in chat: after "ask", "tell", "hey", "me and",
"with", ... or before "and me", "said", "says". A name that is also an ordinary English word
("jack", "bill") counts only after the strongest cues ("me and", "ask", "tell", "hey", "hi");
stop words never count. Case people are matched in any case by ``known_people.py`` already.
"""

from __future__ import annotations

import re
from typing import Any

from presidio_analyzer import EntityRecognizer, RecognizerResult

from redactor.detect import name_lists
from redactor.detect.known_people import STOP_WORDS
from redactor.detect.recognizers.base import result
from redactor.detect.recognizers.names import lexicon

STRONG = r"me[ ]and|ask|tell|told|hey|hi|hiya|heya|thanks|thx|ty|cheers|love[ ]you|miss[ ]you|dont[ ]tell|don't[ ]tell"
WEAK = r"with|and|to|from|saw|seen|met|meet|call|ring|text|message|msg|like|love|miss|via|cc|is|was"
_BEFORE = re.compile(rf"(?<![\w'])(?:(?P<strong>{STRONG})|(?P<weak>{WEAK}))[ ,]+(?P<name>[a-zà-ÿā-ž][a-zà-ÿā-ž'-]{{2,}})(?![\w@])")
_AFTER = re.compile(r"(?<![\w'@.])(?P<name>[a-zà-ÿā-ž][a-zà-ÿā-ž'-]{2,})[ ](?:and[ ]me|said|says|told[ ]me|texted|rang|messaged)(?!\w)")


class ChatNameRecognizer(EntityRecognizer):
    SCORE = 0.5

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(supported_entities=["PERSON"], name="ChatNameRecognizer", supported_language=supported_language)

    def load(self) -> None:
        self._common = {n.lower() for n in lexicon("first_names.txt")}  # names in everyday use here ("jack")
        self._given = self._common | {n.lower() for n in name_lists.given_names_raw()}

    def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None) -> list[RecognizerResult]:
        if "PERSON" not in entities:
            return []
        if not hasattr(self, "_given"):
            self.load()
        out = []
        for pattern in (_BEFORE, _AFTER):
            for m in pattern.finditer(text):
                word = m.group("name")
                strong = pattern is _BEFORE and m.group("strong") is not None
                if self._is_name(word, strong):
                    why = "lower-case given name after a word that introduces a person in chat"
                    out.append(result(self, "PERSON", m.start("name"), m.end("name"), self.SCORE, "lower-case name in chat", why))
        return out

    def _is_name(self, word: str, strong: bool) -> bool:
        if word not in self._given or word in STOP_WORDS:
            return False
        if not name_lists.is_english_word(word):
            return True
        return strong and word in self._common  # "me and jack", never "thanks mate"
