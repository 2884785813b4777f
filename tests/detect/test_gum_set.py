"""The GUM news set of ``make eval`` (benchmarks/eval/gum.py, data card GUM.md)."""

from __future__ import annotations

from benchmarks.eval import gum
from benchmarks.eval.public import load_public


def conllu(text: str, rows: list[tuple]) -> str:
    """A sentence in GUM's CoNLL-U shape from (form, xpos, head, deprel, entity) rows (generated, not corpus text)."""
    lines = ["# newpar", f"# text = {text}"]
    for n, (form, xpos, head, deprel, entity) in enumerate(rows, 1):
        misc = f"Entity={entity}" if entity else "_"
        lines.append(f"{n}\t{form}\t{form}\t_\t{xpos}\t_\t{head}\t{deprel}\t_\t{misc}")
    return "\n".join(lines) + "\n\n"


# "Acme boss Jo Kemp-Lee met President Ada Vos and the Mayor at the Vos Museum ."
SENTENCE = conllu(
    "Acme boss Jo Kemp-Lee met President Ada Vos and the Mayor at the Vos Museum.",
    [
        ("Acme", "NNP", 2, "compound", "(1-person-new-x-cf1-2-sgl(2-organization-new-x-cf2-1-sgl)"),
        ("boss", "NN", 7, "nsubj", ""),
        ("Jo", "NNP", 2, "flat", ""),
        ("Kemp", "NNP", 3, "flat", ""),
        ("-", "HYPH", 4, "punct", ""),
        ("Lee", "NNP", 4, "flat", "1)"),
        ("met", "VBD", 0, "root", ""),
        ("President", "NNP", 9, "nmod:desc", "(3-person-new-x-cf3-2-sgl"),
        ("Ada", "NNP", 7, "obj", ""),
        ("Vos", "NNP", 9, "flat", "3)"),
        ("and", "CC", 13, "cc", ""),
        ("the", "DT", 13, "det", "(4-person-new-x-cf4-2-sgl"),
        ("Mayor", "NNP", 9, "conj", "4)"),
        ("at", "IN", 17, "case", ""),
        ("the", "DT", 17, "det", "(5-place-new-x-cf5-2-sgl"),
        ("Vos", "NNP", 17, "compound", "(6-person-new-x-cf6-1-sgl)"),
        ("Museum", "NNP", 7, "obl", "5)|SpaceAfter=No"),
        (".", ".", 7, "punct", ""),
    ],
)


def test_names_are_read_from_person_mentions_without_titles_descriptions_or_eponyms():
    records = list(gum.records(SENTENCE, "news-x"))
    assert len(records) == 1
    record = records[0]
    gum.check(record)
    got = [record["text"][e["start"] : e["end"]] for e in record["entities"]]
    # the organisation inside the boss's mention, "the Mayor" and the museum's eponym are no names
    assert got == ["Jo Kemp-Lee", "Ada Vos"]
    assert {e["label"] for e in record["entities"]} == {"PERSON"}


def test_each_paragraph_is_a_record_with_offsets_in_its_own_text():
    two = SENTENCE + SENTENCE.replace("# newpar\n", "")  # a second sentence in the same paragraph
    records = list(gum.records(two + SENTENCE, "news-x"))
    assert [r["doc_id"] for r in records] == ["news-x-001", "news-x-002"]
    assert records[0]["text"] == f"{records[1]['text']} {records[1]['text']}"
    assert [records[0]["text"][e["start"] : e["end"]] for e in records[0]["entities"]] == ["Jo Kemp-Lee", "Ada Vos"] * 2


def test_the_shipped_set_loads_with_offsets_on_word_edges():
    records, why = load_public("gum_news")
    assert records is not None, why
    assert len(records) == 345
    labels = [g for r in records for g in r["labels"]]
    assert len(labels) == 412 and {g["type"] for g in labels} == {"PERSON"}
    for r in records:
        for g in r["labels"]:
            piece = r["text"][g["start"] : g["end"]]
            assert piece.strip() == piece and piece[0].isupper()
            assert g["start"] == 0 or not r["text"][g["start"] - 1].isalnum()
            assert g["end"] == len(r["text"]) or not r["text"][g["end"]].isalnum()
