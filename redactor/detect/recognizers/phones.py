"""Phone numbers of every country (the UK forms stay with ``contact.UkPhoneRecognizer``).

People in a UK phone download are not all British: Polish, Romanian, Nigerian, Indian numbers,
written the way their owners write them. Recall wins over validity:

- a written number (digits with the spaces, dots, dashes and brackets numbers are written with,
  7 to 15 digits) is tried with ``phonenumbers``' matcher in lenient mode: with ``+``/``00`` in
  any country, without it in each region of ``REGIONS``; a match is reported with its E.164 form
  and the region that read it (a UK-shaped national number as GB reads it, allocated or not);
- any digit group of phone length next to a phone word (phone, mob, tel, fax, desk, call, ring,
  text, WhatsApp, ...; whole words and their inflections, ``phone_words.py``) is reported even
  when no country would accept it;
- so is a number that answers a question asking for one ("what's her number?", "And the best number to reach
  you?\nCustomer: ..."; not an order's, a card's or a booking's number);
- a valid number without separators counts only alone on its line or as the last field of a contact line ("Name, street
  5, town, 0612345678"): inside a sentence ten bare digits are as often something else (pi's digits are a valid mobile);
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
from typing import Any, NamedTuple

import phonenumbers
from phonenumbers import Leniency, PhoneNumberFormat, PhoneNumberMatcher
from presidio_analyzer import EntityRecognizer, RecognizerResult

from redactor.detect.recognizers.base import result
from redactor.detect.recognizers.contact import gb_number, valid_in_gb
from redactor.detect.recognizers.letters import NAME_WORD
from redactor.detect.recognizers.phone_columns import column_says
from redactor.detect.recognizers.phone_regions import regions_to_ask
from redactor.detect.recognizers.phone_words import phone_word_matches, phone_words
from redactor.detect.recognizers.table_rows import table_row

# where the people in a UK download most often come from, then the big numbering plans
REGIONS = ("GB", "IE", "PL", "RO", "LT", "LV", "BG", "SK", "CZ", "HU", "PT", "ES", "IT", "FR", "DE", "NL", "BE", "CH",
           "AT", "SE", "NO", "DK", "FI", "EE", "IS", "GR", "TR", "NG", "GH", "KE", "ZA", "ZW", "SO", "ET", "PK", "IN", "BD", "LK", "CN", "HK", "PH", "VN",
           "AE", "SA", "IQ", "IR", "AF", "SY", "EG", "MA", "DZ", "US", "CA", "BR", "MX", "CO", "JM", "AU", "NZ", "UA", "RU")  # fmt: skip
_DIGIT = r"(?:\(0\)|\(\d{1,5}(?:[- ]\d{1,5})?\)|\d)"  # "(0)", "(71)", Lithuanian "(8-612)" and "(8 5)"
# a comma before is a CSV field's ("...,04 736 9127,"); an area code may end in a slash ("030/56534940", "079/943 79 50",
# "268/460 1234"; five digits or more after it: "no. 12345/05" is an application), one with a trunk prefix in a spaced
# dash (Dutch "020 - 624 11 30"); a country code may be in brackets ("(+45) 3312 4455")
_LEAD = r"(?:\(\+\d{1,3}\)|\+|00)?[ ]?(?:0\d{1,4}[ ]-[ ]|\d{1,5}/)?"
# a comma with a digit before it is a thousands separator ("1,234,567") only when three digits follow it; after another
# CSV field ("14:35:10,030 212-345") the number is a field
_NOT_THOUSANDS = r"(?:(?<!\d,)|(?!\d{3}(?:[,.]\d{3})*(?!\d|[ ]\d|/)))"
CANDIDATE = re.compile(
    rf"(?<![\w+/.:-]){_NOT_THOUSANDS}(?P<number>{_LEAD}{_DIGIT}(?:[ \t.\-]{{0,2}}{_DIGIT}){{3,22}})"
    r"(?P<ext>,?[ ]?(?i:x|ext|extn|extension|wew|dw|poste|int|tl)\.?[ ]?\d{1,5}|[ ]?\((?i:ext|extn|x)\.?[ ]?\d{1,5}\))?"
    r"(?![\w/]|[.:-]\d|,\d{3}(?!\d))"
)  # an extension after it is part of it: "202-555-0143x204", "0161 496 0000 ext. 214", "123-45-67 wew. 12", "(ext 22)"
# phone shapes valid or not: "+CC" and digit groups; "(area) groups"; (the country code is checked in code)
PLUS_GROUPS = re.compile(r"\+(?P<cc>\d{1,3})(?:[ .\-]|[ ]?\(0\)[ ]?|[ ]?\(\d{1,5}\)[ .\-]?)\(?\d{1,5}\)?(?:[ .\-]\d{2,5})*")
AREA_GROUPS = re.compile(r"\(\d{2,5}\)[ .\-]?\d{2,5}(?:[ .\-]\d{2,5})+|\(\d{2,5}\)[ .\-]?\d{6,8}")
NAME_BEFORE = re.compile(rf"(?<![\w]){NAME_WORD}(?:[ ]{NAME_WORD}){{1,2}}[,:]?[ ]$")
_DATE = re.compile(r"^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}$|^\d{1,2}[.:]\d{2}")
_DOTTED = re.compile(r"\+?\d{1,4}(?:\.\d{2,4}){3,}")  # a number written with dots, the French way: "06.82.44.82.93"
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
            number = m.group("number")
            start, end = m.start() + (len(number) - len(number.lstrip())), m.end("number")
            value = text[start:end]
            n = sum(c.isdigit() for c in value)
            if (
                not (7 <= n <= 15 or (5 <= n <= 6 and _short_number_cue(text, start, m.end("number"))))
                or (_DATE.match(value) and not _DOTTED.fullmatch(value))
                or _IPV4.fullmatch(value)
                or _CURRENCY.search(text[max(0, start - 2) : start])
                or ("/" in value and sum(c.isdigit() for c in value.split("/")[1]) < 5 and not labelled(text, start))
            ):  # "no. 02345/05" is an application; "Tel: 5123/4567" a number
                continue
            found = self._score(text, start, m.end(), value)  # the span with its extension; the number read without it
            if found is not None:
                out.append(found)
        return out

    def _score(self, text: str, start: int, end: int, value: str) -> RecognizerResult | None:
        clause = clause_before(text, start)
        if other_number(clause) and not value.lstrip().startswith(("+", "(+")):
            return None  # "call me on ..., order 4471-2291": the label right before it names another number
        read = _match(value)
        word = phone_words(clause) or asked_for(text, start)
        if not word and (person := _PERSON_BEFORE.search(clause)) is not None and not value.lstrip().startswith(("+", "(")):
            why = f"digits of phone length naming a {person.group(1).lower()}: their phone or their account number, either identifies them"
            return result(self, "PHONE_NUMBER", start, end, self.CONTEXT, "number naming a customer", why, **_meta(read))
        if word:
            why = f"digits of phone length after '{word[-1].lower()}'" + (
                f"; {read}" if read else "; no country accepts it (recall over validity)"
            )
            return result(self, "PHONE_NUMBER", start, end, self.CONTEXT, "number after a phone word", why, **_meta(read))
        if table_row(text, start, start + len(value)) and phone_word_after(text, end) is None:
            return None  # "Barnsley 4 3 1 0 9 3 10": a standings row's counts after a name (table_rows.py)
        if read and (value.lstrip().startswith(("+", "00", "(+")) or re.search(r"[ ()./-]", value)):
            return result(self, "PHONE_NUMBER", start, end, self.VALID, "valid number", f"phone number {read}", **_meta(read))
        if read and (after := phone_word_after(text, end)) and not _COUNT.match(text, end):
            why = f"phone number {read}, then '{after.lower()}'"
            return result(self, "PHONE_NUMBER", start, end, self.VALID, "valid number before a phone word", why, **_meta(read))
        if not read and (after := phone_word_after(text, end)) and not _COUNT.match(text, end) and _same_phrase(text, start, end, after):
            why = f"digits of phone length before '{after.lower()}' (no country accepts it; recall over validity)"
            return result(self, "PHONE_NUMBER", start, end, self.SHAPE, "number before a phone word", why, **_meta(read))
        if read and _NATIONAL.fullmatch(value):
            why = f"phone number {read}, written whole with its trunk prefix"
            return result(self, "PHONE_NUMBER", start, end, self.VALID, "valid national number", why, **_meta(read))
        if read and whole_field(text, start, end):
            why = f"phone number {read}, a whole line or the last field of a contact line"
            return result(self, "PHONE_NUMBER", start, end, self.VALID, "valid number in a field of its own", why, **_meta(read))
        if whole_field(text, start, end, short=True) and (far := _match_anywhere(value)) is not None:
            why = f"phone number {far}, a whole line or a field of its own"
            return result(self, "PHONE_NUMBER", start, end, self.VALID, "valid number in a field of its own", why, **_meta(far))
        shape = _shape(text, start, value)
        if shape:
            return result(self, "PHONE_NUMBER", start, end, self.SHAPE, shape, f"{shape} (recall over validity)")
        return None


def _meta(read: Reading | None) -> dict[str, str | None]:
    """The reading in the finding's metadata: the E.164 form and the region that parsed it."""
    return {"e164": read.e164, "region": read.region} if read else {"e164": None}


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
# a person named by a number right after the word for them, with no label of another number between: "Customer 212345678
# paid", "client 0612345678 asked" (not "Customer no. 4471", "customer ID 4471", "customer ref 4471": those are ``_OTHER``'s
# or have a word between)
_PERSON_BEFORE = re.compile(r"(?i)(?<![\w])(customer|client|subscriber|recipient|sender)[ ]+$")


