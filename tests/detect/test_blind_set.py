"""The ``blind`` evaluation set (``benchmarks/eval/blind_build.py``): reproducible, checksums valid, labels exact."""

from __future__ import annotations

import json
import re

from benchmarks.eval.blind import BlindScore, load_blind
from benchmarks.eval.blind_build import OUT, build
from benchmarks.eval.marked import KINDS, strip


def test_the_shipped_file_is_what_the_builder_writes():
    shipped = [json.loads(line) for line in OUT.read_text(encoding="utf-8").splitlines()]
    assert shipped == build()


def test_markers_strip_to_exact_offsets():
    text, labels = strip("call ⟦person|Ana Lima⟧ on ⟦phone|+55 11 91234-5678⟧.")
    assert text == "call Ana Lima on +55 11 91234-5678."
    assert [text[x["start"] : x["end"]] for x in labels] == ["Ana Lima", "+55 11 91234-5678"]


def _luhn(number: str) -> bool:
    digits = [int(c) for c in number if c.isdigit()][::-1]
    return sum(d if i % 2 == 0 else (d * 2 - 9 if d > 4 else d * 2) for i, d in enumerate(digits)) % 10 == 0


def test_labels_are_trimmed_values_and_checksums_hold():
    records, why = load_blind()
    assert not why and len(records) >= 400
    assert {x["type"] for r in records for x in r["labels"]} == set(KINDS)
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
                assert re.fullmatch(r"[\w.]+@[\w.-]+\.\w+", value)


def test_score_counts_a_value_found_only_when_every_character_is_covered():
    score = BlindScore()
    record = {"id": "x", "text": "Tel 030/1234567 ok", "labels": [{"start": 4, "end": 15, "type": "phone"}]}
    score.add(record, [{"start": 4, "end": 8, "entity": "PHONE_NUMBER"}, {"start": 16, "end": 18, "entity": "PERSON"}])
    assert score.recall() == 0 and score.precision == 0.5 and len(score.wrong) == 1
