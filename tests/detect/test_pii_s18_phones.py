"""A number of phone length before a phone word, whatever country would accept it; a count is no number (session 18;
lines written here, not the worldphone set's)."""

from __future__ import annotations

import pytest

from redactor.detect.recognizers.phones import WorldPhoneRecognizer


def phones(text: str) -> list[str]:
    return [text[r.start : r.end] for r in WorldPhoneRecognizer().analyze(text, ["PHONE_NUMBER"])]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("17234567 texted me at noon", "17234567"),  # no region asked accepts it (Bahrain's would): recall over validity
        ("then 0111598765432 left a voicemail", "0111598765432"),
        ("yes 17345678 (mobile)", "17345678"),
    ],
)
def test_a_number_before_a_phone_word(text, value):
    assert phones(text) == [value]


@pytest.mark.parametrize(
    "text",
    [
        "we sent 1250000 texts last year",  # a count of texts
        "about 3455000 calls a month",
        "Order 4471229 called off",  # an order's number
    ],
)
def test_no_phone(text):
    assert phones(text) == []


def test_a_phone_word_in_another_field_is_not_this_numbers():
    assert phones('{"id": "#8106319", "customer": "Ana Lima", "phone": "n/a"}') == []
    assert phones("ticket 8106319; phone later") == []
