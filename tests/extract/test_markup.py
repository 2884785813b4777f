"""HTML pages, and JSON, XML and Markdown files that no device format claims: read as text, safely."""

from __future__ import annotations

import json
import socket

import pytest

from redactor.errors import CorruptInput, EmptyInput, HostileInput
from redactor.extract import csvfile, html, rtf, structured
from redactor.ingest.files import sniff
from tests.extract import factory
from tests.extract.documents.factory import PEOPLE, PHONES
from tests.extract.helpers import only_item, run, text_of


@pytest.mark.parametrize(
    "head, media_type",
    [
        (b"<!DOCTYPE html><html><body>x</body></html>", "text/html"),
        (b"\xef\xbb\xbf  <html lang='en'>", "text/html"),
        (b"<!-- saved from url=(0014)about:internet -->\n<html>", "text/html"),
        (b'<?xml version="1.0"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "x"><html>', "text/html"),
        (b"<HEAD><TITLE>x</TITLE>", "text/html"),
        (b'<?xml version="1.0"?><smses count="1">', "application/xml"),
        (b"<project><html>not first</html></project>", "application/xml"),
        (b'{"a": 1}', "application/json"),
        (b"{\\rtf1\\ansi hello}", "application/rtf"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "application/x-ole-storage"),
        (b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic", "image/heic"),
        (b"\x00\x00\x00\x18ftypmif1\x00\x00\x00\x00mif1heic", "image/heic"),
        (b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00", "application/octet-stream"),
        (b"# Notes\n\nMarkdown is text.", "text/plain"),
        ("\ufeff<!DOCTYPE html><html>".encode("utf-16-le"), "text/html"),  # UTF-16 with its byte order mark
        ("\ufeff\r\n <HTML><body>".encode("utf-16-be"), "text/html"),
        ("\ufeffplain words".encode("utf-16-le"), "text/plain"),
        ("\ufeff<html><body>Zoë".encode("utf-16-le")[:-1], "text/html"),  # a head that ends mid-character
    ],
)
def test_sniffing_new_types(head, media_type):
    assert sniff(head) == media_type


def test_many_unclosed_comments_do_not_stall_the_sniffer():
    assert sniff(b"<!--" * 4000) == "application/xml"


@pytest.fixture
def page(tmp_path):
    return only_item(factory.html(tmp_path / "chat.html"), tmp_path)


@pytest.mark.parametrize(
    "field, expected",
    [
        ("title", f"Chat with {PEOPLE[0]}"),
        ("body", "# Messages"),
        ("body", f"Hi, it's {PEOPLE[0]}. Ring me on {PHONES[0]}."),
        ("body", "- First & last"),
        ("body", f"- write to me [link: mailto:{factory.EMAILS[0]}]"),
        ("body", f"From | Number\n{PEOPLE[2]} | {PHONES[2]}"),
        ("body", f"[image: photo of {PEOPLE[1]} http://127.0.0.1:9/photo.jpg]"),
        ("body", f"[field phone: {PHONES[3]}]"),
        ("body", "line one\n  line two"),
        ("document properties", f"author: {PEOPLE[1]}"),
        ("comments", f"[HTML comment] exported for {PEOPLE[3]}"),
    ],
)
def test_html_text_keeps_structure_and_what_hides_in_attributes(page, field, expected):
    texts = [s.text for s in page.segments if s.field == field]
    assert any(expected in t for t in texts), (field, text_of(page))


def test_scripts_and_styles_are_not_run_or_reproduced(page):
    assert "fetch(" not in text_of(page) and "background" not in text_of(page) and PEOPLE[4] not in text_of(page)
    assert page.meta["scripts_not_reproduced"] == 1 and page.meta["styles_not_reproduced"] == 1


def test_html_is_read_without_touching_the_network(tmp_path, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("network used")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    only_item(factory.html(tmp_path / "chat.html"), tmp_path)


def test_declared_charset_is_honoured(tmp_path):
    path = tmp_path / "latin.html"
    path.write_bytes(
        b'<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"></head><body>Zo\xeb</body></html>'
    )
    assert only_item(path, tmp_path).segments[0].text == "Zo\u00eb"


@pytest.mark.parametrize("byteorder", ["le", "be"])
def test_a_utf16_page_is_read_as_html(tmp_path, byteorder):
    item = only_item(factory.html_utf16(tmp_path / "chat.html", byteorder), tmp_path)
    body = next(s.text for s in item.segments if s.field == "body")
    assert "# Messages from Zoë" in body and f"Ring me on {PHONES[0]}." in body
    assert f"{PEOPLE[2]} | {PHONES[2]}" in body and "fetch(" not in text_of(item) and "\x00" not in text_of(item)


def test_a_cut_utf16_page_reads_what_is_there(tmp_path):
    path = factory.html_utf16(tmp_path / "chat.html")
    path.write_bytes(path.read_bytes()[:-1])  # an odd number of bytes: the last character is half there
    body = next(s.text for s in only_item(path, tmp_path).segments if s.field == "body")
    assert f"Ring me on {PHONES[0]}." in body


def test_nested_tables_and_broken_markup(tmp_path):
    path = tmp_path / "nested.html"
    path.write_text(f"<html><table><tr><td>a<table><tr><td>{PHONES[0]}</td></tr></table></td><td>b</td></tr><p>unclosed <b>bold")
    text = text_of(only_item(path, tmp_path))
    assert PHONES[0] in text and "unclosed bold" in text


def test_an_empty_page_is_refused(tmp_path):
    (tmp_path / "empty.html").write_text("<html><head><script>var a = 1;</script></head><body>  </body></html>")
    with pytest.raises(EmptyInput, match="empty.html"):
        run(tmp_path / "empty.html", tmp_path)


def test_json_is_laid_out_with_keys_and_escapes_decoded(tmp_path):
    item = only_item(factory.json_file(tmp_path / "export.json"), tmp_path)
    assert item.meta["format"] == "json"
    text = item.segments[0].text
    assert f"witness:\n  name: {PEOPLE[0]}\n  phones:\n    [0]: {PHONES[0]}" in text
    assert "email: s.turner@example.org" in text


def test_json_lines_and_broken_json_are_read_as_text(tmp_path):
    path = tmp_path / "log.json"
    path.write_text(json.dumps({"who": PEOPLE[0]}) + "\n" + json.dumps({"who": PEOPLE[1]})[:-1])
    item = only_item(path, tmp_path)
    assert item.meta["format"] == "json-as-text" and PEOPLE[1] in item.segments[0].text


def test_deeply_nested_json_does_not_exhaust_the_stack(tmp_path):
    path = tmp_path / "deep.json"
    path.write_text("[" * 200_000 + "]" * 200_000)
    item = only_item(path, tmp_path)  # too deep for the parser: read as text, not a crash
    assert item.meta["format"] == "json-as-text"
    lines = list(structured.json_lines(json.loads("[" * 900 + '"x"' + "]" * 900)))
    assert lines[-1].strip() == "[0]: x" and max(len(line) for line in lines) < 40  # indentation is capped


def test_xml_is_laid_out_with_attributes_and_text(tmp_path):
    item = only_item(factory.xml_file(tmp_path / "export.xml"), tmp_path)
    assert item.segments[0].text == (f'export\n  person role="witness" phone="{PHONES[0]}"\n    name: {PEOPLE[0]}\n    met {PEOPLE[1]}')


@pytest.mark.parametrize("name, body", [("xxe.xml", factory.XXE), ("laughs.xml", factory.LAUGHS)])
def test_xml_with_a_dtd_is_refused(tmp_path, name, body):
    (tmp_path / name).write_text(body)
    with pytest.raises(HostileInput, match=name) as info:
        run(tmp_path / name, tmp_path)
    assert "root:" not in str(info.value) and "lol" not in str(info.value)


def test_truncated_xml_is_refused_as_damaged(tmp_path):
    data = factory.xml_file(tmp_path / "a.xml").read_bytes()
    (tmp_path / "cut.xml").write_bytes(data[: len(data) // 2])
    with pytest.raises(CorruptInput, match="cut.xml.*line 2"):
        run(tmp_path / "cut.xml", tmp_path)


def test_markdown_is_read_as_text(tmp_path):
    path = tmp_path / "notes.md"
    path.write_text(f"# Notes\n\n- rang {PHONES[0]}\n")
    assert PHONES[0] in only_item(path, tmp_path).segments[0].text


def test_truncated_markup_keeps_its_text(tmp_path):
    assert html.page_text("<p>abc<a href='x", tmp_path).finish() == "abc<a href='x"  # an unfinished tag is kept as text


def test_entity_declarations_in_html_are_never_expanded(tmp_path):
    path = tmp_path / "entities.html"
    path.write_text('<!DOCTYPE html [<!ENTITY xxe SYSTEM "file:///etc/passwd"><!ENTITY a "lol">]><html><body>&xxe; &a;</body></html>')
    body = next(s.text for s in only_item(path, tmp_path).segments if s.field == "body")
    assert "&xxe; &a;" in body and "root:x" not in body  # declared entities stay literal: nothing is read or expanded


@pytest.mark.parametrize(
    "module, name, write",
    [
        (html, "big.html", factory.html),
        (structured, "big.json", factory.json_file),
        (structured, "big.xml", factory.xml_file),
        (csvfile, "big.csv", factory.csv_file),
        (rtf, "big.rtf", factory.rtf),
    ],
)
def test_oversized_files_are_refused_before_reading(tmp_path, monkeypatch, module, name, write):
    from redactor.errors import TooLargeInput

    monkeypatch.setattr(module, "MAX_BYTES", 100)
    with pytest.raises(TooLargeInput, match=name):
        run(write(tmp_path / name), tmp_path)
