"""Incremental disclosure (bundle --since) and 'redactor diff', never revealing a redacted value."""

from __future__ import annotations

import csv
import shutil

import pytest
from pypdf import PdfReader

from redactor.case import CaseStore
from tests.bundle.conftest import invoke

pytestmark = pytest.mark.slow


def read(path):
    return list(csv.DictReader(open(path, encoding="utf-8")))


@pytest.fixture(scope="module")
def second_wave(built, tmp_path_factory):
    """A copy of the case in which a reviewer brought back one redaction, bundled --since the first bundle."""
    case, out = built
    root = tmp_path_factory.mktemp("wave")
    copy = root / "case"
    shutil.copytree(case, copy)
    first = read(out / "schedule.csv")
    target = next(r for r in first if r["item"] == "S0006-001")
    with CaseStore.open(copy, actor="DC Test") as store:
        flag = store.flag(target["flag_id"])
        store.decide(flag.flag_id, action="reject", status="keep", reviewer="DC Test", reason="needed", expected_version=flag.version)
        value = store.item(flag.item_id).segments[0].text[flag.start : flag.end]
    later = root / "out2"
    invoke("bundle", copy, "--out", later, "--since", out)
    return copy, out, later, target, value


def test_only_changed_items_are_written_with_a_cumulative_schedule(second_wave):
    _, first, later, target, _ = second_wave
    assert sorted(p.name for p in (later / "items").iterdir()) == ["S0006-001.pdf"]
    index = {r["item"]: r for r in read(later / "index.csv")}
    assert index["S0006-001"]["status"] == "disclosed"
    assert all(r["status"] in ("unchanged", "withheld") for ref, r in index.items() if ref != "S0006-001")
    old, new = read(first / "schedule.csv"), read(later / "schedule.csv")
    old_top = max(int(r["redaction"]) for r in old)
    carried = [r for r in new if int(r["redaction"]) <= old_top]
    fresh = [r for r in new if int(r["redaction"]) > old_top]
    assert {(r["redaction"], r["flag_id"]) for r in carried} == {(r["redaction"], r["flag_id"]) for r in old if r["item"] != "S0006-001"}
    assert fresh and {r["item"] for r in fresh} == {"S0006-001"}
    assert target["flag_id"] not in {r["flag_id"] for r in fresh}  # the redaction brought back is gone
    text = " ".join(p.extract_text() for p in PdfReader(later / "items" / "S0006-001.pdf").pages)
    assert all(f"{r['code']} {r['redaction']}" in text for r in fresh)  # labels continue the earlier numbering


def test_diff_lists_changes_without_values(second_wave, cli):
    case, first, later, target, value = second_wave
    result = cli("diff", first, later)
    assert result.exit_code == 0
    assert "changed  S0006-001" in result.output and f"box removed (flag {target['flag_id']})" in result.output
    assert "S0001-001" not in result.output  # unchanged items are not listed
    assert value not in result.output
    assert cli("diff", first, first).output.strip() == "no differences in items or redactions"


def test_incremental_bundle_verifies_and_is_leak_free(second_wave, cli):
    case, _, later, _, _ = second_wave
    assert cli("verify", later, "--case", case).exit_code == 0
