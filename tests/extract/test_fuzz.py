"""Fuzzing the format readers with hypothesis: any input either reads or fails with an InputError
(a one-line error the runner quarantines); never another exception, never a hang.

Every crash hypothesis found while these were written is kept below as a named regression case.
"""

from __future__ import annotations

import tempfile
import zipfile
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from redactor.errors import InputError
from redactor.extract import doc as doc_reader
from tests.extract import factory
from tests.extract.helpers import run

FUZZ = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
HTML_BITS = st.sampled_from(
    ["<p>", "</p>", "<table>", "<tr>", "<td>", "</td>", "</tr>", "</table>", "<pre>", "</pre>", "<script>", "</script>",
     "<a href='mailto:x@y.z'>", "</a>", "<img alt='a' src='data:xx'>", "<!--", "-->", "<li>", "&amp;", "&#0;", "&#xD800;",
     "<br/>", "<input value=v>", "<title>", "</title>", "<meta name=author content=n>", "07700 900123", "\x00", "<", ">"]
)  # fmt: skip


def _reads_or_refuses(path: Path, tmp: Path) -> None:
    try:
        items, _ = run(path, tmp)
    except InputError as exc:
        assert str(path) in str(exc) and "\n" not in str(exc)
        return
    for item in items:
        for segment in item.segments:
            segment.text.encode("utf-8")  # storable: no lone surrogates


@FUZZ
@given(st.lists(st.one_of(HTML_BITS, st.text(max_size=20)), max_size=60))
def test_html_never_crashes(pieces):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "page.html"
        path.write_text("<html>" + "".join(pieces), encoding="utf-8", errors="surrogatepass")
        _reads_or_refuses(path, Path(tmp))


@FUZZ
@given(
    st.recursive(
        st.none() | st.booleans() | st.floats() | st.text(max_size=10), lambda c: st.lists(c) | st.dictionaries(st.text(max_size=5), c)
    )
)
def test_json_never_crashes(value):
    import json

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "data.json"
        path.write_text("[" + json.dumps(value) + "]")  # json.dumps escapes lone surrogates as \\udXXX
        _reads_or_refuses(path, Path(tmp))


@FUZZ
@given(st.binary(max_size=400))
def test_xml_never_crashes(tail):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "data.xml"
        path.write_bytes(b"<?xml version='1.0'?><r a='1'>" + tail)
        _reads_or_refuses(path, Path(tmp))


@FUZZ
@given(st.text(alphabet=st.sampled_from(list(',;\t|"\n\r ab07\x00\u00e9')), max_size=300))
def test_csv_never_crashes(body):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "t.csv"
        path.write_text("a,b\n" + body, encoding="utf-8")
        _reads_or_refuses(path, Path(tmp))


def _mutate(data: bytes, edits: list[tuple[int, int]]) -> bytes:
    out = bytearray(data)
    for offset, value in edits:
        out[offset % len(out)] = value
    return bytes(out)


@pytest.fixture(scope="module")
def workbook_parts(tmp_path_factory):
    path = factory.xlsx(tmp_path_factory.mktemp("wb") / "a.xlsx")
    with zipfile.ZipFile(path) as zf:
        return {info.filename: zf.read(info) for info in zf.infolist()}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(["xl/workbook.xml", "xl/worksheets/sheet1.xml", "xl/styles.xml", "[Content_Types].xml", "xl/_rels/workbook.xml.rels"]),
       st.lists(st.tuples(st.integers(0, 1 << 16), st.integers(0, 255)), min_size=1, max_size=8))  # fmt: skip
def test_xlsx_with_a_mutated_part_never_crashes(workbook_parts, part, edits):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "m.xlsx"
        with zipfile.ZipFile(path, "w") as zf:
            for name, data in workbook_parts.items():
                zf.writestr(name, _mutate(data, edits) if name == part else data)
        _reads_or_refuses(path, Path(tmp))


