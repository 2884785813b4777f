"""A surname alone as news writes a person on second mention (issue 11, news names): before a verb of saying, or as
a sentence's subject before a verb.

Lines written here; none is taken from an evaluation set."""

from __future__ import annotations

import pytest

from tests.detect.test_org_span_names import detector, people  # noqa: F401 - detector is a fixture


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Rathbun wrote to the board on Monday.", "Rathbun"),
        ("Osborne promised to cut the deficit.", "Osborne"),
        ("Wilkins observed that the date was wrong.", "Wilkins"),
        ("The board met twice. Montalvo contacted former members.", "Montalvo"),  # a sentence's subject, then a verb
        ("Montalvo had read an article about it.", "Montalvo"),
    ],
)
def test_a_listed_surname_alone_before_a_verb_of_saying_is_a_person(detector, text, name):  # noqa: F811
    assert name in people(detector, text)


@pytest.mark.parametrize(
    "text",
    [
        "Microsoft said the patch was ready.",  # in no surname list
        "The Times said nothing.",  # an ordinary word after an article
        "He said no.",
        "London said goodbye to the summer.",  # a city
        "Wilkins Street was closed.",  # no verb of saying
        "Friday was a good day for the team.",  # a day, though a surname list holds it
        "The boat rescued on Friday was turned around.",  # not a sentence's subject
        "Most of the Sams continued to sing.",  # after an article
    ],
)
def test_no_person_without_a_listed_surname_and_a_verb_of_saying(detector, text):  # noqa: F811
    assert not people(detector, text)
