"""The Broad Twitter Corpus test set of ``make eval`` (benchmarks/eval/btc.py, data card BTC.md)."""

from __future__ import annotations

import json

from benchmarks.eval import btc
from benchmarks.eval.public import load_public

# a generated snippet in the corpus' CoNLL shape (not corpus text)
CONLL = "@\tB-PER\nsam_x\tB-PER\nmet\tO\nJo\tB-PER\nAnn\tI-PER\nKemp\tI-PER\nin\tO\nLeeds\tB-LOC\n \n\tO\n\n@\tB-ORG\nacme\tB-ORG\nhi\tO\n#\tO\nfun\tO\n#\tO\n1\tO\n"


def test_conll_becomes_text_with_checked_person_and_handle_spans():
    docs = list(btc.read_conll(CONLL))
    assert len(docs) == 2
    record = btc.to_record(docs[0], "t1")
    assert record["text"] == "@sam_x met Jo Ann Kemp in Leeds"
    got = [(record["text"][e["start"] : e["end"]], e["label"]) for e in record["entities"]]
    assert got == [("@sam_x", "HANDLE"), ("Jo Ann Kemp", "PERSON")]
    btc.check(record, docs[0])


def test_other_kinds_are_kept_only_when_asked_for():
    doc = list(btc.read_conll(CONLL))[0]
    record = btc.to_record(doc, "t1", kinds=("PER", "LOC"))
    assert [(e["label"]) for e in record["entities"]] == ["HANDLE", "PERSON", "LOC"]
    second = btc.to_record(list(btc.read_conll(CONLL))[1], "t2")
    assert second == {"doc_id": "t2", "text": "@acme hi #fun # 1", "entities": []}


def test_the_shipped_set_loads_with_offsets_on_word_edges():
    records, why = load_public("btc_f")
    assert records is not None, why
    assert len(records) == 2000
    labels = [g for r in records for g in r["labels"]]
    assert sum(g["type"] == "PERSON" for g in labels) == 554 and sum(g["type"] == "HANDLE" for g in labels) == 1049
    for r in records:
        for g in r["labels"]:
            piece = r["text"][g["start"] : g["end"]]
            assert piece.strip() == piece and piece
            assert g["start"] == 0 or r["text"][g["start"] - 1] == " "
            assert (g["type"] == "HANDLE") == piece.startswith("@")
    assert json.loads((btc.DATA / "btc_f.jsonl").read_text(encoding="utf-8").splitlines()[0])["doc_id"] == "btc-f-0001"
