"""--pseudonyms: each redacted person is 'Person A', 'Person B', ... the same everywhere and in every later bundle."""

from __future__ import annotations

import csv
import re

import pytest
from pypdf import PdfReader

from redactor.bundle.pseudonyms import letters
from redactor.bundle.scrub import normalise
from redactor.case import CaseStore
from tests.bundle.conftest import invoke

pytestmark = pytest.mark.slow


def test_letters_run_on_after_z():
    assert [letters(i) for i in (0, 1, 25, 26, 27, 51, 52)] == ["A", "B", "Z", "AA", "AB", "AZ", "BA"]


def test_pseudonyms_are_consistent_across_items_and_bundle_versions(built, tmp_path):
    case, _ = built
    first, second = tmp_path / "v1", tmp_path / "v2"
    invoke("bundle", case, "--out", first, "--pseudonyms")
    invoke("bundle", case, "--out", second, "--pseudonyms")
    rows = list(csv.DictReader(open(first / "schedule.csv", encoding="utf-8")))
    named = [r for r in rows if r["pseudonym"]]
    assert named and all(re.fullmatch(r"Person [A-Z]+", r["pseudonym"]) for r in named)
    assert {r["entity"] for r in named} == {"PERSON"}
    with CaseStore.open(case) as store:
        values = {fid: value for fid, _, _, value, _ in store.flag_values(("redact",))}
    by_value: dict[str, set[str]] = {}
    for r in named:
        by_value.setdefault(normalise(values[r["flag_id"]]), set()).add(r["pseudonym"])
    assert all(len(labels) == 1 for labels in by_value.values())  # one person, one label, in every item
    for r in named:
        page = PdfReader(first / "items" / f"{r['item']}.pdf").pages[int(r["page"]) - 1]
        assert r["pseudonym"] in " ".join(page.extract_text().split())
    for name in ("schedule.csv", "index.csv", "bundle.pdf"):
        assert (first / name).read_bytes() == (second / name).read_bytes(), name  # stable across versions
    everything = b"".join(p.read_bytes() for p in first.rglob("*") if p.is_file())
    assert b"bundle.pseudonyms" not in everything and b"name:" not in everything and b"person:" not in everything  # key stays in the case
    result = invoke("verify", first, "--case", case)
    assert "none of" in result
