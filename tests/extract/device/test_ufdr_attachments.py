"""A UFDR with many attached files is read in bounded memory: its table of tagged files (``ufdr_files.py``) and
the zip's table of contents (``zipindex.py``) wait in temporary files, and give back what a dict and
:class:`zipfile.ZipFile` give."""

from __future__ import annotations

import tracemalloc
import zipfile
from pathlib import Path

import pytest

from benchmarks.device_data import attachment_text, write_ufdr
from redactor.errors import HostileInput
from redactor.extract.device import safe, ufdr_files, zipindex
from redactor.extract.device.ufdr import extract_ufdr
from redactor.records import CaseSnapshot, DerivedFile, Item
from redactor.stages import StageContext
from tests.extract.device.helpers import pick, run, source_for


def test_the_indexed_zip_gives_zipfiles_members(tmp_path, monkeypatch):
    monkeypatch.setattr(zipindex, "_FLUSH", 7)
    path = tmp_path / "a.zip"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for i in range(40):
            archive.writestr(f"files/Text/n{i}.txt", f"text {i}\n" * (i + 1))
        archive.writestr("sub/Report.XML", b"<project/>")
        with pytest.warns(UserWarning, match="Duplicate name"):  # a repeated name: the later one wins, as in zipfile
            archive.writestr("files/Text/n3.txt", b"the later one")
    plain = zipfile.ZipFile(path)
    with zipindex.IndexedZip(path) as indexed:
        assert len(indexed.filelist) == len(plain.filelist) == 42 and indexed.namelist() == plain.namelist()
        for name in plain.namelist():
            a, b = plain.getinfo(name), indexed.getinfo(name)
            assert all(getattr(a, s, None) == getattr(b, s, None) for s in zipfile.ZipInfo.__slots__), name
            assert indexed.read(name) == plain.read(name)
        assert [i.filename for i in indexed.named("report.xml")] == ["sub/Report.XML"]
        assert "files/Text/n5.txt" in indexed.NameToInfo and "nothing" not in indexed.NameToInfo
        with pytest.raises(KeyError):
            indexed.getinfo("files/Text/none.txt")
    plain.close()


def test_a_zip_slip_member_is_refused_by_the_indexed_zip_too(tmp_path):
    path = tmp_path / "slip.ufdr"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("report.xml", b"<project/>")
        archive.writestr("../../etc/evil.txt", b"x")
    for indexed in (False, True):
        with pytest.raises(HostileInput, match="zip slip"), safe.open_zip(path, indexed=indexed):
            pass


def test_tagged_files_answer_as_a_dict_when_written_out(monkeypatch):
    monkeypatch.setattr(ufdr_files, "HELD", 5)
    files, expected = ufdr_files.TaggedFiles(), {}
    for i in [*range(23), 3, 17, 22]:  # ids listed again replace the earlier entry
        value = (f"n{i}.txt", f"files\\n{i}.txt", f"md5:{i:032x}", "Deleted" if i in (3, 17) else "Intact")
        files[f"f{i}"], expected[f"f{i}"] = value, value
    assert files.conn is not None and {k: files.get(k) for k in expected} == expected and files.get("f99") is None
    files.close()


def test_attachments_are_the_same_through_the_temporary_tables(tmp_path, monkeypatch):
    path = write_ufdr(tmp_path / "phone.ufdr", 60, files_every=2)
    assert pick(path) == "ufdr"
    items, derived, people = run(path, tmp_path / "work-dict")
    monkeypatch.setattr(ufdr_files, "HELD", 4)
    monkeypatch.setattr(zipindex, "_FLUSH", 3)
    items2, derived2, people2 = run(path, tmp_path / "work-dict")
    assert (items2, derived2, people2) == (items, derived, people) and len(derived) == 30
    assert [d.path.read_bytes() for d in derived] == [attachment_text(i) for i in range(0, 60, 2)]
    attached = [a.to_json() for i in items if i.kind == "message" for a in i.device.attachments]
    assert len(attached) == 30 and all(a["present"] and a["source_hash"].startswith("md5:") for a in attached)  # joined by file_id


def _peak(tmp_path: Path, n: int) -> int:
    path = write_ufdr(tmp_path / f"phone{n}.ufdr", n, files_every=1)
    source = source_for(path)
    ctx = StageContext(tmp_path / "models", tmp_path / f"work{n}", CaseSnapshot(), None)
    tracemalloc.start()
    try:
        counts = [0, 0]
        for record in extract_ufdr(source, path, ctx):  # each dropped when read, as the extraction batches do
            counts[0] += isinstance(record, Item)
            counts[1] += isinstance(record, DerivedFile)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
        assert counts[1] == n and counts[0] > n


@pytest.mark.slow
def test_a_ufdr_with_many_attachments_is_read_in_the_memory_of_a_few(tmp_path, monkeypatch):
    monkeypatch.setattr(ufdr_files, "HELD", 500, raising=False)  # (raising: the test also runs on the code before it)
    monkeypatch.setattr(zipindex, "_FLUSH", 500, raising=False)
    small, large = _peak(tmp_path, 1_000), _peak(tmp_path, 8_000)
    # a dict of tagged files and zipfile's table of contents: 7,000 more attachments cost about 6 MB
    assert large < small + 3_000_000, (small, large)  # the raw table of contents is still read whole (about 80 bytes a member)
