"""Safe opening of hostile containers: XML without DTDs or entities, zips without escapes or bombs.

- XML is stream-parsed with lxml (``resolve_entities=False``, ``no_network``, ``huge_tree`` off,
  no DTD loading) and any document type declaration is refused outright: device exports never
  need one, and it is how external-entity (XXE) and entity-expansion (billion laughs) attacks
  arrive. Syntax errors (a truncated file, invalid UTF-8) become :class:`CorruptInput`.
- Zips are refused when a member name climbs out with ``..`` (zip slip; a name written from the root is read
  relative to the archive, see :func:`unsafe_member`), and a
  member whose expansion ratio or size is implausible is refused as a decompression bomb.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import IO

from lxml import etree

from redactor.errors import CorruptInput, EmptyInput, HostileInput
from redactor.extract.device import common
from redactor.extract.device.zipindex import IndexedZip
from redactor.records import DerivedFile, Source

DTD = re.compile(rb"<!(DOCTYPE|ENTITY)", re.IGNORECASE)
MAX_RATIO = 200  # uncompressed / compressed, for members over MIN_BOMB bytes
MIN_BOMB = 50 << 20
MAX_MEMBER = 8 << 30


def check_xml_head(head: bytes, path: Path | str) -> None:
    if DTD.search(head):
        raise HostileInput(f"{path}: XML declares a DTD or entities (possible XXE or entity expansion); refused")


def iterparse(
    stream: IO[bytes],
    path: Path | str,
    events: tuple[str, ...] = ("start", "end"),
    tag: str | tuple[str, ...] | None = None,
    huge_values: bool = False,
) -> Iterator[tuple[str, etree._Element]]:
    """Stream ``(event, element)`` pairs; the caller clears elements it has finished with.

    ``huge_values`` lifts libxml2's 10 MB limit on one text or attribute value (SMS Backup &
    Restore keeps MMS photos and videos base64-encoded in an attribute). It is safe only
    because any DTD, hence any entity, is refused: a value can be no larger than the file.
    """
    kwargs = dict(
        events=events,
        resolve_entities=False,
        no_network=True,
        huge_tree=huge_values,
        load_dtd=False,
        dtd_validation=False,
        remove_comments=True,
        remove_pis=True,
        recover=False,
    )
    if tag is not None:
        kwargs["tag"] = tag
    first = True
    try:
        events_in = etree.iterparse(stream, **kwargs)
        for event, elem in events_in:  # the first event only: check the document type, then delegate
            first = False
            info = elem.getroottree().docinfo
            if info.doctype or info.internalDTD is not None:
                raise HostileInput(f"{path}: XML declares a DTD or entities (possible XXE or entity expansion); refused")
            yield event, elem
            break
        yield from events_in  # no Python-level loop per event (hot path: millions of events)
    except etree.XMLSyntaxError as exc:
        if first and "Document is empty" in str(exc):
            raise EmptyInput(f"{path}: the XML document is empty") from None
        if "entit" in str(exc).lower():
            raise HostileInput(f"{path}: XML uses undeclared or recursive entities; refused") from None
        if "huge" in str(exc).lower() or "too long" in str(exc).lower():
            raise CorruptInput(f"{path}: XML value over 10 MB at line {exc.lineno}; refused as implausible for this format") from None
        error = CorruptInput(f"{path}: not well-formed XML at line {exc.lineno} (truncated or not UTF-8?)")
        error.line = exc.lineno  # type: ignore[attr-defined]  # where a reader that read what came before refuses the rest
        raise error from None
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise CorruptInput(f"{path}: the archive is damaged ({type(exc).__name__})") from None


def strip_ns(tag: object) -> str:
    text = tag if isinstance(tag, str) else ""
    return text.rsplit("}", 1)[-1]


def release(elem: etree._Element) -> None:
    """Free a finished element and the siblings before it (bounded memory while streaming)."""
    elem.clear(keep_tail=False)
    parent = elem.getparent()
    if parent is not None:
        while elem.getprevious() is not None:
            del parent[0]


# -- zip -------------------------------------------------------------------------------------
def unsafe_member(name: str) -> bool:
    """Whether a member's path climbs out of the archive: a ``..`` part (zip slip), or a NUL.

    A path written from the root (``/private/var/mobile/...``: full-file-system extractions are zipped so, Magnet's and
    the iLEAPP test phones' among them; ``\\x`` or ``C:\\x`` from Windows tools) is no escape: it is read relative to
    the archive, as ``zipfile`` and ``tarfile`` extract it, for no copy is ever written to a member's own path. Each is
    written from the path's parts under the source's own folder (``common.derived_path``: empty, ``.`` and ``..`` parts
    dropped, each part sanitised, the result checked to lie inside the folder). Refusing it refused a whole phone.
    """
    return ".." in re.split(r"[\\/]", name) or "\x00" in name


def rooted(name: str) -> bool:
    """Whether a member's path is written from the root (``/x``, ``\\x``, ``C:\\x``): read relative to the archive
    (:func:`unsafe_member`); an Office package, which never writes one, refuses it (``package.open_package``)."""
    return name.startswith(("/", "\\")) or bool(re.match(r"^[A-Za-z]:", name))


@contextmanager
def open_zip(path: Path, indexed: bool = False) -> Iterator[zipfile.ZipFile]:
    """The archive at ``path``, refused when damaged or when a member's path has a '..' part; ``indexed``:
    its table of contents waits in a temporary file (:class:`~redactor.extract.device.zipindex.IndexedZip`)."""
    bad: list[str] = []
    try:
        archive = (
            IndexedZip(path, check=lambda name: bad.append(name) if unsafe_member(name) else None) if indexed else zipfile.ZipFile(path)
        )
    except zipfile.BadZipFile:
        raise CorruptInput(f"{path}: the zip archive is truncated or damaged (no central directory)") from None
    except OSError as exc:
        raise CorruptInput(f"{path}: cannot read the archive ({exc.strerror})") from None
    with archive:
        if not indexed:
            bad = [info.filename for info in archive.infolist() if unsafe_member(info.filename)]
        if bad:
            raise HostileInput(f"{path}: {len(bad)} archive member(s) have '..' paths (zip slip); refused")
        yield archive


def check_member(path: Path, info: zipfile.ZipInfo) -> None:
    if info.flag_bits & 0x1:
        from redactor.errors import EncryptedInput

        raise EncryptedInput(f"{path}: archive member is encrypted")
    if info.file_size > MAX_MEMBER or (info.file_size > MIN_BOMB and info.file_size > MAX_RATIO * max(info.compress_size, 1)):
        raise HostileInput(
            f"{path}: archive member expands to {info.file_size >> 20} MB from {info.compress_size >> 10} KB (decompression bomb?)"
        )


class Bounded:
    """A read-only stream that refuses to deliver more than ``limit`` bytes and maps zip errors."""

    def __init__(self, raw: IO[bytes], limit: int, path: Path) -> None:
        self.raw, self.left, self.path = raw, limit, path

    def read(self, n: int = -1) -> bytes:
        try:
            data = self.raw.read(n if n is not None and n >= 0 else 1 << 20)
        except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
            raise CorruptInput(f"{self.path}: the archive is damaged or truncated ({type(exc).__name__})") from None
        self.left -= len(data)
        if self.left < 0:
            raise HostileInput(f"{self.path}: archive member is larger than its header says (decompression bomb?)")
        return data


def zip_opens(path: Path) -> bool:
    """Whether ``path`` opens as a zip (its table of contents can be read)."""
    try:
        zipfile.ZipFile(path).close()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    return True


def member_name(filename: str) -> str:
    """A member's file name without its folders ("photos/IMG-1.jpg" -> "IMG-1.jpg"; Windows separators too)."""
    return PurePosixPath(filename.replace("\\", "/")).name


def copy_member(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, source: Source, path: Path, work_dir: Path
) -> tuple[DerivedFile, str, int]:
    """One checked member copied under ``work/derived`` (bounded by its declared size), as a derived source,
    with its SHA-256 and size."""
    check_member(path, info)
    name, locator = member_name(info.filename), common.MEMBER + info.filename
    with archive.open(info) as raw:
        target, digest, size = common.write_derived(work_dir, source, locator, name, Bounded(raw, info.file_size, path))
    return DerivedFile(target, name, locator), digest, size


def first_member_name(head: bytes) -> str:
    """The name of the first member from a zip's local header (works on truncated archives)."""
    if not head.startswith(b"PK\x03\x04") or len(head) < 30:
        return ""
    length = int.from_bytes(head[26:28], "little")
    return head[30 : 30 + length].decode("utf-8", "replace")
