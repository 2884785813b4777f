"""UK and device identifiers by shape, checksum and context (formats: shared/domain.md).

Checksums come from python-stdnum where it has them (NHS, Luhn); the mod-23 check of PNC IDs
and CRO numbers is the Home Office rule. A failed checksum drops a match only where the shape
alone is ambiguous (10 digits, 16 digits); police identifiers with a wrong check letter are
still reported next to a context word, because a typo does not make them less personal.
"""

from __future__ import annotations

import re
from typing import Any

from presidio_analyzer import EntityRecognizer, RecognizerResult
from stdnum import iban, luhn
from stdnum.gb import nhs

from redactor.detect.recognizers.base import Rule, RuleRecognizer, digits, result

B = r"(?<![A-Za-z0-9])"  # left boundary that also holds after punctuation
E = r"(?![A-Za-z0-9])"
MOD23 = "ZABCDEFGHJKLMNPQRTUVWXY"


def mod23_letter(number: str) -> str:
    return MOD23[int(number) % 23]


class UkNinoRecognizer(RuleRecognizer):
    """National Insurance numbers: two prefix letters, six digits (often in pairs), suffix A-D.

    QQ is never issued but is what test material uses, so it is accepted."""

    ENTITY = "UK_NINO"
    _PREFIX = r"(?!BG|GB|KN|NK|NT|TN|ZZ)(?:[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]|QQ)"
    RULES = (
        Rule("ni number", B + _PREFIX + r"[ ]?\d{2}[ ]?\d{2}[ ]?\d{2}[ ]?[A-D]" + E, 0.7, 0.95),
        Rule("ni number without suffix", B + _PREFIX + r"[ ]?\d{2}[ ]?\d{2}[ ]?\d{2}" + E, 0.0, 0.75),
    )
    CONTEXT = ("national insurance", "NI number", "NI no", "NINO", "NI:", "insurance number")


class NhsNumberRecognizer(RuleRecognizer):
    """NHS numbers: ten digits (3-3-4 as printed), modulus-11 check."""

    ENTITY = "UK_NHS"
    RULES = (Rule("nhs number", r"(?<![\d-])\d{3}[ -]?\d{3}[ -]?\d{4}(?![\d-])", 0.0, 0.9),)
    CONTEXT = ("NHS", "health", "hospital", "patient", "GP")
    VALID_SCORE = 0.85

    def validate(self, value: str) -> bool | None:
        return nhs.is_valid(digits(value))


# ISO 4217 codes of the currencies amounts are most often written in (an amount is no dateless registration)
CURRENCY = (
    r"(?:USD|EUR|GBP|CHF|JPY|CNY|RMB|HKD|TWD|KRW|SGD|MYR|IDR|PHP|THB|VND|INR|PKR|BDT|LKR|NPR|AED|SAR|QAR|KWD|BHD|OMR|JOD|ILS|EGP|"
    r"MAD|TND|NGN|GHS|KES|ZAR|TRY|RUB|UAH|PLN|CZK|HUF|RON|BGN|HRK|RSD|SEK|NOK|DKK|ISK|AUD|NZD|CAD|MXN|BRL|ARS|CLP|COP|PEN)"
)


class VehicleRegistrationRecognizer(RuleRecognizer):
    """GB registrations: current (AB12 CDE), prefix (A123 BCD), suffix (ABC 123D), dateless and NI styles."""

    ENTITY = "UK_VEHICLE_REG"
    RULES = (
        Rule("current style", B + r"[A-Z]{2}(?:0[2-9]|[1-4]\d|5[1-9]|[6-7]\d)[ ]?[A-Z]{3}" + E, 0.75, 0.95),
        Rule("prefix style", B + r"[A-HJ-NP-Y]\d{1,3}[ ]?[A-Z]{3}" + E, 0.4, 0.9),
        Rule("suffix style", B + r"[A-Z]{3}[ ]?\d{1,3}[A-HJ-NP-Y]" + E, 0.4, 0.9),
        # not road numbers (M62, A1, B6137), which sit next to 'vehicle' and 'ANPR' all the time, nor an amount in a currency's
        # code ("THB 3814 for the car", "EUR 250", "250 USD")
        Rule(
            "dateless or NI style",
            B
            + rf"(?![MAB]\d{{1,4}}(?:\([M]\))?(?![ ]?[A-Z]))(?!{CURRENCY}[ ]?\d)(?:[A-Z]{{1,3}}[ ]?\d{{1,4}}|\d{{1,4}}[ ]?(?!{CURRENCY}(?![A-Z]))[A-Z]{{1,3}})"
            + E,
            0.0,
            0.7,
        ),
    )
    CONTEXT = ("registration", "reg", "VRM", "plate", "number plate", "vehicle", "car", "van", "ANPR", "index")
    WINDOW = 30


