"""Addresses under a label: whatever a form, a table row or a heading says the address is.

"Address: 12 Αγάπης, Θήβα", "Street address | Syslia ulica 803", "Adresse : ...", a JSON or key=value field
(``"address": "..."``), or a heading ("Delivery address", "Home address:", "Ship to:", "Bill to", a line that ends
in an address cue: "Your parcel will be delivered to:", "Visit us at") with the address on the lines under it. The
value is taken as written, in any script and any country's order, so no street word, house-number place or postcode
shape is needed: the label says what it is. It runs to the end of its line (or to a table separator ``|``/``;``);
under a heading, up to six lines (a postal address has up to six, the country's included), stopping at a blank line,
at the next label ("Contact: ...", "Phone | ...") or at a line of prose (two ordinary lower-case English words and
no street word: "Please update your records.").

In a sentence, after an address cue ("my address is", "she has lived at", "send the papers to", ``street_words.CUE``),
the comma-separated parts written like an address's (capitalised words, numbers, words of any script, the small
words of street names: "do", "de", "al") up to the first ordinary lower-case English word or the sentence's end:
"my address is Harnet Avenue, Asmara if you need it". Two parts or a digit at least ("moved to London last year" is
no address).

A value must look like one: letters, and a digit or a capital ("same as above" is not flagged); under a heading, the
lines together (a line may be a postcode alone, or "unnamed road").
"""

from __future__ import annotations

import re
from typing import Any

from presidio_analyzer import EntityRecognizer, RecognizerResult

from redactor.detect.name_lists import is_english_word
from redactor.detect.recognizers.base import result
from redactor.detect.recognizers.street_words import (
    AFTER,
    BEFORE,
    CUE,
    PHRASE_WORDS,
    business_name,
    is_country,
    keeps_full_stop,
    next_sentence,
)

KINDS = (
    r"home|street|postal|post|delivery|billing|shipping|mailing|correspondence|current|previous|new|old|permanent|registered|residential|"
    r"forwarding|return|invoice|work|office|business|company|head[ ]office|pickup|collection|property|site|venue|hotel"
)
WORDS = (
    r"address(?:es)?|adres|adresse|adresa|adresas|adrese|anschrift|wohnadresse|dirección|direccion|domicilio|indirizzo|endereço|"
    r"morada|cím|lakcím|osoite|adress|адрес|адреса|адреса проживання|διεύθυνση"
)
LABEL = re.compile(
    rf"(?im)(?:^|(?<=[|;])|(?<=\t))[ \t]*(?:(?:{KINDS})[ ])?(?:{WORDS})(?:[ ](?:line[ ]?\d|of[ ]residence))?"
    r"(?:[ ]\([^)\n]{0,40}\))?[ \t]*(?P<sep>[:|\-–][ \t]*|[ \t]*(?=\r?\n))"  # "Address (postcode, town):"
)
# a postcode's label, with its town's perhaps: "Postcode: 26133", "ZIP code | 10115", "PLZ/Ort: 10115 Berlin", "Postcode and town:"
POSTCODE_LABEL = re.compile(
    r"(?im)(?:^|(?<=[|;])|(?<=\t))[ \t]*(?:post[ ]?code|postal[ ]code|zip(?:[ ]?code)?|plz|code[ ]postal|c[óo]digo[ ]postal|cep|"
    r"kod[ ]pocztowy|postnummer|postinumero|irányítószám|почтовый[ ]индекс|индекс)"
    r"(?:[ ]?(?:and|&|/|,)[ ]?(?:town|city|ort|ville|ciudad|cidade|miasto|place|locality))?(?:[ ]\([^)\n]{0,40}\))?[ \t]*[:|][ \t]*"
)
# a part of a one-line value that is no part of the address: "1000 Bissau, parcel 2 of 3, 4.2 kg"
_OTHER_PART = re.compile(
    r"(?i),[ ]+(?=(?:tracking|order|invoice|parcel|ticket|booking|ref|reference|total|amount|due|paid|tel|phone|mobile|e-?mail)(?![\w]))"
)
# a heading that says the lines under it are an address: "Ship to:", "Bill to", "Your parcel will be delivered to:", "Visit
# us at", "Forwarding address (from 1 May):"
HEADING = re.compile(
    rf"(?im)(?:(?<![\w])(?:{CUE})|(?:^|(?<=[|;]))[ \t]*(?:ship|bill|sold|remit|deliver|mail|send|invoice)[ ]to|(?<![\w])(?:visit|find)(?:[ ]us)?[ ]at)"
    r"(?:[ ]\([^)\n]{0,40}\))?[ \t]*:?[ \t]*(?=\r?\n)"
)
# a JSON or key=value field: "address": "...", address="...", shipping_address: '...'
FIELD = re.compile(
    rf"(?i)[\"']?(?:(?:{KINDS})[_ -]?)?(?:address|addr)(?:_?line_?\d)?[\"']?[ ]?[:=][ ]?(?P<q>[\"'])(?P<value>[^\"'\n]+)(?P=q)"
)
SENTENCE_CUE = re.compile(
    rf"(?i)(?<![\w])(?:{CUE}|lived[ ](?:at|in|on)|(?:send|sent|post|posted|ship|shipped|mail|mailed|forward|forwarded|deliver|delivered|"
    r"moved)(?:[ ](?:it|them|the|a|my|your|his|her|this|these|those|[a-z]+s)){0,2}[ ]to)[ ]"
)
# the small words of street and town names ("Rua do Arenque", "Port of Spain", "Frankfurt am Main")
_LINKS = {"do", "da", "dos", "das", "de", "del", "della", "di", "la", "las", "los", "le", "les", "du", "des", "von", "van", "der", "den",
          "y", "e", "i", "al", "el", "of", "upon", "am", "an", "im", "bei", "sur", "en"}  # fmt: skip
