"""Word files: body, tables, headers and footers, comments, tracked changes, embedded pictures."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml

from redactor.errors import HostileInput
from redactor.extract.docx import _accepts, extract_docx, is_docx
from redactor.records import DerivedFile, Item
from redactor.stages import StageContext
from tests.extract.documents import factory
from tests.extract.documents.helpers import source_for

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _tracked(paragraph, kind: str, text: str, author: str) -> None:
    tag, text_tag = ("w:ins", "w:t") if kind == "ins" else ("w:del", "w:delText")
    xml = (
        f'<{tag} {W_NS} w:id="9{len(text)}" w:author="{author}" w:date="2024-01-01T00:00:00Z">'
        f'<w:r><{text_tag} xml:space="preserve">{text}</{text_tag}></w:r></{tag}>'
    )
    paragraph._p.append(parse_xml(xml))


def make_docx(path: Path, picture: bool = False) -> Path:
    doc = docx.Document()
    doc.add_paragraph(f"Statement of {factory.PEOPLE[0]}.")
    para = doc.add_paragraph("She rang me on ")
    _tracked(para, "ins", factory.PHONES[0], "DC Hollis")
    _tracked(para, "del", f" and {factory.PEOPLE[3]} was there", "DC Hollis")
    table = doc.add_table(rows=2, cols=2)
    for (r, c), value in {(0, 0): "Name", (0, 1): factory.PEOPLE[1], (1, 0): "Mobile", (1, 1): factory.PHONES[1]}.items():
        table.cell(r, c).text = value
    doc.sections[0].header.paragraphs[0].text = f"Witness: {factory.PEOPLE[4]}"
    doc.sections[0].footer.paragraphs[0].text = f"Reference for {factory.PEOPLE[2]}"
    run = doc.add_paragraph("See the note.").runs[0]
    doc.add_comment(run, text=f"Check with {factory.PHONES[2]}", author="Sgt Ames", initials="SA")
    if picture:
        buffer = io.BytesIO()
        factory.page_image([f"Call {factory.PHONES[3]}"], dpi=100).save(buffer, format="PNG")
        buffer.seek(0)
        doc.add_picture(buffer)
    doc.save(path)
    return path


def extract(path: Path, tmp_path: Path) -> tuple[Item, list[DerivedFile]]:
    ctx = StageContext(models_dir=tmp_path, work_dir=tmp_path / "work")
    records = list(extract_docx(source_for(path), path, ctx))
    items = [r for r in records if isinstance(r, Item)]
    assert len(items) == 1
    return items[0], [r for r in records if isinstance(r, DerivedFile)]


@pytest.fixture
def letter(tmp_path):
    return extract(make_docx(tmp_path / "letter.docx"), tmp_path)[0]


@pytest.mark.parametrize(
    "field, expected",
    [
        ("body", f"Statement of {factory.PEOPLE[0]}."),
        ("body", f"[inserted by DC Hollis: {factory.PHONES[0]}]"),
        ("body", f"[deleted by DC Hollis:  and {factory.PEOPLE[3]} was there]"),
        ("body", f"Name | {factory.PEOPLE[1]}\nMobile | {factory.PHONES[1]}"),
        ("body", "See the note. [comment 0]"),
        ("header", f"Witness: {factory.PEOPLE[4]}"),
        ("footer", f"Reference for {factory.PEOPLE[2]}"),
        ("comments", f"[comment 0 by Sgt Ames] Check with {factory.PHONES[2]}"),
    ],
)
def test_every_part_is_surfaced(letter, field, expected):
    texts = [s.text for s in letter.segments if s.field == field]
    assert any(expected in t for t in texts), (field, texts)


def test_meta_counts_changes_and_comments(letter):
    assert letter.meta["format"] == "docx"
    assert letter.meta["tracked_changes"] == 2 and letter.meta["comments"] == 1
    assert [s.index for s in letter.segments] == list(range(len(letter.segments)))


def test_embedded_pictures_become_derived_files(tmp_path):
    item, derived = extract(make_docx(tmp_path / "pic.docx", picture=True), tmp_path)
    assert len(derived) == 1 and derived[0].locator.startswith("word/media/")
    assert derived[0].path.is_file() and (tmp_path / "work" / "derived") in derived[0].path.parents
    assert source_for(derived[0].path).media_type == "image/png"
    assert item.meta["embedded"] == 1


def test_docx_is_recognised_by_content_not_name(tmp_path):
    good = make_docx(tmp_path / "renamed.bin")
    plain = tmp_path / "other.docx"
    with zipfile.ZipFile(plain, "w") as zf:
        zf.writestr("readme.txt", "not a word file")
    assert is_docx(good) and not is_docx(plain)
    assert _accepts(source_for(good), good, b"") and not _accepts(source_for(plain), plain, b"")


def test_entity_declarations_are_refused(tmp_path):
    source = make_docx(tmp_path / "letter.docx")
    hostile = tmp_path / "hostile.docx"
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(hostile, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "word/document.xml":
                data = b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>' + data.split(b"?>", 1)[1]
            zout.writestr(info, data)
    with pytest.raises(HostileInput, match="hostile.docx"):
        extract(hostile, tmp_path)


def test_zip_bomb_parts_are_refused(tmp_path):
    source = make_docx(tmp_path / "letter.docx")
    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, zin.read(info))
        zout.writestr("word/padding.bin", b"\x00" * (64 << 20))
    with pytest.raises(HostileInput, match="bomb.docx.*decompression bomb"):
        extract(bomb, tmp_path)


@pytest.mark.slow
def test_redacted_word_file_leaves_nothing_behind(tmp_path):
    """Word files render through the text renderer: re-typeset, values removed, x-ray clean."""
    import asyncio

    import xray

    from redactor.render import RenderContext
    from redactor.render.textdoc import render_text
    from tests.extract.documents.helpers import flags_for, leaks, pdf_text

    item, _ = extract(make_docx(tmp_path / "letter.docx"), tmp_path)
    values = [factory.PEOPLE[0], factory.PEOPLE[1], factory.PEOPLE[3], factory.PEOPLE[4], *factory.PHONES[:3]]
    flags = flags_for(item, values)
    assert len({f.segment_id for f in flags}) == 3  # body (with tracked changes), header and comments carry values
    rendered = render_text(item, flags, RenderContext(ref="S0001-001"))
    assert leaks(rendered.pdf, values) == []
    assert asyncio.run(xray.inspect(rendered.pdf)) == {}
    text = "".join(pdf_text(rendered.pdf).split())  # the text renderer sets words one by one
    assert "Statementof" in text and "Referencefor" in text and "insertedbyDCHollis" in text
