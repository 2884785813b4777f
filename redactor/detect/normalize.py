"""Text as the recognizers should see it, with a way back to the original offsets.

Phone exports and PDFs carry characters a reader never sees: direction marks before a name
(U+200E, U+200F, U+202A-U+202E, U+2066-U+2069), zero-width spaces and joiners, soft hyphens,
byte-order marks; and characters that look like ordinary ones: no-break and narrow no-break
spaces, full-width digits and letters. A pattern or a known name must match through them, or
"Jo Example" stays in clear where the text reads "\u200eJo Example".

- :func:`normalise` removes the invisible characters and maps the look-alikes to ASCII;
- :class:`Normalised` maps a span of the normalised text back to the original text (a span
  covers every original character between its first and last one, marks inside it included).

Texts without any such character (nearly all) are returned as they are, at the cost of one
regular-expression search.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

INVISIBLE = "\u00ad\u180e\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\ufeff\ufffe"
SPACES = "\u00a0\u2007\u202f\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2008\u2009\u200a\u205f\u3000"
_TABLE = {ord(c): " " for c in SPACES} | {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}  # full-width ASCII forms
_ANY = re.compile("[" + INVISIBLE + SPACES + "\uff01-\uff5e]")
_DROP = re.compile("[" + INVISIBLE + "]+")


@dataclass(frozen=True, slots=True)
class Normalised:
    """The normalised text; ``kept[i]`` is the original index of normalised character ``i`` (None: identity)."""

    text: str
    kept: tuple[int, ...] | None = None
    length: int = 0  # of the original text

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original offsets of the normalised span ``[start, end)``."""
        if self.kept is None or end <= start:
            return start, end
        stop = self.kept[end] if end < len(self.kept) else self.length  # marks right after the span go with it
        return self.kept[start], stop


def normalise(text: str) -> Normalised:
    if _ANY.search(text) is None:
        return Normalised(text)
    mapped = text.translate(_TABLE)  # one character for one: offsets unchanged
    if _DROP.search(mapped) is None:
        return Normalised(mapped)
    kept = tuple(i for i, c in enumerate(mapped) if c not in INVISIBLE)
    return Normalised(_DROP.sub("", mapped), kept, len(text))
