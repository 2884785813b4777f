"""A postcode with its town and no street, and a postcode's label (session 17; lines written here, not the sets')."""

from __future__ import annotations

import pytest

from redactor.detect.recognizers.address_label import AddressLabelRecognizer
from redactor.detect.recognizers.world_address import PostcodeTownRecognizer, known_city


def towns(text: str) -> list[str]:
    return [text[r.start : r.end] for r in PostcodeTownRecognizer().analyze(text, ["STREET_ADDRESS"])]


def labelled(text: str) -> list[str]:
    return [text[r.start : r.end] for r in AddressLabelRecognizer().analyze(text, ["STREET_ADDRESS"])]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("row 17;80331 München;paid", "80331 München"),
        ("the box went to 31-154 Kraków yesterday", "31-154 Kraków"),
        ("Deliver: 1000-001 Lisboa (ring twice)", "1000-001 Lisboa"),
        ("she is in Gdańsk 80-001 now", "Gdańsk 80-001"),
        ("returned to 9010 Tromsø, see the log", "9010 Tromsø"),  # a town the city list lacks, after the postcode
        ("Kurier: 5020 Salzburg", "5020 Salzburg"),
        ("moved to 3011 AB Rotterdam in May", "3011 AB Rotterdam"),
    ],
)
def test_a_postcode_and_its_town_are_an_address(text, value):
    assert towns(text) == [value]


@pytest.mark.parametrize(
    "text",
    [
        "order 44812 Paris is late",  # an order number
        "ticket #55120 Berlin desk",
        "it cost 2019 Euros",  # a year, and an English word
        "Model XR-693 and Model XR-144",  # a product code
        "Mobile 0444 309 521",  # a phone after a city's name that is an English word
        "Cerrito 1250, Retiro",  # a house number
        "we sold 4500 Widgets to Smith",
    ],
)
def test_numbers_that_are_no_postcode(text):
    assert towns(text) == []


def test_a_city_is_known_with_or_without_its_accents():
    assert known_city("Zürich") and known_city("Zurich") and known_city("Kraków") and known_city("Krakow")


def test_a_postcode_label_and_a_label_with_a_note():
    assert labelled("Postcode and town: 4020 Linz") == ["4020 Linz"]
    assert labelled("ZIP code | 94110") == ["94110"]
    assert labelled("PLZ/Ort: 70173 Stuttgart\nTel: 0711 123456") == ["70173 Stuttgart"]
    assert labelled("Address (home, since 2020): Floriańska 3, Kraków") == ["Floriańska 3, Kraków"]
    assert labelled("Postcode: unknown") == []


def test_a_one_line_address_stops_at_an_order_or_a_parcel():
    assert labelled("Delivery address: 4020 Linz, parcel 1 of 2, order 77120") == ["4020 Linz"]
    assert labelled("Address: Floriańska 3, 31-019 Kraków, tel 12 345 67 89") == ["Floriańska 3, 31-019 Kraków"]
