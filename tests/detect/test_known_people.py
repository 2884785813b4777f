"""People the case knows: names in any case, aliases whole, phones in any written form, many contacts."""

from __future__ import annotations

import pytest

from redactor.detect.known_people import KnownPeopleRecognizer
from redactor.records import Person

BOOK = [Person(f"p{i}", f"Contact {i:04d}", (), (f"07700 9{i:05d}",), (), "unknown", "S0001 contacts") for i in range(2000)]
SOPHIE = Person("s", "Sophie Turner", ("Soph", "Big J"), ("+44 7700 900555",), ("sophie.t@example.net",), "witness", "roster")


def found(people, text, entities=("PERSON", "PHONE_NUMBER", "EMAIL_ADDRESS")):
    return [
        (text[r.start : r.end], r.entity_type, r.recognition_metadata.get("person_id"))
        for r in KnownPeopleRecognizer(people).analyze(text, list(entities))
    ]


@pytest.mark.parametrize(
    "written", ["07700 900555", "07700900555", "+447700900555", "+44 7700 900555", "0044 7700 900 555", "(07700) 900555", "07700-900-555"]
)
def test_a_known_phone_in_any_written_form(written):
    assert (written, "PHONE_NUMBER", "s") in found([SOPHIE], f"ring {written} later")


def test_a_longer_number_is_not_a_known_phone():
    assert found([SOPHIE], "ref 077009005551 and 107700900555") == []


def test_two_numbers_side_by_side_are_both_found():
    people = [SOPHIE, BOOK[5]]
    assert [t for t, e, _ in found(people, "07700 900555 07700 900005") if e == "PHONE_NUMBER"] == ["07700 900555", "07700 900005"]


def test_a_known_phone_in_a_list_of_numbers_longer_than_forty_digits():
    # four numbers in a row are one written run of 47 digits; a known phone among them is still found
    text = "numbers: 447700900456 07700 900555 447700900457 447700900458"
    assert [(t, pid) for t, e, pid in found([SOPHIE], text) if e == "PHONE_NUMBER"] == [("07700 900555", "s")]
    assert found([SOPHIE], "id " + "7" * 30 + " 07700900555" + "8" * 20) == []  # inside one digit block: not a phone


def test_many_contacts_are_found_in_one_pass():
    text = "texts from 07700 901999 and 07700901234 and 07700 900555"
    hits = [(t, pid) for t, e, pid in found(BOOK, text) if e == "PHONE_NUMBER"]
    assert hits == [("07700 901999", "p1999"), ("07700901234", "p1234"), ("07700 900555", "p555")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ask sophie about it", ["sophie"]),
        ("TURNER was there", ["TURNER"]),
        ("big j and Big J", ["big j", "Big J"]),
        ("a big jump", []),
        ("mail sophie.t@example.net", ["sophie.t@example.net", "sophie"]),
    ],
)
def test_names_and_aliases(text, expected):
    assert sorted(t for t, _, _ in found([SOPHIE], text)) == sorted(expected)


def test_roster_addresses_in_full_and_in_part():
    recognizer = KnownPeopleRecognizer([SOPHIE], addresses={"s": ["14 Larkspur Close, Wakefield WF2 8QT"]})
    text = "went to 14 larkspur close,  Wakefield wf2 8qt and later 14 Larkspur Close again; postcode WF2 8QT"
    hits = [(text[r.start : r.end], r.recognition_metadata["person_id"]) for r in recognizer.analyze(text, ["STREET_ADDRESS"])]
    assert ("14 larkspur close,  Wakefield wf2 8qt", "s") in hits
    assert ("14 Larkspur Close", "s") in hits and ("WF2 8QT", "s") in hits


def test_a_heading_in_capitals_is_not_a_contact_whose_surname_is_a_word():
    people = [Person("p1", "Alex Witness", (), (), (), "witness", "address book")]
    assert found(people, "WITNESS STATEMENT\nthe witness left") == []
    assert [t for t, _, _ in found(people, "WITNESS STATEMENT\nAlex Witness said so")] == ["Alex Witness"]
    assert [t for t, _, _ in found(people, "Then WITNESS came in")] == ["WITNESS"]  # in a sentence, as "TURNER was there"


@pytest.mark.parametrize("name,written", [("Holly Jessop", "holly"), ("Jasmine Okafor", "jasmine")])
def test_a_known_given_name_that_is_also_a_word_counts_in_lower_case(name, written):
    people = [Person("p1", name, (), (), (), "witness", "roster")]
    assert [t for t, _, _ in found(people, f"ask {written} about it")] == [written]


def test_a_surname_that_is_a_word_still_needs_a_capital():
    people = [Person("p1", "Holly Witness", (), (), (), "witness", "roster")]
    assert [t for t, _, _ in found(people, "holly was the witness")] == ["holly"]
