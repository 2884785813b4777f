"""OpenDocument text: body, tables, comments, tracked changes, headers and footers, pictures."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from redactor.errors import HostileInput
from redactor.extract.odt import _accepts, extract_odt, is_odt
from redactor.records import DerivedFile, Item
from redactor.stages import StageContext
from tests.extract.documents import factory
from tests.extract.documents.helpers import source_for

NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/"'
)

CONTENT = f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document-content {NS}><office:body><office:text>
<text:tracked-changes>
 <text:changed-region text:id="ct1"><text:insertion><office:change-info><dc:creator>DC Hollis</dc:creator></office:change-info></text:insertion></text:changed-region>
 <text:changed-region text:id="ct2"><text:deletion><office:change-info><dc:creator>DC Hollis</dc:creator></office:change-info>
   <text:p>and {factory.PEOPLE[3]} was there</text:p></text:deletion></text:changed-region>
</text:tracked-changes>
<text:h>Statement of {factory.PEOPLE[0]}</text:h>
<text:p>She rang me on <text:change-start text:change-id="ct1"/>{factory.PHONES[0]}<text:change-end text:change-id="ct1"/><text:change text:change-id="ct2"/>.</text:p>
<text:p>Second<text:s text:c="2"/>line<text:tab/>tabbed<office:annotation><dc:creator>Sgt Ames</dc:creator><text:p>Check {factory.PHONES[2]}</text:p></office:annotation> end.</text:p>
<table:table><table:table-row><table:table-cell><text:p>Name</text:p></table:table-cell><table:table-cell><text:p>{factory.PEOPLE[1]}</text:p></table:table-cell></table:table-row></table:table>
</office:text></office:body></office:document-content>"""

STYLES = f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document-styles {NS}><office:master-styles><style:master-page style:name="Standard">
<style:header><text:p>Witness: {factory.PEOPLE[4]}</text:p></style:header>
<style:footer><text:p>Reference for {factory.PEOPLE[2]}</text:p></style:footer>
</style:master-page></office:master-styles></office:document-styles>"""


def make_odt(path: Path, content: str = CONTENT, picture: bool = False) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.text", compress_type=zipfile.ZIP_STORED)
        zf.writestr("content.xml", content)
        zf.writestr("styles.xml", STYLES)
        zf.writestr("META-INF/manifest.xml", "<manifest/>")
        if picture:
            buffer = io.BytesIO()
            factory.page_image(["hello"], dpi=72).save(buffer, format="PNG")
            zf.writestr("Pictures/1.png", buffer.getvalue())
    return path


def extract(path: Path, tmp_path: Path) -> tuple[Item, list[DerivedFile]]:
    ctx = StageContext(models_dir=tmp_path, work_dir=tmp_path / "work")
    records = list(extract_odt(source_for(path), path, ctx))
    return [r for r in records if isinstance(r, Item)][0], [r for r in records if isinstance(r, DerivedFile)]


@pytest.mark.parametrize(
    "field, expected",
    [
        ("body", f"Statement of {factory.PEOPLE[0]}"),
        ("body", f"She rang me on [inserted by DC Hollis: {factory.PHONES[0]}][deleted by DC Hollis: and {factory.PEOPLE[3]} was there]."),
        ("body", f"Second  line\ttabbed [comment by Sgt Ames: Check {factory.PHONES[2]}] end."),
        ("body", f"Name | {factory.PEOPLE[1]}"),
        ("header", f"Witness: {factory.PEOPLE[4]}"),
        ("footer", f"Reference for {factory.PEOPLE[2]}"),
    ],
)
def test_every_part_is_surfaced(tmp_path, field, expected):
    item, _ = extract(make_odt(tmp_path / "s.odt"), tmp_path)
    texts = [s.text for s in item.segments if s.field == field]
    assert any(expected in t for t in texts), (field, texts)


def test_meta_and_pictures(tmp_path):
    item, derived = extract(make_odt(tmp_path / "s.odt", picture=True), tmp_path)
    assert item.meta["format"] == "odt" and item.meta["tracked_changes"] == 2 and item.meta["comments"] == 1
    assert [d.locator for d in derived] == ["Pictures/1.png"]


def test_recognised_by_content(tmp_path):
    odt = make_odt(tmp_path / "statement.zip")
    other = tmp_path / "other.odt"
    with zipfile.ZipFile(other, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr("content.xml", "<x/>")
    assert is_odt(odt) and not is_odt(other)
    assert _accepts(source_for(odt), odt, b"") and not _accepts(source_for(other), other, b"")


def test_entities_are_refused(tmp_path):
    hostile = CONTENT.replace('<?xml version="1.0" encoding="UTF-8"?>', '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]>')
    with pytest.raises(HostileInput, match="hostile.odt"):
        extract(make_odt(tmp_path / "hostile.odt", hostile), tmp_path)
