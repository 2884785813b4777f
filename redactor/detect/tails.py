"""A name the small spaCy model read on into the next word: "Sam Gone rang", "Maria Kettle said".

spaCy's person spans take in a lower-case word after a name whose last word is unusual ("Gone", "Kettle"): a verb
of saying, a preposition. The word is no part of the name, and boxing it redacts the sentence's verb. A spaCy
person whose words are capitalised and whose last word is a lower-case English word is cut before that word,
unless the word is a name particle ("Ludwig van", "Maria da") or a name in English use written in lower case
("Jack smith", "Amy rose"). Measured on every make-eval set before it was kept (models/MODELS.md, session 17).
"""

from __future__ import annotations

import re
from dataclasses import replace

from redactor.detect.name_lists import common_surnames, english_frequency, is_english_word
from redactor.detect.spans import Found

PARTICLES = frozenset("van von de del della der den di da das dos du la le bin binti ibn al el ap ter ten y e".split())
_TAIL = re.compile(r"(\S.*?[^\s.,;:])([ \t]+)([a-z][a-z']*)")


def without_a_lower_tail(text: str, span: Found) -> Found:
    """``span`` cut before a lower-case English word that ends it (see the module)."""
    if span.entity != "PERSON" or span.recognizer != "SpacyRecognizer":
        return span
    m = _TAIL.fullmatch(text, span.start, span.end)
    if m is None:
        return span
    head, tail = m.group(1), m.group(3)
    if not all(w[:1].isupper() for w in head.split()) or tail in PARTICLES or not is_english_word(tail) or _listed(tail):
        return span
    return replace(span, end=span.start + len(head))


def _listed(word: str) -> bool:
    """A given name in use in Britain, Ireland or the U.S.A., or a common surname ("smith", "young"): "said" and
    "rang" are listed given names elsewhere, not names an English writer leaves in lower case after a name."""
    return word in english_frequency() or word.capitalize() in common_surnames()
