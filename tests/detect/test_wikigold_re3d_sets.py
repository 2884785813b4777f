"""The Wikigold and re3d sets of ``make eval`` (benchmarks/eval/wikigold.py and re3d.py, data cards WIKIGOLD.md and RE3D.md)."""

from __future__ import annotations

from benchmarks.eval import re3d, wikigold
from benchmarks.eval.public import load_public

# generated snippets in the corpora's CoNLL shapes (not corpus text)
WIKIGOLD = (
    "-DOCSTART- O\n\nAda I-PER\nVos I-PER\nKemp B-PER\nmet O\nin O\nLeeds I-LOC\n. O\n\n"
    "She O\nsang O\n.\tO\n\n-DOCSTART- O\n\nNo O\nnames O\n. O\n"
)
RE3D = "\n".join(
    [
        "Minister\tB-Person", "for\tI-Person", "the\tI-Person", "Middle\tI-Person", "East\tI-Person",
        "Jo\tI-Person", "Kemp\tI-Person", "said\tO", "\u00a0\tO", "he\tB-Person", "met\tO", "Col.\tB-Person",
        "Ann\tI-Person", "L\tI-Person", ".\tI-Person", "Vos\tI-Person", "and\tO", "Abu\tB-Person", "Ali\tI-Person",
        "al\tI-Person", "-\tI-Person", "Tahir\tI-Person", "in\tO", "Leeds\tB-Location", "", "The\tB-Person",
        "Foreign\tI-Person", "Secretary\tI-Person", "and\tO", "MR\tB-Person", "KEMP\tI-Person", ".\tO",
    ]
)  # fmt: skip


def test_wikigold_articles_become_records_with_person_spans():
    docs = list(wikigold.documents(WIKIGOLD))
    assert len(docs) == 2 and len(docs[0]) == 2
    record = wikigold.to_record(docs[0], "w1")
    wikigold.check(record)
    assert record["text"] == "Ada Vos Kemp met in Leeds . She sang ."
    # IOB1: B-PER splits two adjacent names
    assert [record["text"][e["start"] : e["end"]] for e in record["entities"]] == ["Ada Vos", "Kemp"]
    assert wikigold.to_record(docs[1], "w2") == {"doc_id": "w2", "text": "No names .", "entities": []}


def test_re3d_person_mentions_keep_only_the_name():
    docs = list(re3d.documents(RE3D))
    assert len(docs) == 1
    record = re3d.to_record(docs[0], "r1")
    wikigold.check(record)
    got = [record["text"][e["start"] : e["end"]] for e in record["entities"]]
    # titles, offices, places in a title and pronouns are cut; an NBSP token is dropped
    assert got == ["Jo Kemp", "Ann L . Vos", "Abu Ali al - Tahir", "KEMP"]
    assert "\u00a0" not in record["text"]


def test_re3d_reads_only_openly_licensed_sources():
    assert "BBC_Online" not in re3d.SOURCES
    assert "Delegation_of_the_European_Union_to_Syria" not in re3d.SOURCES


def test_the_shipped_sets_load_with_offsets_on_token_edges():
    for name, texts, names in (("wikigold", 145, 931), ("re3d", 88, 187)):
        records, why = load_public(name)
        assert records is not None, why
        assert len(records) == texts
        labels = [g for r in records for g in r["labels"]]
        assert len(labels) == names and {g["type"] for g in labels} == {"PERSON"}
        for r in records:
            for g in r["labels"]:
                piece = r["text"][g["start"] : g["end"]]
                assert piece.strip() == piece and piece
                assert g["start"] == 0 or r["text"][g["start"] - 1] == " "
                assert g["end"] == len(r["text"]) or r["text"][g["end"]] == " "
