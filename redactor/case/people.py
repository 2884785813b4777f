"""People the case knows: roster entries, address books, chat participants."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence

from redactor.case.codec import person_from_row, person_to_row
from redactor.case.db import CaseDB
from redactor.records import Person

ROSTER_ADDRESSES = "roster.addresses"  # meta key: the roster's addresses by person id


class People(CaseDB):
    def add_people(self, people: Iterable[Person]) -> int:
        rows = [person_to_row(p) for p in people]
        with self.transaction() as conn:
            conn.executemany(
                "INSERT INTO people (person_id, name, aliases, phones, emails, role, origin, device_owner) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (person_id) DO UPDATE SET name = excluded.name, aliases = excluded.aliases, phones = excluded.phones, "
                "emails = excluded.emails, role = excluded.role, origin = excluded.origin, device_owner = excluded.device_owner",
                rows,
            )
        return len(rows)

    def people(self) -> list[Person]:
        return [person_from_row(r) for r in self.conn.execute("SELECT * FROM people ORDER BY person_id").fetchall()]

    def set_roster_addresses(self, addresses: Mapping[str, Sequence[str]]) -> None:
        self.set_meta(ROSTER_ADDRESSES, json.dumps({k: list(v) for k, v in addresses.items()}, sort_keys=True))

    def roster_addresses(self) -> dict[str, list[str]]:
        """The roster's addresses by person id ({} when none was loaded or the value is damaged)."""
        raw = self.meta(ROSTER_ADDRESSES)
        try:
            value = json.loads(raw) if raw else {}
        except ValueError:
            return {}
        return value if isinstance(value, dict) else {}
