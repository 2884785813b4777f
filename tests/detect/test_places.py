"""A guessed person that the text shows to be a city is flagged as a place (issue 11; ``detect/places.py``)."""

from __future__ import annotations

import runpy

import pytest

from redactor import paths
from redactor.detect.engine import Detector
from redactor.detect.merge import Found, resolve
from redactor.detect.misreads import PERSONAL
from redactor.detect.places import BIG_CITY, cities, place_read_as_person


def guess(text: str, value: str, recognizer: str = "NameLexiconRecognizer") -> Found:
    at = text.index(value)
    return Found(at, at + len(value), "PERSON", 0.55, recognizer, {"textual_explanation": "given name (lexicon)"})


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Busy week of meetings, now off to London for the launch", "London"),  # "to" and a city of millions
        ("Flew back from Sydney this morning", "Sydney"),
        ("Great crowd tonight in #Sydney for the final", "Sydney"),
        ("Great crowd tonight in Leeds for the final", "Leeds"),
        ("Road closures near Preston after the storm", "Preston"),
        ("Back at the office. #Toronto", "Toronto"),
        ("Greetings from Montpellier, France", "Montpellier"),  # a country after it
        ("The tour goes on to Adelaide, Sydney and Perth", "Sydney"),  # another city before it
    ],
)
def test_a_city_the_text_calls_a_place_is_a_place(text, value):
    for recognizer in ("SpacyRecognizer", "NameLexiconRecognizer", "OrgNameRecognizer"):
        found = place_read_as_person(text, guess(text, value, recognizer), PERSONAL)
        assert found.entity == "LOCATION"
        assert "city" in found.explanation["textual_explanation"] and found.explanation["read_as_place"] is True


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("about 80 people in the town of Ostravek were moved after the shelling", "Ostravek"),  # no list holds it
        ("a study by the University of Ostravek found", "Ostravek"),
        ("the city of Leeds said", "Leeds"),
        ("officers from the County of Ostravek", "Ostravek"),
    ],
)
def test_a_guess_named_as_a_town_city_county_or_a_universitys_place_is_a_place(text, value):
    for recognizer in ("SpacyRecognizer", "NameLexiconRecognizer", "OrgNameRecognizer"):
        found = place_read_as_person(text, guess(text, value, recognizer), PERSONAL)
        assert found.entity == "LOCATION" and found.explanation["read_as_place"] is True


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("the University of Ostravek Students' Union", "Ostravek"),  # a capitalised word after it
        ("a friend of Ostravek", "Ostravek"),  # "of" alone
        ("the state of Ostravek's health", "Ostravek"),  # not a word of place here
    ],
)
def test_of_needs_a_word_of_place_before_it(text, value):
    assert place_read_as_person(text, guess(text, value), PERSONAL).entity == "PERSON"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("a study by the University of Ostravek", "Ostravek"),
    ],
)
def test_a_known_person_after_a_word_of_place_stays_a_person(text, value):
    assert place_read_as_person(text, guess(text, value, "KnownPeopleRecognizer"), PERSONAL).entity == "PERSON"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("I got a text from Sydney about tonight", "Sydney"),  # "from" alone: a person could send it
        ("Sydney is coming over later", "Sydney"),  # no word of place
        ("ask Paris about it", "Paris"),
        ("she is in Sydney now", "Sydney"),  # a third person beside it
        ("my sister in Chester", "Chester"),  # not a city of 100,000 people
        ("Stunning free-kick from Preston makes it 4-1", "Preston"),  # "from" needs a city of a million
        ("we stayed in Sydney's flat", "Sydney"),  # a possessive
        ("photos in Paris Hilton style", "Paris"),  # a capitalised word after it
    ],
)
def test_a_name_with_nothing_that_makes_it_a_place_stays_a_name(text, value):
    assert place_read_as_person(text, guess(text, value), PERSONAL).entity == "PERSON"


@pytest.mark.parametrize("recognizer", ["KnownPeopleRecognizer", "TitledNameRecognizer", "ChatNameRecognizer", "NameLabelRecognizer"])
def test_only_guesses_are_read_as_places(recognizer):
    text = "now off to London for the launch"
    assert place_read_as_person(text, guess(text, "London", recognizer), PERSONAL).entity == "PERSON"


def test_the_gazetteer_holds_cities_with_their_population():
    places = cities()
    assert len(places) > 5000
    assert places["London"] >= BIG_CITY and places["Sydney"] >= BIG_CITY
    assert 100_000 <= places["Preston"] < BIG_CITY
    assert "Chester" not in places  # under 100,000 people


def test_merge_reads_the_place_and_keeps_one_flag():
    text = "Busy week of meetings, now off to London for the launch"
    at = text.index("London")
    spans = [guess(text, "London"), Found(at, at + 6, "LOCATION", 0.85, "SpacyRecognizer", {})]
    assert [(s.entity, text[s.start : s.end]) for s in resolve(text, spans)] == [("LOCATION", "London")]


def test_the_detector_flags_the_city_as_a_place():
    models = paths.models_dir()
    detector = Detector(models / "nlp_engine.yaml", models / "recognizers.yaml")
    text = "Busy week of meetings, now off to London for the launch"
    found = {(text[s.start : s.end], s.entity) for s in detector.analyze(text)}
    assert ("London", "PERSON") not in found and ("London", "LOCATION") in found
    text = "I got a text from Sydney about tonight"
    assert ("Sydney", "PERSON") in {(text[s.start : s.end], s.entity) for s in detector.analyze(text)}


def test_the_build_script_keeps_big_cities_once_with_the_largest_population():
    script = runpy.run_path(str(paths.models_dir() / "tools" / "build_places.py"))
    cities_json = {
        "1": {"name": "Ostrava", "population": 280_000},
        "2": {"name": "Ostrava", "population": 120_000},  # a second city of the same name
        "3": {"name": "Smallton", "population": 99_999},
        "4": {"name": "Bigby", "population": 1_200_000},
    }
    assert script["places"](cities_json) == [("Bigby", 1_200_000), ("Ostrava", 280_000)]
    shipped = (paths.models_dir() / "lexicons" / "places.txt").read_text(encoding="utf-8").splitlines()
    assert all(line.startswith("#") for line in shipped[:3])
    rows = [line.split("\t") for line in shipped[3:]]
    assert all(len(row) == 2 and int(row[1]) >= 100_000 for row in rows)
    assert [name for name, _ in rows] == sorted({name for name, _ in rows})
