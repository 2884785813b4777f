"""Work shared between recognizers of one text: the text with its capitals folded is worked out once for the three address
recognizers that read it (``street_words.capitals_folded``), and a UK-shaped number is parsed once for the UK phone
recognizer and the world one (``contact.gb_number``). Same answers as computing each afresh."""

from __future__ import annotations

import phonenumbers
from phonenumbers import PhoneNumberFormat

from redactor.detect.recognizers import phones
from redactor.detect.recognizers.address import StreetAddressRecognizer
from redactor.detect.recognizers.contact import UkPhoneRecognizer, gb_number, valid_in_gb
from redactor.detect.recognizers.phones import Reading, WorldPhoneRecognizer, _uk_national
from redactor.detect.recognizers.street_words import capitals_folded
from redactor.detect.recognizers.world_address import PostcodeTownRecognizer, WorldAddressRecognizer


def test_the_folded_text_is_worked_out_once_for_the_three_address_recognizers() -> None:
    text = "SEND IT TO 14 MILL ROAD, LEEDS\nHAUPTSTRASSE 5, 10115 BERLIN"
    capitals_folded.cache_clear()
    for recognizer in (StreetAddressRecognizer(), WorldAddressRecognizer(), PostcodeTownRecognizer()):
        recognizer.analyze(text, ["STREET_ADDRESS"])
    info = capitals_folded.cache_info()
    assert (info.misses, info.hits) == (1, 2)
    assert capitals_folded(text) == capitals_folded.__wrapped__(text)
    assert capitals_folded(text).endswith("14 Mill Road, Leeds\nHauptstrasse 5, 10115 Berlin")


def test_the_folded_cache_keeps_a_few_texts_only() -> None:
    capitals_folded.cache_clear()
    for i in range(50):
        assert capitals_folded(f"{i} MILL ROAD") == f"{i} Mill Road"
    assert capitals_folded.cache_info().currsize <= 4


def _uncached_uk_national(value: str) -> Reading | None:
    try:
        number = phonenumbers.parse(value, "GB")
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(number):
        return None
    return Reading("GB", phonenumbers.format_number(number, PhoneNumberFormat.E164), phonenumbers.is_valid_number(number))


def test_a_uk_number_is_parsed_once_for_both_phone_recognizers() -> None:
    value = "07700 900417"
    text = f"call me on {value} when you get this"
    gb_number.cache_clear()
    phones._match.cache_clear()
    UkPhoneRecognizer().analyze(text, ["PHONE_NUMBER"])
    found = WorldPhoneRecognizer().analyze(text, ["PHONE_NUMBER"])
    assert gb_number.cache_info().misses == 1
    assert [(r.start, r.end) for r in found] == [(11, 23)]
    assert found[0].recognition_metadata["e164"] == "+447700900417"


def test_the_shared_parse_gives_the_same_readings() -> None:
    values = ["07700 900417", "020 7946 0891", "0113 496 0000", "01632 960 001", "07911 123456", "0800 123 4567", "0161-496-0000",
              "(0113) 496 0123", "07700900999", "0345 678 9012", "09098 790 123", "01234 567", "abc", "0044 20 7946 0000"]  # fmt: skip
    for value in values:
        if phones._UK_NATIONAL.fullmatch("".join(c for c in value if c.isdigit())) and not value.startswith("00"):
            assert _uk_national(value) == _uncached_uk_national(value), value
        else:
            assert _uk_national(value) is None
        assert valid_in_gb(value) == valid_in_gb.__wrapped__(value)
