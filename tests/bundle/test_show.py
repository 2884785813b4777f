"""'redactor show CASE REF': source, locator, status and flags by reference; values only with --values."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from redactor.case import CaseStore
from redactor.cli import main
from tests.bundle.conftest import IRR_REF

pytestmark = pytest.mark.slow


def show(*args):
    return CliRunner().invoke(main, ["show", *map(str, args)], catch_exceptions=False)


def test_show_maps_a_reference_back_to_its_input_without_values(built):
    case, _ = built
    result = show(case, "S0006-001")
    assert result.exit_code == 0
    assert "S0006  statement-witness-1.txt" in result.output and "locator: file" in result.output
    with CaseStore.open(case) as store:
        item_id = {r: i for i, r in store.item_refs().items()}["S0006-001"]
        flags = store.flags(item_id=item_id)
        text = {s.segment_id: s.text for s in store.item(item_id).segments}
    assert flags and all(f.flag_id in result.output for f in flags)
    for f in flags:
        assert f"[{f.start}:{f.end}]" in result.output
        value = text[f.segment_id][f.start : f.end]
        if len(value) > 3:
            assert value not in result.output
    with_values = show(case, "S0006-001", "--values", "--json")
    report = json.loads(with_values.output)
    assert {f["value"] for f in report["flags"]} == {text[f.segment_id][f.start : f.end] for f in flags}


def test_show_gives_the_scope_and_refuses_unknown_references(built):
    case, _ = built
    assert "out of scope (IRR)" in show(case, IRR_REF).output
    result = show(case, "S9999-001")
    assert result.exit_code == 2 and "no item S9999-001" in result.output
