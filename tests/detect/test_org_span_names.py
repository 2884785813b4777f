"""Names inside a longer span the small model reads as one organisation (issue 11: keep what vanilla Presidio finds).

Lines written here in the shapes of team news and commentary; none is taken from an evaluation set."""

from __future__ import annotations

import pytest

from redactor import paths
from redactor.detect.engine import Detector


@pytest.fixture(scope="module")
def detector() -> Detector:
    models = paths.models_dir()
    return Detector(models / "nlp_engine.yaml", models / "recognizers.yaml")


def people(detector: Detector, text: str) -> set[str]:
    return {text[s.start : s.end] for s in detector.analyze(text) if s.entity == "PERSON"}


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # spaCy: ORG "Moretti & Kallouli"; a listed surname and an unlisted one coordinated with it
        ("Squad news: Moretti & Kallouli both start as Hart sits out", {"Moretti", "Kallouli"}),
        # spaCy: ORG "Bernardi, Castellano & Ruiz"
        ("Lineup: Bernardi, Castellano & Ruiz for the final", {"Bernardi", "Castellano", "Ruiz"}),
    ],
)
def test_each_name_in_an_organisation_span_over_several_names(detector, text, names):
    assert names <= people(detector, text)


@pytest.mark.parametrize(
    "text",
    [
        "Faster trains for Kent, Surrey & Sussex at last",  # ORG "Kent, Surrey & Sussex"
        "Grads from Bristol Uni & Arts Uni celebrate today",  # ORG "Bristol Uni & Arts Uni"
        "Votes rise in both Spain & Italy this week",  # ORG "Spain & Italy"
    ],
)
def test_places_and_institutions_in_such_a_span_are_no_people(detector, text):
    assert not people(detector, text)


def test_a_run_with_an_organisation_word_stays_an_organisation():
    from redactor.detect.recognizers.ner import _NAME_RUN

    text = "nice one this morning Fred Hollows Foundation , awesome"
    assert [m.group(1) for m in _NAME_RUN.finditer(text)] == ["Fred Hollows Foundation"]  # one run, never "Fred Hollows"
    assert [m.group(0) for m in _NAME_RUN.finditer("K.C. Maurer, chief officer")] == ["K.C. Maurer"]
