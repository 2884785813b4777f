"""Excel workbooks and CSV tables: every cell with its sheet and reference; hidden parts read and said."""

from __future__ import annotations

import zipfile

import pytest

from redactor.errors import CorruptInput, EmptyInput, HostileInput, InputError, TooLargeInput
from redactor.extract import csvfile, xlsx
from redactor.extract.sheets import ROWS_PER_SEGMENT, Row, column_letter, row_line
from tests.extract import factory
from tests.extract.documents.factory import PEOPLE, PHONES
from tests.extract.helpers import only_item, run, source_for, text_of


@pytest.fixture
def workbook(tmp_path):
    return only_item(factory.xlsx(tmp_path / "contacts.xlsx"), tmp_path)


@pytest.mark.parametrize("number, letters", [(1, "A"), (26, "Z"), (27, "AA"), (702, "ZZ"), (703, "AAA"), (16384, "XFD")])
def test_column_letters(number, letters):
    assert column_letter(number) == letters


TRICKY = ["  plain  ", "tab\there", "new\r\nline", "nbsp\u00a0x", "bell\x07", "lone\ud800", "\u2028sep", "", "   ", "x" * 40000, "Zoë"]


def test_the_csv_fast_path_cleans_cells_as_cell_text_does():
    from redactor.extract.sheets import cell_text

    assert csvfile._cells(TRICKY) == [(col, t) for col, v in enumerate(TRICKY, start=1) if (t := cell_text(v))]


def test_csv_lines_are_the_row_lines(tmp_path):
    text = factory.csv_file(tmp_path / "t.csv").read_text()
    rows = [(r.number, row_line(r)) for r in csvfile.read_rows(text, ".csv", tmp_path / "t.csv") if r.cells]
    assert list(csvfile.read_lines(text, ".csv", tmp_path / "t.csv")) == rows


def test_row_line_names_every_cell():
    assert row_line(Row(7, ((1, "x"), (3, "y")))) == "A7: x | C7: y"
    assert row_line(Row(2, ((2, "z"),), "hidden row")) == "[hidden row] B2: z"


@pytest.mark.parametrize(
    "field, expected",
    [
        ("Contacts rows 1-6", f"A2: {PEOPLE[0]} | B2: {PHONES[0]} | C2: met at the station"),
        ("Contacts rows 1-6", "C3: 42"),
        ("Contacts rows 1-6", "B5: [formula: =B2]"),
        ("Contacts rows 1-6", f"[hidden row] A6: {PEOPLE[2]} | B6: {PHONES[2]}"),
        ("Contacts rows 1-6", f"E2: [hidden column] {PEOPLE[3]}"),
        ("Contacts comments", f"[comment on A3 by DC Hollis] ring {PHONES[3]}"),
        ("Contacts headers and footers", f"oddHeader center: Prepared by {PEOPLE[4]}"),
        ("Old (hidden sheet) rows 1-1", f"A1: Previous address of {PEOPLE[4]}"),
    ],
)
def test_every_cell_hidden_part_and_comment_is_read(workbook, field, expected):
    texts = [s.text for s in workbook.segments if s.field == field]
    assert any(expected in t for t in texts), (field, text_of(workbook))


def test_workbook_meta_says_what_was_hidden(workbook):
    contacts, old = workbook.meta["sheets"]
    assert contacts == {"name": "Contacts", "state": "visible", "hidden_rows": 1, "hidden_columns": [5], "comments": 1}
    assert old["state"] == "hidden"
    assert workbook.meta["format"] == "xlsx"
    assert [s.index for s in workbook.segments] == list(range(len(workbook.segments)))


def test_cached_formula_values_are_shown_with_the_formula(tmp_path):
    path = factory.xlsx(tmp_path / "f.xlsx", hidden=False)
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(tmp_path / "cached.xlsx", "w") as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":  # what Excel writes: the formula and its last value
                data = data.replace(b'<c r="B5"><f>B2</f><v></v></c>', f'<c r="B5" t="str"><f>B2</f><v>{PHONES[0]}</v></c>'.encode())
            zout.writestr(info, data)
    item = only_item(tmp_path / "cached.xlsx", tmp_path)
    assert f"B5: {PHONES[0]} [formula: =B2]" in item.segments[0].text


def test_a_workbook_without_values_says_what_it_holds(tmp_path):
    item = only_item(factory.empty_xlsx(tmp_path / "blank.xlsx"), tmp_path)
    (segment,) = item.segments
    assert segment.field == "contents" and "has no text" in segment.text and f"creator: {PEOPLE[2]}" in segment.text


