"""A guessed name alone after "the" names a people, a place or a thing (issue 11, session 22).

Texts are written here; the names in them are invented, none taken from an evaluation set.
"""

from __future__ import annotations

import pytest

from redactor.detect.after_the import names_after_the
from redactor.detect.merge import Found, resolve


def guessed(text: str, part: str, recognizer: str = "SpacyRecognizer") -> Found:
    at = text.index(part)
    return Found(at, at + len(part), "PERSON", 0.85, recognizer, {})


@pytest.mark.parametrize(
    ("text", "part"),
    [
        ("After the Orvani had started to disperse , the column moved on .", "Orvani"),  # a people
        ("at the confluence of the Kestra and the Vellin , the wetland", "Kestra"),  # a river
        ("the Islamic State of Iraq and the Varnesh ( ISIL ) .", "Varnesh"),  # a region, then a bracket
        ("ruler of the Tazmeri , a pagan people", "Tazmeri"),
        ("when the Tazmeri had gone , the village", "Tazmeri"),  # an auxiliary after it
    ],
)
def test_a_guess_alone_after_the_is_flagged_as_an_organisation(text, part):
    found = names_after_the(text, [guessed(text, part)])
    assert [(text[p.start : p.end], p.entity) for p in found] == [(part, "ORGANIZATION")]
    assert [(text[p.start : p.end], p.entity) for p in resolve(text, [guessed(text, part)])] == [(part, "ORGANIZATION")]


@pytest.mark.parametrize(
    ("text", "part", "recognizer"),
    [
        ("a transition away from the Varnello regime is needed", "Varnello", "SpacyRecognizer"),  # a noun follows
        ("directed by the Caldor family from 1898", "Caldor", "SpacyRecognizer"),  # a family
        ("the Coen brothers ' movie", "Coen", "SpacyRecognizer"),
        ("nearly the equals of the Hendersons as child prodigies", "Hendersons", "SpacyRecognizer"),  # a listed name's plural
        ("the Kestrel 's new series", "Kestrel", "SpacyRecognizer"),  # a possessive
        ("LOVE the #TamsinOrrinGame !", "#TamsinOrrinGame", "NameLexiconRecognizer"),  # a hashtag
        ("I met Tavish Orrin and the others .", "Tavish Orrin", "SpacyRecognizer"),  # no "the" before it
        ("Thanks to the Tavish Orrin .", "Tavish Orrin", "KnownPeopleRecognizer"),  # a person the case knows
    ],
)
def test_a_name_before_a_noun_a_family_or_a_possessive_stays_a_person(text, part, recognizer):
    assert names_after_the(text, [guessed(text, part, recognizer)])[0].entity == "PERSON"
