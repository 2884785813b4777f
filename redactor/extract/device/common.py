"""Shared helpers for device formats: parties and phone numbers, timestamps, items, safe files.

Every device extractor builds its items through :func:`make_item`: one ``Segment`` per
text-bearing field (``text``, ``subject``, ``sender.name``, ``sender.id``, ``recipients``,
``attachment.name``, ...), so detection offsets map back to the field, and everything else
(UTC time with the raw value and where its zone came from, thread, direction and how it was
derived, parties, attachments) becomes the item's typed facts (``Item.device``,
:mod:`redactor.facts`); what is left (deleted state, app, a format's own fields) stays in
``Item.meta``, which is JSON.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import sqlite3
import tempfile
import unicodedata
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from hashlib import sha256
from pathlib import Path
from typing import IO, Any
from zoneinfo import ZoneInfo

import phonenumbers

from redactor.errors import HostileInput
from redactor.facts import split_meta
from redactor.records import Item, Mention, Person, Segment, Source, stable_id

REGION = "GB"
UK = ZoneInfo("Europe/London")
DERIVED = "derived"
MAX_DERIVED_BYTES = 2 << 30  # one attachment
_EMAIL = re.compile(r"^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$")
_JID = re.compile(r"@(s\.whatsapp\.net|c\.us|g\.us|lid)$")
_UNSAFE = re.compile(r"[^\w.\- ()+@]")
COMPANION = re.compile(r"^(?P<database>.+)-(?P<kind>wal|shm|journal)$")  # a SQLite database's companion file
MEMBER = "member "  # the locator of an archive member: "member <path inside the archive>"
TREE = "files"  # under a source's derived folder: an archive's members at their paths (flat names all start with a key)
MAX_TREE_DEPTH = 64  # folders deeper than any phone's (an iPhone's deepest app paths are about 20)
MAX_TREE_BYTES = 2048  # a member's path under the tree, in bytes (Linux refuses a path of 4,096)
MAX_NAME_BYTES = 120  # a sanitised name, in bytes of UTF-8 (Linux refuses a name of 256)
RECENT = 4_096  # people a PeopleBook remembers it sent (a repeat adding nothing to them is not sent again)


# -- parties ---------------------------------------------------------------------------------
@lru_cache(maxsize=65536)
def e164(raw: str | None) -> str | None:
    """A phone number in E.164 (UK national numbers assumed for a leading 0), or None."""
    if not raw:
        return None
    text = _JID.sub("", raw.strip())
    digits = re.sub(r"[^\d+]", "", text)
    if len(re.sub(r"\D", "", digits)) < 6 or re.search(r"[A-Za-z]", text.split("@")[0]):
        return None
    if not digits.startswith(("+", "0")) and len(digits) >= 11:
        digits = "+" + digits  # a JID or an international number written without '+'
    try:
        number = phonenumbers.parse(digits, REGION)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


@lru_cache(maxsize=65536)
def email(raw: str | None) -> str | None:
    text = (raw or "").strip().strip("<>").lower()
    return text if _EMAIL.match(text) and not _JID.search(text) else None


def party(raw: str | None = None, name: str | None = None, owner: bool | None = None, role: str = "") -> dict[str, Any]:
    """One participant: raw identifier, E.164 phone or e-mail, display name, device-owner flag."""
    raw = (raw or "").strip() or None
    name = (name or "").strip() or None
    out: dict[str, Any] = {"raw": raw, "name": name, "owner": owner}
    if raw:
        out["phone"] = e164(raw)
        out["email"] = email(raw)
    if role:
        out["role"] = role
    return out


def party_key(p: Mapping[str, Any]) -> str:
    return p.get("phone") or p.get("email") or (p.get("raw") or "").lower() or (p.get("name") or "").lower()


def person_from(
    p: Mapping[str, Any], origin: str, aliases: Iterable[str] = (), phones: Iterable[str] = (), emails: Iterable[str] = ()
) -> Person | None:
    """A known person from a party or contact; None when there is nothing to recognise them by."""
    name = (p.get("name") or "").strip()
    phone_set = [x for x in dict.fromkeys([p.get("phone") or "", *phones]) if x]
    mail_set = [x for x in dict.fromkeys([p.get("email") or "", *emails]) if x]
    if not name and not phone_set and not mail_set:
        return None
    if name and (e164(name) or email(name)):  # a number or address shown as the name
        name = ""
        if not phone_set and not mail_set:
            return None  # nothing else to recognise them by (was an IndexError below: tests/extract/device/test_vcard_streaming.py)
    first = name.split()[0] if len(name.split()) > 1 else ""
    alias = tuple(a for a in dict.fromkeys([first, *aliases]) if a and a != name)
    key = name.lower() or (phone_set or mail_set)[0]
    return Person(
        stable_id("person", key),
        name or (phone_set or mail_set)[0],
        alias,
        tuple(phone_set),
        tuple(mail_set),
        "unknown",
        origin,
        bool(p.get("owner")),
    )


# -- time ------------------------------------------------------------------------------------
def when(dt: datetime | None, raw: object, tz_source: str) -> dict[str, Any]:
    """Timestamp meta: UTC ISO time, the raw value as found, and where its time zone came from."""
    if dt is None:
        return {"utc": None, "raw": None if raw is None else str(raw), "tz_source": tz_source}
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UK)
        tz_source = tz_source or "assumed Europe/London"
    return {"utc": dt.astimezone(UTC).isoformat().replace("+00:00", "Z"), "raw": str(raw), "tz_source": tz_source}


def from_epoch(value: object, unit: str = "s") -> datetime | None:
    try:
        number = float(str(value).strip())
    except (TypeError, ValueError):
        return None
    if unit == "ms":
        number /= 1000.0
    if number <= 0:
        return None
    try:
        return datetime.fromtimestamp(number, tz=UTC)
    except (OverflowError, OSError, ValueError):
        return None


def parse_iso(value: str | None) -> datetime | None:
    if not value:
        return None
    text = value.strip().replace("Z", "+00:00")
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None


# -- items -----------------------------------------------------------------------------------
def make_item(
    source: Source, locator: str, kind: str, title: str, fields: Sequence[tuple[str, str | None]], meta: Mapping[str, Any]
) -> Item:
    """An item with one segment per non-empty text field; ids are stable for (source, locator).

    Hot path (once per message): ``Item`` copies ``meta`` itself, and text without control
    characters or surrogates (``str.isprintable``) skips :func:`clean_text`."""
    item_id = _item_id(source.source_id, locator)
    segments = []
    for name, text in fields:
        if text is None:
            continue
        if type(text) is not str:
            if not isinstance(text, (int, float, str)):  # bytes never reach here: the readers decode or refuse them
                raise TypeError(f"segment {name!r} is {type(text).__name__}, not text")
            text = str(text)  # a number where an app keeps text (SQLite does not type its columns)
        if not text.isprintable():
            text = clean_text(text)
        if not text.strip():
            continue
        index = len(segments)
        segments.append(Segment(f"{item_id}.{index}", item_id, index, name, text, origin="text"))  # stable: the item id is
    facts, extras = split_meta(meta)  # the typed facts (parties, thread, direction, time, attachments) and the format's extras
    return Item(item_id, source.source_id, locator, kind, title, tuple(segments), extras, facts)


def _item_id(source_id: object, locator: object) -> str:
    """``stable_id(source_id, locator)`` without its generic joining (checked equal at import)."""
    return sha256(f"{source_id!s}\x1f{locator!s}".encode()).hexdigest()[:16]


if _item_id("a", "/b[1]") != stable_id("a", "/b[1]"):  # pragma: no cover - guards the inlined copy
    raise RuntimeError("common._item_id no longer matches records.stable_id")

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_UNCLEAN = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff]")


def clean_text(text: str) -> str:
    """Drop control characters and lone surrogates; keep newlines and tabs."""
    if not _UNCLEAN.search(text):
        return text
    if _CONTROL.search(text):
        text = _CONTROL.sub("", text)
    if _SURROGATE.search(text):
        text = _SURROGATE.sub("\ufffd", text)
    return text


def party_fields(prefix: str, p: Mapping[str, Any] | None) -> list[tuple[str, str | None]]:
    """Segments for a party: its display name and raw identifier (both may be personal data)."""
    if not p:
        return []
    name, raw = p.get("name"), p.get("raw")
    return [(f"{prefix}.name", name), (f"{prefix}.id", raw if raw and raw != name else None)]


def recipients_text(parties: Iterable[Mapping[str, Any]]) -> str | None:
    parts = []
    for p in parties:
        name, raw = p.get("name"), p.get("raw")
        parts.append(f"{name} <{raw}>" if name and raw and raw != name else (name or raw or ""))
    text = "; ".join(x for x in parts if x)
    return text or None


def direction(sender: Mapping[str, Any] | None, hint: str | None = None, how: str = "", unknown: str = "not recorded") -> dict[str, str]:
    """Direction of a message: outgoing when the device owner sent it, else incoming; "unknown" (``unknown``: why) when
    whether the sender is the owner is not known and no ``hint`` is given."""
    if sender is not None and sender.get("owner") is not None:
        value = "outgoing" if sender["owner"] else "incoming"
        return {"value": value, "how": how or ("sender is the device owner" if sender["owner"] else "sender is not the device owner")}
    if hint:
        return {"value": hint, "how": how or "format field"}
    return {"value": "unknown", "how": unknown}


# -- safe files ------------------------------------------------------------------------------
def safe_name(name: str, fallback: str = "attachment") -> str:
    """A file name that cannot escape a folder: last path part, no separators or control chars, at most
    :data:`MAX_NAME_BYTES` bytes of UTF-8 (a file system's limit is 255 bytes, not characters: a Japanese name of 100
    characters is 300 bytes), its extension kept when it is cut."""
    base = re.split(r"[\\/]", name or "")[-1]
    base = unicodedata.normalize("NFC", base).strip().lstrip(".")
    base = _UNSAFE.sub("_", base)
    if len(base.encode("utf-8")) > MAX_NAME_BYTES:
        stem, dot, suffix = base.rpartition(".")
        suffix = f".{suffix}" if dot and stem and len(suffix.encode("utf-8")) <= 16 else ""
        base = (stem if suffix else base).encode("utf-8")[: MAX_NAME_BYTES - len(suffix.encode("utf-8"))].decode("utf-8", "ignore") + suffix
    return base or fallback


def derived_dir(work_dir: Path, source: Source) -> Path:
    folder = (work_dir / DERIVED / source.source_id[:16]).resolve()
    root = (work_dir / DERIVED).resolve()
    if root not in folder.parents:
        raise HostileInput(f"{source.path}: derived folder outside the case")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def write_derived(
    work_dir: Path, source: Source, key: str, name: str, stream: IO[bytes], limit: int = MAX_DERIVED_BYTES
) -> tuple[Path, str, int]:
    """Copy an attachment under ``work/derived/<source>/``; returns (path, sha256, size).

    Where it goes (:func:`derived_path`): an archive's member at its own path inside the archive, so that files read
    together stay together as they stood (a database's ``-wal``, ``wa.db`` beside ``msgstore.db``, ``threads_db2-uid``,
    an ALEAPP report's ``_TSV Exports`` folder); anything else under a sanitised name with a short key, so names never
    collide or escape. A file that cannot be copied whole (over ``limit``, or ``stream`` fails: a damaged archive member)
    leaves nothing behind.
    """
    folder = derived_dir(work_dir, source)
    target = derived_path(folder, key, name)
    if folder not in target.parents:
        raise HostileInput(f"{source.path}: attachment name escapes the case folder")
    target.parent.mkdir(parents=True, exist_ok=True)
    digest, size = hashlib.sha256(), 0
    tmp = target.with_name(f".{target.name}.part")  # a leading dot: no sanitised name has one, so no copy is overwritten
    try:
        with open(tmp, "wb") as out:
            while block := stream.read(1 << 20):
                size += len(block)
                if size > limit:
                    raise HostileInput(f"{source.path}: attachment {stable_id(key, length=8)} expands beyond {limit >> 20} MB")
                digest.update(block)
                out.write(block)
    except BaseException:  # refused, damaged or interrupted: no part of the file is left in the case folder
        tmp.unlink(missing_ok=True)
        raise
    tmp.replace(target)
    return target, digest.hexdigest(), size


def derived_path(folder: Path, key: str, name: str) -> Path:
    """Where a derived copy is written under its source's folder.

    An archive member (``key`` "member <path>") goes to ``TREE/<its path>``: each folder and file name as in the archive,
    or where sanitising changes one (a separator, a control character, a leading dot, over 120 characters), the
    sanitised form and ``~`` with a hash of the original (``~`` is never left by sanitising, so two names never meet).
    Before, every member was copied flat under a prefix of its own: a zipped WhatsApp folder's ``msgstore.db`` did not
    find its ``wa.db`` (every sender a number) and a zipped ALEAPP report was read as loose text files. A member nested
    deeper than :data:`MAX_TREE_DEPTH` or longer than :data:`MAX_TREE_BYTES`, or whose path meets a file where a folder
    should be, and any other key (an e-mail's attachment, a picture in a document) takes a flat name with a short key (a
    SQLite database's companion its database's key, so a log lands beside it)."""
    if key.startswith(MEMBER):
        parts = [p for p in key[len(MEMBER) :].replace("\\", "/").split("/") if p not in ("", ".")]
        if parts and len(parts) <= MAX_TREE_DEPTH and ".." not in parts:
            relative = (TREE, *(_tree_folder(p) for p in parts[:-1]), _tree_part(parts[-1]))
            target = folder.joinpath(*relative)
            if len("/".join(relative).encode("utf-8")) <= MAX_TREE_BYTES and not target.is_dir() and _folders_free(folder, relative[:-1]):
                return target
    companion = COMPANION.match(key)
    return folder / f"{stable_id(companion['database'] if companion else key, length=8)}-{safe_name(name)}"


def _folders_free(folder: Path, names: Sequence[str]) -> bool:
    """No file stands where one of the folders ``folder/names[0]/names[1]/...`` should be (one look each, from the top,
    stopping at the first that does not exist yet: nothing below it does)."""
    at = folder
    for name in names:
        at = at / name
        if at.is_file():
            return False
        if not at.exists():
            return True
    return True


def _tree_part(part: str) -> str:
    safe = safe_name(part, fallback="_")
    if safe == part:
        return safe
    stem, dot, suffix = safe.rpartition(".")
    mark = f"~{stable_id(part, length=8)}"
    return f"{stem}{mark}.{suffix}" if dot and stem and len(suffix) <= 16 else f"{safe}{mark}"  # the extension kept last


_tree_folder = lru_cache(maxsize=1024)(_tree_part)  # a folder's name repeats in every member under it


def copy_inside(root: Path, relative: str) -> Path | None:
    """``root/relative`` if it exists and stays inside ``root`` (no '..', no symlink escape)."""
    parts = [p for p in re.split(r"[\\/]", relative or "") if p not in ("", ".")]
    if not parts or ".." in parts:
        return None
    candidate = root.joinpath(*parts)
    try:
        resolved = candidate.resolve(strict=True)
    except (OSError, RuntimeError):
        return None
    if root.resolve() not in resolved.parents or not resolved.is_file():
        return None
    return resolved


__all__ = [
    "copy_inside",
    "derived_path",
    "derived_dir",
    "direction",
    "e164",
    "email",
    "from_epoch",
    "make_item",
    "parse_iso",
    "party",
    "party_fields",
    "party_key",
    "person_from",
    "recipients_text",
    "safe_name",
    "when",
    "write_derived",
]


class PeopleBook:
    """The people a source names, sent on as they come: a reader adds each party or contact it meets and yields
    the book after each item (``yield from book``), which hands on what came since as
    :class:`~redactor.records.Mention` s. The case merges a source's mentions of one person in order
    (:meth:`Person.merged`), exactly as a book collected whole and yielded at the end would have, and counts only
    the first: so the stored people and the source's people count are the same, and no reader holds every person
    it met (a phone with 100,000 correspondents). An addition that adds nothing to what the last ``RECENT``
    distinct people were sent as is not sent again (a chat repeats its parties in every message).

    ``whole``: hold every person and yield them as :class:`Person` s when asked at the end (the old way), for a
    reader whose several books of one source replace each other's people (a WhatsApp zip's chats)."""

    def __init__(self, origin_ref: str, *, whole: bool = False) -> None:
        self.ref = origin_ref
        self.whole = whole
        self.people: dict[str, Person] = {}  # person id -> merged with every addition (whole) or sent since remembered
        self.waiting: list[Mention] = []

    def add(self, p: Mapping[str, Any], what: str, **extra: Any) -> None:
        person = person_from(p, f"{self.ref} {what}", **extra)
        if person is None:
            return
        held = self.people.get(person.person_id)
        merged = person if held is None else held.merged(person)
        if merged == held:
            return
        if held is None and not self.whole and len(self.people) >= RECENT:
            self.people.clear()
        self.people[person.person_id] = merged
        if not self.whole:
            self.waiting.append(Mention(person))

    def __iter__(self) -> Iterator[Person | Mention]:
        """The mentions added since last asked (or, ``whole``, every person merged)."""
        if self.whole:
            return iter(self.people.values())
        if not self.waiting:
            return iter(())
        waiting, self.waiting = self.waiting, []
        return iter(waiting)


SQLITE_DAMAGE = {10, 11, 26}  # SQLITE_IOERR (a page past a cut end), SQLITE_CORRUPT, SQLITE_NOTADB (primary result codes)
_ROWID_MIN, _ROWID_MAX = -(1 << 63), (1 << 63) - 1


def sqlite_damaged(exc: BaseException) -> bool:
    """Whether ``exc`` is SQLite finding a page of the file damaged or missing (a carved or partly copied database),
    rather than a question it cannot answer (no such table) or a value it cannot decode."""
    return isinstance(exc, sqlite3.DatabaseError) and (getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF in SQLITE_DAMAGE


@dataclass(frozen=True, slots=True)
class SqliteGap:
    """A run of a table's rows that cannot be read: rowids ``first`` to ``last`` (``None``: to the end of the table)
    lie in a damaged page (or a damaged interior page's subtree). Which rowids of the run exist is not known."""

    first: int
    last: int | None
    problem: str  # SQLite's message ("database disk image is malformed"): never a value

    @property
    def rows(self) -> str:
        """``rows 1484-1531``, ``row 7``, ``rows from 1484 to the end``, ``rows up to 90``, ``all rows``: for a locator."""
        if self.first == _ROWID_MIN:
            return "all rows" if self.last is None else f"rows up to {self.last}"
        if self.last is None:
            return f"rows from {self.first} to the end"
        return f"row {self.first}" if self.first == self.last else f"rows {self.first}-{self.last}"


WAL_MAGIC = (b"\x37\x7f\x06\x82", b"\x37\x7f\x06\x83")  # a SQLite write-ahead log's first four bytes
WAL_HEADER = 32  # a log of its header alone holds no change


def wal_beside(path: Path) -> Path | None:
    """The write-ahead log beside a database (``sms.db-wal``) when it holds changes: an app's latest messages are often
    only there, not yet copied into the database file."""
    wal = path.with_name(path.name + "-wal")
    try:
        if not wal.is_file() or wal.stat().st_size <= WAL_HEADER:
            return None
        with open(wal, "rb") as handle:
            return wal if handle.read(4) in WAL_MAGIC else None
    except OSError:
        return None


class _Replayed(sqlite3.Connection):
    """A connection to a copy of a database with its write-ahead log applied; closing it removes the copy."""

    folder: Path | None = None

    def close(self) -> None:
        super().close()
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = None


def sqlite_open(path: Path, work: Path | None = None) -> sqlite3.Connection:
    """A device's SQLite database, read-only and immutable: the evidence file is never changed. A file cut short
    (partly copied: the header counts more pages than it holds) is opened as SQLite's own recovery tools open it, with
    ``writable_schema`` (which, on a read-only connection, only lets the schema be read): its pages past the cut are
    then damaged pages, read around by :func:`sqlite_walk`. Raises ``sqlite3.DatabaseError`` when even the schema
    cannot be read.

    With a ``-wal`` beside it that holds changes (:func:`wal_beside`) and a ``work`` folder (the case's), the database
    and its log are copied there and the copy opened, so SQLite applies the log's committed changes to the copy, as the
    app would have; the evidence folder is never written to (no ``-shm`` made there), and closing the connection
    removes the copy. Without ``work`` the log is not read."""
    wal = wal_beside(path) if work is not None else None
    folder: Path | None = None
    factory: type[sqlite3.Connection] = sqlite3.Connection
    if wal is None:
        uri = f"{path.resolve().as_uri()}?mode=ro&immutable=1"
    else:
        work.mkdir(parents=True, exist_ok=True)  # type: ignore[union-attr]
        folder = Path(tempfile.mkdtemp(prefix="sqlite-replay-", dir=work))
        shutil.copyfile(path, folder / path.name)
        shutil.copyfile(wal, folder / wal.name)
        uri, factory = f"{(folder / path.name).resolve().as_uri()}?mode=rw", _Replayed
    try:
        return _schema_read(uri, factory, folder)
    except BaseException:
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)
        raise


