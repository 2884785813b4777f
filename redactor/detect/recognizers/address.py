"""Street addresses: flat, house number, street, town and postcode as one span.

"Flat 3, 12 Mill Lane, Leeds LS6 2AB" is one finding, not five, so a reviewer decides it
once and the box covers all of it. A street name without a number ("lives on Mill Lane") is
reported with a lower score: it still narrows down where someone lives. Street words come
from ``models/lexicons/street_types.txt``. A street with no street word is an address when a
town and a full postcode follow it ("Flat 2, 7 The Paddocks, York YO1 7HH", "22 Kingsmead, Bath
BA1 2AB"), and a flat may be in a named building ("Flat 4, Kestrel House, 9 Moor View, ..."). A house's name with its
village, town or county and a full postcode is an address with no street and no number ("Rose Cottage, Little Snoring,
Norfolk NR21 0AB"). A line written all in capitals is read as if written with capitals ("14 MILL ROAD"), with a number.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from presidio_analyzer import EntityRecognizer, RecognizerResult

from redactor import paths
from redactor.detect.name_lists import countries
from redactor.detect.recognizers.base import result
from redactor.detect.recognizers.street_words import INSTITUTION, capitals_folded
from redactor.detect.recognizers.world_address import grow

POSTCODE = r"(?:GIR ?0AA|[A-PR-UWYZ](?:[0-9][0-9A-HJKPSTUW]?|[A-HK-Y][0-9][0-9ABEHMNPRVWXY]?) ?[0-9][ABD-HJLNP-UW-Z]{2})"
WORD = r"(?:[A-Z][a-z'’]+(?:-[a-z]+-[A-Z][a-z]+|-[A-Z][a-z'’]+)?|St\.?|[A-Z]{2,}(?=\s))"
# a numeric postcode after a town, the way India (PIN), the USA and most of Europe write it: six digits, or three and
# three, or five; after a comma, a space or a dash ("Bengaluru 560001", "Bangalore - 560 001", "Springfield 62704")
NUMERIC_POSTCODE = r"(?:,?[ ]|[ ]?[-–][ ]?)(?:\d{6}|\d{3}[ ]\d{3}|\d{5})(?![\w-])"
# the last word of a house's name ("Rose Cottage", "The Old Rectory", "Oak Farm", "Mill House")
HOUSE_WORDS = (
    r"(?:Cottage|Cottages|House|Farm|Farmhouse|Lodge|Barn|Barns|Mill|Manor|Hall|Grange|Rectory|Vicarage|Villa|Bungalow|Croft|"
    r"Orchard|Oast|Chapel|Stables|Granary|Smithy|Forge|Coach[ ]House|Old[ ]School|Schoolhouse|Toll[ ]House|Steading|Bothy)"
)
WELSH_FIRST = ("Heol", "Ffordd", "Stryd", "Lon", "Lôn", "Rhodfa", "Cae", "Maes", "Bryn", "Pen", "Ty")


def _lexicon(name: str) -> list[str]:
    path: Path = paths.models_dir() / "lexicons" / name
    return [w.strip() for w in path.read_text(encoding="utf-8").splitlines() if w.strip() and not w.startswith("#")]


class StreetAddressRecognizer(EntityRecognizer):
    ENTITY = "STREET_ADDRESS"
    FULL, STREET_ONLY = 0.85, 0.5

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(supported_entities=[self.ENTITY], name="StreetAddressRecognizer", supported_language=supported_language)

    def load(self) -> None:
        types = sorted(_lexicon("street_types.txt"), key=len, reverse=True)
        street_type = r"(?:" + "|".join(re.escape(t) for t in types) + r")"
        street = (
            r"(?:(?:" + WORD + r"[ ]){1,3}" + street_type + r"\b|(?:" + "|".join(WELSH_FIRST) + r")(?:[ ](?:y|yr|" + WORD + r")){1,3}"
            r"|[A-Z][a-z]+(?:way|gate|side))"
        )
        building = r"(?:" + WORD + r"[ ]){1,2}(?:House|Court|Lodge|Mansions|Buildings|Tower|Heights),[ ]"  # "Kestrel House, "
        unit = r"(?:(?:Flat|Apartment|Apt|Unit|Room)\.?[ ]\d{1,4}[A-Za-z]?,?[ ](?:" + building + r")?)?"
        number = r"\d{1,4}[A-Za-z]?(?:-\d{1,4})?,?[ ]"
        town = r"(?:,?[ ](?:" + WORD + r")(?:[ ](?:" + WORD + r"|upon|on|under|le|en))*)"
        # a town, then a UK postcode or another country's numeric one ("45 MG Road, Bengaluru 560001", "... - 560 001");
        # or a UK postcode alone
        postcode = r"(?:,?[ ]" + POSTCODE + r")"
        town_postcode = r"(?:" + town + r"(?:" + postcode + r"|" + NUMERIC_POSTCODE + r")?|" + postcode + r")?"
        self._full = re.compile(r"(?<![\w£$€/])" + unit + number + street + town_postcode + r"(?!\w)")  # not "12/05/2019 Mill Lane"
        self._named = re.compile(r"(?<![\w])" + unit + street + town_postcode + r"(?!\w)")
        # no street word: a house number and a name, then a town and a full postcode ("22 Kingsmead, Bath BA1 2AB",
        # "Flat 2, 7 The Paddocks, York YO1 7HH"); the postcode makes it an address
        posted = r"(?:The[ ])?" + WORD + r"(?:[ ]" + WORD + r"){0,2},[ ]" + WORD + r"(?:[ ](?:" + WORD + r"|upon|on|under|le|en))*,?[ ]"
        self._posted = re.compile(r"(?<![\w£$€])" + unit + number + posted + POSTCODE + r"(?!\w)")
        # a house's name, then its village, town and county, and a full postcode, with no street and no number: "Rose Cottage,
        # Little Snoring, Norfolk NR21 0AB", "The Old Rectory\nGreat Ayton\nTS9 6AB", "The Rushes, Loughborough LE11 5BG"
        # (the postcode makes it an address)
        place = WORD + r"(?:[ ](?:" + WORD + r"|upon|on|under|le|en|in|the|by|next|cum|juxta)){0,3}"
        line = r"(?:,[ ]|,?[ ]*\r?\n[ \t]*)"
        house = rf"(?:(?:The[ ])?(?:{WORD}[ ]){{0,2}}{HOUSE_WORDS}|The[ ]{WORD}(?:[ ]{WORD})?)"
        self._house_name = re.compile(rf"(?<![\w]){house}(?:{line}{place}){{1,3}},?(?:[ ]|[ ]*\r?\n[ \t]*){POSTCODE}(?![\w])")
        self._houses = re.compile(
            r"(?<![\w])(?:(?:Flat|Apartment|Apt)\.?[ ]\d{1,4}[A-Za-z]?,?[ ])?\d{1,4}[A-Za-z]?[ ](?:"
            + WORD
            + r"[ ])(?:House|Court|Lodge|Cottage|Farm|Mews|Villas|Buildings)\b"
            + town_postcode
        )

    def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None) -> list[RecognizerResult]:
        if self.ENTITY not in entities:
            return []
        if not hasattr(self, "_full"):
            self.load()
        written, text = text, capitals_folded(text)  # "FLAT 3, 22 KILN LANE": read as "Flat 3, 22 Kiln Lane" (same offsets)
        out, taken = [], bytearray(len(text))  # characters already in a reported address
        for pattern, score, rule in (
            (self._full, self.FULL, "number and street"),
            (self._houses, self.FULL, "house name"),
            (self._posted, self.FULL, "number, name, town and postcode"),
            (self._house_name, self.FULL, "house name, town and postcode"),
            (self._named, self.STREET_ONLY, "street name"),
        ):
            for m in pattern.finditer(text):
                start, end = m.span()
                if any(taken[start:end]) or _not_an_address(text, m, rule):
                    continue
                if written[start:end] != text[start:end] and not any(c.isdigit() for c in text[start:end]):
                    continue  # a line in capitals with no number: a heading ("CITY SHOOTS FOR HIGH STREET GLORY")
                start, end = grow(text, *_trim_town(text, start, end))  # the parts around it written abroad (world_address.py)
                taken[start:end] = b"\x01" * (end - start)
                out.append(result(self, self.ENTITY, start, end, score, rule, f"street address ({rule})"))
        return out


_THE_COURT = re.compile(r"The[ ]Court\b")  # a court's way of naming itself; with a house number it may be a street ("3 The Court")
# a house number that is a date's year: "on 27 February 1995 The Court", "in May 2004 Mill Lane"
_DATE_BEFORE = re.compile(r"(?i)(?<![\w])(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?[ ]$")
_YEAR = re.compile(r"(?:19|20)\d\d[ ]")
_ONE_WORD_STREET = re.compile(r"[A-Z][a-z]+(?:way|gate|side)")  # "Broadway", "Southgate": not "Norway", a country


def _not_an_address(text: str, m: re.Match[str], rule: str) -> bool:
    """An institution named like a street, a date's year read as a house number, or a country read as a one-word street."""
    value = m.group(0)
    if INSTITUTION.search(value) or (rule == "street name" and _THE_COURT.match(value)):
        return True
    if _YEAR.match(value) and _DATE_BEFORE.search(text, max(0, m.start() - 12), m.start()):
        return True
    return rule == "street name" and _ONE_WORD_STREET.fullmatch(value) is not None and value.lower() in countries()


_NOT_TOWN = re.compile(r",?[ ](?:I|We|He|She|They|It|The|This|That|And|But|On|At|In|My|His|Her|Our|Their|With|When|Then)$")


def _trim_town(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop a trailing capitalised word that starts the next sentence or clause rather than naming the town."""
    while True:
        m = _NOT_TOWN.search(text, start, end)
        if m is None or m.end() != end:
            return start, end
        end = m.start()
