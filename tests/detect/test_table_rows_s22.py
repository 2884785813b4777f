"""Standings and results rows in news text are no phone numbers; numbers in the shapes people write stay flagged.

Rows are generated here (made-up team names, counts of a season as a league table prints them); the phone
numbers are example shapes of the countries whose grouping is closest to a row's (pairs, a leading digit
and pairs, digits spelled one by one, a country code written without its plus).
"""

from __future__ import annotations

import random

import pytest

from redactor.detect.recognizers.phones import WorldPhoneRecognizer
from redactor.detect.recognizers.table_rows import table_row

TEAMS = ["Northfield", "Alder Vale", "Kingsmere United", "Port Ellis", "Brackwater Rovers", "St Aldric", "Hollin Town"]


def standings(rng: random.Random) -> str:
    played = rng.randint(1, 12)
    won = rng.randint(0, played)
    drawn = rng.randint(0, played - won)
    lost = played - won - drawn
    return f"{rng.choice(TEAMS)} {played} {won} {drawn} {lost} {rng.randint(0, 30)} {rng.randint(0, 30)} {3 * won + drawn}"


def flagged(text: str) -> list[str]:
    return [text[r.start : r.end] for r in WorldPhoneRecognizer().analyze(text, ["PHONE_NUMBER"])]


@pytest.mark.parametrize(
    "text",
    [
        "Kingsmere United 4 3 1 0 9 3 10",
        "Port Ellis 8 6 1 1 17 7 19",
        "Alder Vale 10 4 3 3 12 10 15",
        "Hollin Town 11 6 4 1 20 9 22",
        "Northfield 3 1 1 1 7 5 4",
        "SOCCER - LEAGUE STANDINGS\nBrackwater Rovers 10 1 1 10 23 1 1\nSt Aldric 9 1 1 9 20 2 1",
        "Standings: Eastport 87 61 .588 - Westbury 83 66 .557 4 1/2",
        "WESTBURY 78 63 .553 -",
        "Kingsmere 12 5 4 3 19 15 19",  # played = won + drawn + lost (valid with a '+', a row all the same)
        "Colm Ardagh 70 71 69 68 278",  # a golfer's rounds and their total
        "269 Tom Ellery 67 69 66 67",  # the total opening the line
        "270 Ned Farrow ( South Africa ) 68 66 67 69",
    ],
)
def test_a_standings_row_is_no_phone_number(text: str) -> None:
    assert flagged(text) == []


def test_generated_standings_rows_lose_their_phone_flags() -> None:
    rng = random.Random(22)
    rows = [standings(rng) for _ in range(400)]
    kept = [r for r in rows if flagged(r)]
    assert kept == []  # played = won + drawn + lost in every one


@pytest.mark.parametrize(
    "text",
    [
        "Jens 33 12 44 55",  # Danish: pairs
        "Jens 67 69 66 67",  # pairs with no total (a golfer's rounds without one look the same)
        "Hans 79 943 79 50",  # Swiss
        "Anne 6 71 23 45 67",  # a leading digit, then pairs
        "Olsen 2 22 12 34 56",
        "Marie 33 6 12 34 56 78",  # France's country code written without its plus
        "Dave 2 0 2 5 5 5 0 1 4 3",  # spelled digit by digit
        "call Kingsmere 4 3 1 0 9 3 10",  # a phone word before it
        "Kingsmere 4 3 1 0 9 3 10 (mobile)",  # or after it
        "Sam 07700 900123",
        "0 7 7 0 0 9 0 0 1 2 3",
    ],
)
def test_numbers_in_phone_shapes_stay_flagged(text: str) -> None:
    assert flagged(text), text


def test_the_row_needs_a_word_right_before_it() -> None:
    text = "results: 3 2 0 1 11 4 9"
    assert not table_row(text, 9, len(text))
    text = "Northfield 3 2 0 1 11 4 9"
    assert table_row(text, 11, len(text))
    assert not table_row("Northfield 03 2 0 1 11 4 9", 11, 26)  # a group with a leading zero is a phone's
