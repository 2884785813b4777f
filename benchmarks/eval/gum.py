"""News articles of the GUM corpus in the public sets' JSONL shape: ``data/gum_news.jsonl``.

    python -m benchmarks.eval.gum /path/to/gum   # rewrite data/gum_news.jsonl (a git checkout or bare repo)

GUM (Georgetown University Multilayer corpus, Zeldes 2017) annotates every mention of an entity, names,
common nouns and pronouns alike, in the ``Entity`` field of its CoNLL-U files (``dep/*.conllu``). Its news
genre is Wikinews (CC BY 2.5); the annotations are CC BY 4.0. Only ``dep/GUM_news_*.conllu`` is read
(data card ``GUM.md``); GUM's other genres, its Reddit texts among them, are not used.

A record is one paragraph (``# newpar``): its sentences' ``# text`` lines joined by a space. A person
name is read from the syntax of a ``person`` mention, as CoNLL-style NER marks names:
- its name words are proper nouns (``NNP``) that head the mention, stand in apposition inside it
  (``captain Harry Kane``) or hang as ``flat`` words from a common noun (``creator Mark Zuckerberg``), with
  their ``flat`` dependents (``Harry`` + ``Kane``); consecutive name words are one name;
- a word with a determiner or number of its own is a description, not a name (``The President``,
  ``One Rohingya``); plural proper nouns (``Muslims``, ``NNPS``) are groups;
- titles and roles are cut from the front of a name (``US President Barack Obama`` -> ``Barack Obama``;
  ``TITLES``); a name of title words alone, or one that starts in lower case, is dropped;
- a person's name in a compound that names an organisation, place, object or abstract thing (``Tang
  Teaching Museum``, ``Man of the Match award``) is an eponym, not a person, and is dropped; so are words of another
  kind of mention inside the person's (``University of Texas Arlington`` in a student's description) and
  the party and group words in ``GROUPS``.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

from benchmarks.eval.generate import DATA

GENRE = "news"
ENTITY = re.compile(r"\((\d+)-([a-z]+)[^()]*(\))?|(\d+)\)")  # "(id-type-...", "(id-type-...)" or "id)"
EPONYM_IN = {"organization", "place", "object", "abstract"}
TITLES = {
    "administrator", "captain", "chairman", "dr", "dr.", "director", "doctor", "emeritus", "general",
    "governor", "judge", "king", "lady", "lord", "mayor", "minister", "mp", "mr", "mr.", "mrs", "mrs.",
    "ms", "ms.", "president", "prime", "prince", "princess", "professor", "qc", "queen", "sc", "secretary",
    "senator", "sheriff", "sir", "undersecretary",
}  # fmt: skip
GROUPS = {"republican", "democrat", "rohingya", "student", "refugee"}

Word = list[str]  # a CoNLL-U line's ten fields


def sentences(conllu: str) -> Iterator[tuple[bool, str, list[Word], dict[str, tuple[int, int]]]]:
    """Each sentence: whether a paragraph starts at it, its text, its words, and the character span of each
    word id in the text (a multi-word token's words get their own spans when their forms are in it)."""
    new_par, text, words, spans = False, "", [], {}
    cursor, token = 0, (0, 0, 0)  # a multi-word token: (last word id, start, end)
    for line in [*conllu.split("\n"), ""]:
        if line.startswith("# newpar"):
            new_par = True
        elif line.startswith("# text = "):
            text, cursor, token = line[len("# text = ") :], 0, (0, 0, 0)
        elif not line.strip():
            if words:
                yield new_par, text, words, spans
            new_par, words, spans = False, [], {}
        elif not line.startswith("#"):
            fields = line.split("\t")
            first, _, last = fields[0].partition("-")
            if "." in first:
                continue  # an empty node
            if int(first) <= token[0]:  # a word of a multi-word token: its form or the whole token
                at = text.find(fields[1], token[1], token[2])
                spans[first] = (at, at + len(fields[1])) if at >= 0 else token[1:]
                words.append(fields)
                continue
            start = text.index(fields[1], cursor)
            assert not text[cursor:start].strip(), (text, fields[1])
            cursor = start + len(fields[1])
            if last:
                token = (int(last), start, cursor)
                continue
            spans[first] = (start, cursor)
            words.append(fields)


def mentions(words: list[Word]) -> list[tuple[str, int, int]]:
    """``(type, first word, last word)`` of every entity mention in a sentence (1-based word ids)."""
    found, open_ = [], {}
    for n, w in enumerate(words, 1):
        misc = dict(kv.split("=", 1) for kv in w[9].split("|") if "=" in kv)
        for m in ENTITY.finditer(misc.get("Entity", "")):
            if m.group(1) and m.group(3):
                found.append((m.group(2), n, n))
            elif m.group(1):
                open_.setdefault(m.group(1), []).append((m.group(2), n))
            else:
                kind, start = open_[m.group(4)].pop()
                found.append((kind, start, n))
    return found


def eponym(all_mentions: list[tuple[str, int, int]], words: list[Word], i: int) -> bool:
    """Word ``i`` names a person in a compound that names a thing of another kind (``Tang Teaching Museum``)."""
    head = int(words[i - 1][6])
    return words[i - 1][7] == "compound" and any(k in EPONYM_IN and a <= min(i, head) and max(i, head) <= b for k, a, b in all_mentions)


def names(words: list[Word]) -> list[tuple[int, int]]:
    """The (first, last) word ids of every person name in a sentence (module docstring)."""
    all_mentions = mentions(words)
    out = set()
    for kind, s, e in all_mentions:
        if kind != "person":
            continue
        inside = set(range(s, e + 1))
        other = {i for k, a, b in all_mentions if k != "person" and s <= a and b <= e for i in range(a, b + 1)}
        kids: dict[int, list[int]] = {}
        for i in inside:
            kids.setdefault(int(words[i - 1][6]), []).append(i)
        named: set[int] = set()
        for i in sorted(inside - other):
            if _name_root(words, inside, i) and not any(words[k - 1][7] in ("det", "nummod") for k in kids.get(i, [])):
                if not eponym(all_mentions, words, i):
                    named |= _flat(words, kids, other, i)
        named |= {i for i in inside if words[i - 1][4] == "HYPH" and {i - 1, i + 1} <= named}  # Lee Cheuk-yan
        for run in _runs(sorted(named)):
            titled = [n for n, k in enumerate(run) if words[k - 1][1].lower() in TITLES]
            run = run[titled[-1] + 1 :] if titled else run
            if run and words[run[0] - 1][1][0].isupper() and words[run[0] - 1][1].lower() not in GROUPS:
                out.add((run[0], run[-1]))
    return sorted(out)


def _name_root(words: list[Word], inside: set[int], i: int) -> bool:
    """A proper noun that heads the mention, stands in apposition in it, or is a name word (``flat``) of a
    common noun (``creator Mark Zuckerberg``: both names are ``flat`` under ``creator``)."""
    w = words[i - 1]
    head = int(w[6])
    if w[4] != "NNP":
        return False
    return head not in inside or w[7] == "appos" or (w[7].startswith("flat") and words[head - 1][4] != "NNP")


def _flat(words: list[Word], kids: dict[int, list[int]], other: set[int], i: int) -> set[int]:
    """Word ``i`` and its ``flat`` descendants (the rest of a name)."""
    found, stack = {i}, [i]
    while stack:
        for k in kids.get(stack.pop(), []):
            if words[k - 1][7].startswith("flat") and k not in other:
                found.add(k)
                stack.append(k)
    return found


def _runs(ids: list[int]) -> Iterator[list[int]]:
    """Consecutive word ids grouped: one name, however its words hang together."""
    run: list[int] = []
    for i in ids:
        if run and i != run[-1] + 1:
            yield run
            run = []
        run.append(i)
    if run:
        yield run


def records(conllu: str, doc: str) -> Iterator[dict]:
    """One record a paragraph: text and PERSON spans (Python string offsets)."""
    text, entities, n = "", [], 0
    for new_par, sentence, words, spans in sentences(conllu):
        if new_par and text:
            n += 1
            yield {"doc_id": f"{doc}-{n:03d}", "text": text, "entities": entities}
            text, entities = "", []
        base = len(text) + (1 if text else 0)
        text = f"{text} {sentence}" if text else sentence
        for first, last in names(words):
            start, end = spans[str(first)][0], spans[str(last)][1]
            entities.append({"start": base + start, "end": base + end, "label": "PERSON"})
    if text:
        yield {"doc_id": f"{doc}-{n + 1:03d}", "text": text, "entities": entities}


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, check=True).stdout


def check(record: dict) -> None:
    """Every span is a name's words: no space at its edges, starting with a capital letter."""
    for e in record["entities"]:
        piece = record["text"][e["start"] : e["end"]]
        assert piece and piece == piece.strip() and piece[0].isupper(), (record["doc_id"], piece)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.eval.gum", description=__doc__.splitlines()[0])
    parser.add_argument("repo", type=Path, help="the GUM git repository (github.com/amir-zeldes/gum)")
    args = parser.parse_args(argv)
    commit = git(args.repo, "rev-parse", "HEAD").strip()
    files = sorted(f for f in git(args.repo, "ls-tree", "-r", "--name-only", commit, "dep/").split() if f.startswith(f"dep/GUM_{GENRE}_"))
    out = DATA / f"gum_{GENRE}.jsonl"
    count = 0
    with out.open("w", encoding="utf-8") as fh:
        for name in files:
            doc = Path(name).stem.removeprefix("GUM_").replace("_", "-")
            for record in records(git(args.repo, "show", f"{commit}:{name}"), doc):
                check(record)
                fh.write(json.dumps(record, ensure_ascii=False) + "\n")
                count += 1
    print(f"wrote {out} ({count} texts from {len(files)} files) from commit {commit}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
