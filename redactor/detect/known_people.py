"""Flag every mention of someone the case knows.

People come from the device's address book, chat participants and e-mail
correspondents (extractors yield ``Person`` records) and from the case roster. Names
match case-insensitively on word boundaries, so "ask sophie" is caught although the
spaCy model misses lower-case names; a name part that is also a common English word
("Will", "May", "Witness") must be capitalised to count, and a heading in capitals ("WITNESS") is not a match. Phone numbers match in any written form
(spaces, dashes, brackets, +44, 0044 or national 0).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from presidio_analyzer import AnalysisExplanation, EntityRecognizer, RecognizerResult

from redactor.detect.normalize import normalise
from redactor.detect.people_index import ORDINARY_NAMES, PeopleIndex
from redactor.detect.phone_variants import phone_variants
from redactor.people_table import PeopleTable
from redactor.records import Person

NAME_SCORE = 0.85
CONTACT_SCORE = 0.95
SEP = r"[\s\-().]{0,2}"

try:
    from spacy.lang.en.stop_words import STOP_WORDS
except ImportError:  # pragma: no cover
    STOP_WORDS = set()

COMMON_WORDS = {w.lower() for w in STOP_WORDS} | ORDINARY_NAMES  # the same as people_index.common_words()


def phone_variants_all(phones: Iterable[str]) -> list[str]:
    return sorted({v for p in phones for v in phone_variants(p)})


_LONGEST = 40  # digits: a sub-run longer than this is no phone number (a number inside a longer run still is)
_RUN = re.compile(r"(?<!\d)\+?\d(?:" + SEP + r"\d)*(?!\d)")


def _digit_runs(text: str) -> Iterable[tuple[int, int, str]]:
    """Every way of reading a written number: for each run of digits (with the separators a phone
    number is written with), each sub-run starting and ending on a digit, as (start, end, digits).

    One pass over the text and a set look-up per sub-run, however many phones the case knows."""
    for m in _RUN.finditer(text):
        positions = [m.start() + i for i, c in enumerate(m.group(0)) if c.isdigit()]
        digits = "".join(text[i] for i in positions)
        for i in range(len(positions)):
            if i and positions[i] - positions[i - 1] == 1:
                continue  # a sub-run must start at the first digit of a written group
            start = positions[i] - 1 if i == 0 and m.group(0).startswith("+") else positions[i]
            for j in range(i + 6, min(len(positions), i + _LONGEST)):  # a longer block (a hash, a dump) is no phone
                if j + 1 < len(positions) and positions[j + 1] - positions[j] == 1:
                    continue  # and end at the last digit of a group
                opened = start > 0 and text[start - 1] == "(" and ")" in text[start : positions[j]]
                yield start - opened, positions[j] + 1, digits[i : j + 1]


def _in_heading(text: str, start: int, end: int) -> bool:
    """The match stands in a line with no lower-case letter: a heading or a label, not a sentence."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start : line_end if line_end != -1 else len(text)]
    return not any(c.islower() for c in line)


