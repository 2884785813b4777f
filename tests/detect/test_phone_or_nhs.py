"""A ten-digit number valid as an NHS number by checksum and next to a phone word: its context decides the label
(issue 11). Every number here passes the NHS modulus-11 check; the lines are written for this test."""

from __future__ import annotations

import pytest
from stdnum.gb import nhs

from redactor.detect.merge import Found, resolve
from redactor.detect.phone_or_nhs import phone_or_nhs

NUMBERS = ("9876543210", "4505577104", "401 023 2137")


@pytest.fixture(scope="module")
def detector():
    from redactor import paths
    from redactor.detect.engine import Detector

    models = paths.models_dir()
    return Detector(models / "nlp_engine.yaml", models / "recognizers.yaml")


def labels(detector, text: str, value: str) -> list[str]:
    """The entities of the flags that cover any of ``value`` in ``text``."""
    at = text.index(value)
    return sorted(f.entity for f in detector.analyze(text) if f.start < at + len(value) and at < f.end)


def test_the_numbers_are_valid_nhs_numbers():
    assert all(nhs.is_valid(n.replace(" ", "")) for n in NUMBERS)


@pytest.mark.parametrize(
    "template",
    [
        "call me on {}",
        "ring me on {} after six",
        "my new mob is {} x",
        "Tel: {}",
        "text him on {} tonight",
        "whatsapp {} if you can",
        "her home number is {}",
        "Patient's home phone: {}",  # the phone word is nearer than "patient"
    ],
)
@pytest.mark.parametrize("number", NUMBERS)
def test_a_phone_word_makes_it_a_phone_number(detector, template, number):
    text = template.format(number)
    assert labels(detector, text, number) == ["PHONE_NUMBER"]


@pytest.mark.parametrize(
    "template",
    [
        "NHS number {}",
        "NHS no: {}",
        "call the ward about patient {}",  # the NHS word is nearer than "call"
        "her GP has her as {}",
        "Hospital number {} on the discharge letter",
        "{} (NHS)",
    ],
)
@pytest.mark.parametrize("number", NUMBERS)
def test_an_nhs_word_makes_it_an_nhs_number(detector, template, number):
    text = template.format(number)
    assert labels(detector, text, number) == ["UK_NHS"]


def test_the_explanation_says_why_the_other_reading_was_set_aside(detector):
    text = "call me on 9876543210"
    [flag] = [f for f in detector.analyze(text) if f.entity == "PHONE_NUMBER"]
    assert "NHS" in flag.explanation["textual_explanation"]


def test_without_a_cue_nothing_changes():
    text = "ref 9876543210 attached"
    spans = [Found(4, 14, "UK_NHS", 0.85, "NhsNumberRecognizer", {}), Found(4, 14, "PHONE_NUMBER", 0.6, "WorldPhoneRecognizer", {})]
    assert phone_or_nhs(text, spans) == spans
    assert [s.entity for s in resolve(text, spans)] == ["UK_NHS"]


def test_a_longer_phone_number_keeps_the_nhs_digits_covered():
    # the phone span holds the NHS digits and more: with a phone word the NHS reading goes, the digits stay flagged
    text = "call +44 987 654 3210"
    spans = [Found(5, 21, "PHONE_NUMBER", 0.7, "WorldPhoneRecognizer", {}), Found(9, 21, "UK_NHS", 0.85, "NhsNumberRecognizer", {})]
    kept = resolve(text, spans)
    assert [(s.entity, s.start, s.end) for s in kept] == [("PHONE_NUMBER", 5, 21)]
