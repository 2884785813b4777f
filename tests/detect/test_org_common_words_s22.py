"""Organisations that spaCy read and the name rules took back as people, with an ordinary word in their name (issue 11,
session 22): "Varnello Design", "Operation Kestrava" stay flagged, as organisations, not as names.

Texts are written here; the names in them are invented, none taken from an evaluation set.
"""

from __future__ import annotations

import pytest

from redactor.detect.merge import Found, resolve
from redactor.detect.things import organisation_with_a_common_word

ORG_NAME = "OrgNameRecognizer"


def span(text: str, part: str, recognizer: str = ORG_NAME) -> Found:
    start = text.index(part)
    return Found(start, start + len(part), "PERSON", 0.5, recognizer, {})


@pytest.mark.parametrize(
    ("text", "part"),
    [
        ("Last year Varnello Design won the contract for the new trains .", "Varnello Design"),
        ("He took a job at Brantcombe Music in Leeds .", "Brantcombe Music"),
        ("the offensive was part of the larger Operation Kestrava , designed to", "Operation Kestrava"),
        ("their courses are published by Tolvane Press in Perth", "Tolvane Press"),
        ("the main target of the regime and its Orvath Laws .", "Orvath Laws"),
    ],
)
def test_an_organisation_with_an_ordinary_word_is_flagged_as_an_organisation(text, part):
    found = organisation_with_a_common_word(text, span(text, part))
    assert (text[found.start : found.end], found.entity) == (part, "ORGANIZATION")
    assert [(text[s.start : s.end], s.entity) for s in resolve(text, [span(text, part)])] == [(part, "ORGANIZATION")]


@pytest.mark.parametrize(
    ("text", "part", "recognizer"),
    [
        ("Transfer from Kaimo Aavik received .", "Kaimo Aavik", ORG_NAME),  # no ordinary word: a person's name
        ("We stayed at Lauren Design's flat .", "Lauren Design", ORG_NAME),  # a given name that is no ordinary word
        ("Dear Mr Varnello Design, thank you", "Dear Mr Varnello Design", ORG_NAME),  # a salutation and a title: a person
        ("Subject Precious Varnello", "Subject Precious Varnello", ORG_NAME),  # a case role before a listed given name
        ("Drogba scored twice .", "Drogba", ORG_NAME),  # one word: left to the one-word rules
        ("Varnello Design said it would appeal", "Varnello Design", "SpacyRecognizer"),  # spaCy's own person: untouched
    ],
)
def test_a_name_without_an_ordinary_word_or_not_taken_back_from_an_organisation_stays_a_person(text, part, recognizer):
    found = organisation_with_a_common_word(text, span(text, part, recognizer))
    assert found.entity == "PERSON"


def test_a_name_list_word_is_no_ordinary_word_here():
    text = "Transfer from Varnello Baker received ."  # "Baker" is an English word and a listed surname
    assert organisation_with_a_common_word(text, span(text, "Varnello Baker")).entity == "PERSON"


def test_a_guessed_person_inside_the_organisation_goes_with_it():
    text = "the series was first called Varnello Masters , before the ban"
    inner = span(text, "Varnello", "RoleNameRecognizer")
    assert [(text[s.start : s.end], s.entity) for s in resolve(text, [span(text, "Varnello Masters"), inner])] == [
        ("Varnello Masters", "ORGANIZATION")
    ]
