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


def test_the_incremental_mg6c_still_lists_every_item_and_marks_what_changed(second_wave):
    _, first, later, _, _ = second_wave
    old = {r["item"]: r for r in read(first / "mg6c.csv")}
    new = {r["item"]: r for r in read(later / "mg6c.csv")}
    assert set(new) == set(old) and len(new) > 2  # cumulative: unchanged items are not left off
    assert all(r["since_previous"] == "" for r in old.values())  # a full bundle compares with nothing
    assert new["S0006-001"]["since_previous"] == "changed" and new["S0006-001"]["bundle_file"] == "items/S0006-001.pdf"
    for ref, row in new.items():
        if ref == "S0006-001":
            continue
        assert row["since_previous"] == "unchanged", ref
        assert row["treatment"] == old[ref]["treatment"] and row["reason"] == old[ref]["reason"]
        assert row["bundle_file"] == (f"{first.name}/{old[ref]['bundle_file']}" if old[ref]["bundle_file"] else "")
    (sensitive,) = read(later / "mg6d.csv")
    assert sensitive["since_previous"] == "unchanged"


def test_the_summary_counts_boxes_per_code_and_the_new_ones(second_wave):
    _, first, later, _, _ = second_wave
    for out in (first, later):
        schedule = read(out / "schedule.csv")
        summary = read(out / "schedule_summary.csv")
        assert {r["code"]: int(r["boxes"]) for r in summary} == {
            c: sum(s["code"] == c for s in schedule) for c in {s["code"] for s in schedule}
        }
        assert all(r["meaning"] and r["legal_basis"] for r in summary)
    assert all(r["new_boxes"] == r["boxes"] for r in read(first / "schedule_summary.csv"))
    top = max(int(r["redaction"]) for r in read(first / "schedule.csv"))
    fresh = [r for r in read(later / "schedule.csv") if int(r["redaction"]) > top]
    assert sum(int(r["new_boxes"]) for r in read(later / "schedule_summary.csv")) == len(fresh) > 0
