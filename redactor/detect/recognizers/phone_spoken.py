"""Phone numbers written as they were said: in words, digit by digit ("oh seven seven double oh, nine double oh ...").

Voicemail transcripts, a statement taking down what a caller said, a call handler's notes and chat typed by voice spell a
number out: each digit a word ("zero", "oh" or "nought" for 0), a repeated digit "double" or "triple" the digit ("double
seven", "triple oh"), a leading "plus" for an international number, the groups parted by spaces, commas, full stops, dashes
or an ellipsis. No digit is written, so no digit pattern sees it; the words spell a phone number as surely as the digits do.
The pattern is of a data format, not of words: a run of digit words that spells seven to fifteen digits, the length of a
phone number. Nothing else is read out digit by digit at that length: a year or an amount is said as a number ("nineteen
ninety", "two hundred and five"), a count rarely goes past three words ("one, two, three, go"), and a word between two
digit words that is none ("one or two", "six to eight") ends the run; a straight count is none ("one two three four five
six seven").
"""

from __future__ import annotations

import re
from typing import Any

from presidio_analyzer import EntityRecognizer, RecognizerResult

from redactor.detect.recognizers.base import result

_DIGIT = r"(?:zero|oh|nought|one|two|three|four|five|six|seven|eight|nine)"
_TOKEN = rf"(?:(?:double|triple|treble)[ ]+)?{_DIGIT}"
_SEP = r"(?:[ ]*(?:\.\.\.|…|[,.\-–])[ ]*|[ ]+)"
_RUN = re.compile(rf"(?i)(?<![\w])(?:plus[ ]+)?{_TOKEN}(?:{_SEP}{_TOKEN}){{3,}}(?![\w])")
_TIMES = re.compile(r"(?i)(double|triple|treble)")
MIN_DIGITS, MAX_DIGITS = 7, 15


_VALUE = {
    "zero": 0,
    "oh": 0,
    "nought": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
}


def spoken_digits(value: str) -> list[int]:
    """The digits the digit words of ``value`` spell ("double oh" two zeros, "triple seven" three sevens)."""
    digits: list[int] = []
    times = 1
    for word in re.findall(r"[a-z]+", value.lower()):
        if word in ("double", "triple", "treble"):
            times = 2 if word == "double" else 3
        elif word in _VALUE:
            digits += [_VALUE[word]] * times
            times = 1
    return digits


def _counting(digits: list[int]) -> bool:
    steps = {b - a for a, b in zip(digits, digits[1:], strict=False)}
    return steps in ({1}, {-1})


class SpokenPhoneRecognizer(EntityRecognizer):
    """A phone number spelled out in digit words (module docstring)."""

    ENTITY = "PHONE_NUMBER"
    SCORE = 0.6

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(supported_entities=[self.ENTITY], name="SpokenPhoneRecognizer", supported_language=supported_language)

    def load(self) -> None:
        pass

    def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None) -> list[RecognizerResult]:
        if self.ENTITY not in entities:
            return []
        out = []
        for m in _RUN.finditer(text):
            digits = spoken_digits(m.group(0))
            if MIN_DIGITS <= len(digits) <= MAX_DIGITS and not _counting(digits):
                out.append(result(self, self.ENTITY, m.start(), m.end(), self.SCORE, "spoken digits", "phone number written in words"))
        return out
