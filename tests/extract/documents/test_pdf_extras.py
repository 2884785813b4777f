"""Issue 14, failure 7 (PDF part): embedded files are extracted as derived sources, links are listed and
their targets detected, and none of it is reproduced in the output."""

from __future__ import annotations

import io

from pypdf import PdfReader

from redactor.bundle.writer import embedded_note
from redactor.extract.pdf import extract_pdf
from redactor.records import DerivedFile, Item
from redactor.stages import StageContext
from tests.extract.documents import oddities
from tests.extract.documents.helpers import all_bytes, flags_for, render, source_for


def _extract(path, tmp_path):
    ctx = StageContext(models_dir=tmp_path, work_dir=tmp_path / "work")
    return list(extract_pdf(source_for(path), path, ctx))


def test_embedded_files_become_derived_sources(tmp_path):
    path = oddities.pdf_with_extras(tmp_path / "doc.pdf")
    out = _extract(path, tmp_path)
    derived = [r for r in out if isinstance(r, DerivedFile)]
    assert sorted(d.name for d in derived) == ["attached.txt", "note.txt"]
    assert all(d.path.read_text() == oddities.EMBEDDED_NOTE for d in derived)
    assert all(str(d.path).startswith(str(tmp_path / "work")) for d in derived)
    (item,) = [r for r in out if isinstance(r, Item)]
    assert [e["status"] for e in item.meta["embedded_files"]] == ["extracted", "extracted"]
    assert [e["page"] for e in item.meta["embedded_files"]] == [None, 1]
    assert "note.txt" not in str(item.meta), "names stay in the case database, not in what the bundle prints"


def test_without_a_case_folder_they_are_listed_with_the_reason(tmp_path):
    path = oddities.pdf_with_extras(tmp_path / "doc.pdf")
    (item,) = list(extract_pdf(source_for(path), path, None))
    assert {e["status"] for e in item.meta["embedded_files"]} == {"not extracted: no case folder"}
    note = embedded_note(item.meta["embedded_files"])
    assert note == "original has 2 embedded files, 0 extracted as items of their own; not extracted: no case folder"


def test_links_are_counted_and_their_targets_detected(tmp_path):
    path = oddities.pdf_with_extras(tmp_path / "doc.pdf")
    (item,) = [r for r in _extract(path, tmp_path) if isinstance(r, Item)]
    assert item.meta["annotations_not_reproduced"] == [{"page": 1, "comments": 0, "form_fields": 0, "links": 1, "attachments": 1}]
    page, links = item.segments
    assert page.field == "page" and links.field == "links" and links.text == oddities.LINK and links.page == 1
    assert item.meta["pages"] == 1


def test_outputs_reproduce_none_of_it(tmp_path):
    path = oddities.pdf_with_extras(tmp_path / "doc.pdf")
    (item,) = [r for r in _extract(path, tmp_path) if isinstance(r, Item)]
    flags = flags_for(item, ["sophie.turner@example.org", "Statement"], entity="EMAIL_ADDRESS")
    rendered = render(item, path, flags)
    reader = PdfReader(io.BytesIO(rendered.pdf))
    assert len(reader.pages) == 1 and "/Annots" not in reader.pages[0] and "/Names" not in reader.trailer["/Root"]
    raw = all_bytes(rendered.pdf)
    assert b"sophie.turner" not in raw and b"Hannah" not in raw and b"note.txt" not in raw
    assert rendered.pages == 1 and len(rendered.redactions) == 1  # the page's word; the link is not drawn at all
