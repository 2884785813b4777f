"""The ``court`` evaluation set (``benchmarks/eval/court.py``): labels that point at what they name."""

from __future__ import annotations

import re

import pytest

pytest.importorskip("mimesis")

from benchmarks.eval.court import KINDS, load_court  # noqa: E402


def test_the_set_is_seeded_and_its_labels_are_names_and_reference_numbers():
    records, why = load_court(60)
    assert not why and records == load_court(60)[0]
    kinds = {label["type"] for r in records for label in r["labels"]}
    assert kinds == set(KINDS.values())
    for record in records:
        for label in record["labels"]:
            value = record["text"][label["start"] : label["end"]]
            assert value == value.strip() and value
            if label["type"] == "reference":
                assert re.search(r"\d+/\d+", value)
            else:
                assert not re.match(r"(?:Mr|Mrs|Ms)\b", value) and not any(c.isdigit() for c in value)
