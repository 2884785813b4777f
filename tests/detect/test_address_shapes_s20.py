"""Session 20 address fixes (lines written here, none from a set): an address printed in capitals inside a sentence in
lower case ("Went past 912-914 8TH ST, CLARKSTON, WA 99403 yesterday"), a street with no street word written as a
Mexican address's comma-separated fields ("OBREGÓN TAPIA, 218, 44610, GUADALAJARA"), a numbered street written without
its ordinal after the house number ("418 e 71 st", "52 17 street"), and a numbered highway or route ("7720 US Highway 82",
"Route 44"). Headings and sentences in capitals, weights in stones and years stay out."""

from __future__ import annotations

import pytest

from redactor.detect.recognizers.address import StreetAddressRecognizer
from redactor.detect.recognizers.address_label import AddressLabelRecognizer
from redactor.detect.recognizers.street_words import capitals_folded
from redactor.detect.recognizers.world_address import PostcodeTownRecognizer, WorldAddressRecognizer

RECOGNIZERS = (AddressLabelRecognizer(), WorldAddressRecognizer(), StreetAddressRecognizer(), PostcodeTownRecognizer())


def covered(text: str, value: str) -> bool:
    """Every non-space character of ``value`` (first found in ``text``) is inside some address span."""
    start = text.index(value)
    marks = bytearray(len(text))
    for rec in RECOGNIZERS:
        for r in rec.analyze(text, ["STREET_ADDRESS"]):
            marks[r.start : r.end] = b"\x01" * (r.end - r.start)
    return all(marks[i] or text[i].isspace() for i in range(start, start + len(value)))


def addresses(text: str) -> list[str]:
    return [text[r.start : r.end] for rec in RECOGNIZERS for r in rec.analyze(text, ["STREET_ADDRESS"])]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Dropped it at 1207-1209 3RD AVE, SPOKANE, WA 99202 before lunch.", "1207-1209 3RD AVE, SPOKANE, WA 99202"),
        ("parcel back from 3310-C N MAPLE RD YAKIMA WA 98901 on Monday", "3310-C N MAPLE RD YAKIMA WA 98901"),
        ("we stayed near OBREGÓN TAPIA, 218, 44610, GUADALAJARA, jalisco last week", "OBREGÓN TAPIA, 218, 44610, GUADALAJARA"),
        ("send it to 418 e 71 st pls", "418 e 71 st"),
        ("she lives at 52 17 street, nyc with her dad", "52 17 street"),
        ("Thanks!\n\n706 n 3 ave", "706 n 3 ave"),
        ("Invoice 118 - 7720 US Highway 82, STE 4, Sherman, TX, 75090 - paid", "7720 US Highway 82"),
        ("Deliver to 15 Route 44, Raynham", "15 Route 44"),
    ],
)
def test_found(text, value):
    assert covered(text, value)


@pytest.mark.parametrize(
    "text",
    [
        "the WITNESS STATEMENT of 12 May was read",
        "I went from 15 12 st 4 lb to 13 st",
        "Call NHS 111 now",
        "we drove 300 miles on Route 66 last year",
        "Round 5, 2019, Final",
    ],
)
def test_not_addresses(text):
    assert addresses(text) == []


def test_capitals_run_folded_in_place():
    text = "Went past 912-914 8TH ST, CLARKSTON, WA 99403 yesterday"
    folded = capitals_folded(text)
    assert len(folded) == len(text)
    assert folded == "Went past 912-914 8th ST, Clarkston, WA 99403 yesterday"
    assert capitals_folded("the WITNESS STATEMENT of 12 May") == "the WITNESS STATEMENT of 12 May"
