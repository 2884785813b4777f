"""A row of an AXIOM CSV or an ALEAPP TSV that cannot be read (bytes that are not UTF-8, a field over the size limit)
is refused alone: the reader yields a ``Refused`` naming the file, the row and its line and the problem (never a
cell), and reads every other row as it would without it. Before, the first such row refused the whole export. A file
none of whose rows can be read, or whose header row is damaged, is still refused whole."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from benchmarks.device_data import write_aleapp_tsv, write_axiom_csv
from redactor.errors import CorruptInput
from redactor.extract.device import axiom, leapp
from redactor.records import CaseSnapshot, Item, Refused
from redactor.stages import StageContext
from tests.extract.device.helpers import source_for

SECRET = "Quillon Marchbanks"  # in the refused rows only: never in a reason


@pytest.fixture(autouse=True)
def _field_limit():
    """The csv module's limit is the process's: put it back for the tests after these."""
    limit = csv.field_size_limit()
    yield
    csv.field_size_limit(limit)


def _read(reader, path: Path, work: Path) -> list:
    return list(reader(source_for(path), path, StageContext(work / "models", work, CaseSnapshot(), None)))


def _texts(records: list) -> list[list[tuple]]:
    return [[(s.field, s.text) for s in i.segments] for i in records if isinstance(i, Item)]


def _damage(path: Path, rows: dict[int, bytes]) -> list[bytes]:
    """Replace data rows (1-based) of ``path`` by ``rows``; the lines as they were."""
    lines = path.read_bytes().split(b"\n")
    for n, line in rows.items():
        lines[n] = line
    path.write_bytes(b"\n".join(lines))
    return lines


@pytest.mark.parametrize("fmt", ["axiom", "aleapp"])
def test_a_bad_row_is_refused_alone_and_the_others_are_read(tmp_path, monkeypatch, fmt):
    monkeypatch.setattr(axiom, "MAX_FIELD", 1000)
    monkeypatch.setattr(leapp, "MAX_FIELD", 1000)
    if fmt == "axiom":
        path, reader, sep, prefix = write_axiom_csv(tmp_path / "chats.csv", 20), axiom.extract_axiom, b",", ""
    else:
        path = write_aleapp_tsv(tmp_path / "a", 20)
        reader, sep, prefix = leapp.extract_tsv, b"\t", "_TSV Exports/SMS Messages.tsv "
    original = path.read_bytes()
    lines = _damage(path, {4: SECRET.encode() + b" caf\xe9" + sep + b"x", 9: b"x" + sep + SECRET.encode() * 100})
    records = _read(reader, path, tmp_path / "w")  # before: CorruptInput for the whole file at row 4
    refused = [r for r in records if isinstance(r, Refused)]
    what = "CSV" if fmt == "axiom" else "TSV"
    assert [(r.locator, r.code) for r in refused] == [(f"{prefix}row 4 (line 5)", "E033"), (f"{prefix}row 9 (line 10)", "E033")]
    assert refused[0].reason == f"[E033] {path}: {what} row 4 (line 5) is not valid UTF-8; refused ({CorruptInput.hint})"
    assert refused[1].reason.startswith(f"[E033] {path}: {what} row 9 (ending at line 10) is malformed (field larger than field limit")
    assert all(SECRET not in r.reason for r in refused)
    items = [i for i in records if isinstance(i, Item)]
    assert [i.locator for i in items] == [f"{prefix}row {n} (line {n + 1})" for n in range(1, 21) if n not in (4, 9)]
    path.write_bytes(b"\n".join(line for n, line in enumerate(original.split(b"\n")) if n not in (4, 9)))
    assert _texts(records) == _texts(_read(reader, path, tmp_path / "r"))
    assert lines[4] != original.split(b"\n")[4]


def test_a_file_none_of_whose_rows_can_be_read_is_refused_whole(tmp_path):
    path = tmp_path / "chats.csv"
    path.write_bytes(b"Artifact type,Message\nWhatsApp Messages,caf\xe9\n")
    with pytest.raises(CorruptInput, match="CSV row 1 \\(line 2\\) is not valid UTF-8"):
        _read(axiom.extract_axiom, path, tmp_path / "w")
    path.write_bytes(b"Artifact type,Mess\xe9ge\nWhatsApp Messages,ok\n")
    with pytest.raises(CorruptInput, match="header row is not valid UTF-8"):
        _read(axiom.extract_axiom, path, tmp_path / "w")


@pytest.mark.parametrize("name", ["_lava_artifacts.db", "tl.db"])
def test_an_aleapp_database_whose_text_is_not_utf8_is_refused_without_quoting_it(tmp_path, name):
    """SQLite's error for a text value that is not UTF-8 quotes the value: it went into the reason (the quarantine
    table, the console) whole. The reason now says what is wrong, never the text."""
    import sqlite3

    folder = tmp_path / "report" / ("_Timeline" if name == "tl.db" else "")
    folder.mkdir(parents=True)
    path = folder / name
    with sqlite3.connect(path) as conn:
        if name == "tl.db":
            conn.execute("CREATE TABLE data (key TEXT, activity TEXT, datalist TEXT)")
            conn.execute("INSERT INTO data VALUES ('k', 'SMS', CAST(? AS TEXT))", (f'{{"body": "ring {SECRET} \xff"}}'.encode("latin-1"),))
        else:
            conn.execute("CREATE TABLE sms (body TEXT)")
            conn.execute("INSERT INTO sms VALUES (CAST(? AS TEXT))", (f"ring {SECRET} \xff".encode("latin-1"),))
    with pytest.raises(CorruptInput) as refused:
        _read(leapp.extract_db, path, tmp_path)
    assert "not valid UTF-8" in str(refused.value) and SECRET not in str(refused.value)


def _database(path: Path, bad: bytes | None) -> Path:
    """An ALEAPP database (``_lava_artifacts.db`` of two tables, or ``_Timeline/tl.db``) of five SMS rows and two calls;
    the third SMS's text is ``bad`` when given (else readable)."""
    import sqlite3

    path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)
    texts = [f"ring Jo on 07700 900{n:03d}".encode() for n in range(5)]
    texts[2] = bad or texts[2]
    with sqlite3.connect(path) as conn:
        if path.name == "tl.db":
            conn.execute("CREATE TABLE data (key TEXT, activity TEXT, datalist TEXT)")
            for n, text in enumerate(texts):
                value = b'{"Message": "' + text + b'", "Timestamp": "2024-03-01 09:0' + str(n).encode() + b':00"}'
                conn.execute("INSERT INTO data VALUES (?, 'SMS messages', CAST(? AS TEXT))", (f"k{n}", value))
        else:
            conn.execute("CREATE TABLE sms_messages (body TEXT, address TEXT)")
            conn.execute("CREATE TABLE call_logs (number TEXT, type TEXT)")
            for text in texts:
                conn.execute("INSERT INTO sms_messages VALUES (CAST(? AS TEXT), '+447700900123')", (text,))
            conn.executemany("INSERT INTO call_logs VALUES (?, 'incoming')", [("+447700900001",), ("+447700900002",)])
    return path


