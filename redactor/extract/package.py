"""Opening Office packages (zip + XML: ``.xlsx``, ``.docx`` parts) before any parser sees them.

Refused before parsing: member names that are absolute or climb out with ``..`` (zip slip),
members or packages that expand implausibly (decompression bombs), encrypted members, and any
XML or relationship part that declares a DTD or entities (XXE, billion laughs). The DTD scan
reads each XML part whole (streamed in blocks), so a declaration hidden after a long prolog is
still found. A zip that cannot be opened at all is reported as damaged (E033), not as an
unsupported type.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from redactor.errors import CorruptInput, HostileInput
from redactor.extract import extractor
from redactor.extract.device.safe import check_member, first_member_name, rooted, unsafe_member, zip_opens
from redactor.extract.docx import check_package
from redactor.records import Item, Source
from redactor.stages import StageContext

DTD = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
XML_SUFFIXES = (".xml", ".rels", ".vml")


def has_members(path: Path, *names: str) -> bool:
    try:
        with zipfile.ZipFile(path) as zf:
            present = set(zf.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    return all(n in present for n in names)


def scan_for_dtd(zf: zipfile.ZipFile, info: zipfile.ZipInfo, path: Path) -> None:
    tail = b""
    try:
        with zf.open(info) as stream:
            while block := stream.read(1 << 20):
                if DTD.search(tail + block):
                    raise HostileInput(
                        f"{path}: part {info.filename} declares a DTD or entities (possible XXE or entity expansion); refused"
                    )
                tail = block[-16:]
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise CorruptInput(f"{path}: part {info.filename} is damaged ({type(exc).__name__})") from None


@contextmanager
def open_package(path: Path, kind: str) -> Iterator[zipfile.ZipFile]:
    """A checked Office package; ``kind`` names it in errors ("Excel workbook")."""
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise CorruptInput(f"{path}: {kind} cannot be opened ({type(exc).__name__})") from None
    with zf:
        if any(unsafe_member(info.filename) or rooted(info.filename) for info in zf.infolist()):
            raise HostileInput(f"{path}: {kind} has members with absolute or '..' paths (zip slip); refused")
        check_package(zf, path)
        for info in zf.infolist():
            check_member(path, info)
            if info.filename.lower().endswith(XML_SUFFIXES):
                scan_for_dtd(zf, info, path)
        yield zf


def _unreadable_zip(source: Source, path: Path, head: bytes) -> bool:
    return source.media_type == "application/zip" and not zip_opens(path)


@extractor("damaged-zip", accepts=_unreadable_zip, priority=950)
def refuse_damaged_zip(source: Source, path: Path, ctx: StageContext) -> Iterator[Item]:
    """A zip (Office document, UFDR, archive) that cannot be opened at all: say it is damaged, not unsupported."""
    first = first_member_name(path.read_bytes()[:1024])
    what = (
        "an Office document"
        if first in ("[Content_Types].xml", "mimetype") or first.startswith(("word/", "xl/", "docProps/"))
        else "a zip archive"
    )
    raise CorruptInput(f"{path}: {what} that is truncated or damaged (its table of contents cannot be read)")
