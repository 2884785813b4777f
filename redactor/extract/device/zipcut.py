"""A member of a zip archive cut short: read by its local header, where the central directory is missing.

A zip's table of contents (the central directory) is at its end, so a partly copied archive (a ``.ufdr`` of many
gigabytes that stopped copying) cannot be opened by :mod:`zipfile` at all, though every member before the cut is
intact. Each member is preceded by a local header (its name, compression and, unless a data descriptor follows it,
its sizes): :func:`find` walks those headers from the start of the file, past members of known size, and through a
deflated member of unknown size by inflating it to its end, until it meets the member asked for; :class:`LocalStream`
then reads that member, up to the cut if the cut falls inside it (the caller's parser says where its content stops
being whole).

Bounded like the archive readers (:mod:`.safe`): at most ``MAX_MEMBERS`` headers are walked, a member is read to at
most ``safe.MAX_MEMBER`` bytes, a stored member's size must lie inside the file, and an encrypted member or a
compression method other than stored or deflate is refused.
"""

from __future__ import annotations

import sqlite3
import struct
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from redactor.errors import CorruptInput, EncryptedInput, HostileInput
from redactor.extract.device.safe import MAX_MEMBER

LOCAL = b"PK\x03\x04"
HEADER = struct.Struct("<4sHHHHHIIIHH")  # signature, version, flags, method, time, date, crc, compressed, size, name, extra
MAX_MEMBERS = 1_000_000
CHUNK = 1 << 20
STORED, DEFLATED = 0, 8


@dataclass(frozen=True, slots=True)
class LocalMember:
    name: str
    data_at: int  # where its (compressed) data begins
    method: int
    compressed: int | None  # None: a data descriptor follows the data (the size is not in the header)
    crc: int | None = None  # the CRC-32 of its content, when the header holds it


