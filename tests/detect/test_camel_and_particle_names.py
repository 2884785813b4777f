"""Names written with a capital inside ("MacKenzie", "LaToya", "JoAnn") and a given name found alone before particles
("Joris de Vries") (issue 11, session 15). Every line is written here; the names are invented or common names.
"""

from __future__ import annotations

import pytest

from redactor.detect.merge import Found
from redactor.detect.name_parts import with_the_rest
from redactor.detect.recognizers.names import NameLexiconRecognizer


@pytest.fixture(scope="module")
def lexicon() -> NameLexiconRecognizer:
    r = NameLexiconRecognizer()
    r.load()
    return r


def names(recognizer: NameLexiconRecognizer, text: str) -> list[str]:
    return sorted({text[r.start : r.end] for r in recognizer.analyze(text, ["PERSON"], None)})


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Tell MacKenzie Hollis I will call back.", "MacKenzie Hollis"),  # "Mackenzie", listed, with a capital inside
        ("Met JoAnn Whitaker at the station.", "JoAnn Whitaker"),  # "Joann"
        ("Then LaToya Price came over.", "LaToya Price"),  # a prefix and a listed given name ("La" + "Toya")
        ("Then DeShawn Miller came over.", "DeShawn Miller"),  # "De" + "Shawn"
        ("Spoke to Tom LaRue yesterday.", "Tom LaRue"),  # a surname with a capital inside after a given name
    ],
)
def test_a_name_with_a_capital_inside_is_read_whole(lexicon, text, name):
    assert name in names(lexicon, text)


@pytest.mark.parametrize(
    "text",
    [
        "I bought a MacBook Pro yesterday.",  # brands: no listed name inside
        "Watch it on YouTube Music tonight.",
        "He plays PlayStation Plus every night.",
        "Join #KevChat tonight",  # a hashtag is social.py's business
        "The DeShawn Foundation gave money.",  # an organisation word after it
    ],
)
def test_brands_and_tags_with_a_capital_inside_are_no_names(lexicon, text):
    camel = [n for n in names(lexicon, text) if any(c.isupper() for c in n[1:].split(" ")[0])]
    assert camel == []


def person(text: str, value: str) -> Found:
    start = text.index(value)
    return Found(start, start + len(value), "PERSON", 0.55, "NameLexiconRecognizer", {})


@pytest.mark.parametrize(
    ("text", "found", "whole"),
    [
        ("Dear Joris de Vries,\n\nWe write about your claim.", "Joris", "Joris de Vries"),
        ("Statement of Anneke van den Heuvel, aged 34.", "Anneke", "Anneke van den Heuvel"),
        ("A letter from Khalid bin Hamad arrived.", "Khalid", "Khalid bin Hamad"),
    ],
)
def test_a_given_name_found_alone_runs_on_over_particles(text, found, whole):
    span = with_the_rest(text, person(text, found))
    assert text[span.start : span.end] == whole


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("We flew to Rio de Janeiro in May.", "Rio"),  # a city's name
        ("Will do Tuesday if that works.", "Will"),  # an ordinary word
        ("Anna de facto agreed.", "Anna"),  # no capitalised word after the particle
    ],
)
def test_what_does_not_run_on_over_particles(text, found):
    span = with_the_rest(text, person(text, found))
    assert text[span.start : span.end] == found