RTF_BITS = st.sampled_from(
    ["{", "}", "\\par ", "\\u-10179?", "\\u65?", "\\'e9", "\\'zz", "\\*", "\\annotation ", "\\atnauthor ", "\\pict",
     "\\pngblip ", "\\bin4 ", "\\bin99999999 ", "\\fldinst ", "HYPERLINK \"x\"", "\\info ", "\\author ", "\\v ", "\\v0 ",
     "\\uc2 ", "\\ansicpg1251 ", "\\ansicpg99999 ", "\\cell ", "\\row ", "89504e47", "\\", "07700 900123", "\\fonttbl "]
)  # fmt: skip


@FUZZ
@given(st.lists(st.one_of(RTF_BITS, st.text(max_size=10)), max_size=60))
@example(pieces=["\\author ", "\\u-10179?", "}"])  # a lone surrogate in a document property (found by this test)
def test_rtf_never_crashes(pieces):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "d.rtf"
        path.write_bytes(("{\\rtf1 " + "".join(pieces)).encode("utf-8", "surrogatepass"))
        _reads_or_refuses(path, Path(tmp))


@pytest.fixture(scope="module")
def outlook_bytes(tmp_path_factory):
    return factory.msg(tmp_path_factory.mktemp("msg") / "a.msg").read_bytes()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.integers(512, 1 << 16), st.integers(0, 255)), min_size=1, max_size=12))
def test_msg_with_mutated_bytes_never_crashes(outlook_bytes, edits):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "m.msg"
        path.write_bytes(_mutate(outlook_bytes, edits))
        _reads_or_refuses(path, Path(tmp))


@pytest.fixture(scope="module")
def word_bytes(tmp_path_factory):
    return factory.doc(tmp_path_factory.mktemp("doc") / "a.doc").read_bytes()


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.integers(512, 1 << 14), st.integers(0, 255)), min_size=1, max_size=12))
def test_doc_with_mutated_bytes_never_crashes(word_bytes, edits):
    """catdoc runs in its own process: its crashes and endless loops become quarantines, never ours.

    Some mutations send catdoc into a loop; a short timeout keeps the suite's time bounded (the refusal is the same).
    """
    with tempfile.TemporaryDirectory() as tmp, mock.patch.object(doc_reader, "TIMEOUT_S", 5):
        path = Path(tmp) / "w.doc"
        path.write_bytes(_mutate(word_bytes, edits))
        _reads_or_refuses(path, Path(tmp))


# -- regressions found by the fuzzers above ----------------------------------------------------------
@pytest.mark.parametrize(
    "name, data",
    [
        ("surrogate-ref.html", b"<html><p>&#xD800; and &#0;</p>"),
        ("lone-lt.html", b"<html><</html"),
        ("surrogate.json", b'{"a": "\\ud800 x"}'),
        ("control.xml", b"<r>&#x1;</r>"),
    ],
)
def test_regressions(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    _reads_or_refuses(path, tmp_path)


@pytest.fixture(scope="module")
def legacy_workbook_bytes(tmp_path_factory):
    return factory.xls(tmp_path_factory.mktemp("xls") / "a.xls").read_bytes()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.integers(512, 1 << 13), st.integers(0, 255)), min_size=1, max_size=12))
def test_xls_with_mutated_bytes_never_crashes(legacy_workbook_bytes, edits):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "m.xls"
        path.write_bytes(_mutate(legacy_workbook_bytes, edits))
        _reads_or_refuses(path, Path(tmp))


@pytest.fixture(scope="module")
def signed_blob(tmp_path_factory):
    import olefile

    from redactor.extract import smime

    path = factory.smime_msg(tmp_path_factory.mktemp("smime") / "s.msg", "opaque-signed")

    with olefile.OleFileIO(str(path)) as ole:
        return ole.openstream(smime.FIRST_ATTACHMENT).read()


@FUZZ
@given(st.lists(st.tuples(st.integers(0, 1 << 12), st.integers(0, 255)), min_size=1, max_size=12), st.integers(0, 1 << 12))
def test_cms_with_mutated_bytes_is_read_or_named(signed_blob, edits, cut):
    from redactor.extract import smime

    found = smime.classify(_mutate(signed_blob, edits)[: max(1, cut)])
    assert found.kind in ("opaque-signed", "encrypted", "unknown")
    assert (found.content is not None) != bool(smime.reason(found)) or found.kind != "opaque-signed"
