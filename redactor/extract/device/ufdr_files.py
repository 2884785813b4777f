"""A UFDR report's tagged files, by id: what an attachment's ``file_id`` names (its name, path in the zip, digest).

A report lists every file it holds (``taggedFiles``, a million on a large phone) before the messages that name
them. The last ``HELD`` listed wait in a dict; older ones in a temporary SQLite file (deleted when closed), so a
report's table of files costs the same memory whatever its size.
"""

from __future__ import annotations

import sqlite3

HELD = 2_000  # files held in memory before they are written to the temporary file

TaggedFile = tuple[str, str, str, str]  # name, local path, "md5:..." or "sha256:...", deleted state


class TaggedFiles:
    """``files[file_id] = (name, local path, digest, deleted)``, ``files.get(file_id)``: a later entry with the same
    id replaces an earlier one, as in a dict."""

    def __init__(self) -> None:
        self.held: dict[str, TaggedFile] = {}
        self.conn: sqlite3.Connection | None = None

    def __setitem__(self, file_id: str, value: TaggedFile) -> None:
        self.held[file_id] = value
        if len(self.held) >= HELD:
            self._write()

    def get(self, file_id: str) -> TaggedFile | None:
        found = self.held.get(file_id)
        if found is not None or self.conn is None:
            return found
        row = self.conn.execute("SELECT name, local, digest, deleted FROM files WHERE id = ?", (file_id,)).fetchone()
        return None if row is None else (row[0], row[1], row[2], row[3])

    def _write(self) -> None:
        if self.conn is None:
            self.conn = sqlite3.connect("")  # a private temporary file
            self.conn.execute("PRAGMA journal_mode=OFF")
            self.conn.execute("CREATE TABLE files (id TEXT PRIMARY KEY, name TEXT, local TEXT, digest TEXT, deleted TEXT) WITHOUT ROWID")
        with self.conn:
            self.conn.executemany("INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?)", [(k, *v) for k, v in self.held.items()])
        self.held.clear()

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None
