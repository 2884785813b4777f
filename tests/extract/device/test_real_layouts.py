"""Layouts found in public test extractions (iLEAPP's test data: iOS 15 and iOS 2023 test phones) that the readers had
only met in files written from descriptions. Each was lost on the real files:

- an iOS address book whose full-text index uses Apple's own tokenizer (``ABPersonFullTextSearch``): SQLite cannot
  read that table's columns here, and the failure made the whole database unrecognised, so the phone's contacts were
  quarantined as "an app no reader here knows";
- a database whose tables are all still in its write-ahead log (a phone acquired live: the database file is one empty
  page): no reader recognised it, and in a file-system archive it was listed among the files not read;
- a file-system archive of the data partition rooted at ``filesystem2/mobile/...`` (Cellebrite's layout for an
  iPhone's second file system) was read as a plain archive, every file a source;
- an empty write-ahead log beside its database (a checkpointed one) was quarantined as an empty file, and in a
  file-system archive listed among the files not read (a quarantine);
- a zip whose members' paths start at the root (``/private/var/mobile/...``, Magnet's 2023 CTF phone) was refused
  whole as zip slip, though no copy is written to a member's own path.

The files here are written by the tests in those layouts; nothing is copied from the test phones."""

from __future__ import annotations

import json
import shutil
import sqlite3
import zipfile
from pathlib import Path

import redactor.extract.archive  # noqa: F401  registers the zip reader
from redactor.extract.device import sqlite_source
from redactor.records import Item
from tests.extract.device.generated.contacts_db import IOS_SCHEMA, address_book
from tests.extract.device.helpers import pick, records_of, run

FTS = 'CREATE VIRTUAL TABLE ABPersonFullTextSearch USING fts4(tokenize=ab_cf_tokenizer language="en-US", First, Last)'


def _with_apple_index(path: Path) -> Path:
    """The address book with a full-text table that names Apple's tokenizer, as iOS writes it (SQLite here has no such
    tokenizer, so it can read the schema's row but not the table)."""
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("PRAGMA writable_schema = ON")
        conn.execute("INSERT INTO sqlite_master VALUES ('table', 'ABPersonFullTextSearch', 'ABPersonFullTextSearch', 0, ?)", (FTS,))
    conn.close()
    return path


def _live(path: Path, build) -> Path:
    """``build``'s database as a phone acquired live leaves it: every table and row only in the write-ahead log."""
    scratch = path.parent / "scratch"
    scratch.mkdir()
    conn = sqlite3.connect(scratch / path.name)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    build(scratch / path.name, conn)
    shutil.copy(scratch / path.name, path)  # copied while the writer is open: no checkpoint
    shutil.copy(scratch / f"{path.name}-wal", path.with_name(f"{path.name}-wal"))
    conn.close()
    return path


def _ios_contacts(_: Path, conn: sqlite3.Connection) -> None:
    conn.executescript(IOS_SCHEMA)
    conn.execute("INSERT INTO ABPerson (ROWID, First, Last) VALUES (1, 'Jo', 'Example')")
    conn.execute("INSERT INTO ABMultiValue (UID, record_id, property, label, value) VALUES (1, 1, 3, NULL, '07700 900456')")
    conn.commit()


def test_an_address_book_with_apples_full_text_index_is_read(tmp_path):
    path = tmp_path / "AddressBook.sqlitedb"
    address_book(path)
    _with_apple_index(path)
    assert "ABPerson" in sqlite_source.tables(path) and sqlite_source.tables(path)["ABPersonFullTextSearch"] == set()
    assert pick(path) == "contacts-db"
    items, _, people = run(path, tmp_path / "work")
    assert len(items) == 2 and "Jo Example" in {p.name for p in people}


def test_a_database_whose_tables_are_only_in_its_write_ahead_log_is_read(tmp_path):
    path = _live(tmp_path / "AddressBook.sqlitedb", _ios_contacts)
    assert path.stat().st_size <= 4096 and path.with_name(path.name + "-wal").stat().st_size > 4096
    assert pick(path) == "contacts-db"
    items, _, people = run(path, tmp_path / "work")
    assert [i.kind for i in items] == ["contact"] and any("+447700900456" in p.phones for p in people)


