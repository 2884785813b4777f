"""Phone stores no reader here can read, refused for what they are instead of as "unsupported file type".

A file-system extraction holds many app databases. Where no reader of this package takes one, the user is told what it
is and what to do, in one line, and the file is quarantined with that reason (asked last, after every reader):

- **an encrypted WhatsApp backup** (``msgstore.db.crypt12``, ``.crypt14``, ``.crypt15``; ``wa.db.crypt14``): refused as
  encrypted (E032); the phone's key file or the 64-digit backup key decrypts it in the extraction tool, and the
  decrypted ``msgstore.db`` is read by ``whatsapp_android``;
- **a database encrypted whole** (SQLCipher and the like: Signal's ``signal.db``, WeChat's ``EnMicroMsg.db``, an
  encrypted iTunes or Finder backup's ``Manifest.db``): a file named as a database whose first bytes are not SQLite's and
  look random. Refused as encrypted (E032), naming the app where the file's name says which;
- **a SQLite database of an app no reader knows** (desktop Skype's ``main.db``, ...):
  refused as unsupported (E031), naming the app where its tables say which, with the way to get its content in: the
  extraction tool's report or export of it.

Containers that hold what a case needs but that no reader here opens are named too, with the step that gets their
content in (E031): an Outlook data file (PST or OST: convert it with ``readpst``), a 7-Zip or RAR archive (extract
it), an EnCase evidence image (E01: export its files with the forensic tool).

A SQLite database's companion files are taken here too: its write-ahead log (``sms.db-wal``) is read with the
database (:func:`~.common.sqlite_open` applies it to a copy in the case's work folder) and its shared-memory index
(``-shm``) holds no data, so neither is quarantined as unsupported when the database is beside it; without the database
each is refused, saying to add it. A rollback journal (``-journal``) is refused, saying what it is.

Nothing of the file's content is put in a reason: the app is named from the file's name or its table names.
"""

from __future__ import annotations

import logging
import math
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from redactor.errors import EncryptedInput, UnsupportedInput
from redactor.extract import extractor
from redactor.extract.device import sqlite_source
from redactor.extract.device.common import COMPANION
from redactor.records import Item, Source
from redactor.stages import StageContext

log = logging.getLogger(__name__)

COMPANION_KINDS = {"wal": "write-ahead log", "shm": "shared-memory index", "journal": "rollback journal"}
WHATSAPP_BACKUP = re.compile(r"\.crypt\d{1,2}$", re.IGNORECASE)
DATABASE_NAMES = re.compile(r"\.(?:db|sqlite|sqlite3|sqlitedb|storedata|sql)$", re.IGNORECASE)
RANDOM_BITS = 7.5  # bits of entropy per byte of the first 8 KB above which they read as ciphertext (random: ~7.97)
MIN_BYTES = 1024  # an encrypted database is at least one page

# A known app's encrypted database, by its file name.
ENCRYPTED_APPS = {
    "signal.db": "Signal for Android",
    "signal.sqlite": "Signal for iOS",
    "enmicromsg.db": "WeChat",
    "manifest.db": "the manifest of an encrypted iTunes or Finder backup",
    "threema.db": "Threema",
    "threema4.db": "Threema",
    "wickr_db": "Wickr",
}
# A known app's SQLite database no reader here reads, by tables it always has (all of them present).
KNOWN_DATABASES: tuple[tuple[frozenset[str], str], ...] = (
    (frozenset({"messages_v2", "dialogs"}), "Telegram for Android's message cache"),  # layouts telegram_android.py does not know
    (frozenset({"messages", "dialogs", "users", "chats"}), "Telegram for Android's message cache"),
    (frozenset({"recipient", "thread", "message"}), "Signal's message database, decrypted"),
    (frozenset({"recipient", "thread", "sms", "mms"}), "Signal's message database, decrypted"),
    (frozenset({"messages", "conversations", "participants_info"}), "Viber's message database"),
    (frozenset({"conversation_message"}), "Snapchat's message database"),  # a layout snapchat.py does not know
    (frozenset({"messagesTable", "KIKcontactsTable"}), "Kik's message database"),
    (frozenset({"Messages", "Conversations", "Contacts"}), "desktop Skype's message database (main.db)"),
    (frozenset({"ZOBJECT", "ZSTRUCTUREDMETADATA"}), "Apple's KnowledgeC activity database"),
    # iOS apps' stores found in public test phones' extractions (iLEAPP's test data) that no reader here reads:
    (frozenset({"t2", "t6", "t7"}), "Telegram for iOS's message store (postbox: messages in Telegram's own binary encoding)"),
    (frozenset({"ThreadItem", "Thread", "ThreadParticipant", "Transcript"}), "Google Voice's message database"),
    (frozenset({"contacts", "_user_info"}), "Messenger for iOS's database, in a layout messenger.py does not know"),
)
# Containers no reader opens, by their first bytes: (what it is, what to do).
CONTAINERS: tuple[tuple[bytes, int, str, str], ...] = (
    (
        b"!BDN", 0, "an Outlook data file (PST or OST)",
        "convert it to mbox files (readpst from the Debian package pst-utils: 'readpst -o FOLDER FILE') or export the mailbox "
        "from Outlook, and add those",
    ),
    (b"7z\xbc\xaf\x27\x1c", 0, "a 7-Zip archive", "extract it ('7z x FILE') and add the extracted folder"),
    (b"Rar!\x1a\x07", 0, "a RAR archive", "extract it and add the extracted folder"),
    (
        b"EVF", 0, "an EnCase evidence image (E01)",
        "export its files with the forensic tool (or mount it with ewfmount) and add them",
    ),
)  # fmt: skip
EXPORT_HINT = (
    "no reader here takes this database: add the extraction tool's report of it instead (a UFDR, or an export as CSV, "
    "XLSX, HTML or PDF), or leave it out"
)
WHATSAPP_HINT = (
    "decrypt it in the extraction tool with the key from the phone (/data/data/com.whatsapp/files/key) or the 64-digit "
    "backup key, then add the decrypted msgstore.db"
)
ENCRYPTED_HINT = "decrypt it in the extraction tool (its key is kept on the phone or by the app), then add the decrypted copy"


