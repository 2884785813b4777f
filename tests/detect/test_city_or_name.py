"""A city's name in a person's place (issue 11): "This is London calling" is a place, "Sydney said she'd be late" a
person. A city that is rarely a given name becomes a place unless a word about a person is near it; a city that is a
given name in common use stays a person. Lines written for this test."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def detector():
    from redactor import paths
    from redactor.detect.engine import Detector

    models = paths.models_dir()
    return Detector(models / "nlp_engine.yaml", models / "recognizers.yaml")


def entities(detector, text: str, value: str) -> set[str]:
    at = text.index(value)
    return {f.entity for f in detector.analyze(text) if f.start <= at and at + len(value) <= f.end}


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("This is London calling", "London"),
        ("London was packed on Saturday", "London"),
        ("Houston has a problem with the heat", "Houston"),
        ("Manchester was grey again today", "Manchester"),
        ("loved Lisbon, never been anywhere like it", "Lisbon"),
    ],
)
def test_a_city_rarely_given_as_a_name_is_a_place(detector, text, value):
    found = entities(detector, text, value)
    assert "PERSON" not in found


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Sydney said she would be late", "Sydney"),
        ("Paris is coming round at six", "Paris"),
        ("ask Florence about the lift", "Florence"),
        ("Houston said he would ring after work", "Houston"),
        ("London and her brother came by", "London"),
        ("Dallas is bringing the kids", "Dallas"),
    ],
)
def test_a_city_used_as_a_given_name_stays_a_person(detector, text, value):
    assert "PERSON" in entities(detector, text, value)
