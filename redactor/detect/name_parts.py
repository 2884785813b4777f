"""The rest of a name that a finding stopped short of: a particle and a surname, or a lower-case part after a hyphen.

- Names in many languages join their parts with a lower-case particle: "Ana Lúcia Ferreira dos Santos", "Ludwig
  van Beethoven", "Abdullah bin Hamad", "Pieter de Vries", "Siobhán Ní Bhriain" is capitalised already. spaCy and
  the lexicon often stop before the particle and leave the surname in clear (spaCy may call "Santos" a place).
  A person found as two name words or more, followed on the same line by one or two particles and a
  capitalised name word, runs on to the end of that word.
  A listed given name found alone runs on so too ("Joris| de Vries", "Anneke| van den Heuvel"), when it is no
  ordinary word or city.
- Romanised Korean and Chinese given names join their syllables with a hyphen and a lower-case letter
  ("Dong-hyun Park", "Seo-yeon Kim"): a person found up to the hyphen, whose last word is a syllable of two to
  four letters, runs on over a lower-case syllable of two to five letters and a
  capitalised word after it that a surname list holds or that is no ordinary English word.
- Vietnamese, Chinese and Korean surnames of two or three letters come first and are often left out ("Vu| Thi Hanh",
  "Le| Minh Duc"): a person found as two name words or more, right after (one space, same line) a capitalised word
  of two or three letters that the surname list holds (also without its accents: "Vũ", "Lê") and that is no short
  English word ("So", "He", "Do" are not taken: ``SHORT_WORDS``), nor part of a handle ("@Te") or of a city's name
  ("São Paulo Stadium"), starts at that word (``with_a_short_surname``).
- A generational suffix is part of the name: a person found as two name words or more runs on over "Jr." or "Sr."
  (with or without the full stop or a comma before it) or a regnal or generational number from II to VIII
  ("Clay Tice Jr.", "Charles H. Keating IV"), which the model and the lexicon leave out (``with_a_suffix``, run by
  ``with_the_rest`` after the particles).

This module imports neither spaCy nor Presidio (``merge.py`` runs in the coordinating process too).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from redactor.detect.name_lists import fold_accents, given_names_raw, is_english_word, is_name_word, lexicon
from redactor.detect.places import cities
from redactor.detect.recognizers.letters import LOWER, NAME_WORD, UPPER

PARTICLES = (
    "da", "das", "de", "del", "della", "der", "di", "do", "dos", "du", "van", "von", "den", "ten", "ter", "la", "le",
    "bin", "ibn", "bint", "al", "el", "ben", "ap", "zu", "af", "av",
)  # fmt: skip
_PARTICLE_TAIL = re.compile(rf"(?:[ ](?:{'|'.join(PARTICLES)})){{1,2}}[ ](?P<last>{NAME_WORD})(?![\w@'’-])")
_SYLLABLE_TAIL = re.compile(rf"-{LOWER}{{2,5}}(?:[ ](?P<last>{NAME_WORD}))?(?![\w@-])")
_TWO_WORDS = re.compile(r"\S+[ ]\S+")
_SUFFIX = re.compile(r"(?:,?[ ](?:Jr|Sr)(?:\.|(?![\w'’-]))|[ ](?:II|III|IV|VI|VII|VIII)(?![\w'’-]))")


def with_the_rest(text: str, span: Any) -> Any:
    """The span run on over a particle and surname, or a hyphen's lower-case syllable, when it is a person's name, and
    then over a generational suffix ("Jr.", "III")."""
    return with_a_suffix(text, _with_particle_or_syllable(text, span))


def _with_particle_or_syllable(text: str, span: Any) -> Any:
    if span.entity != "PERSON" or span.end >= len(text):
        return span
    if text[span.end] == "-":
        m = _SYLLABLE_TAIL.match(text, span.end)
        if m is None or not _a_syllable(text[span.start : span.end].split(" ")[-1]):
            return span
        last = m.group("last")
        return replace(span, end=m.end() if last and _a_surname(last) else m.start("last") - 1 if last else m.end())
    if text[span.end] == " " and (_TWO_WORDS.search(text, span.start, span.end) or _a_given_name(text[span.start : span.end])):
        m = _PARTICLE_TAIL.match(text, span.end)
        if m is not None and _a_surname(m.group("last")) and text[span.start : m.end()] not in cities():  # "Rio de Janeiro"
            return replace(span, end=m.end())
    return span


def with_a_suffix(text: str, span: Any) -> Any:
    """The span run on over "Jr.", "Sr." or a number from II to VIII after a name of two words or more (module docstring)."""
    if span.entity != "PERSON" or span.end >= len(text) or not _TWO_WORDS.search(text, span.start, span.end):
        return span
    m = _SUFFIX.match(text, span.end)
    return replace(span, end=m.end()) if m else span


# English words of two or three letters that start a sentence or stand before a name ("So Jane Smith said", "Hi Jane Smith")
SHORT_WORDS = frozenset(
    "so he do go no me us we an am as at be by if in is it my of oh on or to up ok hi yo ya mr ms dr st the and but for not "
    "you she her his him who why how was are can did get got had has let may our out say see too two yes yet all any day "
    "new now old one per via ask met saw sir mum dad".split()
)
_SHORT_BEFORE = re.compile(rf"(?<![\w'’.@#-])(?P<word>{UPPER}{LOWER}{{1,2}})[ ]\Z")


def with_a_short_surname(text: str, span: Any) -> Any:
    """The span started at a short surname right before it ("Vu Thi Hanh"), when it is a name of two words or more."""
    if span.entity != "PERSON" or span.start < 3 or text[span.start - 1] != " " or not _TWO_WORDS.search(text, span.start, span.end):
        return span
    m = _SHORT_BEFORE.search(text, max(0, span.start - 4), span.start)
    if m is None:
        return span
    word = m.group("word")
    if word.lower() in SHORT_WORDS or is_english_word(word) or fold_accents(word) not in lexicon("world_surnames.txt"):
        return span
    words = text[m.start("word") : span.end].split(" ")
    if any(" ".join(words[:n]) in cities() for n in (2, 3)):
        return span  # "São Paulo Stadium": a city's name, not a surname and a name
    return replace(span, start=m.start("word"))


def _a_given_name(word: str) -> bool:
    """ "Joris" of "Joris de Vries": a listed given name that is no ordinary English word (a span of one word runs on
    over particles only then: "Paris de ..." or "Will do ..." are no names)."""
    return (word in given_names_raw() or word in lexicon("first_names.txt")) and not is_english_word(word) and word not in cities()


def _a_syllable(word: str) -> bool:
    """ "Dong" of "Dong-hyun": a capitalised syllable of two to four letters."""
    return 2 <= len(word) <= 4 and word[:1].isupper() and word[1:].isalpha() and word[1:].islower()


def _a_surname(word: str) -> bool:
    """A word a surname or given-name list holds, or no ordinary English word ("Santos", "Park", "Bhriain")."""
    return is_name_word(word) or word in lexicon("world_surnames.txt") or not is_english_word(word)
