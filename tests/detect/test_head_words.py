"""Places, teams, papers and trophies told by their head word (head_words.py; issue 11, session 19).

Texts are written here; the names in them are invented or common words, none taken from an evaluation set.
"""

from __future__ import annotations

import pytest

from redactor.detect.merge import resolve
from tests.detect.resolved import found_spans, resolved_people


def entity_of(text: str, value: str, recognizer: str = "SpacyRecognizer") -> str:
    spans = resolve(text, found_spans(text, (value, "PERSON", recognizer)))
    return next(s.entity for s in spans if text[s.start : s.end] == value)


@pytest.mark.parametrize(
    ("text", "value", "entity"),
    [
        ("the club lifted the Marrow Cup in 1911", "Marrow Cup", "ORGANIZATION"),  # a trophy
        ("a finalist for the Pelham Trophy that year", "Pelham Trophy", "ORGANIZATION"),
        ("ranked second on the Dunmore Chronicle list", "Dunmore Chronicle", "ORGANIZATION"),  # a paper
        ("voted best player by the Houston Post in 1970", "Houston Post", "ORGANIZATION"),  # a place, then a paper's word
        ("played for the Boston Weevils and later coached", "Boston Weevils", "ORGANIZATION"),  # a place, then a plural
        ("the line ran over Tamsett Brook on a stone arch", "Tamsett Brook", "LOCATION"),  # a surname's head, no given name first
        ("a tenor at Vardon Hall in 1990", "Vardon Hall", "LOCATION"),
        ("the Alfred Pennick House is a listed building", "Alfred Pennick House", "LOCATION"),  # "the" before it
        ("the regiment was formed at Camp Varrow in 1862", "Camp Varrow", "LOCATION"),  # a head first
        ("Near Qaryat Zubayr , two strikes hit a depot", "Near Qaryat Zubayr", "LOCATION"),  # a preposition of place first
        ("the Harlow Tennant Public Library holds his papers", "Harlow Tennant Public", "LOCATION"),  # the head after it
        ("Mill Lane - Maps", "Mill Lane", "LOCATION"),  # a page title
        ("Strikes went on . Near Tell Baydar , two strikes hit a depot", "Tell Baydar", "LOCATION"),  # "Near" opens it
        ("he signed for FC Varnholt in 2007", "Varnholt", "ORGANIZATION"),  # a club's short form before it
    ],
)
def test_a_thing_named_by_its_head_word_is_no_person(text, value, entity):
    assert entity_of(text, value) == entity
    assert entity_of(text, value, "NameLexiconRecognizer") == entity


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Jerry Hall arrived late", "Jerry Hall"),  # a head that is a surname, after a given name
        ("Trade envoy Carla Hills said on Monday", "Carla Hills"),
        ("Emma Lane and her brother", "Emma Lane"),
        ("Sydney Park rang twice", "Sydney Park"),
        ("Tom Green said he would stay", "Tom Green"),
        ("Dana Post wrote to the council", "Dana Post"),  # a paper's word after a given name that is no place
        ("the coach Harry Field resigned", "Harry Field"),
        ("Near Tom Baker we sat", "Tom Baker"),  # no comma after it
        ("We sat near Anna Kowal , then left", "Anna Kowal"),  # "near" opens no sentence
    ],
)
def test_a_person_whose_surname_is_a_head_word_stays_a_person(text, value):
    assert resolved_people(text, found_spans(text, (value, "PERSON", "SpacyRecognizer"))) == [value]


def test_a_known_person_is_never_relabelled():
    text = "Near the gate Jo Marrow Cup stood"  # a known person's own recognizer is not a guess
    spans = resolve(text, found_spans(text, ("Jo Marrow Cup", "PERSON", "KnownPersonRecognizer")))
    assert [s.entity for s in spans] == ["PERSON"]
