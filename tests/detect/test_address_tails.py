"""The whole of an international address line: floors and doors, a house letter, a district letter after the town,
a plot, a PO box's town and postcode (issue 11, eleventh pass). Lines written here in each country's usual shape."""

from __future__ import annotations

import pytest

from redactor.detect.merge import Found, resolve
from redactor.detect.recognizers.world_address import WorldAddressRecognizer


@pytest.fixture(scope="module")
def addresses():
    recognizer = WorldAddressRecognizer()

    def found(text: str) -> list[str]:
        return [text[r.start : r.end] for r in recognizer.analyze(text, ["STREET_ADDRESS"])]

    return found


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("Send the parcel to Kongensgade 38, 2. tv, 5000 Odense C.", "Kongensgade 38, 2. tv, 5000 Odense C"),
        ("Her flat is at Storgatan 14 B, 411 38 Göteborg.", "Storgatan 14 B, 411 38 Göteborg"),
        ("Tel. +36 1 457 8120, Andrássy út 45. 2. em. 7, 1061 Budapest", "Andrássy út 45. 2. em. 7, 1061 Budapest"),
        ("ships to Plot 14, Spintex Road, Accra.", "Plot 14, Spintex Road, Accra"),
        ("Dirección: Calle Mayor 4, 3º izq, 28013 Madrid", "Calle Mayor 4, 3º izq, 28013 Madrid"),
        ("Zustellung an Lindenstraße 9, 3. OG, 10969 Berlin", "Lindenstraße 9, 3. OG, 10969 Berlin"),
    ],
)
def test_an_address_line_is_found_to_its_end(addresses, text, address):
    assert any(address in found for found in addresses(text))


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("P.O. Box: PO Box 4471, Nairobi 00100", "PO Box 4471, Nairobi 00100"),
        ("write to P.O. Box 52, 00-950 Warszawa", "P.O. Box 52, 00-950 Warszawa"),
    ],
)
def test_a_po_box_with_its_town_and_postcode(addresses, text, address):
    assert address in addresses(text)


@pytest.mark.parametrize(
    ("text", "address"), [("I live at Storgatan 14 B today", "Storgatan 14"), ("Kongensgade 38, 2 tv", "Kongensgade 38")]
)
def test_a_letter_or_floor_needs_its_shape(addresses, text, address):
    assert addresses(text) == [address]


@pytest.mark.parametrize("label", ["P.O. Box", "Fax", "Phone", "Cell"])
def test_a_contact_label_before_a_colon_is_no_person(label):
    text = f"{label}: 4471"
    assert resolve(text, [Found(0, len(label), "PERSON", 0.85, "SpacyRecognizer", {})]) == []


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("I live at vul. Khreshchatyk 22, kv. 5, Kyiv 01001", "vul. Khreshchatyk 22, kv. 5, Kyiv 01001"),
        ("Registered to Vinohradská 1511/230, 100 00 Praha 10", "Vinohradská 1511/230, 100 00 Praha 10"),
        ("post it to 4 Merrion Square, Dublin 2", "4 Merrion Square, Dublin 2"),
    ],
)
def test_latin_letters_for_cyrillic_streets_and_a_towns_district(addresses, text, address):
    assert any(address in found for found in addresses(text))


def test_two_addresses_side_by_side_are_one_flag():
    text = "Please update my address to Flat 12B, Sea View Apartments, 22 Marine Drive, Mumbai 400020"
    first, second = "Flat 12B, Sea View Apartments", "22 Marine Drive, Mumbai 400020"
    spans = [Found(text.index(v), text.index(v) + len(v), "STREET_ADDRESS", 0.7, "WorldAddressRecognizer", {}) for v in (first, second)]
    assert [text[s.start : s.end] for s in resolve(text, spans)] == [f"{first}, {second}"]


def test_addresses_with_words_between_stay_apart():
    text = "from 5 Elm Road to 9 Oak Road"
    spans = [Found(text.index(v), text.index(v) + len(v), "STREET_ADDRESS", 0.7, "x", {}) for v in ("5 Elm Road", "9 Oak Road")]
    assert len(resolve(text, spans)) == 2


def test_a_district_is_no_start_of_a_phone_number(addresses):
    text = "The keys are with the concierge at Rua Feio Terenas 2673, Amarante. Ring 90 1778 3241 on arrival."
    assert addresses(text) == ["Rua Feio Terenas 2673, Amarante"]
