"""A ten-digit number that is both a valid NHS number and a phone number: which one the text says it is.

One ten-digit number in eleven passes the NHS checksum, so "call me on 9876543210" reads as an NHS
number as often as "NHS no. 943 476 5919" does. When the phone recognizers and the NHS recognizer
report the same digits, the words before the number decide, as a reader would:

- the nearer cue in the clause before the number wins: a phone word ("call", "mob", "Tel:", "text me
  on": ``phone_words.py``) makes it a phone number, an NHS word ("NHS", "patient", "GP", "hospital",
  "health") an NHS number;
- with no cue before it, the first cue in the few characters after it on its line ("9434765919
  (mobile)", "9434765919 (NHS)");
- with no cue at all, nothing changes: the NHS number, the more specific entity, is kept
  (``entities.py``'s merge order).

Only the label changes: the digits stay flagged either way, and the explanation says why the other
reading was set aside, so a reviewer can trust the label.
"""

from __future__ import annotations

import re
from dataclasses import replace

from redactor.detect.recognizers.base import AFTER
from redactor.detect.recognizers.phone_words import phone_word_matches
from redactor.detect.recognizers.phones import clause_before
from redactor.detect.recognizers.uk_ids import NhsNumberRecognizer
from redactor.detect.spans import Found

NHS, PHONE = "UK_NHS", "PHONE_NUMBER"
NHS_WORD = re.compile(r"(?i)(?<![A-Za-z])(?:" + "|".join(re.escape(w) for w in NhsNumberRecognizer.CONTEXT) + r")s?(?![A-Za-z])")
_LINE_END = re.compile(r"[.!?](?:\s|$)|\n")


def phone_or_nhs(text: str, spans: list[Found]) -> list[Found]:
    """``spans`` with each number that is read both as an NHS number and as a phone number left with the reading
    its context gives it (the other one dropped, its reason in the kept span's explanation)."""
    if not any(s.entity == NHS for s in spans) or not any(s.entity == PHONE for s in spans):
        return spans
    drop: set[int] = set()
    notes: dict[int, str] = {}
    phones = [i for i, s in enumerate(spans) if s.entity == PHONE]
    for n, nhs in enumerate(spans):
        if nhs.entity != NHS:
            continue
        covering = [i for i in phones if spans[i].start <= nhs.start and nhs.end <= spans[i].end]
        cue = _cue(text, nhs.start, nhs.end) if covering else None
        if cue == PHONE:
            drop.add(n)
            for i in covering:
                notes[i] = "also a valid NHS number by checksum; a phone word is the nearer cue: read as a phone number"
        elif cue == NHS:
            same = [i for i in covering if (spans[i].start, spans[i].end) == (nhs.start, nhs.end)]
            drop.update(same)
            if same:
                notes[n] = "also read as a phone number; an NHS word is the nearer cue: read as an NHS number"
    return [_noted(s, notes[i]) if i in notes else s for i, s in enumerate(spans) if i not in drop]


def _cue(text: str, start: int, end: int) -> str | None:
    """PHONE or NHS: the nearer cue before the number in its clause, else the first one after it on its line."""
    before = clause_before(text, start)
    phone = max((m.end() for m in phone_word_matches(before)), default=-1)
    nhs = max((m.end() for m in NHS_WORD.finditer(before)), default=-1)
    if phone >= 0 or nhs >= 0:
        return PHONE if phone > nhs else NHS
    stop = _LINE_END.search(text, end, end + AFTER)
    after = text[end : stop.start() if stop else end + AFTER]
    phone = min((m.start() for m in phone_word_matches(after)), default=len(after))
    nhs = min((m.start() for m in NHS_WORD.finditer(after)), default=len(after))
    if phone == nhs:
        return None
    return PHONE if phone < nhs else NHS


def _noted(span: Found, note: str) -> Found:
    why = span.explanation.get("textual_explanation") or span.entity
    return replace(span, explanation={**span.explanation, "textual_explanation": f"{why}; {note}"})
