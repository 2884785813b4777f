"""Addresses under a label: whatever a form, a table row or a heading says the address is.

"Address: 12 Αγάπης, Θήβα", "Street address | Syslia ulica 803", "Adresse : ...", or a heading
("Delivery address", "Home address:") with the address on the lines under it. The value is
taken as written, in any script and any country's order, so no street word, house-number place
or postcode shape is needed: the label says what it is. It runs to the end of its line (or to a
table separator ``|``/``;``); under a heading, up to four lines, stopping at a blank line or at the
next label ("Contact: ...", "Phone | ...").

A value must look like one: letters, and a digit or a capital ("same as above" is not flagged).
"""

from __future__ import annotations

import re
from typing import Any

from presidio_analyzer import EntityRecognizer, RecognizerResult

from redactor.detect.recognizers.base import result
from redactor.detect.recognizers.street_words import keeps_full_stop

KINDS = (
    r"home|street|postal|post|delivery|billing|shipping|mailing|correspondence|current|previous|new|old|permanent|registered|residential"
)
WORDS = (
    r"address(?:es)?|adres|adresse|adresa|adresas|adrese|anschrift|wohnadresse|dirección|direccion|domicilio|indirizzo|endereço|"
    r"morada|cím|lakcím|osoite|adress|адрес|адреса|адреса проживання|διεύθυνση"
)
LABEL = re.compile(
    rf"(?im)(?:^|(?<=[|;])|(?<=\t))[ \t]*(?:(?:{KINDS})[ ])?(?:{WORDS})(?:[ ](?:line[ ]?\d|of[ ]residence))?"
    r"[ \t]*(?P<sep>[:|\-–][ \t]*|[ \t]*(?=\r?\n))"
)
NEXT_LABEL = re.compile(r"^[ \t]*[^\W\d][\w .'’/-]{0,30}?[ \t]*(?::|\|)(?:\s|$)")
VALUE = re.compile(r"[^\W\d_]{2}")
STOP = re.compile(r"[ \t]*(?:\||;|\t)")
MAX_LINES = 4


class AddressLabelRecognizer(EntityRecognizer):
    SCORE = 0.6

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(supported_entities=["STREET_ADDRESS"], name="AddressLabelRecognizer", supported_language=supported_language)

    def load(self) -> None:
        pass

    def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None) -> list[RecognizerResult]:
        if "STREET_ADDRESS" not in entities:
            return []
        out = []
        for m in LABEL.finditer(text):
            for start, end in _value(text, m.end()):
                value = text[start:end]
                if VALUE.search(value) and any(c.isdigit() or c.isupper() for c in value):
                    out.append(result(self, "STREET_ADDRESS", start, end, self.SCORE, "labelled address", "street address (after a label)"))
        return out


def _value(text: str, pos: int) -> list[tuple[int, int]]:
    """The value's pieces (one per line) after a label ending at ``pos``."""
    line_end = _line_end(text, pos)
    if text[pos:line_end].strip():
        return [_cut(text, pos, line_end)]
    pieces = []
    start = line_end + 1
    for _ in range(MAX_LINES):
        if start >= len(text):
            break
        end = _line_end(text, start)
        line = text[start:end]
        if not line.strip() or NEXT_LABEL.match(line):
            break
        pieces.append(_cut(text, start, end))
        start = end + 1
    return pieces


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
