"""A business or public body named before its street is no part of a person's address; a home's name is (session 17;
lines written here, not the worldaddr set's)."""

from __future__ import annotations

from redactor.detect.recognizers.address_label import AddressLabelRecognizer
from redactor.detect.recognizers.street_words import business_name


def labelled(text: str) -> list[str]:
    return [text[r.start : r.end] for r in AddressLabelRecognizer().analyze(text, ["STREET_ADDRESS"])]


def test_a_business_line_above_the_street_is_left_out():
    assert labelled("Ship to:\nKowalski Hardware Shop\nul. Długa 5\n31-147 Kraków") == ["ul. Długa 5", "31-147 Kraków"]
    assert labelled("Address: Banca Transilvania, Strada Mihai Eminescu 12, Cluj") == ["Strada Mihai Eminescu 12, Cluj"]
    assert labelled("she has lived at Hotel Miramar, Calle Mayor 4, Alicante since May") == ["Calle Mayor 4, Alicante"]


def test_a_home_a_street_and_a_house_name_stay():
    assert labelled("Address: Larchwood Care Home, 4 Elm Road, Leeds") == ["Larchwood Care Home, 4 Elm Road, Leeds"]
    assert labelled("Ship to:\nRose Cottage\nMill Lane\nHexham") == ["Rose Cottage", "Mill Lane", "Hexham"]
    assert labelled("Address: Bank Street 7, Oslo") == ["Bank Street 7, Oslo"]
    assert labelled("Address: Grand Hotel") == ["Grand Hotel"]  # nothing after it: the label says it is the address


def test_business_names():
    assert business_name("Kowalski Hardware Shop") and business_name("Embassy of Ireland") and business_name("Acme Ltd")
    assert not business_name("Women's Refuge") and not business_name("Bank Lane") and not business_name("12 Hotel Road")
