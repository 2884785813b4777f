"""The look-up tables find exactly what the recognizer's patterns found: one pattern of every name term,
a dict of phone variants and one pattern per e-mail (the recognizer before issue 10's volume work, kept here as
the reference). Generated people and texts: marks, punctuation in names (O'Brien, Mary-Jane), aliases, lower
case, headings, names inside names, phones in every written form, e-mails beside punctuation."""

from __future__ import annotations

import re
import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from presidio_analyzer import RecognizerResult

from redactor.detect.known_people import (
    COMMON_WORDS,
    CONTACT_SCORE,
    NAME_SCORE,
    KnownPeopleRecognizer,
    _digit_runs,
    address_terms,
    counts,
    phone_variants_all,
    written_out,
)
from redactor.detect.name_lists import given_names_raw, is_english_word
from redactor.detect.normalize import normalise
from redactor.people_table import PeopleTable
from redactor.records import Person

MIN_PART = 3
ENTITIES = ["PERSON", "PHONE_NUMBER", "EMAIL_ADDRESS", "STREET_ADDRESS"]


class LegacyRecognizer(KnownPeopleRecognizer):
    """The recognizer as it was before the look-up tables: one pattern of every name, one per e-mail."""

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
            found = [(m, *self._names[m.group(0).lower()]) for m in self._name_re.finditer(text)]
            written = written_out(text, [(m.start(), m.end(), id(person), capital) for m, _, capital, person in found])
            for m, why, needs_capital, person in found:
                if needs_capital and not counts(text, m.start(), m.end(), id(person) in written):
                    continue  # "witness" or the heading "WITNESS STATEMENT" is not "Alex Witness"; "I hope so" is not Hope
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


def spans(recognizer, text):
    return [
        (r.entity_type, r.start, r.end, r.score, r.recognition_metadata["person_id"], r.recognition_metadata["role"],
         r.analysis_explanation.textual_explanation)
        for r in recognizer.analyze(text, ENTITIES)
    ]  # fmt: skip


WORDS = ["Sophie", "Turner", "O'Brien", "Mary-Jane", "Will", "May", "Jo", "Al", "Zoë", "José", "Witness", "Rose", "Holly",
         "J.R.", "Smith", "Big", "J", "Ann", "Anne", "Annette", "Lee", "Leigh", "de", "la", "Cruz", "Mark", "Dawn", "Ng", "X"]  # fmt: skip
FILLER = ["the", "ask", "will", "witness", "statement", "mark", "call", "and", "ok", "lol", "x", "Sam", "7", "WF2 8QT"]
SEPS = [" ", " ", " ", "  ", ", ", ". ", "'s ", "-", "\n", "(", ") ", "@", ".", "_", ": ", "!"]
NUMBERS = ["07700 900123", "+44 7700 900123", "447700900456", "0113 496 0000", "020 7946 0123", "7700900789", "0044 7700 900999"]
MAILS = ["sophie.t@example.net", "o'brien@x.org", "j-r@x.co.uk", "A.B@EXAMPLE.COM", "b@x.com", "b@x.com.uk", "mj+1@x.org"]
ADDRESS = "14 Larkspur Close, Wakefield WF2 8QT"


def _cased(word: str, how: int) -> str:
    return [word, word.lower(), word.upper(), word.title()][how]


def _written(number: str, how: int) -> str:
    digits = re.sub(r"\D", "", number)
    national = "0" + digits[2:] if digits.startswith("44") else digits
    forms = [number, digits, national, f"({national[:5]}) {national[5:]}", "-".join([national[:5], national[5:8], national[8:]]),
             "+44 " + national[1:], "0044" + national[1:], national[:5] + " " + national[5:]]  # fmt: skip
    return forms[how % len(forms)]


words = st.sampled_from(WORDS)
person_ids = st.sampled_from([f"p{i}" for i in range(8)])


@st.composite
def people(draw):
    out = []
    for _ in range(draw(st.integers(1, 6))):
        name = " ".join(draw(st.lists(words, min_size=1, max_size=3)))
        aliases = tuple(" ".join(draw(st.lists(words, min_size=1, max_size=2))).lower() if draw(st.booleans()) else draw(words)
                        for _ in range(draw(st.integers(0, 2))))  # fmt: skip
        phones = tuple(draw(st.lists(st.sampled_from(NUMBERS), max_size=2)))
        emails = tuple(draw(st.lists(st.sampled_from(MAILS), max_size=2)))
        role = draw(st.sampled_from(["witness", "unknown", "complainant"]))
        origin = draw(st.sampled_from(["roster", "S1 contacts", ""]))
        out.append(Person(draw(person_ids), name, aliases, phones, emails, role, origin))
    return out


@st.composite
def texts(draw):
    parts = []
    for _ in range(draw(st.integers(1, 14))):
        kind = draw(st.integers(0, 4))
        if kind == 0:
            parts.append(_cased(draw(words), draw(st.integers(0, 3))))
        elif kind == 1:
            parts.append(draw(st.sampled_from(FILLER)))
        elif kind == 2:
            parts.append(_written(draw(st.sampled_from(NUMBERS)), draw(st.integers(0, 7))))
        elif kind == 3:
            parts.append(_cased(draw(st.sampled_from(MAILS)), draw(st.integers(0, 1))))
        else:
            parts.append(draw(st.text(alphabet=string.ascii_letters + string.digits + " .,'-@\n()_+", max_size=6)))
        parts.append(draw(st.sampled_from(SEPS)))
    return "".join(parts[: -1 if draw(st.booleans()) else None])


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(people(), st.lists(texts(), min_size=1, max_size=4), st.booleans())
def test_the_tables_find_what_the_patterns_found(found_people, written, roster):
    addresses = {found_people[0].person_id: [ADDRESS]} if roster else None
    old = LegacyRecognizer(found_people, addresses=addresses)
    new = KnownPeopleRecognizer(found_people, addresses=addresses)
    compact = KnownPeopleRecognizer(PeopleTable.of(found_people), addresses=addresses)
    for text in written:
        expected = spans(old, text)
        assert spans(new, text) == expected
        assert spans(compact, text) == expected


@settings(max_examples=150, deadline=None)
@given(st.lists(texts(), min_size=1, max_size=3))
def test_a_name_is_found_when_written_whole_in_any_case(written):
    person = Person("p1", "Mary-Jane O'Brien", ("Big J",), ("07700 900123",), ("mj+1@x.org",), "witness", "roster")
    old, new = LegacyRecognizer([person]), KnownPeopleRecognizer([person])
    for text in written:
        text = f"{text} mary-jane o'brien, MJ+1@X.ORG (07700) 900123 {text}"
        assert spans(new, text) == spans(old, text)
        assert {e for e, *_ in spans(new, text)} >= {"PERSON", "EMAIL_ADDRESS", "PHONE_NUMBER"}
