"""Street addresses in international shapes (UK shapes stay with ``address.StreetAddressRecognizer``).

- the house number before or after the street: "590 Edington Drive", "Rua do Arenque 1634",
  "376 Rákóczi út 13.", "Hauptstraße 5", "ul. Długa 5/7", "5 rue de la Paix";
- street words in the common European languages, before the name (rua, calle, via, strada,
  ulica/ul., rue, avenida, ...) or after it, alone or joined (straße/str., gasse, weg, gatan,
  vej/gade, straat, út/utca, iela, gatvė, ...);
- flat, apartment, suite, unit and PO box, and a following town with a foreign postcode
  ("Suite 104 Veszprém", ", Goiânia", "Toronto, ON M4C 1A1", "00-950 Warszawa").

A street needs a house number, or an address word before it ("lives at", "address", "Adresse").
"""

from __future__ import annotations

import re
from typing import Any

from presidio_analyzer import EntityRecognizer, RecognizerResult

from redactor.detect.recognizers.address import _INSTITUTION
from redactor.detect.recognizers.base import result
from redactor.detect.recognizers.letters import LOWER, NAME_WORD, UPPER

BEFORE = (
    r"rua|avenida|av\.|travessa|praça|calle|c/|carrer|avinguda|paseo|plaza|camino|via|viale|piazza|corso|vicolo|largo|strada|"
    r"str\.|bulevardul|bd\.|calea|aleea|ulica|ul\.|aleja|al\.|plac|pl\.|osiedle|os\.|rue|boulevard|bd|avenue|av|place|chemin|allée|"
    r"impasse|quai|ulitsa|ul|prospekt|rruga|odos|leoforos|cesta|ulice|gatvė|iela"
)
AFTER_WORD = (
    r"street|st\.?|road|rd\.?|avenue|ave\.?|drive|dr\.?|boulevard|blvd\.?|lane|ln\.?|way|court|ct\.?|place|pl\.?|terrace|crescent|"
    r"close|parkway|pkwy|highway|hwy|circle|trail|út|utca|u\.|körút|krt\.|tér|sor|iela|gatvė|g\.|ulice|třída|náměstí|nám\.|cesta|"
    r"straße|strasse|str\.|gasse|weg|allee|platz|damm|ring|gatan|vägen|gata|väg|gade|vej|allé|straat|laan|plein|gracht|kade|"
    r"sokak|sokağı|caddesi|cad\.|bulvarı|mahallesi|mah\.|katu|tie"
)
JOINED = r"(?:straße|strasse|str\.|gasse|weg|allee|platz|damm|gatan|vägen|gade|vej|straat|laan|plein|gracht|katu|tie)"
LINK = r"(?:do|da|dos|das|de|del|della|di|la|le|les|du|des|von|van|der|den|y|e|i|al|el|lui|\d{1,2}(?:-?(?:go|ego|ma|th|st|nd|rd))?)"
WORD = rf"(?:{NAME_WORD}|{UPPER}\.)"
NAME = rf"{NAME_WORD}(?:[ ](?:{LINK}[ ]){{0,2}}{WORD}){{0,3}}"
HOUSE = r"\d{1,5}[A-Za-z]?(?:[/-]\d{1,4}[A-Za-z]?)?\.?"
STREET = (
    rf"(?:(?i:{BEFORE})[ ](?:{LINK}[ ]){{0,2}}{NAME}"  # Rua do Arenque, ul. Długa
    rf"|{NAME}[ ](?i:{AFTER_WORD})(?!{LOWER})"  # Edington Drive, Rákóczi út
    rf"|{UPPER}{LOWER}*{JOINED}(?!{LOWER}))"  # Hauptstraße, Kungsgatan
)
UNIT = r"(?:(?:Flat|Apartment|Apt|Suite|Ste|Unit|Room|Floor|Fl|m|lok|Wohnung|Whg|Piso|Bloc|Sc|Et|Ap)\.?[ ]?(?:No\.?[ ]?)?\d{1,4}[A-Za-z]?)"
POSTCODE = (
    r"(?:\d{2}-\d{3}|\d{5}-\d{3}|\d{5}(?:-\d{4})?|\d{4}(?:[ ]?[A-Z]{2})?|\d{3}[ ]\d{2}|[A-Z]\d[A-Z][ ]?\d[A-Z]\d"
    r"|(?:[A-Z]{1,2}-)\d{4,5}|[A-Z]{2}[ ]\d{5})"
)
TOWN = rf"{NAME_WORD}(?:[ -]{NAME_WORD}){{0,2}}"
REST = rf"(?:[,.]?[ ](?:{UNIT}|{POSTCODE}|{TOWN}|[A-Z]{{2}}(?![A-Za-z])))"  # unit, postcode, town, state (ON, NY)
ADDRESS_WORDS = re.compile(r"(?i)(?:address|adres|adresse|dirección|direccion|indirizzo|endereço|lives|living|live|stays|moved to|at)\W*$")


class WorldAddressRecognizer(EntityRecognizer):
    FULL, CONTEXT = 0.7, 0.6

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(supported_entities=["STREET_ADDRESS"], name="WorldAddressRecognizer", supported_language=supported_language)

    def load(self) -> None:
        self._street = re.compile(
            rf"(?<![\w£$€])(?:(?:{UNIT}|{POSTCODE}),?[ ])?(?P<pre>{HOUSE},?[ ])?(?P<street>{STREET})(?P<post>,?[ ]{HOUSE})?(?:{REST}){{0,4}}(?![\w])"
        )
        self._po_box = re.compile(r"(?i)\b(?:P\.?O\.?|post[ ]office)[ ]?Box[ ]\d{1,6}(?:,?[ ]" + TOWN + r")?")

    def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None) -> list[RecognizerResult]:
        if "STREET_ADDRESS" not in entities:
            return []
        if not hasattr(self, "_street"):
            self.load()
        out = []
        for m in self._street.finditer(text):
            numbered = m.group("pre") or m.group("post")
            if _INSTITUTION.search(m.group("street")):
                continue  # "Leeds Crown Court": nobody's address
            if not numbered and not ADDRESS_WORDS.search(text[max(0, m.start() - 24) : m.start()]):
                continue
            start, end = m.start(), _trim(text, m.start(), m.end())
            rule = "street and house number" if numbered else "street after an address word"
            out.append(
                result(self, "STREET_ADDRESS", start, end, self.FULL if numbered else self.CONTEXT, rule, f"street address ({rule})")
            )
        for m in self._po_box.finditer(text):
            out.append(result(self, "STREET_ADDRESS", m.start(), m.end(), self.FULL, "PO box", "street address (PO box)"))
        return out


_TAIL = re.compile(r"[,.]?[ ](?:I|We|He|She|They|It|The|This|That|And|But|On|At|In|My|His|Her|Our|Their|With|When|Then|For|From|To)$")


def _trim(text: str, start: int, end: int) -> int:
    """Drop trailing words that start the next clause rather than name the town."""
    while (m := _TAIL.search(text, start, end)) is not None and m.end() == end:
        end = m.start()
    return end
