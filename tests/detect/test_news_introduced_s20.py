"""One word read as an organisation that edited prose never uses in a person's full name is that organisation
(things.organisations_never_introduced; issue 11, session 20). Texts and names are written here, none taken from an
evaluation set."""

from __future__ import annotations

import pytest

from redactor.detect.merge import Found, resolve

ORG = "OrgNameRecognizer"


def at(text: str, value: str, recognizer: str = ORG, *, last: bool = False) -> Found:
    start = text.rindex(value) if last else text.index(value)
    return Found(start, start + len(value), "PERSON", 0.5, recognizer, {})


def labels(text: str, *spans: Found) -> list[tuple[str, str]]:
    return [(text[s.start : s.end], s.entity) for s in resolve(text, list(spans))]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The plant opened in 1950. Half of the site was sold in 1987 to Vendarro , a park developer.", "Vendarro"),
        ("Sales fell in 2003. The chain is now a part of Korvax . Stores closed.", "Korvax"),
        ("The battle lasted a week. Fighters pushed the militia out of Qashmira . Aid arrived.", "Qashmira"),
        ("The album came out in 2003. It was released on Drennvik's own label.", "Drennvik's"),  # the possessive trimmed
    ],
)
def test_an_organisation_never_named_as_a_person_is_an_organisation(text, value):
    assert labels(text, at(text, value)) == [(value.removesuffix("'s"), "ORGANIZATION")]


def test_organisations_in_a_list_with_each_other_are_organisations():
    text = "The dam was finished in 1961. It was built by the firms Voldrek and Tharnley . It still stands."
    assert labels(text, at(text, "Voldrek"), at(text, "Tharnley")) == [("Voldrek", "ORGANIZATION"), ("Tharnley", "ORGANIZATION")]


def test_a_surname_of_a_person_named_in_full_stays_a_person():
    text = "Hal Brantwell joined the club in 1990. Three years later Brantwell left for Spain."
    spans = [at(text, "Hal Brantwell", "SpacyRecognizer"), at(text, "Brantwell", last=True)]
    assert labels(text, *spans) == [("Hal Brantwell", "PERSON"), ("Brantwell", "PERSON")]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The band toured in 1990. Guitarists such as Tohvari , Ridmo and Abdee Negrana joined.", "Ridmo"),  # a list with a person
        ("The band toured in 1990. Guitarists such as Tohvari , Ridmo and Abdee Negrana joined.", "Tohvari"),  # through the list
        ("The meeting ended at six. Korvax said the plan would fail.", "Korvax"),  # a verb of saying after it
        ("I rang at six. Thanks, Mariska . Speak soon.", "Mariska"),  # a greeting
        ("We met in town. Hi, I'm Akosiwa . Text me later.", "Akosiwa"),
        ("The car was found at six. Her friend Drennvik was there.", "Drennvik"),  # a relation near it
        ("ok see u later. Korvax is here", "Korvax"),  # chat is no edited prose
        ("The club was founded in 1901. It signed Smith in 2001.", "Smith"),  # a listed surname
    ],
)
def test_a_person_alone_stays_a_person(text, value):
    spans = [at(text, value)]
    if "Abdee Negrana" in text:
        spans += [at(text, "Abdee Negrana", "SpacyRecognizer"), at(text, "Tohvari" if value == "Ridmo" else "Ridmo")]
    assert (value, "PERSON") in labels(text, *spans)


def test_a_spacy_person_is_not_touched():
    text = "The plant opened in 1950. Half of the site was sold in 1987 to Vendarro , a park developer."
    assert labels(text, at(text, "Vendarro", "SpacyRecognizer")) == [("Vendarro", "PERSON")]


def test_a_guess_that_licence_text_explains_is_dropped_not_made_an_organisation():
    text = (
        "This License applies to any program or other work which contains a notice placed by the copyright holder saying "
        "it may be distributed under the terms of this General Public License. The Program below refers to any such "
        "program or work, and a work based on the Program means either the Program or any derivative work under "
        "copyright law.\n(Hereinafter, translation is included without limitation in the term modification.) Activities "
        "other than copying are not covered."
    )
    assert labels(text, at(text, "Hereinafter")) == []  # text_kind.py drops it first, as it did before
