"""What makes two flags the same value: a normalised key per kind of value (no SQL here).

- a name of a known person (``person_id`` in the flag's explanation) is that person's full name,
  whatever variant was written (full name, first name, nickname, title);
- any other name is its text, case-folded, titles dropped (so it joins the person once known);
- a phone number is its E.164 form (region GB), drama-range numbers included;
- an e-mail is lower-cased;
- an address is case-folded, punctuation dropped, common abbreviations spelt out;
- anything else is its entity and its case-folded text (spaces and hyphens dropped for identifiers).

Invisible characters (direction marks, zero-width spaces, soft hyphens) and look-alikes are
normalised first, so "\\u200eJo Example" and "Jo Example" are one value.

A person's contact details (phones, e-mails, handles, addresses) are values of their own that
carry the person: one decision per cluster must never keep a complainant's number because
her name is kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import phonenumbers

from redactor.detect.normalize import normalise

NOT_VALUES = ("OUT_OF_SCOPE", "OCR_REVIEW", "LANGUAGE_REVIEW", "MANUAL")  # item decisions and hand-made boxes, not values
NAME_ENTITIES = ("PERSON",)
ADDRESS_ENTITIES = ("STREET_ADDRESS", "UK_POSTCODE")
COMPACT_CATEGORIES = ("government", "police", "financial", "device", "vehicle", "reference")

_TITLE = re.compile(r"^(?:(?:mr|mrs|ms|miss|mx|dr|pc|dc|ds|di|dci|ps|sgt|insp|supt|pcso)\.?\s+(?:\d{2,6}\s+)?)+")
_ABBREVIATIONS = {"rd": "road", "st": "street", "ave": "avenue", "ln": "lane", "cl": "close", "dr": "drive", "ct": "court", "sq": "square"}


@dataclass(frozen=True, slots=True)
class ValueKey:
    entity: str  # person, phone, email, address, or the flag's entity
    key: str  # the normalised value
    display: str  # how it is shown to a reviewer (never logged)


def clean(text: str) -> str:
    """The text without invisible characters, look-alikes mapped, spaces collapsed."""
    return " ".join(normalise(text).text.split())


def words(text: str) -> str:
    return " ".join(re.sub(r"[^\w@.+]", " ", clean(text).casefold()).split())


def phone_key(text: str) -> str:
    digits = re.sub(r"\D", "", text)
    try:
        number = phonenumbers.parse(clean(text), "GB")
    except phonenumbers.NumberParseException:
        return digits
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def address_key(text: str) -> str:
    return " ".join(_ABBREVIATIONS.get(w, w) for w in words(text).replace(".", " ").split())


@lru_cache(maxsize=65_536)  # pure: a chat repeats its names and numbers; ValueKey is frozen
def value_key(entity: str, text: str, category: str | None, person_id: str | None, person_name: str | None) -> ValueKey:
    """The cluster a flag of ``entity`` over ``text`` belongs to."""
    shown = clean(text)
    if entity in NAME_ENTITIES:
        # keyed by the known person's full name, so every variant ("Jo", "Mr Example") joins it, and the
        # same name seen before the person was known (an address book read later) is the same value
        name = person_name if person_id and person_name else text
        return ValueKey("person", "name:" + _TITLE.sub("", words(name)), clean(name) if person_id and person_name else shown)
    if entity == "PHONE_NUMBER":
        key = phone_key(text)
        return ValueKey("phone", key, key if key.startswith("+") else shown)
    if entity == "EMAIL_ADDRESS":
        return ValueKey("email", shown.casefold(), shown.casefold())
    if entity in ADDRESS_ENTITIES:
        return ValueKey("address", address_key(text), shown)
    norm = words(text)
    if category in COMPACT_CATEGORIES:
        norm = re.sub(r"[\s\-]", "", norm)
    return ValueKey(entity, norm, shown)
