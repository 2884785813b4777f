"""Word files: one with only properties and one with only pictures both yield an item that says what they
hold (no silent refusal, no silent zero items); an embedded Excel sheet is read as a workbook."""

from __future__ import annotations

import pytest

from redactor.errors import EmptyInput
from tests.extract import factory
from tests.extract.documents.factory import PEOPLE, PHONES
from tests.extract.helpers import run


def test_properties_only_word_file_yields_an_item_listing_them(tmp_path):
    (item,), derived = run(factory.docx_without_text(tmp_path / "props.docx", picture=False), tmp_path)
    (segment,) = item.segments
    assert derived == [] and segment.field == "contents"
    assert segment.text.startswith("This Word file has no text.")
    assert f"creator: {PEOPLE[2]}" in segment.text and f"title: Notes on {PEOPLE[3]}" in segment.text


def test_picture_only_word_file_yields_an_item_and_the_picture(tmp_path):
    (item,), derived = run(factory.docx_without_text(tmp_path / "pic.docx", picture=True), tmp_path)
    (segment,) = item.segments
    assert len(derived) == 1 and derived[0].locator.startswith("word/media/")
    assert "It holds 1 picture(s) or embedded file(s)" in segment.text and f"creator: {PEOPLE[2]}" in segment.text
    assert item.meta["embedded"] == 1


def test_word_file_with_text_does_not_list_its_properties(tmp_path):
    from tests.extract.documents.test_docx import make_docx

    (item,), _ = run(make_docx(tmp_path / "letter.docx"), tmp_path)
    assert "contents" not in [s.field for s in item.segments]


def test_a_word_file_with_nothing_at_all_is_refused(tmp_path):
    import zipfile

    from tests.extract.documents.test_docx import make_docx

    src = make_docx(tmp_path / "src.docx")
    empty = tmp_path / "empty.docx"
    body = b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body/></w:document>'
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(empty, "w") as zout:
        for info in zin.infolist():
            if info.filename.startswith(("docProps/", "word/header", "word/footer", "word/comments")):
                continue
            zout.writestr(info.filename, body if info.filename == "word/document.xml" else zin.read(info))
    with pytest.raises(EmptyInput, match="empty.docx"):
        run(empty, tmp_path)


def test_an_embedded_excel_sheet_is_extracted_as_a_workbook(tmp_path):
    (item,), derived = run(factory.docx_with_sheet(tmp_path / "with-sheet.docx", tmp_path), tmp_path)
    (sheet,) = derived
    assert sheet.locator == "word/embeddings/Microsoft_Excel_Worksheet.xlsx"
    (workbook,), _ = run(sheet.path, tmp_path)
    assert workbook.meta["format"] == "xlsx" and f"A2: {PEOPLE[0]} | B2: {PHONES[0]}" in workbook.segments[0].text
