"""Session 21 address shapes, at their causes (lines written here in the shapes of the countries' formats, not copied from
any evaluation set): a bare number inside a street's name is its house number unless a date's month or "de" follows it;
streets with no street word (a Central European adjective, a name over a known city); squares, dikes and sides of the
Nordic and Dutch formats; a street named by its street word alone; numbered and lettered streets; Romanian, French and
Portuguese street words; a postcode line over the town's line; Brazil's number, town and state, postcode lines; a street
in lower case after a cue; a street over its town with the country's line under it."""

from __future__ import annotations

import pytest

from redactor.detect.recognizers.address_label import AddressLabelRecognizer
from redactor.detect.recognizers.world_address import WorldAddressRecognizer


def world(text: str) -> list[str]:
    return [text[r.start : r.end] for r in WorldAddressRecognizer().analyze(text, ["STREET_ADDRESS"])]


def labelled(text: str) -> list[str]:
    return [text[r.start : r.end] for r in AddressLabelRecognizer().analyze(text, ["STREET_ADDRESS"])]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("77731;Calle Mayor 14 Zaragoza;40.00", "Calle Mayor 14 Zaragoza"),  # the house number, then the town
        ("Calea Moșilor 220 Bucharest", "Calea Moșilor 220 Bucharest"),
        ("Avenida 5 de Mayo 31, Puebla", "Avenida 5 de Mayo 31, Puebla"),  # a date's day stays in the name
        ("ul. 11 Listopada 8, 31-154 Kraków", "ul. 11 Listopada 8, 31-154 Kraków"),
        ("Bdul Unirii 57\nBucharest", "Bdul Unirii 57\nBucharest"),
        ("Splaiul Unirii 16", "Splaiul Unirii 16"),
        ("7 Cité Véron 75018 Paris", "7 Cité Véron 75018 Paris"),
        ("Tv. do Carmo 3B", "Tv. do Carmo 3B"),
        ("Sandakerplassen 4", "Sandakerplassen 4"),
        ("Olav Rygges plass 7", "Olav Rygges plass 7"),
        ("Bergvegen øvre 12C", "Bergvegen øvre 12C"),
        ("Prinsengracht Oostzijde 9, Zaandam", "Prinsengracht Oostzijde 9, Zaandam"),
        ("Spaarndammerdijk 40, Amsterdam", "Spaarndammerdijk 40, Amsterdam"),
        ("Gamla Nackavagen 3", "Gamla Nackavagen 3"),
        ("Am Lindenpl. 2, 10115 Berlin", "Am Lindenpl. 2, 10115 Berlin"),
        ("Im Stadtpark 3-5\n20249\nHamburg", "Im Stadtpark 3-5\n20249\nHamburg"),
        ("Went past Promenade 9, Nice yesterday", "Promenade 9, Nice"),
        ("9 Esplanade\nWellington", "9 Esplanade\nWellington"),
        ("Went past 14 Straße 27 today", "14 Straße 27"),
        ("Invoice 8\n31 Strada\n12\nTotal 4.00", "31 Strada\n12"),
        ("Returned from 2400 NW C ST, SEATTLE - total 9.10", "2400 NW C ST, SEATTLE"),
        ("Returned from 14 B Elm Street on 2 May.", "14 B Elm Street"),
        ("Invoice 3 - Vodičkova 681/14, Praha - total 2.00", "Vodičkova 681/14, Praha"),
        ("Hlavná 44\nKošice", "Hlavná 44\nKošice"),
        ("Floriańska 21, 31-019", "Floriańska 21, 31-019"),
        ("Ilica 110, Zagreb", "Ilica 110, Zagreb"),
        ("Returned from aleja 3 maja 15 on 2 May.", "aleja 3 maja 15"),  # a date's street in lower case
        ("Søndre Åsen 12", "Søndre Åsen 12"),
        ("Granhaugen 8B", "Granhaugen 8B"),
        ("str. 1 Decembrie 1918, 14a, MD-2001 Chișinău", "str. 1 Decembrie 1918, 14a, MD-2001 Chișinău"),
        ("12 Heydar Aliyev küç., AZ1000 Baku", "12 Heydar Aliyev küç., AZ1000 Baku"),
        ("Invoice 7 - rua das flores de maio 45 - total 9.00", "rua das flores de maio 45"),  # in lower case, no cue
        ("Returned from 400 elm st on 2 May.", "400 elm st"),
        ("Invoice 8\nPrinsengracht 263\n1016GV\nAmsterdam\nTotal 4.00", "Prinsengracht 263\n1016GV\nAmsterdam"),
        ("Thanks!\n\nRua Dona Maria 80\nCampinas - SP\n13000-000\nBrazil", "Rua Dona Maria 80\nCampinas - SP\n13000-000"),
    ],
)
def test_addresses_of_these_shapes_are_whole(text: str, value: str) -> None:
    assert value in world(text)


@pytest.mark.parametrize(
    "text",
    [
        "Juventus 1, Roma 0",  # a score
        "Liverpool 3, Manchester 1",
        "Jana 32, Praha",  # a woman's age and town
        "Chapter 5, London",
        "I watched TV. Then 5 of us left",
        "the street 50 times",
        "Room 12, Paris",
        "Italia 2",  # a score: no compound's first part before "-lia"
        "Copenhagen 5",
        "we walked 5 blocks down the street",
        "I have 2 more st",
    ],
)
def test_other_numbers_stay_out(text: str) -> None:
    assert world(text) == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("could you post it to 4410 oak st, tx thanks", "4410 oak st"),
        ("he lives at 14 old mill lane with his dad", "14 old mill lane"),
        ("my address is calle de la montera 12, order 118-2 is late", "calle de la montera 12"),
        ("she lives at rua das flores 9 braga with her mum", "rua das flores 9 braga"),
    ],
)
def test_a_street_in_lower_case_after_a_cue(text: str, value: str) -> None:
    assert labelled(text) == [value]


@pytest.mark.parametrize(
    "text", ["she lives at 5 blocks down the street", "she lives at 10 minutes from the high road", "I moved to 12 last year"]
)
def test_a_phrase_after_a_house_number_is_no_street(text: str) -> None:
    assert labelled(text) == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Harbour Office\nQueen Street\nApia\nSamoa", "Queen Street\nApia"),
        ("Main Post Office\nMarket Road\nBlantyre\nMalawi", "Market Road\nBlantyre"),
    ],
)
def test_a_street_over_its_town_with_the_country_under_it(text: str, value: str) -> None:
    assert world(text) == [value]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Theatre Academy\nIvan Vazov St.\nOborishte\nSofia 1000\nBulgaria", "Ivan Vazov St.\nOborishte\nSofia 1000"),
        ("Banco Central\nAvenida Cidade de Lisboa\n7600-Praia\nCape Verde", "Avenida Cidade de Lisboa\n7600-Praia"),
        ("Hotel Sol\nCalle Real\nCentro\nMadrid\nOpen daily", "Calle Real\nCentro\nMadrid"),
    ],
)
def test_a_street_over_its_district_town_and_postcode_lines(text: str, value: str) -> None:
    assert world(text) == [value]


@pytest.mark.parametrize("text", ["Abbey Road\nThe End\nThe Beatles", "Notes\nHigh Street\nToday\nLater"])
def test_a_street_over_lines_that_name_no_place_stays_out(text: str) -> None:
    assert world(text) == []
