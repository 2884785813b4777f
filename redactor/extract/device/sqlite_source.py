"""What every reader of a phone's SQLite database does the same way: recognise the database by its tables, open it
read-only (:func:`~.common.sqlite_open`), read each table around damaged pages (:func:`~.common.sqlite_walk`), refuse
one bad part alone and the database whole only when nothing of it could be read.

A reader writes one generator, ``body(conn, tables)``, that yields its records and, for each part it refuses, a
:data:`Part` (its locator and the error); :func:`read` turns each part into a :class:`~redactor.records.Refused`, turns
SQLite's own failures into one-line errors naming the file, and closes the database.
"""

from __future__ import annotations

import json
import sqlite3
import tempfile
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from redactor.errors import CorruptInput, InputError
from redactor.extract import extractor
from redactor.extract.device import common
from redactor.records import Item, Mention, Person, Refused, Source
from redactor.stages import StageContext

Part = tuple[str, InputError]  # a part refused: its locator and the error that refuses it


def tables(path: Path) -> dict[str, set[str]]:
    """Each table of the database at ``path`` with its columns; empty when it is not a SQLite database that can be read.

    Every SQLite reader asks this of each database to recognise it (a dozen times a file): the answer is remembered for
    the file as it is (its path, size and modification time), so the schema is read once."""
    try:
        stat = path.stat()
        wal = common.wal_beside(path)
        log = wal.stat() if wal is not None else None
    except OSError:
        return {}
    key = (log.st_size, log.st_mtime_ns) if log is not None else None  # a log copied in later is read then
    return {name: set(cols) for name, cols in _tables(str(path.resolve()), stat.st_size, stat.st_mtime_ns, key).items()}


@lru_cache(maxsize=64)
def _tables(path: str, size: int, mtime_ns: int, log: tuple[int, int] | None) -> dict[str, frozenset[str]]:
    found = _read_tables(Path(path))
    if not found and log is not None:  # every table still in the write-ahead log: a phone acquired live
        with tempfile.TemporaryDirectory(prefix="redactor-schema-") as work:
            found = _read_tables(Path(path), Path(work))
    return {name: frozenset(cols) for name, cols in found.items()}


def _read_tables(path: Path, work: Path | None = None) -> dict[str, set[str]]:
    """Each table's columns; a table whose columns SQLite cannot read here (a full-text index naming a tokenizer of the
    app's own, as iOS's address book does) is listed with none, so it does not hide the database's other tables.
    ``work``: a folder to apply the write-ahead log beside ``path`` in (see :func:`~.common.sqlite_open`)."""
    try:
        conn = common.sqlite_open(path, work)
        try:
            names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
            return {name: _columns_of(conn, name) for name in names}
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return {}


def _columns_of(conn: sqlite3.Connection, table: str) -> set[str]:
    try:
        return {r[1] for r in conn.execute(f'PRAGMA table_info("{_quoted(table)}")')}
    except sqlite3.DatabaseError:
        return set()


def _quoted(name: str) -> str:
    return name.replace('"', '""')


def columns(conn: sqlite3.Connection, table: str, wanted: tuple[str, ...]) -> str:
    """``wanted`` as a column list for ``table``: a column this version of the app's table lacks is read as NULL."""
    have = {r[1] for r in conn.execute(f'PRAGMA table_info("{_quoted(table)}")')}
    return ", ".join(c if c in have else f"NULL AS {c}" for c in wanted)


def refused(path: Path, locator: str, what: str) -> Part:
    return locator, CorruptInput(f"{path}: {what}; refused")


