"""Legacy Excel workbooks (.xls): every cell with its sheet and cell reference, hidden parts read and said."""

from __future__ import annotations

import pytest

from redactor.errors import CorruptInput, EmptyInput, EncryptedInput
from redactor.extract import xls
from tests.extract import factory
from tests.extract.documents.factory import PEOPLE, PHONES
from tests.extract.helpers import only_item, run, text_of


@pytest.fixture
def workbook(tmp_path):
    return only_item(factory.xls(tmp_path / "contacts.xls"), tmp_path)


@pytest.mark.parametrize(
    "field, expected",
    [
        ("Contacts rows 1-5", "A1: Name | B1: Mobile | C1: Email | D1: Born | E1: Calls | F1: Rate"),
        ("Contacts rows 1-5", f"A2: {PEOPLE[0]} | B2: {PHONES[0]} | C2: {factory.EMAILS[0]} | D2: 1990-04-02 | E2: 12 | F2: 0.25"),
        ("Contacts rows 1-5", "H2: [hidden column] kept from view"),
        ("Contacts rows 1-5", f"[hidden row] A4: {PEOPLE[2]} | B4: {PHONES[2]}"),
        ("Contacts rows 1-5", "A5: TRUE"),
        ("Sources (hidden sheet) rows 1-1", f"A1: Informant {PEOPLE[3]} on {PHONES[3]}"),
    ],
)
def test_every_cell_and_hidden_part_is_read(workbook, field, expected):
    texts = [s.text for s in workbook.segments if s.field == field]
    assert any(expected in t for t in texts), text_of(workbook)


def test_workbook_meta_says_what_was_hidden(workbook):
    assert workbook.meta["format"] == "xls"
    contacts, sources = workbook.meta["sheets"]
    assert contacts == {"name": "Contacts", "state": "visible", "hidden_rows": 1, "hidden_columns": [8], "comments": 0}
    assert sources["state"] == "hidden"
    assert "formulas not read" in workbook.meta["formulas"]


@pytest.mark.parametrize(
    "ctype, value, text",
    [(2, 3.0, "3"), (2, 2.5, "2.5"), (2, 1e20, "1e+20"), (3, 32965.0, "1990-04-02"), (3, 32965.5, "1990-04-02 12:00:00"), (4, 1, "TRUE")],
)
def test_values_are_written_as_excel_shows_them(ctype, value, text):
    import xlrd

    assert xls.value_text(xlrd.sheet.Cell(ctype, value), 0) == text


def test_xlrd_says_nothing_on_the_console(tmp_path, capsys):
    only_item(factory.xls(tmp_path / "contacts.xls"), tmp_path)
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == ""


def test_bad_workbooks_are_refused_with_the_reason(tmp_path):
    full = factory.xls(tmp_path / "full.xls").read_bytes()
    (tmp_path / "cut.xls").write_bytes(full[: len(full) // 2])
    with pytest.raises(CorruptInput, match="cut.xls: .*damaged"):
        run(tmp_path / "cut.xls", tmp_path)
    with pytest.raises(EncryptedInput, match="locked.xls: Excel workbook is password-protected"):
        run(factory.locked_xls(tmp_path / "locked.xls"), tmp_path)
    broken = bytearray(full)
    bof = full.find(b"\x09\x08\x10\x00")
    broken[bof : bof + 4] = b"\xff\xff\xff\xff"  # the workbook stream no longer starts with a BOF record
    (tmp_path / "broken.xls").write_bytes(bytes(broken))
    with pytest.raises(CorruptInput, match="broken.xls: Excel 97-2003 workbook cannot be read"):
        run(tmp_path / "broken.xls", tmp_path)


def test_an_empty_workbook_is_refused(tmp_path):
    import xlwt

    wb = xlwt.Workbook()
    wb.add_sheet("Empty")
    wb.save(str(tmp_path / "empty.xls"))
    with pytest.raises(EmptyInput, match="empty.xls: Excel workbook has no values"):
        run(tmp_path / "empty.xls", tmp_path)
