"""One table of entity types: what every stage needs to know about a kind of personal data.

A new entity type is one row here (and its recognizer): the policy's category (which rules
match it), its default reason code (``redactor.codes``), its merge priority (when two
recognizers report the same span, the more specific entity is kept: lower wins) and the
label reviewers see. Detection (``detect/merge.py``), the policy (``decide/``), rendering and
the review app read it; none keeps a table of its own.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

OCR_REVIEW = "OCR_REVIEW"  # a page whose OCR is not trusted; accepting its flag withholds the whole page
LANGUAGE_REVIEW = "LANGUAGE_REVIEW"  # a segment in another language (detect/language.py); accepting its flag redacts the segment
OUT_OF_SCOPE = "OUT_OF_SCOPE"  # the one flag over an item the policy proposes out of scope (IRR)
MANUAL = "MANUAL"  # a redaction a reviewer added by hand


@dataclass(frozen=True, slots=True)
class EntityType:
    name: str
    label: str
    category: str | None = None  # policy category; None: "other"
    code: str | None = None  # default reason code; None: the policy's default code
    merge: bool = True  # ranked when spans coincide (table order); False: after every ranked type


# In merge priority order (most specific first); unranked types at the end.
ENTITIES: tuple[EntityType, ...] = (
    EntityType("UK_NHS", "NHS number", "government", "GID"),
    EntityType("UK_NINO", "National Insurance number", "government", "GID"),
    EntityType("UK_PNC_ID", "PNC ID", "police", "GID"),
    EntityType("UK_CRO", "CRO number", "police", "GID"),
    EntityType("CREDIT_CARD", "card number", "financial", "FIN"),
    EntityType("IBAN_CODE", "IBAN", "financial", "FIN"),
    EntityType("UK_BANK_ACCOUNT", "sort code and account", "financial", "FIN"),
    EntityType("IMEI", "IMEI", "device", "DEV"),
    EntityType("ICCID", "ICCID", "device", "DEV"),
    EntityType("IMSI", "IMSI", "device", "DEV"),
    EntityType("GPS_COORDINATES", "GPS coordinates", "location", "LOC"),
    EntityType("UK_DRIVING_LICENCE", "driving licence number", "government", "GID"),
    EntityType("UK_PASSPORT", "passport number", "government", "GID"),
    EntityType("EMAIL_ADDRESS", "e-mail address", "contact", "TP"),
    EntityType("PHONE_NUMBER", "phone number", "contact", "TP"),
    EntityType("STREET_ADDRESS", "street address", "address", "LOC"),
    EntityType("UK_POSTCODE", "postcode", "address", "LOC"),
    EntityType("UK_VEHICLE_REG", "vehicle registration", "vehicle", "CTX"),
    EntityType("DATE_OF_BIRTH", "date of birth", "dob", "TP"),
    EntityType("MAC_ADDRESS", "MAC address", "device", "DEV"),
    EntityType("IP_ADDRESS", "IP address", "device", "DEV"),
    EntityType("SOCIAL_HANDLE", "social media handle", "contact", "TP"),
    EntityType("CASE_REFERENCE", "reference number", "reference", "CTX"),
    EntityType("PERSON", "name", "name", "TP"),
    EntityType("SPECIAL_CATEGORY", "special category term", "special", "SC"),
    EntityType("URL", "web address", "contact", "CTX"),
    EntityType("LOCATION", "place", "location", "LOC"),
    EntityType("NRP", "nationality, religion or politics", "special", "SC"),
    EntityType("ORGANIZATION", "organisation"),
    EntityType(OCR_REVIEW, "page to check (OCR not trusted)", code="TP", merge=False),
    EntityType(LANGUAGE_REVIEW, "text to check (another language)", code="TP", merge=False),
    EntityType(OUT_OF_SCOPE, "outside the agreed scope", code="IRR", merge=False),
    EntityType(MANUAL, "added by a reviewer", merge=False),
)

BY_NAME: Mapping[str, EntityType] = MappingProxyType({e.name: e for e in ENTITIES})

# The views each stage reads.
CATEGORIES: Mapping[str, str] = MappingProxyType({e.name: e.category for e in ENTITIES if e.category})
DEFAULT_CODES: Mapping[str, str] = MappingProxyType(
    {e.name: e.code for e in ENTITIES if e.code and e.name not in (OUT_OF_SCOPE,)}  # IRR is the scope's, never a default
)
PRIORITY: tuple[str, ...] = tuple(e.name for e in ENTITIES if e.merge)


def label(entity: str) -> str:
    """What reviewers read for an entity type; the type itself when the table does not know it."""
    known = BY_NAME.get(entity)
    return known.label if known else entity


def merge_rank(entity: str) -> int:
    """Lower is more specific; unknown and unranked types come last."""
    return _RANK.get(entity, len(PRIORITY))


_RANK = {name: i for i, name in enumerate(PRIORITY)}
