"""People the case knows: roster entries, address books, chat participants.

A source's people reach the case through its **book**, a temporary table of this connection (gone with
it): extraction adds them a batch at a time as they come (:meth:`People.add_to_book`), and the runner
stores the book with the source's state (:meth:`People.add_people` of :meth:`People.booked`). So a phone's
address book of a million cards is held neither by the process parsing it nor by this one, and the case
gets exactly the rows a list of the source's people would give it, in the same order.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from redactor.case.codec import person_from_row, person_to_row
from redactor.case.db import CaseDB
from redactor.people_table import PeopleTable
from redactor.records import Person

ROSTER_ADDRESSES = "roster.addresses"  # meta key: the roster's addresses by person id
COLUMNS = ("person_id", "name", "aliases", "phones", "emails", "role", "origin", "device_owner")  # person_to_row's order
_NAMES = ", ".join(COLUMNS)
_UPSERT = "ON CONFLICT (person_id) DO UPDATE SET " + ", ".join(f"{c} = excluded.{c}" for c in COLUMNS[1:])
BOOK = "extract_book"  # the temporary table of the source being extracted; seq: the order its people came in
_LOOKUP = 500  # ids asked for in one query


class Booked:
    """The people of the source just extracted, waiting in the book: as many as the source named (every
    :class:`Person`, every :class:`~redactor.records.Mention` of someone new), read in the order they came."""

    def __init__(self, store: People, count: int) -> None:
        self.store, self.count = store, count

    def __len__(self) -> int:
        return self.count

    def __iter__(self) -> Iterator[Person]:
        return (person_from_row(r) for r in self.store.conn.execute(f"SELECT {_NAMES} FROM temp.{BOOK} ORDER BY seq"))


class People(CaseDB):
    def add_people(self, people: Iterable[Person]) -> int:
        """Store people, replacing what the case holds under their ids; a :class:`Booked` source's book is
        moved here in one statement (and emptied)."""
        if isinstance(people, Booked) and people.store is self:
            with self.transaction() as conn:
                conn.execute(f"INSERT INTO people ({_NAMES}) SELECT {_NAMES} FROM temp.{BOOK} WHERE true ORDER BY seq {_UPSERT}")
                conn.execute(f"DELETE FROM temp.{BOOK}")
            return len(people)
        rows = [person_to_row(p) for p in people]
        with self.transaction() as conn:
            conn.executemany(f"INSERT INTO people ({_NAMES}) VALUES (?, ?, ?, ?, ?, ?, ?, ?) {_UPSERT}", rows)
        return len(rows)

    def open_book(self) -> None:
        """An empty book for the next source's people (what a failed or interrupted source left is dropped)."""
        cols = ", ".join(f"{c} NOT NULL" for c in COLUMNS[1:])
        self.conn.execute(f"CREATE TEMP TABLE IF NOT EXISTS {BOOK} (seq INTEGER PRIMARY KEY, person_id TEXT UNIQUE NOT NULL, {cols})")
        self.conn.execute(f"DELETE FROM temp.{BOOK}")

    def add_to_book(self, rows: Sequence[tuple[Any, ...]]) -> int:
        """Add people to the book in order: ``(mention, *person_to_row(person))`` each. A person replaces what the
        book holds under its id, as storing the list would; a mention merges into it (:meth:`Person.merged`).
        Returns how many of them the source counts: every person, and every mention of someone new."""
        held = self._held(dict.fromkeys(r[1] for r in rows))
        changed: dict[str, tuple[Any, ...]] = {}
        counted = 0
        for mention, *row in rows:
            pid = row[0]
            old = changed.get(pid) or held.get(pid)
            if mention and old is not None:
                row = list(person_to_row(_person(old).merged(_person(row))))
            else:
                counted += 1
            changed[pid] = tuple(row)
        with self.transaction() as conn:
            conn.executemany(f"INSERT INTO temp.{BOOK} ({_NAMES}) VALUES (?, ?, ?, ?, ?, ?, ?, ?) {_UPSERT}", changed.values())
        return counted

    def _held(self, ids: Iterable[str]) -> dict[str, tuple[Any, ...]]:
        held: dict[str, tuple[Any, ...]] = {}
        ids = list(ids)
        for at in range(0, len(ids), _LOOKUP):
            chunk = ids[at : at + _LOOKUP]
            marks = ", ".join("?" * len(chunk))
            for r in self.conn.execute(f"SELECT {_NAMES} FROM temp.{BOOK} WHERE person_id IN ({marks})", chunk):
                held[r[0]] = tuple(r)
        return held

    def booked(self, count: int) -> Booked:
        return Booked(self, count)

    def people(self) -> list[Person]:
        return [person_from_row(r) for r in self.conn.execute("SELECT * FROM people ORDER BY person_id").fetchall()]

    def people_table(self) -> PeopleTable:
        """Every person, in the order of :meth:`people`, as a compact :class:`PeopleTable` read row by row (a
        million people: about 100 MB, not a gigabyte of records). Read again only when the case changed since."""
        version = (self.conn.total_changes, self.conn.execute("PRAGMA data_version").fetchone()[0])
        held = getattr(self, "_people_table", None)
        if held is not None and held[0] == version:
            return held[1]
        table = PeopleTable.from_rows(tuple(r) for r in self.conn.execute(f"SELECT {_NAMES} FROM people ORDER BY person_id"))
        self._people_table = (version, table)
        return table

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


def _person(row: Sequence[Any]) -> Person:
    return person_from_row(dict(zip(COLUMNS, row, strict=True)))  # type: ignore[arg-type]


def people_digest(conn: sqlite3.Connection, prefix: str, addresses: str | None) -> str:
    """``stable_id(prefix, json.dumps(people if addresses is None else [people, addresses]), length=64)`` of the
    people's detection columns in id order, hashed row by row: a million people are never one list or string."""
    digest = hashlib.sha256(f"{prefix}\x1f".encode())
    digest.update(b"[" if addresses is None else b"[[")
    rows = conn.execute("SELECT person_id, name, aliases, phones, emails, role FROM people ORDER BY person_id")
    for n, row in enumerate(rows):
        digest.update(b", " if n else b"")
        digest.update(json.dumps(list(row)).encode("utf-8"))
    digest.update(b"]" if addresses is None else b"], " + json.dumps(addresses).encode("utf-8") + b"]")
    return digest.hexdigest()