_SHORT_AFTER = re.compile(
    r"(?i)[ ]+(?:(?:left|sent)[ ]+(?:(?:you|me|us|him|her|them)[ ]+)?(?:a|an)[ ]+)?(?:texted|called|rang|phoned|whatsapped|voicemail|"
    r"missed[ ]call|sms)(?![\w])"
)


def _short_number_cue(text: str, start: int, end: int) -> bool:
    """What lets a five- or six-digit number count: a phone word right before it, a phone word right after it, or the word
    for the person it names right before it ("Customer 312345 paid": a small plan's phone number or the customer's account
    number, either identifies them)."""
    return labelled(text, start) or _short_before_word(text, start, end) or _PERSON_BEFORE.search(clause_before(text, start)) is not None


def _short_before_word(text: str, start: int, end: int) -> bool:
    """A five- or six-digit number of a small numbering plan (Falklands, Greenland, Ascension) with the phone word right after
    it ("40123 left a voicemail", "402715 texted"; not "12345 texts", a count, nor "48213 people called")."""
    return text[start - 1 : start] != "#" and _SHORT_AFTER.match(text, end) is not None


# a count, not a number: "1250000 texts", "3400000 calls" (the phone word right after it, in the plural)
_COUNT = re.compile(r"(?i)[ ]+(?:texts|calls|voicemails|messages|rings|sms|minutes|numbers|phones|mobiles)(?![\w])")
# a national number written whole with its trunk prefix ("0301234567", "0612345678"): nine to twelve digits after one 0; an
# amount, pi's digits or a count never start so, and a zero-padded identifier starts with 00 ("0000412233")
_NATIONAL = re.compile(r"0[1-9]\d{7,10}")
# the phone words that may follow a number they name, in the same clause: "0612345678 left a voicemail", "... is my number"
_AFTER_WORDS = {"phone", "phoned", "mobile", "tel", "telephone", "fax", "call", "calls", "called", "calling", "rang", "ring", "rings",
                "text", "texts", "texted", "whatsapp", "sms", "voicemail", "voicemails", "my number", "his number", "her number",
                "their number", "your number", "new number"}  # fmt: skip


