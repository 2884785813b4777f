"""A filing past :data:`BOUNDED` values holds no record per value (issue 10): the case's clusters are looked up in
``value_clusters`` (its unique index on entity and key), people's names in ``people``, and the new values' counters are
counted by SQLite from their members into a temporary table (``temp.filed``), not held in dicts.

A 100,000-card address book has 268,534 values; the dicts of :mod:`redactor.case.value_filed` held about 2 KB a value
there (a record per known key and per new value, the new values' member rows, every person's name), so 1,000,000 cards
would have needed several gigabytes. Below :data:`BOUNDED` the filing keeps them (faster); past it, this module: the same
rows written (the tables stay identical: ``benchmarks/bench_value_filing.py --digest``). What follows the filing holds no
record per value either: the older values it touched, the policy's decisions and the values decided redact before wait
in temporary tables (:class:`ValueTable`), and the spread takes a batch of values' texts at a time
(:mod:`redactor.case.value_spread_many`).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Mapping

from redactor.case.value_filed import Filed, Known, common

BOUNDED = 50_000  # values (the case's and the filing's new ones) past which a filing holds no record per value
NAMES = 100_000  # people from whom a filing looks a person's name up in the case instead of holding every name
_RECENT = 4_096  # clusters (and names) a bounded filing keeps of those it looked up last: a message repeats its values

_FILED = (
    "CREATE TEMP TABLE IF NOT EXISTS filed (value_id TEXT PRIMARY KEY, items INTEGER, undecidable INTEGER, members INTEGER, "
    "pending INTEGER, redacted INTEGER, kept INTEGER, decision TEXT) WITHOUT ROWID"
)
_COUNT = (  # as Filed.add counts its rows: distinct items, an undecidable detected member (values._UNDECIDABLE), statuses
    "INSERT INTO temp.filed (value_id, items, undecidable, members, pending, redacted, kept) "
    "SELECT t.value_id, COUNT(DISTINCT f.item_id), "
    "MAX(f.origin = 'detector' AND coalesce(json_extract(f.explanation, '$.policy_decides'), 0) != 1), COUNT(*), "
    "SUM(f.status = 'pending'), SUM(f.status = 'redact'), SUM(f.status = 'keep') "
    "FROM temp.filing t JOIN flags f ON f.flag_id = t.flag_id "
    "WHERE t.value_id IN (SELECT value_id FROM value_clusters WHERE rowid > ?) GROUP BY t.value_id"
)
_PAGE = 5_000  # decisions read back at a time
_CLUSTER = "SELECT value_id, party, person_id, proposal, risk FROM value_clusters WHERE entity = ? AND key = ?"


class KnownTable:
    """The case's clusters by entity and key, as :meth:`Values._known`'s dict gives them, read from ``value_clusters``
    (which filing keeps current: a new cluster is inserted, a joined one updated, as its record changes)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn
        self._recent: dict[tuple[str, str], Known] = {}

    def get(self, entity: str, key: str) -> Known | None:
        if (known := self._recent.get((entity, key))) is None:
            row = self._conn.execute(_CLUSTER, (entity, key)).fetchone()
            if row is None:
                return None
            known = Known(row[0], common(row[1]), row[2], common(row[3]), row[4])
            self.put(entity, key, known)
        return known

    def put(self, entity: str, key: str, known: Known) -> None:
        if len(self._recent) >= _RECENT:
            self._recent.clear()
        self._recent[(entity, key)] = known


