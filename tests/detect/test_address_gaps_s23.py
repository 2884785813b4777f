"""Parts of one address found apart are one address: a flat, floor or block between them, a landmark's "off", or the comma
that ends a line of the address (``after_addresses.joined_addresses``, session 23). Addresses made up here."""

from __future__ import annotations

from pathlib import Path

import pytest

from redactor.detect.merge import resolve
from redactor.detect.spans import Found
from redactor.detect.stage import DetectSettings, detector_for


def _spans(text: str, *values: str) -> list[Found]:
    return [Found(text.index(v), text.index(v) + len(v), "STREET_ADDRESS", 0.7, "test", {}) for v in values]


def _covered(text: str, spans: list[Found], value: str) -> bool:
    start = text.index(value)
    mask = [False] * len(text)
    for s in spans:
        mask[s.start : s.end] = [True] * (s.end - s.start)
    return all(mask[i] for i in range(start, start + len(value)) if not text[i].isspace())


@pytest.mark.parametrize(
    ("text", "first", "second"),
    [
        ("Lives at Vytauto g. 41 butas 7, LT-44298 Kaunas now", "Vytauto g. 41", "LT-44298 Kaunas"),
        ("Adrese: Tērbatas iela 12, dz. 3, Rīga, LV-1011", "Tērbatas iela 12", "Rīga, LV-1011"),
        ("Morada: Rua do Carmo 48, 3.º Dto, 1200-093 Lisboa", "Rua do Carmo 48", "1200-093 Lisboa"),
        ("Endereço: Rua Tabapuã 210 - Bloco C, ap. 41, 04533-001 São Paulo", "Rua Tabapuã 210", "04533-001 São Paulo"),
        ("deliver to 12, Adebola Street, off Adeniran Ogunsanya Road, Surulere", "12, Adebola Street", "Adeniran Ogunsanya Road, Surulere"),
        ("Adresa: bul. Madach 7, et. 4, ap. 12, 1407 Sofia", "bul. Madach 7", "1407 Sofia"),
    ],
)
def test_a_flat_floor_or_landmark_between_two_parts_makes_one_address(text: str, first: str, second: str) -> None:
    out = resolve(text, _spans(text, first, second))
    addresses = [text[s.start : s.end] for s in out if s.entity == "STREET_ADDRESS"]
    assert len(addresses) == 1 and addresses[0].startswith(first) and addresses[0].endswith(second), addresses


def test_the_comma_that_ends_a_line_of_the_address_is_covered_and_lines_stay_apart() -> None:
    text = "The keys were left at\nul. Ogrodowa 3/12,\n61-821 Poznań\nby the driver."
    out = resolve(text, _spans(text, "ul. Ogrodowa 3/12", "61-821 Poznań"))
    assert [text[s.start : s.end] for s in out] == ["ul. Ogrodowa 3/12,", "61-821 Poznań"]
    assert _covered(text, out, "ul. Ogrodowa 3/12,\n61-821 Poznań")


def test_a_flat_on_the_line_end_goes_with_its_line() -> None:
    text = "Address on file:\nKr. Valdemāra iela 88, dz. 14,\nLiepāja, LV-3401"
    out = resolve(text, _spans(text, "Kr. Valdemāra iela 88", "Liepāja, LV-3401"))
    assert [text[s.start : s.end] for s in out] == ["Kr. Valdemāra iela 88, dz. 14,", "Liepāja, LV-3401"]


@pytest.mark.parametrize(
    ("text", "first", "second"),
    [
        ("from 5 Elm Road to 9 Oak Road", "5 Elm Road", "9 Oak Road"),
        ("14 Mill Lane, then turn left at 2 Church Street", "14 Mill Lane", "2 Church Street"),
        ("12 Hill Street\n\n44 Park Road", "12 Hill Street", "44 Park Road"),  # a blank line between: two addresses
    ],
)
def test_addresses_with_other_words_between_stay_apart(text: str, first: str, second: str) -> None:
    assert len([s for s in resolve(text, _spans(text, first, second)) if s.entity == "STREET_ADDRESS"]) == 2


def test_a_name_read_inside_the_gap_goes_with_it() -> None:
    text = "Morada: Avenida Almirante Reis 77, 4.º Esq, 1150-011 Lisboa"
    spans = [
        *_spans(text, "Avenida Almirante Reis 77", "1150-011 Lisboa"),
        Found(text.index("Esq"), text.index("Esq") + 3, "PERSON", 0.5, "x", {}),
    ]
    out = resolve(text, spans)
    assert [(text[s.start : s.end], s.entity) for s in out] == [("Avenida Almirante Reis 77, 4.º Esq, 1150-011 Lisboa", "STREET_ADDRESS")]


@pytest.fixture(scope="module")
def detector():  # noqa: ANN201 - the engine's detector
    return detector_for(DetectSettings(), Path("models"))


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("Lives at: Vytauto g. 41 butas 7, LT-44298 Kaunas", "Vytauto g. 41 butas 7, LT-44298 Kaunas"),
        ("Forwarding address:\nul. Ogrodowa 3/12,\n61-821 Poznań\nThanks", "ul. Ogrodowa 3/12,\n61-821 Poznań"),
    ],
)
def test_the_detector_covers_the_whole_address(detector, text: str, address: str) -> None:  # noqa: ANN001
    assert _covered(text, list(detector.analyze(text)), address)
