"""A surname alone in one segment of an item whose full name another segment holds (``same_item.py``).

Names are invented. The stage's findings are built from spans given here (what workers or the cache hand the
coordinating process), so no model runs.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from redactor.detect.same_item import NAME, item_surnames
from redactor.detect.spans import Found
from redactor.detect.stage import DetectSettings, PresidioDetect
from redactor.records import Item, Segment


def item(*texts: str) -> Item:
    return Item("i1", "s1", "statement", "document", "pdf", tuple(Segment(f"i1.{n}", "i1", n, "page", t) for n, t in enumerate(texts)), {})


def person(text: str, value: str, recognizer: str = "SpacyRecognizer", score: float = 0.85) -> Found:
    start = text.index(value)
    return Found(start, start + len(value), "PERSON", score, recognizer, {})


def test_a_surname_on_another_page_is_found():
    first, second = "Statement of Daniel Corvane, taken on Monday.", "I asked him to stop. Corvane said no and left."
    doc = item(first, second)
    spans = {"i1.0": [person(first, "Daniel Corvane")], "i1.1": []}
    [found] = item_surnames(doc, spans)
    assert (found.segment_id, second[found.start : found.end], found.entity, found.recognizer) == ("i1.1", "Corvane", "PERSON", NAME)
    findings = PresidioDetect(DetectSettings(), Path("."), ()).findings(doc, spans)
    assert [f.recognizer for f in findings] == ["SpacyRecognizer", NAME]


def test_nothing_is_added_within_one_segment_or_twice_or_from_a_weak_guess():
    text = "Daniel Corvane came in. Corvane sat down."
    assert item_surnames(item(text), {"i1.0": [person(text, "Daniel Corvane")]}) == ()  # same_text.py's business
    first, second = "Statement of Daniel Corvane.", "Corvane Street was closed. I saw Corvane there."
    doc = item(first, second)
    at = second.rindex("Corvane")
    covered = Found(at, at + len("Corvane"), "PERSON", 0.6, "SameTextSurname", {})  # already found in that segment
    assert item_surnames(doc, {"i1.0": [person(first, "Daniel Corvane")], "i1.1": [covered]}) == ()
    guess = person(first, "Daniel Corvane", "NameLexiconRecognizer", 0.5)  # two proper nouns, no more
    assert item_surnames(item(first, "Corvane said so."), {"i1.0": [guess], "i1.1": []}) == ()


def test_an_ordinary_word_surname_is_taken_alone_only_where_a_person_stands():
    first = "Statement of Daniel Baker."
    for second in ("Baker is a trade.", "The Baker family left.", "I met a Baker there."):
        assert item_surnames(item(first, second), {"i1.0": [person(first, "Daniel Baker")], "i1.1": []}) == (), second
    second = "Baker said so. I saw Baker leave."
    found = item_surnames(item(first, second), {"i1.0": [person(first, "Daniel Baker")], "i1.1": []})
    assert [second[f.start : f.end] for f in found] == ["Baker", "Baker"] and found[1].start == second.rindex("Baker")


def test_the_coordinating_process_imports_neither_spacy_nor_presidio_for_it():
    code = (
        "import sys\n"
        "from tests.detect.test_same_item import test_a_surname_on_another_page_is_found as t\n"
        "t()\n"
        "print(sorted(m for m in ('presidio_analyzer', 'spacy', 'thinc') if m in sys.modules))\n"
    )
    root = Path(__file__).resolve().parents[2]
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=root).stdout.strip()
    assert out == "[]"
