"""The apps a phone's messages name are not people (models/lexicons/organisation_words.txt): "I sent it on Kik" had
"Kik" flagged as a person, an unjustified box in the message, and the index title of every Kik conversation printed
"[TP] conversation". A person beside an app is still flagged. Lines written for this test."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def detector():
    from redactor import paths
    from redactor.detect.engine import Detector

    models = paths.models_dir()
    return Detector(models / "nlp_engine.yaml", models / "recognizers.yaml")


def persons(detector, text: str) -> list[str]:
    return [text[f.start : f.end] for f in detector.analyze(text) if f.entity == "PERSON"]


@pytest.mark.parametrize(
    "text",
    ["I sent it on Kik last night", "Kik conversation, 3 messages", "add me on Discord", "message me on Viber instead"],
)
def test_an_app_named_in_a_message_is_not_a_person(detector, text):
    assert persons(detector, text) == []


def test_a_person_beside_an_app_is_still_flagged(detector):
    assert "Tom" in persons(detector, "matched with Tom on Hinge last week")