def _same_phrase(text: str, start: int, end: int, word: str) -> bool:
    """The phone word after a number no country accepts is in the same phrase, and the number is no "#" identifier: not
    '"id": "#8106319", "customer": "...", "phone"' (another field's label)."""
    gap = text[end : text.find(word, end)].rstrip(" (")  # "17345678 (mobile)"
    return text[start - 1 : start] != "#" and re.search(r"[\"',:;#()\[\]{}|=]", gap) is None


def phone_word_after(text: str, end: int) -> str | None:
    """A phone word among the three words after a number, in its clause ("0612345678 left a voicemail", "(mobile)")."""
    window = text[end : end + 40]
    stop = _BOUNDARY.search(window)
    window = window[: stop.start()] if stop else window
    for m in phone_word_matches(window):
        if len(re.findall(r"\w+", window[: m.start()])) <= 3 and re.sub(r"[\s.-]+", " ", m.group(0).lower()) in _AFTER_WORDS:
            return m.group(0)
    return None


# a label right before a number that names another kind of number: "order 4471-2291", "invoice no. 2025-0412", "item #40-118"
_OTHER = re.compile(
    r"(?i)(?<![\w])(?:order|invoice|inv|ref|reference|booking|ticket|item|sku|account|acct|case|policy|tracking|batch|serial"
    r"|model|flight|parcel|receipt|transaction|txn)(?:\s*(?:no\.?|nr\.?|num|number|id))?[\s:#.\-\"'=]*$"
)
# after a phone word, what may stand before the number it labels: "Tel: ", "call me on ", "text us at ", "msisdn": "
_LABEL_TAIL = re.compile(r"(?i)[\s:.#\-\"'=]*(?:(?:me|us|him|her|them)\s+)?(?:(?:on|at|no\.?|nr\.?|num|number)[\s:.#\"']*)?")


