"""Legacy Word ``.doc`` (Word 97-2003 binary), read by Debian's ``catdoc``.

Recognised by content: a compound file (``application/x-ole-storage``) with a ``WordDocument``
stream. An encrypted document (the FIB's ``fEncrypted`` flag) is refused as encrypted before
any tool sees it. ``catdoc`` (installed by ``make install`` through apt) runs as a separate
process: an argument list, never a shell; a fixed timeout; a minimal environment; UTF-8 output.
It reads the text stream as stored, so text Word keeps for tracked deletions is read too; a
fast-saved file (pieces out of order) is noted in ``meta``. Its error line, which names no
document text, becomes the quarantine reason. (antiword was tried first: it crashed at random
on small valid files, so its output could not be trusted to be complete.) Pictures inside a
``.doc`` are not extracted; the item's ``meta`` says so.

Encrypted OOXML files (a ``.docx`` or ``.xlsx`` with a password is a compound file holding an
``EncryptedPackage`` stream) are refused here too, as encrypted rather than unsupported, and so is
a compound file whose directory cannot be read at all (truncated), as damaged.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

from redactor.errors import CorruptInput, EmptyInput, EncryptedInput, StageError
from redactor.extract import extractor
from redactor.extract.device.common import clean_text
from redactor.extract.msg import ole_streams
from redactor.records import DOCUMENT, Item, Segment, Source, stable_id
from redactor.stages import StageContext

log = logging.getLogger(__name__)
TOOL = "catdoc"
TIMEOUT_S = 120
F_ENCRYPTED = 0x0100


def _accepts(source: Source, path: Path, head: bytes) -> bool:
    if source.media_type != "application/x-ole-storage":
        return False
    names = ole_streams(path)
    return names is not None and "WordDocument" in names


def _accepts_encrypted(source: Source, path: Path, head: bytes) -> bool:
    if source.media_type != "application/x-ole-storage":
        return False
    names = ole_streams(path)
    return names is not None and "EncryptedPackage" in names


@extractor("encrypted-office", accepts=_accepts_encrypted, priority=85)
def refuse_encrypted_office(source: Source, path: Path, ctx: StageContext) -> Iterator[Item]:
    """A password-protected .docx/.xlsx/.pptx: say so instead of "unsupported"."""
    raise EncryptedInput(f"{path}: Office document is password-protected (an encrypted package)")


def _accepts_damaged(source: Source, path: Path, head: bytes) -> bool:
    return source.media_type == "application/x-ole-storage" and ole_streams(path) is None


@extractor("damaged-compound-file", accepts=_accepts_damaged, priority=95)
def refuse_damaged_compound_file(source: Source, path: Path, ctx: StageContext) -> Iterator[Item]:
    """A compound file (.doc, .xls, .msg) whose directory cannot be read: damaged, not unsupported."""
    raise CorruptInput(f"{path}: Office or Outlook file is damaged (its compound-file directory cannot be read; truncated?)")


def _fib(path: Path) -> tuple[bool, int]:
    """From the File Information Block: is the document encrypted, and how many characters of main text it claims."""
    import olefile

    try:
        with olefile.OleFileIO(str(path)) as ole, ole.openstream("WordDocument") as stream:
            fib = stream.read(0x50)
    except Exception:  # noqa: BLE001 - a directory that names a stream the file does not hold
        raise CorruptInput(f"{path}: the Word text stream cannot be read (truncated or damaged)") from None
    if len(fib) < 0x50 or fib[:2] != b"\xec\xa5":
        raise CorruptInput(f"{path}: the Word text stream has no valid header (truncated or damaged)")
    return bool(int.from_bytes(fib[10:12], "little") & F_ENCRYPTED), int.from_bytes(fib[0x4C:0x50], "little")


def run_catdoc(path: Path) -> tuple[str, bool]:
    """The document's text, and whether catdoc warned that the file was fast-saved (complex)."""
    tool = shutil.which(TOOL)
    if tool is None:
        raise StageError(
            f"{path}: legacy Word files need '{TOOL}', which is not installed", hint="run 'make install' (it installs catdoc through apt)"
        )
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8", "HOME": "/nonexistent"}
    try:
        done = subprocess.run(  # noqa: S603 - an argument list, no shell; the path is passed as one argument
            [tool, "-d", "utf-8", "-w", "--", str(path)],
            capture_output=True,
            timeout=TIMEOUT_S,
            check=False,
            env=env,
            stdin=subprocess.DEVNULL,
        )
    except subprocess.TimeoutExpired:
        raise CorruptInput(f"{path}: reading the Word file took over {TIMEOUT_S} s; refused as damaged or hostile") from None
    errors = done.stderr.decode("utf-8", "replace").replace(str(path), "the file").strip().splitlines()
    if done.returncode != 0:
        detail = (
            clean_text(errors[-1])[:160]
            if errors
            else (f"crashed, signal {-done.returncode}" if done.returncode < 0 else f"exit status {done.returncode}")
        )
        raise CorruptInput(f"{path}: legacy Word file cannot be read ({TOOL}: {detail})")
    return done.stdout.decode("utf-8", "replace"), any("fast-saved" in line for line in errors)


@extractor("doc", accepts=_accepts, priority=90)
def extract_doc(source: Source, path: Path, ctx: StageContext) -> Iterator[Item]:
    encrypted, claimed = _fib(path)
    if encrypted:
        raise EncryptedInput(f"{path}: Word file is password-protected")
    raw, fast_saved = run_catdoc(path)
    text = clean_text(raw).replace("\r\n", "\n")
    text = "\n".join(line.rstrip() for line in text.split("\n")).strip("\n")
    if not text.strip() and claimed:
        raise CorruptInput(f"{path}: legacy Word file claims {claimed} characters of text but none can be read (truncated?)")
    if not text.strip():
        raise EmptyInput(f"{path}: legacy Word file has no text")
    item_id = stable_id(source.source_id, "file")
    segment = Segment(stable_id(item_id, 0), item_id, 0, "body", text, origin="text")
    meta = {
        "format": "doc",
        "reader": TOOL,
        "fast_saved": fast_saved,  # catdoc reads a fast-saved file's pieces in stored order: text may be out of place
        "pictures": "not extracted from legacy .doc files",
    }
    log.info("doc %s: %d lines", source.ref, text.count("\n") + 1)
    yield Item(item_id, source.source_id, "file", DOCUMENT, source.name, (segment,), meta)
