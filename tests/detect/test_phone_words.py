"""Phone words are whole words: digits after a word that only starts with one are not a phone (issue 11)."""

from __future__ import annotations

import pytest

from redactor.detect.recognizers.phone_words import phone_words
from redactor.detect.recognizers.phones import WorldPhoneRecognizer


def phones(text: str) -> list[str]:
    return [text[r.start : r.end] for r in WorldPhoneRecognizer().analyze(text, ["PHONE_NUMBER"])]


@pytest.mark.parametrize(
    "text",
    [
        "Worked 12345678 hours last year",
        "I did calligraphy 1234567 times",
        "Telford 1234567 was the count",
        "the textbook 1234567 is out of print",
        "homework 1234567 marked",
        "the handyman 1234567 invoice",
        "signalling 1234567 packets",
        "directions 1234567 ignored",
        "mobility 1234567 score",
        "Officer 1234567 attended",
        "ringtone 1234567 downloads",
    ],
)
def test_a_word_that_only_starts_with_a_phone_word_is_none(text):
    assert phones(text) == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("call 1234567 tonight", "1234567"),
        ("She called 1234567 twice", "1234567"),
        ("he calls 1234567 daily", "1234567"),
        ("texted 1234567 at noon", "1234567"),
        ("I rang 1234567 twice", "1234567"),
        ("Ringing 1234567 now", "1234567"),
        ("Mobile 1234567 off", "1234567"),
        ("Tel. 1234567 office hours", "1234567"),
        ("telno 1234567 office", "1234567"),
        ("phonenumber: 1234567 now", "1234567"),
        ("Caller: 1234567 withheld", "1234567"),
        ("dialled 1234567 by mistake", "1234567"),
        ("Telefonnummer 1234567 bitte", "1234567"),  # another language's compound
        ("numer telefonu 1234567 dzięki", "1234567"),  # and its case ending
        ("Handynummer: 1234567 ok", "1234567"),
        ("my number 1234567 ok", "1234567"),
    ],
)
def test_phone_words_and_their_inflections(text, value):
    assert phones(text) == [value]


def test_the_explanation_names_the_word_as_written():
    (found,) = WorldPhoneRecognizer().analyze("She texted 1234567 twice", ["PHONE_NUMBER"])
    assert "after 'texted'" in found.analysis_explanation.textual_explanation


@pytest.mark.parametrize(
    ("clause", "words"),
    [
        ("Worked late, called", ["called"]),
        ("calligraphy and homework", []),
        ("komórka", ["komórka"]),
        ("portable", ["portable"]),  # the stem itself, though English too
        ("portables", []),
    ],
)
def test_phone_words(clause, words):
    assert phone_words(clause) == words
