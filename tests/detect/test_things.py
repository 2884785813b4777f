"""Crafts, countries, religious observances and lower-case common words read as people (issue 11, tenth pass).

Texts are written here; the names in them are invented or common words, none taken from an evaluation set.
"""

from __future__ import annotations

import pytest

from redactor.detect.merge import Found, resolve
from redactor.detect.recognizers.special import SpecialCategoryRecognizer
from redactor.detect.things import edited_prose


def span(text: str, part: str, entity: str = "PERSON", recognizer: str = "SpacyRecognizer", score: float = 0.85) -> Found:
    start = text.index(part)
    return Found(start, start + len(part), entity, score, recognizer, {})


def kept(text: str, *spans: Found) -> list[tuple[str, str]]:
    return [(text[s.start : s.end], s.entity) for s in resolve(text, list(spans))]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Space Shuttle Endurance lifted off from the pad at dawn.", "Space Shuttle Endurance"),
        ("It will be the last Space Shuttle mission.", "Space Shuttle"),
        ("The crew of HMS Valiant were rescued.", "HMS Valiant"),
        ("USS Resolute docked in the harbour on Tuesday.", "USS Resolute"),
    ],
)
def test_a_craft_is_no_person(text, value):
    assert kept(text, span(text, value)) == []
    assert kept(text, span(text, value, recognizer="OrgNameRecognizer", score=0.5)) == []


def test_a_craft_prefix_inside_a_name_or_a_known_person_stays():
    text = "Maria Shuttleworth met HMS Valiant's captain, Tomas Revel."
    assert kept(text, span(text, "Maria Shuttleworth")) == [("Maria Shuttleworth", "PERSON")]
    text = "Call Hms Dovel tomorrow."
    assert kept(text, span(text, "Hms Dovel")) == [("Hms Dovel", "PERSON")]  # "Hms" is no navy's prefix
    text = "USS Dovel signed the form."
    assert kept(text, span(text, "USS Dovel", recognizer="KnownPeopleRecognizer")) == [("USS Dovel", "PERSON")]


@pytest.mark.parametrize(
    ("text", "value"), [("Tunisia won a penalty kick in the first half.", "Tunisia"), ("Estonia replied in May.", "Estonia")]
)
def test_a_country_read_as_a_person_is_a_place_still_flagged(text, value):
    assert kept(text, span(text, value)) == [(value, "LOCATION")]
    assert kept(text, span(text, value, recognizer="OrgNameRecognizer", score=0.5)) == [(value, "LOCATION")]


@pytest.mark.parametrize(("text", "value"), [("Jordan scored twice last night.", "Jordan"), ("Georgia said she would come.", "Georgia")])
def test_a_country_that_is_a_given_name_stays_a_person(text, value):
    assert kept(text, span(text, value)) == [(value, "PERSON")]


def test_a_religious_observance_is_special_category_not_a_person():
    text = "Hundreds were hurt in a crush during the annual Hajj."
    special = [(text[r.start : r.end], r.entity_type) for r in SpecialCategoryRecognizer().analyze(text, ["SPECIAL_CATEGORY"])]
    assert special == [("Hajj", "SPECIAL_CATEGORY")]
    assert kept(text, span(text, "Hajj"), span(text, "Hajj", "SPECIAL_CATEGORY", "SpecialCategoryRecognizer", 0.6)) == [
        ("Hajj", "SPECIAL_CATEGORY")
    ]


def test_a_special_category_word_that_is_a_listed_name_stays_a_person_when_spacy_says_so():
    text = "Christian said he would call."
    both = kept(text, span(text, "Christian"), span(text, "Christian", "SPECIAL_CATEGORY", "SpecialCategoryRecognizer", 0.6))
    assert ("Christian", "PERSON") in both


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Seats went to the pro-Ostrava camp. Turnout rose.", "pro-Ostrava"),  # an ordinary word and a city
        ("The board met twice. Both times the nonpartisan democrat spoke.", "nonpartisan democrat"),
    ],
)
def test_lower_case_common_words_in_edited_prose_are_no_person(text, value):
    assert kept(text, span(text, value)) == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("We met at noon. Then jack came in.", "jack"),  # a listed given name in lower case stays
        ("we met at noon. the lamp shade came in", "lamp shade"),  # chat in lower case is no edited prose
        ("The files were sent. Then van der Horst replied.", "van der Horst"),  # a surname's particle
        ("The files were sent. Then kowalczyk replied.", "kowalczyk"),  # no English word
    ],
)
def test_lower_case_names_and_chat_stay(text, value):
    assert kept(text, span(text, value)) == [(value, "PERSON")]


def test_edited_prose_is_every_sentence_capitalised():
    assert edited_prose('He said so. "Despite that, it worked." (It did.)')
    assert not edited_prose("He said so. then it worked.")
    assert not edited_prose("One sentence only")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("He grew up in County Durham and moved south.", "County Durham"),
        ("Deputies of Harlan County arrived.", "Harlan County"),
        ("Officials in Sverdlovsk Oblast said so.", "Sverdlovsk Oblast"),
    ],
)
def test_an_administrative_area_read_as_a_person_is_a_place_still_flagged(text, value):
    assert kept(text, span(text, value, recognizer="NameLexiconRecognizer", score=0.55)) == [(value, "LOCATION")]
    assert kept(text, span(text, value)) == [(value, "LOCATION")]


def test_a_guessed_person_inside_an_area_goes_with_it_and_a_surname_parish_stays():
    text = "Police in County Durham said so."
    assert kept(text, span(text, "County Durham", recognizer="NameLexiconRecognizer", score=0.55), span(text, "Durham")) == [
        ("County Durham", "LOCATION")
    ]
    text = "Sarah Parish said so."
    assert kept(text, span(text, "Sarah Parish")) == [("Sarah Parish", "PERSON")]
