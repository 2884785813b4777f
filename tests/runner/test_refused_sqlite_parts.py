"""A run over a phone database with a damaged page (tests/extract/device/test_sqlite_damaged.py) quarantines the run of
rows the page held alone, stores and flags the rest, and a run killed after the refusal was read ends, once run again,
with the case of an uninterrupted run. Before, the whole database was quarantined and nothing of it stored."""

from __future__ import annotations

import json
import signal
import sqlite3

import pytest

from tests.extract.device.sqlite_damage import damage_page, leaf_pages, leaf_rowids
from tests.extract.device.test_sqlite_damaged import SECRET, _chatstorage
from tests.runner.test_extract_child import linux_only
from tests.runner.test_kill_resume import fingerprint
from tests.runner.test_refused_parts import _quarantine, _run


@linux_only
@pytest.mark.slow
def test_a_run_killed_after_a_damaged_page_was_refused_ends_like_an_uninterrupted_run(tmp_path):
    path = _chatstorage(tmp_path / "in" / "ChatStorage.sqlite", 300)
    page = leaf_pages(path, "ZWAMESSAGE")[2]
    lost = leaf_rowids(path, "ZWAMESSAGE", page)
    damage_page(path, page)
    assert _run(path, tmp_path / "reference") == 3  # something was quarantined
    expected = fingerprint(tmp_path / "reference"), _quarantine(tmp_path / "reference")
    # before: [(sha256, path of the database, 'extract', 'E033', '... database disk image is malformed ...')], nothing stored
    part = f"ZWAMESSAGE rows {lost[0]}-{lost[-1]}"
    assert [r[:4] for r in expected[1]] == [(None, f"S0001:{part}", "extract", "E033")]
    assert SECRET not in expected[1][0][4]
    with sqlite3.connect(tmp_path / "reference" / "case.db") as conn:
        assert conn.execute("SELECT COUNT(*) FROM items WHERE kind = 'message'").fetchone()[0] == 300 - len(lost)
    conn.close()
    assert _run(path, tmp_path / "killed", kill_at=3) == -signal.SIGKILL
    assert not _quarantine(tmp_path / "killed")  # the refusal is stored with the source, which was not
    assert _run(path, tmp_path / "killed") == 3
    assert (fingerprint(tmp_path / "killed"), _quarantine(tmp_path / "killed")) == expected
    events = [json.loads(line) for line in (tmp_path / "killed" / "audit.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [e["payload"]["part"] for e in events if e["event"] == "input.quarantined"] == [part]


@linux_only
def test_a_message_of_an_ios_sms_db_whose_words_cannot_be_read_is_quarantined_alone(tmp_path):
    """iOS 16 keeps a message's words in attributedBody; one this reader cannot read is quarantined by its locator (E031,
    with what to do), never stored empty, and the rest of the database is stored and flagged."""
    from tests.extract.device.generated.ios_sms import sms_db

    path = tmp_path / "in" / "sms.db"
    path.parent.mkdir()
    sms_db(path, body={2: b"\x04\x0bstreamtyped\x81\xe8\x03\x84\x01@ another shape of archive"})
    assert _run(path, tmp_path / "case") == 3  # something was quarantined
    ((source, part, stage, code, reason),) = _quarantine(tmp_path / "case")
    assert (source, part, stage, code) == (None, "S0001:message ROWID=2", "extract", "E031")
    assert "attributedBody" in reason and "extraction tool's own report" in reason and "07700" not in reason
    with sqlite3.connect(tmp_path / "case" / "case.db") as conn:
        locators = {r[0] for r in conn.execute("SELECT locator FROM items WHERE kind = 'message'")}
    conn.close()
    assert locators == {f"message ROWID={n}" for n in (1, 3, 4, 5, 6)}


@linux_only
def test_a_database_with_its_write_ahead_log_and_index_beside_it_is_stored_whole_and_nothing_quarantined(tmp_path):
    """An extraction copies ``sms.db`` with ``sms.db-wal`` and ``sms.db-shm``: the messages only in the log are stored
    and flagged, and neither companion is quarantined (before: the log's messages lost, both quarantined as unsupported)."""
    from tests.extract.device.test_sqlite_wal import with_log

    path = with_log(tmp_path / "in")
    path.with_name("sms.db-shm").write_bytes(bytes(32_768))
    assert _run(path.parent, tmp_path / "case") == 0
    assert _quarantine(tmp_path / "case") == []
    _the_message_only_in_the_log_is_stored_and_flagged(tmp_path / "case")


@linux_only
@pytest.mark.parametrize("container", ["zip", "tar"])
def test_a_database_and_its_write_ahead_log_inside_an_archive_are_read_together(tmp_path, container):
    """A file-system extraction delivered as a zip or a tar holds ``sms.db`` beside ``sms.db-wal``. Both are copied
    under work/derived, the log under its database's prefix, so the messages only in the log are stored and flagged and
    nothing is quarantined. Before, each copy took a prefix of its own: the log was quarantined as having no database
    beside it (advice the user could not follow: the database was in the archive) and its messages were lost."""
    import tarfile
    import zipfile

    from tests.extract.device.test_sqlite_wal import with_log

    path = with_log(tmp_path / "phone")
    path.with_name("sms.db-shm").write_bytes(bytes(32_768))
    evidence = tmp_path / "in"
    evidence.mkdir()
    inside = "private/var/mobile/Library/SMS/"
    if container == "zip":
        with zipfile.ZipFile(evidence / "extraction.zip", "w") as archive:
            for f in sorted(path.parent.iterdir()):
                archive.write(f, inside + f.name)
    else:
        with tarfile.open(evidence / "extraction.tar", "w") as archive:
            for f in sorted(path.parent.iterdir()):
                archive.add(f, inside + f.name)
    assert _run(evidence, tmp_path / "case") == 0
    assert _quarantine(tmp_path / "case") == []  # before: the -wal, E031 "whose database ... is not beside it"
    _the_message_only_in_the_log_is_stored_and_flagged(tmp_path / "case")


def _the_message_only_in_the_log_is_stored_and_flagged(case) -> None:
    with sqlite3.connect(case / "case.db") as conn:
        locators = {r[0] for r in conn.execute("SELECT locator FROM items WHERE kind = 'message'")}
        flagged = conn.execute(
            "SELECT COUNT(*) FROM flags f JOIN items i ON i.item_id = f.item_id WHERE i.locator = 'message ROWID=99'"
        ).fetchone()[0]
    conn.close()
    assert "message ROWID=99" in locators and len(locators) == 7 and flagged >= 1
