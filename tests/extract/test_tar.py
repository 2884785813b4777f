"""Tar archives (plain or compressed) and single compressed files: every member a source of its own, read through the
whole pipeline; hostile members and bombs refused. Before, each was quarantined as an unsupported file type."""

from __future__ import annotations

import bz2
import gzip
import io
import tarfile

import pytest

from redactor.errors import CorruptInput, HostileInput
from redactor.extract import archive, tar
from redactor.extract.device import safe
from redactor.records import DerivedFile, Refused
from tests.extract.device.helpers import pick, records_of, run, seg
from tests.extract.test_archive import NOTE, flagged_texts


def tar_bytes(members: dict[str, bytes | str], mode: str = "w") -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode=mode) as t:
        for name, data in members.items():
            raw = data.encode() if isinstance(data, str) else data
            info = tarfile.TarInfo(name)
            info.size = len(raw)
            t.addfile(info, io.BytesIO(raw))
        link = tarfile.TarInfo("private/var/mobile/latest")
        link.type, link.linkname = tarfile.SYMTYPE, "notes/note.txt"
        t.addfile(link)
    return buf.getvalue()


@pytest.mark.parametrize("mode", ["w", "w:gz", "w:bz2", "w:xz"])
def test_each_file_of_a_tar_is_a_source_and_the_listing_an_item(tmp_path, mode):
    path = tmp_path / "extraction.tar"
    path.write_bytes(tar_bytes({"notes/note.txt": NOTE, "Jo Example.vcf": "not really a card"}, mode))
    assert pick(path) == "tar-archive"
    items, derived, _ = run(path, tmp_path / "work")
    assert sorted(d.name for d in derived) == ["Jo Example.vcf", "note.txt"]
    assert all((tmp_path / "work") in d.path.parents for d in derived)
    assert {d.name: d.path.read_text() for d in derived}["note.txt"] == NOTE
    (listing,) = items
    assert seg(listing, "text") == "notes/note.txt\nJo Example.vcf\nprivate/var/mobile/latest"  # the link listed, not copied


def test_a_member_named_out_of_the_archive_is_refused_alone(tmp_path):
    """A '..' path is refused alone; one written from the root (``/abs/path.txt``) is read, its copy inside the case."""
    path = tmp_path / "hostile.tar"
    absolute = tmp_path / "abs" / "path.txt"
    path.write_bytes(tar_bytes({"../../etc/cron.d/x": "bad", str(absolute): "from the root", "note.txt": NOTE}))
    records = records_of(path, tmp_path / "work")
    refused = [r for r in records if isinstance(r, Refused)]
    assert [r.locator for r in refused] == ["member ../../etc/cron.d/x"]
    assert all(r.code == HostileInput.code for r in refused)
    derived = [r for r in records if isinstance(r, DerivedFile)]
    assert sorted(r.name for r in derived) == ["note.txt", "path.txt"]
    assert {d.name: d.path.read_text() for d in derived}["path.txt"] == "from the root"
    assert not (tmp_path / "etc").exists() and not absolute.exists()
    assert all((tmp_path / "work") in p.parents for p in (tmp_path / "work").rglob("*"))


def test_a_tar_past_the_limits_is_refused_before_anything_is_written(tmp_path, monkeypatch):
    monkeypatch.setattr(tar, "MAX_MEMBERS", 3)
    path = tmp_path / "many.tar.gz"
    path.write_bytes(tar_bytes({f"f{i}.txt": f"file {i}" for i in range(5)}, "w:gz"))
    with pytest.raises(HostileInput, match="more than 3 files"):
        records_of(path, tmp_path / "work")
    assert not list((tmp_path / "work").rglob("*.txt"))
    assert archive.MAX_MEMBERS > 3  # the zip's limit, shared


def test_a_tar_of_many_links_is_refused_before_it_fills_memory(tmp_path, monkeypatch):
    monkeypatch.setattr(tar, "MAX_ENTRIES", 50)
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as t:
        for i in range(200):
            link = tarfile.TarInfo(f"l{i}")
            link.type, link.linkname = tarfile.SYMTYPE, "x"
            t.addfile(link)
    path = tmp_path / "links.tar.gz"
    path.write_bytes(buf.getvalue())
    with pytest.raises(HostileInput, match="more than 50 entries"):
        records_of(path, tmp_path / "work")


def test_a_tar_cut_short_is_refused_as_damaged(tmp_path):
    path = tmp_path / "cut.tar.gz"
    whole = tar_bytes({"note.txt": NOTE * 200, "more.txt": "x" * 5000}, "w:gz")
    path.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(CorruptInput, match="damaged or cut short"):
        records_of(path, tmp_path / "work")


def test_a_single_compressed_file_is_decompressed_as_the_file_it_holds(tmp_path):
    path = tmp_path / "messages.json.gz"
    path.write_bytes(gzip.compress(b'{"note": "' + NOTE.encode() + b'"}'))
    other = tmp_path / "note.txt.bz2"
    other.write_bytes(bz2.compress(NOTE.encode()))
    for source, name in ((path, "messages.json"), (other, "note.txt")):
        assert pick(source) == "compressed-file"
        items, derived, _ = run(source, tmp_path / "work")
        assert [d.name for d in derived] == [name] and seg(items[0], "text") == name


def test_a_compressed_file_that_expands_past_the_ratio_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(safe, "MIN_BOMB", 1 << 20)
    path = tmp_path / "bomb.gz"
    path.write_bytes(gzip.compress(bytes(8 << 20)))
    with pytest.raises(HostileInput, match="decompression bomb"):
        records_of(path, tmp_path / "work")
    assert not [p for p in (tmp_path / "work").rglob("*") if p.is_file()]


def test_through_the_runner_the_files_of_a_compressed_tar_are_read_and_flagged(cli, tmp_path):
    (tmp_path / "in").mkdir()
    statement = "Witness Sarah Jones lives at 12 Acacia Avenue, Leeds LS1 4AB."
    (tmp_path / "in" / "phone.tar.gz").write_bytes(tar_bytes({"note.txt": NOTE, "docs/statement.txt": statement}, "w:gz"))
    case = tmp_path / "case"
    result = cli("run", tmp_path / "in", "--case", case)
    assert result.exit_code == 0, result.output
    assert {"Mark Brown", "07700 900456", "Sarah Jones"} <= flagged_texts(case)
