"""A range of years is no phone number (redactor/detect/years.py): "Copyright (c) 2001-2024 Zentrix Ltd"."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def detector():
    from redactor import paths
    from redactor.detect.engine import Detector

    models = paths.models_dir()
    return Detector(models / "nlp_engine.yaml", models / "recognizers.yaml")


def phones(detector, text: str) -> list[str]:
    return [text[s.start : s.end] for s in detector.analyze(text) if s.entity == "PHONE_NUMBER"]


@pytest.mark.parametrize(
    "text",
    [
        "Copyright (c) 2001-2024 Zentrix Ltd. All rights reserved.",
        "Copyright 1998–2024 The Quorvex Authors",
        "(C) 2010 - 2023 Ostrel Labs Inc.",
        "I was at the depot 2001-2019, then moved north.",
    ],
)
def test_a_range_of_years_is_no_phone(detector, text):
    assert phones(detector, text) == []


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("Call me on 2001-2024", "2001-2024"),  # after a phone word: recall wins
        ("Tel: 2001 2024", "2001 2024"),
        ("Copyright 2024 Zentrix. Phone +852 2001 2024", "+852 2001 2024"),
        ("office 2024-2001", "2024-2001"),
    ],
)
def test_a_number_after_a_phone_word_stays_a_phone(detector, text, number):
    assert phones(detector, text) == [number]


def test_only_an_ascending_pair_of_years_counts():
    from redactor.detect.merge import Found
    from redactor.detect.years import year_range_phone

    def phone(text: str) -> Found:
        return Found(0, len(text), "PHONE_NUMBER", 0.6, "WorldPhoneRecognizer", {"pattern_name": "valid number"})

    assert year_range_phone("2001-2024", phone("2001-2024"))
    assert not year_range_phone("2024-2001", phone("2024-2001"))  # descending: no range of years
    assert not year_range_phone("1801-1824", phone("1801-1824"))
    assert not year_range_phone("2001-20245", phone("2001-20245"))
