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


class Classifier:
    """Built once per run from the people the case knows and the roster's addresses."""

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
