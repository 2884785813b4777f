"""Session 19 phone fixes (lines written here, not the worldphone set's): a number right after the word for the person it
names ("Customer 7812345 paid": their phone or their account number, either identifies them), and a five- or six-digit
number of a small numbering plan with a phone word after it; never an order's, a reference's or a count's number."""

from __future__ import annotations

import pytest

from redactor.detect.recognizers.phones import WorldPhoneRecognizer


def phones(text: str) -> list[str]:
    return [text[r.start : r.end] for r in WorldPhoneRecognizer().analyze(text, ["PHONE_NUMBER"])]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Customer 7812345 paid in cash on Friday", "7812345"),
        ("our client 3346120987 came back twice", "3346120987"),
        ("Subscriber 55012877 was billed twice", "55012877"),
        ("21345 left you a voicemail last night", "21345"),
        ("then 402715 texted me again", "402715"),
    ],
)
def test_a_number_naming_a_person_or_before_a_phone_word(text, value):
    assert phones(text) == [value]


@pytest.mark.parametrize(
    "text",
    [
        "Customer no. 7812345 paid in cash",
        "Customer ID 7812345 paid",
        "customer ref 4412345 closed",
        "Order 4471229 shipped today",
        "12345 texts were sent in May",
        "Customer 2025 survey closed",
        "the customer 12/1995/345/678",
        "Customer 4.12345 version",
        "Customer paid 1250000 in total",
        "48213 people called the hotline",
    ],
)
def test_other_numbers_stay_out(text):
    assert phones(text) == []
