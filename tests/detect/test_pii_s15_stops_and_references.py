"""Session 15, mixed PII: an address keeps the full stop of its last abbreviation or house number; order, invoice,
ticket and quote numbers are no case references (issue 11; lines written here, not taken from any set)."""

from __future__ import annotations

import pytest

from redactor.detect.recognizers.street_words import keeps_full_stop


@pytest.fixture(scope="module")
def detector():
    from redactor import paths
    from redactor.detect.engine import Detector

    models = paths.models_dir()
    return Detector(models / "nlp_engine.yaml", models / "recognizers.yaml")


def flagged(detector, text: str, entity: str | None = None) -> list[str]:
    return [text[s.start : s.end] for s in detector.analyze(text) if entity is None or s.entity == entity]


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("Mándelo a Av. Hidalgo 410, Col. Centro, 58000 Morelia, Mich.", "Av. Hidalgo 410, Col. Centro, 58000 Morelia, Mich."),
        ("Dirección: Calle Juárez 19, Col. Obispado, 64060 Monterrey, N.L.", "Calle Juárez 19, Col. Obispado, 64060 Monterrey, N.L."),
        ("Küldd ide: 9021 Győr, Baross Gábor út 12.", "9021 Győr, Baross Gábor út 12."),
    ],
)
def test_an_address_keeps_its_abbreviation_s_full_stop(detector, text, address):
    assert address in flagged(detector, text, "STREET_ADDRESS")


@pytest.mark.parametrize(
    ("value", "keeps"),
    [("Morelia, Mich.", True), ("Monterrey, N.L.", True), ("Baross Gábor út 12.", True), ("Leeds LS6 1AP.", False),
     ("Kraków.", False), ("5 Elm Road.", False), ("110 00 Praha.", False), ("8010 Graz.", False)],
)  # fmt: skip
def test_which_full_stops_are_kept(value, keeps):
    assert keeps_full_stop(value, 0, len(value)) is keeps


@pytest.mark.parametrize(
    "text",
    [
        "Your order ORD-71234 ships on Friday.",
        "Invoice INV-2023-0456 is attached, total £90.",
        "Ticket TKT-550123 was closed yesterday.",
        "Thanks, quote reference QX7781 is valid for 30 days.",
        "Payment reference 2023/INV/77 received.",
        "Transfer done, reference INV-2023-0812.",
        "Please quote ref 2022/INV/901 on the remittance.",
    ],
)
def test_commerce_numbers_are_no_case_references(detector, text):
    assert flagged(detector, text, "CASE_REFERENCE") == []


@pytest.mark.parametrize(
    ("text", "reference"),
    [
        ("Crime reference MPS-4412345 was given.", "MPS-4412345"),
        ("Our ref WMP-20231456 applies.", "WMP-20231456"),
        ("Case reference 23/45678/21 from the OIC.", "23/45678/21"),
    ],
)
def test_case_references_stay(detector, text, reference):
    assert reference in flagged(detector, text, "CASE_REFERENCE")
