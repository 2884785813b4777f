"""The case store: one SQLite database per case folder, plus the audit log beside it.

A case folder holds ``case.db`` (sources, items, segments, people, flags, decisions, scope
changes, quarantine), ``audit.jsonl`` and ``work/`` for intermediate files. Originals are never
copied into or modified by the case; sources are identified by SHA-256, so re-running on the
same files adds nothing.

:class:`CaseStore` joins one class per concern (each in its own module, each the only code that
speaks SQL to its tables); opening a case made by an older tool migrates it (``schema.py``).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from redactor.audit.log import utc_now
from redactor.case import schema
from redactor.case.cache import Caches
from redactor.case.flags import Flags
from redactor.case.items import Items
from redactor.case.opener import SourceOpener
from redactor.case.people import People
from redactor.case.quarantine import Quarantine
from redactor.case.reads import Reads
from redactor.case.scope import Scope
from redactor.case.values import Values
from redactor.errors import CaseError
from redactor.records import CaseSnapshot, stable_id


class CaseStore(Quarantine, People, Items, Flags, Scope, Values, Reads, Caches):
    """Opens a case folder. Use :meth:`create` for a new case, :meth:`open` for an existing one."""

    @classmethod
    def create(cls, root: Path, actor: str = "system") -> CaseStore:
        root = Path(root)
        if root.exists() and not root.is_dir():
            raise CaseError(f"{root} exists and is not a folder", hint="choose a new folder for the case")
        if root.is_dir() and not (root / cls.DB_NAME).exists() and any(root.iterdir()):
            raise CaseError(f"{root} is not empty and is not a redactor case", hint="choose a new or empty folder for the case")
        root.mkdir(parents=True, exist_ok=True)
        store = cls(root, actor)
        try:
            if store._schema_version() is None:  # new, or its creation never finished (then none of it was committed)
                with store.transaction() as conn:
                    schema.create(conn)
                    store.set_meta("schema_version", str(schema.SCHEMA_VERSION))
                    store.set_meta("created_at", utc_now())
                store.audit.append("case", "case.created", {"schema_version": schema.SCHEMA_VERSION})
            else:
                store._bring_up_to_date()
                store.adopt_unconfirmed_events()
                store.restore_flag_indexes()
                store.restore_item_indexes()
        except BaseException:
            store.close()
            raise
        store.work_dir.mkdir(exist_ok=True)
        return store

    @classmethod
    def open(cls, root: Path, actor: str = "system") -> CaseStore:
        root = Path(root)
        if not (root / cls.DB_NAME).is_file():
            raise CaseError(f"{root} is not a redactor case (no {cls.DB_NAME})")
        store = cls(root, actor)
        try:
            store._bring_up_to_date()
            store.adopt_unconfirmed_events()
            store.restore_flag_indexes()  # a run killed while it deferred them (``Flags.defer_flag_indexes``)
            store.restore_item_indexes()  # ... or the items' (``Items.defer_item_indexes``)
        except BaseException:
            store.close()
            raise
        return store

    def _schema_version(self) -> str | None:
        try:
            return self.meta("schema_version")
        except sqlite3.OperationalError:  # no meta table yet
            return None

    def _bring_up_to_date(self) -> None:
        """Run the migrations a case made by an older tool needs; refuse one made by a newer tool."""
        version = self._schema_version()
        if version is None or not version.isdigit() or int(version) > schema.SCHEMA_VERSION:
            raise CaseError(
                f"{self.root}: case schema version {version}, this tool reads {schema.SCHEMA_VERSION} and older",
                hint="use the tool version that created the case",
            )
        if int(version) == schema.SCHEMA_VERSION:
            return
        with self.transaction() as conn:
            done = schema.migrate(conn, int(version))
            self.set_meta("schema_version", str(schema.SCHEMA_VERSION))
            self.log("case", "case.migrated", {"from": int(version), "to": schema.SCHEMA_VERSION, "steps": done})

    def snapshot(self, *, threads: bool = False, identities: bool = False) -> CaseSnapshot:
        """What stages may know of the case, as plain values (no connection): people (a compact
        :class:`~redactor.people_table.PeopleTable`, read once while the case does not change) and roster
        addresses always; conversations' items and redacted identities when asked for."""
        return CaseSnapshot(
            people=self.people_table(),  # type: ignore[arg-type]
            roster_addresses=self.roster_addresses(),
            threads=tuple(self.thread_items()) if threads else (),
            identities=self.redacted_identities() if identities else {},
        )

    def source_opener(self) -> SourceOpener:
        """Opens originals for renderers, checked against their SHA-256."""
        return SourceOpener(self.sources())

    def __enter__(self) -> CaseStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def new_item_id(source_id: str, locator: str) -> str:
    return stable_id(source_id, locator)
