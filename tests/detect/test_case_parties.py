"""Parties named in a case title (issue 11: direct identifiers in judgments): invented names, our own snippets."""

from __future__ import annotations

import pytest

from redactor.detect.recognizers.case_parties import CasePartyRecognizer


def parties(text: str) -> list[str]:
    return [text[r.start : r.end] for r in CasePartyRecognizer().analyze(text, ["PERSON"])]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("CASE OF VARDOQ AND OTHERS v. KELVARIA", ["VARDOQ", "KELVARIA"]),  # an invented state is not known as one
        ("CASE OF LEMSIN v. THE UNITED KINGDOM", ["LEMSIN"]),
        ("In the case of Lemsin v. Poland, the Court decided", ["Lemsin"]),
        ("R v Tovkar Lemsin [2019] EWCA Crim 123", ["Tovkar Lemsin"]),
        ("Regina v. Quimbel", ["Quimbel"]),
        ("Vardoq v Kelvar Holdings Ltd", ["Vardoq"]),
        ("see Quimbel and Others v. Ostremund Council, § 45", ["Quimbel"]),  # Council: no common surname
        ("Hall v Lane (a dispute between neighbours)", ["Hall", "Lane"]),  # common surnames stay names
        ("DPP v Ostrov", ["Ostrov"]),
    ],
)
def test_parties_in_a_case_title(text, expected):
    assert parties(text) == expected


@pytest.mark.parametrize(
    "text",
    ["England v Wales kicks off at three", "Good v Evil, round two", "the Crown v the State", "a 3 v 2 win", "no title here"],
)
def test_no_party_where_the_sides_are_states_ordinary_words_or_numbers(text):
    assert parties(text) == []
