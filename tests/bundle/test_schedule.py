"""Every box points to its schedule row: one code per box, 'CODE N' labels, full schedule rows, no values."""

from __future__ import annotations

import csv
import re

import pytest
from pypdf import PdfReader

from redactor import codes
from redactor.bundle.labels import label_for
from redactor.bundle.schedule import code_counts, decided_from
from redactor.case import CaseStore
from redactor.records import Decision, Flag, Segment
from redactor.render.spans import cuts_for

pytestmark = pytest.mark.slow


def flag(fid: str, start: int, end: int, code: str, origin: str = "detector") -> Flag:
    return Flag(fid, "i", "s", start, end, "X", 0.9, "r", {}, code, "redact", "redact", origin)


SEG = Segment("s", "i", 0, "body", "pay 12-34-56 12345678 at LS6 2AB now")


@pytest.mark.parametrize(
    "flags, expected",
    [
        ([flag("a", 4, 12, "FIN"), flag("b", 12, 21, "FIN")], [(4, 21, "FIN")]),  # touching, same code: one box
        ([flag("a", 4, 21, "FIN"), flag("b", 21, 32, "LOC")], [(4, 21, "FIN"), (21, 32, "LOC")]),  # touching: two
        ([flag("a", 4, 25, "FIN"), flag("b", 20, 32, "LOC")], [(4, 25, "FIN"), (25, 32, "LOC")]),  # overlapping
        ([flag("a", 4, 32, "FIN"), flag("b", 20, 25, "LOC")], [(4, 32, "FIN")]),  # inside: covered by the first
    ],
)
def test_one_code_per_cut_and_every_character_still_cut(flags, expected):
    cuts = cuts_for(SEG, flags)
    assert [(c.start, c.end, c.label) for c in cuts] == expected
    assert all("/" not in c.label for c in cuts)
    covered = {i for c in cuts for i in range(c.start, c.end)}
    assert all(i in covered for f in flags for i in range(f.start, f.end))


def test_label_shrinks_then_falls_back_to_the_number():
    assert label_for("TP", 12, (0, 0, 60, 12))[0] == "TP 12"
    assert label_for("TP", 12, (0, 0, 10, 12))[0] == "12"
    assert label_for("TP", 12345, (0, 0, 3, 12)) is None


def test_decisions_say_person_or_policy():
    flags = [flag("a", 0, 1, "TP"), flag("b", 0, 1, "TP"), flag("c", 0, 1, "TP", origin="manual"), flag("d", 0, 1, "TP")]
    decisions = [
        Decision("a", "accept", "DC A", "accepted in bulk (score >= 0.0)", "2024-01-01T00:00:00Z", {}, {}),
        Decision("b", "accept", "DC B", "looked at it", "2024-01-02T00:00:00Z", {}, {}),
    ]
    got = decided_from(flags, decisions)
    assert (got["a"].kind, got["a"].by) == ("policy", "DC A")
    assert (got["b"].kind, got["b"].by, got["b"].at) == ("person", "DC B", "2024-01-02T00:00:00Z")
    assert got["c"].kind == "person" and got["d"].kind == "policy" and "not reviewed" in got["d"].note


def test_every_box_is_labelled_with_its_schedule_number(built):
    _, out = built
    rows = list(csv.DictReader(open(out / "schedule.csv", encoding="utf-8")))
    assert rows and [int(r["redaction"]) for r in rows] == list(range(1, len(rows) + 1))
    texts: dict[str, list[str]] = {}
    for path in (out / "items").glob("*.pdf"):
        texts[path.stem] = [page.extract_text() for page in PdfReader(path).pages]
    for r in rows:
        page_text = texts[r["item"]][int(r["page"]) - 1]
        assert re.search(rf"\b{r['code']} {r['redaction']}\b", page_text), (r["item"], r["redaction"])
    bundle = [page.extract_text() for page in PdfReader(out / "bundle.pdf").pages]
    for r in rows:
        assert re.search(rf"\b{r['code']} {r['redaction']}\b", bundle[int(r["bundle_page"]) - 1])


def test_schedule_rows_are_complete_and_never_carry_values(built):
    case, out = built
    rows = list(csv.DictReader(open(out / "schedule.csv", encoding="utf-8")))
    for r in rows:
        assert "/" not in r["code"] and codes.is_valid(r["code"])
        assert r["reason"] == codes.describe(r["code"]) and r["legal_basis"] == codes.REASON_CODES[r["code"]].basis
        assert r["decided_by"] in ("DC Test", "policy") and r["decided_at"] and r["decision"].startswith("policy")
    by_policy = [r for r in rows if r["decided_by"] == "policy"]  # structured identifiers the policy decided: the rule named
    assert by_policy and all(r["decision"].startswith(("policy (decide.policy rule ", "policy (same value as value ")) for r in by_policy)
    with CaseStore.open(case) as store:
        texts = {s.segment_id: s.text for item in store.items() for s in item.segments}
        values = {texts[f.segment_id][f.start : f.end] for f in store.flags(status="redact")}
    schedule = (out / "schedule.csv").read_text(encoding="utf-8")
    schedule_pages = "\n".join(p.extract_text() for p in PdfReader(out / "bundle.pdf").pages if "Redaction schedule" in p.extract_text())
    for value in (v for v in values if len(v) > 3):
        assert value not in schedule and value not in schedule_pages


def test_schedule_pages_count_boxes_per_code(built):
    _, out = built
    rows = list(csv.DictReader(open(out / "schedule.csv", encoding="utf-8")))
    first = next(p.extract_text() for p in PdfReader(out / "bundle.pdf").pages if "Redaction schedule" in p.extract_text())
    counts = code_counts(rows)
    assert counts and f"total {len(rows)}" in first
    for code, n in counts:
        assert f"{code} {n}" in first
    assert "third-party personal data not relevant to the case" in first  # full words, never cut short
