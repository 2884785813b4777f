"""Text in a legacy code page other than Western is read in its own script, not as Latin gibberish.

Found by the real-world corpus bench: an Arabic page (Windows-1256) whose HTML declared UTF-8
was read as Windows-1252 ("Ýí ÞÑíÉ ..."): no name in it could be detected, and the bundle
showed gibberish where the page had text.
"""

from __future__ import annotations

from redactor.extract import html, text
from tests.extract.helpers import only_item, text_of

ARABIC = "في قرية من القرى كان هناك رجل حكيم اسمه يوسف يعرف كل شيء عن الحياة وكان يعلم الناس كيف يعيشون بسلام"
FRENCH = "Le témoin a appelé la police à 21h ; elle était très inquiète pour sa sœur Zoë."


def test_arabic_windows_1256_text_file_is_read_as_arabic(tmp_path):
    path = tmp_path / "note.txt"
    path.write_bytes(ARABIC.encode("cp1256"))
    assert text.decode_text(path.read_bytes(), path) == ARABIC


def test_html_that_declares_utf8_but_holds_windows_1256_is_read_as_arabic(tmp_path):
    path = tmp_path / "page.html"
    page = f'<html><head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8"></head><body><p>{ARABIC}</p></body></html>'
    path.write_bytes(page.encode("cp1256"))
    assert ARABIC in text_of(only_item(path, tmp_path))
    assert html.decode_html(path.read_bytes(), path).count("ي") > 5


def test_western_text_stays_windows_1252(tmp_path):
    path = tmp_path / "note.txt"
    path.write_bytes(FRENCH.encode("cp1252"))
    assert text.decode_text(path.read_bytes(), path) == FRENCH
