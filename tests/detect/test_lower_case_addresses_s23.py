"""An address typed in lower case after an address cue is read as if capitalised (``street_words._fold_lower_after_cues``,
session 23): chat and voicemail transcripts write no capitals. Addresses made up here."""

from __future__ import annotations

import pytest

from redactor.detect.recognizers.address import StreetAddressRecognizer
from redactor.detect.recognizers.street_words import capitals_folded
from redactor.detect.recognizers.world_address import PostcodeTownRecognizer, WorldAddressRecognizer

RECOGNIZERS = (StreetAddressRecognizer(), WorldAddressRecognizer(), PostcodeTownRecognizer())


def found(text: str) -> list[str]:
    return [text[r.start : r.end] for rec in RECOGNIZERS for r in rec.analyze(text, ["STREET_ADDRESS"])]


def covered(text: str, value: str) -> bool:
    start = text.index(value)
    mask = [False] * len(text)
    for rec in RECOGNIZERS:
        for r in rec.analyze(text, ["STREET_ADDRESS"]):
            mask[r.start : r.end] = [True] * (r.end - r.start)
    return all(mask[i] for i in range(start, start + len(value)) if not text[i].isspace())


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("ok so shes movin to ul. kwiatkowskiego 18/3, 30-712 kraków on the 4th", "ul. kwiatkowskiego 18/3, 30-712 kraków"),
        ("can u send it to my aunties 17, bajulaiye road, shomolu, lagos thx", "17, bajulaiye road, shomolu, lagos"),
        ("the address is strada vasile lupu 41, 700309 iași ok", "strada vasile lupu 41, 700309 iași"),
        ("post it to 8 fernbank close, rotherham s61 2qb pls", "8 fernbank close, rotherham S61 2QB".lower()),
    ],
)
def test_a_lower_case_address_after_a_cue_is_found(text: str, address: str) -> None:
    assert covered(text, address), found(text)


@pytest.mark.parametrize(
    "text",
    [
        "send it to 5 more people",
        "meet me at 10 past 5 ok",
        "i'm moving to leeds in 2 weeks",
        "ship it to 3 friends before friday",
        "my number is 07700 900123",
        "my address is the same as before lol",
    ],
)
def test_lower_case_words_after_a_cue_are_no_address_without_one(text: str) -> None:
    assert found(text) == []


def test_the_folding_keeps_offsets_and_reads_only_after_a_cue() -> None:
    text = "meet at 4 mill lane, leeds ls6 2ab. also 4 mill lane"
    folded = capitals_folded(text)
    assert len(folded) == len(text)
    assert folded.startswith("meet at 4 Mill Lane, Leeds LS6 2AB")
    assert folded.endswith("also 4 mill lane")  # no cue before it
    assert capitals_folded("Meet at 4 Mill Lane") == "Meet at 4 Mill Lane"  # written with capitals: left as it is
