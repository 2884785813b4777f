"""A phone's file system in a zip or tar (a "full file system" extraction): its app databases are read, the rest listed.

An extraction tool can write a phone's whole file system as one archive: an iPhone's ``private/var/...`` or an Android
phone's ``data/data/...``, hundreds of thousands of files, most of them the system's and the apps' own. Before, such an
archive was refused whole past ``archive.MAX_MEMBERS`` files (nothing read), and under it every file became a source:
thousands of system pictures sent to OCR and thousands of files quarantined as unsupported.

An archive is read as a file system when at least half its files lie under a phone's data folders (:data:`ROOTS`).
Then only what a reader here takes is copied out under ``work/derived`` and extracted:

- **every SQLite database some reader takes** (messages, contacts, calls, notes, browser history, calendars, ...), found
  by its first bytes, not its name, so a renamed store is still found; with its write-ahead log and shared-memory index
  beside it (``sms.db-wal`` read with ``sms.db``) and any file a reader reads beside it by name (Messenger's
  ``threads_db2-uid``, the account owner's id; WhatsApp's ``wa.db`` is a database read in its own right); the bodies in
  ``fsCachedData/`` beside Discord's HTTP cache for iOS (``discord_ios.CACHED_FILES``) are copied for its reader, not
  read as files of their own. A database
  whose tables name an app no reader knows (Skype, ...) is copied too, and refused by ``unread``
  naming the app and the way to get its content in;
- **encrypted stores** named as such (WhatsApp's ``msgstore.db.crypt14`` backups, Signal's ``signal.db``): refused by
  ``unread`` saying what they are and which key decrypts them.

Every other file (pictures, videos, documents, the system's and apps' other files) is **not read, and said so**: one
refusal (E031, quarantined with the archive's reference) counts them by kind and names the list of their paths, written
beside the copies (``not-read.txt``), so the officer can extract the ones the case needs and add them. A database no
reader takes is removed from the work folder once checked. The limits of an archive apply to what is copied: at most
``MAX_FILES`` files listed, ``archive.MAX_TOTAL`` bytes copied; a member with a ``..`` path is refused alone
(a zip with one is refused whole before this is asked, as any zip is); one written from the root (``/private/var/...``) is
read relative to the archive.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO

from redactor.errors import HostileInput, InputError, UnsupportedInput
from redactor.extract import accepting
from redactor.extract.device import common, discord_ios, safe, sqlite_source, unread
from redactor.records import DerivedFile, Item, Refused, Source

ROOTS = re.compile(
    r"(?:^|/)(?:(?:private/var|filesystem\d+)/(?:mobile|root|containers|db)|data/(?:data|user(?:_de)?/\d+|media/\d+)|sdcard)/"
)  # an iPhone's data partition may be rooted at ``filesystem2/`` (Cellebrite's second file system) instead of private/var
MAX_FILES = 2_000_000  # files an archive read as a file system may list (a phone holds 200,000-800,000)
MAX_TOTAL = 16 << 30  # bytes copied out: the limit of any archive's expansion (``archive.MAX_TOTAL``)
SQLITE_MAGIC = b"SQLite format 3\x00"
MIN_DATABASE = 512  # the smallest SQLite page: a file under it is no database
NOT_READ = "not-read.txt"
SKIPPED_READERS = {"unread-app-store"}  # asked last for any database: taking it means "no reader"
KINDS = {
    "pictures": {".jpg", ".jpeg", ".png", ".heic", ".gif", ".webp", ".bmp", ".tif", ".tiff", ".dng"},
    "videos": {".mp4", ".mov", ".m4v", ".3gp", ".avi", ".mkv", ".webm"},
    "audio recordings": {".m4a", ".mp3", ".aac", ".amr", ".opus", ".ogg", ".wav", ".caf"},
    "documents": {".pdf", ".doc", ".docx", ".odt", ".rtf", ".txt", ".xls", ".xlsx", ".csv", ".ppt", ".pptx", ".pages"},
}
_MEDIA = set().union(*KINDS.values())
# a file a reader reads beside its database, kept when that database is: Messenger's owner id (``messenger._owner_id``)
_BESIDE = re.compile(r"^(?P<database>(?:.+/)?threads_db2)-uid$")


@dataclass(frozen=True, slots=True)
class Member:
    """One regular file of the archive: its name there, its declared size, and how to open it (once, in order)."""

    name: str
    size: int
    open: Callable[[], IO[bytes] | None]


def is_file_system(names: Iterable[str]) -> bool:
    """Whether at least half the archive's files lie under a phone's data folders (:data:`ROOTS`)."""
    total = inside = 0
    for name in names:
        total += 1
        inside += bool(ROOTS.search(name.replace("\\", "/")))
    return total > 0 and 2 * inside >= total


def read(members: Iterable[Member], source: Source, path: Path, work_dir: Path, what: str) -> Iterator[Item | DerivedFile | Refused]:
    """The stores of a file-system archive copied out and yielded as derived files, the rest counted and listed (see the
    module's docstring). ``members`` come in the archive's order (a compressed tar is read once, front to back)."""
    picked = _Picked(source, path, work_dir)
    try:
        for member in members:
            picked.take(member)
        kept = picked.finish()
    except BaseException as exc:
        picked.discard()
        if isinstance(exc, _TooMuch):
            raise HostileInput(f"{path}: the archive's stores expand to more than {MAX_TOTAL >> 30} GB; refused") from None
        raise
    listing = [d.locator.removeprefix(common.MEMBER) for d in kept]
    about = f"a phone's file system: {len(listing)} stores read, {len(picked.not_read):,} other files not read"
    text = "\n".join([*listing, f"and {len(picked.not_read):,} other files, not read (their list: {NOT_READ})"])
    yield common.make_item(source, "contents", "document", f"{what}: contents", [("text", text)], {"format": what, "about": about})
    yield from picked.refused
    yield from kept
    if picked.not_read:
        yield _not_read(picked.not_read, path, common.derived_dir(work_dir, source))


class _Picked:
    """What :func:`read` copied so far: the databases a reader takes, their companions, the files left unread."""

    def __init__(self, source: Source, path: Path, work_dir: Path) -> None:
        self.source, self.path, self.work_dir = source, path, work_dir
        self.stores: dict[str, DerivedFile] = {}  # by the member's name
        self.pending: dict[str, DerivedFile] = {}  # databases with no table of their own, decided with their log
        self.companions: dict[str, list[tuple[DerivedFile, str]]] = {}  # by their database's member name
        self.empty: list[tuple[str, str]] = []  # empty logs and indexes (a checkpoint leaves them): (database, member)
        self.bodies: dict[str, list[tuple[DerivedFile, str]]] = {}  # files its reader reads beside a database, by it
        self.refused: list[Refused] = []
        self.not_read: list[str] = []
        self.files = self.copied = 0

    def take(self, member: Member) -> None:
        self.files += 1
        if self.files > MAX_FILES:
            raise HostileInput(f"{self.path}: the archive holds more than {MAX_FILES:,} files; refused")
        locator = common.MEMBER + member.name
        if safe.unsafe_member(member.name):
            refusal = HostileInput(f"{self.path}: {locator}: a '..' path (zip slip); refused")
            self.refused.append(Refused(locator, refusal.code, str(refusal)))
            return
        name = safe.member_name(member.name)
        companion = common.COMPANION.match(member.name) or _BESIDE.match(member.name)
        cache = discord_ios.cache_database(member.name)
        try:
            if companion is not None and member.size > 0:
                self.companions.setdefault(companion["database"], []).append((self._copy(member, locator, name), member.name))
            elif companion is not None:
                self.empty.append((companion["database"], member.name))
            elif cache is not None and member.size > 0:
                self.bodies.setdefault(cache, []).append((self._copy(member, locator, name), member.name))
            elif unread.WHATSAPP_BACKUP.search(name) or name.lower() in unread.ENCRYPTED_APPS:
                self.stores[member.name] = self._copy(member, locator, name)  # refused by unread, saying what it is
            elif member.size >= MIN_DATABASE and PurePosixPath(name.lower()).suffix not in _MEDIA:
                self._database(member, locator, name)
            else:
                self.not_read.append(member.name)
        except InputError as exc:  # this file alone: damaged, or over a member's limits
            self.refused.append(Refused(locator, exc.code, str(exc)))

    def _database(self, member: Member, locator: str, name: str) -> None:
        raw = member.open()
        if raw is None:
            self.not_read.append(member.name)
            return
        with raw:
            head = safe.Bounded(raw, member.size, self.path).read(len(SQLITE_MAGIC))
            if head != SQLITE_MAGIC:
                self.not_read.append(member.name)
                return
            derived = self._write(_Prefixed(head, raw), member, locator, name)
        if _read_here(self.source, derived.path):
            self.stores[member.name] = derived
        elif not sqlite_source.tables(derived.path):
            self.pending[member.name] = derived  # its tables may all be in a write-ahead log still to come
        else:
            derived.path.unlink(missing_ok=True)
            self.not_read.append(member.name)

    def _copy(self, member: Member, locator: str, name: str) -> DerivedFile:
        raw = member.open()
        if raw is None:
            raise UnsupportedInput(f"{self.path}: {locator}: not a regular file")
        with raw:
            return self._write(raw, member, locator, name)

    def _write(self, raw: IO[bytes], member: Member, locator: str, name: str) -> DerivedFile:
        self.copied += member.size
        if self.copied > MAX_TOTAL:
            raise _TooMuch  # the whole archive refused, not this file alone
        target, _, _ = common.write_derived(self.work_dir, self.source, locator, name, safe.Bounded(raw, member.size, self.path))
        return DerivedFile(target, name, locator)

    def finish(self) -> list[DerivedFile]:
        """The stores and the companions of those kept; a companion whose database was not kept is removed and listed.
        A database with no table of its own is kept when, read with its write-ahead log, a reader takes it. An empty log
        or index beside a kept database is not copied (nothing is in it) nor listed as unread."""
        for name, derived in self.pending.items():
            if _read_here(self.source, derived.path):
                self.stores[name] = derived
            else:
                derived.path.unlink(missing_ok=True)
                self.not_read.append(name)
        kept = list(self.stores.values())
        for database, copies in self.companions.items():
            for derived, name in copies:
                if database in self.stores:
                    kept.append(derived)
                else:
                    derived.path.unlink(missing_ok=True)
                    self.not_read.append(name)
        self.not_read += [name for database, name in self.empty if database not in self.stores]  # else read, as empty
        for database, copies in self.bodies.items():  # read by the database's reader, not sources of their own
            if database not in self.stores:
                for derived, name in copies:
                    derived.path.unlink(missing_ok=True)
                    self.not_read.append(name)
        return kept

    def discard(self) -> None:
        copies = [d for found in [*self.companions.values(), *self.bodies.values()] for d, _ in found]
        for derived in [*self.stores.values(), *self.pending.values(), *copies]:
            derived.path.unlink(missing_ok=True)


class _TooMuch(Exception):
    """The stores copied out passed :data:`MAX_TOTAL`."""


class _Prefixed:
    """A stream whose first bytes were already read (the head that showed a database)."""

    def __init__(self, head: bytes, raw: IO[bytes]) -> None:
        self.head, self.raw = head, raw

    def read(self, n: int = -1) -> bytes:
        if self.head:
            head, self.head = self.head, b""
            return head
        return self.raw.read(n)


def _read_here(source: Source, path: Path) -> bool:
    """Whether a reader here takes the database at ``path``, or its tables name an app (refused by ``unread``, naming
    it); anything else is one of the system's or an app's own databases, not read."""
    probe = Source(source.source_id, source.ref, str(path), path.name, path.stat().st_size, "application/vnd.sqlite3")
    return accepting(probe, path, skip=SKIPPED_READERS) is not None or unread.known_app(set(sqlite_source.tables(path))) is not None


def _not_read(names: list[str], path: Path, folder: Path) -> Refused:
    """One refusal for every file left unread: counted by kind, their paths listed in ``not-read.txt``."""
    listing = folder / NOT_READ
    listing.write_text("\n".join(names) + "\n", encoding="utf-8")
    kinds: Counter[str] = Counter()
    for name in names:
        suffix = PurePosixPath(name.lower()).suffix
        kinds[next((kind for kind, suffixes in KINDS.items() if suffix in suffixes), "other files")] += 1
    counted = ", ".join(f"{kinds[kind]:,} {kind}" for kind in [*KINDS, "other files"] if kinds[kind])
    problem = (
        f"{path}: a phone's file system: {len(names):,} files not read ({counted}; listed in {listing}); only its app "
        "databases are read (extract the pictures, documents or other files the case needs and add them to the case)"
    )
    return Refused("files not read", UnsupportedInput.code, problem)
