"""The people a case knows, held compactly: compressed blocks of JSON lines instead of a record each.

A phone's address book can hold a million cards. As ``Person`` records they cost about a gigabyte in
a process (and more again when pickled for a worker); a :class:`PeopleTable` holds the same people as
one JSON line each, compressed by blocks (about 30 bytes a person), and makes a ``Person`` only when
one is asked for. It is an immutable ``Sequence[Person]``: stages read it as they read a tuple of people,
in the same order. It is what the case snapshot carries (``CaseStore.snapshot``), and what reaches
detection workers: the runner writes it once per run to a file in the case's work folder
(:meth:`PeopleTable.save`), named by its content hash, and a worker plan names that file; a Dask plan
carries its bytes.
"""

from __future__ import annotations

import hashlib
import json
import zlib
from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, overload

from redactor.errors import CaseError
from redactor.records import Person

MAGIC = b"RDPEOPLE3\n"  # 3: blocks of 32 people (2: 256)
BLOCK = 32  # people compressed together (a read of one person decompresses about 3 kB: 15 us, against 84 us for 256)
HELD = 8  # blocks kept decompressed, the older half dropped when full (a text's and an item's people are read again at once)
_decode = json.JSONDecoder().decode


def _line(values: Sequence[Any]) -> bytes:
    return json.dumps(values, separators=(",", ":")).encode("ascii")


