"""A surname alone where the same text names the person in full is a name (issue 11; ``detect/same_text.py``)."""

from __future__ import annotations

import pytest

from redactor import paths
from redactor.detect.engine import Detector
from redactor.detect.merge import Found, resolve
from redactor.detect.same_text import NAME, WHY


def person(text: str, value: str, recognizer: str = "SpacyRecognizer", score: float = 0.85, nth: int = 0) -> Found:
    at = -1
    for _ in range(nth + 1):
        at = text.index(value, at + 1)
    return Found(at, at + len(value), "PERSON", score, recognizer, {})


def names(text: str, spans: list[Found]) -> list[tuple[str, str]]:
    return [(text[s.start : s.end], s.recognizer) for s in resolve(text, spans) if s.entity == "PERSON"]


def test_the_surname_alone_is_flagged_wherever_it_stands_alone():
    text = "Tovkar Lemsin, 19, was arrested on Friday. Lemsin denied it, and police said Lemsin's car was gone."
    got = names(text, [person(text, "Tovkar Lemsin")])
    assert got == [("Tovkar Lemsin", "SpacyRecognizer"), ("Lemsin", NAME), ("Lemsin", NAME)]
    added = [s for s in resolve(text, [person(text, "Tovkar Lemsin")]) if s.recognizer == NAME]
    assert added[0].explanation["textual_explanation"] == WHY and "Lemsin" not in WHY


@pytest.mark.parametrize(
    ("text", "full", "recognizer", "score"),
    [
        ("Jo Baker met us. Baker is a trade.", "Jo Baker", "SpacyRecognizer", 0.85),  # an ordinary English word
        ("Bosnia Lemsin is a locale. Lemsin was set.", "Bosnia Lemsin", "NameLexiconRecognizer", 0.5),  # a guess of two proper nouns
        ("Arabic - Lemsin and Lemsin alone", "Arabic - Lemsin", "SpacyRecognizer", 0.85),  # not a name's shape
        ("Tovkar Paris wrote. Paris is lovely.", "Tovkar Paris", "SpacyRecognizer", 0.85),  # a city
        ("Tovkar Lemsin wrote to Lemsin Street and lemsin@example.org", "Tovkar Lemsin", "ChatNameRecognizer", 0.85),
    ],
)
def test_no_surname_is_taken_from_a_weak_or_odd_full_name(text, full, recognizer, score):
    got = names(text, [person(text, full, recognizer, score)])
    assert all(r != NAME for _, r in got)


def test_an_occurrence_joined_to_other_capitalised_words_or_in_an_address_is_left_to_other_recognizers():
    text = "Tovkar Lemsin wrote. Lemsin Street is long; mail lemsin@example.org or Lemsin@example.org; #Lemsin; Ms Lemsin."
    got = names(text, [person(text, "Tovkar Lemsin")])
    assert got == [("Tovkar Lemsin", "SpacyRecognizer")]


def test_a_real_detector_flags_the_surname_alone():
    detector = Detector(paths.models_dir() / "nlp_engine.yaml", paths.models_dir() / "recognizers.yaml")
    text = "Steve Ardwell, a spokesman for the council, said in a statement that the case was closed. Ardwell stated the man left on May 4."
    spans = detector.analyze(text)  # spaCy reads the full name, not the surname alone
    assert [(text[s.start : s.end], s.recognizer) for s in spans if s.entity == "PERSON"] == [
        ("Steve Ardwell", "SpacyRecognizer"),
        ("Ardwell", NAME),
    ]


def test_a_surname_that_is_a_word_is_taken_where_a_person_stands():
    text = (
        "Oskar Player won in 1999. Judges gave Player the points. Player won again. The Player award went to Kim. "
        "Player is a noun. A Centre for Player and Culture opened. Kim 's Player shop shut."
    )
    got = names(text, [person(text, "Oskar Player")])
    at = [s.start for s in resolve(text, [person(text, "Oskar Player")]) if s.recognizer == NAME]
    assert [n for n in got if n[1] == NAME] == [("Player", NAME), ("Player", NAME)]
    assert at == [text.index("Player the"), text.index("Player won again")]


def test_a_full_name_with_an_initial_and_a_sentence_opening_stop_word_before_the_surname():
    text = "Delwyn J. Lemsin built it. With Lemsin away, Kim said Lemsin would return."
    got = names(text, [person(text, "Delwyn J. Lemsin")])
    assert got == [("Delwyn J. Lemsin", "SpacyRecognizer"), ("Lemsin", NAME), ("Lemsin", NAME)]