def _schema_read(uri: str, factory: type[sqlite3.Connection], folder: Path | None) -> sqlite3.Connection:
    def connect() -> sqlite3.Connection:
        conn = sqlite3.connect(uri, uri=True, factory=factory)
        if isinstance(conn, _Replayed):
            conn.execute("PRAGMA query_only = ON")  # a copy, but read as the evidence is: nothing written
        return conn

    conn = connect()
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as exc:
        sqlite3.Connection.close(conn)
        if not sqlite_damaged(exc):
            raise
        conn = connect()
        try:
            conn.execute("PRAGMA writable_schema = ON")
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.DatabaseError:
            sqlite3.Connection.close(conn)
            raise
    if isinstance(conn, _Replayed):
        conn.folder = folder
    return conn


def sqlite_walk(
    conn: sqlite3.Connection, table: str, columns: str = "*", *, binary: Collection[str] | None = ()
) -> Iterator[tuple[Any, bool] | SqliteGap]:
    """(row, damaged) for each row of ``table`` (``SELECT rowid, <columns>``) in rowid order, and a :class:`SqliteGap`
    for each run of rows in a damaged page, read around.

    A good table is read once, by one query (a rowid range scan: the plan of ``ORDER BY rowid``). When a page fails
    (SQLite's SQLITE_CORRUPT, SQLITE_NOTADB or SQLITE_IOERR), the rows before it were read; the first readable row
    after it is found by bisecting the rowids above the last one read, each probe a seek through the B-tree's interior
    pages (``rowid >= ? LIMIT 1``: about 64 seeks per damaged run, never a scan), and the walk goes on from it. The run
    between is the gap: rowids up to the damaged page's bound in its parent page. A value that is not UTF-8 marks its
    row ``damaged`` (see :func:`sqlite_rows`), from the first damage on: such a row is to be refused, never read.

    SQLite does not type its columns: a value an app keeps as text may be stored as a BLOB (a carved, migrated or edited
    database). Such a value is read as the text it is when it is UTF-8 (the row then a :class:`TextRow`) and marks its
    row ``damaged`` when it is not (before, the bytes reached an item and the reader failed: the whole database was
    quarantined as an internal error). ``binary`` names the columns that hold bytes by design (a protocol buffer, an
    archived object), passed on as they are; None passes every value on as it is (a reader that decodes them itself).
    """
    quoted = '"' + table.replace('"', '""') + '"'
    sql = f"SELECT rowid, {columns} FROM {quoted} WHERE rowid >= ? ORDER BY rowid"
    start, texts = _ROWID_MIN, None
    try:
        while True:
            try:
                for row in conn.execute(sql, (start,)):
                    damaged = False
                    if texts is not None:
                        damaged, texts.damaged = texts.damaged, False
                    if binary is not None and bytes in map(type, row):
                        row, damaged = as_text(row, binary, damaged)
                    yield row, damaged
                    if row[0] >= _ROWID_MAX:
                        return
                    start = row[0] + 1
                return
            except sqlite3.DatabaseError as exc:
                if texts is None and sqlite_undecodable(exc):
                    texts = conn.text_factory = _SqliteTexts()
                    continue
                if not sqlite_damaged(exc):
                    raise
                problem = sqlite_problem(exc)
            if texts is None:  # a damaged page's neighbours may hold anything
                texts = conn.text_factory = _SqliteTexts()
            found = _sqlite_first_readable(conn, sql + " LIMIT 1", start, texts)
            if found is None:
                yield SqliteGap(start, None, problem)
                return
            first, row, damaged = found
            if first > start:
                yield SqliteGap(start, first - 1, problem)
            if row is None:
                return
            if binary is not None and bytes in map(type, row):
                row, damaged = as_text(row, binary, damaged)
            yield row, damaged
            if row[0] >= _ROWID_MAX:
                return
            start = row[0] + 1
    finally:
        conn.text_factory = str


