"""Newswire and social shapes of names (issue 11, session 21): the scorers listed in brackets after a team's score
are people, a club named after its city is an organisation, and a performer's prefix ("DJ", "MC") is a title before a
name. The lines are written here (invented names), not taken from any evaluation set."""

from __future__ import annotations

import pytest

from redactor import paths
from redactor.detect.engine import Detector
from redactor.detect.merge import resolve
from redactor.detect.recognizers.names import TitledNameRecognizer
from tests.detect.resolved import found_spans


@pytest.fixture(scope="module")
def detector() -> Detector:
    return Detector(paths.models_dir() / "nlp_engine.yaml", paths.models_dir() / "recognizers.yaml")


def people(detector: Detector, text: str) -> list[str]:
    return [text[s.start : s.end] for s in detector.analyze(text) if s.entity == "PERSON"]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Vardoss 2 ( Kovalenko 35 , Marten 80 ) Heelby 1 ( Tobrenko 12 )", ["Kovalenko", "Marten", "Tobrenko"]),
        ("Results on Saturday :\nDrensby 3 ( Oduya 10 , 55 , Halvorsen 71 pen ) Kelmby 0", ["Oduya", "Halvorsen"]),
    ],
)
def test_scorers_in_brackets_after_a_score_are_people(detector, text, names):
    found = people(detector, text)
    assert all(n in found for n in names), found


@pytest.mark.parametrize(
    "text",
    [
        "the fee ( Kovalenko 35 , not 40 ) was paid",  # no team's score before the bracket
        "he won 2 ( Monday 35 , Tuesday 80 ) times",  # days are no names
    ],
)
def test_no_scorer_without_the_results_shape(detector, text):
    assert not any(n in ("Kovalenko", "Monday", "Tuesday") for n in people(detector, text))


def labels(text: str, value: str) -> list[tuple[str, str]]:
    return [(text[s.start : s.end], s.entity) for s in resolve(text, found_spans(text, (value, "PERSON", "OrgNameRecognizer")))]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Vitesse Arnhem 2 Heelby 1", "Vitesse Arnhem"),  # a club named after its city
        ("a transfer to Sporting Lisbon next season", "Sporting Lisbon"),
    ],
)
def test_a_club_named_after_its_city_is_an_organisation(text, value):
    assert labels(text, value) == [(value, "ORGANIZATION")]


def test_a_person_named_after_a_city_stays_a_person():
    text = "Jordan Houston signed for them"
    assert labels(text, "Jordan Houston") == [("Jordan Houston", "PERSON")]


@pytest.mark.parametrize(
    ("text", "name"),
    [("a new track by DJ Velkaro tonight", "DJ Velkaro"), ("MC Drensby on the mic", "MC Drensby")],
)
def test_a_performers_prefix_is_a_title(text, name):
    found = [text[r.start : r.end] for r in TitledNameRecognizer().analyze(text, ["PERSON"])]
    assert name in found
