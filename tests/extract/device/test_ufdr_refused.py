"""One attached file of a UFDR that cannot be copied out (its member encrypted, a decompression bomb, damaged so its
CRC fails, its local header missing; in a bare report's folder, unreadable) is refused alone: the reader yields a
``Refused`` naming the file, the attachment's locator and the problem (never the member's name), and reads every
message, with the other attachments, as it would without it. Before, the first such file refused the whole UFDR,
and every message of the phone was lost to the case."""

from __future__ import annotations

import zipfile
from pathlib import Path

from benchmarks.device_data import attachment_text, report_lines
from redactor.extract.device import safe, ufdr
from redactor.extract.device.ufdr import extract_ufdr
from redactor.records import CaseSnapshot, DerivedFile, Item, Refused
from redactor.stages import StageContext
from tests.extract.device.helpers import source_for

MESSAGES = 12
SECRET = "Quillon Marchbanks"  # in the bad members' names and bytes only: never in a reason


def _member(i: int) -> str:
    return f"files/Text/note{i}.txt"


def _ufdr(path: Path, bad: dict[int, str] | None = None, absent: tuple[int, ...] = ()) -> Path:
    """A UFDR whose every message has an attached file (stored, so its bytes can be damaged in place); message
    ``i``'s file is damaged as ``bad[i]`` says, or left out of the zip when in ``absent``."""
    bad = bad or {}
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("report.xml", "".join(report_lines(MESSAGES, files_every=1)))
        for i in range(MESSAGES):
            if i in absent:
                continue
            data = attachment_text(i) if bad.get(i) != "bomb" else b"\0" * (1 << 20)
            compress = zipfile.ZIP_DEFLATED if bad.get(i) == "bomb" else zipfile.ZIP_STORED
            archive.writestr(_member(i), data + (SECRET.encode() if i in bad else b""), compress_type=compress)
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        infos = {i: archive.getinfo(_member(i)) for i in bad}
    for i, how in bad.items():
        info = infos[i]
        local = info.header_offset
        central = data.rfind(_member(i).encode()) - 46  # the directory's entry: its name starts 46 bytes in
        if how == "encrypted":
            data[local + 6] |= 1
            data[central + 8] |= 1
        elif how == "crc":
            start = local + 30 + len(_member(i))
            data[start] ^= 0xFF
        elif how == "no header":
            data[local : local + 4] = b"XXXX"
    path.write_bytes(bytes(data))
    return path


def _read(path: Path, work: Path) -> list:
    ctx = StageContext(work / "models", work, CaseSnapshot(), None)
    return list(extract_ufdr(source_for(path), path, ctx))


def _attachments(records: list) -> list[dict]:
    return [a.to_json() for r in records if isinstance(r, Item) and r.kind == "message" for a in r.device.attachments]


def _texts(records: list) -> list[tuple]:
    return [(i.locator, i.kind, [(s.field, s.text) for s in i.segments]) for i in records if isinstance(i, Item)]


BAD = {2: ("encrypted", "E032", "is encrypted"), 5: ("crc", "E033", "damaged or truncated"), 7: ("no header", "E033", "cannot be opened")}
BAD[9] = ("bomb", "E035", "decompression bomb")


def test_a_bad_attached_file_is_refused_alone_and_the_rest_of_the_ufdr_read(tmp_path, monkeypatch):
    monkeypatch.setattr(safe, "MIN_BOMB", 1 << 16)
    path = _ufdr(tmp_path / "phone.ufdr", {i: how for i, (how, _, _) in BAD.items()})
    records = _read(path, tmp_path / "w")  # before: the first bad member's error was raised, no message read
    refused = [r for r in records if isinstance(r, Refused)]
    prefix = "/project/decodedData/modelType[@type='Chat']/model[@id='c000001']/multiModelField[@name='Messages']/model"
    assert [(r.locator, r.code) for r in refused] == [(f"{prefix}[@id='m{i:08d}']/attachment[0]", code) for i, (_, code, _) in BAD.items()]
    for r, (_, code, problem) in zip(refused, BAD.values(), strict=True):
        assert r.reason.startswith(f"[{code}] {path}: the file attached at {r.locator} could not be copied out") and problem in r.reason
        assert SECRET not in r.reason and "note" not in r.reason  # neither the member's bytes nor its name
    # every other record is what a UFDR without the bad members gives (their attachments then simply absent)
    reference = _read(_ufdr(tmp_path / "reference.ufdr", absent=tuple(BAD)), tmp_path / "r")
    attached = _attachments(records)
    assert [a.pop("refused", None) for a in attached] == [BAD[i][1] if i in BAD else None for i in range(MESSAGES)]
    assert attached == _attachments(reference)
    assert _texts(records) == _texts(reference)
    kept = [r for r in records if isinstance(r, DerivedFile)]
    assert [d.path.read_bytes() for d in kept] == [attachment_text(i) for i in range(MESSAGES) if i not in BAD]
    assert sorted(p.name for p in (tmp_path / "w").rglob("*") if p.is_file()) == sorted(d.path.name for d in kept)  # no .part left
    # each refusal comes after the message that names it
    order = [r.locator if isinstance(r, Refused) else getattr(r, "locator", None) for r in records]
    assert all(order.index(r.locator) > order.index(r.locator.rsplit("/", 1)[0]) for r in refused)


def test_an_unreadable_file_beside_a_bare_report_is_refused_alone(tmp_path, monkeypatch):
    (tmp_path / "files" / "Text").mkdir(parents=True)
    report = tmp_path / "report.xml"
    report.write_text("".join(report_lines(4, files_every=1)), encoding="utf-8")
    for i in range(4):
        (tmp_path / _member(i)).write_bytes(attachment_text(i))
    unreadable = (tmp_path / _member(1)).resolve()

    def guarded(file, *args, **kwargs):  # a file the officer's account may not read (tests run as root, who reads all)
        if Path(file) == unreadable:
            raise PermissionError(13, "Permission denied", str(file))
        return open(file, *args, **kwargs)

    monkeypatch.setattr(ufdr, "open", guarded, raising=False)
    records = _read(report, tmp_path / "w")
    refused = [r for r in records if isinstance(r, Refused)]
    assert [(r.locator.rsplit("/", 2)[-2:], r.code) for r in refused] == [(["model[@id='m00000001']", "attachment[0]"], "E033")]
    assert "cannot be read (Permission denied)" in refused[0].reason and "note" not in refused[0].reason
    assert [d.path.read_bytes() for d in records if isinstance(d, DerivedFile)] == [attachment_text(i) for i in (0, 2, 3)]
