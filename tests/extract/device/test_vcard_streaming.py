"""A vCard file is read a line at a time, with the same cards, people and errors as reading it whole (as before):
any mix of line ends, folding, quoted-printable soft breaks, a BOM, or bytes that are not UTF-8 (then Windows-1252)."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from redactor.case.codec import item_rows
from redactor.errors import EmptyInput, InputError
from redactor.extract.device import vcard
from redactor.records import DerivedFile, Mention, Person, Refused, Source

PIECES = [
    "BEGIN:VCARD",
    "END:VCARD",
    "VERSION:2.1",
    "FN:Zoë Example",
    "N:Example;Zoë;;;",
    "TEL;CELL:07700 900123",
    "EMAIL:zoe@example.org",
    "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Ex=",
    "NOTE;QUOTED-PRINTABLE:a=0D=0Ab=",
    "ample;Zo=C3=AB;;;",
    " folded on",
    "\tfolded tab",
    "item1.TEL:07700 900456",
    "item1.X-ABLabel:_$!<Mobile>!$_",
    "no colon here",
    "",
]


def _whole_file_lines(path: Path):
    """The previous reading: the whole file decoded at once, then split (the reference)."""
    raw = path.read_bytes()
    if not raw.strip():
        raise EmptyInput(f"{path}: file is empty")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", "replace")
    return iter(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))


def _read(path: Path) -> tuple:
    source = Source("ab" * 32, "S0001", str(path), path.name, path.stat().st_size, "text/plain")
    try:
        records = list(vcard.extract_vcard(source, path, None))
    except InputError as exc:
        return ("error", type(exc).__name__, str(exc))
    items = [r for r in records if not isinstance(r, (Person, Mention, DerivedFile, Refused))]
    refused = [r for r in records if isinstance(r, Refused)]
    return item_rows(source.source_id, items), [r for r in records if isinstance(r, (Person, Mention))], refused


@st.composite
def vcard_bytes(draw) -> bytes:
    lines = draw(st.lists(st.sampled_from(PIECES), max_size=40))
    ends = draw(st.lists(st.sampled_from(["\n", "\r\n", "\r"]), min_size=len(lines), max_size=len(lines)))
    text = "".join(line + end for line, end in zip(lines, ends, strict=True))
    if draw(st.booleans()) and text:
        text = text[: -len(ends[-1])]  # no line end after the last line
    data = text.encode("utf-8")
    if draw(st.booleans()):
        data = b"\xef\xbb\xbf" + data
    if draw(st.booleans()) and data:
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.sampled_from([b"\x92", b"\x81", b"\xe9", b"\xc3"])) + data[at:]  # not UTF-8 any more
    return data


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=vcard_bytes(), chunk=st.sampled_from([1, 2, 3, 7, 1 << 20]))
def test_streamed_reading_equals_reading_whole(tmp_path, monkeypatch, data, chunk):
    path = tmp_path / "contacts.vcf"
    path.write_bytes(data)
    monkeypatch.setattr(vcard, "CHUNK", chunk)  # a UTF-8 character or a CR LF across reads
    streamed = _read(path)
    with monkeypatch.context() as m:
        m.setattr(vcard, "_physical_lines", _whole_file_lines)
        whole = _read(path)
    assert streamed == whole


def test_a_blank_file_is_empty(tmp_path):
    path = tmp_path / "blank.vcf"
    path.write_bytes(b" \r\n\t\n")
    with pytest.raises(EmptyInput):
        list(vcard.extract_vcard(Source("ab" * 32, "S0001", str(path), path.name, 5, "text/plain"), path, None))


def test_memory_does_not_grow_with_the_file(tmp_path):
    """Python's allocations while reading 2,000 and 20,000 cards (items dropped as read; the people found are kept,
    they are what the card gives): the file itself is never held."""

    def peak(n: int) -> int:
        path = tmp_path / f"{n}.vcf"
        card = "BEGIN:VCARD\nVERSION:3.0\nFN:Sam Owner\nTEL:07700 900001\nNOTE:{}\nEND:VCARD\n"
        path.write_text("".join(card.format("x" * 400) for _ in range(n)))
        source = Source("ab" * 32, "S0001", str(path), path.name, path.stat().st_size, "text/plain")
        tracemalloc.start()
        for _ in vcard.extract_vcard(source, path, None):
            pass
        top = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        return top

    small, large = peak(2_000), peak(20_000)
    assert large < small + 2_000_000, (small, large)  # the whole 9 MB file would show
