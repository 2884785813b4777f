"""The ``blind2`` evaluation set (``benchmarks/eval/blind2_build.py``): reproducible, checksums valid, labels exact."""

from __future__ import annotations

import json
import re

import pytest

from benchmarks.eval.blind import load_blind2
from benchmarks.eval.blind2_build import OUT, build
from benchmarks.eval.marked import KINDS, strip


def test_the_shipped_file_is_what_the_builder_writes():
    shipped = [json.loads(line) for line in OUT.read_text(encoding="utf-8").splitlines()]
    assert shipped == build()


def test_markers_strip_to_exact_offsets():
    text, labels = strip("Ship to: ⟦person|Ola Berg⟧, ⟦address|Storgata 4, 9008 Tromsø⟧. Total €9,00")
    assert text == "Ship to: Ola Berg, Storgata 4, 9008 Tromsø. Total €9,00"
    assert [text[x["start"] : x["end"]] for x in labels] == ["Ola Berg", "Storgata 4, 9008 Tromsø"]
    with pytest.raises(ValueError):
        strip("⟦passport|X1⟧")


def _luhn(number: str) -> bool:
    digits = [int(c) for c in number if c.isdigit()][::-1]
    return sum(d if i % 2 == 0 else (d * 2 - 9 if d > 4 else d * 2) for i, d in enumerate(digits)) % 10 == 0


def test_labels_are_trimmed_values_and_checksums_hold():
    records, why = load_blind2()
    assert not why and len(records) >= 380
    assert {x["type"] for r in records for x in r["labels"]} == set(KINDS)
    assert sum(1 for r in records if not r["labels"]) >= 30  # texts with distractors only
    for record in records:
        for label in record["labels"]:
            value = record["text"][label["start"] : label["end"]]
            assert value and value == value.strip()
            if label["type"] == "card":
                assert _luhn(value)
            if label["type"] == "iban":
                compact = value.replace(" ", "")
                moved = compact[4:] + compact[:4]
                assert int("".join(str(int(c, 36)) for c in moved)) % 97 == 1
            if label["type"] == "email":
                assert re.fullmatch(r"[a-z0-9._]+@[a-z0-9.-]+\.[a-z]+", value)