class KnownPeopleRecognizer(EntityRecognizer):
    """Ad-hoc recognizer built from the people a case knows.

    Its look-ups (``people_index.py``) cost the same per text for ten people or a million: the text is cut
    at its word boundaries once and its pieces are looked up in tables, never one pattern per person."""

    def __init__(
        self, people: Sequence[Person], supported_language: str = "en", addresses: Mapping[str, Sequence[str]] | None = None
    ) -> None:
        self.people = people if isinstance(people, PeopleTable) else tuple(people)
        self.addresses = {k: tuple(v) for k, v in (addresses or {}).items()}  # person id -> addresses (the roster's)
        super().__init__(
            supported_entities=["PERSON", "PHONE_NUMBER", "EMAIL_ADDRESS", "STREET_ADDRESS"],
            name="KnownPeopleRecognizer",
            supported_language=supported_language,
        )

    def load(self) -> None:
        self._index = PeopleIndex(self.people)
        self._addresses: list[tuple[re.Pattern[str], str, Person]] = []  # the roster's: a few patterns, not one per person
        by_id = {p.person_id: p for p in self.people if p.person_id in self.addresses} if self.addresses else {}
        for person_id, addresses in self.addresses.items():
            person = by_id.get(person_id)
            for address in addresses if person is not None else ():
                why = _why("known address", person)
                self._addresses += [(term, why, person) for term in address_terms(normalise(address).text)]

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        if not hasattr(self, "_index"):
            self.load()
        index, results = self._index, []
        if "PERSON" in entities:
            for start, end, i, needs_capital in index.find_names(text):
                found = text[start:end]
                if needs_capital and (not found[0].isupper() or (found.isupper() and _in_heading(text, start, end))):
                    continue  # "witness" or the heading "WITNESS STATEMENT" is not "Alex Witness"
                results.append(self._result("PERSON", start, end, NAME_SCORE, _why("known person", self.people[i]), self.people[i]))
        if len(index.phones) and "PHONE_NUMBER" in entities:
            for start, end, i in index.find_phones(_digit_runs(text)):
                results.append(
                    self._result("PHONE_NUMBER", start, end, CONTACT_SCORE, _why("known contact detail", self.people[i]), self.people[i])
                )
        if "STREET_ADDRESS" in entities:
            for pattern, why, person in self._addresses:
                results += [self._result("STREET_ADDRESS", m.start(), m.end(), CONTACT_SCORE, why, person) for m in pattern.finditer(text)]
        if "EMAIL_ADDRESS" in entities:
            for start, end, i in index.find_emails(text):
                results.append(
                    self._result("EMAIL_ADDRESS", start, end, CONTACT_SCORE, _why("known contact detail", self.people[i]), self.people[i])
                )
        return results

    def _result(self, entity: str, start: int, end: int, score: float, why: str, person: Person) -> RecognizerResult:
        explanation = AnalysisExplanation(recognizer=self.name, original_score=score, textual_explanation=why)
        return RecognizerResult(
            entity,
            start,
            end,
            score,
            analysis_explanation=explanation,
            recognition_metadata={
                RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                "person_id": person.person_id,
                "role": person.role,
            },
        )


def _why(what: str, person: Person) -> str:
    return f"{what} ({person.role}, from {person.origin or 'the case'})"


def known_people_recognizers(people: Iterable[Person], addresses: Mapping[str, Sequence[str]] | None = None) -> list[EntityRecognizer]:
    people = people if isinstance(people, PeopleTable) else tuple(people)
    return [KnownPeopleRecognizer(people, addresses=addresses)] if len(people) else []


def address_terms(address: str) -> list[re.Pattern[str]]:
    """A known address as written in full, each comma-separated part with a number in it
    ("14 Larkspur Close", "Wakefield WF2 8QT") and its postcode, in any case and spacing."""
    parts = [address, *(p for p in address.split(",") if any(c.isdigit() for c in p))]
    parts += re.findall(r"\b[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}\b", address, re.IGNORECASE)  # the postcode on its own
    out = []
    for part in dict.fromkeys(p.strip() for p in parts):
        tokens = re.findall(r"\w+", part)
        if tokens and len("".join(tokens)) >= 4:
            out.append(re.compile(r"(?<!\w)" + r"[\s,.]*".join(re.escape(t) for t in tokens) + r"(?!\w)", re.IGNORECASE))
    return out


def people_from_json(raw: object) -> list[Person]:
    """People given as JSON objects (the ``detect`` command's optional ``people`` list); malformed entries are skipped."""
    out: list[Person] = []
    for n, entry in enumerate(raw if isinstance(raw, list) else []):
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str) or not entry["name"].strip():
            continue

        out.append(
            Person(
                f"adhoc-{n}",
                entry["name"],
                _strings(entry, "aliases"),
                _strings(entry, "phones"),
                _strings(entry, "emails"),
                str(entry.get("role") or "unknown"),
                "input",
            )
        )
    return out


def _strings(entry: dict, key: str) -> tuple[str, ...]:
    value = entry.get(key) or []
    return tuple(str(v) for v in value if isinstance(v, (str, int))) if isinstance(value, list) else ()