_STREET_WORD = re.compile(rf"(?i)(?:{AFTER}|{BEFORE})")
# a street word that stands before the street's name, starting the value, in lower case as chat writes it: "rua godinho de faria
# 1200", "calle mayor 5", "ul. długa 7"
_BEFORE_WORD = re.compile(rf"(?:{BEFORE})[ ]")
# after a house number, one to three lower-case words that end in a street word: "22024 main st", "14 old mill lane"
# (no word of a phrase among them, ``world_address.PHRASE_WORDS``: "5 blocks down the street", "10 minutes from the high road")
_LOWER_STREET = re.compile(
    r"(?P<words>(?:[a-z]+[ ]){0,2}[a-z]+)[ ]"
    r"(?:street|st|road|rd|avenue|ave|lane|ln|drive|dr|boulevard|blvd|crescent|terrace|close|court|ct|place|pl|highway|hwy|parkway|"
    r"pkwy|circle|square|sq|mews|grove)(?![\w])"
)  # only the street words that are no ordinary noun of a phrase ("961 last spring", "5 more park")
_ADDRESS_TOKEN = re.compile(r"[^\s,;()]+")
# a line under an address that is something else: a tracking or order line, opening hours, a time, a question, a sign-off,
# a contact line ("Questions? Tel: ...", "Kind regards")
OTHER_LINE = re.compile(
    r"(?i)^[ \t]*(?:tracking|order|invoice|parcel|ticket|booking|ref|reference|total|amount|open|opening|hours|closed|kind[ ]regards|"
    r"regards|best[ ]wishes|thanks|thank[ ]you|sincerely|cheers|yours|questions|phone|tel|mobile|fax|e-?mail|contact|call)(?![\w])"
    r"|\d{1,2}:\d{2}|\?"
)
# What every match of the five patterns above holds: LABEL's and FIELD's address words, HEADING's and SENTENCE_CUE's cues
# and verbs (``street_words.CUE`` too), POSTCODE_LABEL's postcode words ("post" for "post code", "code postal",
# "postnummer"). A text without any cannot match any of them (``could_hold_one``): one look instead of five scans for most
# chat messages. ``tests/detect/test_address_label_precheck_s21.py`` checks each word and phrase of the patterns.
STEMS = (
    "addr", "adres", "anschrift", "direcci", "domicilio", "indirizzo", "endereço", "morada", "cím", "osoite", "адрес", "διεύθυνση",
    "live ", "lives ", "living ", "lived ", "stay", "moved ", "move to", "moving to", "deliver", "ship", "send ", "sent ", "post",
    "write to", "flat at", "flat is", "house at", "house is", "home at", "home is", "place at", "place is", "office at", "office is",
    "round to", "meet at", "meet me at", "wohnt", "mieszka", "прожива", "мешка", "жив", "μέν", "κατοικ", "bill to", "sold to",
    "remit to", "mail", "invoice to", "visit at", "visit us at", "find at", "find us at", "forward",
    "zip", "plz", "cep", "kod pocztowy", "irányítószám", "индекс",
)  # fmt: skip
_ANY_STEM = re.compile("(?i)" + "|".join(re.escape(s) for s in STEMS))
_ASCII_STEMS = re.compile("|".join(re.escape(s) for s in STEMS if s.isascii()))  # searched in lower case, no case folding


