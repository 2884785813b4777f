"""Files a reader looks for beside a database by name, when both come out of a zip or tar: WhatsApp's ``wa.db`` beside
``msgstore.db`` (the senders' names) and Messenger's ``threads_db2-uid`` beside ``threads_db2`` (the owner: each
message's direction). Before, every archive member's copy took a prefix of its own under ``work/derived``, neither
sibling was found, and the messages came out with numbers for names and "unknown" directions; loose files were read
right. Now an archive folder's members share one prefix (``common.derived_prefix``) and readers ask
``common.beside``."""

from __future__ import annotations

import io
import sqlite3
from pathlib import Path

import pytest

from redactor.extract.device import common
from redactor.records import DerivedFile, Item
from tests.extract.device.generated.messenger import threads_db2
from tests.extract.device.generated.whatsapp_android import msgstore, wa_db
from tests.extract.device.helpers import records_of, run, source_for
from tests.extract.test_filesystem import tar_of, zip_of
from tests.runner.test_extract_child import linux_only
from tests.runner.test_refused_parts import _quarantine, _run

WHATSAPP = "Android/data/com.whatsapp/databases/"  # an archive of the app's folder, not a whole file system
WHATSAPP_FS = "data/data/com.whatsapp/databases/"  # a phone's file system: read by filesystem.py
MESSENGER_FS = "data/data/com.facebook.orca/databases/"


def _folder(tmp_path: Path, build: callable, *names: str) -> dict[str, bytes]:
    """The files ``build(folder / names[0])`` writes, by name."""
    folder = tmp_path / "build"
    folder.mkdir(exist_ok=True)
    build(folder / names[0])
    return {name: (folder / name).read_bytes() for name in names}


def _whatsapp(tmp_path: Path) -> dict[str, bytes]:
    files = _folder(tmp_path, msgstore, "msgstore.db")
    wa_db(tmp_path / "build" / "wa.db")
    return files | {"wa.db": (tmp_path / "build" / "wa.db").read_bytes()}


def _archive(path: Path, members: dict[str, bytes]) -> Path:
    return zip_of(path, members) if path.suffix == ".zip" else tar_of(path, members, "w:gz")


def _copies(path: Path, work: Path) -> dict[str, Path]:
    return {d.locator.removeprefix(common.MEMBER): d.path for d in records_of(path, work) if isinstance(d, DerivedFile)}


def _senders(items: list[Item]) -> list[str | None]:
    return [(i.device.to_json().get("sender") or {}).get("name") for i in items if i.kind == "message"]


def _directions(items: list[Item]) -> list[str]:
    return [i.device.to_json()["direction"]["value"] for i in items if i.kind == "message"]


@pytest.mark.parametrize("container", ["zip", "tar.gz"])
@pytest.mark.parametrize("inside", [WHATSAPP, WHATSAPP_FS, ""])
def test_wa_db_beside_msgstore_in_an_archive_names_the_senders_as_loose_files_do(tmp_path, container, inside):
    files = _whatsapp(tmp_path)
    expected = _senders(run(tmp_path / "build" / "msgstore.db", tmp_path / "w0")[0])  # loose files, side by side
    assert "Jo Example" in expected and "Alex Witness" in expected

    members = {inside + name: data for name, data in files.items()}
    copies = _copies(_archive(tmp_path / f"phone.{container}", members), tmp_path / "work")
    assert set(copies) == set(members)
    assert common.beside(copies[inside + "msgstore.db"], "wa.db") == copies[inside + "wa.db"]
    assert _senders(run(copies[inside + "msgstore.db"], tmp_path / "work")[0]) == expected  # before: all None


@pytest.mark.parametrize("container", ["zip", "tar.gz"])
@pytest.mark.parametrize("inside", ["Messenger/", MESSENGER_FS])
def test_the_owner_file_beside_threads_db2_in_an_archive_gives_each_messages_direction(tmp_path, container, inside):
    files = _folder(tmp_path, threads_db2, "threads_db2", "threads_db2-uid")
    loose = _directions(run(tmp_path / "build" / "threads_db2", tmp_path / "w0")[0])
    assert "outgoing" in loose and "incoming" in loose
    members = {inside + name: data for name, data in files.items()}
    if inside == MESSENGER_FS:  # a file system: the system's other files are not read, the owner file is kept
        members |= {f"data/data/com.android.x/files/f{i}.bin": b"x" * 10 for i in range(3)}
    copies = _copies(_archive(tmp_path / f"phone.{container}", members), tmp_path / "work")
    assert {inside + "threads_db2", inside + "threads_db2-uid"} <= set(copies)
    assert _directions(run(copies[inside + "threads_db2"], tmp_path / "work")[0]) == loose  # before: every one "unknown"


def test_an_archive_folders_members_share_a_prefix_and_nothing_collides():
    def prefix(member: str) -> str:
        return common.derived_prefix(common.MEMBER + member, member.replace("\\", "/").rsplit("/", 1)[-1])

    assert prefix("a/b/msgstore.db") == prefix("a/b/wa.db") == prefix("a\\b\\x.db")  # Windows separators: one folder
    assert prefix("a/b/wa.db") != prefix("a/c/wa.db") != prefix("wa.db")
    assert len(prefix("a/b/wa.db")) == common.FOLDER_PREFIX
    # names the sanitiser changes could meet ("a:b" and "a_b" both become "a_b"): each keeps a prefix of its own
    assert common.derived_prefix("member d/a:b", "a:b") != common.derived_prefix("member d/a_b", "a_b")
    assert len(common.derived_prefix("member d/a:b", "a:b")) == 8
    # a companion whose name needed sanitising still takes its database's prefix
    assert common.derived_prefix("member d/x:y.db-wal", "x:y.db-wal") == common.derived_prefix("member d/x:y.db", "x:y.db")
    assert common.derived_prefix("attachment[1]", "wa.db") != prefix("wa.db")  # not a member: its own prefix


def test_two_names_that_sanitise_alike_in_one_folder_are_both_kept(tmp_path):
    (tmp_path / "phone.zip").write_bytes(b"PK\x05\x06" + bytes(18))
    source, work = source_for(tmp_path / "phone.zip"), tmp_path / "work"
    a = common.write_derived(work, source, "member d/a:b", "a:b", io.BytesIO(b"first"))[0]
    b = common.write_derived(work, source, "member d/a_b", "a_b", io.BytesIO(b"second"))[0]
    assert a != b and a.read_bytes() == b"first" and b.read_bytes() == b"second"


def test_beside_a_loose_file_is_the_file_in_its_folder(tmp_path):
    path = tmp_path / "0123456789ab-msgstore.db"  # a loose file whose name looks prefixed: no such sibling, plain name
    assert common.beside(path, "wa.db") == tmp_path / "wa.db"
    assert common.beside(tmp_path / "msgstore.db", "wa.db") == tmp_path / "wa.db"


@linux_only
def test_through_the_runner_a_zipped_whatsapp_folder_stores_its_senders_names(tmp_path):
    evidence = tmp_path / "in"
    evidence.mkdir()
    _archive(evidence / "whatsapp.zip", {WHATSAPP + name: data for name, data in _whatsapp(tmp_path).items()})
    assert _run(evidence, tmp_path / "case") == 0
    assert _quarantine(tmp_path / "case") == []
    with sqlite3.connect(tmp_path / "case" / "case.db") as conn:
        senders = {r[0] for r in conn.execute("SELECT json_extract(device, '$.sender.name') FROM items WHERE kind = 'message'")}
    conn.close()
    assert {"Jo Example", "Alex Witness"} <= senders  # before: None for every message
