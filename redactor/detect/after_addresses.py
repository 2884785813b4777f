"""A country named right after an address is no personal data: its flag goes (``merge.resolve``).

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

from redactor.detect.name_lists import given_names, lexicon
from redactor.detect.recognizers.street_words import is_country
from redactor.detect.recognizers.world_address import known_city
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
