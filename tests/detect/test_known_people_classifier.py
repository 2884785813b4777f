"""The policy's classifier finds the same person for every text with its compact tables (issue 10) as with
dicts of every name, phone and e-mail (the classifier before, kept here as the reference); roster entries
still win over the address book's."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from hypothesis import given, settings
from hypothesis import strategies as st

from redactor.decide.classify import Classifier, Party, _norm, _strip_title
from redactor.detect.phone_variants import phone_variants
from redactor.entities import CATEGORIES
from redactor.people_table import PeopleTable
from redactor.records import Person
from tests.detect.test_known_people_same import MAILS, NUMBERS, WORDS, _written, people, texts


class LegacyClassifier(Classifier):
    """The classifier before issue 10: dicts of every key to its ``Person``."""

    def __init__(self, people: Iterable[Person], addresses: Mapping[str, Sequence[str]] | None = None) -> None:
        people = sorted(people, key=lambda p: p.origin != "roster")  # roster entries win over device entries
        self._names: dict[str, Person] = {}
        self._phones: dict[str, Person] = {}
        self._emails: dict[str, Person] = {}
        for person in people:
            terms = [person.name, *person.aliases, *person.name.split()]
            for term in terms:
                if len(term.strip()) >= 2:
                    self._names.setdefault(_norm(term), person)
            for phone in person.phones:
                for variant in phone_variants(phone):
                    self._phones.setdefault(variant, person)
            for email in person.emails:
                self._emails.setdefault(email.strip().lower(), person)
        by_id = {p.person_id: p for p in people}
        self._addresses = [(_norm(a), by_id[pid]) for pid, items in (addresses or {}).items() if pid in by_id for a in items]
        self._seen: dict[tuple[str, str], Party] = {}  # (entity, text) -> party: a download repeats its names and numbers

    def person_for(self, entity: str, text: str) -> Person | None:
        category = CATEGORIES.get(entity)
        if category == "name":
            return self._names.get(_norm(_strip_title(text)))
        if entity == "PHONE_NUMBER":
            digits = re.sub(r"\D", "", text)
            return self._phones.get(digits) or next((self._phones[v] for v in phone_variants(text) if v in self._phones), None)
        if entity == "EMAIL_ADDRESS":
            return self._emails.get(text.strip().lower())
        if category == "address":
            norm = _norm(text)
            return next((p for a, p in self._addresses if norm and (norm in a or a in norm)), None)
        return None


ENTITIES = ["PERSON", "PHONE_NUMBER", "EMAIL_ADDRESS", "STREET_ADDRESS"]


@st.composite
def case_people(draw):
    found = draw(people())
    return [p if draw(st.booleans()) else Person(p.person_id + "r", p.name, p.aliases, p.phones, p.emails, p.role, "roster") for p in found]


@st.composite
def values(draw):
    kind = draw(st.integers(0, 3))
    if kind == 0:
        return "PERSON", draw(st.sampled_from(["", "Mr ", "DS "])) + " ".join(
            draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=3))
        )
    if kind == 1:
        return "PHONE_NUMBER", _written(draw(st.sampled_from(NUMBERS)), draw(st.integers(0, 7)))
    if kind == 2:
        return "EMAIL_ADDRESS", draw(st.sampled_from(MAILS)).upper() if draw(st.booleans()) else draw(st.sampled_from(MAILS))
    return draw(st.sampled_from(ENTITIES)), draw(texts())


@settings(max_examples=300, deadline=None)
@given(case_people(), st.lists(values(), min_size=1, max_size=8), st.booleans())
def test_the_tables_find_the_person_the_dicts_found(found, asked, addressed):
    addresses = {found[0].person_id: ["14 Larkspur Close, Wakefield WF2 8QT"]} if addressed else None
    old, new = LegacyClassifier(found, addresses), Classifier(PeopleTable.of(found), addresses)
    plain = Classifier(found, addresses)
    for entity, text in asked:
        expected = old.person_for(entity, text)
        assert new.person_for(entity, text) == expected
        assert plain.person_for(entity, text) == expected
        assert new.classify(entity, text) == old.classify(entity, text)
