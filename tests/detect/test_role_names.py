"""Names after a role, a relation or a phrase about a person (issue 11): invented names only."""

from __future__ import annotations

import pytest

from redactor.detect.recognizers.role_names import RoleNameRecognizer


def names(text: str) -> list[str]:
    return [text[r.start : r.end] for r in RoleNameRecognizer().analyze(text, ["PERSON"])]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("goalkeeper Tovkar Lemsin appeared to have hurt his knee", "Tovkar Lemsin"),
        ("I am not a huge supporter of Vardoq at all", "Vardoq"),
        ("her boyfriend Quimbel Ostrov said it was fine", "Quimbel Ostrov"),
        ("Striker Ilmar Pilsavik scored twice", "Ilmar Pilsavik"),
        ("my brother Arvo is coming round", "Arvo"),
        ("a man called Tovkar rang the shop", "Tovkar"),
        ("Prime Minister Kelvar Ostremund resigned", "Kelvar Ostremund"),
        ("the spokeswoman Ágnes Vardoqová declined to comment", "Ágnes Vardoqová"),
    ],
)
def test_a_name_after_a_role_or_relation_is_a_person(text, name):
    assert names(text) == [name]


@pytest.mark.parametrize(
    "text",
    [
        "coach Tesco Express is closed",  # an organisation word
        "fan of Star Wars since I was five",  # ordinary words, no listed name
        "captain Fantastic strikes again",
        "see the manager on Monday",  # no capitalised name after the cue
        "the player Of The Year award",
        "my brother\nArvo",  # not across a line
    ],
)
def test_no_name_after_a_role_without_a_name_shape(text):
    assert names(text) == []


def test_a_trailing_ordinary_word_is_cut_off():
    assert names("we met coach Lemsin Tonight at the ground") == ["Lemsin"]


def test_a_surname_that_is_also_an_organisation_word_stays():
    assert names("her cousin Emma Hall was there") == ["Emma Hall"]
