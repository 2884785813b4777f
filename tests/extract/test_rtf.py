"""RTF: body with structure, link targets, comments, hidden text, pictures as derived sources; bad input refused."""

from __future__ import annotations

import pytest

from redactor.errors import CorruptInput, EmptyInput, InputError
from redactor.extract import rtf
from tests.extract import factory
from tests.extract.documents.factory import PEOPLE, PHONES
from tests.extract.helpers import run, source_for


@pytest.fixture
def document(tmp_path):
    return run(factory.rtf(tmp_path / "statement.rtf"), tmp_path)


def _segment(item, field):
    return next(s.text for s in item.segments if s.field == field)


@pytest.mark.parametrize(
    "field, expected",
    [
        ("body", f"Statement of {PEOPLE[0]}.\nShe rang me on {PHONES[0]}."),
        ("body", "Caf\u00e9 \u20ac r\u00e9sum\u00e9"),
        ("body", f"Name | {PEOPLE[1]}\n"),
        ("body", f"[link: mailto:{factory.EMAILS[0]}] write to me"),
        ("body", f"hidden {PHONES[1]}"),
        ("comments", f"[comment by Sgt Ames] ring {PHONES[2]}"),
    ],
)
def test_every_part_is_read(document, field, expected):
    (item,), _ = document
    assert expected in _segment(item, field)


def test_tables_fonts_and_generator_are_not_text(document):
    (item,), _ = document
    body = _segment(item, "body")
    assert "Helvetica" not in body and "Synthetic" not in body and "DC Hollis" not in body and "pngblip" not in body
    assert item.meta["hidden_characters"] == len(f"hidden {PHONES[1]}") and item.meta["comments"] == 1


def test_pictures_become_derived_sources(document):
    (item,), derived = document
    assert [d.name for d in derived] == ["picture-1.png"] and item.meta["embedded"] == 1
    assert source_for(derived[0].path).media_type == "image/png"


def test_binary_pictures_and_unknown_pictures(tmp_path):
    png = factory._png(["x"])
    data = b"{\\rtf1 text{\\pict\\jpegblip\\bin" + str(len(png)).encode() + b" " + png + b"}{\\pict\\emfblip 0102}}"
    (tmp_path / "bin.rtf").write_bytes(data)
    (item,), derived = run(tmp_path / "bin.rtf", tmp_path)
    assert derived[0].path.read_bytes() == png and item.meta["pictures_not_extracted"] == 1


def test_surrogate_pairs_are_joined(tmp_path):
    (tmp_path / "emoji.rtf").write_bytes(b"{\\rtf1 hi \\u-10179?\\u-8694? and \\u-10179? alone}")
    (item,), _ = run(tmp_path / "emoji.rtf", tmp_path)
    assert item.segments[0].text == "hi \U0001f60a and \ufffd alone"


def test_properties_say_what_a_document_without_text_holds(tmp_path):
    (tmp_path / "props.rtf").write_bytes(b"{\\rtf1{\\info{\\author " + PEOPLE[2].encode() + b"}}}")
    (item,), _ = run(tmp_path / "props.rtf", tmp_path)
    assert item.segments[0].field == "contents" and f"author: {PEOPLE[2]}" in item.segments[0].text


@pytest.mark.parametrize(
    "name, data, error",
    [
        ("empty.rtf", b"{\\rtf1 {\\fonttbl{\\f0 Arial;}}}", EmptyInput),
        ("bin-past-end.rtf", b"{\\rtf1 a{\\pict\\pngblip\\bin999999 xx}}", CorruptInput),
        ("deep.rtf", b"{\\rtf1 " + b"{" * 6000 + b"x", CorruptInput),
    ],
)
def test_bad_documents_are_refused_with_their_name(tmp_path, name, data, error):
    (tmp_path / name).write_bytes(data)
    with pytest.raises(error, match=name):
        run(tmp_path / name, tmp_path)


def test_truncated_document_keeps_what_it_has(tmp_path):
    data = factory.rtf(tmp_path / "a.rtf", picture=False).read_bytes()
    (tmp_path / "cut.rtf").write_bytes(data[: len(data) // 2])
    (item,), _ = run(tmp_path / "cut.rtf", tmp_path)
    assert PEOPLE[0] in item.segments[0].text


@pytest.mark.timeout(120)  # a hang guard, not a speed claim: a backtracking reader never finishes here
def test_hostile_field_instructions_do_not_hang_the_reader(tmp_path):
    """striprtf's own hyperlink regex backtracks on this shape; the reader here never uses it."""
    data = b"{\\rtf1 " + b'{\\field{\\*\\fldinst{HYPERLINK "' * 3000 + b"x" * 20000 + b"}"
    (tmp_path / "fields.rtf").write_bytes(data)
    try:
        run(tmp_path / "fields.rtf", tmp_path)
    except InputError as exc:
        assert "fields.rtf" in str(exc)


def test_not_rtf_after_all(tmp_path):
    with pytest.raises(CorruptInput, match="x.rtf"):
        rtf.read_rtf(b"{\\notrtf}", tmp_path / "x.rtf")
