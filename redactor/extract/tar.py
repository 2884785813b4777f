"""Tar archives and single compressed files: every member a source of its own, as in a zip (``archive.py``).

Some extraction tools write a phone's file system as a tar (``.tar``, or compressed: ``.tar.gz``/``.tgz``,
``.tar.bz2``, ``.tar.xz``), and suppliers compress single exports (``messages.json.gz``). Before, each was quarantined
as an unsupported file and nothing in it was read.

- **A tar**: read with the standard library's ``tarfile``; its headers are walked once first, so the limits are known
  before anything is written: more than ``archive.MAX_MEMBERS`` files or ``archive.MAX_TOTAL`` bytes refuse it whole.
  Each regular file is copied under ``work/derived`` (its name sanitised there: a member's path is never used as a
  path) and extracted through the whole pipeline. A member named with a ``..`` path is refused alone
  (a hostile archive's sign; one written from the root is read relative to the archive), and links, devices and folders are not files: they are listed, not copied. One item lists
  the members' names, as for a zip.
- **A single compressed file** (gzip, bzip2, xz, not a tar): decompressed under ``work/derived`` as the file it holds
  (its name without the compression's suffix), at most ``safe.MAX_MEMBER`` bytes and, past ``safe.MIN_BOMB`` bytes,
  at most ``safe.MAX_RATIO`` times its compressed size (a decompression bomb is refused).
- A damaged or cut-short archive is refused as damaged (E033), naming the file.
"""

from __future__ import annotations

import bz2
import gzip
import lzma
import tarfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from redactor.errors import CorruptInput, HostileInput
from redactor.extract import extractor, filesystem
from redactor.extract.archive import MAX_MEMBERS, MAX_TOTAL
from redactor.extract.device import common, safe
from redactor.records import DerivedFile, Item, Refused, Source
from redactor.stages import StageContext

COMPRESSED = {b"\x1f\x8b": ("gzip", gzip.open), b"BZh": ("bzip2", bz2.open), b"\xfd7zXZ\x00": ("xz", lzma.open)}
SUFFIXES = (".gz", ".tgz", ".bz2", ".tbz2", ".xz", ".txz")
MAX_ENTRIES = 5 * MAX_MEMBERS  # headers of any kind (folders, links): a tar of millions of them would fill memory
DAMAGED = (tarfile.TarError, EOFError, zlib.error, OSError, lzma.LZMAError, ValueError)


def _compression(head: bytes) -> tuple[str, object] | None:
    return next((kind for magic, kind in COMPRESSED.items() if head.startswith(magic)), None)


def _is_tar(path: Path, head: bytes) -> bool:
    if head[257:262] == b"ustar":
        return True
    if _compression(head) is None:
        return False
    try:
        with tarfile.open(path, "r:*") as archive:
            return archive.next() is not None
    except DAMAGED:
        return False


def _accepts_tar(source: Source, path: Path, head: bytes) -> bool:
    return source.media_type in ("application/octet-stream", "text/plain") and _is_tar(path, head)


def _accepts_compressed(source: Source, path: Path, head: bytes) -> bool:
    return source.media_type == "application/octet-stream" and _compression(head) is not None


@extractor("tar-archive", accepts=_accepts_tar, priority=700)
def extract_tar(source: Source, path: Path, ctx: StageContext) -> Iterator[Item | DerivedFile | Refused]:
    try:
        with tarfile.open(path, "r:*") as archive:
            members, system = _walk(archive, path)
            if system:  # a phone's file system: its stores only (filesystem.py)
                files = (_member(archive, m) for m in members if m.isreg())
                yield from filesystem.read(files, source, path, ctx.work_dir, "tar archive")
                return
            names = [m.name for m in members]
            derived: list[DerivedFile | Refused] = []
            for member in members:
                if not member.isreg():
                    continue
                locator = common.MEMBER + member.name
                if safe.unsafe_member(member.name):
                    refusal = HostileInput(f"{path}: {locator}: a '..' path (zip slip); refused")
                    derived.append(Refused(locator, refusal.code, str(refusal)))
                    continue
                raw = archive.extractfile(member)
                if raw is None:
                    continue
                with raw:
                    stream = safe.Bounded(raw, member.size, path)
                    target, _, _ = common.write_derived(ctx.work_dir, source, locator, safe.member_name(member.name), stream)
                derived.append(DerivedFile(target, safe.member_name(member.name), locator))
    except DAMAGED as exc:
        raise CorruptInput(f"{path}: the tar archive is damaged or cut short ({type(exc).__name__})") from None
    listing = "\n".join(names) or None
    yield common.make_item(source, "contents", "document", "tar archive: contents", [("text", listing)], {"format": "tar"})
    yield from derived


