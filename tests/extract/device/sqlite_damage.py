"""Damage a SQLite database the way a carved or partly copied phone extraction is damaged: one page of a table's
B-tree overwritten (found through the file's page size and the table's root page, never by guessing offsets), or
the file cut short. For the tests of the readers that read what can be read of such a database."""

from __future__ import annotations

import sqlite3
import struct
from pathlib import Path

LEAF, INTERIOR = 0x0D, 0x05  # table B-tree page types


def page_size(data: bytes) -> int:
    size = struct.unpack(">H", data[16:18])[0]
    return 65536 if size == 1 else size


def leaf_pages(path: Path, table: str) -> list[int]:
    """The leaf pages of ``table`` (1-based page numbers), in rowid order."""
    with sqlite3.connect(path) as conn:
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)).fetchone()[0]
    conn.close()
    data = path.read_bytes()
    size, found = page_size(data), []

    def walk(page: int) -> None:
        start = (page - 1) * size
        head = start + (100 if page == 1 else 0)
        if data[head] == LEAF:
            found.append(page)
            return
        assert data[head] == INTERIOR, f"page {page} of {table} is not a table B-tree page"
        for i in range(struct.unpack(">H", data[head + 3 : head + 5])[0]):
            cell = start + struct.unpack(">H", data[head + 12 + 2 * i : head + 14 + 2 * i])[0]
            walk(struct.unpack(">I", data[cell : cell + 4])[0])
        walk(struct.unpack(">I", data[head + 8 : head + 12])[0])

    walk(root)
    return found


def leaf_rowids(path: Path, table: str, page: int) -> list[int]:
    """The rowids a leaf page holds (read from the page itself, before it is damaged)."""
    data = path.read_bytes()
    size = page_size(data)
    start = (page - 1) * size
    head = start + (100 if page == 1 else 0)
    rowids = []
    for i in range(struct.unpack(">H", data[head + 3 : head + 5])[0]):
        at = start + struct.unpack(">H", data[head + 8 + 2 * i : head + 10 + 2 * i])[0]
        _, at = _varint(data, at)  # the payload's size
        rowids.append(_varint(data, at)[0])
    return rowids


def _varint(data: bytes, at: int) -> tuple[int, int]:
    value = 0
    for n in range(9):
        byte = data[at + n]
        if n == 8:
            return (value << 8) | byte, at + 9
        value = (value << 7) | (byte & 0x7F)
        if byte < 0x80:
            return value, at + n + 1
    raise AssertionError("unreachable")


def damage_page(path: Path, page: int, fill: bytes = b"\x00") -> None:
    """Overwrite page ``page`` whole (zeros: its page type no longer says what it is)."""
    data = path.read_bytes()
    size = page_size(data)
    with open(path, "r+b") as out:
        out.seek((page - 1) * size)
        out.write((fill * size)[:size])


def damage_middle_leaf(path: Path, table: str) -> set[int]:
    """Overwrite the middle leaf page of ``table`` (0xFF bytes); the rowids it held, which the reader must refuse."""
    pages = leaf_pages(path, table)
    middle = pages[len(pages) // 2]
    lost = set(leaf_rowids(path, table, middle))
    damage_page(path, middle, b"\xff")
    return lost


def read_around_damage(path: Path, table: str, reader: str, work: Path, prefix: str = "") -> tuple[list[str], set[int], set[int]]:
    """Damage the middle leaf page of ``table`` and read ``path`` with the extractor ``reader``: the locators it refused,
    the rowids of the items it read (those whose locator starts with ``prefix``), and the rowids the damaged page held."""
    from redactor.records import Item, Refused
    from tests.extract.device.helpers import records_of

    lost = damage_middle_leaf(path, table)
    records = records_of(path, work, reader)
    refused = [r.locator for r in records if isinstance(r, Refused)]
    read = {int(r.locator.split("=")[1]) for r in records if isinstance(r, Item) and r.locator.startswith(prefix)}
    return refused, read, lost
