"""Drafts of the unused-material schedules: MG6C (IRR-withheld and edited items), MG6D (SEN items with reasons)."""

from __future__ import annotations

import csv

import pytest

from tests.bundle.conftest import IRR_REF, SEN_REF

pytestmark = pytest.mark.slow


def read(path):
    return list(csv.DictReader(open(path, encoding="utf-8")))


def test_mg6c_lists_irr_withheld_and_edited_items(built):
    _, out = built
    rows = read(out / "mg6c.csv")
    by_item = {r["item"]: r for r in rows}
    irr = by_item[IRR_REF]
    assert irr["treatment"].startswith("withheld: not relevant (IRR)") and irr["bundle_file"] == ""
    assert irr["reason"] == "about an unrelated burglary" and irr["decided_by"] == "DC Test" and irr["decided_at"]
    assert "officer-notes.txt" in irr["description"]
    index = {r["item"]: r for r in read(out / "index.csv")}
    edited = [ref for ref, r in index.items() if r["status"] == "disclosed" and int(r["redactions"])]
    assert edited and all(by_item[ref]["treatment"].startswith("disclosed in edited form") for ref in edited)
    assert SEN_REF not in by_item  # sensitive material is never on the non-sensitive schedule
    assert [int(r["no"]) for r in rows] == list(range(1, len(rows) + 1))


def test_mg6d_lists_sensitive_items_with_reasons(built):
    _, out = built
    (row,) = read(out / "mg6d.csv")
    assert row["item"] == SEN_REF and row["reason"] == "names a covert source" and row["decided_by"] == "DC Test"
    index = {r["item"]: r for r in read(out / "index.csv")}
    assert index[SEN_REF]["status"] == "withheld" and index[IRR_REF]["status"] == "withheld"
    assert not (out / "items" / f"{SEN_REF}.pdf").exists()