def _sqlite_first_readable(conn: sqlite3.Connection, probe: str, start: int, texts: _SqliteTexts) -> tuple[int, Any, bool] | None:
    """The smallest rowid bound ``r >= start`` from which ``probe`` reads, with what it read (its row, or None when no
    row is at or above it, and whether a value of it is not UTF-8): a bisection, the probes failing below it; None
    when they fail up to the largest rowid."""

    def read(bound: int) -> tuple[int, Any, bool] | None:
        texts.damaged = False
        try:
            row = conn.execute(probe, (bound,)).fetchone()
        except sqlite3.DatabaseError as exc:
            if not sqlite_damaged(exc):
                raise
            return None
        damaged, texts.damaged = texts.damaged, False
        return bound, row, damaged

    found = read(start)
    if found is not None:
        return found
    found = read(_ROWID_MAX)
    if found is None:
        return None
    low = start  # read(low) fails, read(found[0]) reads
    while found[0] - low > 1:
        middle = (low + found[0]) // 2
        probed = read(middle)
        if probed is None:
            low = middle
        else:
            found = probed
    return found


def sqlite_problem(exc: sqlite3.DatabaseError) -> str:
    """What went wrong reading a device's SQLite database, fit for a quarantine reason and the console: SQLite's own
    message, except that its message for a text value that is not UTF-8 quotes the value (a message's text)."""
    return "a text value is not valid UTF-8" if sqlite_undecodable(exc) else str(exc)