@pytest.mark.parametrize("name", ["_lava_artifacts.db", "_Timeline/tl.db"])
def test_an_aleapp_database_row_that_is_not_utf8_is_refused_alone(tmp_path, name):
    """Before, the whole database was refused (SQLite's error, now without the text: 5bd4581)."""
    good = _read(leapp.extract_db, _database(tmp_path / "good" / name, None), tmp_path / "w1")
    path = _database(tmp_path / "bad" / name, f"ring {SECRET} caf\xe9".encode("latin-1"))
    records = _read(leapp.extract_db, path, tmp_path / "w2")
    refused = [r for r in records if isinstance(r, Refused)]
    row = "timeline row 3" if name.endswith("tl.db") else "row 3 of table sms_messages"
    locator = "_Timeline/tl.db data rowid 3" if name.endswith("tl.db") else "_lava_artifacts.db sms_messages rowid 3"
    assert [(r.locator, r.code) for r in refused] == [(locator, "E033")]
    assert refused[0].reason.startswith(f"[E033] {path}: {row} holds text that is not valid UTF-8; refused")
    assert SECRET not in refused[0].reason
    items = [(i.locator, [s.text for s in i.segments]) for i in records if isinstance(i, Item)]
    assert items == [(i.locator, [s.text for s in i.segments]) for i in good if isinstance(i, Item) and i.locator != locator]
    assert len(items) == (4 if name.endswith("tl.db") else 6)
