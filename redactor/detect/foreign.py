"""Lower-case words of another language read as names: "Parabéns pelo evento", "Com licença . . . posso entrar ?".

In a short message in Spanish or Portuguese the small English model reads ordinary lower-case words as
people ("pelo", "posso", "semana de junio"), and the lower-case given-name rule reads "una" as Una. A
message too short for the language check (``language.py``) still says which language it is in through
its stop words. When a text holds at least ``MIN_STOPS`` stop words of one other language (spaCy's
lists, less the words shared with English) and more of them than English stop words, a lower-case
guess there is dropped unless a name list holds one of its words, and the lower-case given-name rule
without a chat cue is not trusted at all. Measured on BTC section F (``make eval``).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from redactor.detect.language import stop_words
from redactor.detect.name_lists import given_names_raw, lexicon

MIN_STOPS = 2
BARE_GIVEN_NAME = "lower-case given name"  # chat_names.ChatNameRecognizer's rule without a chat cue
_WORD = re.compile(r"[^\W\d_]+")


def foreign_lower_case_guess(text: str, span: Any) -> bool:
    """Whether a lower-case guessed person sits in a message in another language (see the module docstring)."""
    if span.entity != "PERSON" or span.recognizer not in ("SpacyRecognizer", "ChatNameRecognizer"):
        return False
    value = text[span.start : span.end]
    if not value.islower() or (span.recognizer == "ChatNameRecognizer" and span.explanation.get("pattern_name") != BARE_GIVEN_NAME):
        return False
    if span.recognizer == "SpacyRecognizer" and any(len(w) > 2 and _listed(w) for w in _WORD.findall(value)):
        return False
    return _foreign(text)


def _listed(word: str) -> bool:
    return word.title() in given_names_raw() or word.title() in lexicon("world_surnames.txt")


@lru_cache(maxsize=4096)
def _foreign(text: str) -> bool:
    words = [w.lower() for w in _WORD.findall(text)]
    lists = stop_words()
    english = sum(w in lists["en"] for w in words)
    best = max((sum(w in stops and w not in lists["en"] for w in words) for lang, stops in lists.items() if lang != "en"), default=0)
    return best >= MIN_STOPS and best > english
