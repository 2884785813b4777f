"""A valid number written whole inside a sentence (session 17; lines written here, not the worldphone set's)."""

from __future__ import annotations

import pytest

from redactor.detect.recognizers.phones import WorldPhoneRecognizer


def phones(text: str) -> list[str]:
    return [text[r.start : r.end] for r in WorldPhoneRecognizer().analyze(text, ["PHONE_NUMBER"])]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Klient 0612345678 zapłacił wczoraj", "0612345678"),  # a national number with its trunk prefix
        ("ask Marta, 0891234567 is the one she uses", "0891234567"),
        ("612345678 left a voicemail", "612345678"),  # a phone word after it
        ("the 622123456 texted me twice", "622123456"),
        ("try 0412345678 (mobile) after lunch", "0412345678"),
    ],
)
def test_a_valid_number_in_a_sentence(text, value):
    assert phones(text) == [value]


@pytest.mark.parametrize(
    "text",
    [
        "pi starts 3141592653 and goes on",  # no trunk prefix, no phone word
        "order 0612345678 was shipped",  # an order's number
        "ref 0301234567 called off",  # a reference, though a phone word follows
        "the file id=0000412233 is missing",  # zero-padded
        "total 1249000000 units in 2025",
    ],
)
def test_numbers_that_stay_unflagged(text):
    assert phones(text) == []
