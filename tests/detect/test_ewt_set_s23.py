"""The English Web Treebank sets of ``make eval`` (benchmarks/eval/ewt.py, data card EWT.md)."""

from __future__ import annotations

import pytest

from benchmarks.eval import ewt
from benchmarks.eval.__main__ import report_public
from benchmarks.eval.public import DATA, load_public

# a generated document in UNER's .iob2 shape (not corpus text)
IOB2 = "\n".join(
    [
        "# newdoc id = email-x", "# sent_id = email-x-0001", "# text = Hi jo,  can you call Ada Vos at Kemp Ltd?",
        "1\tHi\tO\t-\ta", "2\tjo\tB-PER\t-\ta", "3\t,\tO\t-\ta", "4\tcan\tO\t-\ta", "5\tyou\tO\t-\ta",
        "6\tcall\tO\t-\ta", "7\tAda\tB-PER\t-\ta", "8\tVos\tI-PER\t-\ta", "9\tat\tO\t-\ta", "10\tKemp\tB-ORG\t-\ta",
        "11\tLtd\tI-ORG\t-\ta", "12\t?\tO\t-\ta", "", "# sent_id = email-x-0002", "# text = Thanks",
        "1\tThanks\tO\t-\ta", "", "# sent_id = email-x-0003", "# text = Bo Lund", "1\tBo\tB-PER\t-\ta",
        "2\tLund\tB-PER\t-\ta", "", "# newdoc id = reviews-y", "# sent_id = reviews-y-0001",
        "# text = Great shop in leeds.", "1\tGreat\tO\t-\tb", "2\tshop\tO\t-\tb", "3\tin\tO\t-\tb",
        "4\tleeds\tB-LOC\t-\tb", "5\t.\tO\t-\tb", "",
    ]
)  # fmt: skip


def test_a_document_is_one_record_its_sentences_one_a_line_as_written():
    docs = list(ewt.documents(IOB2))
    assert [d for d, _ in docs] == ["email-x", "reviews-y"]
    record = ewt.to_record(*docs[0])
    ewt.check(record)
    assert record["doc_id"] == "ewt-email-x"
    assert record["text"] == "Hi jo,  can you call Ada Vos at Kemp Ltd?\nThanks\nBo Lund"  # the text's own spacing
    got = [(record["text"][e["start"] : e["end"]], e["label"]) for e in record["entities"]]
    # IOB2: B- starts a new name even right after another (two annotated names "Bo" and "Lund")
    assert got == [("jo", "PERSON"), ("Ada Vos", "PERSON"), ("Kemp Ltd", "ORGANIZATION"), ("Bo", "PERSON"), ("Lund", "PERSON")]
    other = ewt.to_record(*docs[1])
    assert [(other["text"][e["start"] : e["end"]], e["label"]) for e in other["entities"]] == [("leeds", "LOCATION")]


def test_a_token_missing_from_its_text_is_refused():
    broken = IOB2.replace("# text = Thanks", "# text = Cheers")
    with pytest.raises(ValueError):
        [ewt.to_record(*d) for d in ewt.documents(broken)]


@pytest.mark.parametrize(("name", "texts", "counts"), [
    ("ewt_dev", 318, {"PERSON": 343, "LOCATION": 399, "ORGANIZATION": 224}),
    ("ewt_test", 316, {"PERSON": 449, "LOCATION": 317, "ORGANIZATION": 322}),
])  # fmt: skip
def test_the_shipped_sets_load_with_offsets_on_token_edges(name, texts, counts):
    if not (DATA / f"{name}.jsonl").is_file():
        pytest.skip(f"benchmarks/eval/data/{name}.jsonl is absent (python -m benchmarks.eval.ewt <repo> builds it)")
    records, why = load_public(name)
    assert records is not None, why
    assert len(records) == texts
    labels = [g for r in records for g in r["labels"]]
    assert {t: sum(g["type"] == t for g in labels) for t in counts} == counts and len(labels) == sum(counts.values())
    for r in records:
        for g in r["labels"]:
            piece = r["text"][g["start"] : g["end"]]
            assert piece and piece.strip() == piece


def test_misses_are_never_listed_for_the_unread_test_split(capsys):
    record = {"id": "t1", "text": "Ada Vos and Bo Lund", "people": [], "labels": [{"start": 0, "end": 7, "type": "PERSON"}]}
    runs = {"redactor": ({"t1": [{"start": 12, "end": 19, "entity": "PERSON"}]}, 1.0)}
    report_public("ewt_test", [record], runs, misses=True)
    out = capsys.readouterr().out
    assert "Ada Vos" not in out and "Bo Lund" not in out and "kept unread" in out
    report_public("ewt_dev", [record], runs, misses=True)
    out = capsys.readouterr().out
    assert "Ada Vos" in out and "Bo Lund" in out
