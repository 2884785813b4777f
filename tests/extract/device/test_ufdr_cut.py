"""A UFDR cut short (a partial copy: the zip's table of contents, at its end, is missing): before, refused whole as
"truncated or damaged (no central directory)". Now its report.xml is read by its local header (redactor/extract/device/
zipcut.py), up to the cut if the cut falls in it, and its attached files before the cut by theirs; a file after the
cut is marked refused in its message, and one refusal names what was lost."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from benchmarks.device_data import write_ufdr
from redactor.errors import CorruptInput
from redactor.extract import extractors
from redactor.records import DerivedFile, Item, Refused
from redactor.stages import StageContext
from tests.extract.device.helpers import pick, source_for


def _read(path: Path, work: Path) -> list:
    ex = next(e for e in extractors() if e.name == pick(path))
    return list(ex.extract(source_for(path), path, StageContext(models_dir=Path("."), work_dir=work)))


def _said(item: Item) -> tuple:
    """What an item says and where (its ids follow the file's hash, which the cut changes)."""
    return item.locator, tuple((s.field, s.text) for s in item.segments)


def _files(records: list) -> dict[str, str]:
    """Message locator -> the sha256 of its attached file, or "refused"."""
    out = {}
    for r in records:
        if isinstance(r, Item) and r.kind == "message":
            for a in r.device.attachments:
                facts = a.to_json()
                out[r.locator] = facts.get("sha256") or ("refused" if facts.get("refused") else "absent")
    return out


@pytest.fixture
def ufdr(tmp_path: Path) -> tuple[Path, list]:
    path = write_ufdr(tmp_path / "full.ufdr", 300, files_every=5)
    return path, _read(path, tmp_path / "whole")


def test_cut_after_the_report_every_message_is_read_and_the_files_before_the_cut(ufdr, tmp_path):
    path, whole = ufdr
    with zipfile.ZipFile(path) as archive:
        members = archive.infolist()
    cut_member = members[len(members) // 2]  # cut inside the middle attached file
    cut = tmp_path / "cut.ufdr"
    cut.write_bytes(path.read_bytes()[: cut_member.header_offset + 40])
    records = _read(cut, tmp_path / "cut")
    messages = [r for r in records if isinstance(r, Item)]
    assert [_said(m) for m in messages] == [_said(m) for m in whole if isinstance(m, Item)]
    expected, got = _files(whole), _files(records)
    before = {f"files/Text/{Path(m.filename).name}" for m in members[1 : len(members) // 2]}
    present = {k for k, v in got.items() if v not in ("refused", "absent")}
    assert {k: got[k] for k in present} == {k: expected[k] for k in present}  # the same bytes as from the whole archive
    assert len(present) == len(before) and set(got.values()) - set(expected.values()) == {"refused"}
    assert len([r for r in records if isinstance(r, DerivedFile)]) == len(before)
    (refused,) = [r for r in records if isinstance(r, Refused)]
    assert refused.locator == "the archive's table of contents" and refused.code == "E033" and str(cut) in refused.reason


def test_cut_inside_the_report_keeps_the_messages_before_the_cut(ufdr, tmp_path):
    path, whole = ufdr
    with zipfile.ZipFile(path) as archive:
        report = archive.getinfo("report.xml")
    cut = tmp_path / "cut.ufdr"
    cut.write_bytes(path.read_bytes()[: report.header_offset + 60 + report.compress_size // 2])
    records = _read(cut, tmp_path / "cut")
    messages = [r for r in records if isinstance(r, Item) and r.kind == "message"]
    first = [m for m in whole if isinstance(m, Item) and m.kind == "message"]
    assert 50 < len(messages) < 250 and [_said(m) for m in messages] == [_said(m) for m in first[: len(messages)]]
    locators = [r.locator for r in records if isinstance(r, Refused)]
    assert locators[0] == "the archive's table of contents" and locators[1].startswith("report line ") and len(locators) == 2


def test_cut_before_any_of_the_report_is_refused_whole(ufdr, tmp_path):
    path, _ = ufdr
    cut = tmp_path / "cut.ufdr"
    cut.write_bytes(path.read_bytes()[:45])  # the report's local header and name only
    with pytest.raises(CorruptInput):
        _read(cut, tmp_path / "cut")


def test_a_damaged_file_before_the_cut_is_refused_alone(ufdr, tmp_path):
    path, whole = ufdr
    with zipfile.ZipFile(path) as archive:
        members = archive.infolist()
    data = bytearray(path.read_bytes()[: members[-5].header_offset])
    victim = members[3]
    at = victim.header_offset + 30 + len(victim.filename.encode()) + len(victim.extra) + 2
    data[at] ^= 0xFF  # one byte of its compressed data
    cut = tmp_path / "cut.ufdr"
    cut.write_bytes(bytes(data))
    records = _read(cut, tmp_path / "cut")
    refused = [r for r in records if isinstance(r, Refused)]
    assert refused[0].locator == "the archive's table of contents" and len(refused) == 2
    assert "could not be copied out" in refused[1].reason and victim.filename not in refused[1].reason
    assert len([r for r in records if isinstance(r, Item) and r.kind == "message"]) == 300