class PeopleTable(Sequence[Person]):
    """People as JSON lines, compressed a block of ``BLOCK`` people at a time; ``table[i]`` is the i-th ``Person``."""

    __slots__ = ("_blocks", "_ends", "_held", "__dict__")

    def __init__(self, blocks: list[bytes], ends: array) -> None:
        self._blocks = blocks  # zlib-compressed lines of BLOCK people each
        self._ends = ends  # ends[i]: where person i's line ends in its block's text
        self._held: dict[int, bytes] = {}  # block number -> its text: of the blocks read last, up to HELD

    @classmethod
    def of(cls, people: Iterable[Person]) -> PeopleTable:
        """A table of ``people`` (any iterable: they are read once, one at a time)."""
        if isinstance(people, PeopleTable):
            return people
        rows = ((p.person_id, p.name, list(p.aliases), list(p.phones), list(p.emails), p.role, p.origin, p.device_owner) for p in people)
        return cls._build(_line(r) for r in rows)

    @classmethod
    def from_rows(cls, rows: Iterable[Sequence[Any]]) -> PeopleTable:
        """A table of the case's ``people`` rows (``person_id, name, aliases, phones, emails, role, origin, device_owner``,
        the lists as the JSON text the case stores), without making a ``Person`` of any of them."""
        return cls._build(
            b"[%s,%s,%s,%s,%s,%s,%s,%s]"
            % (
                _line(r[0]),
                _line(r[1]),
                r[2].encode(),
                r[3].encode(),
                r[4].encode(),
                _line(r[5]),
                _line(r[6]),
                b"true" if r[7] else b"false",
            )
            for r in rows
        )

    @classmethod
    def _build(cls, lines: Iterable[bytes]) -> PeopleTable:
        blocks: list[bytes] = []
        ends, block = array("i"), bytearray()
        for line in lines:
            block += line
            ends.append(len(block))
            if len(ends) % BLOCK == 0:
                blocks.append(zlib.compress(bytes(block), 1))
                block = bytearray()
        if len(ends) % BLOCK:
            blocks.append(zlib.compress(bytes(block), 1))
        return cls(blocks, ends)

    def __len__(self) -> int:
        return len(self._ends)

    @overload
    def __getitem__(self, index: int) -> Person: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[Person, ...]: ...
    def __getitem__(self, index: int | slice) -> Person | tuple[Person, ...]:
        if isinstance(index, slice):
            return tuple(self[i] for i in range(*index.indices(len(self))))
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError("person index out of range")
        start = self._ends[index - 1] if index % BLOCK else 0
        pid, name, aliases, phones, emails, role, origin, owner = _decode(self._block(index // BLOCK)[start : self._ends[index]].decode())
        return Person(pid, name, tuple(aliases), tuple(phones), tuple(emails), role, origin, owner)

    def _block(self, number: int) -> bytes:
        """Block ``number``'s text, decompressed (once while it is among the last ``HELD`` read)."""
        held = self._held
        text = held.get(number)
        if text is None:
            if len(held) >= HELD:  # the newer half stays, in a new dict (a table may be read by several threads)
                self._held = held = dict(list(held.items())[HELD // 2 :])
            text = held[number] = zlib.decompress(self._blocks[number])
        return text

    def __iter__(self) -> Iterator[Person]:
        return (self[i] for i in range(len(self)))

    @cached_property
    def key(self) -> str:
        """The content hash: the same people in the same order, the same key."""
        digest = hashlib.sha256(self._ends.tobytes())
        for block in self._blocks:
            digest.update(len(block).to_bytes(8, "little"))
            digest.update(block)
        return digest.hexdigest()

    def __eq__(self, other: object) -> bool:
        if isinstance(other, PeopleTable):
            return self.key == other.key
        if isinstance(other, Sequence) and not isinstance(other, str | bytes):
            return len(other) == len(self) and all(a == b for a, b in zip(self, other, strict=True))
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.key)

    def __repr__(self) -> str:
        return f"PeopleTable({len(self)} people, {sum(map(len, self._blocks)) + 4 * len(self._ends)} bytes)"

    def __reduce__(self) -> tuple[Any, ...]:
        return (PeopleTable.from_bytes, (self.to_bytes(),))

    def to_bytes(self) -> bytes:
        sizes = array("q", (len(b) for b in self._blocks))
        head = MAGIC + len(self).to_bytes(8, "little") + len(self._blocks).to_bytes(8, "little")
        return b"".join([head, self._ends.tobytes(), sizes.tobytes(), *self._blocks])

    @classmethod
    def from_bytes(cls, data: bytes) -> PeopleTable:
        if not data.startswith(MAGIC):
            raise CaseError("not a people table written by this tool", hint="run the case again to rebuild its work files")
        at = len(MAGIC)
        count, nblocks = int.from_bytes(data[at : at + 8], "little"), int.from_bytes(data[at + 8 : at + 16], "little")
        at += 16
        ends, sizes = array("i"), array("q")
        ends.frombytes(data[at : at + 4 * count])
        at += 4 * count
        sizes.frombytes(data[at : at + 8 * nblocks])
        at += 8 * nblocks
        blocks = []
        for size in sizes:
            blocks.append(data[at : at + size])
            at += size
        return cls(blocks, ends)

    def save(self, folder: Path) -> Path:
        """Write the table to ``folder`` once (the file is named by the content hash) and return its path."""
        path = Path(folder) / f"people-{self.key[:32]}.bin"
        if not path.is_file():
            tmp = path.with_suffix(".tmp")
            tmp.write_bytes(self.to_bytes())
            tmp.replace(path)
        return path

    @classmethod
    def load(cls, path: str | Path, key: str) -> PeopleTable:
        """The table saved at ``path``; refused unless its content hash is ``key``."""
        try:
            table = cls.from_bytes(Path(path).read_bytes())
            found = table.key
        except (ValueError, zlib.error):
            found = ""
        if found != key:
            raise CaseError(f"{path}: the people table changed after the run wrote it", hint="run the case again")
        return table


@dataclass(frozen=True, slots=True)
class PeopleFile:
    """A :class:`PeopleTable` saved in the case's work folder, as a worker's plan names it (a few bytes to send
    with every batch, where the people themselves may be a hundred megabytes)."""

    path: str
    key: str
    count: int

    def load(self) -> PeopleTable:
        return PeopleTable.load(self.path, self.key)


def shipped(people: Sequence[Person], work_dir: Path) -> tuple[Person, ...] | PeopleFile:
    """``people`` as a plan carries them to another process: saved once in ``work_dir`` (none: an empty tuple)."""
    if not len(people):
        return ()
    table = PeopleTable.of(people)
    Path(work_dir).mkdir(parents=True, exist_ok=True)
    return PeopleFile(str(table.save(work_dir)), table.key, len(table))


def received(people: Sequence[Person] | PeopleFile) -> Sequence[Person]:
    """The people a plan carries, read back (a :class:`PeopleFile` is loaded and checked against its hash)."""
    return people.load() if isinstance(people, PeopleFile) else people