def _walk(archive: tarfile.TarFile, path: Path) -> tuple[list[tarfile.TarInfo], bool]:
    """Every member's header, and whether the archive is a phone's file system (``filesystem.is_file_system``), the
    limits checked as they come (nothing is written before all are read). A file system may list up to
    ``filesystem.MAX_FILES`` files (only its stores are copied); any other archive, ``MAX_MEMBERS`` files,
    ``MAX_ENTRIES`` headers and ``MAX_TOTAL`` bytes."""
    members: list[tarfile.TarInfo] = []
    files, total, system = 0, 0, None
    for member in archive:
        members.append(member)
        if len(members) > MAX_ENTRIES and system is None:  # decided once, on the first headers
            system = filesystem.is_file_system(m.name for m in members if m.isreg())
        if len(members) > (filesystem.MAX_FILES if system else MAX_ENTRIES):
            raise HostileInput(f"{path}: the archive holds more than {len(members) - 1:,} entries; refused")
        if member.isreg():
            files, total = files + 1, total + member.size
    if system is None:
        system = filesystem.is_file_system(m.name for m in members if m.isreg())
    if not system and files > MAX_MEMBERS:
        raise HostileInput(f"{path}: the archive holds more than {MAX_MEMBERS} files; refused")
    if not system and total > MAX_TOTAL:
        raise HostileInput(f"{path}: the archive expands to more than {MAX_TOTAL >> 30} GB; refused (decompression bomb?)")
    return members, system


def _member(archive: tarfile.TarFile, member: tarfile.TarInfo) -> filesystem.Member:
    return filesystem.Member(member.name, member.size, lambda: archive.extractfile(member))


@extractor("compressed-file", accepts=_accepts_compressed, priority=710)
def extract_compressed(source: Source, path: Path, ctx: StageContext) -> Iterator[Item | DerivedFile]:
    with open(path, "rb") as handle:
        kind, opener = _compression(handle.read(8)) or ("", None)
    name = path.name
    for suffix in SUFFIXES:
        if name.lower().endswith(suffix) and len(name) > len(suffix):
            name = name[: -len(suffix)] + (".tar" if suffix.startswith(".t") and suffix != ".tar" else "")
            break
    compressed = max(path.stat().st_size, 1)
    try:
        with opener(path, "rb") as raw:  # type: ignore[operator]
            stream = _Ratio(raw, compressed, path)
            target, _, size = common.write_derived(ctx.work_dir, source, "decompressed", name, stream, limit=safe.MAX_MEMBER)
    except DAMAGED as exc:
        raise CorruptInput(f"{path}: the {kind} file is damaged or cut short ({type(exc).__name__})") from None
    about = f"{kind}-compressed file holding {name} ({size:,} bytes)"
    yield common.make_item(source, "contents", "document", f"{kind} file: contents", [("text", name)], {"format": kind, "about": about})
    yield DerivedFile(target, name, "decompressed")


class _Ratio:
    """A stream that refuses to expand past ``safe.MAX_RATIO`` times the compressed size once past ``safe.MIN_BOMB``."""

    def __init__(self, raw: IO[bytes], compressed: int, path: Path) -> None:
        self.raw, self.compressed, self.path, self.out = raw, compressed, path, 0

    def read(self, n: int = -1) -> bytes:
        data = self.raw.read(n if n is not None and n >= 0 else 1 << 20)
        self.out += len(data)
        if self.out > safe.MIN_BOMB and self.out > safe.MAX_RATIO * self.compressed:
            raise HostileInput(
                f"{self.path}: expands past {self.out >> 20} MB from {self.compressed >> 10} KB; refused (decompression bomb?)"
            )
        return data
