"""South Asian address lines flagged to their end (issue 11): cross and main roads, stages and blocks after a door number,
a PIN after the city, sectors in the north. Lines written for this test (no held-out source); every house number and
PIN is made up, the localities are public places."""

from __future__ import annotations

import pytest

from redactor.detect.recognizers.address import StreetAddressRecognizer
from redactor.detect.recognizers.world_address import WorldAddressRecognizer


def addresses(text: str) -> list[str]:
    found = WorldAddressRecognizer().analyze(text, ["STREET_ADDRESS"]) + StreetAddressRecognizer().analyze(text, ["STREET_ADDRESS"])
    return [text[r.start : r.end] for r in found]


def whole(text: str, value: str) -> bool:
    """One flag covers all of ``value``."""
    at = text.index(value)
    found = WorldAddressRecognizer().analyze(text, ["STREET_ADDRESS"]) + StreetAddressRecognizer().analyze(text, ["STREET_ADDRESS"])
    return any(r.start <= at and at + len(value) <= r.end for r in found)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("parcel goes to 17, 2nd Cross, 6th Main, Malleshwaram tomorrow", "17, 2nd Cross, 6th Main, Malleshwaram"),
        ("she stays at 208, 9th Cross, Jayanagar, Bengaluru 560041 with her aunt", "208, 9th Cross, Jayanagar, Bengaluru 560041"),
        ("No. 33, 1st Main Road, Gandhinagar, Mysuru 570002", "No. 33, 1st Main Road, Gandhinagar, Mysuru 570002"),
        ("#61, 4th Cross, HAL 2nd Stage, Bengaluru", "#61, 4th Cross, HAL 2nd Stage, Bengaluru"),
        ("Door No 5/2, 3rd Street, Anna Nagar, Chennai 600040", "Door No 5/2, 3rd Street, Anna Nagar, Chennai 600040"),
        ("meet at 11, 5th Block, Rajajinagar, Thanks", "11, 5th Block, Rajajinagar"),
    ],
)
def test_cross_and_main_roads_after_a_door_number(text, value):
    assert whole(text, value), addresses(text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("send it to 19 Brigade Road, Bengaluru 560025 please", "19 Brigade Road, Bengaluru 560025"),
        ("88 Park Street, Kolkata - 700016", "88 Park Street, Kolkata - 700016"),
        ("6 Linking Road, Mumbai 400 050", "6 Linking Road, Mumbai 400 050"),
        ("73 Commercial Street, Springfield 62704", "73 Commercial Street, Springfield 62704"),  # a ZIP after the town
    ],
)
def test_a_numeric_postcode_after_the_town(text, value):
    assert whole(text, value), addresses(text)


@pytest.mark.parametrize(
    "text",
    [
        "Round 12, 3rd Place, Final, Wembley",  # a list of results, no road of an address
        "Volume 4, 2nd Edition, Chapter Seven, Oxford",
        "12 Mill Lane, Leeds LS6 2AB",  # a UK address stays exact
        "Page 3, 2nd Main, Result, Summary",  # ordinary words
    ],
)
def test_lists_that_are_no_address(text):
    assert [a for a in addresses(text) if "Cross" in a or "Main" in a or "Place" in a or "Edition" in a] == []
    if "LS6" in text:
        assert set(addresses(text)) == {"12 Mill Lane, Leeds LS6 2AB"}


def test_a_year_after_the_town_is_no_postcode():
    text = "opened at 4 Station Road, Leeds 2019 and closed"
    found = [text[r.start : r.end] for r in StreetAddressRecognizer().analyze(text, ["STREET_ADDRESS"])]
    assert found == ["4 Station Road, Leeds"]
