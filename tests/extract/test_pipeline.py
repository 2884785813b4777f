"""Each new format through 'redactor run' and 'redactor bundle': read, flagged, and gone from the output;
each bad file of each format: one line naming it, quarantined, and the batch goes on."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from tests.extract import factory
from tests.extract.documents.factory import PHONES
from tests.extract.documents.helpers import leaks

pytestmark = pytest.mark.slow

# file name, writer: the values every writer puts somewhere (visible or hidden) that must not survive
GOOD = [
    ("contacts.xlsx", factory.xlsx),  # 1 item
    ("legacy.xls", factory.xls),  # 1
    ("chat-unicode.html", factory.html_utf16),  # 1: UTF-16 with a byte order mark
    ("calls.csv", factory.csv_file),  # 1
    ("chat.html", factory.html),  # 1
    ("export.json", factory.json_file),  # 1
    ("export.xml", factory.xml_file),  # 1
    ("meeting.msg", factory.msg),  # 4: the message, its note, the attached message and that one's note
    ("opaque.msg", lambda p: factory.smime_msg(p, "opaque-signed")),  # 3: the message, its signed content, that one's note
    ("locked.msg", lambda p: factory.smime_msg(p, "encrypted")),  # 1: the headers; the content is named as not read
    ("statement.rtf", factory.rtf),  # 2: the text and its picture (OCR'd)
    ("statement.doc", factory.doc),  # 1
    ("IMG_0001.HEIC", factory.heic),  # 1: the photo as a PNG (OCR'd)
    ("signed.eml", factory.signed_eml),  # 3: the message and two attachments; the signature is quarantined
    ("props.docx", lambda p: factory.docx_without_text(p, picture=False)),  # 1: what it holds
    ("with-sheet.docx", lambda p: factory.docx_with_sheet(p, p.parent.parent)),  # 2: the letter and the workbook
]
ITEMS = 25
REDACTED = [PHONES[0], PHONES[1], PHONES[2], PHONES[3], factory.EMAILS[0]]


def _hostile_xlsx(path: Path) -> Path:
    src = factory.xlsx(path.with_suffix(".src"))
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(path, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "xl/workbook.xml":
                data = b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY x SYSTEM "file:///etc/passwd">]>' + data.split(b"?>", 1)[-1]
            zout.writestr(info, data)
    src.unlink()
    return path


def _slip_xlsx(path: Path) -> Path:
    src = factory.xlsx(path.with_suffix(".src"))
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(path, "w") as zout:
        for info in zin.infolist():
            zout.writestr(info, zin.read(info))
        zout.writestr("../../escaped.txt", "never written")
    src.unlink()
    return path


def _cut(writer, keep: int | None = None):
    def write(path: Path) -> Path:
        full = writer(path.with_suffix(".full"))
        data = full.read_bytes()
        full.unlink()
        path.write_bytes(data[: keep or len(data) // 2])
        return path

    return write


def _text(body: str):
    def write(path: Path) -> Path:
        path.write_text(body)
        return path

    return write


# file name, writer, expected error code
BAD = [
    ("cut.msg", _cut(factory.msg), "E033"),
    ("cut.doc", _cut(factory.doc, 3000), "E033"),  # cut in its first stream (half of it still reads)
    ("locked.doc", lambda p: factory.doc(p, encrypted=True), "E032"),
    ("cut.heic", _cut(factory.heic), "E033"),
    ("deep.rtf", _text("{\\rtf1 " + "{" * 6000), "E033"),
    ("cut.xlsx", _cut(factory.xlsx), "E033"),
    ("cut.xls", _cut(factory.xls), "E033"),
    ("locked.xls", factory.locked_xls, "E032"),
    ("xxe.xlsx", _hostile_xlsx, "E035"),
    ("slip.xlsx", _slip_xlsx, "E035"),
    ("xxe.xml", _text(factory.XXE), "E035"),
    ("laughs.xml", _text(factory.LAUGHS), "E035"),
    ("cut.xml", _cut(factory.xml_file), "E033"),
    ("blank.csv", _text(",,\n,,\n"), "E034"),
    ("scripts-only.html", _text("<html><script>alert(1)</script></html>"), "E034"),
]


@pytest.fixture(scope="module")
def case(tmp_path_factory):
    from click.testing import CliRunner

    from redactor.cli import main

    root = tmp_path_factory.mktemp("formats")
    folder = root / "inputs"
    folder.mkdir()
    for name, write in GOOD:
        write(folder / name)
    runner = CliRunner()

    def cli(*args):
        return runner.invoke(main, [str(a) for a in args], catch_exceptions=False)

    result = cli("run", folder, "--case", root / "case")
    assert result.exit_code == 3, result.output  # the S/MIME signature is not a readable document
    return root, cli


def test_every_format_is_read(case):
    root, cli = case
    status = json.loads(cli("status", root / "case", "--json").output)
    assert [q["path"].rsplit("-", 1)[-1] for q in status["quarantined"]] == ["smime.p7s"]
    assert status["items"] == ITEMS


def test_redacted_values_are_gone_from_every_rendered_file(case):
    root, cli = case
    assert cli("decide", root / "case", "--accept-all", "--reviewer", "DC Test").exit_code == 0
    result = cli("bundle", root / "case", "--out", root / "bundle", "--pending", "redact")
    assert result.exit_code == 0, result.output
    assert cli("verify", root / "bundle").exit_code == 0
    pdfs = sorted((root / "bundle" / "items").glob("*.pdf"))
    assert len(pdfs) == ITEMS
    for pdf in pdfs:
        assert leaks(pdf.read_bytes(), REDACTED, ocr=True) == [], pdf.name
    assert leaks((root / "bundle" / "bundle.pdf").read_bytes(), REDACTED, ocr=False) == []
    index = (root / "bundle" / "index.csv").read_text()
    assert "not extracted: encrypted (S/MIME)" in index  # what could not be read is named in the index


def test_bad_files_are_quarantined_one_line_each_and_the_batch_goes_on(cli, tmp_path):
    folder = tmp_path / "inputs"
    folder.mkdir()
    for name, write, _ in BAD:
        write(folder / name)
    factory.csv_file(folder / "good.csv")
    result = cli("run", folder, "--case", tmp_path / "case")
    assert result.exit_code == 3 and "Traceback" not in result.output
    status = json.loads(cli("status", tmp_path / "case", "--json").output)
    codes = {q["path"].rsplit("/", 1)[-1]: q["code"] for q in status["quarantined"]}
    assert codes == {name: code for name, _, code in BAD}
    for q in status["quarantined"]:
        assert q["path"].rsplit("/", 1)[-1] in q["reason"] and "\n" not in q["reason"] and len(q["reason"]) < 300
        assert "root:" not in q["reason"] and "lol" not in q["reason"]
    assert status["items"] == 1
    assert not list(tmp_path.rglob("escaped.txt")) and not list(tmp_path.parent.glob("escaped.txt"))
