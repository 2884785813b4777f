"""An ordinary word before a surname names a thing or a place, not a person (issue 11, session 22): the name lexicon's
"name and surname" pair ("Gloomy Sunday", "North Varnby") is flagged as an organisation, still flagged.

Texts are written here; the names in them are invented, none taken from an evaluation set.
"""

from __future__ import annotations

import inspect

import pytest

from redactor.detect.merge import Found, resolve
from redactor.detect.recognizers import names
from redactor.detect.things import LEXICON_PAIR, ordinary_word_before_a_surname


def pair(text: str, part: str) -> Found:
    at = text.index(part)
    return Found(at, at + len(part), "PERSON", 0.6, "NameLexiconRecognizer", {"pattern_name": LEXICON_PAIR})


def test_the_rule_name_is_the_lexicons():
    assert f'"{LEXICON_PAIR}"' in inspect.getsource(names)  # the name lexicon's word-and-surname rule, read here by name


@pytest.mark.parametrize(
    ("text", "part"),
    [
        ("the infamous song Gloomy Harrison was written in 1933", "Gloomy Harrison"),
        ("he played with Footscray and North Harrison in the league", "North Harrison"),
        ("added to the playlist of Radio Harrison last week", "Radio Harrison"),
    ],
)
def test_an_ordinary_word_before_a_surname_is_flagged_as_an_organisation(text, part):
    assert ordinary_word_before_a_surname(text, pair(text, part)).entity == "ORGANIZATION"
    assert [(text[s.start : s.end], s.entity) for s in resolve(text, [pair(text, part)])] == [(part, "ORGANIZATION")]


@pytest.mark.parametrize(
    ("text", "part"),
    [
        ("Special Advisor Harrison will meet religious leaders", "Advisor Harrison"),  # an agent noun: a person
        ("the coach Harrison said", "Coach Harrison"),  # a role
        ("Statement of Tavish Harrison", "Tavish Harrison"),  # no ordinary word
        ("Statement of Rose Harrison", "Rose Harrison"),  # an ordinary word a name list holds
        ("Dear Harrison , thank you for the card", "Dear Harrison"),  # a salutation
        ("a visit by Princess Harrison today", "Princess Harrison"),  # a noble's title
    ],
)
def test_a_word_for_a_person_or_a_listed_name_before_a_surname_stays(text, part):
    text = text.replace(part.split()[0].lower(), part.split()[0]) if part not in text else text
    assert ordinary_word_before_a_surname(text, pair(text, part)).entity == "PERSON"


def test_another_rule_of_the_lexicon_is_left_alone():
    text = "the infamous song Gloomy Harrison was written in 1933"
    span = pair(text, "Gloomy Harrison")
    other = Found(span.start, span.end, "PERSON", 0.6, "NameLexiconRecognizer", {"pattern_name": "two proper nouns"})
    assert ordinary_word_before_a_surname(text, other).entity == "PERSON"
