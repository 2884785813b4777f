"""After the addresses are found (``merge.resolve``): a country right after one loses its flag; parts of one address found
apart are joined.

A country named right after an address is no personal data: its flag goes.

An address written out for the post ends with its country ("Gontardstraße 7, 10178 Berlin, Germany";
"...\\n00-238 Warszawa\\nPolska"). The street, the house and the town say where a person lives; the country
says where millions do, and flagging it gives the reviewer a box to justify that protects nobody. The
address recognizers leave it out of the address (``world_address._without_country_line`` and
``_without_country_part``, ``address_label._without_country``); spaCy still reads it as a place. A
LOCATION flag whose whole text is a country's name (in English or its own language,
``street_words.is_country``) and that stands right after an address flag, after its comma or on the line
under it, is dropped. A country anywhere else ("she flew to Germany") keeps its flag, and so does a name
that is not a country's ("..., Leeds, Jordan said": Jordan is one, but a PERSON flag is never dropped here).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from redactor.detect.name_lists import given_names, lexicon
from redactor.detect.recognizers.street_words import UNIT, is_country
from redactor.detect.recognizers.world_address import DOOR, FLOOR, known_city
from redactor.detect.spans import Found

_JOIN = re.compile(r"[ \t]*,?[ \t]*(?:\r?\n[ \t]*)?")  # what may stand between the address and its country


def countries_after_addresses(text: str, spans: Sequence[Found]) -> list[Found]:
    """``spans`` without the LOCATION and PERSON flags of a country's name right after an address flag, nor the PERSON flags
    inside one ("United Arab" of "United Arab Emirates")."""
    ends = {s.end for s in spans if s.entity == "STREET_ADDRESS"}
    if not ends:
        return list(spans)
    countries = [(s.start, s.end) for s in spans if s.entity in ("LOCATION", "PERSON") and _after_an_address(text, s, ends)]
    if not countries:
        return list(spans)
    return [s for s in spans if not (s.entity in ("LOCATION", "PERSON") and any(a <= s.start and s.end <= b for a, b in countries))]


def _after_an_address(text: str, span: Found, ends: set[int]) -> bool:
    near = [e for e in ends if span.start - 8 <= e < span.start]
    if not near or not any(_JOIN.fullmatch(text, e, span.start) for e in near):
        return False
    name = text[span.start : span.end]
    if not is_country(name) or known_city(name):  # "Hong Kong", "Singapore", "Kuwait": the town as well
        return False
    return not any(w in given_names() or w in lexicon("first_names.txt") for w in re.findall(r"[^\W\d_]+", name))


# Parts of one address found apart, with what stands between them unflagged: a flat, block, stair or floor written after the
# house number ("Žalgirio g. 26| butas 14, |LT-78224 Šiauliai", "Avenida Paulista 6| - Bloco B, ap. 18|", "Largo do Rato 15|,
# 18.º Esq.|"), a landmark's preposition before the next part ("174, Okigwe Road|, off |Ring Road, Ibadan": the way Nigerian,
# Indian and Pakistani addresses name the main road off which a street runs), or only the comma that ends a line of the
# address ("ul. Kościuszki 11/20|,|\n39-450 Kraków"). A gap of these alone belongs to the address: left out, the reviewer gets
# two boxes for one address and the flat's number, a floor or a comma in the clear.
_FLAT = rf"(?:(?i:{UNIT})\.?[ ]?(?:(?i:no)\.?[ ]?)?(?:[A-Z]?\d{{1,4}}[A-Za-z]?|[A-Za-z])(?![\w])|{FLOOR}|{DOOR})"
# an Iberian floor and side: "18.º Esq.", "2.º 2.ª", "5.º Dto", "3º B"
_STOREY = r"(?:\d{1,2}\.?[ºª°](?:[ ]?(?:\d{1,2}\.?[ºª°]|[A-Z](?![\w])|(?i:izq|izda|dcha|der|esq|dto|drt?o|fte)\.?))?)"
_SEP = r"(?:[ \t]*[,\-–][ \t]*|[ \t]+)"
_LANDMARK = r"(?i:off|near|opp\.|opposite|behind|beside)[ ]"
_GAP = re.compile(rf"(?:{_SEP}(?:{_FLAT}|{_STOREY}))*(?:{_SEP}{_LANDMARK}|,?[ \t]*(?P<line>\r?\n)?[ \t]*)")
_GAP_MAX = 48


def joined_addresses(text: str, spans: Sequence[Found]) -> list[Found]:
    """``spans`` (in text order, as ``merge.resolve`` settles them) with two address flags parted only by what ``_GAP``
    allows made one (on one line) or each taken to its line's end (the second on the next line: flags stay one a line); a
    flag inside the gap ("Dto" read as a name) is covered by the address and goes."""
    out: list[Found] = []
    at = -1  # where the last address is in ``out``
    for span in spans:
        if span.entity != "STREET_ADDRESS":
            out.append(span)
            continue
        last = out[at] if at >= 0 else None
        gap = _GAP.fullmatch(text, last.end, span.start) if last is not None and 0 <= span.start - last.end <= _GAP_MAX else None
        if last is None or gap is None:
            at = len(out)
            out.append(span)
            continue
        if gap.group("line"):
            end = len(text[: gap.start("line")].rstrip(" \t"))
            out[at] = replace(last, end=end)
            at = len(out)
            out.append(span)
        else:
            out[at] = replace(_absorb(last, span), end=span.end, score=max(last.score, span.score))
            out[at + 1 :] = [s for s in out[at + 1 :] if not (last.end <= s.start and s.end <= span.start)]
    return out


def _absorb(keep: Found, other: Found) -> Found:
    merged = [*keep.explanation.get("merged", []), {"entity": other.entity, "recognizer": other.recognizer, "score": other.score}]
    return replace(keep, explanation={**keep.explanation, "merged": merged})
