"""Session 16 address fixes (lines written here; none from the worldaddr set): an address after a sentence's cue with no
house number, the lines under a heading that ends in a cue ("Ship to:", "... delivered to:"), a postcode or an "unnamed
road" line inside such a block, a record's address field, and the country left out."""

from __future__ import annotations

import pytest

from redactor.detect.recognizers.address_label import AddressLabelRecognizer
from redactor.detect.recognizers.world_address import WorldAddressRecognizer


def spans(text: str) -> list[str]:
    return [text[r.start : r.end] for r in AddressLabelRecognizer().analyze(text, ["STREET_ADDRESS"])]


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("my address is Kotebe Road, Addis Ababa if you need it", ["Kotebe Road, Addis Ababa"]),
        ("She has lived at Harnet Avenue, Asmara, Eritrea since 2015.", ["Harnet Avenue, Asmara"]),
        ("Please send the papers to Rua Augusta 40, 1100-048 Lisboa by Friday.", ["Rua Augusta 40, 1100-048 Lisboa"]),
        ("we stayed at Calle Mayor, Tudela, lovely place", ["Calle Mayor, Tudela"]),
        ("Ship to:\nKotebe Road\nAddis Ababa\nEthiopia\n\nThanks!", ["Kotebe Road", "Addis Ababa"]),
        ("Your order will be delivered to:\nHarnet Avenue\n1001\nTracking 5512 0093.", ["Harnet Avenue", "1001"]),
        ("Bill to\nunnamed road\n17100 Rufisque\nSenegal", ["unnamed road", "17100 Rufisque"]),
        (
            "Forwarding address (from June):\nRua Augusta 40\n1100-048 Lisboa\nPlease update your records.",
            ["Rua Augusta 40", "1100-048 Lisboa"],
        ),
        ("Visit us at\nشارع الحمرا\nبيروت\nOpen 09:00-18:00", ["شارع الحمرا", "بيروت"]),
        (
            "We will ship it to:\nRua Augusta 40\n1100-048 Lisboa\nQuestions? Call 0800 123 456\nKind regards\nAna Silva",
            ["Rua Augusta 40", "1100-048 Lisboa"],
        ),
        ("Delivery address\nHlavná 12\n040 01 Košice\nKind regards\nJana Nováková", ["Hlavná 12", "040 01 Košice"]),
        ('{"id": 7, "shipping_address": "Harnet Avenue, Asmara, Eritrea", "qty": 2}', ["Harnet Avenue, Asmara"]),
    ],
)
def test_address_found(text, values):
    assert spans(text) == values


@pytest.mark.parametrize(
    "text",
    [
        "he moved to London last year",
        "she lives at home with her mum",
        "I went to the shop and then to the park.",
        "We need to send it to them by Friday",
        "IP address: 10.0.0.1",
        "Email address:\nsame as above",
        "the parcel was delivered to\nthe wrong house and the neighbour kept it",
    ],
)
def test_no_address(text):
    assert spans(text) == []


def world(text: str) -> list[str]:
    recognizer = WorldAddressRecognizer()
    recognizer.load()
    return [text[r.start : r.end] for r in recognizer.analyze(text, ["STREET_ADDRESS"])]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Hlavná 12\n040 01 Košice", "Hlavná 12\n040 01 Košice"),
        ("Wesoła 7\n45-012 Opole\nthanks", "Wesoła 7\n45-012 Opole"),
    ],
)
def test_house_number_then_postcode_and_town_on_the_next_line(text, value):
    assert value in world(text)


@pytest.mark.parametrize("text", ["Round 5\n2019 Final", "Item 12\n4500 Units", "Page 3\n1200 Words"])
def test_no_address_on_two_lines(text):
    assert world(text) == []
