"""One flag per piece of text: how overlapping findings are merged.

Several recognizers often find the same thing (spaCy and the name lexicon both find
"Hannah Okafor"; the postcode inside an address; a URL inside an e-mail address). A reviewer
should decide each piece of text once, so findings are resolved before they become flags:

1. No finding crosses a line break: spans are cut at newlines and trimmed of spaces and
   punctuation, and a cut-off piece that is only a form label ("Age", "DOB") is dropped
   (spaCy reads "Hannah Okafor\\nAge" as one name).
2. A URL overlapping an e-mail address, or inside a social-media handle, is dropped.
3. Findings of the same entity that overlap become one span (their union) with the best score.
4. A finding inside another one is absorbed by it (the container covers every character)
   when it is of the same entity, a generic NER entity, a part of it (a postcode inside an
   address, a name inside an e-mail address), or does not score higher; otherwise
   both stay, so a low-scoring guess never hides a strong identifier from review.
5. The same span with different entities keeps the most specific entity (the entity table's order, ``redactor/entities.py``).
6. Two street addresses side by side on one line, parted by a comma or a space only, are one.
   A URL cut inside a word ("IMG-0003.jp" of "IMG-0003.jpg") is dropped when it is a bare
   domain, extended to the end of the word when it has a scheme, www or a path.
7. An NER person name containing a digit ("Leeds LS6 2AB") is dropped: the small spaCy
   model's usual misreading of postcodes; the postcode recognizer reports the real thing. A name
   followed by a plain number ("Alonso 222", "Colbert 4") keeps the name; a trailing form label
   ("Jane Whitlock Age") is cut off. A one-word NER person that is an ordinary English word at a
   sentence start, in capitals or after a determiner ("Vehicle seen at ...", "the Library") is dropped,
   and so is one organisation word ("Ofsted") or a form label before a colon ("Адрес:", "Nazwisko:"). A
   file extension after a name is cut off ("Mary Jones.docx"), and a month's or rank's short form before its full
   stop is no name ("On Jan. 8", "Navy Capt. Davis"). These misreadings, one finding at a time,
   and items 10 and 11 are ``misreads.py``'s. A lower-case English word a spaCy name ran on into is cut off ("Sam
   Gone rang": ``tails.py``).
8. In social-media text (``social.py``) a guessed name stops before a link, a guess inside a hashtag with no
   name in it is dropped, and one running from @handles into words keeps what follows them; a lower-case guess
   in a short message in another language is dropped (``foreign.py``). A name that starts a hashtag is the whole tag.
9. A guessed person that is a city the text calls a place ("off to London", "in #Toronto", "Montpellier,
   France") becomes a place (LOCATION) unless a word about a person is near it (``places.py``). One whose head word
   names a place, building, team, paper, trophy or event ("Stanley Cup", "Carnegie Hall", "Houston Post", "Near
   Palmyra") becomes a place or an organisation, still flagged (``head_words.py``).
10. A range of years read as a phone ("Copyright (c) 2001-2024") is dropped unless a phone word comes first (``years.py``).
11. A nationality, language or group word (NER NORP, the lexicon's ethnicity terms) is kept only
   next to words about a person ("she is Spanish", "my Polish friend"), not in "(scan)" or
   "translated from Spanish".
12. A given name alone that the name lexicon guessed, or a word spaCy read as a person that no name list holds,
   and that is exactly a special-category term ("Islam's holiest site", "during the Hajj") is that term, not a person.
13. A surname alone where the same text names the person in full ("Daniel Corvane ... Corvane said")
   is a name too (``same_text.py``), and so is a name listed with a full name found in the text ("Collin
   Hoedemakers and Amber Hebrink", "X, Y and Z"; ``coordinated.py``).
14. A craft ("Space Shuttle Endurance", "HMS Valiant") and lower-case common words in edited prose ("vehicle
   miles") are no person; a country's or an administrative area's name read as a person is a place ("County Durham";
   ``things.py``), a nationality before "national(s)" or "citizen(s)" is a nationality ("a Slovak national"), and an
   organisation taken back as a person with an ordinary word in its name ("Cesaroni Design") stays an organisation, and
   so does an ordinary word and a surname the name lexicon read as a name ("Gloomy Sunday", "North Melbourne").
   A guessed person in a team's place in a results or standings table ("Aston Villa 2 Derby 0") is that team
   (``results.py``); one alone after "the" ("the Azna defended", "the Levant ( ISIL )") names a people, a place or a
   thing (``after_the.py``); one whose shares are traded or whose price moves by a percentage or to a price in a
   market report ("Kellogg fell 2 to 68", "shares in Lufthansa") is a company (``markets.py``).
15. A ten-digit number read both as an NHS number (its checksum holds) and as a phone number is the one its nearer
   cue says ("call me on 9876543210": a phone; "NHS no. 943 476 5919": an NHS number; ``phone_or_nhs.py``).

What was absorbed is listed in the kept finding's explanation (entity and recognizer only).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import replace

from redactor.detect.after_addresses import countries_after_addresses, joined_addresses
from redactor.detect.after_the import names_after_the
from redactor.detect.coordinated import NAME as LISTED
from redactor.detect.coordinated import SCORE as LISTED_SCORE
from redactor.detect.coordinated import listed_names
from redactor.detect.head_words import named_thing
from redactor.detect.markets import companies_in_market_reports
from redactor.detect.misreads import FORM_LABELS, GENERIC, PERSONAL, TRIM, cut_number, dropped
from redactor.detect.name_parts import with_a_short_surname, with_the_rest
from redactor.detect.phone_or_nhs import phone_or_nhs
from redactor.detect.places import place_read_as_person
from redactor.detect.recognizers.street_words import keeps_full_stop
from redactor.detect.recognizers.uk_ids import payment_reference
from redactor.detect.results import teams_in_tables
from redactor.detect.same_text import NAME as SAME_TEXT
from redactor.detect.same_text import SCORE as SAME_TEXT_SCORE
from redactor.detect.same_text import surnames_alone
from redactor.detect.social import after_handles, before_a_link, hashtag_without_a_name, whole_hashtag
from redactor.detect.spans import Found
from redactor.detect.tails import without_a_lower_tail
from redactor.detect.text_kind import drop_non_prose
from redactor.detect.things import (
    city_of_words,
    country,
    craft,
    division,
    guesses_inside_areas,
    listed,
    lower_case_common_words,
    nationality,
    ordinary_word_before_a_surname,
    organisation_with_a_country,
    organisations_never_introduced,
    organisations_with_a_common_word,
)
from redactor.entities import merge_rank

PARTS = {  # what a finding of the key entity always absorbs: the parts of one thing
    "STREET_ADDRESS": {"UK_POSTCODE", "PERSON", "SPECIAL_CATEGORY"},
    "EMAIL_ADDRESS": {"PERSON", "URL", "SOCIAL_HANDLE"},
    "URL": {"PERSON", "SOCIAL_HANDLE"},
    "SOCIAL_HANDLE": {"PERSON"},
    "UK_BANK_ACCOUNT": {"PHONE_NUMBER", "DATE_OF_BIRTH"},
}


def _rank(entity: str) -> int:
    return merge_rank(entity)


def _trim(text: str, start: int, end: int, entity: str) -> tuple[int, int]:
    """Strip spaces and punctuation at both ends; keep a phone's '(' or '+', a URL's '/', a balanced ')'."""
    while start < end and text[start] in TRIM and not (entity == "PHONE_NUMBER" and text[start] in "(+"):
        if entity == "IP_ADDRESS" and text.startswith("::", start):
            break  # an IPv6 address's leading zeros ("::ffff:192.0.2.128", "::1")
        start += 1
    if entity == "PERSON":  # emoji and symbols are no part of a name ("ya girl 💕"; "😩" alone is nothing)
        while start < end and _symbol(text[start]):
            start += 1
        while end > start and (_symbol(text[end - 1]) or text[end - 1] in TRIM) and not _initial_stop(text, start, end):
            end -= 1
    if entity == "PERSON":  # chat interjections and URL schemes are no part of a name ("LOL Kerys", "martin lmao", "https")
        while (m := _INTERJECTION_START.match(text, start, end)) is not None:
            start = m.end()
        while (m := _INTERJECTION_END.search(text, start, end)) is not None:
            end = m.start()
    if entity == "PERSON" and end - start > 2 and text[end - 2 : end] in ("'s", "’s"):
        end -= 2  # "Sophie's": the name, not the possessive
    if entity == "PERSON" and (m := _FILE_EXTENSION.search(text, start, end)) is not None and m.start() > start:
        end = m.start()  # "Peter Green.txt": a file named after a person; the name, not the extension
    while end > start and text[end - 1] in TRIM:
        last = text[end - 1]
        if (last == "/" and entity == "URL") or (last == ")" and "(" in text[start:end]):
            break
        if entity == "IP_ADDRESS" and text[start:end].endswith("::"):
            break  # "2001:db8::": the trailing zeros of an IPv6 address
        if entity == "PERSON" and _initial_stop(text, start, end):
            break
        if entity == "STREET_ADDRESS" and keeps_full_stop(text, start, end):
            break  # "Guadalajara, Jal.": an abbreviation's full stop
        end -= 1
    return start, end


# common file-name extensions (documents, images, audio, video, archives, exports) at the end of a name
_FILE_EXTENSION = re.compile(
    r"(?i)(?<=[^\W_])\.(?:txt|rtf|docx?|odt|pdf|pages|xlsx?|ods|csv|pptx?|key|jpe?g|png|gif|heic|webp|bmp|tiff?|mp[34]|m4a|aac|"
    r"amr|opus|ogg|wav|mov|avi|3gp|mkv|zip|rar|7z|vcf|ics|eml|msg|json|xml|html?)$"
)
_INTERJECTIONS = r"(?i:l+o+l+[lo]*|lmf?a+o+|rofl|o+m+g+|(?:ha){2,}h?|(?:he){2,}h?|wtf|idk|smh|tbh|af|plz|pls|xd+|https?|www)"
_INTERJECTION_START = re.compile(rf"{_INTERJECTIONS}(?:[ ]+|$)")
_INTERJECTION_END = re.compile(rf"(?:^|[ ]+){_INTERJECTIONS}$")


def _symbol(char: str) -> bool:
    """A space, an emoji or other symbol, or an emoji's joiner or variation selector."""
    return char.isspace() or unicodedata.category(char)[0] == "S" or char in "\u200d\ufe0e\ufe0f"


# a name that ends with an initial after another initial or a form of address ("Mr A.B.", "Ms K."; not "Blok B.", a unit)
_INITIAL_END = re.compile(
    r"(?:(?<=[A-Z]\.)|(?<=[A-Z]\.[ -])|(?<!\w)(?:Mr|Mrs|Ms|Miss|Mx|Dr|Mme|Mlle|Prof|Sir|Dame|Lord|Lady|Judge|Captain|Lieutenant|Colonel|Corporal|Investigator|Inspector|Sergeant|Constable)\.?[ ])[A-Z]\.$"
)


def _initial_stop(text: str, start: int, end: int) -> bool:
    """The full stop of an initial that ends a name ("Mr A.B.", "Ms K.") or of its "Jr." or "Sr.": part of the name."""
    return text[end - 1] == "." and (_INITIAL_END.search(text, start, end) is not None or _SUFFIX_END.search(text, start, end) is not None)


_SUFFIX_END = re.compile(r"(?<=\w)(?:,?[ ])(?:Jr|Sr)\.$")  # "Clay Tice Jr." (name_parts.with_a_suffix)


_LABEL_END = re.compile(r"[ \t]*(?::|\d)")  # what follows a form label: "Age 34", "Tel: ..."


def _drop_trailing_labels(text: str, span: Found) -> Found:
    """ "Jane Whitlock Age": a form label after a name on the same line is not part of it."""
    if span.entity not in GENERIC | {"PERSON"} or span.recognizer == "KnownPeopleRecognizer":
        return span
    words = list(re.finditer(r"\S+", text[span.start : span.end]))
    while len(words) > 1 and words[-1].group(0).strip(TRIM).lower() in FORM_LABELS and _LABEL_END.match(text, span.start + words[-1].end()):
        words.pop()
    end = span.start + words[-1].end() if words else span.end
    return replace(span, end=end) if end != span.end else span


def split_lines(text: str, span: Found) -> list[Found]:
    """Cut a span at line breaks, trim each piece, drop empty pieces and stray form labels."""
    pieces = []
    pos = span.start
    for part in re.split(r"(\r\n|\n|\r|\u2028|\u2029)", text[span.start : span.end]):
        if part and part not in ("\n", "\r\n", "\r", "\u2028", "\u2029"):
            start, end = _trim(text, pos, pos + len(part), span.entity)
            if end > start:
                pieces.append(replace(span, start=start, end=end))
        pos += len(part)
    pieces = [_drop_trailing_labels(text, p) for p in pieces]
    if len(pieces) > 1 and span.entity in GENERIC | {"PERSON"}:
        first, rest = pieces[0], pieces[1:]
        pieces = [first] + [p for p in rest if text[p.start : p.end].strip().lower() not in FORM_LABELS]
    return pieces


def _url_in_a_word(text: str, span: Found) -> Found | None:
    """Presidio reads "IMG-0003.jpg" as the URL "IMG-0003.jp": a bare domain cut inside a word is
    dropped; a URL with a scheme, www or a path is extended to the end of the word instead."""
    if span.entity != "URL" or span.end >= len(text) or not (text[span.end].isalnum() or text[span.end] == "_"):
        return span
    value = text[span.start : span.end]
    if not re.search(r"^(?:[a-z][a-z0-9+.-]*://|www\.)|/", value, re.IGNORECASE):
        return None
    end = span.end
    while end < len(text) and not text[end].isspace() and text[end] not in "\"'<>()[]{}":
        end += 1
    return replace(span, end=end)


def _absorb(keep: Found, other: Found) -> Found:
    merged = list(keep.explanation.get("merged", []))
    merged.append({"entity": other.entity, "recognizer": other.recognizer, "score": other.score})
    return replace(keep, explanation={**keep.explanation, "merged": merged})


def _contains(a: Found, b: Found) -> bool:
    return a.start <= b.start and b.end <= a.end


def _overlaps(a: Found, b: Found) -> bool:
    return a.start < b.end and b.start < a.end


BUCKET = 64  # characters per bucket of the overlap index


def _surname_alone(start: int, end: int, why: str) -> Found:
    return Found(start, end, "PERSON", SAME_TEXT_SCORE, SAME_TEXT, {"recognizer": SAME_TEXT, "textual_explanation": why})


def _listed_name(start: int, end: int, why: str) -> Found:
    return Found(start, end, "PERSON", LISTED_SCORE, LISTED, {"recognizer": LISTED, "textual_explanation": why})


def _special_terms_over_lone_given_names(text: str, pieces: list[Found]) -> list[Found]:
    """A given name alone (the lexicon's weakest guess) that is exactly a special-category term ("Islam", "Christian")
    is that term: the special-category finding stays for review, the guess of a person goes. spaCy's person goes too
    when no name list holds the word ("Hajj"), and stays when one does ("Christian said")."""
    special = {(p.start, p.end) for p in pieces if p.entity == "SPECIAL_CATEGORY"}
    if not special:
        return pieces
    return [p for p in pieces if not ((p.start, p.end) in special and (_lone_given_name(p) or _unlisted_spacy_word(text, p)))]


def _unlisted_spacy_word(text: str, span: Found) -> bool:
    value = text[span.start : span.end]
    return span.entity == "PERSON" and span.recognizer == "SpacyRecognizer" and " " not in value and not listed(value)


def _lone_given_name(span: Found) -> bool:
    return span.entity == "PERSON" and span.recognizer == "NameLexiconRecognizer" and span.explanation.get("pattern_name") == "given name"


def resolve(text: str, spans: Sequence[Found]) -> list[Found]:
    lines = [x for s in spans for x in (before_a_link(text, p) for p in split_lines(text, s)) if x is not None]
    pieces = [p for p in (without_a_lower_tail(text, cut_number(text, x)) for x in lines) if not dropped(text, p)]  # misreads, tails
    pieces = [p for p in pieces if not payment_reference(text, p.start, p.entity, p.explanation.get("pattern_name"))]  # uk_ids.py
    pieces = [p for p in (after_handles(text, s) for s in pieces) if p is not None and not hashtag_without_a_name(text, p)]
    pieces = [place_read_as_person(text, p, PERSONAL) for p in pieces]  # "off to London", "#Toronto" (places.py)
    pieces = [named_thing(text, p) for p in pieces]  # "Stanley Cup", "Carnegie Hall", "Near Palmyra" (head_words.py)
    # things.py: crafts, common words, countries, nationalities and areas read as people
    pieces = [
        division(text, country(text, nationality(text, p))) for p in pieces if not craft(text, p) and not lower_case_common_words(text, p)
    ]
    pieces = [city_of_words(text, organisation_with_a_country(text, p)) for p in pieces]  # "Environment Canada", "Hong Kong"
    pieces = guesses_inside_areas(pieces)  # "Durham" of "County Durham"
    pieces = [with_a_short_surname(text, with_the_rest(text, p)) for p in pieces]  # "... dos Santos", "Dong-hyun", "Vu Thi Hanh"
    pieces = [whole_hashtag(text, p) for p in pieces]  # "#BillClinton", "#KevChat": the whole tag (social.py)
    pieces = _special_terms_over_lone_given_names(text, pieces)  # "Islam's holiest site", "a Christian denomination"
    pieces += surnames_alone(text, pieces, _surname_alone)  # "Daniel Corvane ... Corvane said" (same_text.py)
    pieces += listed_names(text, pieces, _listed_name)  # "Collin Hoedemakers and Amber Hebrink" (coordinated.py)
    pieces = drop_non_prose(text, pieces)  # licence, code, markdown structure (text_kind.py)
    # "signed to Brantwell": no full name holds it (things.py); after the drops above, which judge a guessed person
    pieces = organisations_never_introduced(text, pieces)
    pieces = organisations_with_a_common_word(text, pieces)  # "Cesaroni Design", "Nuremberg Laws" (things.py)
    pieces = [ordinary_word_before_a_surname(text, p) for p in pieces]  # "Gloomy Sunday", "North Melbourne" (things.py)
    pieces = teams_in_tables(text, pieces)  # "Aston Villa 2 Derby 0": teams, not people (results.py)
    pieces = names_after_the(text, pieces)  # "the Azna defended themselves", "the Levant ( ISIL )" (after_the.py)
    pieces = companies_in_market_reports(text, pieces)  # "Kellogg fell 2 to 68", "shares in Lufthansa" (markets.py)
    pieces = phone_or_nhs(text, pieces)  # "call me on 9876543210": a phone, though the NHS checksum holds
    pieces = countries_after_addresses(text, pieces)  # "..., 10178 Berlin, Germany": the country (after_addresses.py)
    pieces = [p for p in (_url_in_a_word(text, s) for s in pieces) if p is not None]
    containers = _Index([s for s in pieces if s.entity in ("EMAIL_ADDRESS", "SOCIAL_HANDLE")])
    pieces = [
        s
        for s in pieces
        if not (
            s.entity == "URL"
            and any(_contains(containers.spans[i], s) or containers.spans[i].entity == "EMAIL_ADDRESS" for i in containers.overlapping(s))
        )
    ]
    # best first: longer, then more specific, then higher score
    pieces.sort(key=lambda s: (-(s.end - s.start), _rank(s.entity), -s.score, s.start))
    kept = _Index([])
    for span in pieces:
        for i in kept.overlapping(span):
            k = kept.spans[i]
            if k.entity == span.entity:
                union = replace(k, start=min(k.start, span.start), end=max(k.end, span.end), score=max(k.score, span.score))
                kept.replace(i, _absorb(union, span) if not _contains(k, span) or k.recognizer != span.recognizer else union)
                break
            if _contains(k, span) and (
                span.entity in GENERIC | PARTS.get(k.entity, set()) or k.score >= span.score or (k.start, k.end) == (span.start, span.end)
            ):
                kept.replace(i, _absorb(k, span))
                break
        else:
            kept.add(span)
    return joined_addresses(text, _settle([s for s in kept.spans if s is not None]))  # after_addresses.py


class _Index:
    """Spans with a bucket index, so finding the overlaps of a span is cheap on long texts."""

    def __init__(self, spans: Sequence[Found]) -> None:
        self.spans: list[Found | None] = []
        self._buckets: dict[int, list[int]] = {}
        for span in spans:
            self.add(span)

    def add(self, span: Found) -> None:
        self.spans.append(span)
        self._enter(len(self.spans) - 1, span)

    def replace(self, i: int, span: Found) -> None:
        self.spans[i] = span
        self._enter(i, span)  # a union may reach new buckets; stale entries are filtered on lookup

    def _enter(self, i: int, span: Found) -> None:
        for b in range(span.start // BUCKET, (span.end - 1) // BUCKET + 1):
            entries = self._buckets.setdefault(b, [])
            if i not in entries:
                entries.append(i)

    def overlapping(self, span: Found) -> list[int]:
        found: list[int] = []
        for b in range(span.start // BUCKET, (span.end - 1) // BUCKET + 1):
            for i in self._buckets.get(b, ()):
                other = self.spans[i]
                if other is not None and i not in found and _overlaps(other, span):
                    found.append(i)
        return sorted(found)


def _settle(kept: list[Found]) -> list[Found]:
    """Unions can make findings of one entity overlap again: merge them in one sweep."""
    kept.sort(key=lambda s: (s.entity, s.start, s.end))
    merged: list[Found] = []
    for span in kept:
        last = merged[-1] if merged else None
        if last is not None and last.entity == span.entity and span.start < last.end:
            merged[-1] = replace(_absorb(last, span), end=max(last.end, span.end), score=max(last.score, span.score))
        else:
            merged.append(span)
    return sorted(merged, key=lambda s: (s.start, s.end, s.entity))
