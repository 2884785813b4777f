"""The ``ingest.files`` stage: walk files and folders, hash, sniff, and quarantine the unreadable.

Hashing streams the file in blocks, so a multi-gigabyte extraction never sits in memory.
The media type comes from the content (magic bytes), not the file name.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterator, Sequence
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from redactor.errors import EmptyInput, InputError, TooLargeInput
from redactor.records import Discovered, Quarantined
from redactor.stages import StageContext, register

BLOCK = 1 << 20


class IngestSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    max_file_mb: int = 4096
    include_hidden: bool = False


OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Compound File: Outlook .msg, Word .doc, encrypted Office files
HEIF_BRANDS = (b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1")
HTML = re.compile(
    rb"(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>]|meta[\s>]|title[\s>])",
    re.IGNORECASE | re.DOTALL,
)


def sniff(head: bytes) -> str:
    """The media type from the first bytes of a file."""
    if head.startswith(b"%PDF-") or b"%PDF-" in head[:1024]:
        return "application/pdf"
    if head.startswith(OLE):
        return "application/x-ole-storage"
    if head[4:8] == b"ftyp" and head[8:12] in HEIF_BRANDS:
        return "image/heic"
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return "application/zip"
    if head.startswith((b"\x89PNG\r\n\x1a\n",)):
        return "image/png"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith((b"II*\x00", b"MM\x00*")):
        return "image/tiff"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "image/gif"
    if head.startswith(b"BM") and len(head) > 14 and head[6:10] == b"\x00\x00\x00\x00":
        return "image/bmp"
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return "image/webp"
    if head.startswith(b"SQLite format 3\x00"):
        return "application/vnd.sqlite3"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) and HTML.match(_utf16_head(head).lstrip(b" \t\r\n")[:2048]):
        return "text/html"  # an HTML page saved as UTF-16 (Windows "Unicode"), read by the HTML reader, which decodes it
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"{\\rtf"):
        return "application/rtf"
    if HTML.match(stripped[:2048]):
        return "text/html"
    if stripped.startswith(b"<?xml") or stripped.startswith(b"<"):
        return "application/xml"
    if stripped.startswith((b"{", b"[")):
        return "application/json"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "text/plain"
    if b"\x00" in head:
        return "application/octet-stream"
    return "text/plain"


def _utf16_head(head: bytes) -> bytes:
    """The start of a UTF-16 text (after its byte order mark) as UTF-8, for the markup checks."""
    encoding = "utf-16-le" if head.startswith(b"\xff\xfe") else "utf-16-be"
    body = head[2:]
    return body[: len(body) // 2 * 2].decode(encoding, "replace").encode("utf-8")


def hash_file(path: Path) -> tuple[str, int, bytes]:
    digest, size, head = hashlib.sha256(), 0, b""
    with open(path, "rb") as handle:
        while block := handle.read(BLOCK):
            if not head:
                head = block[:8192]
            digest.update(block)
            size += len(block)
    return digest.hexdigest(), size, head


def walk(paths: Sequence[Path], include_hidden: bool) -> Iterator[Path]:
    """Files under the given paths, in a stable order; folders are walked recursively."""
    for path in paths:
        if path.is_dir():
            for root, dirs, files in os.walk(path, followlinks=False):
                dirs[:] = sorted(d for d in dirs if include_hidden or not d.startswith("."))
                for name in sorted(files):
                    if include_hidden or not name.startswith("."):
                        yield Path(root) / name
        else:
            yield path


@register("ingest.files", kind="ingest", settings=IngestSettings)
def ingest_files(settings: IngestSettings, ctx: StageContext):
    """Walk files and folders, hash each file (SHA-256), sniff its type from content."""
    limit = settings.max_file_mb * (1 << 20)

    def run(paths: Sequence[Path]) -> Iterator[Discovered | Quarantined]:
        for path in walk(paths, settings.include_hidden):
            try:
                yield check(path, limit)
            except InputError as exc:
                yield Quarantined(str(path), "ingest", exc.code, str(exc))

    return run


COMPANION = re.compile(r"^(?P<database>.+)-(?:wal|shm)$")


def _empty_companion(path: Path) -> bool:
    """An empty write-ahead log or shared-memory index beside its database: SQLite leaves one after a checkpoint, and
    there is nothing in it to read (the device readers take it with its database)."""
    m = COMPANION.match(path.name)
    return m is not None and path.with_name(m["database"]).is_file()


def check(path: Path, limit: int) -> Discovered:
    if not path.exists():
        raise InputError(f"{path}: no such file", hint="check the path")
    if not path.is_file():
        raise InputError(f"{path}: not a regular file")
    try:
        size = path.stat().st_size
        if size == 0 and not _empty_companion(path):
            raise EmptyInput(f"{path}: file is empty")
        if size > limit:
            raise TooLargeInput(f"{path}: {size} bytes is over the {limit >> 20} MB limit")
        digest, size, head = hash_file(path)
    except PermissionError:
        raise InputError(f"{path}: permission denied", hint="give the tool read access to the file") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror})") from None
    return Discovered(path, digest, size, sniff(head) if size else "application/octet-stream")  # an empty companion: no text
