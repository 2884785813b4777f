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

from redactor.detect.name_lists import given_names_raw, is_english_word
from redactor.detect.normalize import normalise
from redactor.detect.phone_variants import phone_variants
from redactor.records import Person

NAME_SCORE = 0.85
CONTACT_SCORE = 0.95
MIN_PART = 3
SEP = r"[\s\-().]{0,2}"

try:
    from spacy.lang.en.stop_words import STOP_WORDS
except ImportError:  # pragma: no cover
    STOP_WORDS = set()

COMMON_WORDS = {w.lower() for w in STOP_WORDS} | {
    "will",
    "may",
    "mark",
    "rose",
    "grace",
    "hope",
    "joy",
    "faith",
    "bill",
    "pat",
    "sue",
    "bob",
    "ray",
    "dawn",
    "summer",
    "april",
    "june",
    "august",
    "amber",
    "ruby",
    "jack",
    "rob",
    "art",
    "guy",
    "frank",
    "earl",
    "miles",
    "chase",
    "hunter",
    "mum",
    "dad",
    "nan",
    "home",
    "work",
    "love",
    "babe",
    "bro",
    "sis",
    "the",
    "and",
}


def phone_variants_all(phones: Iterable[str]) -> list[str]:
    return sorted({v for p in phones for v in phone_variants(p)})


_RUN = re.compile(r"(?<!\d)\+?\d(?:" + SEP + r"\d)*(?!\d)")


def _digit_runs(text: str) -> Iterable[tuple[int, int, str]]:
    """Every way of reading a written number: for each run of digits (with the separators a phone
    number is written with), each sub-run starting and ending on a digit, as (start, end, digits).

    One pass over the text and a set look-up per sub-run, however many phones the case knows."""
    for m in _RUN.finditer(text):
        positions = [m.start() + i for i, c in enumerate(m.group(0)) if c.isdigit()]
        digits = "".join(text[i] for i in positions)
        if len(positions) > 40:  # a long digit block (a hash, a dump) is no phone number
            continue
        for i in range(len(positions)):
            if i and positions[i] - positions[i - 1] == 1:
                continue  # a sub-run must start at the first digit of a written group
            start = positions[i] - 1 if i == 0 and m.group(0).startswith("+") else positions[i]
            for j in range(i + 6, len(positions)):
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
    """Ad-hoc recognizer built from the people a case knows."""

    def __init__(
        self, people: Sequence[Person], supported_language: str = "en", addresses: Mapping[str, Sequence[str]] | None = None
    ) -> None:
        self.people = tuple(people)
        self.addresses = {k: tuple(v) for k, v in (addresses or {}).items()}  # person id -> addresses (the roster's)
        super().__init__(
            supported_entities=["PERSON", "PHONE_NUMBER", "EMAIL_ADDRESS", "STREET_ADDRESS"],
            name="KnownPeopleRecognizer",
            supported_language=supported_language,
        )

    def load(self) -> None:
        names: dict[str, tuple[str, bool, Person]] = {}  # lowered term -> (why, needs a capital, person)
        for person in self.people:
            why = f"known person ({person.role}, from {person.origin or 'the case'})"
            name = " ".join(normalise(person.name).text.split())  # an address book's names carry marks too
            terms = [name, *(" ".join(normalise(a).text.split()) for a in person.aliases)]
            parts = [part.strip(".,'\"()") for part in name.split()]
            terms += parts  # first name, surname; aliases only whole
            given = parts[0] if len(parts) > 1 and parts[0].capitalize() in given_names_raw() else None
            for term in terms:
                if not term or not any(c.isalpha() for c in term):
                    continue
                short = len(term) < MIN_PART  # "Jo", "Al": only capitalised
                if len(term) < 2 and term not in person.aliases:
                    continue
                # A known person's given name ("holly", "jasmine") counts in lower case although it is also an
                # English word; a surname that is a word ("Witness") or a very common word ("will") needs a capital.
                worded = " " not in term and is_english_word(term) and term not in person.aliases and term != given
                ordinary = term.lower() in COMMON_WORDS or worded
                names.setdefault(term.lower(), (why, short or ordinary, person))
        self._names = names
        terms = sorted(names, key=len, reverse=True)
        self._name_re = re.compile(r"(?<!\w)(" + "|".join(re.escape(t) for t in terms) + r")(?!\w)", re.IGNORECASE) if terms else None
        self._contacts: list[tuple[re.Pattern[str], str, str, Person]] = []
        self._phones: dict[str, tuple[str, Person]] = {}  # digit string -> (why, person)
        by_id = {p.person_id: p for p in self.people}
        for person_id, addresses in self.addresses.items():
            person = by_id.get(person_id)
            for address in addresses if person is not None else ():
                why = f"known address ({person.role}, from {person.origin or 'the case'})"
                for term in address_terms(normalise(address).text):
                    self._contacts.append((term, "STREET_ADDRESS", why, person))
        for person in self.people:
            why = f"known contact detail ({person.role}, from {person.origin or 'the case'})"
            for digits in phone_variants_all(normalise(p).text for p in person.phones):
                self._phones.setdefault(digits, (why, person))
            for email in (normalise(e).text.strip() for e in person.emails):
                if "@" in email:
                    self._contacts.append(
                        (re.compile(r"(?<![\w.+-])" + re.escape(email) + r"(?![\w-])", re.IGNORECASE), "EMAIL_ADDRESS", why, person)
                    )

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        if not hasattr(self, "_names"):
            self.load()
        results: list[RecognizerResult] = []
        if self._name_re is not None and "PERSON" in entities:
            for m in self._name_re.finditer(text):
                why, needs_capital, person = self._names[m.group(0).lower()]
                if needs_capital and (not m.group(0)[0].isupper() or (m.group(0).isupper() and _in_heading(text, m.start(), m.end()))):
                    continue  # "witness" or the heading "WITNESS STATEMENT" is not "Alex Witness"
                results.append(self._result("PERSON", m.start(), m.end(), NAME_SCORE, why, person))
        if self._phones and "PHONE_NUMBER" in entities:
            for start, end, digits in _digit_runs(text):
                why, person = self._phones[digits] if digits in self._phones else ("", None)
                if person is not None:
                    results.append(self._result("PHONE_NUMBER", start, end, CONTACT_SCORE, why, person))
        for pattern, entity, why, person in self._contacts:
            if entity in entities:
                results += [self._result(entity, m.start(), m.end(), CONTACT_SCORE, why, person) for m in pattern.finditer(text)]
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


def known_people_recognizers(people: Iterable[Person], addresses: Mapping[str, Sequence[str]] | None = None) -> list[EntityRecognizer]:
    people = tuple(people)
    return [KnownPeopleRecognizer(people, addresses=addresses)] if people else []


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
