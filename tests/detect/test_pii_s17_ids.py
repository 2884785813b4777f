"""IBANs of the registry's newer countries, grouped or run together (session 17; lines written here, numbers built here
with valid check digits, none of them the ``worldids`` set's)."""

from __future__ import annotations

import pytest

from redactor.detect.recognizers.uk_ids import WorldIbanRecognizer

NEWER = (
    "MN40 6639 2332 1468 8197",
    "RU59 3699 3563 2729 5181 7560 4806 3581 7",
    "SV97 QGTO 0523 2792 8201 0276 1612",
    "NI45 JFFN 2385 7341 5218 4090 5366",
    "BI75 5666 5812 0567 3434 1533 647",
    "OM97 1764 1845 7824 6469 246",
)


def ibans(text: str) -> list[str]:
    return [text[r.start : r.end] for r in WorldIbanRecognizer().analyze(text, ["IBAN_CODE"]) if r.score >= 0.5]


@pytest.mark.parametrize("number", NEWER)
def test_newer_registry_countries_are_found_grouped_and_run_together(number):
    assert ibans(f"send it to {number} AB please") == [number]
    compact = number.replace(" ", "")
    assert ibans(f"acct {compact}, thanks 12 May") == [compact]
    dashed = number.replace(" ", "-")
    assert ibans(f"({dashed})") == [dashed]


def test_a_wrong_check_or_a_longer_word_is_no_iban():
    assert ibans("MN41 6639 2332 1468 8197") == []  # check digits off by one
    assert ibans("MN4066392332146881970X") == []  # glued to more characters
    assert ibans("GB82 WEST 1234 5698 7654 32 and DE89 3704 0044 0532 0130 00") == [
        "GB82 WEST 1234 5698 7654 32",
        "DE89 3704 0044 0532 0130 00",
    ]


def test_the_recognizer_is_registered():
    from redactor import paths
    from redactor.detect.engine import build_registry

    names = {r.name for r in build_registry(paths.models_dir() / "recognizers.yaml", "en").recognizers}
    assert "WorldIbanRecognizer" in names


@pytest.mark.parametrize("text", ["from ::ffff:10.20.30.40 again", "bound to ::1.", "net 2001:db8:ab::, gateway"])
def test_an_ipv6_address_keeps_its_leading_and_trailing_colons(text):
    from redactor.detect.merge import _trim

    value = next(w for w in text.split() if "::" in w).rstrip(".,")
    start = text.index(value)
    assert _trim(text, start - 1, start + len(value) + 1, "IP_ADDRESS") == (start, start + len(value))


def emails(text: str) -> list[str]:
    from redactor.detect.recognizers.contact import InternationalEmailRecognizer

    return [text[r.start : r.end] for r in InternationalEmailRecognizer().analyze(text, ["EMAIL_ADDRESS"]) if r.score >= 0.5]


def test_an_address_in_another_script_is_an_email():
    assert emails("napisz: łukasz.wróbel@poczta.przykład.pl dzięki") == ["łukasz.wróbel@poczta.przykład.pl"]
    assert emails("メール 田中@会社.日本 まで") == ["田中@会社.日本"]
    assert emails("σ.παπας@παράδειγμα.ελ.") == ["σ.παπας@παράδειγμα.ελ"]
    assert emails("plain ascii bob@example.com and a handle @łukasz") == []


@pytest.mark.parametrize(
    ("text", "dropped"),
    [
        ("Zwrot 120 PLN wysłany 3 maja (ref 77120).", True),
        ("We paid the deposit, reference Q771/2025, on Friday", True),
        ("Crime reference 44-ZX-9981 and we paid €40", False),  # a crime's reference
        ("Please quote reference 77120 when you call us.", False),  # no payment in its sentence
        ("The invoice is settled.\nReference 77120 is the incident's.", False),  # the payment is another sentence's
    ],
)
def test_a_payment_reference_is_no_case_reference(text, dropped):
    from redactor.detect.recognizers.uk_ids import payment_reference

    start = max(text.find("77120"), text.find("Q771"), text.find("44-ZX"))
    assert payment_reference(text, start, "CASE_REFERENCE", "reference after a label (...)") is dropped
    assert not payment_reference(text, start, "CASE_REFERENCE", "crime reference with force prefix")


def test_the_detector_leaves_a_payment_reference_and_keeps_a_crime_reference():
    from redactor import paths
    from redactor.detect.engine import Detector

    models = paths.models_dir()
    detector = Detector(models / "nlp_engine.yaml", models / "recognizers.yaml")
    text = "Refund of 35 EUR sent on 2 May (ref 66120).\nCrime reference 44-ZX-9981 was given to the caller."
    found = {text[s.start : s.end]: s.entity for s in detector.analyze(text)}
    assert "66120" not in found and found.get("44-ZX-9981") == "CASE_REFERENCE"
