"""A guessed person that the text shows to be a town is flagged as a place (places.town_read_as_person; issue 11,
session 19). The towns are GeoNames' (models/lexicons/towns.txt); the sentences are written here.
"""

from __future__ import annotations

import runpy

import pytest

from redactor import paths
from redactor.detect.merge import Found, resolve
from redactor.detect.places import RARE_TOWN, towns
from redactor.detect.recognizers.names import is_name_word


def entity_of(text: str, value: str, recognizer: str = "SpacyRecognizer") -> str:
    at = text.index(value)
    spans = resolve(text, [Found(at, at + len(value), "PERSON", 0.85, recognizer, {})])
    return next(s.entity for s in spans if (s.start, s.end) == (at, at + len(value)))


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The line was extended to Kidsgrove in 1898 .", "Kidsgrove"),  # "to" before a town no list holds
        ("The battalion fought a skirmish at Ogdensburg .", "Ogdensburg"),  # "at"
        ("a hamlet between Ruthin and Oakham in the hills", "Ruthin"),  # coordinated with a town
        ("The road runs past Tamworth , Staffordshire and on north", "Tamworth"),  # a county after a comma
        ("Troops came from France , Jordan , the Netherlands and Canada .", "Jordan"),  # a country before it in a list
        ("Skelbrough is a village in the north of the county .", "Skelbrough"),  # the text says so, in no list
        ("Hasakah fell to government forces last week .", "Hasakah"),  # a large town no name list holds
        ("The club moved to Tilst , Denmark", "Tilst"),
    ],
)
def test_a_town_the_text_calls_a_place_is_a_place(text, value):
    for recognizer in ("SpacyRecognizer", "NameLexiconRecognizer", "OrgNameRecognizer"):
        assert entity_of(text, value, recognizer) == "LOCATION"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Harrison said he would drive over later", "Harrison"),  # a listed name and a verb of saying
        ("Jordan scored twice last night", "Jordan"),  # a given name without a cue
        ("Jordan and her sister were there", "Jordan"),  # a person's word near it
        ("He took the papers from Cardenas before the vote", "Cardenas"),  # a surname: "from" is no cue for it
        ("After spells in Leeds and Hull , Cowley signed for the club", "Cowley"),  # a list ended before it
        ("Kenora told reporters he was staying", "Kenora"),  # a verb of saying after a town no list holds
        ("Tamworth and his brother were stopped", "Tamworth"),  # a third person near it
        ("a long voice note from Kidsgrove last night", "Kidsgrove"),  # "from", "of" are no cue: "a speech from ..."
        ("a photo of Ogdensburg on the beach", "Ogdensburg"),
        ("Kenora then gave a long toast to himself", "Kenora"),  # a town under RARE_TOWN needs a cue
    ],
)
def test_a_person_whose_name_is_a_town_stays_a_person(text, value):
    assert entity_of(text, value) == "PERSON"


def test_the_towns_lexicon_holds_towns_states_and_plain_forms():
    assert towns()["Hasakah"] >= RARE_TOWN  # "Al Ḩasakah" without its article and accent
    assert towns()["Texas"] == 0  # a US state
    assert "Kidsgrove" in towns() and not is_name_word("Kidsgrove")
    head = (paths.models_dir() / "lexicons" / "towns.txt").read_text(encoding="utf-8").splitlines()[0]
    assert "GeoNames" in head and "CC BY 4.0" in head


def test_the_build_script_writes_the_variants():
    build = runpy.run_path(str(paths.models_dir() / "tools" / "build_towns.py"))
    assert build["variants"]("Ar Raqqah") == {"Ar Raqqah", "Raqqah"}
    assert build["variants"]("Sinjār") == {"Sinjār", "Sinjar"}
    cities = {"1": {"name": "Kidsgrove", "population": 29480}, "2": {"name": "Smallham", "population": 700}}
    assert build["towns"](cities, {"TX": {"name": "Texas"}}) == [("Kidsgrove", 29480), ("Texas", 0)]
