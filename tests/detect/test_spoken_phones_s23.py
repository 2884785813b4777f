"""Phone numbers written as they were said, in digit words (``recognizers/phone_spoken.py``, session 23). Numbers made up here."""

from __future__ import annotations

from pathlib import Path

import pytest

from redactor.detect.recognizers.phone_spoken import SpokenPhoneRecognizer, spoken_digits
from redactor.detect.stage import DetectSettings, detector_for


def found(text: str) -> list[str]:
    return [text[r.start : r.end] for r in SpokenPhoneRecognizer().analyze(text, ["PHONE_NUMBER"])]


@pytest.mark.parametrize(
    ("text", "number"),
    [
        (
            "ring me back on oh one one three, four nine six, double oh seven two. Cheers",
            "oh one one three, four nine six, double oh seven two",
        ),
        (
            "[transcript] my mobile's zero seven nine triple four, two eight one, six five six",
            "zero seven nine triple four, two eight one, six five six",
        ),
        (
            "It's plus four eight, six oh two... one five five... nine three eight, bye",
            "plus four eight, six oh two... one five five... nine three eight",
        ),
        (
            "Caller gave her number as Nine Eight Two Zero Four Four Seven Three One Six.",
            "Nine Eight Two Zero Four Four Seven Three One Six",
        ),
        ("desk line is six one two - three three nought - nine one", "six one two - three three nought - nine one"),
    ],
)
def test_a_number_in_digit_words_is_a_phone_number(text: str, number: str) -> None:
    assert found(text) == [number]


@pytest.mark.parametrize(
    "text",
    [
        "one, two, three, four, five, six, seven, eight, nine, ten!",  # counting
        "seven six five four three two one lift-off",  # counting down
        "she had one or two drinks, maybe three or four",
        "two hundred and fifty five pounds",
        "nineteen ninety nine was the year",
        "table for two at seven, one more at eight",  # words between digit words
        "call me on oh seven seven",  # too short for a phone number
    ],
)
def test_other_digit_words_are_no_phone_number(text: str) -> None:
    assert found(text) == []


def test_doubles_and_triples_count_their_digits() -> None:
    assert spoken_digits("oh seven seven double oh, nine triple two") == [0, 7, 7, 0, 0, 9, 2, 2, 2]


def test_the_detector_flags_a_spoken_number() -> None:
    detector = detector_for(DetectSettings(), Path("models"))
    text = "Voicemail: hi it's about Friday, call me on oh seven eight double five, two one nine, four oh three. Ta"
    number = "oh seven eight double five, two one nine, four oh three"
    assert any(text[s.start : s.end] == number and s.entity == "PHONE_NUMBER" for s in detector.analyze(text))
