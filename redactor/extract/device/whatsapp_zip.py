"""WhatsApp exports with media: the zip that "Export chat" with "Attach media" writes.

The zip holds the chat text (``_chat.txt`` from iOS, ``WhatsApp Chat with NAME.txt`` from Android) and
the files the chat names (``00000012-PHOTO-2024-03-01-09-16-11.jpg``, ``IMG-20240301-WA0003.jpg``).
It is opened as every archive is (``safe.open_zip``: a member with a ``..`` path refuses
the whole zip; an encrypted member, or one whose expansion is implausible, is refused). Each chat
text is copied into a temporary folder inside the case's work folder (never outside the case) and
read by the text export's reader (:mod:`redactor.extract.device.whatsapp`), so every locale and
marker it knows is known here. Every other member is copied under ``work/derived`` and extracted
as a source of its own (a photo is OCR'd), whether or not the chat names it: nothing in a download
is left unread. A message naming a file the zip holds marks its attachment present, with its
SHA-256 and size.

A file of the zip that cannot be copied out (its member encrypted, a decompression bomb, damaged or truncated) is
refused alone: the reader yields a :class:`~redactor.records.Refused` at ``member[N]`` (its number in the zip),
whose reason names the zip, that number and the problem, never the member's name (a photo or document may be named
after a person, and the locator goes to the audit log); the runner quarantines it, and a message naming the file
says it was refused. A chat text that cannot be copied out (damaged: a CRC that does not match, a truncated or
damaged deflate stream; encrypted; a bomb) is refused alone in the same way, none of its messages read (which of its
bytes are wrong is not known, and the bundle's text must be the exhibit's), and the zip's other files are read; so is
a chat text that cannot be read (empty, no message header, dates both day- and month-first, no message readable):
before, it refused the whole zip, its other chats and media with it. A zip none of whose files can be copied out or
read is refused whole. Reasons call a chat text by its number ('member 2, a chat text'), and the parts refused in a zip
of several chats are at ``member[2] line 6``: before, both named the member ('WhatsApp Chat with NAME.txt').
"""

from __future__ import annotations

import re
import shutil
import tempfile
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import Any

from redactor.errors import CorruptInput, EmptyInput, InputError, UnsupportedInput
from redactor.extract import extractor
from redactor.extract.device import safe
from redactor.extract.device.whatsapp import read_export, title_from_name
from redactor.records import DerivedFile, Item, Person, Refused, Source
from redactor.stages import StageContext

CHAT = re.compile(r"^(?:_chat\.txt|WhatsApp Chat (?:with|-) .+\.txt)$", re.IGNORECASE)
ZIP_NAME = re.compile(r"whatsapp", re.IGNORECASE)


def _is_chat(member: str) -> bool:
    return bool(CHAT.match(safe.member_name(member)))


def _accepts(source: Source, path: Path, head: bytes) -> bool:
    if source.media_type != "application/zip":
        return False
    try:
        with zipfile.ZipFile(path) as archive:
            return any(_is_chat(n) for n in archive.namelist())
    except (zipfile.BadZipFile, OSError):  # damaged: recognise it by its first member or its name, then fail clearly
        return _is_chat(safe.first_member_name(head)) or bool(ZIP_NAME.search(path.name))


@extractor("whatsapp-zip", accepts=_accepts, priority=40)
def extract_whatsapp_zip(source: Source, path: Path, ctx: StageContext) -> Iterator[Item | DerivedFile | Person | Refused]:
    with safe.open_zip(path) as archive:
        members = [info for info in archive.infolist() if not info.is_dir()]
        chats = [info for info in members if _is_chat(info.filename)]
        if not chats:
            raise UnsupportedInput(f"{path}: the zip holds no WhatsApp chat text (_chat.txt or 'WhatsApp Chat with NAME.txt')")
        derived = [_copy(archive, n, info, source, path, ctx) for n, info in enumerate(members, 1) if info not in chats]
        files: dict[str, dict[str, Any]] = {}
        for copied in derived:
            if isinstance(copied, tuple):
                file, digest, size = copied
                files[file.name] = {"sha256": digest, "size": size}
        for info, copied in zip((i for i in members if i not in chats), derived, strict=True):
            if isinstance(copied, Refused):
                files.setdefault(safe.member_name(info.filename), {"refused": copied.code})
        refused: list[InputError] = []  # the chat texts that could not be copied out
        for info in chats:
            yield from _read_chat(archive, members.index(info) + 1, info, source, path, ctx, files, refused, several=len(chats) > 1)
        if len(refused) == len(chats) and all(isinstance(copied, Refused) for copied in derived):
            raise refused[0]  # nothing of the zip could be read: refused whole, by the first chat's error
    yield from (copied if isinstance(copied, Refused) else copied[0] for copied in derived)


