"""A damaged page of a device's SQLite database (a carved or partly copied ALEAPP database, iOS ChatStorage.sqlite)
refuses the run of rows it held, and the rest of the database is read around it (common.sqlite_walk): before, the first
damaged page refused the whole database (E033, 'database disk image is malformed'), every message of it lost. A file
cut short is read up to the cut; a database none of whose rows can be read is still refused whole; a good database is
read by one query per table, as before. The pages are damaged through the file's own page size and B-tree
(tests/extract/device/sqlite_damage.py), the rows they held read from the page before it is overwritten."""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from benchmarks.device_data import write_chatstorage
from redactor.errors import CorruptInput
from redactor.extract.device import common, leapp, whatsapp_ios
from redactor.records import CaseSnapshot, Item, Refused
from redactor.stages import StageContext
from tests.extract.device.helpers import source_for
from tests.extract.device.sqlite_damage import damage_page, leaf_pages, leaf_rowids, page_size

SECRET = "Quillon Marchbanks"  # in the damaged rows only: never in a reason


def _read(reader, path: Path, work: Path) -> list:
    return list(reader(source_for(path), path, StageContext(work / "models", work, CaseSnapshot(), None)))


def _lava(path: Path, rows: int = 600) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE sms_messages (date TEXT, address TEXT, body TEXT)")
        conn.execute("CREATE TABLE call_logs (number TEXT, type TEXT)")
        conn.executemany(
            "INSERT INTO sms_messages VALUES (?, ?, ?)",
            [(f"2024-03-01 09:{n % 60:02d}:00", f"+4477009{n:05d}", f"{SECRET} said ring me on 07700 9{n:05d} #{n}") for n in range(rows)],
        )
        conn.executemany("INSERT INTO call_logs VALUES (?, 'incoming')", [(f"+4477009{n:05d}",) for n in range(50)])
    conn.close()
    return path


def _timeline(path: Path, rows: int = 600) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE data (key TEXT, activity TEXT, datalist TEXT)")
        conn.executemany(
            "INSERT INTO data VALUES (?, 'SMS messages', ?)",
            [(f"k{n}", f'{{"Message": "{SECRET} on 07700 9{n:05d}", "Timestamp": "2024-03-01 09:00:00"}}') for n in range(rows)],
        )
    conn.close()
    return path


def _chatstorage(path: Path, messages: int = 600, index: bool = False) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    write_chatstorage(path, messages)
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE ZWAMESSAGE SET ZTEXT = ZTEXT || ' ' || ?", (SECRET,))
        if index:  # the messages' ORDER BY walks it: rows are read before the damaged page is met
            conn.execute("CREATE INDEX byChat ON ZWAMESSAGE (ZCHATSESSION, ZMESSAGEDATE, Z_PK)")
    conn.close()
    return path


CASES = {  # name: (writer, file under tmp_path, table, reader, locator prefix)
    "lava": (_lava, "report/_lava_artifacts.db", "sms_messages", leapp.extract_db, "_lava_artifacts.db sms_messages "),
    "timeline": (_timeline, "report/_Timeline/tl.db", "data", leapp.extract_db, "_Timeline/tl.db data "),
    "chatstorage": (_chatstorage, "ChatStorage.sqlite", "ZWAMESSAGE", whatsapp_ios.extract_chatstorage, "ZWAMESSAGE "),
    "chatstorage by index": (
        lambda p: _chatstorage(p, index=True),
        "ChatStorage.sqlite",
        "ZWAMESSAGE",
        whatsapp_ios.extract_chatstorage,
        "ZWAMESSAGE ",
    ),
}


def _items(records: list) -> dict[str, list]:
    return {i.locator: [(s.field, s.text) for s in i.segments] for i in records if isinstance(i, Item) and i.kind != "thread"}


def _rowid(locator: str) -> int:
    return int(locator.rsplit("=", 1)[-1] if "Z_PK=" in locator else locator.rsplit(" ", 1)[-1])


def _pair(tmp_path: Path, case: str) -> tuple[Path, Path]:
    writer, name, *_ = CASES[case]
    good = writer(tmp_path / "good" / name)
    bad = tmp_path / "bad" / name
    bad.parent.mkdir(parents=True)
    shutil.copyfile(good, bad)
    return good, bad


