"""A phone's file system in a zip or tar: its app databases read (found by their first bytes, with their write-ahead
logs), everything else counted, listed and said not read in one refusal. Before, such an archive was refused whole past
20,000 files, and under it every file became a source (system pictures to OCR, system files quarantined one by one)."""

from __future__ import annotations

import io
import sqlite3
import tarfile
import zipfile
from pathlib import Path

import pytest

from redactor.errors import HostileInput, UnsupportedInput
from redactor.extract import archive, filesystem, tar
from redactor.records import DerivedFile, Item, Refused
from tests.extract.device.helpers import pick, records_of, seg
from tests.extract.device.test_sqlite_wal import with_log
from tests.extract.test_archive import flagged_texts

SMS = "private/var/mobile/Library/SMS/"


def _database(path: Path, tables: dict[str, str]) -> bytes:
    conn = sqlite3.connect(path)
    for table, columns in tables.items():
        conn.execute(f"CREATE TABLE {table} ({columns})")
        conn.execute(f"INSERT INTO {table} DEFAULT VALUES")
    conn.commit()
    conn.close()
    return path.read_bytes()


def phone(tmp_path: Path) -> dict[str, bytes]:
    """An iPhone's file system in small: the Messages database with its log and index (named as iOS names them, and a
    copy renamed), a system database, Telegram's cache, an encrypted WhatsApp backup, pictures, a PDF, a property list,
    a file named as a database that is not one."""
    db = with_log(tmp_path / "build")
    build = tmp_path / "other"
    build.mkdir()
    return {
        SMS + "sms.db": db.read_bytes(),
        SMS + "sms.db-wal": db.with_name("sms.db-wal").read_bytes(),
        SMS + "sms.db-shm": bytes(32_768),
        "private/var/mobile/Library/Backup/old-messages": db.read_bytes(),  # renamed: still found by its first bytes
        "private/var/mobile/Library/Caches/system.sqlite": _database(build / "s.db", {"kvs": "k TEXT DEFAULT 'x'"}),
        "private/var/mobile/Library/Caches/system.sqlite-wal": b"\x37\x7f\x06\x82" + bytes(60),
        "private/var/mobile/Containers/Data/Application/T/cache4.db": _database(
            build / "t.db", {"messages_v2": "mid INTEGER DEFAULT 1", "dialogs": "did INTEGER DEFAULT 1"}
        ),
        "private/var/mobile/Media/WhatsApp/msgstore.db.crypt14": bytes(range(256)) * 8,
        "private/var/mobile/Media/DCIM/100APPLE/IMG_0001.JPG": b"\xff\xd8\xff" + bytes(2000),
        "private/var/mobile/Media/DCIM/100APPLE/IMG_0002.HEIC": bytes(3000),
        "private/var/mobile/Downloads/Jo Example statement.pdf": b"%PDF-1.4 " + bytes(1000),
        "private/var/mobile/Library/Preferences/com.apple.x.plist": b"bplist00" + bytes(900),
        "private/var/mobile/Library/Notes/fake.db": b"not a database at all " * 40,
        "extraction-info.txt": "Extraction report",
    }


