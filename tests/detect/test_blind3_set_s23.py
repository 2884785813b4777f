"""The ``blind3`` evaluation set (``benchmarks/eval/blind3_build.py``): reproducible, checksums valid, labels exact.

The set's file ships in ``benchmarks/eval/data``; a copy without it (a wheel, a trimmed clone) skips, saying why.
"""

from __future__ import annotations

import json
import re

import pytest

from benchmarks.eval.blind import load_blind3
from benchmarks.eval.blind3_build import OUT, build, card, iban, ocr, spaced, spoken
from benchmarks.eval.marked import KINDS

pytestmark = pytest.mark.skipif(not OUT.is_file(), reason=f"{OUT.name} absent (python -m benchmarks.eval.blind3_build writes it)")


def test_the_shipped_file_is_what_the_builder_writes():
    shipped = [json.loads(line) for line in OUT.read_text(encoding="utf-8").splitlines()]
    assert shipped == build()


def _luhn(number: str) -> bool:
    digits = [int(c) for c in number if c.isdigit()][::-1]
    return sum(d if i % 2 == 0 else (d * 2 - 9 if d > 4 else d * 2) for i, d in enumerate(digits)) % 10 == 0


def _mod97(value: str) -> bool:
    compact = value.replace(" ", "")
    moved = compact[4:] + compact[:4]
    return int("".join(str(int(c, 36)) for c in moved)) % 97 == 1


def test_labels_are_trimmed_values_and_checksums_hold():
    records, why = load_blind3()
    assert not why and len(records) >= 380
    assert {x["type"] for r in records for x in r["labels"]} == set(KINDS)
    assert sum(1 for r in records if not r["labels"]) >= 30  # texts with distractors only
    assert sum(len(r["labels"]) for r in records) >= 1100
    for record in records:
        for label in record["labels"]:
            value = record["text"][label["start"] : label["end"]]
            assert value and value == value.strip() and not value.endswith((",", ";"))
            if label["type"] == "card":
                assert _luhn(value) and 15 <= len(re.sub(r"\D", "", value)) <= 16
            if label["type"] == "iban":
                assert _mod97(value)
            if label["type"] == "email":
                assert re.fullmatch(r"[a-z0-9._]+@[a-z0-9.-]+\.[a-z]+", value)


def test_generated_numbers_are_valid_and_spoken_forms_keep_every_digit():
    import random

    rng = random.Random(7)
    for _ in range(200):
        assert _luhn(card(rng))
        assert _mod97(iban(rng, "PL##########################"))
        assert _mod97(iban(rng, "GB##@@@@##############"))
    words = spoken("+44 7700 900123", rng)
    assert words.startswith("plus") and "seven" in words and not re.search(r"\d", words)
    assert spaced("+44 7700 900123", rng) == "+4 4 7 7 0 0 9 0 0 1 2 3"
    damaged = ocr("Flat 3, Rowan Court, 41 Mill Lane, Sheffield S6 3GT", rng)
    assert damaged.replace(" ", "").replace(",", "") == "Flat3RowanCourt41MillLaneSheffieldS63GT"
