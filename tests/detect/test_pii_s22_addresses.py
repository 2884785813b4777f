"""Session 22's address shapes: a British development named by its buildings or trees with a house number, a town
named with a possessive on its own line, and a US house number and street in lower case before a day word.

Addresses are made up here; the shapes are the ones the Pelias and OpenCage test cases use.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from redactor.detect.stage import DetectSettings, detector_for


@pytest.fixture(scope="module")
def detector():  # noqa: ANN201 - the engine's detector
    return detector_for(DetectSettings(), Path("models"))


def addresses(detector, text: str) -> list[str]:  # noqa: ANN001
    return [text[s.start : s.end] for s in detector.analyze(text) if s.entity == "STREET_ADDRESS"]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("16 The Stables - 3 bedrooms, viewing Sat 10:00", "16 The Stables"),
        ("Order 20-4471 (3 items)\n7 The Laurels\nDispatched 14/05/2025", "7 The Laurels"),
        ("She lives at 3 The Maltings, Wymondham NR18 0AB", "3 The Maltings"),
    ],
)
def test_a_development_with_its_house_number_is_an_address(detector, text: str, value: str) -> None:  # noqa: ANN001
    assert any(value in a for a in addresses(detector, text)), addresses(detector, text)


@pytest.mark.parametrize("text", ["meet at The Stables tonight", "Chapter 16 The Stables", "We walked under The Limes."])
def test_a_development_word_without_a_house_number_is_no_address(detector, text: str) -> None:  # noqa: ANN001
    assert addresses(detector, text) == []


@pytest.mark.parametrize(
    ("text", "town"),
    [
        ("Redwood Bank\nHigh Street\nSt. John's\nAntigua and Barbuda", "St. John's"),
        ("Cheapside Road\nKing's Lynn", "King's Lynn"),
        ("14 Orchard Row\nBishop's Stortford\nCM23 2AB", "Bishop's Stortford"),
    ],
)
def test_a_town_with_a_possessive_on_its_line_is_part_of_the_address(detector, text: str, town: str) -> None:  # noqa: ANN001
    assert any(town in a for a in addresses(detector, text)), addresses(detector, text)


@pytest.mark.parametrize("text", ["22024 main st on monday", "I'll be at 22024 main st on monday", "send it to 22024 main st on monday"])
def test_a_lower_case_street_then_a_day_word(detector, text: str) -> None:  # noqa: ANN001
    """The house number and street, not the day after them ('on' is a phrase word after the street, not in its name)."""
    assert addresses(detector, text) == ["22024 main st"]
