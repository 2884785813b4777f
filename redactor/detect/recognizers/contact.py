"""Contact details: UK phone numbers in every written form, social-media handles, dates of birth.

Phones: recall over validity. Ofcom drama numbers (07700 900xxx, 0113 496 0xxx, ...) are
"invalid" to phonenumbers but are exactly what test material uses, so a UK-shaped number is
reported whether or not it is allocated; phonenumbers raises the score of valid ones and
finds international numbers written with ``+`` or ``00``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

import phonenumbers
from presidio_analyzer import EntityRecognizer, RecognizerResult

from redactor.detect.recognizers.base import Rule, RuleRecognizer, digits, result

_GAP = r"[ \t.\-]?\)?[ \t.\-]?"  # what may stand between two digits of a written number


class UkPhoneRecognizer(EntityRecognizer):
    """UK numbers: national (07xxx, 01xxx, 02x, 03, 08), +44 and 0044 (with or without (0)), spaced, dashed, bracketed."""

    NATIONAL = re.compile(r"(?<![\w+/])\(?0[1-9](?:" + _GAP + r"\d){8,9}(?![\d/])")
    INTERNATIONAL_UK = re.compile(r"(?<![\w+/])(?:\+|00)[ ]?44[ ]?(?:\(0\)[ ]?)?\(?[1-9](?:" + _GAP + r"\d){8,9}(?![\d/])")
    OTHER = re.compile(r"(?<![\w+/])(?:\+|00)[ ]?[1-9]\d{0,2}(?:" + _GAP + r"\d){6,13}(?![\d/])")
    SCORE, VALID_SCORE, FOREIGN_SCORE = 0.7, 0.85, 0.6

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(supported_entities=["PHONE_NUMBER"], name="UkPhoneRecognizer", supported_language=supported_language)

    def load(self) -> None:
        pass

    def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None) -> list[RecognizerResult]:
        if "PHONE_NUMBER" not in entities:
            return []
        out: list[RecognizerResult] = []
        taken = bytearray(len(text))  # characters already in a reported number
        for pattern in (self.INTERNATIONAL_UK, self.NATIONAL, self.OTHER):
            for m in pattern.finditer(text):
                start, end = m.span()
                if any(taken[start:end]):
                    continue
                found = self._score(text, start, end, foreign=pattern is self.OTHER)
                if found is not None:
                    taken[start:end] = b"\x01" * (end - start)
                    out.append(found)
        return out

    def _score(self, text: str, start: int, end: int, *, foreign: bool) -> RecognizerResult | None:
        value = text[start:end]
        if max(len(g) for g in re.findall(r"\d+", value)) <= 2:
            return None  # "03-01-13-05-00", "0 1 2 3 ...": dates, times and counts, not a written phone number
        if value.startswith("(") and ")" not in value:
            start, value = start + 1, value[1:]
        valid = valid_in_gb(value)
        if foreign:
            if not valid:
                return None
            return result(self, "PHONE_NUMBER", start, end, self.FOREIGN_SCORE, "international number", "valid international number")
        score = self.VALID_SCORE if valid else self.SCORE
        why = "UK number, valid" if valid else "UK-shaped number (recall over validity: drama and unallocated ranges too)"
        return result(self, "PHONE_NUMBER", start, end, score, "uk number", why)


VALID_CACHE = 20_000  # distinct written numbers remembered per process (a few MB at most)


@lru_cache(maxsize=VALID_CACHE)
def gb_number(value: str) -> phonenumbers.PhoneNumber | None:
    """``value`` as phonenumbers parses it with GB as the default region, or None when it cannot. Worked out once per
    distinct written number and shared: the UK recognizer and ``phones._uk_national`` read the same numbers (never
    change the object returned)."""
    try:
        return phonenumbers.parse(value, "GB")
    except phonenumbers.NumberParseException:
        return None


@lru_cache(maxsize=VALID_CACHE)
def valid_in_gb(value: str) -> bool:
    """Whether phonenumbers accepts ``value`` as a valid number, read with GB as the default region.
    Depends on the text alone, so it is worked out once per distinct text (downloads repeat numbers)."""
    number = gb_number(value)
    return number is not None and phonenumbers.is_valid_number(number)


class SocialHandleRecognizer(RuleRecognizer):
    """@handles (Instagram, TikTok, X, Snapchat) that are not part of an e-mail address."""

    ENTITY = "SOCIAL_HANDLE"
    RULES = (
        Rule("@handle", r"(?<![\w@.+-])@(?=[A-Za-z0-9._]*[A-Za-z])[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?(?![\w@])", 0.7, 0.9),
        Rule(
            "handle after a platform word",
            r"(?:snap(?:chat)?|insta(?:gram)?|tiktok|twitter|telegram|kik)(?: name| handle| is| me| on)*[: ]+(?P<value>[a-z0-9_.]*[_.\d][a-z0-9_.]*)(?![\w@])",
            0.6,
        ),
    )
    CONTEXT = ("insta", "instagram", "snap", "snapchat", "tiktok", "twitter", "follow", "add me", "account", "handle")
    FLAGS = re.IGNORECASE


class InternationalEmailRecognizer(RuleRecognizer):
    """E-mail addresses with letters outside ASCII in the local part or the domain (RFC 6531/6532: "用户@例子.广告",
    "иван@пример.рф"); Presidio's ``EmailRecognizer`` takes ASCII addresses (and IDN domains) only. An all-ASCII
    address is left to it."""

    ENTITY = "EMAIL_ADDRESS"
    RULES = (
        Rule(
            "international e-mail",
            r"(?<![\w.+'-])[^\W_](?:[\w.+'-]{0,62}[^\W_])?@[^\W_](?:[\w-]{0,62}[^\W_])?(?:\.[^\W_](?:[\w-]{0,62}[^\W_])?)*\.[^\W\d_]{2,24}(?![\w-])",
            0.9,
        ),
    )

    def validate(self, value: str) -> bool | None:
        return None if not value.isascii() else False


_MONTHS = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"


class DateOfBirthRecognizer(RuleRecognizer):
    """Dates next to 'born', 'DOB', 'date of birth', 'birthday': a date alone is not personal data."""

    ENTITY = "DATE_OF_BIRTH"
    RULES = (
        Rule("numeric date", r"(?<![\d/.-])(?:0?[1-9]|[12]\d|3[01])[/.-](?:0?[1-9]|1[0-2])[/.-](?:19|20)?\d{2}(?![\d/-]|\.\d)", 0.0, 0.85),
        Rule("written date", r"(?<!\w)(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?(?: of)? " + _MONTHS + r",? (?:19|20)\d{2}(?!\d)", 0.0, 0.85),
        Rule("month first", r"(?<!\w)" + _MONTHS + r" (?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?,? (?:19|20)\d{2}(?!\d)", 0.0, 0.85),
    )
    CONTEXT = ("born", "DOB", "D.O.B", "date of birth", "birthday", "b.")
    FLAGS = re.IGNORECASE
    WINDOW = 32

    def validate(self, value: str) -> bool | None:
        return None if len(digits(value)) >= 3 else False
