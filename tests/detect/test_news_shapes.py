"""Names in newswire shapes (issue 11, session 15): headlines in capitals and rolls of surnames in sports results.

Every line is written here; the names are invented or common names of their countries. Newswire text is often
tokenised ("OKAFOR , PETROVA", "Okafor , Lindqvist"), so both spellings are tried.
"""

from __future__ import annotations

import pytest

from redactor.detect.recognizers.caps_names import CapsNameRecognizer
from tests.detect.resolved import found_spans, resolved_people


@pytest.fixture(scope="module")
def caps() -> CapsNameRecognizer:
    r = CapsNameRecognizer()
    r.load()
    return r


def in_capitals(recognizer: CapsNameRecognizer, text: str) -> list[str]:
    return sorted(text[r.start : r.end] for r in recognizer.analyze(text, ["PERSON"]))


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("ATHLETICS - ADEYEMI, PETROVA WIN IN OSLO", ["ADEYEMI", "PETROVA"]),  # a word no list holds, listed with a name
        ("ATHLETICS - ADEYEMI , PETROVA WIN IN OSLO .", ["ADEYEMI", "PETROVA"]),
        ("MWANGI AND HALVORSEN ADVANCE TO FINAL", ["HALVORSEN", "MWANGI"]),
        ("SOCCER - MWANGI SCORES AS NAIROBI SIDE DRAW", ["MWANGI"]),  # after a section, before a verb of a person
        ("KOROMA SIGNS FOR NEW CLUB", ["KOROMA"]),  # a player signs for a club
        ("TENNIS - OKAFOR JAILED FOR TAX FRAUD", ["OKAFOR"]),
    ],
)
def test_names_in_headlines_in_capitals(caps, text, names):
    assert in_capitals(caps, text) == names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("KOROMA SIGNS FOR LEEDS", ["KOROMA"]),  # a city that is also a surname is the place here
        ("OKAFOR BACK IN SIERRA LEONE SQUAD", ["OKAFOR"]),  # "LEONE" is a given name, "SIERRA LEONE" a country
        ("HALVORSEN WINS IN LAGOS", ["HALVORSEN"]),
    ],
)
def test_places_in_headlines_are_no_names(caps, text, names):
    assert in_capitals(caps, text) == names


@pytest.mark.parametrize(
    "text",
    [
        "UEFA SIGNS DEAL WITH SPONSOR",  # a club or a body signs a deal; a player signs for a club
        "NAIROBI AND LAGOS TALKS",  # cities listed together
        "BOND AND EQUITY PRICES FALL",  # ordinary words
        "KOROMA AND LEEDS AGREE TERMS",  # a city joined to a name is no name
    ],
)
def test_what_is_no_name_in_a_headline(caps, text):
    assert [text[r.start : r.end] for r in caps.analyze(text, ["PERSON"]) if text[r.start : r.end] != "KOROMA"] == []


@pytest.mark.parametrize(
    ("text", "found", "people"),
    [
        (
            "Line-up: Okafor, Lindqvist, Brennan, Duarte, Nakamura.",
            ["Lindqvist", "Brennan", "Duarte"],
            ["Okafor", "Lindqvist", "Brennan", "Duarte", "Nakamura"],
        ),
        (
            "Team : Mensah , Oduya , Petrov , Castillo and Moreau .",
            ["Oduya", "Castillo", "Moreau"],
            ["Mensah", "Oduya", "Petrov", "Castillo", "Moreau"],
        ),
        ("Scorers: Mensah 23, Kowalczyk 67, Oduya 80", ["Kowalczyk", "Oduya"], ["Mensah", "Kowalczyk", "Oduya"]),
    ],
)
def test_the_other_names_of_a_roll_of_surnames(text, found, people):
    spans = found_spans(text, *[(f, "PERSON", "SpacyRecognizer") for f in found])
    assert sorted(resolved_people(text, spans)) == sorted(people)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Venues: Lagos, Nairobi, Accra, Okafor, Brennan.", ["Okafor", "Brennan"]),  # most of the roll is no people
        ("Line-up: Okafor, Lindqvist, Monday, Leeds, Canada, Sample.", ["Okafor", "Lindqvist", "Sample"]),  # days, places, words
        ("Okafor, Lindqvist\nBrennan, Duarte", ["Okafor", "Lindqvist"]),  # a roll keeps to its line
    ],
)
def test_what_a_roll_does_not_take(text, found):
    spans = found_spans(text, *[(f, "PERSON", "SpacyRecognizer") for f in found])
    assert sorted(resolved_people(text, spans)) == sorted(found)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("IBRAHIM KOROMA SIGNS FOR ROVERS\nKOROMA HAT-TRICK SINKS UNITED", ["IBRAHIM KOROMA", "KOROMA"]),
        ("HANNA LINDQVIST WINS AGAIN\nEASY DAY FOR LINDQVIST IN THE HEAT", ["HANNA LINDQVIST", "LINDQVIST"]),
    ],
)
def test_a_surname_in_capitals_where_the_text_names_the_person_in_full(caps, text, names):
    assert in_capitals(caps, text) == sorted(names)


@pytest.mark.parametrize(
    ("text", "person", "kept"),
    [
        ("VISA SNAGS DELAY TEAM'S DEPARTURE", "VISA SNAGS", False),  # ordinary words read as a person in capitals
        ("THE BOAT NEVER RETURNED TO PORT", "NEVER RETURNED", False),
        ("MARK WOOD TAKES FIVE WICKETS", "MARK WOOD", True),  # a listed given name and a surname that is a word
        ("PRINTS BY CHUCK CLOSE ON SHOW", "CHUCK CLOSE", True),  # a given name in use, though no list of names holds it
    ],
)
def test_ordinary_words_in_capitals_are_no_person(text, person, kept):
    spans = found_spans(text, (person, "PERSON", "SpacyRecognizer"))
    assert (person in resolved_people(text, spans)) is kept
