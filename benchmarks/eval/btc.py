"""The Broad Twitter Corpus (BTC) in the public sets' JSONL shape; its section F is ``data/btc_f.jsonl``.

    python -m benchmarks.eval.btc /path/to/broad_twitter_corpus   # rewrite data/btc_f.jsonl (a git checkout or bare repo)

BTC (Derczynski, Bontcheva and Roberts, COLING 2016; CC-BY 4.0) is tweets of 2009-2014 from the UK and
elsewhere, annotated for person, organisation and location in CoNLL form (one token and BIO tag a line).
Its README recommends section F as the test set: that is the file shipped here (data card ``BTC.md``).
Section F must never be trained on; ``models/ner/train.py`` reads the other sections through
``read_conll`` and ``to_record`` below.

A text is its tokens joined by single spaces, except that an ``@`` token is joined to the name after it
(the corpus splits ``@user`` into two tokens, each tagged ``B-PER``), and a ``#`` to the word after it. ``PER`` spans become ``PERSON``;
an ``@user`` tagged ``PER`` becomes ``HANDLE``, so that person-name recall stays comparable with WNUT-17
(redactor flags every ``@handle`` by rule). ``ORG`` and ``LOC`` spans are dropped unless asked for.
"""

from __future__ import annotations

import argparse
import json
import subprocess
from collections.abc import Iterable, Iterator
from pathlib import Path

from benchmarks.eval.generate import DATA
from benchmarks.eval.wikigold import entity_spans

Token = tuple[str, str]  # (text, BIO tag)
TEST_SECTION = "f"


def read_conll(text: str) -> Iterator[list[Token]]:
    """Documents of a CoNLL file: blank-line separated, ``token<TAB>tag``; empty tokens are dropped."""
    for block in text.split("\n\n"):
        doc = []
        for line in block.splitlines():
            word, _, tag = line.rpartition("\t")
            if word.strip() and tag:
                doc.append((word.strip(), tag.strip()))
        if doc:
            yield doc


def glue_mentions(doc: list[Token]) -> list[Token]:
    """``@`` followed by a token becomes one token ``@user``, tagged as the ``@`` was (B- or O); ``#``
    followed by a word becomes ``#word`` (sections A and B split hashtags; section F does not)."""
    out: list[Token] = []
    i = 0
    while i < len(doc):
        word, tag = doc[i]
        nxt = doc[i + 1][0] if i + 1 < len(doc) else ""
        if nxt and (word == "@" or (word == "#" and nxt[0].isalpha())):
            nxt_tag = doc[i + 1][1]
            out.append((word + nxt, tag if tag != "O" else nxt_tag))
            i += 2
            continue
        out.append((word, tag))
        i += 1
    return out


def spans(doc: list[Token]) -> tuple[str, list[tuple[int, int, str]]]:
    """The text (tokens joined by spaces) and its entity spans ``(start, end, type)`` from the BIO tags, mentions glued."""
    return entity_spans(glue_mentions(doc))


def label_of(text: str, kind: str) -> str | None:
    if kind == "PER":
        return "HANDLE" if text.startswith("@") else "PERSON"
    return None


def to_record(doc: list[Token], doc_id: str, kinds: Iterable[str] = ("PER",)) -> dict:
    text, found = spans(doc)
    entities = []
    for start, end, kind in found:
        if kind not in kinds:
            continue
        label = label_of(text[start:end], kind) or kind
        entities.append({"start": start, "end": end, "label": label})
    return {"doc_id": doc_id, "text": text, "entities": entities}


def git_file(repo: Path, name: str) -> tuple[str, str]:
    """A file of the BTC repository at HEAD and the commit it was read from."""
    git = ["git", "-C", str(repo)]
    commit = subprocess.run([*git, "rev-parse", "HEAD"], capture_output=True, text=True, check=True).stdout.strip()
    blob = subprocess.run([*git, "show", f"{commit}:{name}"], capture_output=True, check=True).stdout
    return blob.decode("utf-8"), commit


def section(repo: Path, name: str) -> tuple[list[list[Token]], str]:
    text, commit = git_file(repo, f"{name}.conll")
    return list(read_conll(text)), commit


def check(record: dict, doc: list[Token]) -> None:
    """Every span's text is the tokens it was made from (offsets are right)."""
    for e in record["entities"]:
        piece = record["text"][e["start"] : e["end"]]
        assert piece == piece.strip() and piece, (record["doc_id"], e)
    assert record["text"].replace(" ", "") == "".join(w for w, _ in doc).replace(" ", ""), record["doc_id"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.eval.btc", description=__doc__.splitlines()[0])
    parser.add_argument("repo", type=Path, help="the broad_twitter_corpus git repository")
    args = parser.parse_args(argv)
    docs, commit = section(args.repo, TEST_SECTION)
    out = DATA / f"btc_{TEST_SECTION}.jsonl"
    with out.open("w", encoding="utf-8") as fh:
        for n, doc in enumerate(docs, 1):
            record = to_record(doc, f"btc-{TEST_SECTION}-{n:04d}")
            check(record, doc)
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"wrote {out} ({len(docs)} texts) from commit {commit}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
