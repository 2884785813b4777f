"""A zip archive whose table of contents waits in a temporary file instead of memory.

:class:`zipfile.ZipFile` keeps a :class:`~zipfile.ZipInfo` for every member (about 550 bytes each): a UFDR with a
million attached files holds over half a gigabyte just to know where they are. :class:`IndexedZip` reads the same
central directory with the same code (so the same archives open, and damaged ones fail the same way), but each
member's fields go to a temporary SQLite file as they are read, and come back as a ``ZipInfo`` when a member is
asked for by name (:meth:`~zipfile.ZipFile.getinfo`, :meth:`~zipfile.ZipFile.open`). Only the raw central
directory is read into memory at once (about 80 bytes a member, freed once read).
"""

from __future__ import annotations

import marshal
import sqlite3
import zipfile
from collections.abc import Callable, Iterator
from typing import Any

_FIELDS = tuple(zipfile.ZipInfo.__slots__)  # every attribute of a ZipInfo, as this Python's zipfile sets them
_UNSET = ("unset",)  # an attribute the reader left unset (marshal writes tuples, not arbitrary objects)
_FLUSH = 2_000  # members written to the file at once


def _row(info: zipfile.ZipInfo) -> bytes:
    return marshal.dumps(tuple(getattr(info, name, _UNSET) for name in _FIELDS))


def _info(data: bytes) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo.__new__(zipfile.ZipInfo)
    for name, value in zip(_FIELDS, marshal.loads(data), strict=True):
        if value != _UNSET:
            setattr(info, name, value)
    return info


class _Members:
    """Both ``filelist`` and ``NameToInfo`` of an :class:`IndexedZip`: a member added to the list is written to
    the file (adding it to the dict then is a no-op); looking one up by name reads it back, the last of that
    name winning as in the dict. ``check`` sees every member's name as it is read (the zip-slip check)."""

    def __init__(self, check: Callable[[str], None] | None = None) -> None:
        self.conn = sqlite3.connect("")  # a private temporary file, deleted when closed
        self.conn.execute("PRAGMA journal_mode=OFF")
        self.conn.execute("CREATE TABLE members (seq INTEGER PRIMARY KEY, name TEXT NOT NULL, info BLOB NOT NULL)")
        self.pending: list[tuple[str, bytes]] = []
        self.count = 0
        self.check = check
        self.indexed = False

    # -- as the list ----------------------------------------------------------------------------
    def append(self, info: zipfile.ZipInfo) -> None:
        if self.check is not None:
            self.check(info.filename)
        self.pending.append((info.filename, _row(info)))
        self.count += 1
        if len(self.pending) >= _FLUSH:
            self.flush()

    def __len__(self) -> int:
        return self.count

    def __iter__(self) -> Iterator[zipfile.ZipInfo]:
        self.flush()
        for (data,) in self.conn.execute("SELECT info FROM members ORDER BY seq").fetchall():
            yield _info(data)

    # -- as the dict ----------------------------------------------------------------------------
    def __setitem__(self, name: str, info: zipfile.ZipInfo) -> None:
        pass  # written when appended

    def get(self, name: str, default: Any = None) -> zipfile.ZipInfo | Any:
        self.flush()
        if not self.indexed:
            self.conn.execute("CREATE INDEX members_name ON members (name, seq)")
            self.indexed = True
        row = self.conn.execute("SELECT info FROM members WHERE name = ? ORDER BY seq DESC LIMIT 1", (name,)).fetchone()
        return default if row is None else _info(row[0])

    def __getitem__(self, name: str) -> zipfile.ZipInfo:
        info = self.get(name)
        if info is None:
            raise KeyError(name)
        return info

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and self.get(name) is not None

    # -- more ----------------------------------------------------------------------------------
    def named(self, *suffixes: str) -> list[zipfile.ZipInfo]:
        """The members whose name ends with one of ``suffixes`` (any case), in the archive's order."""
        self.flush()
        where = " OR ".join("name LIKE ? ESCAPE '\\'" for _ in suffixes)
        like = ["%" + s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") for s in suffixes]
        rows = self.conn.execute(f"SELECT name, info FROM members WHERE {where} ORDER BY seq", like).fetchall()
        return [_info(data) for name, data in rows if name.lower().endswith(tuple(s.lower() for s in suffixes))]

    def flush(self) -> None:
        if self.pending:
            self.conn.executemany("INSERT INTO members (name, info) VALUES (?, ?)", self.pending)
            self.pending.clear()

    def close(self) -> None:
        self.conn.close()


class IndexedZip(zipfile.ZipFile):
    """A :class:`zipfile.ZipFile` to read, whose members' ``ZipInfo`` wait in a temporary file (see the module).

    ``check`` is called with each member's name as the directory is read (it may raise)."""

    def __init__(self, file: Any, check: Callable[[str], None] | None = None) -> None:
        self._check = check
        super().__init__(file)

    def _RealGetContents(self) -> None:  # noqa: N802 - zipfile's name
        members = _Members(self._check)
        self.filelist = self.NameToInfo = members  # type: ignore[assignment]
        try:
            super()._RealGetContents()  # type: ignore[misc]
        except BaseException:
            members.close()
            raise
        members.flush()

    def named(self, *suffixes: str) -> list[zipfile.ZipInfo]:
        """The members whose name ends with one of ``suffixes`` (any case), in the archive's order."""
        return self.filelist.named(*suffixes)  # type: ignore[attr-defined]

    def close(self) -> None:
        try:
            super().close()
        finally:
            if isinstance(self.filelist, _Members):
                self.filelist.close()
