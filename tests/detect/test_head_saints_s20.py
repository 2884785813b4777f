"""A guessed person right after a saint's title is the rest of a place's, church's or team's name (head_words.py;
issue 11, session 20). Texts and names are written here, none taken from an evaluation set."""

from __future__ import annotations

import pytest

from redactor.detect.merge import resolve
from tests.detect.resolved import found_spans


def labels(text: str, value: str, recognizer: str) -> list[tuple[str, str]]:
    return [(text[s.start : s.end], s.entity) for s in resolve(text, found_spans(text, (value, "PERSON", recognizer)))]


@pytest.mark.parametrize("recognizer", ["SpacyRecognizer", "NameLexiconRecognizer", "OrgNameRecognizer"])
@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("he was traded to the St. Louis Tanagers in 1972", "Louis Tanagers"),  # a team named after a city
        ("the Bank of St Vincent and the Grenadines", "Vincent"),
        ("2025-04-12,St Helena, STHL 1ZZ,ORD-1", "Helena"),
        ("a pupil at Ste. Marguerite school", "Marguerite"),
        ("they married at Saint Oswin's chapel", "Oswin"),
    ],
)
def test_a_name_after_a_saints_title_is_a_place_still_flagged(text, value, recognizer):
    assert labels(text, value, recognizer) == [(value, "LOCATION")]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Kate St John rang twice", "Kate St John"),  # the person's name starts before the title
        ("Mr Stevens Louis arrived", "Stevens Louis"),  # "St" inside a word is no title
        ("the first St Albans Street house, then Louis Varga came", "Louis Varga"),  # not right before the guess
    ],
)
def test_a_persons_name_holding_a_saints_title_stays_a_person(text, value):
    assert labels(text, value, "SpacyRecognizer") == [(value, "PERSON")]
