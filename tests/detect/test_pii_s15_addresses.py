"""Session 15, mixed PII: address shapes of Malaysia and Indonesia, Colombia and Argentina, Thailand, Vietnam, Singapore,
Japan, the Balkans and South Asia; a street placed by a unit or building; a known city after an address (issue 11; lines
written here, not taken from any set)."""

from __future__ import annotations

import pytest

from redactor.detect.recognizers.world_address import known_city
from tests.detect.test_address_tails import addresses  # noqa: F401 - addresses is a fixture


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("at No. 12, Jalan Ampang, 50450 Kuala Lumpur", "No. 12, Jalan Ampang, 50450 Kuala Lumpur"),
        ("kirim ke Jalan Sultan No. 4, Medan 20112", "Jalan Sultan No. 4, Medan 20112"),
        ("7, Lorong Maarof 2, Bangsar, 59000 Kuala Lumpur", "7, Lorong Maarof 2, Bangsar, 59000 Kuala Lumpur"),
        ("Jl. Kemang Raya Blok B12, Jakarta 12730", "Jl. Kemang Raya Blok B12, Jakarta 12730"),
        ("Jr. Huallaga 318, Cercado de Lima", "Jr. Huallaga 318, Cercado de Lima"),
        ("Priv. Ciprés 22, Fracc. Los Pinos, 76000 Querétaro, Qro.", "Priv. Ciprés 22, Fracc. Los Pinos, 76000 Querétaro, Qro."),
        ("Calle 45 # 12-30, Medellín", "Calle 45 # 12-30, Medellín"),
        ("Cra. 15 No. 93-60, Bogotá", "Cra. 15 No. 93-60, Bogotá"),
        ("Av. 3N # 45-12, Cali", "Av. 3N # 45-12, Cali"),
        ("Calle 9 N° 412, B1900 La Plata", "Calle 9 N° 412, B1900 La Plata"),
        ("Av. Santa Fe 1234, Piso 5 Dto. C, C1059ABT CABA", "Av. Santa Fe 1234, Piso 5 Dto. C, C1059ABT CABA"),
        ("Pasaje Los Olmos 55, 8320000 Santiago", "Pasaje Los Olmos 55, 8320000 Santiago"),
        ("15, Rue Mohammed V, 20000 Casablanca", "15, Rue Mohammed V, 20000 Casablanca"),
        ("ul. Tsar Simeon I 12, 1000 Sofia", "ul. Tsar Simeon I 12, 1000 Sofia"),
        ("Bulevar kralja Aleksandra 73, 11000 Beograd", "Bulevar kralja Aleksandra 73, 11000 Beograd"),
        ("Улица краља Петра 9, 11000 Београд", "Улица краља Петра 9, 11000 Београд"),
        ("Námestie slobody 12, 917 01 Trnava", "Námestie slobody 12, 917 01 Trnava"),
        ("Rue d'Italie 9, 1000 Bruxelles", "Rue d'Italie 9, 1000 Bruxelles"),
        ("Franz-Josefs-Str. 4, A-5020 Salzburg", "Franz-Josefs-Str. 4, A-5020 Salzburg"),
        ("Strandvejen 12, st. th., 2100 København Ø", "Strandvejen 12, st. th., 2100 København Ø"),
        ("20 Bras Basah Road, #03-21, Singapore 189352", "20 Bras Basah Road, #03-21, Singapore 189352"),
        ("12/3 Silom Soi 8, Bang Rak, Bangkok 10500", "12/3 Silom Soi 8, Bang Rak, Bangkok 10500"),
        ("42 Lê Duẩn, Thạch Thang, Đà Nẵng", "42 Lê Duẩn, Thạch Thang, Đà Nẵng"),
        ("Send to 〒530-0001 Osaka-fu, Kita-ku, Umeda 3-1-1 by Friday", "〒530-0001 Osaka-fu, Kita-ku, Umeda 3-1-1"),
        ("Unit 5, Harbour Tower, 3rd Street, Makati City", "Unit 5, Harbour Tower, 3rd Street, Makati City"),
        ("Ring Road, House No. 14, Addis Ababa", "Ring Road, House No. 14, Addis Ababa"),
        ("Kebele 05, House 88, Addis Ababa", "Kebele 05, House 88, Addis Ababa"),
        ("Plot 12, Community 4, Tema", "Plot 12, Community 4, Tema"),
        ("H.No. 7, Sector 21, Gurugram, Haryana 122016", "H.No. 7, Sector 21, Gurugram, Haryana 122016"),
        ("House 9, Street 3, G-6/4, Islamabad", "House 9, Street 3, G-6/4, Islamabad"),
    ],
)
def test_the_whole_address_is_found(addresses, text, address):  # noqa: F811
    assert address in addresses(text), addresses(text)


@pytest.mark.parametrize(
    "text",
    [
        "on 5th Avenue we met",
        "Round 12, 3rd Place, Final, Wembley",
        "The Opera House 5 stars",
        "ref 123-4567 Tokyo was great",
        "Bulevar the best 12 times",
    ],
)
def test_no_address(addresses, text):  # noqa: F811
    assert addresses(text) == []


def test_a_city_with_or_without_its_accents():
    assert known_city("Da Nang") and known_city("Đà Nẵng") and not known_city("Đà Lạt Nowhere")
