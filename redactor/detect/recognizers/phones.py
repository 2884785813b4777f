"""Phone numbers of every country (the UK forms stay with ``contact.UkPhoneRecognizer``).

People in a UK phone download are not all British: Polish, Romanian, Nigerian, Indian numbers,
written the way their owners write them. Recall wins over validity:

- a written number (digits with the spaces, dots, dashes and brackets numbers are written with,
  7 to 15 digits) is tried with ``phonenumbers``' matcher in lenient mode: with ``+``/``00`` in
  any country, without it in each region of ``REGIONS``; a match is reported with its E.164 form;
- any digit group of phone length next to a phone word (phone, mob, tel, fax, desk, call, ring,
  text, WhatsApp, ...; whole words and their inflections, ``phone_words.py``) is reported even
  when no country would accept it;
- so are numbers in a phone's written shape that no country accepts (a number plan changed, a
  digit mistyped, a made-up number in a message): ``+`` and a country code, then groups of digits
  ("+351 47 3304 4749"); an area code in brackets before grouped digits ("(60) 99273-5589");
  and digits right after a name on a contact line ("Arpád Tóth 0078-5689076").

Candidates are found with one regular expression first, so texts without a long digit run cost
one search.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

import phonenumbers
from phonenumbers import Leniency, PhoneNumberFormat, PhoneNumberMatcher
from presidio_analyzer import EntityRecognizer, RecognizerResult

from redactor.detect.recognizers.base import result
from redactor.detect.recognizers.letters import NAME_WORD
from redactor.detect.recognizers.phone_regions import regions_to_ask
from redactor.detect.recognizers.phone_words import phone_words

# where the people in a UK download most often come from, then the big numbering plans
REGIONS = ("GB", "IE", "PL", "RO", "LT", "LV", "BG", "SK", "CZ", "HU", "PT", "ES", "IT", "FR", "DE", "NL", "BE", "CH",
           "AT", "SE", "NO", "DK", "FI", "EE", "IS", "GR", "TR", "NG", "GH", "KE", "ZA", "ZW", "SO", "ET", "PK", "IN", "BD", "LK", "CN", "HK", "PH", "VN",
           "AE", "SA", "IQ", "IR", "AF", "SY", "EG", "MA", "DZ", "US", "CA", "BR", "MX", "CO", "JM", "AU", "NZ", "UA", "RU")  # fmt: skip
_DIGIT = r"(?:\(0\)|\(\d{1,5}(?:-\d{1,5})?\)|\d)"  # "(0)", "(71)", Lithuanian "(8-612)"
CANDIDATE = re.compile(r"(?<![\w+/.,:-])(?:\+|00)?[ ]?" + _DIGIT + r"(?:[ \t.\-]{0,2}" + _DIGIT + r"){3,22}(?![\w/]|[.,:-]\d)")
# phone shapes valid or not: "+CC" and digit groups; "(area) groups"; (the country code is checked in code)
PLUS_GROUPS = re.compile(r"\+(?P<cc>\d{1,3})(?:[ .\-]|[ ]?\(0\)[ ]?|[ ]?\(\d{1,5}\)[ .\-]?)\(?\d{1,5}\)?(?:[ .\-]\d{2,5})*")
AREA_GROUPS = re.compile(r"\(\d{2,5}\)[ .\-]?\d{2,5}(?:[ .\-]\d{2,5})+|\(\d{2,5}\)[ .\-]?\d{6,8}")
NAME_BEFORE = re.compile(rf"(?<![\w]){NAME_WORD}(?:[ ]{NAME_WORD}){{1,2}}[,:]?[ ]$")
_DATE = re.compile(r"^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}$|^\d{1,2}[.:]\d{2}")
_IPV4 = re.compile(r"\d{1,3}(?:\.\d{1,3}){3}")  # an IP address (IpRecognizer's), not a number written with dots
_CURRENCY = re.compile(r"[£$€¥₹]\s?$")


class WorldPhoneRecognizer(EntityRecognizer):
    VALID, CONTEXT, SHAPE = 0.6, 0.7, 0.5  # valid somewhere; next to a phone word (valid or not); a phone's shape

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(supported_entities=["PHONE_NUMBER"], name="WorldPhoneRecognizer", supported_language=supported_language)

    def load(self) -> None:
        pass

    def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None) -> list[RecognizerResult]:
        if "PHONE_NUMBER" not in entities:
            return []
        out = []
        for m in CANDIDATE.finditer(text):
            start, end = m.start() + (len(m.group(0)) - len(m.group(0).lstrip())), m.end()
            value = text[start:end]
            n = sum(c.isdigit() for c in value)
            if not 7 <= n <= 15 or _DATE.match(value) or _IPV4.fullmatch(value) or _CURRENCY.search(text[max(0, start - 2) : start]):
                continue
            found = self._score(text, start, end, value)
            if found is not None:
                out.append(found)
        return out

    def _score(self, text: str, start: int, end: int, value: str) -> RecognizerResult | None:
        e164 = _match(value)
        word = phone_words(_clause_before(text, start))
        if word:
            why = f"digits of phone length after '{word[-1].lower()}'" + (
                f"; {e164}" if e164 else "; no country accepts it (recall over validity)"
            )
            return result(self, "PHONE_NUMBER", start, end, self.CONTEXT, "number after a phone word", why, e164=e164)
        if e164 and (value.lstrip().startswith(("+", "00")) or re.search(r"[ ().-]", value)):
            return result(self, "PHONE_NUMBER", start, end, self.VALID, "valid number", f"valid phone number {e164}", e164=e164)
        shape = _shape(text, start, value)
        if shape:
            return result(self, "PHONE_NUMBER", start, end, self.SHAPE, shape, f"{shape} (recall over validity)")
        return None


def _shape(text: str, start: int, value: str) -> str | None:
    """Which phone shape an unaccepted number has, if any."""
    plus = PLUS_GROUPS.fullmatch(value)
    if plus and phonenumbers.region_code_for_country_code(int(plus.group("cc"))) != "ZZ":
        return "number written with a country code"
    if AREA_GROUPS.fullmatch(value):
        return "number with an area code in brackets"
    if NAME_BEFORE.search(text, max(0, start - 48), start) and (re.search(r"[ ().-]", value) or sum(c.isdigit() for c in value) >= 9):
        return "number after a name"
    return None


_BOUNDARY = re.compile(r"[.!?](?:\s|$)|\n")


def _clause_before(text: str, start: int) -> str:
    """The 32 characters before a number, from the last sentence end or line break on: "Phone: 0113 ...
    \nBatch 20231105" and "text him. Order 4471093" are no phone words for the second number. A label
    alone on the line above ("Tel.:\n0601 234 567") still counts."""
    window = text[max(0, start - 32) : start]
    pieces = [p for p in _BOUNDARY.split(window) if p.strip()]
    return pieces[-1] if pieces else ""


@lru_cache(maxsize=65_536)
def _match(value: str) -> str | None:
    """E.164 form of the number as some region reads it (lenient matcher), or None.

    A region whose numbering plan cannot hold the value is not asked (``phone_regions``: exact,
    the answer is the same as asking every region); the same value is matched once per process."""
    regions = (None,) if value.startswith(("+", "00")) else regions_to_ask(value, REGIONS)
    if value.startswith("00"):
        value = "+" + value[2:]
    for region in regions:
        for match in PhoneNumberMatcher(value, region or "ZZ", leniency=Leniency.VALID if region else Leniency.POSSIBLE):
            if match.end - match.start >= len(value) - 2:
                return phonenumbers.format_number(match.number, PhoneNumberFormat.E164)
    return None
