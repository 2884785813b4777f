"""Session 18 address fixes, found on libpostal's parser test cases (lines written here, none from the set): a direction
before the street's name, a state written with full stops, a state and ZIP code (or a floor or suite) on the lines under
the street, a half house number, a named building and a flat on the lines above, "s/n", Danish and Romanian floors."""

from __future__ import annotations

import pytest

from redactor.detect.recognizers.world_address import WorldAddressRecognizer


def spans(text: str) -> list[str]:
    return [text[r.start : r.end] for r in WorldAddressRecognizer().analyze(text, ["STREET_ADDRESS"])]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("went past 4817 W Maple Ridge Rd, Dunmore, PA 18512 today", "4817 W Maple Ridge Rd, Dunmore, PA 18512"),
        ("it's 77 South 9th St, Carmel yeah", "77 South 9th St, Carmel"),
        ("drop it at 90 Kiln Lane, Brooklyn, N.Y. 11211 pls", "90 Kiln Lane, Brooklyn, N.Y. 11211"),
        ("meet at 55 Lake Shore Dr N, Evanston, IL 60201 at 6", "55 Lake Shore Dr N, Evanston, IL 60201"),
        ("Order 551-2\n418 Birch Hollow Rd NE\nPoulsbo\nWA 98370\nThanks", "418 Birch Hollow Rd NE\nPoulsbo\nWA 98370"),
        ("Kind regards\n12 Cobb Avenue\nLittle Rock\nAR\n72201\nOpen 9-5", "12 Cobb Avenue\nLittle Rock\nAR\n72201"),
        ("18 Quarry Rd\n4th Floor\nAlbany 12207", "18 Quarry Rd\n4th Floor\nAlbany 12207"),
        ("Invoice no. 4471\n9 Dock Street\nSuite 3 Leith", "9 Dock Street\nSuite 3 Leith"),
        ("Flat 9\nHarbour View House\n3 Dock Street\nLeith", "Flat 9\nHarbour View House\n3 Dock Street\nLeith"),
        ("back at 12 1/2 Church Road, Kingston 5", "12 1/2 Church Road, Kingston 5"),
        ("Kingston 5 then 7½ Cedar Road, Kingston 10", "7½ Cedar Road, Kingston 10"),
        ("Fica na Pç. da Liberdade, s/n, Centro", "Pç. da Liberdade, s/n, Centro"),
        ("Envío a C. de la Princesa 14, 28008 Madrid mañana", "C. de la Princesa 14, 28008 Madrid"),
        ("Доставка: Кутузовская наб., 7, 121248 Москва", "Кутузовская наб., 7, 121248 Москва"),
        ("sendt til Nørregade 7 2 t.h. Aarhus, 8000 i går", "Nørregade 7 2 t.h. Aarhus, 8000"),
        ("str. Mărului\nnr. 4 ap. 2 Cluj", "str. Mărului\nnr. 4 ap. 2 Cluj"),
        ("her place is Cra 7#32-16, Bogotá", "Cra 7#32-16, Bogotá"),
    ],
)
def test_address_found_whole(text, value):
    assert value in spans(text)


@pytest.mark.parametrize(
    ("text", "kept_out"),
    [
        ("Invoice no. 2025-118\nPO Box 12\nAlbany", "no. 2025-118"),  # an invoice's number on the line above is no flat
        ("Order 551-2\n418 Birch Hollow Rd NE\nPoulsbo", "Order"),
        ("14 Mill Road, Leeds\n2019\nnext line", "2019"),  # a year on the line under is no postcode
        ("She saw C. Dean at 4 Elm Road, Leeds", "C. Dean"),  # an initial is no calle
    ],
)
def test_address_stops(text, kept_out):
    assert not any(kept_out in s for s in spans(text))


def test_a_business_above_the_street_stays_out_when_a_label_is_also_a_heading():
    from redactor.detect.recognizers.address_label import AddressLabelRecognizer

    text = "Delivery address (from May):\nGrand Hotel\n12 Kiln Road\nLeeds\nPlease update your records."
    found = [text[r.start : r.end] for r in AddressLabelRecognizer().analyze(text, ["STREET_ADDRESS"])]
    assert found == ["12 Kiln Road", "Leeds"]  # read once as a label, once as a heading: the hotel neither time


def test_a_business_word_at_the_end_names_a_business_despite_a_street_word():
    from redactor.detect.recognizers.address_label import AddressLabelRecognizer
    from redactor.detect.recognizers.street_words import business_name

    assert business_name("High Court") and business_name("Harbour Plaza Hotel") and business_name("St Mary's Primary School")
    assert business_name("Coral Island Supermarket") and business_name("Riverside Market")
    assert not business_name("Embassy Court") and not business_name("Calle del Hotel") and not business_name("Bank Street")
    text = "Ship to:\nSt Mary's Primary School\n4 Elm Road\nLeeds"
    assert [text[r.start : r.end] for r in AddressLabelRecognizer().analyze(text, ["STREET_ADDRESS"])] == ["4 Elm Road", "Leeds"]


@pytest.mark.parametrize(
    "value",
    [
        "118-C, Johar Town II, Lahore",  # a house number with its letter, no street word, a city at the end
        "Flat 7A, Block D, Sector 21, Gurugram",
        "Jalan PJU 1A/3, 47301 Petaling Jaya",  # a Malaysian road named with letters and numbers
        "No. 5, Jalan SS 21/37, Petaling Jaya",
    ],
)
def test_numbered_parts_and_malaysian_roads(value):
    text = f"parcel for {value} came back"
    found = spans(text)
    assert value in found, found


def test_ordinary_parts_are_still_no_address():
    assert spans("Round 5, Group C, Madrid") == [] and spans("Chapter 3, Part II, London") == []


@pytest.mark.parametrize(
    "value",
    [
        "Apdo. 4412, 28080 Madrid",  # PO boxes in other languages
        "Apdo. Postal 17, 44100 Guadalajara",
        "Boîte postale 88, 69001 Lyon",
        "а/я 40, 630099 Новосибирск",
        "Praterstraße 9/2/14, 1020 Wien",  # an Austrian house, stair and door
    ],
)
def test_po_boxes_and_doors_abroad(value):
    text = f"send it to {value} please"
    assert value in spans(text), spans(text)


def test_a_date_is_no_house_number():
    assert not any("2019" in s for s in spans("On 12/05/2019 Mill Lane was shut"))


def test_an_unknown_town_before_a_long_postcode():
    from redactor.detect.recognizers.world_address import PostcodeTownRecognizer

    def towns(text: str) -> list[str]:
        return [text[r.start : r.end] for r in PostcodeTownRecognizer().analyze(text, ["STREET_ADDRESS"])]

    assert towns("box left for Kolonia, 96941 today") == ["Kolonia, 96941"]  # a town no list holds, a ZIP code of five digits
    assert towns("Garapan 96950") == ["Garapan 96950"]
    assert towns("Order Qwzx 44812") == [] and towns("Kowalski, 12345") == [] and towns("Xomirt, 2025") == []
