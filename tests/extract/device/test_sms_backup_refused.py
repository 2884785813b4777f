"""An MMS part of an SMS Backup & Restore file whose data cannot be written out (over the size limit, or not base64) is
refused alone: a Refused at /smses/mms[N]/parts/part[I] naming the file and the part (never its name: a photo may be
named after a person) and the problem, the message read without it (its attachment marked refused), every other
message and part read as before. Before, a part over the limit refused the whole backup (HostileInput from
write_derived) and a part that was not base64 was dropped without a word."""

from __future__ import annotations

import base64
import dataclasses
from pathlib import Path

import pytest

from redactor.errors import CorruptInput
from redactor.extract.device import sms_backup
from redactor.records import CaseSnapshot, DerivedFile, Item, Refused
from redactor.stages import StageContext
from tests.extract.device.helpers import source_for

SECRET = "Quillon Marchbanks"  # the refused parts' names: never in a reason


def _mms(n: int, data: str, name: str = "image000000.gif") -> str:
    return (
        f'  <mms date="17092850{n:05d}" sub="null" msg_box="1" address="+447700900123" contact_name="Alex Witness">\n'
        "    <parts>\n"
        f'      <part seq="0" ct="image/gif" name="{name}" cl="{name}" text="null" data="{data}" />\n'
        f'      <part seq="0" ct="text/plain" name="null" text="photo number {n}" />\n'
        "    </parts>\n"
        '    <addrs><addr address="+447700900123" type="137" charset="106" /></addrs>\n'
        "  </mms>\n"
    )


def _backup(path: Path, parts: dict[int, tuple[str, str]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    photo = base64.b64encode(b"GIF89a photo " * 20).decode()
    body = "".join(_mms(n, *parts.get(n, (photo + base64.b64encode(str(n).encode()).decode(),))) for n in range(1, 9))
    path.write_text(f"<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\n<smses count=\"8\">\n{body}</smses>\n", encoding="utf-8")
    return path


def _read(path: Path, work: Path) -> list:
    source = dataclasses.replace(source_for(path), source_id="5" * 64)  # one id for the damaged copy and the good file
    return list(sms_backup.extract_sms_backup(source, path, StageContext(work / "models", work, CaseSnapshot(), None)))


def test_an_mms_part_that_cannot_be_written_out_is_refused_alone(tmp_path, monkeypatch):
    monkeypatch.setattr(sms_backup, "MAX_PART", 1000)
    large = base64.b64encode(b"GIF89a " + SECRET.encode() * 100).decode()
    bad = {3: (large, f"{SECRET}.gif"), 6: ("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7"[:-3], f"{SECRET} 2.gif")}
    path = _backup(tmp_path / "bad" / "sms-1.xml", bad)
    records = _read(path, tmp_path / "w2")  # before: HostileInput for the whole backup ('expands beyond 0 MB')
    refused = [r for r in records if isinstance(r, Refused)]
    assert [(r.locator, r.code) for r in refused] == [("/smses/mms[3]/parts/part[0]", "E036"), ("/smses/mms[6]/parts/part[0]", "E033")]
    assert refused[0].reason.startswith(f"[E036] {path}: the data of MMS part /smses/mms[3]/part[0] is over 0 MB decoded")
    assert refused[1].reason.startswith(f"[E033] {path}: the data of MMS part /smses/mms[6]/part[0] is not valid base64")
    assert all(SECRET not in r.reason for r in refused)
    items = [i for i in records if isinstance(i, Item) and i.kind == "message"]
    assert len(items) == 8 and [i.device.attachments[0].to_json().get("refused") for i in items] == [
        None, None, "E036", None, None, "E033", None, None
    ]  # fmt: skip
    derived = [d.locator for d in records if isinstance(d, DerivedFile)]
    assert derived == [f"/smses/mms[{n}]/parts/part[0]" for n in (1, 2, 4, 5, 7, 8)]
    good = _read(_backup(tmp_path / "good" / "sms-1.xml", {}), tmp_path / "w1")
    texts = [[(s.field, s.text) for s in i.segments if s.field == "text"] for i in items]
    assert texts == [
        [(s.field, s.text) for s in i.segments if s.field == "text"] for i in good if isinstance(i, Item) and i.kind == "message"
    ]


def test_parts_under_the_limit_are_read(tmp_path, monkeypatch):
    monkeypatch.setattr(sms_backup, "MAX_PART", 1 << 20)
    records = _read(_backup(tmp_path / "sms-1.xml", {}), tmp_path / "w")
    assert not [r for r in records if isinstance(r, Refused)] and sum(isinstance(r, DerivedFile) for r in records) == 8


def test_the_limit_is_checked_before_the_data_is_decoded(tmp_path, monkeypatch):
    monkeypatch.setattr(sms_backup, "MAX_PART", 0)
    monkeypatch.setattr(sms_backup.base64, "b64decode", lambda *a, **k: pytest.fail("decoded"))
    records = _read(_backup(tmp_path / "sms-1.xml", {}), tmp_path / "w")
    assert [r.code for r in records if isinstance(r, Refused)] == ["E036"] * 8


def test_a_backup_cut_short_is_read_up_to_the_cut(tmp_path):
    """A partly copied backup: before, the XML error at the cut refused the whole file (every message before it lost)."""
    from benchmarks.device_data import write_sms_backup

    good = write_sms_backup(tmp_path / "sms-good.xml", 300)
    lines = good.read_bytes().split(b"\n")
    path = tmp_path / "sms-cut.xml"
    path.write_bytes(b"\n".join(lines[:150]) + b"\n" + lines[150][:40])  # line 151 cut in its middle
    records = _read(path, tmp_path / "w2")
    refused = [r for r in records if isinstance(r, Refused)]
    assert [(r.locator, r.code) for r in refused] == [("line 151 to the end", "E033")]
    assert (
        refused[0].reason.startswith(f"[E033] {path}: the XML is not well-formed at line 151")
        and "the 148 sms before it read" in refused[0].reason
    )
    expected = [i for i in _read(good, tmp_path / "w1") if isinstance(i, Item)]
    items = [i for i in records if isinstance(i, Item)]

    def shown(i: Item) -> tuple:
        return i.locator, [(s.field, s.text) for s in i.segments], i.device.to_json()

    assert [shown(i) for i in items if i.kind == "message"] == [shown(i) for i in expected if i.kind == "message"][:148]
    assert {i.kind for i in items} == {"message", "thread"}


def test_a_backup_cut_before_its_first_message_is_refused_whole(tmp_path):
    path = tmp_path / "sms-cut.xml"
    path.write_text(
        "<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\n<smses count=\"3\">\n  <sms protocol=\"0\" addr", encoding="utf-8"
    )
    with pytest.raises(CorruptInput, match="not well-formed XML at line 3"):
        _read(path, tmp_path / "w")
