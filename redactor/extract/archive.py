"""Zip archives no format claims (documents or photos zipped together): every member is a source of its own.

Asked after every format that lives in a zip (UFDR, WhatsApp export, Word, Excel, OpenDocument) and
before a damaged zip is reported. The zip is opened as every archive is (``device/safe.py``): a member
with an absolute or ``..`` path refuses the whole zip (zip slip); an encrypted member, or one whose
expansion is implausible, is refused (a decompression bomb); more than ``MAX_MEMBERS`` files or more
than ``MAX_TOTAL`` bytes expanded refuse it too. Each member is copied under ``work/derived`` and
extracted through the whole pipeline like any input (a PDF's text layer, a photo's OCR, a zip inside
the zip in turn: the runner refuses files nested deeper than ``runner.MAX_DEPTH``). One item lists the
members' names, one per line: a file name is personal data too ("Jo Example.vcf"), so detection
sees it and the bundle's index says what the archive held.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

from redactor.errors import HostileInput
from redactor.extract import extractor
from redactor.extract.device import common, safe
from redactor.records import DerivedFile, Item, Source
from redactor.stages import StageContext

MAX_MEMBERS = 20_000
MAX_TOTAL = 16 << 30


def _accepts(source: Source, path: Path, head: bytes) -> bool:
    if source.media_type != "application/zip":
        return False
    try:
        zipfile.ZipFile(path).close()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False  # the damaged-zip extractor says so
    return True


@extractor("zip-archive", accepts=_accepts, priority=700)
def extract_archive(source: Source, path: Path, ctx: StageContext) -> Iterator[Item | DerivedFile]:
    with safe.open_zip(path) as archive:
        members = [info for info in archive.infolist() if not info.is_dir()]
        if len(members) > MAX_MEMBERS:
            raise HostileInput(f"{path}: the archive holds {len(members)} files, more than {MAX_MEMBERS}; refused")
        if sum(info.file_size for info in members) > MAX_TOTAL:
            raise HostileInput(f"{path}: the archive expands to more than {MAX_TOTAL >> 30} GB; refused (decompression bomb?)")
        derived = []
        for info in members:
            safe.check_member(path, info)
            name = PurePosixPath(info.filename.replace("\\", "/")).name
            locator = f"member {info.filename}"
            with archive.open(info) as raw:
                target, _, _ = common.write_derived(ctx.work_dir, source, locator, name, safe.Bounded(raw, info.file_size, path))
            derived.append(DerivedFile(target, name, locator))
    listing = "\n".join(info.filename for info in members) or None
    yield common.make_item(source, "contents", "document", "zip archive: contents", [("text", listing)], {"format": "zip"})
    yield from derived
