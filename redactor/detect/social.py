"""Social-media shapes that NER-style guesses misread as names: hashtags and runs of @handles.

Measured on the Broad Twitter Corpus' section F (``make eval``, set ``btc_f``), where these were the
commonest false names:

- a hashtag read as a name ("#ValentinesDay", "#WorldCup", "#TBT", "#astronomy"): a guess inside a
  hashtag is dropped when the hashtag has no name in it, that is when every part of it (split at
  capitals: "Valentines|Day") is an ordinary English word and none a given name in common use
  ("#WillAndGrace" keeps its flag), when it is an
  acronym of up to six capitals, or when it is a lower-case English word or a lower-case tag of
  four letters or fewer. A hashtag holding a name ("#BobMarley", "#JuliaTalks", "#TeamXtina",
  "#laurenbacall") keeps its flag: such tags name people as often as not;
- an NER span that starts with @handles and runs on into the next words ("@Carlyhjackson Yep",
  "@bencubby @GuardianJessica"): the handles are flagged on their own (``SOCIAL_HANDLE``), so
  the span keeps only what follows them, and nothing when that is ordinary words ("Yep", "Good luck").
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from redactor.detect.name_lists import english_frequency, is_english_word, is_name_word

GUESSES = frozenset({"SpacyRecognizer", "OrgNameRecognizer", "NameLexiconRecognizer"})
COMMON_GIVEN = 4  # nam_dict.txt's frequency scale (1 rare .. 13): 4 and above is a name in common use
_TAG = re.compile(r"#[^\W_]+")
_PARTS = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+")
_HANDLES = re.compile(r"(?:@\w+[ ]*)+")


def hashtag_without_a_name(text: str, span: Any) -> bool:
    """A guessed person inside a hashtag that holds no name (see the module docstring)."""
    if span.entity != "PERSON" or span.recognizer not in GUESSES:
        return False
    start = span.start - 1 if span.start and text[span.start - 1] == "#" else span.start
    tag = _TAG.match(text, start)
    if tag is None or tag.end() < span.end:
        return False
    body = tag.group(0)[1:]
    if body.isupper():
        return len(body) <= 6
    if body.islower():
        return len(body) <= 4 or is_english_word(body)
    parts = [p for p in _PARTS.findall(body) if not p.isdigit()]
    return bool(parts) and all(is_english_word(p) and not _given_in_use(p) for p in parts)


def _given_in_use(word: str) -> bool:
    """A given name in common use in Britain, Ireland or the USA ("Grace", "Will"; not "Day", "Cup")."""
    return english_frequency().get(word.lower(), 0) >= COMMON_GIVEN


def after_handles(text: str, span: Any) -> Any | None:
    """An NER person that starts with @handles keeps only the words after them, if they have a name's
    shape; None when nothing is left but ordinary words. Other spans come back unchanged."""
    if span.entity != "PERSON" or span.recognizer not in GUESSES or text[span.start : span.start + 1] != "@":
        return span
    handles = _HANDLES.match(text, span.start, span.end)
    if handles is None:
        return span
    rest = text[handles.end() : span.end]
    words = re.findall(r"[^\W\d_]+", rest)
    if not words or all(w[:1].islower() or (is_english_word(w) and not is_name_word(w)) for w in words):
        return None
    return replace(span, start=handles.end())
