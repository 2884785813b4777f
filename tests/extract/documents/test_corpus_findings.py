"""Failures the real-world corpus bench (benchmarks/bench_corpus.py) found, reproduced on generated files."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from tests.extract.documents import odd_pdfs
from tests.extract.documents.helpers import extract, flags_for, leaks, ocr_text, render

pytestmark = pytest.mark.slow

NAME = "Sarah Jones"


def test_inherited_mediabox_keeps_page_size_and_redacts_near_the_top(tmp_path):
    path = odd_pdfs.inherited_mediabox_pdf(
        tmp_path / "inherited.pdf", [(815, f"{NAME} at the top"), (400, "Middle of the page"), (30, "Bottom line here")]
    )
    item = extract(path)
    rendered = render(item, path, flags_for(item, [NAME]))
    box = PdfReader(io.BytesIO(rendered.pdf)).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)
    assert leaks(rendered.pdf, [NAME]) == []
    seen = ocr_text(rendered.pdf).lower()
    assert "middle" in seen and "bottom" in seen and "top" in seen


PHONE = "07700 900123"


def test_table_on_a_page_with_a_picture_is_read(tmp_path):
    cells = [["", "Name", "Phone", "City"], ["Witness", NAME, PHONE, "Leeds"], ["Capital", "Jakarta", "Berlin", "Vienna"]]
    item = extract(odd_pdfs.table_beside_picture_pdf(tmp_path / "table.pdf", cells))
    text = " ".join(segment.text for segment in item.segments)
    assert NAME in text and PHONE in text and "Jakarta" in text
    assert item.meta["pictures_ocr_pages"] == [1]  # only the picture was OCR'd; the layer was kept


def test_file_embedded_in_a_pdf_is_extracted_or_named(cli, tmp_path):
    from pypdf import PdfWriter

    from tests.extract.documents import factory

    inbox = tmp_path / "in"
    inbox.mkdir()
    writer = PdfWriter(clone_from=factory.text_pdf(tmp_path / "cover.pdf", [["Covering letter", "See attached."]]))
    writer.add_attachment("witness-list.txt", f"{NAME} {PHONE}\n".encode())
    writer.write(inbox / "letter.pdf")
    case, bundle = tmp_path / "case", tmp_path / "bundle"
    cli("run", inbox, "--case", case)
    cli("decide", case, "--accept-all", "--reviewer", "test")
    cli("bundle", case, "--out", bundle)
    status = cli("status", case).output
    assert "sources: 2" in status and "PERSON" in status and "PHONE_NUMBER" in status  # read and flagged
    assert "embedded" in (bundle / "index.csv").read_text()  # and the original's row says so


def test_thin_rules_rendered_faithfully_are_not_withheld(tmp_path):
    path = odd_pdfs.hairline_form_pdf(tmp_path / "form.pdf")
    item = extract(path)
    rendered = render(item, path, [])  # pdfium draws a 0.4 pt rule a dark pixel wide; the output holds a grey line
    assert len(PdfReader(io.BytesIO(rendered.pdf)).pages) == 1


@pytest.mark.parametrize("wipe", [(115, 95, 525, 450), (140, 40, 320, 75)], ids=["rules", "title"])
def test_thin_rules_that_went_missing_still_withhold_the_page(tmp_path, monkeypatch, wipe):
    """Accepting grey rules does not accept paper: the same page with its rules and field frames (or
    only its title) wiped from the output is withheld."""
    from PIL import ImageDraw

    from redactor.errors import StageError
    from redactor.render import pdfpage

    path = odd_pdfs.hairline_form_pdf(tmp_path / "form.pdf")
    item = extract(path)
    real_burn = pdfpage.burn

    def burn_and_wipe(image, boxes, scale, origin):
        real_burn(image, boxes, scale, origin)
        ImageDraw.Draw(image).rectangle([v * scale for v in wipe], fill=(255, 255, 255))  # points from the top left

    monkeypatch.setattr(pdfpage, "burn", burn_and_wipe)
    with pytest.raises(StageError, match="page 1 lost content in rendering"):
        render(item, path, [])
