"""Which language a segment is in, cheaply: the share of its words that are stop words of each language.

spaCy ships stop-word lists for many languages with the library itself (no model, no download).
A segment of at least ``MIN_WORDS`` words whose stop words are clearly another language's is not
English: the English NER model is not run over it (it reads German nouns as names and flags
hundreds of boxes); the language-independent recognizers are, and the item goes up for review.
Short segments and mixed text count as English: the full detector runs.

A long segment is read window by window (about ``WINDOW`` characters each, cut at white space), so
a letter that turns to English after four pages of Polish still gets the English model: the segment
counts as English when any window is. Each run of windows in another language gets its own review
finding, covering that run only.

:func:`language_findings` gives the detect stage one whole-segment ``LANGUAGE_REVIEW`` finding per
segment that is not English, which the policy proposes for review.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from functools import lru_cache
from importlib import import_module, util
from pathlib import Path

from redactor.entities import LANGUAGE_REVIEW  # noqa: E402  the whole-segment finding for a segment in another language
from redactor.records import Finding, Item

LANGUAGES = ("de", "fr", "es", "it", "pt", "nl", "pl", "ro", "hu", "cs", "sk", "lt", "lv", "sv", "da", "nb", "fi", "tr", "hr", "sl", "id")
MIN_WORDS = 12
WINDOW = 2000  # characters read per language decision; a segment up to twice this is read whole
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
            words = _spacy_stop_words(lang)
        except (ImportError, AttributeError):  # pragma: no cover - depends on the spaCy build
            continue
        out[lang] = frozenset(w.lower() for w in words if len(w) > 1) - (_SHARED if lang != "en" else frozenset())
    return out


def _spacy_stop_words(lang: str) -> set[str]:
    """``spacy.lang.<lang>.stop_words.STOP_WORDS``, read from that file alone (it imports nothing): importing
    it as a module first imports the language's package, whose tokenizer exceptions cost about 2 CPU
    seconds for French, in every process that checks a language. spaCy itself is not imported either
    (half a CPU second and 90 MB in a coordinating process that analyses no text)."""
    name = f"spacy.lang.{lang}.stop_words"
    spec = util.find_spec("spacy")  # found, not imported (finding "spacy.lang" would import spaCy itself)
    found = spec.submodule_search_locations if spec else None
    path = Path(found[0]) / "lang" / lang / "stop_words.py" if found else None
    if name in sys.modules or path is None or not path.is_file():
        return import_module(name).STOP_WORDS
    module_spec = util.spec_from_file_location(f"redactor._spacy_stop_words_{lang}", path)
    module = util.module_from_spec(module_spec)  # type: ignore[arg-type]
    module_spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module.STOP_WORDS


def spacy_stop_words(lang: str) -> set[str]:
    """spaCy's stop words of ``lang`` (its ``STOP_WORDS``), read without importing spaCy (``_spacy_stop_words``)."""
    return _spacy_stop_words(lang)


def language(text: str) -> str:
    """``"en"`` when any window of ``text`` is English (or short, or not clearly another language);
    otherwise the language code most of its windows are in (``"other"`` for words in other scripts or
    with diacritics and no known stop words)."""
    langs = [lang for _, _, lang in language_runs(text)]
    return "en" if "en" in langs or not langs else Counter(langs).most_common(1)[0][0]


def windows(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` windows of about ``WINDOW`` characters covering ``text``, cut at white space;
    a short remainder joins the window before it, so no window is too short to judge."""
    if len(text) <= 2 * WINDOW:
        return [(0, len(text))]
    out, start = [], 0
    while len(text) - start > WINDOW + WINDOW // 2:
        cut = text.rfind(" ", start + WINDOW // 2, start + WINDOW)
        cut = cut if cut > start else start + WINDOW
        out.append((start, cut))
        start = cut
    out.append((start, len(text)))
    return out


def language_runs(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, language)`` for each run of neighbouring windows in the same language."""
    if len(text) < 2 * MIN_WORDS - 1:  # too short to hold MIN_WORDS words (each a letter, a separator between): English
        return [(0, len(text), "en")]
    return list(_runs(text))


@lru_cache(maxsize=4096)  # sender names, "ok", forwarded texts: the same text is read again
def _runs(text: str) -> tuple[tuple[int, int, str], ...]:
    runs: list[tuple[int, int, str]] = []
    for start, end in windows(text):
        lang = _window_language(text[start:end])
        if runs and runs[-1][2] == lang:
            runs[-1] = (runs[-1][0], end, lang)
        else:
            runs.append((start, end, lang))
    return tuple(runs)


def _window_language(text: str) -> str:
    words = [w.lower() for w in _WORD.findall(text)]
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
    """A review finding over each run of text in another language than English: the whole segment,
    or in a long mixed segment the part that is not English."""
    out = []
    for segment in item.segments:
        runs = language_runs(segment.text)
        mixed = any(lang == "en" for _, _, lang in runs)
        for run_start, run_end, lang in runs:
            if lang == "en":
                continue
            run = segment.text[run_start:run_end]
            start = run_start + len(run) - len(run.lstrip())
            end = run_start + len(run.rstrip())
            model = "the English name model read it too, which is unreliable here" if mixed else "the English name model was not run"
            why = f"text in another language ({lang}): {model}; check it by eye"
            explanation = {"language": lang, "textual_explanation": why}
            out.append(Finding(segment.segment_id, start, end, LANGUAGE_REVIEW, 0.5, "LanguageCheck", explanation))
    return tuple(out)
