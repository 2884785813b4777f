"""Which language a segment is in, cheaply: the share of its words that are stop words of each language.

spaCy ships stop-word lists for many languages with the library itself (no model, no download).
A segment of at least ``MIN_WORDS`` words whose stop words are clearly another language's is not
English: the English NER model is not run over it (it reads German nouns as names and flags
hundreds of boxes); the language-independent recognizers are, and the item goes up for review.
Short segments and mixed text count as English: the full detector runs.

:func:`language_findings` gives the detect stage one whole-segment ``LANGUAGE_REVIEW`` finding per
segment that is not English, which the policy proposes for review.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import import_module

from redactor.entities import LANGUAGE_REVIEW  # noqa: E402  the whole-segment finding for a segment in another language
from redactor.records import Finding, Item

LANGUAGES = ("de", "fr", "es", "it", "pt", "nl", "pl", "ro", "hu", "cs", "sk", "lt", "lv", "sv", "da", "nb", "fi", "tr", "hr", "sl", "id")
MIN_WORDS = 12
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
# stop words that are also frequent English tokens (or chat shorthand) say nothing about the language
_SHARED = {
    "a",
    "i",
    "o",
    "e",
    "en",
    "in",
    "an",
    "to",
    "de",
    "la",
    "me",
    "he",
    "we",
    "so",
    "do",
    "no",
    "is",
    "as",
    "at",
    "on",
    "or",
    "it",
    "die",
    "den",
    "has",
    "had",
}


@lru_cache(maxsize=1)
def stop_words() -> dict[str, frozenset[str]]:
    out = {}
    for lang in ("en", *LANGUAGES):
        try:
            words = import_module(f"spacy.lang.{lang}.stop_words").STOP_WORDS
        except (ImportError, AttributeError):  # pragma: no cover - depends on the spaCy build
            continue
        out[lang] = frozenset(w.lower() for w in words if len(w) > 1) - (_SHARED if lang != "en" else frozenset())
    return out


def language(text: str) -> str:
    """``"en"``, another language code (``"other"`` for words in other scripts or with diacritics and no
    known stop words), or ``"en"`` when the segment is short or not clearly another language."""
    words = [w.lower() for w in _WORD.findall(text[:4000])]
    if len(words) < MIN_WORDS:
        return "en"
    lists = stop_words()
    english = sum(w in lists["en"] for w in words) / len(words)
    best, share = "other", 0.0
    for lang, stops in lists.items():
        if lang != "en":
            s = sum(w in stops for w in words) / len(words)
            if s > share:
                best, share = lang, s
    if share >= 0.1 and share > 2 * english:
        return best
    foreign = sum(any(ord(c) > 127 for c in w) for w in words) / len(words)  # "poniedziałek", "Привет"
    if foreign >= 0.25 and english < 0.2:
        return best
    return "en"


def language_findings(item: Item) -> tuple[Finding, ...]:
    """A whole-segment review finding for each segment in another language than English."""
    out = []
    for segment in item.segments:
        lang = language(segment.text)
        if lang != "en":
            start = len(segment.text) - len(segment.text.lstrip())
            end = len(segment.text.rstrip())
            why = f"text in another language ({lang}): the English name model was not run; check it by eye"
            explanation = {"language": lang, "textual_explanation": why}
            out.append(Finding(segment.segment_id, start, end, LANGUAGE_REVIEW, 0.5, "LanguageCheck", explanation))
    return tuple(out)
