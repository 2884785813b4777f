"""A surname alone where another segment of the same item names the person in full.

A statement names "Daniel Corvane" on its first page and "Corvane" alone on the third; a message's sender is
"Ilse Varga" and its body says "Varga agreed". Detection analyses each segment's text on its own (and once per
case: a text met before takes its spans from the cache), so ``same_text.py`` finds a surname alone only where
its full name is in the same text. An item's findings are built from all its segments' spans, so this pass
runs there (``detect/stage.py``'s ``findings``): the surnames of full names found in any segment of the item
(``same_text.full_name_surnames``: the same rules) are found where they stand alone in the item's other
segments. An item of one segment, or with no full name found, has nothing to add, and a segment is scanned
only when it holds one of the surnames at all (the coordinating process builds every item's findings). Nothing
here imports spaCy or Presidio.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from redactor.detect.same_text import alone, full_name_surnames
from redactor.records import Finding, Item

NAME = "SameItemSurname"
SCORE = 0.6
WHY = "the surname of a person named in full elsewhere in this item"


def item_surnames(item: Item, spans: Mapping[str, Sequence[Any]]) -> tuple[Finding, ...]:
    """PERSON findings for surnames standing alone in one segment whose full name another segment of ``item`` holds."""
    if len(item.segments) < 2:
        return ()
    surnames = [(seg, _surnames(seg.text, spans[seg.segment_id])) for seg in item.segments]
    if not any(words for _, words in surnames):
        return ()
    out = []
    for seg, own in surnames:
        others = {w for other, words in surnames if other is not seg for w in words if w not in own and w in seg.text}
        for start, end in alone(seg.text, spans[seg.segment_id], others) if others else ():
            out.append(Finding(seg.segment_id, start, end, "PERSON", SCORE, NAME, {"recognizer": NAME, "textual_explanation": WHY}))
    return tuple(out)


def _surnames(text: str, found: Sequence[Any]) -> set[str]:
    """``full_name_surnames`` of a segment, asked only when it holds a PERSON span of two words or more."""
    if not any(s.entity == "PERSON" and " " in text[s.start : s.end] for s in found):
        return set()
    return full_name_surnames(text, found)
