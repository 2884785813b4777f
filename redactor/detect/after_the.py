"""A guessed name standing alone after "the" names a people, a place or a thing, not a person (issue 11, session 22).

English puts no article before a person's name used alone: "the Azna defended themselves", "the confluence of the
Drava and the Danube", "Islamic State of Iraq and the Levant ( ISIL )", "hunters of the Goths". spaCy's small model
reads such words as people. A guessed person (spaCy's, the name lexicon's, or an organisation taken back as a person)
right after "the" whose name is the head of its phrase (a punctuation mark, the end of the text or a function word
follows it: "and", "of", "in", "is", "had", "would", ...) is flagged as an organisation (ORGANIZATION), never
dropped.

A name that another noun follows is left alone: English uses a person's name so ("the Clinton administration", "the
Coen brothers"), and newswire guidelines tag it as a person. So is a family ("the Mozarts", "the Smiths": a listed
name and a plural "s"), a possessive, a hashtag or a handle.
"""

from __future__ import annotations

import re
from typing import Any

from redactor.detect.things import listed

GUESSES = frozenset({"SpacyRecognizer", "NameLexiconRecognizer", "OrgNameRecognizer"})
AFTER_THE = "a name alone after 'the' (no noun follows it): a people, a place or a thing; flagged as an organisation"
_THE = re.compile(r"(?:^|(?<=[^\w'’]))[Tt]he[ ]+\Z")
# words that end a noun phrase: a head noun comes before them (hand-written: conjunctions, prepositions, auxiliaries)
FUNCTION_WORDS = frozenset(
    "and or nor but of in on at to from with by for as into against after before during since until than "
    "is was were are be been has had have would will may might could can should must did does do "
    "then who which that where when whose".split()
)
_NEXT = re.compile(r"[ ]*(?:(['’]s?)(?!\w)|([^\W\d_][\w'’-]*)|(\S)|\Z)")


def names_after_the(text: str, pieces: list[Any]) -> list[Any]:
    """Each guessed person alone after "the", the head of its phrase, becomes an organisation."""
    return [p.relabelled("ORGANIZATION", AFTER_THE) if _alone_after_the(text, p) else p for p in pieces]


def _alone_after_the(text: str, span: Any) -> bool:
    if span.entity != "PERSON" or span.recognizer not in GUESSES or text[span.start : span.start + 1] in "#@":
        return False
    if not _THE.search(text, max(0, span.start - 5), span.start):
        return False
    m = _NEXT.match(text, span.end)
    if m is None or m.group(1):
        return False  # a possessive: "the Konami 's series" is left to the other rules
    if m.group(2) and m.group(2).lower() not in FUNCTION_WORDS:
        return False  # a noun follows: "the Clinton administration", "the Coen brothers"
    value = text[span.start : span.end]
    return not (value.endswith("s") and " " not in value and listed(value[:-1]))  # "the Mozarts": a family