def zip_of(path: Path, members: dict[str, bytes | str]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in members.items():
            out.writestr(name, data)
    return path


def tar_of(path: Path, members: dict[str, bytes | str], mode: str = "w:gz") -> Path:
    with tarfile.open(path, mode) as out:
        for name, data in members.items():
            raw = data.encode() if isinstance(data, str) else data
            info = tarfile.TarInfo(name)
            info.size = len(raw)
            out.addfile(info, io.BytesIO(raw))
    return path


@pytest.mark.parametrize("container", ["zip", "tar", "tar.gz"])
def test_a_phones_file_system_gives_its_stores_and_says_what_it_did_not_read(tmp_path, container):
    members = phone(tmp_path)
    path = tmp_path / f"ffs.{container}"
    zip_of(path, members) if container == "zip" else tar_of(path, members, "w" if container == "tar" else "w:gz")
    assert pick(path) == ("zip-archive" if container == "zip" else "tar-archive")
    records = records_of(path, tmp_path / "work")
    derived = {d.locator.removeprefix("member "): d for d in records if isinstance(d, DerivedFile)}
    stores = {SMS + "sms.db", SMS + "sms.db-wal", SMS + "sms.db-shm", "private/var/mobile/Library/Backup/old-messages"}
    stores |= {"private/var/mobile/Containers/Data/Application/T/cache4.db", "private/var/mobile/Media/WhatsApp/msgstore.db.crypt14"}
    assert set(derived) == stores
    assert all(d.path.read_bytes() == members[name] for name, d in derived.items())
    wal = derived[SMS + "sms.db-wal"].path
    assert wal == derived[SMS + "sms.db"].path.with_name("sms.db-wal")  # beside its database: read with it
    folder = next((tmp_path / "work" / "derived").iterdir())  # the archive's folder of copies
    assert not list(folder.rglob("system.sqlite*"))  # checked, no reader takes it: removed
    (refusal,) = [r for r in records if isinstance(r, Refused)]
    assert (refusal.locator, refusal.code) == ("files not read", UnsupportedInput.code)
    not_read = sorted(set(members) - stores)
    assert f"{len(not_read)} files not read" in refusal.reason
    assert "2 pictures" in refusal.reason and "2 documents" in refusal.reason and "4 other files" in refusal.reason
    assert "Jo Example" not in refusal.reason  # counts and the list's place, never a file's name
    assert sorted((folder / filesystem.NOT_READ).read_text(encoding="utf-8").splitlines()) == not_read
    (listing,) = [r for r in records if isinstance(r, Item)]
    lines = seg(listing, "text").splitlines()
    assert set(lines[:-1]) == stores and lines[-1].startswith(f"and {len(not_read)} other files, not read")


def test_only_an_archive_mostly_under_a_phones_folders_is_read_as_one():
    assert filesystem.is_file_system(["private/var/mobile/a", "filesystem1/private/var/root/b", "readme.txt"])
    assert filesystem.is_file_system(["Dump/data/data/com.whatsapp/databases/msgstore.db", "data/user_de/0/x/y.db"])
    assert not filesystem.is_file_system(["notes/a.txt", "b.txt", "private/var/mobile/latest"])
    assert not filesystem.is_file_system(["mydata/data/x", "documents/private/var.txt"])
    assert not filesystem.is_file_system([])


@pytest.mark.parametrize("container", ["zip", "tar.gz"])
def test_a_file_system_past_an_archives_file_limit_is_read_and_any_other_archive_still_refused(tmp_path, monkeypatch, container):
    monkeypatch.setattr(archive, "MAX_MEMBERS", 5)
    monkeypatch.setattr(tar, "MAX_MEMBERS", 5)
    monkeypatch.setattr(tar, "MAX_ENTRIES", 8)
    system = phone(tmp_path) | {f"private/var/mobile/Library/Caches/f{i}.dat": b"x" for i in range(20)}
    plain = {f"docs/f{i}.txt": "a file" for i in range(20)}
    write = zip_of if container == "zip" else tar_of
    records = records_of(write(tmp_path / f"ffs.{container}", system), tmp_path / "work")
    assert len([r for r in records if isinstance(r, DerivedFile)]) == 6  # before: refused whole, nothing read
    with pytest.raises(HostileInput, match="more than"):
        records_of(write(tmp_path / f"plain.{container}", plain), tmp_path / "work2")
    monkeypatch.setattr(filesystem, "MAX_FILES", 30)  # a file system has its limit too
    with pytest.raises(HostileInput, match="more than"):
        records_of(write(tmp_path / f"huge.{container}", system | {f"data/data/x/f{i}": b"y" for i in range(20)}), tmp_path / "work3")


def test_a_hostile_member_of_a_file_system_tar_is_refused_alone_and_nothing_escapes(tmp_path):
    members = phone(tmp_path) | {"../../etc/evil.db": b"SQLite format 3\x00" + bytes(600)}
    records = records_of(tar_of(tmp_path / "ffs.tar", members, "w"), tmp_path / "work")
    refused = {r.locator: r.code for r in records if isinstance(r, Refused)}
    assert refused["member ../../etc/evil.db"] == HostileInput.code
    assert len([r for r in records if isinstance(r, DerivedFile)]) == 6
    assert not (tmp_path / "etc").exists()
    assert all((tmp_path / "work") in p.parents for p in (tmp_path / "work").rglob("*"))


def test_stores_past_the_copy_limit_refuse_the_archive_and_leave_no_copy_behind(tmp_path, monkeypatch):
    monkeypatch.setattr(filesystem, "MAX_TOTAL", 40_000)
    with pytest.raises(HostileInput, match="stores expand to more than"):
        records_of(zip_of(tmp_path / "ffs.zip", phone(tmp_path)), tmp_path / "work")
    assert not [p for p in (tmp_path / "work").rglob("*") if p.is_file()]


def test_through_the_runner_the_messages_are_stored_and_flagged_and_the_rest_quarantined_with_reasons(cli, tmp_path):
    (tmp_path / "in").mkdir()
    zip_of(tmp_path / "in" / "ffs.zip", phone(tmp_path))
    case = tmp_path / "case"
    result = cli("run", tmp_path / "in", "--case", case)
    assert result.exit_code == 3, result.output  # something was quarantined: the files not read, two stores named
    assert "07700 900999" in flagged_texts(case)  # the message only in the write-ahead log
    with sqlite3.connect(case / "case.db") as conn:
        messages = conn.execute("SELECT COUNT(*) FROM items WHERE kind = 'message'").fetchone()[0]
        reasons = [r[0] for r in conn.execute("SELECT reason FROM quarantine ORDER BY id")]
    conn.close()
    assert messages == 7  # sms.db, its log applied (the renamed copy holds the same bytes: one source)
    assert any("Telegram" in r for r in reasons) and any("encrypted WhatsApp backup" in r for r in reasons)
    assert any("files not read" in r for r in reasons)
    assert len(reasons) == 3
