"""Texts the bundle prints about items (titles, file and exhibit names) pass through the case's decisions.

A title or file name is personal data too ("Jo Example.vcf"). Before the index or the
cover prints such a text, every value decided "redact" anywhere in the case, and every
name and alias of a known person whose name was redacted anywhere, is replaced by its
reason code in brackets ("[TP].vcf"); then the text goes through the case's detector and
policy like any other text, and whatever the policy would propose to redact is replaced
too. Matching is the leak scan's (``leaks.Scanner``): it ignores case, invisible characters (U+200E
and the like), whether the words are separated by spaces, dots, dashes or underscores, and how a
number of six digits or more is grouped; a value may not touch a letter or digit on either side.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from redactor.case.value_text import MIN_VALUE as MIN_VALUE  # re-exported: the bundle's modules read them here
from redactor.case.value_text import alternation, as_name, capitalised, mapped, squeezed, strip_invisible
from redactor.case.value_text import normalise as normalise
from redactor.case.value_text import watched as watched


@dataclass(frozen=True, slots=True)
class Scrubber:
    """Replaces known redacted values, in any spacing or case, by ``[CODE]``."""

    values: tuple[tuple[str, str], ...] = ()  # (normalised value, code)

    @classmethod
    def of(cls, values: Iterable[tuple[str, str]]) -> Scrubber:
        found: dict[str, str] = {}
        for value, code in values:
            norm = normalise(value)
            if watched(norm):
                found.setdefault(norm, code)
        return cls(tuple(sorted(found.items(), key=lambda kv: (-len(kv[0]), kv[0]))))

    def _pattern(self) -> re.Pattern[str] | None:
        """The leak scan's own pattern (``value_text.alternation``) over normalised text: whatever the scan would
        find in a printed text, the scrubber has already replaced."""
        return alternation([value for value, _ in self.values])

    def clean(self, text: str) -> str:
        text = strip_invisible(text)
        pattern = _compiled(self)
        if pattern is None:
            return text
        codes = {squeezed(value): code for value, code in self.values}
        flat, where = mapped(text)
        out, last = [], 0
        for m in pattern.finditer(flat):
            start, end = where[m.start()], where[m.end() - 1] + 1
            if capitalised(m.group(0)) and not as_name(text, start, end):
                continue  # "a question mark" stays when "Mark" was redacted (value_text.capitalised)
            out += [text[last:start], f"[{codes.get(squeezed(m.group(0)), 'TP')}]"]
            last = end
        return "".join(out) + text[last:]


_PATTERNS: dict[int, re.Pattern[str] | None] = {}


def _compiled(scrubber: Scrubber) -> re.Pattern[str] | None:
    key = hash(scrubber.values)
    if key not in _PATTERNS:
        _PATTERNS.clear()
        _PATTERNS[key] = scrubber._pattern()
    return _PATTERNS[key]


def people_values(people: Iterable[object], redacted: Iterable[str]) -> list[str]:
    """Names and aliases of every known person one of whose names or aliases was redacted somewhere."""
    seen = {normalise(v) for v in redacted}
    out: list[str] = []
    for person in people:
        names = [getattr(person, "name", ""), *getattr(person, "aliases", ())]
        if any(normalise(n) in seen for n in names if n):
            out += [n for n in names if n]
    return out


Detect = Callable[[Sequence[str]], list[list[tuple[int, int, str]]]]  # texts -> per text (start, end, code) to redact


def scrub_texts(texts: Iterable[str], scrubber: Scrubber, detect: Detect | None = None) -> dict[str, str]:
    """Each distinct text mapped to what the bundle may print: decided values first, then detection."""
    distinct = sorted({t for t in texts if t})
    cleaned = [scrubber.clean(t) for t in distinct]
    if detect is not None and cleaned:
        for i, spans in enumerate(detect(cleaned)):
            text = cleaned[i]
            for start, end, code in reversed(_merged(spans)):
                text = text[:start] + f"[{code}]" + text[end:]
            cleaned[i] = text
    return dict(zip(distinct, cleaned, strict=True))


def _merged(spans: Sequence[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    out: list[tuple[int, int, str]] = []
    for start, end, code in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end), out[-1][2])
        else:
            out.append((start, end, code))
    return out
