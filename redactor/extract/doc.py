"""Legacy Word ``.doc`` (Word 97-2003 binary), read by Debian's ``antiword``.

Recognised by content: a compound file (``application/x-ole-storage``) with a ``WordDocument``
stream. An encrypted document (the FIB's ``fEncrypted`` flag) is refused as encrypted before
any tool sees it. ``antiword`` (installed by ``make install`` through apt) runs as a separate
process: an argument list, never a shell; a fixed timeout; a minimal environment; UTF-8 output
with text marked as removed (tracked deletions) and hidden text shown, so nothing in the file
is skipped unread (when antiword crashes on the removed text it is run again without it, and
``meta["removed_text"]`` says so). Its error line, which names no document text, becomes the quarantine reason.
Pictures inside a ``.doc`` are not extracted (antiword cannot); the item's ``meta`` says so.

Encrypted OOXML files (a ``.docx`` or ``.xlsx`` with a password is a compound file holding an
``EncryptedPackage`` stream) are refused here too, as encrypted rather than unsupported.
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
TOOL = "antiword"
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


def _encrypted(path: Path) -> bool:
    import olefile

    try:
        with olefile.OleFileIO(str(path)) as ole, ole.openstream("WordDocument") as stream:
            fib = stream.read(12)
    except Exception:  # noqa: BLE001 - antiword will say what is wrong
        return False
    return len(fib) >= 12 and bool(int.from_bytes(fib[10:12], "little") & F_ENCRYPTED)


def _antiword(tool: str, switches: list[str], path: Path) -> subprocess.CompletedProcess[bytes]:
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8", "HOME": "/nonexistent"}
    try:
        return subprocess.run(  # noqa: S603 - an argument list, no shell; the path is passed as one argument
            [tool, "-m", "UTF-8.txt", "-w", "0", *switches, "--", str(path)],
            capture_output=True,
            timeout=TIMEOUT_S,
            check=False,
            env=env,
            stdin=subprocess.DEVNULL,
        )
    except subprocess.TimeoutExpired:
        raise CorruptInput(f"{path}: reading the Word file took over {TIMEOUT_S} s; refused as damaged or hostile") from None


def run_antiword(path: Path) -> tuple[str, bool]:
    """The document's text, and whether text marked as removed (tracked deletions) is in it.

    antiword is asked for removed and hidden text; when it crashes on that (it does on some
    damaged files) it is asked again for the text alone, and the caller notes what is missing."""
    tool = shutil.which(TOOL)
    if tool is None:
        raise StageError(
            f"{path}: legacy Word files need '{TOOL}', which is not installed", hint="run 'make install' (it installs antiword through apt)"
        )
    done, removed = _antiword(tool, ["-r", "-s"], path), True
    if done.returncode < 0:  # killed by a signal (a crash), not a refusal: try without the removed text
        done, removed = _antiword(tool, ["-s"], path), False
    if done.returncode != 0:
        reason = done.stderr.decode("utf-8", "replace").strip().splitlines()
        detail = (
            clean_text(reason[-1]).replace(str(path), "the file")[:160]
            if reason
            else (f"crashed, signal {-done.returncode}" if done.returncode < 0 else f"exit status {done.returncode}")
        )
        raise CorruptInput(f"{path}: legacy Word file cannot be read ({TOOL}: {detail})")
    return done.stdout.decode("utf-8", "replace"), removed


@extractor("doc", accepts=_accepts, priority=90)
def extract_doc(source: Source, path: Path, ctx: StageContext) -> Iterator[Item]:
    if _encrypted(path):
        raise EncryptedInput(f"{path}: Word file is password-protected")
    raw, removed = run_antiword(path)
    text = clean_text(raw).replace("\r\n", "\n")
    text = "\n".join(line.rstrip() for line in text.split("\n")).strip("\n")
    if not text.strip():
        raise EmptyInput(f"{path}: legacy Word file has no text")
    item_id = stable_id(source.source_id, "file")
    segment = Segment(stable_id(item_id, 0), item_id, 0, "body", text, origin="text")
    meta = {
        "format": "doc",
        "reader": TOOL,
        "removed_text": "shown" if removed else "not shown: the reader failed on it",
        "pictures": "not extracted from legacy .doc files",
    }
    log.info("doc %s: %d lines", source.ref, text.count("\n") + 1)
    yield Item(item_id, source.source_id, "file", DOCUMENT, source.name, (segment,), meta)
