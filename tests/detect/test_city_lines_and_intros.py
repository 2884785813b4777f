"""Addresses with no street word that end in a known city, and names in a self-introduction (issue 11, twelfth pass).

Texts are written here; the names, numbers and streets are invented, none taken from an evaluation set.
"""

from __future__ import annotations

import pytest

from redactor.detect.recognizers.role_names import RoleNameRecognizer
from redactor.detect.recognizers.world_address import WorldAddressRecognizer


def addresses(text: str) -> list[str]:
    recognizer = WorldAddressRecognizer()
    recognizer.load()
    return [text[r.start : r.end] for r in recognizer.analyze(text, ["STREET_ADDRESS"])]


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("he's at House 31, Street 4, G-9/1, Islamabad tonight", "House 31, Street 4, G-9/1, Islamabad"),
        ("the parcel went to Plot 9, Sector 18, Gurugram by mistake", "Plot 9, Sector 18, Gurugram"),
        ("we stayed at 25 Le Loi, Ben Nghe, District 1, Ho Chi Minh City", "25 Le Loi, Ben Nghe, District 1, Ho Chi Minh City"),
        ("Invoice to: Vu Hanh, 44 Hang Bai, Hoan Kiem, Hanoi", "44 Hang Bai, Hoan Kiem, Hanoi"),  # "Hang": one English word
        ("Villa 12, Jumeirah 3, Dubai", "Villa 12, Jumeirah 3, Dubai"),  # a line alone, no cue
    ],
)
def test_numbered_parts_ending_in_a_known_city_are_an_address(text, address):
    assert addresses(text) == [address]


@pytest.mark.parametrize(
    "text",
    [
        "Round 5, Group 2, Madrid was the best match",  # parts made of ordinary words
        "Chapter 4, Part 2, Paris is where it ends",
        "House 2, Season 3, London",
        "In 2019 Madrid, Paris, London hosted the finals",  # a year, not a house number
        "Plot 9, Gurugram",  # nothing between the plot and the city
        "Plot 9, Sector 18, Zorbia",  # no known city at the end
    ],
)
def test_other_lines_with_numbers_and_a_city_are_no_address(text):
    assert addresses(text) == []


def test_a_turkish_door_after_the_house_number_stays_in_the_address():
    text = "Mai moved to Atatürk Cd. No: 15 D: 4, Kadıköy, İstanbul"
    assert addresses(text) == ["Atatürk Cd. No: 15 D: 4, Kadıköy, İstanbul"]


def test_stayed_at_is_an_address_cue():
    assert addresses("we stayed at Kolgröf 12 for a week") == ["Kolgröf 12"]


def people(text: str) -> list[str]:
    return [text[r.start : r.end] for r in RoleNameRecognizer().analyze(text, ["PERSON"])]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Hi, this is Adaeze from the school office", "Adaeze"),  # a given name no list holds
        ("it's Babajide here, lost my phone", "Babajide"),
        ("my name is Nkechi Umeh and I am writing", "Nkechi Umeh"),
        ("I'm Temitope calling about the flat", "Temitope"),
    ],
)
def test_a_name_in_a_self_introduction_is_a_name(text, name):
    assert people(text) == [name]


@pytest.mark.parametrize(
    "text",
    [
        "This is London calling, said the announcer",  # a city
        "I am British here",  # a nationality
        "It is Monday here",  # a day
        "this is Tesco from now on",  # an organisation word
        "this is Adaeze and her brother",  # "this is" alone, with nothing of an introduction after it
    ],
)
def test_other_phrases_are_no_introduction(text):
    assert people(text) == []
