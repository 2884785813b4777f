"""Session 15, mixed PII: phones written in more national shapes, answers to a question asking for a number, and bare
numbers that stand as a field of their own (issue 11; lines written here, not taken from any set)."""

from __future__ import annotations

import pytest

from redactor.detect.recognizers.phones import WorldPhoneRecognizer


@pytest.fixture(scope="module")
def phones():
    recognizer = WorldPhoneRecognizer()

    def found(text: str) -> list[str]:
        return [text[r.start : r.end] for r in recognizer.analyze(text, ["PHONE_NUMBER"])]

    return found


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("Bel ons op 020 - 624 11 30 tussen 9 en 5", "020 - 624 11 30"),
        ("Skambinkite (8 37) 204 518 darbo dienomis", "(8 37) 204 518"),
        ("Ring gerne (+45) 3312 4455 i morgen", "(+45) 3312 4455"),
        ("Agent: And which number suits you best?\nClient: 9845012345\nAgent: thanks", "9845012345"),
        ("whats ur brothers number? 0612345678", "0612345678"),
        ("Tomasz Zieliński, ul. Polna 8, Lublin, 601234567", "601234567"),
        ("9810012345", "9810012345"),
    ],
)
def test_these_numbers_are_phones(phones, text, number):
    assert number in phones(text)


@pytest.mark.parametrize(
    "text",
    [
        "The first ten digits of pi are 3141592653 if you skip the point.",
        "What is your order number?\nCustomer: 4821397712",
        "Which booking number was it?\nClient: 7712345678",
        "The seasons 2018 - 2019 - 2020 went well",
        "Batch 2024, qty 12, 9810012345 units shipped yesterday",
    ],
)
def test_these_numbers_are_not(phones, text):
    assert phones(text) == []
