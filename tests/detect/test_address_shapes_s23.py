"""Address shapes of UK-case countries (session 23): Romanian "Șos.", Bulgarian "bul.", Portuguese "n.º", South Asian
house letters ("P-28"), Hyderabad's three-part house numbers, Bangladeshi holdings, Albanian "Lagjja", Vietnamese "Số",
Nigerian states, an Indian PIN after a dash, a Brazilian state after its town. Addresses made up here."""

from __future__ import annotations

import pytest

from redactor.detect.recognizers.world_address import PostcodeTownRecognizer, WorldAddressRecognizer

WORLD, POSTCODE_TOWN = WorldAddressRecognizer(), PostcodeTownRecognizer()


def found(text: str) -> list[str]:
    return [text[r.start : r.end] for rec in (WORLD, POSTCODE_TOWN) for r in rec.analyze(text, ["STREET_ADDRESS"])]


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("Domiciliul: Șos. Colentina nr. 12, bl. 4, ap. 31, București", "Șos. Colentina nr. 12, bl. 4, ap. 31, București"),
        ("Адрес / address: bul. Bulgaria 58, et. 3, ap. 9, 1680 Sofia", "bul. Bulgaria 58, et. 3, ap. 9, 1680 Sofia"),
        ("Morada: Rua de Cedofeita, n.º 212, Porto", "Rua de Cedofeita, n.º 212"),
        ("Permanent address: B-14, Model Colony No. 2, Rawalpindi", "B-14, Model Colony No. 2, Rawalpindi"),
        ("Correspondence: H.No. 8-2-293, Banjara Hills, Hyderabad - 500034", "H.No. 8-2-293, Banjara Hills, Hyderabad - 500034"),
        ("A van was parked outside Holding 45, Ward 9, Kumarpara, Sylhet 3100 for a week.", "Holding 45, Ward 9, Kumarpara, Sylhet 3100"),
        ("Adresa: Lagjja 5, Rruga Ali Demi, Tiranë 1019", "Lagjja 5, Rruga Ali Demi, Tiranë 1019"),
        ("Địa chỉ: Số 12, Ngõ 7 Phố Huế, Hai Bà Trưng, Hà Nội", "Số 12, Ngõ 7 Phố Huế"),
    ],
)
def test_the_whole_address_is_found(text: str, address: str) -> None:
    assert any(address in value for value in found(text)), found(text)


def test_a_nigerian_state_ends_the_address() -> None:
    text = "Deliver to 12 Lebanon Street, Ibadan, Oyo State by Friday"
    assert "12 Lebanon Street, Ibadan, Oyo State" in found(text), found(text)


def test_a_brazilian_state_after_the_postcode_and_town() -> None:
    text = "Rua Harmonia 12, casa 2\n04538-132 São Paulo - SP\nBrasil"
    assert [text[r.start : r.end] for r in POSTCODE_TOWN.analyze(text, ["STREET_ADDRESS"])] == ["04538-132 São Paulo - SP"]
