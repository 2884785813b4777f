"""The parts written around an address line, in each country's order (session 14, lines written here, none from
the blind set): a unit, building or house word before it, a town written first, and a state, province, county,
country, postcode word, CEDEX or district after it; Korean and Japanese roads and wards; PO boxes in other
languages; a town followed by the next sentence."""

from __future__ import annotations

import pytest

from redactor.detect.recognizers.address import StreetAddressRecognizer
from redactor.detect.recognizers.world_address import WorldAddressRecognizer


@pytest.fixture(scope="module")
def recognizers() -> list:
    return [WorldAddressRecognizer(), StreetAddressRecognizer()]


def spans(recognizers: list, text: str) -> list[str]:
    return [text[r.start : r.end] for rec in recognizers for r in rec.analyze(text, ["STREET_ADDRESS"])]


@pytest.mark.parametrize(
    "value",
    [
        "Suite 5, 210 Collins Street, Melbourne VIC 3000",
        "No. 22 Awolowo Road, Ikoyi, Lagos",
        "Room 818, Block 2, 65 Nanjing West Road, Jing'an District, Shanghai 200041",
        "Appartement 9, 3 rue Victor Hugo, 75016 Paris",
        "Avenida Brasil 500, Rio de Janeiro - RJ, 20040-002",
        "Rua Quinze de Novembro 300, Curitiba/PR, CEP 80020-310",
        "Strada Republicii 9, 500030 Brașov, jud. Brașov",
        "2417 Olaya Street, Al Wurud, Riyadh 12252 - 7778",
        "Cumhuriyet Cad. No: 8 D: 3, 06420 Çankaya/Ankara",
        "Bahçelievler Mah. Adnan Kahveci Blv. No:14 Bahçelievler/İstanbul",
        "PO Box 1500, Austin, TX 78767",
        "Hauptstraße 3, 1010 Wien, Austria",
        "Apartment 4, Harbour View, Cobh, Co. Cork P24 YK83",
        "77 Prairie Bay, Regina, SK S4S 6W1",
        "Drottninggatan 25, 2 tr, 111 51 Stockholm",
        "Andrássy út 12. III. em. 2., 1061 Budapest",
        "15 Sejong-daero 110beon-gil, Jung-gu, Seoul 04524",
        "2-11-3 Meieki, Nakamura-ku, Nagoya 450-0002",
        "Postfach 12 34 56, 80331 München",
        "Box 1234, 411 04 Göteborg",
        "BP 33, 75001 Paris Cedex 01",
        "P.O. Box 30120-00100, Mombasa",
        "Blk 4 Lot 22, Phase 1, Villa Verde, Quezon City",
    ],
)
def test_the_address_line_with_the_parts_around_it(recognizers, value):
    text = f"Please send it to {value}\nThanks"
    found = spans(recognizers, text)
    at = text.index(value)
    covered = {i for s in found for i in range(text.index(s), text.index(s) + len(s))}
    assert all(at + i in covered for i, c in enumerate(value) if not c.isspace()), found


def test_a_town_before_the_next_sentence_keeps_the_address():
    """In "Praha. Order" a town ends and the next sentence starts: "Praha." is no abbreviated first word ("St. Veit")."""
    text = "Deliver to Husova 5, 110 00 Praha. Order ABC-123 follows."
    assert "Husova 5, 110 00 Praha" in spans([WorldAddressRecognizer()], text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Budapest HQ: 4025 Debrecen, Piac utca 20, 2nd floor", "4025 Debrecen, Piac utca 20, 2nd floor"),  # the floor too (s18)
        ("a year is no postcode: 4 Station Road, Leeds 2019 and on", "4 Station Road, Leeds"),
        ("12 Mill Lane, Leeds LS6 2AB. Then we left", "12 Mill Lane, Leeds LS6 2AB"),
    ],
)
def test_what_is_added_and_what_is_not(recognizers, text, value):
    assert value in spans(recognizers, text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Ship to 18 Harlow Creek Apt. 12\nWest Dorian, KS 66044 by Friday", "18 Harlow Creek Apt. 12\nWest Dorian, KS 66044"),
        ("He stays at 5 Tern Way\nPlymouth PL1 3QX and works nights", "5 Tern Way\nPlymouth PL1 3QX"),
        ("at 210 Spadina Avenue\nToronto, ON M5T 2C2 until May", "210 Spadina Avenue\nToronto, ON M5T 2C2"),
        ("Forward to PSC 2031, Box 4410\nAPO AE 09012 please", "PSC 2031, Box 4410\nAPO AE 09012"),
        ("Forward to USS Halvorsen\nFPO AP 96601 please", "USS Halvorsen\nFPO AP 96601"),
    ],
)
def test_the_town_line_under_the_street_though_the_sentence_goes_on(recognizers, text, value):
    """A town line that ends in a postcode is the address's, whatever follows it on the line; a year is no postcode."""
    assert value in spans(recognizers, text)


def test_a_year_on_the_next_line_is_no_postcode(recognizers):
    text = "at 12 Mill Lane\nSummer 2019 was fun"
    assert not any("Summer" in s for s in spans(recognizers, text))
