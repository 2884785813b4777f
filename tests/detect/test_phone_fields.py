"""Phone numbers in CSV fields, written with dots or with a slash after the area code (session 14, lines written
here, none from the blind set); thousands and dates stay no phones."""

from __future__ import annotations

import pytest

from redactor.detect.recognizers.phones import WorldPhoneRecognizer


def phones(text: str) -> list[str]:
    return [text[r.start : r.end] for r in WorldPhoneRecognizer().analyze(text, ["PHONE_NUMBER"])]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ('12,"Kasia Lis","Wesoła 4, Opole",+48 512 344 901,PL', "+48 512 344 901"),
        ('12,"Omar Haddad","Dubai",04 455 8821,AE', "04 455 8821"),
        ("id,name,phone,card\n3,Ana,312.555.0187,4111 1111 1111 1111", "312.555.0187"),
        ("Portable : 07.12.34.56.78", "07.12.34.56.78"),
        ("Büro 089/12345678, ab 9 Uhr", "089/12345678"),
        ("Natel 076/412 33 08", "076/412 33 08"),
    ],
)
def test_phone_in_a_field_or_a_local_shape(text, value):
    assert value in phones(text)


@pytest.mark.parametrize(
    "text",
    [
        "Revenue was 1,234,567,890 last year",
        "Filed 12/05/2024 and 03/11/2023",
        "case no. 12345/05 was heard",
        "application no. 02345/05 and 0471/98",
    ],
)
def test_no_phone(text):
    assert phones(text) == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("reach me on 001-303-555-0172x318 after six", "001-303-555-0172x318"),
        ("Work: (303)555-0172x77", "(303)555-0172x77"),
        ("Direct 303.555.0172x4410", "303.555.0172x4410"),
        ("Switchboard 0113 496 0511 ext. 4021, then ask", "0113 496 0511 ext. 4021"),
        ("Tel. +48 (61) 555-12-34 wew. 305", "+48 (61) 555-12-34 wew. 305"),
        ("phone (415) 555-0134 (ext 9)", "(415) 555-0134 (ext 9)"),
    ],
)
def test_an_extension_is_part_of_the_number(text, value):
    assert value in phones(text)