def other_number(clause: str) -> bool:
    """Whether a label right before the number names another kind of number ("call me on ..., order 4471-2291")."""
    return _OTHER.search(clause) is not None


def labelled(text: str, start: int) -> bool:
    """A phone word right before the number ("Tel: 40123", "call me on 21 12 34"): a short number of a small numbering plan
    (five or six digits: Falklands, Andorra, Faroes) counts only then."""
    clause = clause_before(text, start)
    words = phone_word_matches(clause)
    return bool(words) and _LABEL_TAIL.fullmatch(clause[words[-1].end() :]) is not None


def clause_before(text: str, start: int) -> str:
    """The 32 characters before a number, from the last sentence end or line break on: "Phone: 0113 ...
    \nBatch 20231105" and "text him. Order 4471093" are no phone words for the second number. A label
    alone on the line above ("Tel.:\n0601 234 567") still counts."""
    window = text[max(0, start - 32) : start]
    pieces = [p for p in _BOUNDARY.split(window) if p.strip()]
    return pieces[-1] if pieces else ""


# a question that asks for a number: "what's his number?", "And the best number to reach you?" (not an order's or a card's)
_ASKED = re.compile(
    r"(?i)(?<![\w])(?<!order[ ])(?<!invoice[ ])(?<!account[ ])(?<!reference[ ])(?<!tracking[ ])(?<!case[ ])(?<!ticket[ ])"
    r"(?<!booking[ ])(?<!policy[ ])(?<!card[ ])(?<!serial[ ])(?<!model[ ])(?<!flight[ ])(?<!customer[ ])(?<!membership[ ])"
    r"(?<!confirmation[ ])(?<!reg[ ])(?<!registration[ ])(?<!batch[ ])(?<!part[ ])(?<!room[ ])(?<!seat[ ])(?<!house[ ])(?<!door[ ])"
    r"(?<!plate[ ])number(?![\w])[^?\n]{0,40}\?[\s\"']*$"
)
_LINE_LABEL = re.compile(r"(?:^|\n)[ \t]*(?:[^\W\d][\w .'’-]{0,24}:[ \t]*)?$")  # the answer's line: "Customer: " or nothing


def asked_for(text: str, start: int) -> list[str]:
    """["number"] when the sentence before the number asks for one and the number answers it, alone on its line or after a
    speaker's label ("What's your number?\nCustomer: 0917 555 2041", "whats her number? 0617 123 456"); else []."""
    window = text[max(0, start - 120) : start]
    label = _LINE_LABEL.search(window)  # the number starts its line (after a label): the question ends the line above
    question = window[: label.start()] if label is not None else window
    return ["number"] if _ASKED.search(question) else []


_TIME = re.compile(r"(?<![\d:])(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?(?![\d:])")  # a time of day: "14:35", "09:14:55"
_COMPACT_DATE = re.compile(r"(?:19|20)\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])")  # "20241102"


