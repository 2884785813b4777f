"""A country named right after an address is no personal data: its place flag goes; the address stays whole.

Addresses are written here (made-up streets and houses in real towns); the countries come from the
project's own lexicon. A country elsewhere in the text, a country that is also a city, and a country whose
name is a given name (which may be a person spoken to) keep their flags.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from redactor.detect.after_addresses import countries_after_addresses
from redactor.detect.spans import Found
from redactor.detect.stage import DetectSettings, detector_for


@pytest.fixture(scope="module")
def detector():  # noqa: ANN201 - the engine's detector
    return detector_for(DetectSettings(), Path("models"))


def flags(detector, text: str) -> list[tuple[str, str]]:  # noqa: ANN001
    return [(text[s.start : s.end], s.entity) for s in detector.analyze(text)]


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Ship to:\n14 Kestrel Lane\n4480 Engis\nBelgium", "Belgium"),
        ("Forwarding address:\nul. Sowia 12\n00-238 Warszawa\nPoland\nPlease update your records.", "Poland"),
        ("Dear customer,\nyour parcel will be delivered to:\nRua das Gaivotas 41\n1200-109 Lisboa\nPortugal", "Portugal"),
        ("Visit us at\n7 Corniche Road\nNouakchott\nMauritania\nOpen Mon-Fri 09:00-17:30", "Mauritania"),
    ],
)
def test_the_country_under_an_address_is_not_flagged(detector, text: str, country: str) -> None:  # noqa: ANN001
    found = flags(detector, text)
    assert any(entity == "STREET_ADDRESS" for _, entity in found), found
    assert not any(country in value and entity != "STREET_ADDRESS" for value, entity in found), found


def test_a_country_elsewhere_keeps_its_flag(detector) -> None:  # noqa: ANN001
    assert ("Germany", "LOCATION") in flags(detector, "She flew to Germany last spring.")


def span(start: int, end: int, entity: str) -> Found:
    return Found(start, end, entity, 0.85, "test", {})


def test_the_rule_on_spans() -> None:
    text = "Ship to:\n14 Kestrel Lane\nNouakchott\nMauritania"
    street, town = span(9, 24, "STREET_ADDRESS"), span(25, 35, "STREET_ADDRESS")
    country, inside = span(36, 46, "LOCATION"), span(36, 42, "PERSON")
    assert countries_after_addresses(text, [street, town, country, inside]) == [street, town]
    # not right after an address: a word between
    text = "14 Kestrel Lane is far from Mauritania"
    assert countries_after_addresses(text, [span(0, 15, "STREET_ADDRESS"), span(28, 38, "LOCATION")])[1:] == [span(28, 38, "LOCATION")]


@pytest.mark.parametrize(
    "text",
    [
        "Block 7\n24 Heron Road\nKowloon\nHong Kong",  # the country is a city too: the town
        "I'm at 5 Elm Street, Jordan",  # a given name: maybe the person spoken to
        "Address: 18 Harbour Drive\nSingapore",
    ],
)
def test_a_country_that_may_be_a_town_or_a_person_keeps_its_flag(text: str) -> None:
    name = text.rsplit("\n", 1)[-1].rsplit(", ", 1)[-1]
    start = text.rindex(name)
    address = span(0, start - 1 if text[start - 1] == "\n" else start - 2, "STREET_ADDRESS")
    place = span(start, start + len(name), "LOCATION")
    assert place in countries_after_addresses(text, [address, place])
