"""Labels, organisations, cities and doctrines that the name rules read as people (issue 11, twelfth pass).

Texts are written here; the names in them are invented, none taken from an evaluation set.
"""

from __future__ import annotations

import pytest

from redactor.detect.merge import resolve
from redactor.detect.recognizers.case_parties import CasePartyRecognizer
from tests.detect.resolved import found_spans, resolved_people


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Questions? Write to ola@example.org or Tel. +47 912 34 567.", "Tel"),
        ("Contact the office or Desk +1 415 555 0100 after nine", "Desk"),
        ("or Mobile 0761 234 567 in the evening", "Mobile"),
        ("Invoice 77; amount EUR 1,250.00; ref AB-12", "EUR"),
        ("paid GBP 40 on the 3rd", "GBP"),
    ],
)
def test_a_phone_label_or_a_currency_read_as_a_person_before_its_number_is_dropped(text, label):
    assert resolved_people(text, found_spans(text, (label, "PERSON", "SpacyRecognizer"))) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Desk Okonkwo +44 7700 900123", "Desk Okonkwo"),  # the label word is part of a longer name
        ("ask Tel about it tomorrow", "Tel"),  # no number after it
        ("EUR said 3 things", "EUR"),  # not right before a number
    ],
)
def test_a_label_word_not_right_before_a_number_stays(text, name):
    assert resolved_people(text, found_spans(text, (name, "PERSON", "SpacyRecognizer"))) == [name]


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Account holder: Wanja Mbeki\nIBAN: DE12 5001 0517 0648 4898 90", "IBAN"),
        ("Ola Nordkvist | IP: 10.1.2.3 | Card: 4111 1111 1111 1111", "Card"),
    ],
)
def test_identifier_labels_before_a_colon_are_no_people(text, label):
    assert resolved_people(text, found_spans(text, (label, "PERSON", "SpacyRecognizer"))) == []


def test_an_organisation_named_with_a_country_is_an_organisation_and_stays_flagged():
    text = "A report by Weather Canada was found at a bus stop"
    kept = resolve(text, found_spans(text, ("Weather Canada", "PERSON", "OrgNameRecognizer")))
    assert [(text[s.start : s.end], s.entity) for s in kept] == [("Weather Canada", "ORGANIZATION")]


@pytest.mark.parametrize(
    ("text", "name", "recognizer"),
    [
        ("Kenya Moore was there", "Kenya Moore", "OrgNameRecognizer"),  # Kenya: a given name in common use
        ("Emma England called", "Emma England", "OrgNameRecognizer"),  # a given name first
        ("Walmart Canada called", "Walmart Canada", "SpacyRecognizer"),  # spaCy's own person: not this rule's
        ("Stefano Rinaldi is out", "Stefano Rinaldi", "OrgNameRecognizer"),  # no country at all
    ],
)
def test_people_with_a_country_word_or_read_by_spacy_stay_people(text, name, recognizer):
    assert resolved_people(text, found_spans(text, (name, "PERSON", recognizer))) == [name]


def test_a_city_of_two_words_read_as_a_full_name_is_a_place():
    text = "Shares fell and Hong Kong stayed calm"  # "Hong" and "Kong" are both in the name lists; no place word
    kept = resolve(text, found_spans(text, ("Hong Kong", "PERSON", "NameLexiconRecognizer")))
    assert [(text[s.start : s.end], s.entity) for s in kept] == [("Hong Kong", "LOCATION")]
    text = "Hong Wei met us"
    assert resolved_people(text, found_spans(text, ("Hong Wei", "PERSON", "NameLexiconRecognizer"))) == ["Hong Wei"]


def test_a_city_after_greater_is_a_place():
    text = "Schools across the greater Leeds area reopened"
    kept = resolve(text, found_spans(text, ("Leeds", "PERSON", "NameLexiconRecognizer")))
    assert [(text[s.start : s.end], s.entity) for s in kept] == [("Leeds", "LOCATION")]


def parties(text: str) -> list[str]:
    return [text[r.start : r.end] for r in CasePartyRecognizer().analyze(text, ["PERSON"])]


def test_a_doctrine_in_a_case_title_is_no_party():
    assert parties('a talk called "Vardology vs. the Internet"') == []  # an invented doctrine no word list holds
    assert parties("Kowalski v. Nordmann") == ["Kowalski", "Nordmann"]
