"""Universal NER's English Web Treebank (e-mails, reviews, answers, blogs, newsgroups): ``data/ewt_dev.jsonl``, ``data/ewt_test.jsonl``.

    python -m benchmarks.eval.ewt /path/to/UNER_English-EWT   # rewrite both files (a git checkout or bare repo)

UNER_English-EWT (Mayhew et al. 2024, CC BY-SA 4.0) annotates the English Web Treebank of Universal
Dependencies with PER, ORG and LOC (data card ``EWT.md``). Its files ``en_ewt-ud-{dev,test}.iob2`` hold, per
sentence, ``# newdoc id``, ``# sent_id`` and ``# text`` comments and one ``id<TAB>token<TAB>IOB2 tag<TAB>-<TAB>
annotator`` line a token. The train split is not read.

A record is one document (``# newdoc id``): its sentences' ``# text`` lines, as written (the web text's own
spacing), one a line, since the sources are e-mails and posts whose greetings, signatures and list items stand on
lines of their own and the treebank keeps no paragraph marks. Each token is found in its sentence's text in order;
``PER`` spans become ``PERSON``, ``LOC`` ``LOCATION``, ``ORG`` ``ORGANIZATION``.

The dev split is the one to read (``--misses``); the test split is a check kept unread: ``make eval`` scores it but
never lists its spans.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterator
from pathlib import Path

from benchmarks.eval.generate import DATA
from benchmarks.eval.wikigold import git

SPLITS = {"ewt_dev": "en_ewt-ud-dev.iob2", "ewt_test": "en_ewt-ud-test.iob2"}
KINDS = {"PER": "PERSON", "LOC": "LOCATION", "ORG": "ORGANIZATION"}
Sentence = tuple[str, list[tuple[str, str]]]  # (text, [(token, tag)])


def documents(text: str) -> Iterator[tuple[str, list[Sentence]]]:
    """``(doc id, sentences)`` of an ``.iob2`` file; a sentence is its ``# text`` and its ``(token, tag)`` pairs."""
    doc_id, doc, sent, tokens = "", [], "", []
    for line in [*text.splitlines(), ""]:
        if line.startswith("# newdoc id = "):
            if doc:
                yield doc_id, doc
            doc_id, doc = line.removeprefix("# newdoc id = ").strip(), []
        elif line.startswith("# text = "):
            sent = line.removeprefix("# text = ")
        elif line.startswith("#"):
            continue
        elif line.strip():
            fields = line.split("\t")
            tokens.append((fields[1], fields[2]))
        elif tokens:
            doc.append((sent, tokens))
            sent, tokens = "", []
    if doc:
        yield doc_id, doc


def sentence_spans(sent: Sentence) -> list[tuple[int, int, str]]:
    """Entity spans ``(start, end, kind)`` of a sentence, in its text's offsets (IOB2: ``B-`` starts one)."""
    text, tokens = sent
    found, cursor = [], 0
    current: list | None = None
    for token, tag in tokens:
        start = text.index(token, cursor)
        assert not text[cursor:start].strip(), (text, token)
        cursor = start + len(token)
        prefix, _, kind = tag.partition("-")
        if prefix == "I" and current is not None and current[2] == kind:
            current[1] = cursor
            continue
        if current is not None:
            found.append(tuple(current))
            current = None
        if prefix in ("B", "I") and kind:
            current = [start, cursor, kind]
    if current is not None:
        found.append(tuple(current))
    return found


def to_record(doc_id: str, sentences: list[Sentence]) -> dict:
    """One record of a document: its sentences one a line, every PER, LOC and ORG span as an entity."""
    text, entities = "", []
    for sent in sentences:
        base = len(text) + (1 if text else 0)
        text = f"{text}\n{sent[0]}" if text else sent[0]
        for start, end, kind in sentence_spans(sent):
            if kind in KINDS:
                entities.append({"start": base + start, "end": base + end, "label": KINDS[kind]})
    return {"doc_id": f"ewt-{doc_id}", "text": text, "entities": entities}


def check(record: dict) -> None:
    """Every span is non-empty with no space at its edges."""
    for e in record["entities"]:
        piece = record["text"][e["start"] : e["end"]]
        assert piece and piece == piece.strip(), (record["doc_id"], piece)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.eval.ewt", description=__doc__.splitlines()[0])
    parser.add_argument("repo", type=Path, help="github.com/UniversalNER/UNER_English-EWT (git checkout or bare repo)")
    args = parser.parse_args(argv)
    commit = git(args.repo, "rev-parse", "HEAD").strip()
    for name, source in SPLITS.items():
        out = DATA / f"{name}.jsonl"
        count = 0
        with out.open("w", encoding="utf-8") as fh:
            for doc_id, sentences in documents(git(args.repo, "show", f"{commit}:{source}")):
                record = to_record(doc_id, sentences)
                check(record)
                fh.write(json.dumps(record, ensure_ascii=False) + "\n")
                count += 1
        print(f"wrote {out} ({count} texts) from {source} at commit {commit}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
