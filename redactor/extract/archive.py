"""Zip archives no format claims (documents or photos zipped together): every member is a source of its own.

Asked after every format that lives in a zip (UFDR, WhatsApp export, Word, Excel, OpenDocument) and
before a damaged zip is reported. The zip is opened as every archive is (``device/safe.py``): a member
with a ``..`` path refuses the whole zip (zip slip; a path from the root, ``/private/var/...``, is read
relative to the archive: copies are written from a path's parts); an encrypted member, or one whose
expansion is implausible, is refused (a decompression bomb); more than ``MAX_MEMBERS`` files or more
than ``MAX_TOTAL`` bytes expanded refuse it too. Each member is copied under ``work/derived`` and
extracted through the whole pipeline like any input (a PDF's text layer, a photo's OCR, a zip inside
the zip in turn: the runner refuses files nested deeper than ``runner.MAX_DEPTH``). One item lists the
members' names, one per line: a file name is personal data too ("Jo Example.vcf"), so detection
sees it and the bundle's index says what the archive held. A phone's file system (``filesystem.py``) is read
differently: its app databases only, the rest listed as not read.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from redactor.errors import HostileInput
from redactor.extract import extractor, filesystem
from redactor.extract.device import common, safe
from redactor.records import DerivedFile, Item, Source
from redactor.stages import StageContext

MAX_MEMBERS = 20_000
MAX_TOTAL = 16 << 30


def _accepts(source: Source, path: Path, head: bytes) -> bool:
    return source.media_type == "application/zip" and safe.zip_opens(path)  # damaged: the damaged-zip extractor says so


@extractor("zip-archive", accepts=_accepts, priority=700)
def extract_archive(source: Source, path: Path, ctx: StageContext) -> Iterator[Item | DerivedFile]:
    with safe.open_zip(path) as archive:
        members = [info for info in archive.infolist() if not info.is_dir()]
        if filesystem.is_file_system(info.filename for info in members):  # a phone's file system: its stores only
            yield from filesystem.read((_member(archive, info, path) for info in members), source, path, ctx.work_dir, "zip archive")
            return
        if len(members) > MAX_MEMBERS:
            raise HostileInput(f"{path}: the archive holds {len(members)} files, more than {MAX_MEMBERS}; refused")
        if sum(info.file_size for info in members) > MAX_TOTAL:
            raise HostileInput(f"{path}: the archive expands to more than {MAX_TOTAL >> 30} GB; refused (decompression bomb?)")
        derived = [safe.copy_member(archive, info, source, path, ctx.work_dir)[0] for info in members]
    listing = "\n".join(info.filename for info in members) or None
    yield common.make_item(source, "contents", "document", "zip archive: contents", [("text", listing)], {"format": "zip"})
    yield from derived


def _member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, path: Path) -> filesystem.Member:
    def opened() -> IO[bytes]:
        safe.check_member(path, info)  # encrypted, or a bomb: refused alone
        return archive.open(info)

    return filesystem.Member(info.filename, info.file_size, opened)
