"""Where a value's text occurs in a segment, matched as the bundle's leak scan matches it (no SQL here).

This module holds the one matching rule that the leak scan (``bundle/leaks.py``), the spread of a
decided value (``case/value_spread.py``) and the index's scrubber (``bundle/scrub.py``) share:
:func:`normalise`, ``EDGE`` and :func:`alternation` (many values as one pattern).

``redactor verify OUT --case CASE`` (``bundle/leaks.py``) looks for every value decided "redact" after
normalising both sides: format characters dropped (U+200E, zero-width spaces and joiners, soft hyphens,
BOM: Unicode category Cf), case folded, runs of spaces, dots, underscores and hyphens made one space;
a value with six digits or more matches in any grouping ("07700 900123", "07700900123"); a match
may not touch a letter or digit on either side; a name that is a very common word ("mark", "hope") matches
only where it is written as a name (:func:`as_name`: "I saw Mark", not "a question mark"). This module finds the same occurrences, and maps
each back to the original text's offsets, so a flag can be put over it. A property test holds it to
the leak scan (``tests/case/test_value_text.py``).

:func:`squeezed` is the form the case indexes (``value_spread``): the normalised text without spaces. Any
occurrence of a value, in any grouping, is a substring of the squeezed segment text, so a trigram
index over it finds every candidate segment.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

MIN_VALUE = 3  # shorter values ("Jo", "A") would blank out ordinary words
SEPARATORS = r"[\s._\-]+"
_SEPARATORS = re.compile(SEPARATORS)


@lru_cache(maxsize=1)
def _invisible() -> dict[int, None]:
    planes = (range(0x20000), range(0xE0000, 0xE1000))  # every format character is in these (tags: U+E0001-E007F)
    return dict.fromkeys(cp for plane in planes for cp in plane if unicodedata.category(chr(cp)) == "Cf")


def strip_invisible(text: str) -> str:
    """Drop format characters (bidi marks, zero-width spaces and joiners, BOM) that hide a value from a search."""
    return text if text.isascii() else text.translate(_invisible())


def normalise(text: str) -> str:
    """Casefolded, invisible characters dropped, words joined by single spaces."""
    return _SEPARATORS.sub(" ", strip_invisible(text).casefold()).strip()


@lru_cache(maxsize=1)
def _function_words() -> frozenset[str]:
    from redactor.detect.language import spacy_stop_words  # spaCy's list, read without importing spaCy

    return frozenset(w.casefold() for w in spacy_stop_words("en"))


def watched(norm: str) -> bool:
    """Whether a normalised value is looked for wherever its text stands (spread, leak scan, index scrubber).

    Not when shorter than :data:`MIN_VALUE`, nor when it is one English function word ("this", "will",
    "may"): a contact saved as "This Is DFIR Two" has the alias "This", and matched without case it would
    blank every "this" in the material. Such a word is redacted where detection flagged it (the known
    person's recogniser asks for a capital there) and nowhere else."""
    return len(norm) >= MIN_VALUE and not (norm.isalpha() and norm in _function_words())


def watched_name(norm: str) -> bool:
    """:func:`watched` for a known person's name or alias, which no reviewer or detector chose in this text: not
    either when it is a name that is a very common word (``people_index.ORDINARY_NAMES``). "Mark Dunn"'s alias
    "Mark" would blank "a question mark" and "mark my words" once the person's phone is redacted; it is redacted
    where detection flagged it (with its capital, or where only a person stands), and the full name everywhere."""
    from redactor.detect.people_index import ORDINARY_NAMES

    return watched(norm) and norm not in ORDINARY_NAMES


@lru_cache(maxsize=1)
def _ordinary_names() -> frozenset[str]:
    from redactor.detect.people_index import ORDINARY_NAMES

    return ORDINARY_NAMES


def capitalised(norm: str) -> bool:
    """Whether a normalised value is a name that is a very common word ("mark", "hope", "will", "summer"), found only
    where it is written as a name (:func:`as_name`): matched without case, spaCy's "Mark" in "Mark said he'd come"
    decided redact would box "a question mark" and "mark my words" everywhere in the case. The spread, the leak scan
    and the scrubber all ask this."""
    return norm in _ordinary_names()


# words that show the word before them, opening a sentence, is the ordinary word: "Hope you're well", "Will you come",
# "May I", "Mark my words", "Love it", "Chase the ..."; a name opening a sentence is followed by a verb or punctuation
_PLAIN_AFTER = frozenset(
    "i im i'm ive i've id i'd ill i'll you u ya ye youre you're your ur yours we he she they it its it's so that this "
    "these those my me our his her their them him us the a an all everything to not".split()
)
_OPENERS = ".!?\u2026:;>\n\r"  # what ends the text before a sentence (chat exports: "Mark Dunn: Hope you're well")
_QUOTES = " \t\"'\u201c\u2018([*\u2022-"  # what may stand between a sentence's opening and its first word
_NEXT_WORD = re.compile(r"[ \t]+([A-Za-z'\u2019]+)")


def as_name(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]``, an occurrence of a :func:`capitalised` value, is written as a name: with a capital,
    and, when it opens a sentence (where any word has a capital), not followed by a word that shows it is the ordinary
    word ("Hope you're well", "Will you", "Mark my words"). "Mark is here", "MARK BROWN", "I saw Mark" are names."""
    if not text[start : start + 1].isupper():
        return False
    before = strip_invisible(text[max(0, start - 40) : start]).rstrip(_QUOTES)  # a U+200E is no word: read past it
    if before and before[-1] not in _OPENERS:
        return True  # inside a sentence: the capital is the writer's
    after = _NEXT_WORD.match(strip_invisible(text[end : end + 40]))
    return after is None or after.group(1).lower().replace("\u2019", "'") not in _PLAIN_AFTER


EDGE = "0-9a-z\u00c0-\u024f"  # what a match may not touch (here and in the leak scan, bundle/leaks.py)
_SEPARATOR = re.compile(r"[\s._\-]")


def squeezed(norm: str) -> str:
    return norm.replace(" ", "")


def mapped(text: str) -> tuple[str, list[int]]:
    """:func:`normalise` without the strip, and for each of its characters the original index it came from."""
    if text.isascii():  # no format characters, and folding keeps one character per character: runs of separators only
        return _mapped_ascii(text)
    return _mapped_chars(text)


def _mapped_chars(text: str) -> tuple[str, list[int]]:
    """:func:`mapped`, a character at a time (any text)."""
    out: list[str] = []
    where: list[int] = []
    in_separator = False
    for i, char in enumerate(text):
        if not char.isascii() and unicodedata.category(char) == "Cf":
            continue  # dropped; a separator run around it stays one run
        if _SEPARATOR.match(char):
            if not in_separator:
                out.append(" ")
                where.append(i)
            in_separator = True
            continue
        in_separator = False
        folded = char.casefold()
        out.append(folded)
        where.extend([i] * len(folded))
    return "".join(out), where


def _mapped_ascii(text: str) -> tuple[str, list[int]]:
    """:func:`mapped` of an ASCII text: what the character loop gives, a run of separators at a time."""
    low = text.lower()
    out: list[str] = []
    where: list[int] = []
    at = 0
    for run in _SEPARATORS.finditer(low):
        out += (low[at : run.start()], " ")
        where += range(at, run.start() + 1)
        at = run.end()
    out.append(low[at:])
    where += range(at, len(low))
    return "".join(out), where


def _is_edge(char: str) -> bool:
    """Whether ``char`` is in the character class ``[EDGE]``."""
    return "0" <= char <= "9" or "a" <= char <= "z" or "\u00c0" <= char <= "\u024f"


@lru_cache(maxsize=65_536)  # asked once per occurrence search: a case has thousands of values, each searched in many texts
def _grouped(norm: str) -> bool:
    return sum(c.isdigit() for c in squeezed(norm)) >= 6


@lru_cache(maxsize=65536)
def pattern(norm: str) -> re.Pattern[str]:
    """A normalised value as a pattern over normalised text: numbers (six digits or more) in any grouping."""
    flat = squeezed(norm)
    if sum(c.isdigit() for c in flat) >= 6:
        body = " ?".join(re.escape(c) for c in flat)
    else:
        body = re.escape(norm)
    return re.compile(rf"(?<![{EDGE}])(?:{body})(?![{EDGE}])")


def occurrences(norm: str, text: str, normalised: tuple[str, list[int]] | None = None) -> list[tuple[int, int]]:
    """``(start, end)`` in ``text`` of every occurrence of the normalised value ``norm``."""
    flat, where = normalised if normalised is not None else mapped(text)
    found = _regrouped(squeezed(norm), flat) if _grouped(norm) else _literal(norm, flat)
    spans = [(where[start], where[end - 1] + 1) for start, end in found]
    if capitalised(norm):
        return [(start, end) for start, end in spans if as_name(text, start, end)]
    return spans


def _regrouped(value: str, flat: str) -> list[tuple[int, int]]:
    """What ``pattern(norm).finditer(flat)`` finds for a value of six digits or more (``value``: its squeezed form),
    without compiling a pattern per value: its characters in order with at most one space between two, leftmost,
    not overlapping, not touching an edge character."""
    found: list[tuple[int, int]] = []
    if not value:
        return found
    where = [i for i, char in enumerate(flat) if char != " "]  # the text without spaces, and where each character was
    bare = "".join(flat[i] for i in where)
    last = len(value) - 1
    at = bare.find(value)
    while at >= 0:
        start, end = where[at], where[at + last] + 1
        spaced = all(where[k + 1] - where[k] <= 2 for k in range(at, at + last))  # " ?": one space at most
        if spaced and (start == 0 or not _is_edge(flat[start - 1])) and (end == len(flat) or not _is_edge(flat[end])):
            found.append((start, end))
            at = bare.find(value, at + len(value))
        else:
            at = bare.find(value, at + 1)
    return found


def _literal(norm: str, flat: str) -> list[tuple[int, int]]:
    """What ``pattern(norm).finditer(flat)`` finds for a value matched as written, without compiling a pattern per
    value (a case has thousands): leftmost matches, not overlapping, not touching an edge character."""
    found: list[tuple[int, int]] = []
    if not norm:
        return found
    at = flat.find(norm)
    while at >= 0:
        end = at + len(norm)
        if (at == 0 or not _is_edge(flat[at - 1])) and (end == len(flat) or not _is_edge(flat[end])):
            found.append((at, end))
            at = flat.find(norm, end)
        else:
            at = flat.find(norm, at + 1)
    return found


def _atoms(value: str) -> list[str]:
    """A value as pattern pieces over normalised text: numbers in any grouping ("07700 900123", "0770 0900123",
    "07700900123"), other values as they are."""
    flat = squeezed(value)
    if sum(c.isdigit() for c in flat) >= 6:
        return [re.escape(c) + " ?" for c in flat[:-1]] + [re.escape(flat[-1])]
    return [re.escape(c) for c in value]


def alternation(values: Sequence[str]) -> re.Pattern[str] | None:
    """One pattern for all values, as a trie (a plain alternation of thousands of values is far slower)."""
    if not values:
        return None
    trie: dict = {}
    for value in values:
        node = trie
        for atom in _atoms(value):
            node = node.setdefault(atom, {})
        node[""] = {}
    return re.compile(rf"(?<![{EDGE}])(?:{_trie_pattern(trie)})(?![{EDGE}])")


def _trie_pattern(node: dict) -> str:
    branches = [atom + _trie_pattern(child) for atom, child in sorted(node.items()) if atom]
    ends = "" in node
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if ends else body
