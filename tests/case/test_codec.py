"""How records are encoded for the case's columns (``redactor/case/codec.py``): the encoder built once writes
exactly what ``json.dumps(value, default=str)`` writes, and a device export's rows are the same whether made
a batch at a time or an item at a time."""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from types import MappingProxyType

from hypothesis import given, settings
from hypothesis import strategies as st

from redactor.case import codec
from redactor.extract.device import common
from redactor.extraction import _batches
from redactor.records import Flag, Item, Person, Source, thawed_mapping

_scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text()
_keys = st.text() | st.integers() | st.booleans() | st.none() | st.floats(allow_nan=False)
_values = st.recursive(_scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_keys, inner, max_size=4), max_leaves=20)


@settings(max_examples=300, deadline=None)
@given(_values)
def test_the_shared_encoder_writes_what_json_dumps_writes(value):
    assert codec._dumps(value) == json.dumps(value, default=str)


def test_odd_values_encode_as_json_dumps_does():
    odd = [
        {"t": (1, 2), "when": datetime(2024, 3, 1, tzinfo=UTC), "path": Path("/x"), "set": {3}},
        {"proxy": MappingProxyType({"a": 1}), "é": "ü\u2028\ud800", 1.5: math.inf, None: -math.inf, "nan": math.nan},
        "a plain string \x00",
        [],
        {},
    ]
    for value in odd:
        assert codec._dumps(value) == json.dumps(value, default=str)
    for text in ("outgoing", "ü", "\x00"):
        assert codec._string(text) == json.dumps(text)
    assert codec._string(7) == "7"


def _records(source: Source, n: int):
    for i in range(n):
        fields = [("sender.name", f"Alex {i % 3}"), ("text", f"message {i} " + "x" * (400 if i >= 250 else 0))]
        meta = {"format": "test", "sender": common.party(f"07700 900{i % 5:03d}", f"Alex {i % 3}", owner=i % 2 == 0)}
        yield common.make_item(source, f"line {i}", "message", "m", fields, meta)
        if i % 40 == 0:
            yield Person(f"p{i}", f"Person {i}")


def test_rows_made_an_item_at_a_time_equal_the_batch_encoding(monkeypatch):
    from redactor import extraction

    monkeypatch.setattr(extraction, "SAVE_ITEMS", 70)
    monkeypatch.setattr(extraction, "SAVE_CHARS", 20_000)  # some batches end on size, some on count
    source = Source("ab" * 32, "S0001", "/x.txt", "x.txt", 10, "text/plain")
    batches = list(_batches(source, _records(source, 500)))
    items = [r for r in _records(source, 500) if isinstance(r, Item)]
    expected, first = [], 1
    for rows, _segments, _people, _files in batches:
        expected.append(codec.item_rows(source.source_id, items[first - 1 : first - 1 + len(rows)], first))
        first += len(rows)
    assert [(rows, segments) for rows, segments, _, _ in batches] == expected and first == 501
    people = [(0, *codec.person_to_row(r)) for r in _records(source, 500) if isinstance(r, Person)]
    assert [row for _, _, batch, _ in batches for row in batch] == people and len(people) == 13  # with the batch they came in
    assert [len(rows) for rows, *_ in batches][:3] == [70, 70, 70] and len(batches) > 500 // 70 + 1  # later ones end on size


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.text(), _values, max_size=6))
def test_a_flags_row_holds_its_explanation_as_json_dumps_writes_it(explanation):
    flag = Flag("f1", "i1", "i1.0", 0, 3, "PERSON", 0.85, "SpacyRecognizer", explanation, "TP", "redact")
    row = codec.flag_to_row(flag, "2026-12-06T00:00:00Z")
    assert row[8] == json.dumps(explanation, default=str)
    assert row[:8] == ("f1", "i1", "i1.0", 0, 3, "PERSON", 0.85, "SpacyRecognizer")
    assert row[9:] == ("TP", "redact", "pending", "detector", 1, "2026-12-06T00:00:00Z")
    for mapping in (MappingProxyType(explanation), explanation, _Other(explanation)):
        assert thawed_mapping(mapping) == explanation and list(thawed_mapping(mapping)) == list(explanation)
        assert type(thawed_mapping(mapping)) is dict
    assert thawed_mapping(flag.explanation) is not thawed_mapping(flag.explanation)  # a copy: the record's own stays as it was


class _Other(Mapping):
    """A mapping that is neither a dict nor a read-only view of one."""

    def __init__(self, data):
        self._data = data

    def __getitem__(self, key):
        return self._data[key]

    def __iter__(self):
        return iter(self._data)

    def __len__(self):
        return len(self._data)