def _zip(path: Path, members: dict[str, Path | bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for name, content in members.items():
            out.writestr(name, content if isinstance(content, bytes) else content.read_bytes())
    return path


def test_a_file_system_archive_keeps_a_database_whose_tables_are_in_its_log(tmp_path):
    db = _live(tmp_path / "AddressBook.sqlitedb", _ios_contacts)
    root = "filesystem2/mobile/Library/AddressBook/"  # Cellebrite's layout of an iPhone's data partition
    members = {root + "AddressBook.sqlitedb": db, root + "AddressBook.sqlitedb-wal": db.with_name(db.name + "-wal")}
    members |= {f"filesystem2/mobile/Media/DCIM/IMG_{n:04d}.JPG": b"\xff\xd8\xff" for n in range(3)}
    archive = _zip(tmp_path / "ffs.zip", members)
    records = records_of(archive, tmp_path / "work")
    stores = [r for r in records if type(r).__name__ == "DerivedFile"]
    assert sorted(d.name for d in stores) == ["AddressBook.sqlitedb", "AddressBook.sqlitedb-wal"]  # read as a file system
    contents = next(r for r in records if isinstance(r, Item))
    assert "3 other files, not read" in contents.segments[0].text


def test_an_empty_write_ahead_log_beside_its_database_is_not_quarantined(cli, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    address_book(folder / "AddressBook.sqlitedb")
    (folder / "AddressBook.sqlitedb-wal").write_bytes(b"")
    case = tmp_path / "case"
    result = cli("run", str(folder), "--case", str(case), "--workers", "1")
    assert result.exit_code == 0, result.output


def test_a_file_system_zip_written_from_the_root_is_read_inside_the_case(cli, tmp_path):
    """Members named from ``/``: read relative to the archive (before: the whole zip refused, E035, nothing read). A
    member named as a real absolute path outside the case is copied under the case's folder, never to that path."""
    db = _live(tmp_path / "AddressBook.sqlitedb", _ios_contacts)
    root = "/private/var/mobile/Library/AddressBook/"
    outside = tmp_path / "outside" / "escaped.db"  # an absolute path a naive extractor would write to
    members = {root + "AddressBook.sqlitedb": db, root + "AddressBook.sqlitedb-wal": db.with_name(db.name + "-wal")}
    members |= {f"/private/var/mobile/Media/DCIM/IMG_{n:04d}.JPG": b"\xff\xd8\xff" for n in range(3)}
    members[str(outside)] = db
    archive = _zip(tmp_path / "ffs.zip", members)
    case = tmp_path / "case"
    result = cli("run", str(archive), "--case", str(case), "--workers", "1")
    assert "zip slip" not in result.output and "Traceback" not in result.output
    status = json.loads(cli("status", str(case), "--json").output)
    (not_read,) = status["quarantined"]  # the pictures and the database with no log: listed as not read, as any phone's
    assert "4 files not read" in not_read["reason"] and status["items"] >= 2
    with sqlite3.connect(case / "case.db") as conn:
        people = [row[0] for row in conn.execute("SELECT name FROM people")]
    assert "Jo Example" in people
    assert not outside.exists() and not outside.parent.exists()
    copies = [p for p in (case / "work" / "derived").rglob("AddressBook.sqlitedb*")]
    assert len(copies) == 2 and all(case in p.resolve().parents for p in copies)


def test_a_plain_zip_written_from_the_root_has_each_member_read_and_copied_inside(tmp_path):
    outside = tmp_path / "etc" / "statement.txt"
    archive = _zip(tmp_path / "docs.zip", {str(outside): b"Statement of Jo Example", "\\\\server\\share\\note.txt": b"a note"})
    work = tmp_path / "case" / "work"
    records = records_of(archive, work)
    derived = [r for r in records if type(r).__name__ == "DerivedFile"]
    assert sorted(d.name for d in derived) == ["note.txt", "statement.txt"]
    assert all(work in d.path.resolve().parents for d in derived)
    assert {d.name: d.path.read_bytes() for d in derived}["statement.txt"] == b"Statement of Jo Example"
    assert not outside.exists()


def test_an_empty_log_in_a_file_system_archive_is_read_with_its_database_not_listed_unread(tmp_path):
    db = tmp_path / "AddressBook.sqlitedb"
    address_book(db)
    root = "private/var/mobile/Library/AddressBook/"
    members = {root + "AddressBook.sqlitedb-wal": b"", root + "AddressBook.sqlitedb": db, root + "AddressBook.sqlitedb-shm": b""}
    members |= {root + "Other.sqlitedb-wal": b""}  # no database beside it: listed
    records = records_of(_zip(tmp_path / "ffs.zip", members), tmp_path / "work")
    assert [r.name for r in records if type(r).__name__ == "DerivedFile"] == ["AddressBook.sqlitedb"]
    refused = [r for r in records if type(r).__name__ == "Refused"]
    assert [r.locator for r in refused] == ["files not read"] and "1 files not read" in refused[0].reason
    listed = next((tmp_path / "work" / "derived").rglob("not-read.txt")).read_text().split()
    assert listed == [root + "Other.sqlitedb-wal"]
