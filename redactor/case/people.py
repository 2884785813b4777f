"""People the case knows: roster entries, address books, chat participants."""

from __future__ import annotations

from collections.abc import Iterable

from redactor.case.codec import person_from_row, person_to_row
from redactor.case.db import CaseDB
from redactor.records import Person


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
