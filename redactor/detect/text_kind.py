"""Text that is not prose about people: licences, source code, markdown tables and headings.

spaCy's small model reads capitalised words as names wherever they stand: "Permission is hereby
granted", "MIT License", "and/or sell" in a licence file; "Email", "JSON", "Format" in a README's
table cells and headings; "mo.group('escaped" in code. A phone download ships apps' LICENSE and
README files, and each false name is a redaction a reviewer must undo (or, accepted in bulk, a
word that vanishes from the bundle). Such text is recognised by its shape, never by its words:

- licence text: three terms of software and content licences (warranty, redistribute, source code,
  derivative works, "AS IS", ...), one of them a phrase only a licence uses ("this License",
  merchantability, sublicense, "permission is hereby granted", licensor);
- source code: at least three lines, a third of them code (``import``, ``def f(...):``, ``x = ...``,
  a line ending in ``;``, ``{`` or ``}``);
- markdown structure: heading lines (``## Format notes``), table rows (``| Email | ... |``) and code
  between backticks. A README's prose paragraphs stay prose.

There, a guess by an NER-style recognizer (spaCy, its organisations read as names, a lone given
name from the lexicon, a lower-case chat name: ``GUESSES``) is dropped when it has no name shape
(:func:`not_a_name`: code characters, ordinary English words or acronyms only, a lower-case word
that is no given name). In licence text a guess needs more: a personal cue before it on its line
("Copyright (c) 2021 ...", "Author:", "written by", "thanks to"), the shape of a full name from
the lists (a listed given name, then a capitalised surname: "Jonas Weich"), a listed name that is no
English word ("Dana"), or words about a person close by ("Tovkar said", "ask Tovkar"): a message that
quotes licence terms reads as licence text, and its people must not be dropped for it. Known people (the
roster), titles and ranks, labels ("Name: ..."), role words and case titles are never dropped.
An NER place there is dropped on the same test or when it has a digit ("localedirs.get(domain",
"kwargs", "UTF-8", "Format"); in licence text a special-category term is ("Termination"); in code a URL without scheme, ``www.`` or path is an attribute ("datetime.date").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any

from redactor.detect import name_lists

GUESSES = frozenset({"SpacyRecognizer", "OrgNameRecognizer", "NameLexiconRecognizer", "ChatNameRecognizer"})
_LICENCE_MARK = (  # only a licence says these
    r"merchantability|permission[ ]is[ ]hereby[ ]granted|(?-i:this[ ]Licen[cs]e)|sublicen[cs]\w*|licensor|licensee|"
    r"(?:general|lesser|mozilla|apache|mit|bsd|artistic|public)[ ]licen[cs]e|creative[ ]commons|copyright[ ]holders?"
)
_LICENCE_TERM = re.compile(
    rf"(?i)(?<!\w)(?:(?P<mark>{_LICENCE_MARK})|warrant(?:y|ies)|redistribut\w*|distribut\w*|source[ ]code|object[ ]code|"
    r"the[ ]software|the[ ]program|free[ ]software|open[ ]source|derivative[ ]works?|royalty[- ]free|infring\w*|"
    r"non-?exclusive|modified[ ]versions?|verbatim|licen[cs]e[sd]?|copyright|patents?|[\"“]as[ ]is[\"”])(?!\w)"
)
_CODE_LINE = re.compile(
    r"^[ \t]*(?:(?:import[ ][\w.]+|from[ ][\w.]+[ ]import[ ]).*|(?:def|class|if|elif|else|for|while|try|except|with)\b.*:"
    r"|[\w.\[\]'\"]+[ ]*(?:[-+*/|&]?=|:=)[ ]*\S.*|['\"][^'\"\n]*['\"][ ]*[:,].*|[\w.'\"]+[ ]*:[ ]*['\"\w].*,[ \t]*(?:\#.*)?|.*[;{}][ \t]*|.*\w\(.*\)[ \t]*|//.*|(?:var|let|const|return)[ ].*)$"
)
_MARKDOWN = re.compile(r"(?m)^[ \t]{0,3}#{1,6}[ \t].*$|^[ \t]*\|.*\|[ \t]*$|(?s:```.*?```)|`[^`\n]+`")
_CUE = re.compile(
    r"(?i)(?:copyright|©|\(c\)|authors?|written[ ]by|created[ ]by|developed[ ]by|maintained[ ]by|contributed[ ]by|"
    r"thanks[ ]to|credits?|contact|signed|name)\b[^\n]*$"
)
# a person spoken to, about or by, in a message that quotes a licence ("ask Tovkar", "Tovkar said", "my mate")
_PERSONAL = re.compile(
    r"(?i)(?<![\w'])(?:i|i'm|me|my|he|she|his|her|him|you|your|we|us|our|mum|dad|mate|friend|boyfriend|girlfriend|partner|"
    r"wife|husband|brother|sister|said|says|told|asked|ask|tell|text|texted|call|called|rang|messaged|thanks|thank|hi|hello|hey|dear)(?![\w'])"
)
_CODE_CHARS = re.compile(r"[()\[\]{}<>=/\\\"_%|]|[a-z]\.[a-z]")
_INNER_CAPITAL = re.compile(r"^(?!Mc|Mac|O['’]|D['’])[A-Z]+[a-z]+[A-Z]|^[A-Z]{2,}[a-z]")  # "DeprecationWarning", "OSError"


@dataclass(frozen=True)
class TextKind:
    """What kind of text ``text`` is, worked out only when a guess in it asks."""

    text: str

    @cached_property
    def licence(self) -> bool:
        """Three licence terms, one of them a phrase only a licence uses."""
        found = list(_LICENCE_TERM.finditer(self.text))
        terms = {re.sub(r"\W+", " ", m.group(0).lower()).strip() for m in found}
        return len(terms) >= 3 and any(m.group("mark") for m in found)

    @cached_property
    def code(self) -> bool:
        lines = [line for line in self.text.splitlines() if line.strip()]
        if len(lines) < 3:
            return False
        return sum(1 for line in lines if _CODE_LINE.match(line)) * 3 >= len(lines)

    @cached_property
    def markdown(self) -> list[tuple[int, int]]:
        if "\n" not in self.text or not any(c in self.text for c in "#|`"):  # a one-line "# tag" is a hashtag
            return []
        return [m.span() for m in _MARKDOWN.finditer(self.text)]

    def structured(self, start: int, end: int) -> bool:
        """Licence or code text, or a markdown heading, table row or code span."""
        return self.licence or self.code or any(a <= start and end <= b for a, b in self.markdown)


def drop_non_prose(text: str, spans: Sequence[Any]) -> list[Any]:
    """``spans`` (``merge.Found``) less the guesses that licence, code or markdown structure explains."""
    kind = TextKind(text)
    return [s for s in spans if not _explained(kind, s)]


def _explained(kind: TextKind, span: Any) -> bool:
    if span.entity == "URL":
        return span.recognizer == "UrlRecognizer" and _bare_domain(kind.text[span.start : span.end]) and kind.code
    if span.entity == "SPECIAL_CATEGORY":  # "Termination of this License" is no health record
        return span.recognizer == "SpecialCategoryRecognizer" and kind.licence
    if span.recognizer not in GUESSES or span.entity not in ("PERSON", "LOCATION") or not kind.structured(span.start, span.end):
        return False
    value = kind.text[span.start : span.end]
    if span.entity == "LOCATION":  # "localedirs.get(domain", "kwargs", "UTF-8", "Format": no place's shape
        return not_a_name(value) or any(c.isdigit() for c in value)
    if not_a_name(value):
        return True
    if not kind.licence:
        return False
    line_start = kind.text.rfind("\n", 0, span.start) + 1
    if _CUE.search(kind.text, line_start, span.start) is not None or full_listed_name(value) or listed_name(value):
        return False
    return not _personal_context(kind.text, span.start, span.end)


def listed_name(value: str) -> bool:
    """A word of it is a listed given name or surname that is no English word ("Dana", "Okafor"; not "Grant")."""
    return any(name_lists.is_name_word(w) and not name_lists.is_english_word(w) for w in re.findall(r"[^\W\d_]+", value))


def _personal_context(text: str, start: int, end: int) -> bool:
    """Words about a person on the same line, close by: "ask Tovkar", "Tovkar said", "my friend Tovkar"."""
    line_start = max(text.rfind("\n", 0, start) + 1, start - 40)
    line_end = text.find("\n", end)
    line_end = min(line_end if line_end != -1 else len(text), end + 40)
    return _PERSONAL.search(text, line_start, start) is not None or _PERSONAL.search(text, end, line_end) is not None


def _bare_domain(value: str) -> bool:
    return not re.search(r"(?i)^(?:[a-z][a-z0-9+.-]*://|www\.)|[/@]", value)


def not_a_name(value: str) -> bool:
    """No name shape: code characters, camel case, only ordinary words or acronyms, or a lower-case
    word that is no given name ("mo.group", "OSError", "MIT License", "Permission", "and/or sell", "kwds")."""
    if _CODE_CHARS.search(value):
        return True
    words = value.replace("-", " ").split()
    if not words or not any(c.isalpha() for c in value):
        return True
    if any(_INNER_CAPITAL.match(w) for w in words):
        return True
    if len(words) == 1 and value.islower():
        return value not in _given_lower() or name_lists.is_english_word(value)
    return all(_ordinary(w) for w in words)


@lru_cache(maxsize=1)
def _given_lower() -> frozenset[str]:
    return frozenset(n.lower() for n in name_lists.given_names())


def _ordinary(word: str) -> bool:
    """An ordinary English word or an acronym, and no listed name ("License", "JSON"; not "Rose", "Weich")."""
    bare = word.strip(".,'’")
    if name_lists.is_name_word(bare.title()) or name_lists.is_name_word(bare):
        return False
    return name_lists.is_english_word(bare) or (bare.isupper() and len(bare) <= 5) or not bare[:1].isalpha()


def full_listed_name(value: str) -> bool:
    """A listed given name, then one or two capitalised words, the last a listed surname or no English
    word ("Jonas Weich", "James Henstridge"; not "Grant Scope")."""
    words = value.split()
    if not 2 <= len(words) <= 3 or not all(w[:1].isupper() and w[1:].islower() for w in words):
        return False
    first, last = words[0], words[-1]
    return first in name_lists.given_names_raw() and (last in name_lists.surnames() or not name_lists.is_english_word(last))
