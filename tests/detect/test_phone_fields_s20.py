"""Session 20 phone fixes (lines written here, not the worldphone set's): a number standing as a field of its own is read by
every country's numbering plan, not only by the usual correspondents' (a seven- or eight-digit field of a call log's CSV
row, a Belarusian mobile with its trunk prefix 8 alone on its line), and a five- or six-digit number right after the word
for the person it names ("Customer 312345 paid"). Order numbers, amounts and counts stay out."""

from __future__ import annotations

import phonenumbers
import pytest

from redactor.detect.recognizers.phones import REGIONS, WorldPhoneRecognizer


def phones(text: str) -> list[str]:
    return [text[r.start : r.end] for r in WorldPhoneRecognizer().analyze(text, ["PHONE_NUMBER"])]


def national_digits(region: str) -> str:
    """A region's example mobile number's national digits, without separators (generated, no real person's)."""
    number = phonenumbers.example_number_for_type(region, phonenumbers.PhoneNumberType.MOBILE)
    return "".join(c for c in phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL) if c.isdigit())


@pytest.mark.parametrize("region", ["AW", "MU", "PG", "BZ"])
def test_a_short_number_of_a_far_region_in_a_call_log_row(region):
    assert region not in REGIONS
    digits = national_digits(region)
    assert 7 <= len(digits) <= 8
    assert phones(f"2024-11-03,09:12:44,{digits},outgoing,00:03:12") == [digits]


def test_a_trunk_prefix_8_number_alone_on_its_line():
    digits = national_digits("BY")
    assert digits.startswith("8")
    assert phones(f"Saved on 3 May\n{digits}\nend") == [digits]


@pytest.mark.parametrize(("text", "value"), [("Customer 312345 paid by card", "312345"), ("our client 51234 rang back", "51234")])
def test_a_short_number_naming_a_person(text, value):
    assert phones(text) == [value]


@pytest.mark.parametrize(
    "text",
    [
        "2024-11-03,09:12:44,ORD-5601234,EUR 49.99",
        "2024-11-03,09:12:44,31234,EUR 49.99",
        "Order 4471229\nShipped",
        "Customer no. 312345 paid",
        "Customer ID 51234 closed",
        "12345 texts were sent in May",
        "Order 4471229, shipped",
        "17,20241102,4471229,2",
        "2024-11-03,5601234,EUR 49.99",
        "2024-11-03,09:12:44,20241102,outgoing",
    ],
)
def test_other_numbers_stay_out(text):
    assert phones(text) == []
