"""Frame words of forms, orders and bookings that spaCy's small model reads as people (session 17, names).

A capitalised word before a number ("Order no. 448120"), an airline's code after "flight", an invoice's "Bill to:"
and a car's make and model are no people. Texts are written here; the names in them are invented.
"""

from __future__ import annotations

import pytest

from redactor.detect.merge import Found, resolve


def span(text: str, part: str, entity: str = "PERSON", recognizer: str = "SpacyRecognizer", score: float = 0.85) -> Found:
    start = text.index(part)
    return Found(start, start + len(part), entity, score, recognizer, {})


def kept(text: str, *spans: Found) -> list[tuple[str, str]]:
    return [(text[s.start : s.end], s.entity) for s in resolve(text, list(spans))]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Mobile: 07700 900123 | Order no. 55120 | 03.04.2025", "Order"),
        ("Order 7731-2208 was sent on Friday.", "Order"),
        ("keep it cool x Batch 20240611 expires after a year.", "Batch"),
        ("Refund for Invoice #88120 is due.", "Invoice"),
        ("Please wire MXN 1200.50 today. Wire MXN 1200.50 to the account.", "Wire MXN"),
        ("Arrival by flight QX 2207 at 09:15.", "QX"),
        ("She took flight U2 881 home.", "U2"),
    ],
)
def test_a_frame_word_before_a_number_is_no_person(text, value):
    assert kept(text, span(text, value)) == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Brown 4471 was the shirt number.", "Brown"),  # a listed surname stays
        ("Bill 4471 is on the list.", "Bill"),  # a listed given name stays
        ("Dovelan 22 won the race.", "Dovelan"),  # no English word
        ("we met Order at noon", "Order"),  # no number after it
        ("Call QX 2207 tomorrow.", "QX"),  # a code without "flight"
    ],
)
def test_a_name_before_a_number_stays(text, value):
    assert kept(text, span(text, value)) == [(value, "PERSON")]


def test_a_known_person_before_a_number_stays():
    text = "Batch 20240611 met us."
    assert kept(text, span(text, "Batch", recognizer="KnownPeopleRecognizer", score=1.0)) == [("Batch", "PERSON")]


def test_an_invoice_addressee_label_is_no_person():
    text = "INVOICE 4471\nBill to: Tamsin Orlov, 12 Lark Road"
    assert kept(text, span(text, "Bill"), span(text, "Tamsin Orlov")) == [("Tamsin Orlov", "PERSON")]
    text = "Ship to: Tamsin Orlov"
    assert kept(text, span(text, "Ship")) == []
    text = "Thanks Bill to: you"  # not first on its line
    assert kept(text, span(text, "Bill")) == [("Bill", "PERSON")]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("She described a dark Toyota Corolla parked outside.", "Corolla"),
        ("He got out of a silver Ford Fiesta.", "Ford Fiesta"),
        ("They left in a black Mercedes Vito.", "Vito"),
        ("a red Vauxhall Astra was seen", "Astra"),
    ],
)
def test_a_car_is_no_person(text, value):
    assert kept(text, span(text, value)) == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Harrison Ford Lanes met the press.", "Ford Lanes"),  # a maker that is a name, no colour before it
        ("Ford Madox wrote to her.", "Ford Madox"),
        ("Mercedes Alvarado called.", "Alvarado"),
        ("the Seat Marta booked", "Marta"),  # a maker that is a word, no colour
    ],
)
def test_a_person_near_a_car_maker_stays(text, value):
    assert kept(text, span(text, value)) == [(value, "PERSON")]