def _whatsapp_backup(path: Path) -> bool:
    return bool(WHATSAPP_BACKUP.search(path.name))


def _enciphered(source: Source, path: Path, head: bytes) -> bool:
    """A file named as a database that is not SQLite and whose first bytes look random."""
    if source.media_type != "application/octet-stream" or len(head) < MIN_BYTES:
        return False
    if not (DATABASE_NAMES.search(path.name) or path.name.lower() in ENCRYPTED_APPS):
        return False
    return bits_per_byte(head) >= RANDOM_BITS


def bits_per_byte(data: bytes) -> float:
    """Shannon entropy of ``data``: 8 for random bytes, 4-5 for text, lower for a database's mostly empty pages."""
    total = len(data)
    return -sum(n / total * math.log2(n / total) for n in Counter(data).values()) if total else 0.0


def known_app(names: set[str]) -> str | None:
    """The app whose database has these tables, where one of :data:`KNOWN_DATABASES` matches."""
    return next((app for needed, app in KNOWN_DATABASES if needed <= names), None)


def _companion(path: Path) -> tuple[Path, str] | None:
    """The database a SQLite companion file belongs to, and what kind of companion it is."""
    m = COMPANION.match(path.name)
    return (path.with_name(m["database"]), m["kind"]) if m else None


def _head(path: Path) -> bytes:
    with open(path, "rb") as handle:
        return handle.read(16)


def _container(head: bytes) -> tuple[str, str] | None:
    return next(((what, todo) for magic, at, what, todo in CONTAINERS if head[at : at + len(magic)] == magic), None)


def _accepts(source: Source, path: Path, head: bytes) -> bool:
    if source.media_type == "application/vnd.sqlite3":
        return True  # asked last: no reader took it
    if source.media_type == "application/octet-stream" and _container(head) is not None:
        return True
    return _companion(path) is not None or _whatsapp_backup(path) or _enciphered(source, path, head)


@extractor("unread-app-store", accepts=_accepts, priority=990)
def refuse_unread_store(source: Source, path: Path, ctx: StageContext) -> Iterator[Item]:
    """Refuse the file whole, saying what it is and how to get its content in (a companion read with its database: no
    record)."""
    container = _container(_head(path)) if source.media_type == "application/octet-stream" else None
    if container is not None:
        raise UnsupportedInput(f"{path}: {container[0]}; not read", hint=container[1])
    companion = _companion(path) if source.media_type != "application/vnd.sqlite3" else None
    if companion is not None:
        database, kind = companion
        what = COMPANION_KINDS[kind]
        if kind == "journal":
            problem = f"{path}: a SQLite {what} of {database.name} (its pages from before an unfinished change); not read"
            raise UnsupportedInput(problem, hint="read it with the extraction tool if it matters (it can hold deleted rows)")
        if not database.is_file():
            problem = f"{path}: a SQLite {what} whose database ({database.name}) is not beside it; not read"
            raise UnsupportedInput(problem, hint="add the database from the extraction beside it and run again")
        log.info("%s: a SQLite %s, read with %s beside it (add that file to the case if it is not)", source.ref, what, database.name)
        yield from ()
        return
    if source.media_type == "application/vnd.sqlite3":
        app = known_app(set(sqlite_source.tables(path)))
        what = f"{app} (a SQLite database no reader here takes)" if app else "a SQLite database of an app no reader here knows"
        raise UnsupportedInput(f"{path}: {what}; not read", hint=EXPORT_HINT)
    if _whatsapp_backup(path):
        raise EncryptedInput(f"{path}: an encrypted WhatsApp backup ({path.suffix.lstrip('.')}); not read", hint=WHATSAPP_HINT)
    app = ENCRYPTED_APPS.get(path.name.lower())
    what = f"an encrypted database ({app})" if app else "an encrypted database (not SQLite: its bytes are ciphertext)"
    raise EncryptedInput(f"{path}: {what}; not read", hint=ENCRYPTED_HINT)