def test_a_sparse_sheet_is_walked_by_its_stored_cells(tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active["A1"] = "first"
    wb.active["XFD1048576"] = PHONES[0]  # the claimed dimension is 17 billion cells
    wb.save(tmp_path / "sparse.xlsx")
    item = only_item(tmp_path / "sparse.xlsx", tmp_path)
    assert [(s.field, s.text) for s in item.segments] == [("Sheet rows 1-1048576", f"A1: first\nXFD1048576: {PHONES[0]}")]


def test_long_sheets_are_split_into_bounded_segments(tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    for n in range(ROWS_PER_SEGMENT * 2 + 5):
        wb.active.append([f"row {n}"])
    wb.save(tmp_path / "long.xlsx")
    item = only_item(tmp_path / "long.xlsx", tmp_path)
    assert [s.field for s in item.segments] == ["Sheet rows 1-200", "Sheet rows 201-400", "Sheet rows 401-405"]


def test_pictures_in_a_workbook_become_derived_sources(tmp_path):
    from openpyxl import Workbook
    from openpyxl.drawing.image import Image as XlImage
    from PIL import Image

    Image.new("RGB", (40, 20), "white").save(tmp_path / "p.png")
    wb = Workbook()
    wb.active["A1"] = "see picture"
    wb.active.add_image(XlImage(str(tmp_path / "p.png")), "B2")
    wb.save(tmp_path / "pic.xlsx")
    items, derived = run(tmp_path / "pic.xlsx", tmp_path)
    assert len(derived) == 1 and derived[0].locator.startswith("xl/media/")
    assert items[0].meta["embedded"] == 1


def test_csv_cells_keep_their_references(tmp_path):
    item = only_item(factory.csv_file(tmp_path / "calls.csv"), tmp_path)
    (segment,) = item.segments
    lines = segment.text.split("\n")
    assert lines[1] == f"A2: {PEOPLE[0]} | B2: {PHONES[0]} | C2: {factory.EMAILS[0]}"
    assert lines[3].startswith(f'A4: "{PEOPLE[2]}", aka P | B4: {PHONES[2]} | C4: multi line')
    assert item.meta == {"format": "csv", "rows": 4}


@pytest.mark.parametrize("delimiter, name", [(";", "semi.csv"), ("\t", "tabs.tsv"), ("|", "pipes.csv")])
def test_csv_delimiters_are_sniffed(tmp_path, delimiter, name):
    item = only_item(factory.csv_file(tmp_path / name, delimiter), tmp_path)
    assert f"B2: {PHONES[0]}" in item.segments[0].text


def test_a_csv_is_recognised_only_by_name_among_text_files(tmp_path):
    path = factory.csv_file(tmp_path / "notes.txt")
    item = only_item(path, tmp_path)
    assert item.meta["format"] == "text"
    assert not csvfile._accepts(source_for(path), path, b"")


def test_axiom_csv_still_goes_to_its_device_reader(tmp_path):
    from redactor.extract.device import axiom

    header = '"Sender","Recipient","Message","Sent Date/Time - UTC+00:00 (dd/MM/yyyy)"\n'
    path = tmp_path / "Android SMS.csv"
    path.write_text(header + f'"{PHONES[0]}","{PHONES[1]}","hello","01/03/2024 09:15:02"\n')
    if not axiom._accepts(source_for(path), path, path.read_bytes()[:8192]):
        pytest.skip("the AXIOM reader does not recognise this header shape")
    items, _ = run(path, tmp_path)
    assert items and items[0].meta["format"] != "csv"


# -- bad input ---------------------------------------------------------------------------------
def _rewrite(src, dst, change):
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", compression=zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, change(info.filename, zin.read(info)))
    return dst


def test_xlsx_with_a_dtd_is_refused(tmp_path):
    src = factory.xlsx(tmp_path / "a.xlsx")

    def change(name, data):
        if name == "xl/workbook.xml":
            return b'<?xml version="1.0"?><!DOCTYPE s [<!ENTITY x SYSTEM "file:///etc/passwd">]>' + data.split(b"?>", 1)[-1]
        return data

    with pytest.raises(HostileInput, match="xxe.xlsx.*DTD"):
        run(_rewrite(src, tmp_path / "xxe.xlsx", change), tmp_path)


def test_xlsx_zip_slip_and_bomb_are_refused(tmp_path):
    src = factory.xlsx(tmp_path / "a.xlsx")
    for n, name in enumerate(["../../escaped.txt", "/tmp/escaped.txt"]):  # an Office package never names one from the root
        slip = tmp_path / f"slip{n}.xlsx"
        with zipfile.ZipFile(src) as zin, zipfile.ZipFile(slip, "w") as zout:
            for info in zin.infolist():
                zout.writestr(info.filename, zin.read(info))
            zout.writestr(name, "x")
        with pytest.raises(HostileInput, match=f"slip{n}.xlsx.*zip slip"):
            run(slip, tmp_path)
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, zin.read(info))
        zout.writestr("xl/media/pad.bin", b"\x00" * (64 << 20))
    with pytest.raises(HostileInput, match="bomb.xlsx.*decompression bomb"):
        run(bomb, tmp_path)
    assert not list(tmp_path.rglob("escaped.txt"))


def test_truncated_and_damaged_workbooks(tmp_path):
    data = factory.xlsx(tmp_path / "a.xlsx").read_bytes()
    (tmp_path / "cut.xlsx").write_bytes(data[: len(data) // 2])
    with pytest.raises(InputError, match="cut.xlsx"):
        run(tmp_path / "cut.xlsx", tmp_path, xlsx.extract_xlsx)
    src = tmp_path / "a.xlsx"

    def change(name, data):
        return data[: len(data) // 2] if name == "xl/worksheets/sheet1.xml" else data

    with pytest.raises(CorruptInput, match="broken.xlsx"):
        run(_rewrite(src, tmp_path / "broken.xlsx", change), tmp_path)


def test_oversized_sheets_are_refused_before_loading(tmp_path, monkeypatch):
    monkeypatch.setattr(xlsx, "MAX_SHEET_XML", 1000)
    with pytest.raises(TooLargeInput, match="big.xlsx"):
        run(factory.xlsx(tmp_path / "big.xlsx"), tmp_path)


def test_empty_and_broken_csv(tmp_path):
    (tmp_path / "blank.csv").write_text(",,\n,,\n")
    with pytest.raises(EmptyInput, match="blank.csv"):
        run(tmp_path / "blank.csv", tmp_path)
    (tmp_path / "latin.csv").write_bytes(b"a,b\n\xe9t\xe9,\x80\n")
    item = only_item(tmp_path / "latin.csv", tmp_path)  # not UTF-8: read as Windows-1252
    assert "A2: \u00e9t\u00e9 | B2: \u20ac" in item.segments[0].text
