"""A phone database's write-ahead log (``sms.db-wal``) is read with it: the changes the app had not yet copied into the
database file (often the latest messages) are read from a copy in the case's work folder, never by writing beside the
evidence. Before, the database was opened immutable, the log ignored, and the log itself quarantined as an unsupported
file: the messages only in it were lost without a word."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from redactor.errors import UnsupportedInput
from redactor.extract.device import common
from redactor.records import Item, Refused
from tests.extract.device.generated.ios_sms import sms_db
from tests.extract.device.helpers import pick, records_of, source_for

LATE = "Only in the log: ring 07700 900999"


def with_log(folder: Path, *, rows: int = 1) -> Path:
    """``folder/sms.db`` and the ``sms.db-wal`` an app left beside it, holding ``rows`` committed messages (ROWID 99...)
    that are not in the database file; the files copied while the app's connection is open, as an extraction copies
    them."""
    folder.mkdir(parents=True, exist_ok=True)
    build = folder.parent / f"{folder.name}-build.db"
    sms_db(build, new=False)
    conn = sqlite3.connect(build)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    for n in range(rows):
        conn.execute(
            "INSERT INTO message (ROWID, guid, text, handle_id, service, date, is_from_me) VALUES (?, ?, ?, 1, 'SMS', ?, 0)",
            (99 + n, f"g{99 + n}", LATE if n == 0 else f"late {n}", 730_916_000 + n),
        )
        conn.execute("INSERT INTO chat_message_join VALUES (1, ?, 0)", (99 + n,))
    conn.commit()
    shutil.copyfile(build, folder / "sms.db")
    shutil.copyfile(f"{build}-wal", folder / "sms.db-wal")
    conn.close()
    return folder / "sms.db"


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_the_messages_only_in_the_log_are_read_and_the_evidence_folder_is_never_written(tmp_path):
    path = with_log(tmp_path / "evidence")
    assert common.wal_beside(path) is not None
    before = _snapshot(path.parent)
    work = tmp_path / "work"
    records = records_of(path, work, "ios-sms-db")
    texts = {r.locator: next((s.text for s in r.segments if s.field == "text"), None) for r in records if isinstance(r, Item)}
    assert texts["message ROWID=99"] == LATE  # before: absent
    assert not [r for r in records if isinstance(r, Refused)]
    assert _snapshot(path.parent) == before  # no -shm made, nothing changed
    assert not list(work.glob("sqlite-replay-*"))  # the copy is removed once read


def test_without_a_work_folder_or_a_log_the_database_is_opened_immutable_as_before(tmp_path):
    path = with_log(tmp_path / "evidence")
    conn = common.sqlite_open(path)
    try:
        assert conn.execute("SELECT count(*) FROM message WHERE ROWID = 99").fetchone()[0] == 0
    finally:
        conn.close()
    (path.parent / "sms.db-wal").write_bytes(b"\x37\x7f\x06\x82" + bytes(28))  # a header alone: no change to apply
    assert common.wal_beside(path) is None


def test_a_log_whose_frames_are_damaged_applies_none_of_them_and_the_database_is_still_read(tmp_path):
    path = with_log(tmp_path / "evidence", rows=3)
    wal = path.parent / "sms.db-wal"
    data = bytearray(wal.read_bytes())
    data[40:48] = b"\xff" * 8  # the first frame's salt and checksum no longer match the header's: SQLite stops there
    wal.write_bytes(bytes(data))
    records = records_of(path, tmp_path / "work", "ios-sms-db")
    messages = {r.locator for r in records if isinstance(r, Item) and r.kind == "message"}
    assert len(messages) == 6 and "message ROWID=99" not in messages


@pytest.mark.parametrize("kind", ["wal", "shm"])
def test_a_companion_beside_its_database_is_taken_without_a_record_and_alone_is_refused_saying_what_to_add(tmp_path, kind):
    path = with_log(tmp_path / "evidence")
    companion = path.with_name(f"sms.db-{kind}")
    if kind == "shm":
        companion.write_bytes(bytes(32_768))
    assert pick(companion) == "unread-app-store"
    assert records_of(companion, tmp_path / "work") == []  # before: [E031] unsupported file type
    path.unlink()
    with pytest.raises(UnsupportedInput, match=r"whose database \(sms.db\) is not beside it"):
        records_of(companion, tmp_path / "work")


def test_a_rollback_journal_is_refused_for_what_it_is(tmp_path):
    journal = tmp_path / "sms.db-journal"
    journal.write_bytes(b"\xd9\xd5\x05\xf9\x20\xa1\x63\xd7" + bytes(4096))
    assert source_for(journal).media_type == "application/octet-stream"
    with pytest.raises(UnsupportedInput, match="rollback journal of sms.db"):
        records_of(journal, tmp_path / "work")