def whole_field(text: str, start: int, end: int, short: bool = False) -> bool:
    """A number alone on its line, the last of three comma-separated fields or more ("Name, street 5, town, 0612345678"), or
    a field of a CSV row ("2025-04-12,14:35:10,0301234567,EUR 49.99") of nine digits or more or with a trunk prefix; with
    ``short``, of seven or eight digits too in a row that has a time of day (an event log's row, a call's or a message's:
    "2025-04-12,14:35:10,5601234,EUR 49.99", a small country's number; the caller then asks every country's plan), never
    a date written without separators ("20241102") nor a field of a column of counts (``phone_columns``: its header says
    "Units", or the column's other values are small counts)."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    after = text[end : len(text) if line_end == -1 else line_end].strip(" \t.;")
    before = text[line_start:start]
    if before.endswith(",") and (not after or after.startswith(",")):
        digits = sum(c.isdigit() for c in text[start:end])
        if digits >= 9 or text[start:end].lstrip("(").startswith("0"):
            return True
        row = text[line_start : len(text) if line_end == -1 else line_end]
        if not short or digits < 7 or _TIME.search(row) is None or _COMPACT_DATE.fullmatch(text[start:end]):
            return False
        return column_says(text, start) is not False  # a column of counts ("Units", or 812, 1250 above): no call log's
    if after:
        return False
    return not before.strip() or (before.endswith(", ") and before.count(", ") >= 2)


class Reading(NamedTuple):
    """A number as one region's numbering plan reads it: the region, the E.164 form, and whether the
    number is in a range that region has allocated."""

    region: str
    e164: str
    allocated: bool

    def __str__(self) -> str:
        if self.allocated:
            return f"{self.e164} (valid in {self.region})"
        return f"{self.e164} (as {self.region} reads it; not in a range {self.region} allocates, e.g. a drama number)"


@lru_cache(maxsize=65_536)
def _match(value: str) -> Reading | None:
    """The number as some region reads it, or None; the same value is matched once per process.

    The reading names the region that parsed the number. A UK-shaped national number ("07700
    900123", an Ofcom drama number that GB does not allocate and Germany would accept) is read
    as GB: dialled in the UK, that is the number it is."""
    found = _accepted(value)
    if found is None:
        return None
    return _uk_national(value) or _reading(*found)


@lru_cache(maxsize=16_384)
def _match_anywhere(value: str) -> Reading | None:
    """The number as any region of the world reads it (``REGIONS`` first, then the rest), or None: for a number standing as a
    field of its own, where the region list of a UK download's usual correspondents is too narrow ("80294911911" alone on
    its line is a Belarusian mobile with its trunk prefix 8; "5601234" in a call log's row an Aruban line)."""
    found = _match(value)
    if found is not None or value.startswith(("+", "00")):
        return found
    found = _accepted(value, _OTHER_REGIONS)
    return None if found is None else _reading(*found)


def _accepted(value: str, asked: tuple[str, ...] = REGIONS) -> tuple[phonenumbers.PhoneNumber, str | None] | None:
    """The number the lenient matcher finds covering the value, and the region that accepted it (None
    for a number with ``+`` or ``00``), or None. A region whose numbering plan cannot hold the value
    is not asked (``phone_regions``: exact, the answer is the same as asking every region)."""
    regions = (None,) if value.startswith(("+", "00")) else regions_to_ask(value, asked)
    number = "+" + value[2:] if value.startswith("00") else value
    for region in regions:
        for match in PhoneNumberMatcher(number, region or "ZZ", leniency=Leniency.VALID if region else Leniency.POSSIBLE):
            if match.end - match.start >= len(number) - 2:
                return match.number, region
    return None


_OTHER_REGIONS = tuple(sorted(phonenumbers.SUPPORTED_REGIONS - set(REGIONS)))


def _reading(number: phonenumbers.PhoneNumber, region: str | None) -> Reading:
    e164 = phonenumbers.format_number(number, PhoneNumberFormat.E164)
    if region is not None:  # the matcher accepted only numbers valid in this region
        return Reading(region, e164, True)
    valid = phonenumbers.is_valid_number(number)
    found = phonenumbers.region_code_for_number(number) if valid else None
    return Reading(found or phonenumbers.region_code_for_country_code(number.country_code), e164, valid)


# a UK national number's shape: 0, then a range GB numbers from (01, 02, 03, 05, 07, 08, 09) and its length
_UK_NATIONAL = re.compile(r"0(?:1\d{8,9}|[23579]\d{9}|8\d{8,9})")


def _uk_national(value: str) -> Reading | None:
    """GB's reading of a number written in a UK national shape, or None."""
    if value.startswith("00") or not _UK_NATIONAL.fullmatch(re.sub(r"\D", "", value)):
        return None
    number = gb_number(value)  # parsed once for this recognizer and the UK one (contact.py)
    if number is None or not phonenumbers.is_possible_number(number):
        return None
    return Reading("GB", phonenumbers.format_number(number, PhoneNumberFormat.E164), valid_in_gb(value))