class SortCodeAccountRecognizer(RuleRecognizer):
    """Sort codes (12-34-56) and 8-digit account numbers; together they score high on their own."""

    ENTITY = "UK_BANK_ACCOUNT"
    RULES = (
        Rule("sort code and account", r"(?<![\d-])\d{2}-\d{2}-\d{2}[ /,:]{1,3}\d{8}(?!\d)", 0.85),
        Rule("sort code", r"(?<![\d-])\d{2}[- ]\d{2}[- ]\d{2}(?![\d-])", 0.0, 0.85),
        Rule("account number", r"(?<![\d-])\d{8}(?![\d-])", 0.0, 0.8),
    )
    CONTEXT = ("sort code", "sort", "s/c", "account", "acc", "acct", "a/c", "bank", "pay it into", "paid into")


class CardNumberRecognizer(RuleRecognizer):
    """Payment cards: 13-19 digits (spaced or not) starting 2-6, Luhn-valid; not an IMEI or ICCID, nor the digits of a
    decimal fraction ("35.63439178466797, -78.85": a location's, one in ten of which passes Luhn)."""

    ENTITY = "CREDIT_CARD"
    RULES = (Rule("card number", r"(?<![\d-])(?<!\d\.)[2-6]\d{3}(?:[ -]?\d){9,15}(?![\d-])(?!\.\d)", 0.0, 0.7),)
    CONTEXT = ("card", "visa", "mastercard", "amex", "debit", "credit")
    VALID_SCORE = 0.9

    def validate(self, value: str) -> bool | None:
        number = digits(value)
        if not 13 <= len(number) <= 19 or (len(number) == 15 and number.startswith("35")):
            return False
        return luhn.is_valid(number)


class ImeiRecognizer(RuleRecognizer):
    ENTITY = "IMEI"
    RULES = (
        Rule("imei", r"(?<![\d-])\d{2}[ -]?\d{6}[ -]?\d{6}[ -]?\d(?![\d-])", 0.0, 0.95),
        Rule("imei luhn", r"(?<![\d-])(?:01|35|86|99)\d{13}(?![\d-])", 0.0, 0.95),
    )
    CONTEXT = ("IMEI", "handset", "device", "phone", "serial")
    VALID_SCORE = 0.75

    def validate(self, value: str) -> bool | None:
        return luhn.is_valid(digits(value)) or None


class IccidRecognizer(RuleRecognizer):
    ENTITY = "ICCID"
    RULES = (Rule("iccid", r"(?<![\d-])89(?:[ -]?\d){17,18}(?![\d-])", 0.5, 0.95),)
    CONTEXT = ("ICCID", "SIM", "serial")
    VALID_SCORE = 0.9

    def validate(self, value: str) -> bool | None:
        return luhn.is_valid(digits(value)) or None


class PassportRecognizer(RuleRecognizer):
    ENTITY = "UK_PASSPORT"
    RULES = (Rule("passport number", B + r"(?:\d{9}|[A-Z]\d{8}|[A-Z]{2}\d{7})" + E, 0.0, 0.8),)
    CONTEXT = ("passport", "travel document", "MRZ")
    WINDOW = 30


class DrivingLicenceRecognizer(RuleRecognizer):
    """GB licence numbers: surname (9-padded), decade, month (+50), day, year, initials, digit, check chars."""

    ENTITY = "UK_DRIVING_LICENCE"
    RULES = (
        Rule(
            "driving licence",
            B + r"[A-Z9]{5}\d(?:[05][1-9]|[16][0-2])(?:0[1-9]|[12]\d|3[01])\d[A-Z9]{2}\d[A-Z]{2}(?:[ ]?\d{2})?" + E,
            0.85,
            0.95,
        ),
    )
    CONTEXT = ("driving licence", "licence", "DVLA", "driver")


class PncIdRecognizer(RuleRecognizer):
    """PNC IDs: YY/NNNNNNNL or YYYY/NNNNNNNL, check letter mod 23 over YY + serial padded to 7."""

    ENTITY = "UK_PNC_ID"
    RULES = (Rule("pnc id", B + r"(?:19|20)?\d{2}/\d{1,7}[A-Z]" + E, 0.0, 0.7),)
    CONTEXT = ("PNC", "police national computer", "record")

    def validate(self, value: str) -> bool | None:
        year, _, rest = value.partition("/")
        serial, letter = rest[:-1], rest[-1]
        return (mod23_letter(year[-2:] + serial.zfill(7)) == letter) or None


class CroNumberRecognizer(RuleRecognizer):
    """CRO numbers: NNNNNN/YYL (check letter mod 23 over YY + serial padded to 6) and SF YY/NNNNNL."""

    ENTITY = "UK_CRO"
    RULES = (
        Rule("cro number", B + r"\d{1,6}/\d{2}[A-Z]" + E, 0.0, 0.7),
        Rule("cro sf number", B + r"SF[ ]?\d{2}/\d{1,6}[A-Z]" + E, 0.6, 0.9),
    )
    CONTEXT = ("CRO", "criminal records office", "fingerprint")

    def validate(self, value: str) -> bool | None:
        if value.startswith("SF"):
            year, _, rest = value[2:].strip().partition("/")
            return (mod23_letter(year + rest[:-1].zfill(6)) == rest[-1]) or None
        serial, _, rest = value.partition("/")
        return (mod23_letter(rest[:2] + serial.zfill(6)) == rest[-1]) or None