def sqlite_undecodable(exc: sqlite3.DatabaseError) -> bool:
    """Whether ``exc`` is SQLite's failure to decode a text value as UTF-8."""
    return isinstance(exc, sqlite3.OperationalError) and str(exc).startswith("Could not decode to UTF-8")


class _SqliteTexts:
    """A text factory for the rest of a query once a value was found not to be UTF-8: each value decoded, one that
    cannot be is None and ``damaged`` says so (checked, and reset, after each row)."""

    def __init__(self) -> None:
        self.damaged = False

    def __call__(self, data: bytes) -> str | None:
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            self.damaged = True
            return None


def sqlite_rows(conn: sqlite3.Connection, sql: str, *, binary: Collection[str] = ()) -> Iterator[tuple[Any, bool]]:
    """(row, damaged) for each row of ``sql``: read with SQLite's own decoding (C, the fast path) until a value is not
    UTF-8; then the query is run again with :class:`_SqliteTexts`, the rows already read skipped (its ORDER BY must be
    total). A damaged row's values that are not UTF-8 are None: the row is to be refused, never read. A BLOB in a
    column not named in ``binary`` is read as :func:`sqlite_walk` reads it."""
    done = 0
    try:
        for row in conn.execute(sql):
            done += 1
            yield as_text(row, binary, False) if bytes in map(type, row) else (row, False)
        return
    except sqlite3.OperationalError as exc:
        if not sqlite_undecodable(exc):
            raise
    texts = _SqliteTexts()
    conn.text_factory = texts
    try:
        rows = conn.execute(sql)
        for _ in range(done):
            next(rows)
        for row in rows:
            damaged, texts.damaged = texts.damaged, False
            yield as_text(row, binary, damaged) if bytes in map(type, row) else (row, damaged)
    finally:
        conn.text_factory = str