def could_hold_one(text: str) -> bool:
    """Whether a label, heading, field or cue could be in ``text`` (False: none of the patterns can match). The patterns
    ignore case the way Python's ``re`` does; in an ASCII text that is ASCII's case, so the text in lower case holds one of
    the ASCII stems (no other stem can match an ASCII letter); any other text is searched with the same ``re`` folding."""
    if text.isascii():
        return _ASCII_STEMS.search(text.lower()) is not None
    return _ANY_STEM.search(text) is not None


NEXT_LABEL = re.compile(r"^[ \t]*[^\W\d][\w .'’/-]{0,30}?[ \t]*(?::|\|)(?:\s|$)")
VALUE = re.compile(r"[^\W\d_]{2}")
STOP = re.compile(r"[ \t]*(?:\||;|\t)")
MAX_LINES = 6


class AddressLabelRecognizer(EntityRecognizer):
    SCORE = 0.6

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(supported_entities=["STREET_ADDRESS"], name="AddressLabelRecognizer", supported_language=supported_language)

    def load(self) -> None:
        pass

    def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None) -> list[RecognizerResult]:
        if "STREET_ADDRESS" not in entities or not could_hold_one(text):
            return []  # no label, heading, field or cue can match
        out = []
        seen: set[tuple[int, int]] = set()  # "Delivery address" is a label and a heading: its lines once
        for pattern, rule in ((LABEL, "labelled address"), (HEADING, "address under a heading")):
            for m in pattern.finditer(text):
                pieces = [p for p in _without_business(_value(text, m.end()), text) if p not in seen]  # the business first
                if _looks_like_one("\n".join(text[start:end] for start, end in pieces)):  # a block's lines together
                    seen.update(pieces)
                    for start, end in pieces:
                        out.append(result(self, "STREET_ADDRESS", start, end, self.SCORE, rule, f"street address ({rule})"))
        for m in POSTCODE_LABEL.finditer(text):
            start, end = _cut(text, m.end(), _line_end(text, m.end()))
            if any(c.isdigit() for c in text[start:end]) and (m.end(), _line_end(text, m.end())) not in seen:
                out.append(result(self, "STREET_ADDRESS", start, end, self.SCORE, "labelled postcode", "postcode (labelled)"))
        for m in FIELD.finditer(text):
            start, end = _cut(text, m.start("value"), m.end("value"))
            end = _without_country(text, start, end)
            if VALUE.search(text[start:end]):
                out.append(
                    result(self, "STREET_ADDRESS", start, end, self.SCORE, "address field", "street address (a record's address field)")
                )
        for m in SENTENCE_CUE.finditer(text):
            span = _in_sentence(text, m.end())
            if span is not None:
                out.append(
                    result(self, "STREET_ADDRESS", *span, self.SCORE, "address after a cue", "street address (after an address cue)")
                )
        return out


def _looks_like_one(value: str) -> bool:
    """Letters, and a digit or a capital (or a letter of a script without case: Arabic, CJK): not "same as above"."""
    return VALUE.search(value) is not None and any(c.isdigit() or c.isupper() or (c.isalpha() and not c.islower()) for c in value)


def _in_sentence(text: str, pos: int) -> tuple[int, int] | None:
    """The address written after a cue at ``pos``: its parts up to an ordinary English word or the sentence's end."""
    end, parts, last = pos, 1, pos
    for m in _ADDRESS_TOKEN.finditer(text, pos):
        if m.start() < last:
            continue  # a word of a street read below
        gap = text[last : m.start()]
        if m.start() > pos and (not gap.strip(" ,") == "" or "\n" in gap):
            break  # a bracket, a semicolon or a line break ends it
        word = m.group(0).strip("\"'.:!?")
        if word.isalpha() and word.islower() and not _address_word(word):
            street = _LOWER_STREET.match(text, m.start()) if m.start() > pos and text[last - 1 : last].isdigit() else None
            if street is None or PHRASE_WORDS.intersection(street.group("words").split()):
                break
            end = last = street.end()  # "send it to 22024 main st": a house number, then a street written in lower case
            continue
        if not word:
            break
        parts += "," in gap
        end, last = m.end(), m.end()
        if re.search(r"[.!?]$", m.group(0)) and (not keeps_full_stop(text, pos, m.end()) or next_sentence(text, m.end())):
            end -= 1
            break
    end = _without_country(text, pos, end)
    pos = _after_business(text, pos, end)
    value = text[pos:end]
    if end <= pos or not VALUE.search(value) or not (parts >= 2 or any(c.isdigit() for c in value)):
        return None
    if not any(c.isupper() or c.isdigit() or (c.isalpha() and not c.islower()) for c in value[:1]) and not _lower_street(value):
        return None  # an address starts with a capital, a number, a letter of a script without case, or is a street in lower case
    return pos, end