class ImsiRecognizer(RuleRecognizer):
    """SIM subscriber identities: 15 digits; UK ones start with MCC 234 or 235."""

    ENTITY = "IMSI"
    RULES = (
        Rule("uk imsi", r"(?<![\d-])23[45]\d{12}(?![\d-])", 0.5, 0.95),
        Rule("imsi", r"(?<![\d-])\d{15}(?![\d-])", 0.0, 0.9),
    )
    CONTEXT = ("IMSI", "subscriber")


class GpsRecognizer(RuleRecognizer):
    """Precise locations: decimal latitude and longitude pairs (four or more decimals), as in device artefacts."""

    ENTITY = "GPS_COORDINATES"
    RULES = (
        Rule(
            "decimal lat, long",
            r"(?<![\d.-])-?(?:[1-8]?\d)\.\d{4,}°?(?:\s?[NS](?![A-Za-z]))?,?\s{0,2}-?(?:1[0-7]\d|\d{1,2})\.\d{4,}°?(?:\s?[EW](?![A-Za-z]))?(?![\d.])",
            0.8,
            0.95,
        ),
    )
    CONTEXT = ("GPS", "location", "lat", "latitude", "coordinates", "cell site", "geotag")


class WorldIbanRecognizer(EntityRecognizer):
    """IBANs of every country in the IBAN registry python-stdnum ships (``stdnum/iban.dat``), with their check digits
    and the country's BBAN format (and national check where stdnum has one), written run together or in groups
    separated by single spaces or hyphens. Presidio's ``IbanRecognizer`` knows a fixed list of countries: the
    registry's newer members (Burundi, Costa Rica, Djibouti, Falklands, Honduras, Mongolia, Nicaragua, Oman, Russia,
    Sudan, Somalia, Sao Tome, El Salvador, Yemen) were missed in every form. The longest valid run of groups from a
    country code and two check digits is reported, so a word after the number is never taken with it."""

    ENTITY = "IBAN_CODE"
    START = re.compile(r"(?<![A-Za-z0-9])[A-Z]{2}\d{2}")
    GROUP = re.compile(r"[ -]?([A-Z0-9]+)")

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(supported_entities=[self.ENTITY], name=type(self).__name__, supported_language=supported_language)

    def load(self) -> None:
        pass

    def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None) -> list[RecognizerResult]:
        if self.ENTITY not in entities:
            return []
        out: list[RecognizerResult] = []
        for m in self.START.finditer(text):
            compact, pos, best = m.group(), m.end(), None
            while len(compact) <= 34:
                if iban.is_valid(compact) and (pos == len(text) or not text[pos].isalnum()):
                    best = pos
                g = self.GROUP.match(text, pos)
                if g is None:
                    break
                compact, pos = compact + g.group(1), g.end()
            if best is not None:
                out.append(result(self, self.ENTITY, m.start(), best, 0.95, "iban", "IBAN of the registry; check digits valid"))
        return out


# a plain "ref"/"reference" label (not a crime's, a case's, an occurrence's) right before the value
_PLAIN_REF = re.compile(
    r"(?i)(?<![\w])(?<!crime[ ])(?<!police[ ])(?<!case[ ])(?<!court[ ])(?<!CPS[ ])ref(?:erence)?(?:[ ](?:no\.?|number|#))?[ ]?[:.]?[ ]$"
)
# what says a sentence is about a payment: an amount's currency, or a payment word
_PAYMENT = re.compile(
    r"(?i)[£$€]|(?<![\w])(?:GBP|EUR|USD|PLN|CHF|SEK|NOK|DKK|CZK|HUF|RON|paid|pay|pays|paying|payment|payments|refund|refunded|"
    r"transfer|transferred|invoice|amount|deposit|fee|fees|rent|bill|purchase|order)(?![\w])"
)
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)|\n")


def payment_reference(text: str, start: int, entity: str, rule: str | None) -> bool:
    """A number after a plain "ref"/"reference" label in a sentence about a payment ("Refund of 49.99 GBP sent on 12 May
    (ref 88213)", "paid £40, reference F850/2024"): a payment's reference, not a case's; the label rule's CASE_REFERENCE
    is dropped. A crime, case or court reference keeps it wherever it stands."""
    if entity != "CASE_REFERENCE" or not (rule or "").startswith("reference after a label"):
        return False
    window = text[max(0, start - 160) : start]
    ends = list(_SENTENCE_END.finditer(window))
    sentence = window[ends[-1].end() :] if ends else window
    label = _PLAIN_REF.search(sentence)
    return label is not None and _PAYMENT.search(sentence[: label.start()] + text[start : start + 60].split("\n")[0]) is not None
