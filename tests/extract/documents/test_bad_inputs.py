"""Bad documents through 'redactor run': a one-line error naming the file, quarantine, and the batch goes on."""

from __future__ import annotations

import json
import zipfile

import pytest
from pypdf import PdfWriter

from redactor.extract import ocr
from tests.extract.documents import factory
from tests.extract.documents.test_image import _png_header

pytestmark = pytest.mark.slow


@pytest.fixture
def inputs(tmp_path):
    folder = tmp_path / "inputs"
    folder.mkdir()
    factory.text_pdf(folder / "good.pdf", [factory.statement(1)])
    factory.scanned_pdf(folder / "scan.pdf", [factory.statement(2)])
    writer = PdfWriter(clone_from=str(folder / "good.pdf"))
    writer.encrypt(user_password="secret", owner_password="owner")
    writer.write(str(folder / "locked.pdf"))
    data = (folder / "good.pdf").read_bytes()
    (folder / "broken-xref.pdf").write_bytes(data[:200] + b"\x00" * 64 + b"\nxref\n0 999\nnot a table\ntrailer\n<<>>\n%%EOF")
    PdfWriter().write(str(folder / "no-pages.pdf"))
    (folder / "bomb.png").write_bytes(_png_header(40000, 40000))
    (folder / "program.exe").write_bytes(b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 100)
    with zipfile.ZipFile(folder / "archive.zip", "w") as zf:  # a zip is read member by member, unless it climbs out
        zf.writestr("readme.txt", "not a document")
        zf.writestr("../../escape.txt", "zip slip")
    return folder


def test_each_bad_document_is_quarantined_with_its_name(cli, inputs, tmp_path):
    case = tmp_path / "case"
    result = cli("run", inputs, "--case", case)
    assert result.exit_code == 3 and "Traceback" not in result.output
    status = json.loads(cli("status", case, "--json").output)
    reasons = {q["reason"].split(":")[0].rsplit("/", 1)[-1]: (q["code"], q["reason"]) for q in status["quarantined"]}
    expected = {
        "locked.pdf": "E032",
        "broken-xref.pdf": "E033",
        "no-pages.pdf": "E034",
        "bomb.png": "E035",
        "program.exe": "E031",
        "archive.zip": "E035",
    }
    assert {name: code for name, (code, _) in reasons.items()} == expected
    assert all("\n" not in reason and len(reason) < 300 for _, reason in reasons.values())
    quarantine_lines = [line for line in result.output.splitlines() if line.startswith("quarantined:")]
    assert len(quarantine_lines) == len(expected)
    assert status["items"] == 2  # good.pdf and scan.pdf went through


def test_an_ocr_failure_quarantines_the_scan_only(cli, tmp_path, monkeypatch):
    folder = tmp_path / "inputs"
    folder.mkdir()
    factory.text_pdf(folder / "good.pdf", [factory.statement(1)])
    factory.scanned_pdf(folder / "scan.pdf", [factory.statement(2)])

    def broken(image_path, settings=ocr.DEFAULT):
        raise RuntimeError("tesseract crashed")

    monkeypatch.setattr(ocr, "tesseract_words", broken)
    result = cli("run", folder, "--case", tmp_path / "case")
    assert result.exit_code == 3
    status = json.loads(cli("status", tmp_path / "case", "--json").output)
    (only,) = status["quarantined"]
    assert only["code"] == "E040" and "scan.pdf" in only["reason"] and "OCR failed" in only["reason"]
    assert status["items"] == 1
