"""Whose data is a finding? A case party (with role), a third party, or unknown.

- A finding whose text is a roster person's name, alias, name part, phone, e-mail or address
  belongs to that party (complainant, suspect, witness, officer, other).
- A finding that is a known person's detail from the device (address book, chat
  participants) who is not on the roster belongs to a third party; the device owner's own
  details are classified ``device_owner`` unless the roster names them.
- A name after a police rank ("DS Khan") that is not on the roster is an officer's.
- Any other person name is a third party's; any other identifier is ``unknown``.

Only ids and roles are kept in the flag's explanation, never the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from redactor.detect.people_index import CHUNK, Keys
from redactor.detect.phone_variants import phone_variants
from redactor.entities import CATEGORIES
from redactor.records import Person

PARTY_ROLES = ("complainant", "suspect", "witness", "officer", "other")
THIRD_PARTY = "third_party"
UNKNOWN = "unknown"
DEVICE_OWNER = "device_owner"
SEEN_LIMIT = 100_000  # answers kept per classifier


@dataclass(frozen=True, slots=True)
class Party:
    role: str  # a PARTY_ROLES value, device_owner, third_party or unknown
    person_id: str | None = None


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^\w@.+ ]", " ", text.lower()).split())


def _keys(person: Person) -> tuple[set[str], set[str], set[str]]:
    """The keys ``person`` is found under: name terms, phone digit strings, e-mail addresses."""
    names = {_norm(term) for term in (person.name, *person.aliases, *person.name.split()) if len(term.strip()) >= 2}
    phones = {variant for phone in person.phones for variant in phone_variants(phone)}
    return names, phones, {email.strip().lower() for email in person.emails}


class Classifier:
    """Built once per run from the people the case knows and the roster's addresses.

    The people stay where they are (the snapshot's compact ``PeopleTable``): the look-up tables hold hashes of
    their keys and their indexes (``detect/people_index.py``), a hit checked against the person's own keys, so a
    million-card address book costs tens of megabytes here, not a gigabyte of records in dicts."""

    def __init__(self, people: Iterable[Person], addresses: Mapping[str, Sequence[str]] | None = None) -> None:
        people = people if isinstance(people, Sequence) else tuple(people)
        self._people = people
        roster, others = (Keys(), Keys(), Keys()), (Keys(), Keys(), Keys())  # roster entries win over device entries
        addressed: tuple[list[Person], list[Person]] = ([], [])  # the roster's, then the others' with an address
        for at in range(0, len(people), CHUNK):
            batch = people[at : at + CHUNK]
            for keys, own in ((roster, True), (others, False)):
                found: tuple[list[tuple[int, str]], ...] = ([], [], [])
                for i, person in enumerate(batch, at):
                    if (person.origin == "roster") == own:
                        for part, held in zip(found, _keys(person), strict=True):
                            part += ((i, key) for key in held)
                        if addresses and person.person_id in addresses:
                            addressed[not own].append(person)
                for gathered, part in zip(keys, found, strict=True):
                    gathered.add(part)
        self._tables = tuple(tuple(k.done() for k in keys) for keys in (roster, others))
        by_id = {p.person_id: p for p in addressed[0] + addressed[1]}
        self._addresses = [(_norm(a), by_id[pid]) for pid, items in (addresses or {}).items() if pid in by_id for a in items]
        self._seen: dict[tuple[str, str], Party] = {}  # (entity, text) -> party: a download repeats its names and numbers

    def _find(self, kind: int, key: str) -> Person | None:
        """The first person (roster first) found under ``key`` of ``kind`` (0: name, 1: phone, 2: e-mail)."""
        for tables in self._tables:
            for i in tables[kind].owners_of(key):
                person = self._people[i]
                if key in _keys(person)[kind]:
                    return person
        return None

    def person_for(self, entity: str, text: str) -> Person | None:
        category = CATEGORIES.get(entity)
        if category == "name":
            return self._find(0, _norm(_strip_title(text)))
        if entity == "PHONE_NUMBER":
            digits = re.sub(r"\D", "", text)
            return self._find(1, digits) or next((p for v in phone_variants(text) if (p := self._find(1, v)) is not None), None)
        if entity == "EMAIL_ADDRESS":
            return self._find(2, text.strip().lower())
        if category == "address":
            norm = _norm(text)
            return next((p for a, p in self._addresses if norm and (norm in a or a in norm)), None)
        return None

    def classify(self, entity: str, text: str) -> Party:
        """Whose data ``text``, found as ``entity``, is (the same answer for the same text, worked out once)."""
        key = (entity, text)
        party = self._seen.get(key)
        if party is None:
            if len(self._seen) >= SEEN_LIMIT:
                self._seen.clear()
            party = self._seen[key] = self._classify(entity, text)
        return party

    def _classify(self, entity: str, text: str) -> Party:
        person = self.person_for(entity, text)
        if person is not None:
            if person.role in PARTY_ROLES:
                return Party(person.role, person.person_id)
            if person.device_owner:
                return Party(DEVICE_OWNER, person.person_id)
            return Party(THIRD_PARTY, person.person_id)
        if CATEGORIES.get(entity) == "name":
            return Party("officer" if _RANK.match(text.strip()) else THIRD_PARTY)
        return Party(UNKNOWN)


_TITLE = re.compile(r"^(?:(?:Mr|Mrs|Ms|Miss|Mx|Dr|PC|DC|DS|DI|DCI|PS|Sgt|Insp|Supt|PCSO)\.?\s+(?:\d{2,6}\s+)?)", re.IGNORECASE)


_RANK = re.compile(
    r"^(?:PC|DC|DS|DI|DCI|DSI|DSU|DCS|PS|PCSO|Sgt|Insp|Supt|Det|Detective|Police Constable|Constable|Sergeant|Inspector|Superintendent)\.?\s",
    re.IGNORECASE,
)


def _strip_title(text: str) -> str:
    return _TITLE.sub("", text.strip())
