"""The unused-material drafts of a --since bundle, row by row: new, changed and unchanged against the earlier draft."""

from __future__ import annotations

from redactor.bundle.facts import BundleFacts
from redactor.bundle.since import UNCHANGED, Prior
from redactor.bundle.unused import mg6c_rows, mg6d_rows
from redactor.records import BundleEntry, Redaction, RenderedItem

BOX = Redaction("f1", 1, (0.0, 0.0, 1.0, 1.0), "TP", "PERSON")


def edited(ref: str, boxes: int = 1) -> BundleEntry:
    return BundleEntry(ref, "document", "disclosed", RenderedItem(ref, b"%PDF", 1, (BOX,) * boxes))


def row(treatment: str, reason: str, file: str = "") -> dict[str, str]:
    return {"treatment": treatment, "reason": reason, "decided_by": "", "decided_at": "", "bundle_file": file}


EDITED = "disclosed in edited form (2 redactions, see schedule.csv)"
PRIOR = Prior(
    "wave1",
    unused={
        "mg6c": {
            "S1": row(EDITED, "personal data redacted", "items/S1.pdf"),
            "S2": row(EDITED, "personal data redacted", "items/S2.pdf"),
            "S3": row("withheld: not relevant (IRR)", "outside the agreed scope"),
        },
        "mg6d": {"S5": {"reason": "marked sensitive (no reason recorded)", "decided_by": "", "decided_at": ""}},
    },
)


def test_each_row_says_new_changed_or_unchanged():
    entries = [
        BundleEntry("S1", "document", UNCHANGED),  # edited before, not repeated
        edited("S2", 3),  # edited before, its redactions changed
        BundleEntry("S3", "document", "withheld", scope="out"),  # IRR before and now
        edited("S4"),  # new material
        BundleEntry("S6", "document", "withheld", scope="out"),  # newly withheld as not relevant
    ]
    rows = {r["item"]: r for r in mg6c_rows(entries, BundleFacts(since=PRIOR), {"S1": 2})}
    assert {ref: r["since_previous"] for ref, r in rows.items()} == {
        "S1": "unchanged",
        "S2": "changed",
        "S3": "unchanged",
        "S4": "new",
        "S6": "new",
    }
    assert rows["S1"]["treatment"] == EDITED and rows["S1"]["bundle_file"] == "wave1/items/S1.pdf"
    assert rows["S2"]["bundle_file"] == "items/S2.pdf" and rows["S2"]["treatment"].startswith("disclosed in edited form (3 ")
    assert [r["no"] for r in rows.values()] == [1, 2, 3, 4, 5]


def test_an_item_carried_through_two_waves_keeps_the_bundle_that_holds_it():
    prior = Prior("wave2", unused={"mg6c": {"S1": row(EDITED, "personal data redacted", "wave1/items/S1.pdf")}})
    (only,) = mg6c_rows([BundleEntry("S1", "document", UNCHANGED)], BundleFacts(since=prior), {"S1": 2})
    assert only["bundle_file"] == "wave1/items/S1.pdf" and only["since_previous"] == "unchanged"


def test_unchanged_items_without_boxes_stay_off_and_a_full_bundle_compares_with_nothing():
    assert mg6c_rows([BundleEntry("S1", "document", UNCHANGED)], BundleFacts(since=PRIOR), {}) == []
    (full,) = mg6c_rows([edited("S2")], BundleFacts())
    assert full["since_previous"] == "" and full["bundle_file"] == "items/S2.pdf"
    sensitive = BundleEntry("S5", "image", "withheld", scope="sensitive")
    assert [r["since_previous"] for r in mg6d_rows([sensitive], BundleFacts(since=PRIOR))] == ["unchanged"]
    assert [r["since_previous"] for r in mg6d_rows([sensitive], BundleFacts(since=Prior("wave1")))] == ["new"]