def json_object(
    path: Path, value: Any, locator: str, one: str = "message", after: str = "the message is read without it"
) -> tuple[dict[str, Any], Part | None]:
    """A column holding a JSON object (an app's copy of a message, its payload): the object (empty for no value), and a
    refusal naming ``locator`` when the value is not a JSON object (``one``: what the row is; ``after``: what is read
    instead). The reason never holds the value."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return {}, None
    try:
        parsed = json.loads(value)
    except (ValueError, TypeError, RecursionError):  # not JSON, not text, or nested past the parser's depth
        return {}, refused(path, locator, f"{one} {locator} is not JSON; {after}")
    if not isinstance(parsed, dict):
        return {}, refused(path, locator, f"{one} {locator} is not a JSON object; {after}")
    return parsed, None


def parts(
    path: Path,
    conn: sqlite3.Connection,
    table: str,
    wanted: tuple[str, ...],
    *,
    key: str = "rowid",
    one: str = "row",
    what: str = "",
    binary: tuple[str, ...] = (),
) -> Iterator[Part | sqlite3.Row]:
    """Each readable row of ``table`` (its rowid first, then ``wanted``); a run of rows in a damaged page refused
    (``message rows 1493-1553``), and a row holding text that is not UTF-8 (``message ROWID=12``: ``key`` names the
    rowid as the app does, ``one`` says what a row is in the reason, "message"; ``what``, what the table holds), a BLOB
    where the app keeps text included (:func:`~.common.sqlite_walk`; ``binary``: the columns that hold bytes by design)."""
    for got in walk(path, conn, table, wanted, what, binary=binary):
        if isinstance(got[1], InputError):
            yield got
        elif got[1]:
            locator = f"{table} {key}={got[0][0]}"
            yield refused(path, locator, f"{one} {locator} holds text that is not valid UTF-8")
        else:
            yield got[0]


def walk(
    path: Path, conn: sqlite3.Connection, table: str, wanted: tuple[str, ...], what: str = "", *, binary: tuple[str, ...] = ()
) -> Iterator[Part | tuple[sqlite3.Row, bool]]:
    """(row, whether a value of it is not UTF-8) for each readable row of ``table``; a run of rows in a damaged page
    refused (``what``: what the table holds, "messages"). For a reader that decides itself what such a row refuses (a
    whole contact, an MMS)."""
    held = f" ({what})" if what else ""
    for got in common.sqlite_walk(conn, table, columns(conn, table, wanted), binary=binary):
        if isinstance(got, common.SqliteGap):
            problem = f"{table} {got.rows}{held} cannot be read: a damaged part of the database ({got.problem})"
            yield refused(path, f"{table} {got.rows}", problem)
        else:
            yield got


def read(
    path: Path,
    what: str,
    body: Callable[[sqlite3.Connection, set[str]], Iterator[Any]],
    counts: Callable[[Any], bool],
    work: Path | None = None,
) -> Iterator[Any]:
    """The records ``body`` yields from the database at ``path`` (rows as :class:`sqlite3.Row`), each :data:`Part` it
    yields as a :class:`~redactor.records.Refused`. The database is refused whole, by the first part's error, when no
    record ``counts`` (a message, a contact); ``what`` names it in SQLite's errors ("Messages database"). ``work``: the
    case's work folder, where a copy with the ``-wal`` beside the database applied is read (:func:`~.common.sqlite_open`)."""
    try:
        conn = common.sqlite_open(path, work)
        conn.row_factory = sqlite3.Row
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.DatabaseError as exc:
        raise CorruptInput(f"{path}: SQLite database cannot be read ({common.sqlite_problem(exc)})") from None
    first: InputError | None = None
    done = False
    try:
        for record in body(conn, names):
            if isinstance(record, tuple):
                first = first or record[1]
                yield Refused(record[0], record[1].code, str(record[1]))
                continue
            done = done or counts(record)
            yield record
    except sqlite3.DatabaseError as exc:
        raise CorruptInput(f"{path}: {what} cannot be read ({common.sqlite_problem(exc)})") from None
    finally:
        conn.close()
    if first is not None and not done:  # nothing could be read: the file is refused whole, by the first part refused
        raise first


def is_communication(record: Any) -> bool:
    """A message, a call or a contact: what a message store's reader must read one of, or refuse the store whole."""
    return isinstance(record, Item) and record.kind in ("message", "call", "contact")


def is_contact(record: Any) -> bool:
    return isinstance(record, Item) and record.kind == "contact"


def rows_beside(path: Path, work: Path, table: str, wanted: tuple[str, ...]) -> Iterator[tuple[Any, ...]]:
    """The ``wanted`` values of each readable row of ``table`` in a database read beside a source for its names (a
    ``main.db`` beside Snapchat's ``arroyo.db``): a damaged row is passed over, and a database that cannot be opened or
    read gives none; what it would name is read by its id, never refused (it is not the source)."""
    try:
        conn = common.sqlite_open(path, work)
    except sqlite3.DatabaseError:
        return
    try:
        for got in common.sqlite_walk(conn, table, columns(conn, table, wanted)):
            if not isinstance(got, common.SqliteGap) and not got[1]:
                yield tuple(got[0])[1:]
    except sqlite3.DatabaseError:
        return  # not the database of that name we know
    finally:
        conn.close()


def read_messages(
    source: Source, path: Path, what: str, body: Callable[[sqlite3.Connection, set[str], common.PeopleBook], Iterator[Any]], work: Path
) -> Iterator[Any]:
    """A message database read by :func:`read` with a book of the people it names (``body`` adds them and yields the
    book as it goes; what is left is yielded at the end): refused whole when not one message, call or contact could be
    read (an app's call log or address book is read through this too)."""
    book = common.PeopleBook(source.ref)
    yield from read(path, what, lambda conn, tables: body(conn, tables, book), is_communication, work=work)
    yield from book


Needs = Mapping[str, Collection[str]]  # table -> the columns it must have (none: the table must be there)
Body = Callable[[Source, Path, sqlite3.Connection, set[str], common.PeopleBook], Iterator[Any]]


def holds(path: Path, needs: Needs | Sequence[Needs]) -> bool:
    """Whether the SQLite database at ``path`` has every table of ``needs`` with at least its columns (``needs`` a
    sequence: whether it has one of them)."""
    found = tables(path)
    alternatives = [needs] if isinstance(needs, Mapping) else needs
    return any(all(t in found and set(columns) <= found[t] for t, columns in one.items()) for one in alternatives)


def message_store(name: str, what: str, needs: Needs | Sequence[Needs], *, priority: int = 30) -> Callable[[Body], Body]:
    """Register the decorated ``body(source, path, conn, tables, book)`` as the extractor ``name`` of an app's message
    database: it takes a SQLite file that :func:`holds` ``needs``, which :func:`read_messages` reads (``what`` names
    it in SQLite's errors, "Kik database"): one bad part refused alone, the database whole only when no message of it
    could be read."""

    def accepts(source: Source, path: Path, head: bytes) -> bool:
        return source.media_type == "application/vnd.sqlite3" and holds(path, needs)

    def register(body: Body) -> Body:
        def extract(source: Source, path: Path, ctx: StageContext) -> Iterator[Item | Person | Mention | Refused]:
            yield from read_messages(source, path, what, lambda conn, tables, book: body(source, path, conn, tables, book), ctx.work_dir)

        extract.__doc__ = body.__doc__
        extractor(name, accepts=accepts, priority=priority)(extract)
        return body

    return register
