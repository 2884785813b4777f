"""International address lines to their end: house marks ("nr. 10"), Romanian blocks and sectors, Portuguese
postcodes, Dutch floors, Finnish stairs, Lithuanian and South Asian street words; phone labels in other languages
(issue 11, lines written here)."""

from __future__ import annotations

import pytest

from redactor.detect.recognizers.world_address import WorldAddressRecognizer


@pytest.fixture(scope="module")
def recognizer() -> WorldAddressRecognizer:
    found = WorldAddressRecognizer()
    found.load()
    return found


def spans(recognizer: WorldAddressRecognizer, text: str) -> list[str]:
    return [text[r.start : r.end] for r in recognizer.analyze(text, ["STREET_ADDRESS"])]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("we are at Str. Mihai Eminescu nr. 10, Cluj-Napoca 400000", "Str. Mihai Eminescu nr. 10, Cluj-Napoca 400000"),
        ("Adresa: Calea Dorobanților nr. 5, București", "Calea Dorobanților nr. 5, București"),
        ("Bd. Unirii 15, bl. A3, sc. 2, ap. 14, sector 3, Bucureşti", "Bd. Unirii 15, bl. A3, sc. 2, ap. 14, sector 3, Bucureşti"),
        ("she moved to Rua das Flores 45, 4050-265 Porto", "Rua das Flores 45, 4050-265 Porto"),
        ("her flat is at Keizersgracht 123-II, 1015 CJ Amsterdam", "Keizersgracht 123-II, 1015 CJ Amsterdam"),
        ("post it to Mannerheimintie 12 B 7, 00100 Helsinki", "Mannerheimintie 12 B 7, 00100 Helsinki"),
        ("my new place: Laisvės al. 53, Kaunas", "Laisvės al. 53, Kaunas"),
        ("Gedimino pr. 9, LT-01103 Vilnius", "Gedimino pr. 9, LT-01103 Vilnius"),
        ("Ramesh Kumar, 12/3 Lajpat Nagar, New Delhi 110024", "12/3 Lajpat Nagar, New Delhi 110024"),
        ("office at 14 Janpath Marg, New Delhi", "14 Janpath Marg, New Delhi"),
    ],
)
def test_the_whole_line_is_one_address(recognizer, text, value):
    assert value in spans(recognizer, text)


@pytest.mark.parametrize(
    "text",
    [
        "Table 12 B 7, row 3",
        "The Nagar family came round",
        "we paid 4050-265 over two years",
        "Chapter 4, Part 2, Section 3",
        "nr. 10 on the list",
    ],
)
def test_no_address_without_a_street(recognizer, text):
    assert spans(recognizer, text) == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Plot 45, Sector 12, Dwarka, New Delhi 110075", "Plot 45, Sector 12, Dwarka, New Delhi 110075"),
        ("House 21, Street 5, G-9/1, Islamabad 44000", "House 21, Street 5, G-9/1, Islamabad 44000"),
    ],
)
def test_a_postcode_after_the_city_that_ends_a_line(recognizer, text, value):
    assert value in spans(recognizer, text)


def test_a_year_after_the_city_is_no_postcode(recognizer):
    text = "House 8, Street 22, F-7/2, Islamabad 2019 was the year"
    assert spans(recognizer, text) == ["House 8, Street 22, F-7/2, Islamabad"]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Xavier Espinoza, Cielo Claro 753, Apto. 352, Andalusia, 5040-976-277", "Cielo Claro 753, Apto. 352, Andalusia, 5040"),
        ("at Balcones del Valle 86, Benidorm. Ring 5859-201-858 on arrival.", "Balcones del Valle 86, Benidorm"),
        ("321 Jericho Annex Pershore MG5 4HT", "321 Jericho Annex Pershore MG5 4HT"),
    ],
)
def test_a_phone_after_an_address_is_no_postcode_and_a_uk_postcode_no_flat(recognizer, text, value):
    """A Portuguese postcode is four and three digits, not the start of "5040-976-277"; "MG5" is no flat "m" "G5"."""
    assert value in spans(recognizer, text)


@pytest.mark.parametrize("label", ["gsm", "GSM", "Tlf", "Telefon", "Puhelin", "Celular"])
def test_a_phone_label_in_another_language_is_no_person(label):
    from redactor.detect.misreads import dropped
    from redactor.detect.spans import Found

    text = f"{label} 0475 12 34 56"
    assert dropped(text, Found(0, len(label), "PERSON", 0.85, "SpacyRecognizer", {}))