def _lower_street(value: str) -> bool:
    """An address written all in lower case, as chat writes it, that starts with its street word ("rua godinho de faria
    1200", "calle mayor 5"; not "ul. Rudzka 33 tmrw", whose capital says where the address is)."""
    return value == value.lower() and _BEFORE_WORD.match(value) is not None


def _value(text: str, pos: int) -> list[tuple[int, int]]:
    """The value's pieces (one per line) after a label ending at ``pos``."""
    line_end = _line_end(text, pos)
    if text[pos:line_end].strip():
        other = _OTHER_PART.search(text, pos, line_end)
        start, end = _cut(text, pos, other.start() if other else line_end)
        return [(_after_business(text, start, end), end)]
    pieces = []
    start = line_end + 1
    for _ in range(MAX_LINES):
        if start >= len(text):
            break
        end = _line_end(text, start)
        line = text[start:end]
        if not line.strip() or NEXT_LABEL.match(line) or _prose(line) or OTHER_LINE.search(line):
            break
        if not _is_country(line):  # the country is no personal data
            pieces.append(_cut(text, start, end))
        start = end + 1
    return pieces


def _without_business(pieces: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    """The lines of an address without the business or public body named on the first ("Raiffeisen Bank", "Embassy of
    ..."): nobody's personal data (``street_words.business_name``)."""
    while len(pieces) > 1 and business_name(text[pieces[0][0] : pieces[0][1]]):
        pieces = pieces[1:]
    return pieces


def _after_business(text: str, start: int, end: int) -> int:
    """Where a one-line address starts after the business named in its first part ("Janata Bank, Shahid Minar Rd, ...")."""
    cut = text.find(",", start, end)
    while cut != -1 and business_name(text[start:cut]) and text[cut + 1 : end].strip():
        start = cut + 1
        while start < end and text[start] == " ":
            start += 1
        cut = text.find(",", start, end)
    return start


def _is_country(line: str) -> bool:
    return is_country(line)


def _without_country(text: str, start: int, end: int) -> int:
    """The end of an address written on one line without its last part when that part is a country ("..., Asmara, Eritrea")."""
    value = text[start:end].rstrip(" ,")
    cut = value.rfind(",")
    if cut > 0 and _is_country(value[cut + 1 :]):
        value = value[:cut].rstrip(" ,")
    return start + len(value)


def _address_word(word: str) -> bool:
    """A lower-case word that may stand in an address: a street name's small word, a street word ("rue", "unnamed road"),
    or a word of four letters or more that is no English word ("küç", "calle"); not "if", "by", "since" or "u"."""
    return word in _LINKS or _STREET_WORD.fullmatch(word) is not None or (len(word) >= 4 and not is_english_word(word))


def _prose(line: str) -> bool:
    """A line of prose after an address ("Please update your records."): two ordinary lower-case English words or more
    and no street word ("unnamed road" is a street)."""
    words = [w for w in re.findall(r"[^\W\d_]+", line) if w.islower() and len(w) >= 3]
    return sum(is_english_word(w) for w in words) >= 2 and not any(_STREET_WORD.fullmatch(w) for w in words)


def _line_end(text: str, pos: int) -> int:
    end = text.find("\n", pos)
    return len(text) if end == -1 else end


def _cut(text: str, start: int, end: int) -> tuple[int, int]:
    """Up to a table separator; without surrounding spaces or a sentence's final full stop (an abbreviation keeps its own)."""
    stop = STOP.search(text, start, end)
    end = stop.start() if stop else end
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or (text[end - 1] == "." and not keeps_full_stop(text, start, end))):
        end -= 1
    return start, end
