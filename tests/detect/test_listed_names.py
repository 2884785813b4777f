"""Names in a list of people ("Collin Hoedemakers and Amber Hebrink", "X, Y and Z") and nationalities before
"national(s)" or "citizen(s)" (issue 11, eleventh pass). Every sentence is written here; the names are invented or
common names of their countries.
"""

from __future__ import annotations

import pytest

from redactor.detect.merge import Found, resolve
from tests.detect.resolved import found_spans, resolved_people


@pytest.mark.parametrize(
    ("text", "found", "people"),
    [
        (
            "The applicants, Collin Hoedemakers and Amber Hebrink, are nationals of Ostremund.",
            ["Collin Hoedemakers"],
            ["Collin Hoedemakers", "Amber Hebrink"],
        ),
        (
            "Witnesses Jan Novak, Piotr Zieliński and Ilse Varga were heard.",
            ["Jan Novak"],
            ["Jan Novak", "Piotr Zieliński", "Ilse Varga"],
        ),
        ("Yesterday Amber Hebrink and Collin Hoedemakers met.", ["Collin Hoedemakers"], ["Amber Hebrink", "Collin Hoedemakers"]),
        ("Signed by Tovkar Lemsin & Oyelaran Adeyemi-Cole.", ["Tovkar Lemsin"], ["Tovkar Lemsin", "Oyelaran Adeyemi-Cole"]),
    ],
)
def test_a_name_listed_with_a_found_full_name_is_a_name(text, found, people):
    spans = found_spans(text, *[(f, "PERSON", "SpacyRecognizer") for f in found])
    assert resolved_people(text, spans) == people


@pytest.mark.parametrize(
    "text",
    [
        "Jan Novak and Partners won the tender.",  # a firm's name
        "Jane Doe, Acme Holdings said it was over.",  # a comma that starts no list
        "Ilse Varga and New York were on the list.",  # a city
        "Ilse Varga and Regional Court staff attended.",  # an organisation word
        "Ilse Varga and Monday Morning came.",  # calendar and ordinary words
        "Ilse Varga and Nifty Gadgets Ltd signed.",
        "Tang Teaching Museum and Ilse Varga opened it.",  # ordinary words that no name list holds
    ],
)
def test_what_is_no_person_is_not_taken_from_a_list(text):
    spans = found_spans(
        text, ("Jan Novak" if "Jan Novak" in text else "Ilse Varga" if "Ilse" in text else "Jane Doe", "PERSON", "SpacyRecognizer")
    )
    assert len(resolved_people(text, spans)) == 1


def test_a_weak_guess_is_no_anchor_for_a_list():
    text = "Bosnia Latin and Amber Hebrink"
    spans = [Found(0, 12, "PERSON", 0.5, "NameLexiconRecognizer", {})]
    assert resolved_people(text, spans) == ["Bosnia Latin"]


@pytest.mark.parametrize(
    ("text", "word", "recognizer"),
    [
        ("The applicants are Slovak nationals who were born in 1974.", "Slovak", "SpacyRecognizer"),
        ("by a German national, Mr Jan Novak", "German", "NameLexiconRecognizer"),
        ("She is an Austrian citizen.", "Austrian", "SpacyRecognizer"),
        ("a family of Turkish origin", "Turkish", "SpacyRecognizer"),
    ],
)
def test_a_nationality_before_national_or_citizen_is_a_nationality(text, word, recognizer):
    [span] = resolve(text, found_spans(text, (word, "PERSON", recognizer)))
    assert (text[span.start : span.end], span.entity) == (word, "NRP")


@pytest.mark.parametrize("text", ["German said he would come.", "German Novak is a national hero.", "Slovak Novak, national"])
def test_a_nationality_word_elsewhere_stays_a_guessed_person(text):
    word = text.split()[0]
    spans = resolve(text, found_spans(text, (word, "PERSON", "NameLexiconRecognizer")))
    assert [s.entity for s in spans] == ["PERSON"]