class LocalIndex:
    """Every whole member before the cut, by name, in a temporary SQLite file (a UFDR may hold a million attached
    files: their places are not held in memory), found by walking the local headers once."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.db = sqlite3.connect("")  # a private temporary file, gone when closed
        self.db.execute("CREATE TABLE member (name TEXT PRIMARY KEY, data_at INTEGER, method INTEGER, compressed INTEGER, crc INTEGER)")
        size = path.stat().st_size
        with open(path, "rb") as handle:
            at, rows = 0, []
            for _ in range(MAX_MEMBERS):
                member = _header(handle, at, size)
                end = None if member is None else _end(handle, member, size)
                if member is None or end is None:
                    break
                rows.append((member.name, member.data_at, member.method, member.compressed, member.crc))
                if len(rows) >= 2_000:
                    self._add(rows)
                at = end
            self._add(rows)

    def _add(self, rows: list[tuple]) -> None:
        self.db.executemany("INSERT OR REPLACE INTO member VALUES (?, ?, ?, ?, ?)", rows)  # the last of a name wins, as in zipfile
        rows.clear()

    def get(self, name: str) -> LocalMember | None:
        row = self.db.execute("SELECT name, data_at, method, compressed, crc FROM member WHERE name = ?", (name,)).fetchone()
        return None if row is None else LocalMember(*row)

    def close(self) -> None:
        self.db.close()


def find(path: Path, wanted: tuple[str, ...]) -> LocalMember | None:
    """The first member whose name's last part is one of ``wanted`` (lower case), found by walking the local headers
    from the start of the file; None when the walk reaches the cut, or something that is not a local header, first."""
    size = path.stat().st_size
    with open(path, "rb") as handle:
        at = 0
        for _ in range(MAX_MEMBERS):
            member = _header(handle, at, size)
            if member is None:
                return None
            if member.name.replace("\\", "/").rsplit("/", 1)[-1].lower() in wanted:
                if member.method not in (STORED, DEFLATED):
                    raise CorruptInput(f"{path}: {member.name.rsplit('/', 1)[-1]} is compressed by a method this reader cannot read")
                return member
            end = _end(handle, member, size)
            if end is None:
                return None
            at = end
    raise HostileInput(f"{path}: over {MAX_MEMBERS:,} members before the one asked for; refused")


def _header(handle: IO[bytes], at: int, size: int) -> LocalMember | None:
    handle.seek(at)
    raw = handle.read(HEADER.size)
    if len(raw) < HEADER.size or raw[:4] != LOCAL:
        return None
    _, _, flags, method, _, _, crc, compressed, _, name_length, extra_length = HEADER.unpack(raw)
    name = handle.read(name_length)
    data_at = at + HEADER.size + name_length + extra_length
    if len(name) < name_length or data_at > size:
        return None
    if flags & 0x1:
        raise EncryptedInput(f"{handle.name}: an archive member is encrypted")
    described = bool(flags & 0x8)
    if compressed == 0xFFFFFFFF and not described:  # zip64: the size is in the extra field
        extra = handle.read(extra_length)
        compressed = _zip64_compressed(extra)
    text = name.decode("utf-8" if flags & 0x800 else "cp437", errors="replace")
    return LocalMember(text, data_at, method, None if described else compressed, None if described else crc)


def _zip64_compressed(extra: bytes) -> int | None:
    at = 0
    while at + 4 <= len(extra):
        tag, length = struct.unpack("<HH", extra[at : at + 4])
        if tag == 0x0001 and length >= 16:
            return struct.unpack("<Q", extra[at + 12 : at + 20])[0]
        at += 4 + length
    return None


def _end(handle: IO[bytes], member: LocalMember, size: int) -> int | None:
    """Where the next local header begins: after the data and any data descriptor; None when it is past the cut or
    cannot be known (a stored member of unknown size)."""
    if member.compressed is not None:
        end = member.data_at + member.compressed
        return end if end <= size else None
    if member.method != DEFLATED:
        return None
    inflate = zlib.decompressobj(-15)
    handle.seek(member.data_at)
    used = made = 0
    while not inflate.eof:
        chunk = handle.read(CHUNK)
        if not chunk or made > MAX_MEMBER:  # the cut, or a bomb: the walk stops here
            return None
        try:
            made += len(inflate.decompress(chunk, CHUNK))
            while inflate.unconsumed_tail and not inflate.eof and made <= MAX_MEMBER:
                made += len(inflate.decompress(inflate.unconsumed_tail, CHUNK))
        except zlib.error:
            return None
        used += len(chunk) - len(inflate.unused_data)
    end = member.data_at + used
    handle.seek(end)
    descriptor = handle.read(4)
    return end + (16 if descriptor == b"PK\x07\x08" else 12)


class LocalStream:
    """A member's content, read from its local header on: inflated when deflated; it ends at the member's end or at the
    cut, whichever comes first, and never gives more than ``MAX_MEMBER`` bytes."""

    def __init__(self, path: Path, member: LocalMember) -> None:
        self.path, self.member = path, member
        self.handle = open(path, "rb")  # noqa: SIM115 (closed by close())
        self.handle.seek(member.data_at)
        self.left = member.compressed if member.compressed is not None else float("inf")
        self.inflate = zlib.decompressobj(-15) if member.method == DEFLATED else None
        self.given = 0
        self.pending = b""
        self._at_cut = False
        self.crc = 0

    def read(self, n: int = -1) -> bytes:
        want = n if n is not None and n > 0 else CHUNK
        while len(self.pending) < want and not self._done():
            self.pending += self._more()
        out, self.pending = self.pending[:want], self.pending[want:]
        self.given += len(out)
        self.crc = zlib.crc32(out, self.crc)
        if not out and self.member.crc is not None and not self._at_cut and self.crc != self.member.crc:
            raise CorruptInput(f"{self.path}: an archive member is damaged (its CRC does not match)")
        if self.given > MAX_MEMBER:
            raise HostileInput(f"{self.path}: archive member is over {MAX_MEMBER >> 30} GB (decompression bomb?)")
        return out

    def _done(self) -> bool:
        if self.inflate is not None:
            return self.inflate.eof or (self.left <= 0 and not self.inflate.unconsumed_tail) or self._at_cut
        return self.left <= 0 or self._at_cut

    def _more(self) -> bytes:
        if self.inflate is not None and self.inflate.unconsumed_tail:
            return self.inflate.decompress(self.inflate.unconsumed_tail, CHUNK)
        raw = self.handle.read(int(min(CHUNK, self.left)))
        if not raw:
            self._at_cut = True
            return b""
        self.left -= len(raw)
        if self.inflate is None:
            return raw
        try:
            return self.inflate.decompress(raw, CHUNK)
        except zlib.error:  # damaged from here: what came before is given, the parser finds where it stops
            self._at_cut = True
            return b""

    def close(self) -> None:
        self.handle.close()

    def __enter__(self) -> LocalStream:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