def _copy(
    archive: zipfile.ZipFile, number: int, info: zipfile.ZipInfo, source: Source, path: Path, ctx: StageContext
) -> tuple[DerivedFile, str, int] | Refused:
    """Member ``info`` (the ``number``-th of the zip) copied out, or refused."""
    try:
        try:
            return safe.copy_member(archive, info, source, path, ctx.work_dir)
        except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError) as exc:  # opening it
            raise CorruptInput(f"{path}: archive member cannot be opened ({type(exc).__name__})") from None
    except InputError as exc:
        problem = exc.message.removeprefix(f"{path}: ")
        error = type(exc)(f"{path}: member {number} of the zip could not be copied out: {problem}; refused", hint=exc.hint)
        return Refused(f"member[{number}]", error.code, str(error))


def _read_chat(
    archive: zipfile.ZipFile,
    number: int,
    info: zipfile.ZipInfo,
    source: Source,
    path: Path,
    ctx: StageContext,
    files: dict[str, dict[str, Any]],
    refused: list[InputError],
    *,
    several: bool,
) -> Iterator[Item | Person | Refused]:
    """The messages of chat text ``info`` (the ``number``-th member of the zip); or, when it cannot be copied out
    (encrypted, a decompression bomb, damaged or truncated) or read (empty, no message header, dates both day- and
    month-first, no message readable), its :class:`Refused`, its error added to ``refused``. Reasons and refused
    parts name the member by its number, never by its name ('WhatsApp Chat with NAME.txt')."""
    shown = f"{path} (member {number}, a chat text)"
    try:
        yield from _chat_items(archive, number, info, source, path, ctx, files, refused, shown=shown, several=several)
    except InputError as exc:  # this chat alone: the zip's other chats and its media are read
        problem = exc.message.removeprefix(f"{shown}: ").removesuffix("; refused")
        error = type(exc)(f"{path}: member {number} of the zip, a chat text, cannot be read: {problem}; refused", hint=exc.hint)
        refused.append(error)
        yield Refused(f"member[{number}]", error.code, str(error))


def _chat_items(
    archive: zipfile.ZipFile,
    number: int,
    info: zipfile.ZipInfo,
    source: Source,
    path: Path,
    ctx: StageContext,
    files: dict[str, dict[str, Any]],
    refused: list[InputError],
    *,
    shown: str,
    several: bool,
) -> Iterator[Item | Person | Refused]:
    if info.file_size == 0:
        raise EmptyInput(f"{shown}: the chat text in the zip is empty")
    title = title_from_name(safe.member_name(info.filename)) or title_from_name(PurePosixPath(source.name).stem)
    folder = Path(ctx.work_dir) / "tmp"
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=folder) as tmp:
        chat = Path(tmp) / "chat.txt"
        try:
            try:
                safe.check_member(path, info)
                with archive.open(info) as raw, open(chat, "wb") as out:
                    shutil.copyfileobj(safe.Bounded(raw, info.file_size, path), out)
            except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError) as exc:  # opening it
                raise CorruptInput(f"{path}: archive member cannot be opened ({type(exc).__name__})") from None
        except InputError as exc:  # a CRC that does not match: which of its bytes are wrong is not known
            problem = exc.message.removeprefix(f"{path}: ")
            error = type(exc)(
                f"{path}: member {number} of the zip, a chat text, could not be copied out: {problem}; refused", hint=exc.hint
            )
            refused.append(error)
            yield Refused(f"member[{number}]", error.code, str(error))
            return
        where = f"{info.filename}: " if several else ""  # item locators as they were (their ids are stable)
        yield from read_export(
            source, chat, shown=shown, title=title, files=files, where=where, part=f"member[{number}] " if several else ""
        )
