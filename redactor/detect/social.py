"""Social-media shapes that NER-style guesses misread as names: hashtags and runs of @handles.

Measured on the Broad Twitter Corpus' section F (``make eval``, set ``btc_f``), where these were the
commonest false names:

- a hashtag read as a name ("#ValentinesDay", "#WorldCup", "#TBT", "#astronomy"): a guess inside a
  hashtag is dropped when the hashtag has no name in it, that is when every part of it (split at
  capitals: "Valentines|Day") is an ordinary English word and none a given name in common use
  ("#WillAndGrace" keeps its flag), when it is an
  acronym of up to six capitals, or when it is a lower-case English word or a lower-case tag of
  four letters or fewer. A hashtag holding a name ("#BobMarley", "#JuliaTalks", "#TeamXtina",
  "#laurenbacall") keeps its flag: such tags name people as often as not. Words of one or two letters
  count as English words in a tag ("#DealWithIt", "#iLoveWater"), a lower-case tag that splits into
  English words counts as such ("#supplychains", "#modernslaverybill"; not "#auspol") and a country
  is no name ("#Sweden"); a camel-case tag that ends in a word of a place, venue or organisation is a place
  ("#FenwayPark", "#ParisBakery", "#ColwynBay"; "#BenPark" stays: a surname after a given name);
- an NER span that starts with @handles and runs on into the next words ("@Carlyhjackson Yep",
  "@bencubby @GuardianJessica"): the handles are flagged on their own (``SOCIAL_HANDLE``), so
  the span keeps only what follows them, and nothing when that is ordinary words ("Yep", "Good luck");
- a link read as a name ("http://t.co/BWAyNFHdBI", "mradventure http://t.co/..."): the guess stops
  before the link, and is dropped when nothing is left (the URL recognizer flags the link itself);
- a name that starts a hashtag that keeps its flag is the whole tag, "#" included ("#BillClinton", "#KevChat").
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from typing import Any

from redactor.detect.name_lists import (
    common_surnames,
    countries,
    english_frequency,
    given_names_raw,
    is_english_word,
    is_name_word,
    lexicon,
)

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
    if body.lower() in countries() and not given_in_use(body):
        return True  # "#Sweden"; not "#Jordan"
    if body.isupper():
        return len(body) <= 6
    if body.islower():
        return len(body) <= 4 or is_english_word(body) or english_compound(body)
    parts = [p for p in _PARTS.findall(body) if not p.isdigit()]
    if len(parts) >= 2 and parts[-1][:1].isupper() and venue(parts):
        return True  # "#FenwayPark", "#ParisBakery", "#ColwynBay": a place, not "#BenPark"
    return bool(parts) and all(_tag_word(p) and not given_in_use(p) for p in parts)


VENUE_WORDS = frozenset(
    "bay springs beach bakery studio marathon stadium arena festival fest museum gallery theatre theater zoo island "
    "lake river valley mountain hills".split()
)  # places and events a tag names; with the organisation words ("Park", "Hall", "Club", "Hotel")


def venue(parts: list[str]) -> bool:
    """A camel-case tag that ends in a word of a place, venue or organisation; when that word is also a common surname
    ("Park", "Hall") only after two words or more or a first word that is no listed name ("#FenwayPark")."""
    last = parts[-1].lower()
    if last not in VENUE_WORDS and last not in _organisation_words():
        return False
    if last.capitalize() not in common_surnames():
        return True
    return len(parts) >= 3 or not (is_name_word(parts[0]) or parts[0] in given_names_raw())


@lru_cache(maxsize=1)
def _organisation_words() -> frozenset[str]:
    return frozenset(w.lower() for w in lexicon("organisation_words.txt"))


SHORT_WORDS = frozenset(
    "a i an as at be by do go he if in is it me my no of oh ok on or so to up us we tv".split()
)  # the word list starts at three letters


def _tag_word(word: str) -> bool:
    return word.lower() in SHORT_WORDS or is_english_word(word)


def english_compound(body: str) -> bool:
    """A lower-case tag that splits into two or more English words of three letters or more, or short ones
    ("supplychains", "lifeinthefastlane"), none a given name in common use ("jackwhite" stays)."""
    ways: list[list[str] | None] = [[]] + [None] * len(body)  # ways[i]: the words of body[:i], fewest first
    for end in range(1, len(body) + 1):
        for start in range(max(0, end - 20), end):
            word = body[start:end]
            before = ways[start]
            if before is not None and (word in SHORT_WORDS or (len(word) > 2 and is_english_word(word))) and not given_in_use(word):
                if ways[end] is None or len(before) + 1 < len(ways[end]):  # type: ignore[arg-type]
                    ways[end] = [*before, word]
    found = ways[len(body)]
    return found is not None and len(found) >= 2


def given_in_use(word: str) -> bool:
    """A given name in common use in Britain, Ireland or the USA ("Grace", "Will"; not "Day", "Cup")."""
    return english_frequency().get(word.lower(), 0) >= COMMON_GIVEN


def whole_hashtag(text: str, span: Any) -> Any:
    """A guessed or listed person that starts a hashtag ("#BillClinton", "#KevChat", "#laurenbacall") is the whole tag,
    "#" included: the tag names the person (tags without a name are dropped first, ``hashtag_without_a_name``), and a
    flag that leaves the rest of it in clear would show what the name is. Other spans come back unchanged."""
    if span.entity != "PERSON" or not span.start or text[span.start - 1] != "#":
        return span
    tag = _TAG.match(text, span.start - 1)
    if tag is None or tag.end() < span.end:
        return span
    return replace(span, start=tag.start(), end=tag.end())


_LINK = re.compile(r"(?i)https?://|www\.")


def before_a_link(text: str, span: Any) -> Any | None:
    """A guessed person that is a link, or runs on into one, keeps what comes before the link (None if nothing)."""
    if span.entity != "PERSON" or span.recognizer not in GUESSES:
        return span
    link = _LINK.search(text, span.start, span.end)
    if link is None:
        return span
    end = link.start()
    while end > span.start and not text[end - 1].isalnum():
        end -= 1
    return replace(span, end=end) if end > span.start else None


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