@pytest.mark.parametrize("case", list(CASES))
@pytest.mark.parametrize("where", ["middle", "last"])
def test_a_damaged_page_refuses_its_rows_alone_and_the_rest_is_read(tmp_path, case, where):
    _, _, table, reader, prefix = CASES[case]
    good, bad = _pair(tmp_path, case)
    pages = leaf_pages(bad, table)
    assert len(pages) >= 8
    page = pages[len(pages) // 2] if where == "middle" else pages[-1]
    lost = leaf_rowids(bad, table, page)
    damage_page(bad, page)
    records = _read(reader, bad, tmp_path / "w2")  # before: CorruptInput, 'database disk image is malformed'
    refused = [r for r in records if isinstance(r, Refused)]
    rows = f"rows {lost[0]}-{lost[-1]}" if where == "middle" else f"rows from {lost[0]} to the end"
    assert [(r.locator, r.code) for r in refused] == [(prefix + rows, "E033")]
    assert f"{bad}: " in refused[0].reason and "database disk image is malformed" in refused[0].reason
    assert SECRET not in refused[0].reason
    expected = _items(_read(reader, good, tmp_path / "w1"))
    items = _items(records)
    locators = [i.locator for i in records if isinstance(i, Item)]
    assert len(locators) == len(set(locators))  # none read twice (by index: rows read before the damaged page was met)
    assert items == {k: v for k, v in expected.items() if not lost[0] <= _rowid(k) <= lost[-1]}
    assert len(items) == len(expected) - len(lost)


@pytest.mark.parametrize("case", ["lava", "chatstorage"])
def test_a_database_cut_short_is_read_up_to_the_cut(tmp_path, case):
    _, _, table, reader, prefix = CASES[case]
    good, bad = _pair(tmp_path, case)
    page = leaf_pages(bad, table)[5]
    lost = leaf_rowids(bad, table, page)
    os.truncate(bad, (page - 1) * page_size(bad.read_bytes()))  # partly copied: the pages from this leaf on are missing
    records = _read(reader, bad, tmp_path / "w2")  # before: CorruptInput (the ChatStorage not even taken for one)
    refused = [r.locator for r in records if isinstance(r, Refused)]
    assert prefix + f"rows from {lost[0]} to the end" in refused
    items = _items(records)
    expected = _items(_read(reader, good, tmp_path / "w1"))
    assert items and all(expected[k] == v for k, v in items.items())
    assert {k for k in expected if _rowid(k) < lost[0] and k.startswith(prefix)} <= set(items)


def test_a_database_none_of_whose_rows_can_be_read_is_refused_whole(tmp_path):
    path = tmp_path / "report" / "_lava_artifacts.db"
    path.parent.mkdir(parents=True)
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE sms_messages (body TEXT)")
        conn.executemany("INSERT INTO sms_messages VALUES (?)", [(f"{SECRET} #{n}" * 5,) for n in range(400)])
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'sms_messages'").fetchone()[0]
    conn.close()
    damage_page(path, root)
    with pytest.raises(CorruptInput, match="all rows of table sms_messages lie in a damaged part of the database") as refused:
        _read(leapp.extract_db, path, tmp_path)
    assert SECRET not in str(refused.value)


@pytest.mark.parametrize("case", list(CASES))
def test_a_good_database_is_read_once(tmp_path, monkeypatch, case):
    writer, name, table, reader, _ = CASES[case]
    path = writer(tmp_path / name)
    statements: list[str] = []
    opened = common.sqlite_open

    def traced(p: Path, work: Path | None = None) -> sqlite3.Connection:
        conn = opened(p, work)
        conn.set_trace_callback(statements.append)
        return conn

    monkeypatch.setattr(common, "sqlite_open", traced)
    _read(reader, path, tmp_path / "w")
    reads = [s for s in statements if (f"FROM {table}" in s or f'FROM "{table}"' in s) and not s.endswith("LIMIT 0")]
    assert len(reads) == 1, reads
    assert "LIMIT 1" not in reads[0]


def test_chatstorage_chat_and_member_rows_not_utf8_are_refused_alone(tmp_path):
    """Before, a chat or group member row holding text that is not UTF-8 refused the whole database."""
    from tests.extract.device.generated.records import chatstorage

    good = tmp_path / "good" / "ChatStorage.sqlite"
    good.parent.mkdir()
    chatstorage(good)
    bad = tmp_path / "bad" / "ChatStorage.sqlite"
    bad.parent.mkdir()
    shutil.copyfile(good, bad)
    with sqlite3.connect(bad) as conn:
        name = f"{SECRET} caf\xe9".encode("latin-1")
        conn.execute("UPDATE ZWACHATSESSION SET ZPARTNERNAME = CAST(? AS TEXT) WHERE Z_PK = 1", (name,))
        conn.execute("UPDATE ZWAGROUPMEMBER SET ZCONTACTNAME = CAST(? AS TEXT) WHERE Z_PK = 1", (name,))
    conn.close()
    records = _read(whatsapp_ios.extract_chatstorage, bad, tmp_path / "w2")
    refused = [r for r in records if isinstance(r, Refused)]
    assert [(r.locator, r.code) for r in refused] == [("ZWACHATSESSION Z_PK=1", "E033"), ("ZWAGROUPMEMBER Z_PK=1", "E033")]
    assert refused[0].reason.startswith(f"[E033] {bad}: chat row ZWACHATSESSION Z_PK=1 holds text that is not valid UTF-8; refused")
    assert all(SECRET not in r.reason for r in refused)
    expected = [i for i in _read(whatsapp_ios.extract_chatstorage, good, tmp_path / "w1") if isinstance(i, Item)]
    items = [i for i in records if isinstance(i, Item)]
    assert [i.locator for i in items] == [i.locator for i in expected if i.locator != "ZWACHATSESSION Z_PK=1"]
    texts = {i.locator: [s.text for s in i.segments if s.field == "text"] for i in items}
    assert texts == {i.locator: [s.text for s in i.segments if s.field == "text"] for i in expected if i.locator in texts}
    assert all(SECRET not in s.text for i in items for s in i.segments)