def as_text(row: sqlite3.Row, binary: Collection[str], damaged: bool) -> tuple[Any, bool]:
    """``row`` with each BLOB outside the ``binary`` columns read as UTF-8 text (a :class:`TextRow`), and whether it is
    damaged: it was, or such a BLOB is not UTF-8 (the row as it is then: it is to be refused, never read)."""
    names = row.keys()
    values = list(row)
    changed = False
    for i, value in enumerate(values):
        if type(value) is bytes and names[i] not in binary:
            try:
                values[i] = value.decode("utf-8")
            except UnicodeDecodeError:
                return row, True
            changed = True
    return (TextRow(values, list(names)), damaged) if changed else (row, damaged)


class TextRow:
    """A row whose BLOB values in text columns were read as text (:func:`as_text`): indexed by position or, as
    :class:`sqlite3.Row` is, by column name in any case; ``keys()`` as the query named them. Not a tuple: readers tell a
    refused part by that."""

    __slots__ = ("index", "names", "values")

    def __init__(self, values: list[Any], names: list[str]) -> None:
        self.values, self.names = values, names
        self.index = {name.lower(): i for i, name in enumerate(names)}

    def __getitem__(self, at: int | str) -> Any:
        return self.values[self.index[at.lower()]] if isinstance(at, str) else self.values[at]

    def __iter__(self) -> Iterator[Any]:
        return iter(self.values)

    def __len__(self) -> int:
        return len(self.values)

    def keys(self) -> list[str]:
        return list(self.names)