class NameTable:
    """A person's name by id, read from ``people`` (the last :data:`_RECENT` kept), for a case of very many people."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn
        self._recent: dict[str, str | None] = {}

    def get(self, person_id: str | None) -> str | None:
        if person_id is None:
            return None
        if person_id not in self._recent:
            if len(self._recent) >= _RECENT:
                self._recent.clear()
            row = self._conn.execute("SELECT name FROM people WHERE person_id = ?", (person_id,)).fetchone()
            self._recent[person_id] = None if row is None else row[0]
        return self._recent[person_id]


class FiledTable(Mapping[str, Filed]):
    """The clusters a bounded filing created (those of ``value_clusters`` past rowid ``after``) and what it learnt of
    each, as :class:`Filed` records without rows, counted from ``temp.filing`` and the flags (before they are decided);
    ``temp.filed`` holds them, and the policy's decisions of them (:meth:`decided`)."""

    def __init__(self, conn: sqlite3.Connection, after: int) -> None:
        self._conn = conn
        conn.execute(_FILED)
        conn.execute("DELETE FROM temp.filed")
        conn.execute(_COUNT, (after,))
        self._len = int(conn.execute("SELECT COUNT(*) FROM temp.filed").fetchone()[0])
        self._last: tuple[str | None, Filed | None] = (None, None)

    def __getitem__(self, value_id: str) -> Filed:
        if self._last[0] != value_id:
            row = self._conn.execute(
                "SELECT items, undecidable, members, pending, redacted, kept FROM temp.filed WHERE value_id = ?", (value_id,)
            ).fetchone()
            filed = None if row is None else Filed(row[0], -1, bool(row[1]), row[2], row[3], row[4], row[5], rows=None, firsts=None)
            self._last = (value_id, filed)
        if (filed := self._last[1]) is None:
            raise KeyError(value_id)
        return filed

    def __iter__(self) -> Iterator[str]:
        """The value ids in order (read as the caller goes)."""
        cursor = self._conn.cursor()
        cursor.row_factory = None
        return (r[0] for r in cursor.execute("SELECT value_id FROM temp.filed ORDER BY value_id"))

    def __len__(self) -> int:
        return self._len

    def decided(self, decisions: list[tuple[str, str]]) -> None:
        """The policy's decisions (value id, decision) of values it holds (others are left alone), for :meth:`recount`."""
        self._conn.executemany("UPDATE temp.filed SET decision = ? WHERE value_id = ?", [(d, v) for v, d in decisions])

    def count_items(self) -> None:
        """Each value's distinct items into ``value_clusters``."""
        self._conn.execute(
            "UPDATE value_clusters SET items = (SELECT t.items FROM temp.filed t WHERE t.value_id = value_clusters.value_id) "
            "WHERE value_id IN (SELECT value_id FROM temp.filed)"
        )

    def recount(self) -> None:
        """Each value's counters into ``value_clusters``, as :meth:`Filed.counters` makes them (its members as filed,
        none excepted, or all decided as the policy decided the value)."""
        self._conn.execute(
            "UPDATE value_clusters SET (occurrences, excepted, pending, redacted, kept) = (SELECT t.members, 0, "
            "CASE WHEN t.decision IS NULL THEN t.pending ELSE t.members * (t.decision = 'pending') END, "
            "CASE WHEN t.decision IS NULL THEN t.redacted ELSE t.members * (t.decision = 'redact') END, "
            "CASE WHEN t.decision IS NULL THEN t.kept ELSE t.members * (t.decision = 'keep') END "
            "FROM temp.filed t WHERE t.value_id = value_clusters.value_id) WHERE value_id IN (SELECT value_id FROM temp.filed)"
        )

    def clear(self) -> None:
        self._conn.execute("DELETE FROM temp.filed")
        self._len, self._last = 0, (None, None)


class ValueTable:
    """Value ids, each with a decision or none, in a temporary table (``temp.<name>``): what a bounded filing would
    otherwise hold per value (a 1,000,000-card address book has 2.7 million): the policy's decisions, the case's values
    a filing touched, those of them decided redact before. Asked as a container, it says whether a value is one of them
    (of those with ``decision``, for a view made by :meth:`only`); iterated, it gives them in value id order."""

    def __init__(self, conn: sqlite3.Connection, name: str, decision: str | None = None) -> None:
        self._conn, self._name, self._decision = conn, name, decision

    @classmethod
    def empty(cls, conn: sqlite3.Connection, name: str) -> ValueTable:
        conn.execute(f"CREATE TEMP TABLE IF NOT EXISTS {name} (value_id TEXT PRIMARY KEY, decision TEXT) WITHOUT ROWID")
        conn.execute(f"DELETE FROM temp.{name}")
        return cls(conn, name)

    def add(self, decisions: Iterable[tuple[str, str | None]]) -> None:
        """(value id, decision) pairs; a value given again keeps its first."""
        self._conn.executemany(f"INSERT OR IGNORE INTO temp.{self._name} (value_id, decision) VALUES (?, ?)", decisions)

    def add_ids(self, value_ids: Iterable[str]) -> None:
        self.add((v, None) for v in value_ids)

    def only(self, decision: str) -> ValueTable:
        """The values decided ``decision``."""
        return ValueTable(self._conn, self._name, decision)

    def __len__(self) -> int:
        sql = f"SELECT COUNT(*) FROM temp.{self._name}{self._where(' WHERE')}"
        return int(self._conn.execute(sql, self._args()).fetchone()[0])

    def __contains__(self, value_id: object) -> bool:
        sql = f"SELECT 1 FROM temp.{self._name} WHERE value_id = ?{self._where(' AND')}"
        return self._conn.execute(sql, (value_id, *self._args())).fetchone() is not None

    def __iter__(self) -> Iterator[str]:
        """The value ids in order (value id order as SQLite and Python sort them), read a page at a time as the caller goes."""
        return (v for v, _ in self.pages())

    def pages(self) -> Iterator[tuple[str, str | None]]:
        """(value id, decision) in value id order, :data:`_PAGE` read at a time (no statement left open between them)."""
        last = ""
        sql = f"SELECT value_id, decision FROM temp.{self._name} WHERE value_id > ?{self._where(' AND')} ORDER BY value_id LIMIT {_PAGE}"
        while rows := self._conn.execute(sql, (last, *self._args())).fetchall():
            yield from ((r[0], r[1]) for r in rows)
            last = rows[-1][0]

    def _where(self, word: str) -> str:
        return "" if self._decision is None else f"{word} decision = ?"

    def _args(self) -> tuple[str, ...]:
        return () if self._decision is None else (self._decision,)


TEMPORARY = ("policy", "touched", "redacted_before")  # the value tables of a bounded filing, dropped when its sync ends


def in_order(value_ids: Iterable[str]) -> Iterator[str]:
    """Value ids in value id order: a table's as it gives them, any other collection sorted."""
    return iter(value_ids) if isinstance(value_ids, ValueTable) else iter(sorted(value_ids))
