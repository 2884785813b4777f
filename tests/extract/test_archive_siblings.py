"""Files read together when they come out of a zip or tar: WhatsApp's ``wa.db`` beside ``msgstore.db`` (the senders'
names), Messenger's ``threads_db2-uid`` beside ``threads_db2`` (the owner: each message's direction), an ALEAPP report's
``_TSV Exports`` folder (one message a row). Before, every archive member's copy took a flat name with a prefix of its
own under ``work/derived``: no sibling was found (numbers for names, "unknown" directions) and a zipped report was read
as loose text files; loose files were read right. Now members are copied at their own paths inside the archive
(``common.derived_path``)."""

from __future__ import annotations

import io
import sqlite3
from pathlib import Path

import pytest

from benchmarks.device_data import write_aleapp_tsv
from redactor.extract.device import common
from redactor.records import DerivedFile, Item
from tests.extract.device.generated.messenger import threads_db2
from tests.extract.device.generated.whatsapp_android import msgstore, wa_db
from tests.extract.device.helpers import records_of, run, seg, source_for
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
    assert copies[inside + "msgstore.db"].with_name("wa.db") == copies[inside + "wa.db"]
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


def test_members_are_copied_at_their_paths_and_names_that_sanitise_alike_never_meet(tmp_path):
    folder = tmp_path / "derived"

    def place(member: str) -> Path:
        return common.derived_path(folder, common.MEMBER + member, member.replace("\\", "/").rsplit("/", 1)[-1])

    assert place("a/b/msgstore.db") == folder / common.TREE / "a" / "b" / "msgstore.db"
    assert place("a\\b\\wa.db") == place("a/b/wa.db")  # Windows separators: the same folder
    assert place("a/b/wa.db") != place("a/c/wa.db") != place("wa.db")
    # names the sanitiser changes ("a:b" and "a_b" both become "a_b", a leading dot is dropped): each its own
    assert len({place("d/a:b"), place("d/a_b"), place("d:x/a_b"), place("d_x/a_b"), place("d/.a_b")}) == 5
    assert all(folder in place(m).parents for m in ("d/a:b", "d/.a_b", "x/" * 10 + "y"))
    # too deep, or a file where a folder should be: a flat name of its own
    assert place("x/" * (common.MAX_TREE_DEPTH + 1) + "y").parent == folder
    (folder / common.TREE).mkdir(parents=True)
    (folder / common.TREE / "f").write_bytes(b"a file")
    assert place("f/g.db").parent == folder
    # not a member (an attachment, a picture in a document): flat, a companion beside its database
    assert common.derived_path(folder, "attachment[1]", "wa.db").parent == folder
    db, wal = (common.derived_path(folder, k, k.split()[-1]) for k in ("mail/x sms.db", "mail/x sms.db-wal"))
    assert wal == db.with_name(db.name + "-wal")


def test_two_names_that_sanitise_alike_in_one_folder_are_both_kept(tmp_path):
    (tmp_path / "phone.zip").write_bytes(b"PK\x05\x06" + bytes(18))
    source, work = source_for(tmp_path / "phone.zip"), tmp_path / "work"
    a = common.write_derived(work, source, "member d/a:b", "a:b", io.BytesIO(b"first"))[0]
    b = common.write_derived(work, source, "member d/a_b", "a_b", io.BytesIO(b"second"))[0]
    c = common.write_derived(work, source, "member d/a_b.part", "a_b.part", io.BytesIO(b"third"))[0]
    assert len({a, b, c}) == 3 and (a.read_bytes(), b.read_bytes(), c.read_bytes()) == (b"first", b"second", b"third")
    assert not [p for p in (work / "derived").rglob("*") if p.name.startswith(".")]  # no partial copy left


@pytest.mark.parametrize("container", ["zip", "tar.gz"])
def test_a_zipped_aleapp_report_is_read_as_the_loose_report_is(tmp_path, container):
    report = write_aleapp_tsv(tmp_path / "report", 30)
    loose = [(seg(i, "text"), i.kind) for i in run(report, tmp_path / "w0")[0]]
    assert len(loose) == 30 and {kind for _, kind in loose} == {"message"}
    members = {"ALEAPP_Reports_2024/_TSV Exports/" + report.name: report.read_bytes(), "ALEAPP_Reports_2024/index.html": b"<html></html>"}
    copies = _copies(_archive(tmp_path / f"report.{container}", members), tmp_path / "work")
    tsv = copies["ALEAPP_Reports_2024/_TSV Exports/" + report.name]
    assert [(seg(i, "text"), i.kind) for i in run(tsv, tmp_path / "work")[0]] == loose  # before: one text document


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


@linux_only
def test_through_the_runner_a_zipped_aleapp_report_stores_one_message_a_row(tmp_path):
    report = write_aleapp_tsv(tmp_path / "report", 30)
    evidence = tmp_path / "in"
    evidence.mkdir()
    members = {"Report/_TSV Exports/" + report.name: report.read_bytes(), "Report/index.html": b"<html><p>the report</p></html>"}
    _archive(evidence / "report.zip", members)
    assert _run(evidence, tmp_path / "case") == 0
    assert _quarantine(tmp_path / "case") == []
    with sqlite3.connect(tmp_path / "case" / "case.db") as conn:
        kinds = dict(conn.execute("SELECT kind, COUNT(*) FROM items WHERE kind != 'document' GROUP BY kind").fetchall())
    conn.close()
    assert kinds == {"message": 30}  # before: the TSV one text document, the report's page another


def test_long_names_and_deep_paths_are_copied_not_refused(tmp_path):
    """A name's limit is 255 bytes, not characters, and a path's 4,096: before, a zip holding a Japanese file name of 110
    characters (330 bytes) or a path 45 folders of 100 characters deep was quarantined whole as an internal error."""
    long_name = "日本語の長いファイル名" * 10 + ".txt"
    members = {
        "notes/" + long_name: "Call Dana Whitcombe on 07700 900123",
        "/".join(["d" * 100] * 45) + "/deep.txt": "Jo Example lives at 14 Mill Lane",
        "ok.txt": "hello",
    }
    copies = _copies(_archive(tmp_path / "long.zip", {k: v.encode() for k, v in members.items()}), tmp_path / "work")
    assert {name: path.read_text(encoding="utf-8") for name, path in copies.items()} == members
    assert all(len(p.name.encode("utf-8")) <= 255 and len(str(p).encode("utf-8")) < 4096 for p in copies.values())
    assert copies["notes/" + long_name].suffix == ".txt"  # cut, its extension kept
    assert common.safe_name("é" * 200 + ".jpeg").endswith(".jpeg") and len(common.safe_name("é" * 200).encode()) <= common.MAX_NAME_BYTES
