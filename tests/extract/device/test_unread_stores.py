"""App stores no reader takes are refused for what they are, with what to do, never as "unsupported file type": an
encrypted WhatsApp backup, a database encrypted whole (SQLCipher), a SQLite database of an app no reader knows."""

from __future__ import annotations

import random
import sqlite3

import pytest

from redactor.errors import EncryptedInput, UnsupportedInput
from redactor.extract.device.unread import bits_per_byte
from tests.extract.device.generated.ios_sms import sms_db
from tests.extract.device.helpers import pick, run


def _random_bytes(path, size=16_384, seed=7):
    path.write_bytes(random.Random(seed).randbytes(size))
    return path


@pytest.mark.parametrize("name", ["msgstore.db.crypt14", "msgstore-2024-02-29.1.db.crypt12", "wa.db.crypt15"])
def test_an_encrypted_whatsapp_backup_is_refused_as_encrypted_with_the_key_to_ask_for(tmp_path, name):
    # before: [E031] ...: unsupported file type (application/octet-stream)
    path = _random_bytes(tmp_path / name)
    with pytest.raises(EncryptedInput) as refused:
        run(path, tmp_path / "work")
    message = str(refused.value)
    assert refused.value.code == "E032" and name in message and "encrypted WhatsApp backup" in message
    assert "com.whatsapp/files/key" in message and "msgstore.db" in message


@pytest.mark.parametrize(("name", "app"), [("signal.db", "Signal for Android"), ("EnMicroMsg.db", "WeChat"), ("store.sqlite", None)])
def test_a_database_encrypted_whole_is_refused_as_encrypted_naming_the_app_its_name_gives(tmp_path, name, app):
    path = _random_bytes(tmp_path / name)
    with pytest.raises(EncryptedInput) as refused:
        run(path, tmp_path / "work")
    message = str(refused.value)
    assert "an encrypted database" in message and (app or "ciphertext") in message and "decrypt it" in message


def test_random_bytes_not_named_as_a_database_and_a_database_name_on_plain_bytes_stay_unsupported(tmp_path):
    assert pick(_random_bytes(tmp_path / "blob.bin")) is None  # "unsupported file type", as before
    plain = tmp_path / "dump.db"
    plain.write_bytes(bytes(range(16)) * 1024)  # not SQLite, not random: no claim of encryption
    assert bits_per_byte(plain.read_bytes()[:8192]) < 5 and pick(plain) is None
    assert pick(_random_bytes(tmp_path / "tiny.db", size=200)) is None  # shorter than one page


def test_a_sqlite_database_of_an_app_no_reader_knows_is_refused_naming_the_app_and_the_way_in(tmp_path):
    path = tmp_path / "cache4.db"
    with sqlite3.connect(path) as conn:
        conn.executescript("CREATE TABLE messages_v2 (mid INTEGER, data BLOB); CREATE TABLE dialogs (did INTEGER);")
    conn.close()
    with pytest.raises(UnsupportedInput) as refused:
        run(path, tmp_path / "work")
    message = str(refused.value)
    assert refused.value.code == "E031" and "Telegram for Android" in message and "extraction tool's report" in message
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE things (x TEXT)")
        conn.execute("INSERT INTO things VALUES ('Jo Example 07700 900123')")
    conn.close()
    with pytest.raises(UnsupportedInput, match="an app no reader here knows") as refused:
        run(other, tmp_path / "work")
    assert "Jo Example" not in str(refused.value) and "things" not in str(refused.value)


@pytest.mark.parametrize(
    ("name", "schema", "app"),
    [
        (
            "db_sqlite",
            "CREATE TABLE t2 (key BLOB, value BLOB); CREATE TABLE t6 (key BLOB, value BLOB); CREATE TABLE t7 (key BLOB, value BLOB);",
            "Telegram for iOS",
        ),
        (
            "threadingStore.sqlite",
            "CREATE TABLE ThreadItem (k TEXT); CREATE TABLE Thread (k TEXT); CREATE TABLE ThreadParticipant (k TEXT); CREATE TABLE Transcript (k TEXT);",
            "Google Voice",
        ),
        (
            "100.db",
            "CREATE TABLE contacts (id INTEGER, name TEXT); CREATE TABLE _user_info (facebook_user_id INTEGER);",
            "Messenger for iOS",
        ),
    ],
    ids=["telegram-ios", "google-voice", "messenger-ios-other"],
)
def test_an_ios_apps_store_no_reader_takes_is_named(tmp_path, name, schema, app):
    """Stores of public test phones (iLEAPP's test data): before, "an app no reader here knows" (or in a file-system
    archive, a line among the files not read)."""
    path = tmp_path / name
    with sqlite3.connect(path) as conn:
        conn.executescript(schema)
    conn.close()
    with pytest.raises(UnsupportedInput) as refused:
        run(path, tmp_path / "work")
    assert refused.value.code == "E031" and app in str(refused.value)


def test_a_database_a_reader_takes_is_still_read_by_it(tmp_path):
    path = tmp_path / "sms.db"
    sms_db(path)
    assert pick(path) == "ios-sms-db"


@pytest.mark.parametrize(
    ("name", "head", "what", "todo"),
    [
        ("mailbox.pst", b"!BDN\x0e\x1a\xfb\x01SM\x17\x00", "an Outlook data file", "readpst"),
        ("mailbox.ost", b"!BDN\x0e\x1a\xfb\x01SO\x24\x00", "an Outlook data file", "readpst"),
        ("papers.7z", b"7z\xbc\xaf\x27\x1c\x00\x04", "a 7-Zip archive", "7z x"),
        ("papers.rar", b"Rar!\x1a\x07\x01\x00", "a RAR archive", "extract it"),
        ("phone.E01", b"EVF\x09\x0d\x0a\xff\x00", "an EnCase evidence image", "ewfmount"),
    ],
)
def test_a_container_no_reader_opens_is_named_with_the_step_that_gets_its_content_in(tmp_path, name, head, what, todo):
    path = tmp_path / name
    path.write_bytes(head + random.Random(1).randbytes(4096))
    with pytest.raises(UnsupportedInput) as refused:
        run(path, tmp_path / "work")  # before: "unsupported file type (application/octet-stream)"
    assert what in str(refused.value) and todo in str(refused.value) and name in str(refused.value)
