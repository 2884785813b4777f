"""End to end through the CLI: a poorly read page is flagged for review, blocks the bundle until decided,
and accepting the flag withholds the page; scans, images and Word files come out redacted."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from pypdf import PdfReader

from tests.extract.documents import factory
from tests.extract.documents.helpers import leaks
from tests.extract.documents.test_docx import make_docx

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def case(tmp_path_factory):
    from click.testing import CliRunner

    from redactor.cli import main

    root = tmp_path_factory.mktemp("flow")
    folder = root / "inputs"
    folder.mkdir()
    good = factory.page_image(factory.statement(1), dpi=200)
    poor = factory.page_image(factory.statement(2), dpi=100, noise=0.05, blur=1.0)
    good.save(folder / "pages.tif", format="TIFF", save_all=True, append_images=[poor], dpi=(200, 200))
    factory.scanned_pdf(folder / "scan.pdf", [factory.statement(3)])
    make_docx(folder / "letter.docx", picture=True)
    runner = CliRunner()

    def cli(*args):
        return runner.invoke(main, [str(a) for a in args], catch_exceptions=False)

    result = cli("run", folder, "--case", root / "case")
    assert result.exit_code == 0, result.output
    return root, cli


def _flags(cli, root):
    out = cli("flags", root / "case", "--format", "csv").output
    return list(csv.DictReader(io.StringIO(out)))


def test_the_poor_page_is_flagged_for_review(case):
    root, cli = case
    review = [f for f in _flags(cli, root) if f["entity"] == "OCR_REVIEW"]
    assert len(review) == 1 and review[0]["proposed"] == "review" and review[0]["page"] == "2"


def test_attachments_of_word_files_are_ocrd_too(case):
    root, cli = case
    status = json.loads(cli("status", root / "case", "--json").output)
    assert status["sources"] == 4 and status["items"] == 4  # tif, scan, docx, and the picture inside the docx
    assert status["quarantined"] == []


def test_bundle_waits_for_review_then_withholds_the_page(case):
    root, cli = case
    assert cli("bundle", root / "case", "--out", root / "early").exit_code == 4
    assert cli("decide", root / "case", "--accept-all", "--reviewer", "DC Test").exit_code == 0
    result = cli("bundle", root / "case", "--out", root / "bundle")
    assert result.exit_code == 0, result.output
    assert cli("verify", root / "bundle").exit_code == 0
    pdfs = sorted((root / "bundle" / "items").glob("*.pdf"))
    assert len(pdfs) == 4
    values = [factory.PHONES[0], factory.PHONES[1], factory.PHONES[2], factory.PHONES[3]]
    for pdf in pdfs:
        assert leaks(pdf.read_bytes(), values) == [], pdf.name
    tiff_out = [p for p in pdfs if len(PdfReader(str(p)).pages) == 2]
    assert len(tiff_out) == 1
    withheld = PdfReader(str(tiff_out[0])).pages[1].extract_text()
    assert re.fullmatch(r"[A-Z]{2,3} \d+", withheld.strip())  # nothing of the page: only its box label ("TP 15")
    schedule = (root / "bundle" / "schedule.csv").read_text()
    assert "OCR_REVIEW" in schedule or "TP" in schedule
