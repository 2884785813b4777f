"""A case made by an older tool opens, migrated; one made by a newer tool is refused."""

from __future__ import annotations

import json
import sqlite3

import pytest

from redactor.audit.log import AuditLog
from redactor.case import SCHEMA_VERSION, CaseStore
from redactor.case.schema import MIGRATIONS
from redactor.errors import CaseError

# The schema of version 1, frozen as released (never edit: it is what old cases hold).
V1_DDL = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sources (
    source_id TEXT PRIMARY KEY, ref TEXT UNIQUE NOT NULL, path TEXT NOT NULL, name TEXT NOT NULL,
    size INTEGER NOT NULL, media_type TEXT NOT NULL, added_at TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'new', detect_key TEXT,
    parent_id TEXT REFERENCES sources, locator TEXT
);
CREATE TABLE IF NOT EXISTS people (
    person_id TEXT PRIMARY KEY, name TEXT NOT NULL, aliases TEXT NOT NULL, phones TEXT NOT NULL,
    emails TEXT NOT NULL, role TEXT NOT NULL, origin TEXT NOT NULL, device_owner INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS quarantine (
    id INTEGER PRIMARY KEY, source_id TEXT, path TEXT NOT NULL, stage TEXT NOT NULL,
    code TEXT NOT NULL, reason TEXT NOT NULL, at TEXT NOT NULL, UNIQUE (path, stage, code)
);
CREATE TABLE IF NOT EXISTS items (
    item_id TEXT PRIMARY KEY, source_id TEXT NOT NULL REFERENCES sources, ordinal INTEGER NOT NULL,
    locator TEXT NOT NULL, kind TEXT NOT NULL, title TEXT NOT NULL, meta TEXT NOT NULL,
    scope TEXT NOT NULL DEFAULT 'in'
);
CREATE INDEX IF NOT EXISTS items_source ON items (source_id, ordinal);
CREATE TABLE IF NOT EXISTS segments (
    segment_id TEXT PRIMARY KEY, item_id TEXT NOT NULL REFERENCES items, idx INTEGER NOT NULL,
    field TEXT NOT NULL, text TEXT NOT NULL, page INTEGER, page_w REAL, page_h REAL,
    origin TEXT NOT NULL, words TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS segments_item ON segments (item_id, idx);
CREATE TABLE IF NOT EXISTS flags (
    flag_id TEXT PRIMARY KEY, item_id TEXT NOT NULL REFERENCES items, segment_id TEXT NOT NULL,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL, entity TEXT NOT NULL, score REAL NOT NULL,
    recognizer TEXT NOT NULL, explanation TEXT NOT NULL, code TEXT NOT NULL, proposed TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending', origin TEXT NOT NULL DEFAULT 'detector',
    version INTEGER NOT NULL DEFAULT 1, created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS flags_item ON flags (item_id, segment_id, start);
CREATE INDEX IF NOT EXISTS flags_status ON flags (status, entity);
CREATE TABLE IF NOT EXISTS decisions (
    id INTEGER PRIMARY KEY, flag_id TEXT NOT NULL REFERENCES flags, action TEXT NOT NULL,
    reviewer TEXT NOT NULL, reason TEXT NOT NULL, at TEXT NOT NULL, before TEXT NOT NULL, after TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS decisions_flag ON decisions (flag_id);
"""


def _v1_case(root, version="1"):
    """A case as version 1 of the tool left it: one source, one item, one flag, a chained audit log."""
    root.mkdir()
    conn = sqlite3.connect(root / "case.db")
    conn.executescript(V1_DDL)
    conn.execute("INSERT INTO meta VALUES ('schema_version', ?)", (version,))
    conn.execute(
        "INSERT INTO sources (source_id, ref, path, name, size, media_type, added_at) VALUES ('s1', 'S0001', '/x', 'x.txt', 5, 'text/plain', 't')"
    )
    conn.execute(
        "INSERT INTO items (item_id, source_id, ordinal, locator, kind, title, meta) VALUES ('i1', 's1', 1, 'l', 'text', 'x', '{}')"
    )
    conn.execute(
        "INSERT INTO segments (segment_id, item_id, idx, field, text, origin, words) VALUES ('g1', 'i1', 0, 'text', 'Call Ann', 'text', '[]')"
    )
    conn.execute(
        'INSERT INTO flags (flag_id, item_id, segment_id, start, "end", entity, score, recognizer, explanation, code, proposed, created_at) '
        "VALUES ('f1', 'i1', 'g1', 5, 8, 'PERSON', 0.9, 'r', '{}', 'TP', 'redact', 't')"
    )

    def head(entry):
        conn.execute("INSERT OR REPLACE INTO meta VALUES ('audit_head', ?)", (json.dumps([entry.seq, entry.hash]),))

    AuditLog(root / "audit.jsonl", on_append=head).append("case", "case.created", {"schema_version": 1})
    conn.commit()
    conn.close()
    return root


def test_every_version_has_one_migration():
    assert sorted(MIGRATIONS) == list(range(2, SCHEMA_VERSION + 1))


def test_a_version_1_case_opens_migrated_and_keeps_its_data(tmp_path):
    root = _v1_case(tmp_path / "case")
    with CaseStore.open(root, actor="DC Old") as store:
        assert store.meta("schema_version") == str(SCHEMA_VERSION)
        assert [f.flag_id for f in store.flags()] == ["f1"] and store.item("i1").segments[0].text == "Call Ann"
        assert store.scope_history("i1") == []
        store.set_item_scope("i1", "out", actor="DC Old", reason="outside the date range")
        assert [(r["reviewer"], r["before"], r["after"]) for r in store.scope_history("i1")] == [("DC Old", "in", "out")]
        store.decide("f1", action="accept", status="redact", reviewer="DC Old")
        events = [e.event for e in store.audit.events()]
        assert events[:2] == ["case.created", "case.migrated"]
        assert store.verify_audit() == len(events)
    with CaseStore.open(root) as again:  # migrated once: opening again changes nothing
        assert [e.event for e in again.audit.events()].count("case.migrated") == 1


def test_create_on_an_old_case_migrates_it_too(tmp_path):
    root = _v1_case(tmp_path / "case")
    with CaseStore.create(root) as store:
        assert store.meta("schema_version") == str(SCHEMA_VERSION) and store.flag("f1").entity == "PERSON"


@pytest.mark.parametrize("version", [str(SCHEMA_VERSION + 1), "x"])
def test_a_case_from_a_newer_or_unknown_tool_is_refused_untouched(tmp_path, version):
    root = _v1_case(tmp_path / "case", version=version)
    audit = (root / "audit.jsonl").read_bytes()
    with pytest.raises(CaseError, match="schema version"):
        CaseStore.open(root)
    conn = sqlite3.connect(root / "case.db")
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone() == (version,)
    assert "scope_changes" not in tables and (root / "audit.jsonl").read_bytes() == audit
    conn.close()


def test_device_facts_stored_in_meta_by_an_older_tool_become_typed(tmp_path):
    """v6: sender, thread, direction, time and attachments move from ``meta`` to the typed ``device`` column."""
    from redactor.facts import Attachment, Moment, Party, Thread

    root = _v1_case(tmp_path / "case")
    old_meta = {
        "format": "whatsapp",
        "edited": True,
        "sender": {"raw": None, "name": "Alex Witness", "owner": None},
        "thread": {"id": "whatsapp-export", "key": "k1", "app": "WhatsApp"},
        "direction": {"value": "unknown", "how": "a WhatsApp export does not record the device owner"},
        "time": {"utc": "2024-03-01T09:15:00Z", "raw": "01/03/2024, 09:15", "tz_source": "assumed", "field": "date"},
        "attachments": [{"name": "IMG-1.jpg", "present": False, "how": "named in the export"}],
    }
    conn = sqlite3.connect(root / "case.db")
    conn.execute(
        "INSERT INTO items (item_id, source_id, ordinal, locator, kind, title, meta) VALUES ('m1', 's1', 2, 'line 1', 'message', 'm', ?)",
        (json.dumps(old_meta),),
    )
    conn.commit()
    conn.close()
    with CaseStore.open(root) as store:
        item = store.item("m1")
        assert dict(item.meta) == {"format": "whatsapp", "edited": True}  # only the format's extras stay in meta
        assert item.device.sender == Party(name="Alex Witness")
        assert item.device.thread == Thread("k1", "whatsapp-export", "WhatsApp")
        assert (item.device.direction, item.device.direction_how) == ("unknown", old_meta["direction"]["how"])
        assert item.device.time == Moment("2024-03-01T09:15:00Z", "01/03/2024, 09:15", "assumed", (("field", "date"),))
        assert item.device.attachments == (Attachment("IMG-1.jpg", None, False, (("how", "named in the export"),)),)
        assert store.thread_members("s1", "k1") == ["m1"]  # conversations are found in the new column
        assert store.item("i1").device.thread is None  # a document has no facts
    conn = sqlite3.connect(root / "case.db")
    stored = conn.execute("SELECT meta, device FROM items WHERE item_id = 'm1'").fetchone()
    assert json.loads(stored[1])["time"] == old_meta["time"] and "sender" not in json.loads(stored[0])
    assert conn.execute("SELECT device FROM items WHERE item_id = 'i1'").fetchone() == (None,)
    conn.close()


def test_a_creation_killed_half_way_leaves_nothing_and_the_case_is_created_again(tmp_path, monkeypatch):
    """Creating the schema is one transaction: a failure half way leaves no half-made schema behind."""
    from redactor.case import schema

    made = []

    def fail_at_the_end(conn):
        for statement in schema._statements(schema.SCHEMA):  # the ALTER TABLE steps too: they would fail a second time
            conn.execute(statement)
            made.append(statement)
        raise KeyboardInterrupt  # stopped before the schema version is recorded, as a kill would

    monkeypatch.setattr(schema, "create", fail_at_the_end)
    with pytest.raises(KeyboardInterrupt):
        CaseStore.create(tmp_path / "case")
    assert any(s.startswith("ALTER TABLE") for s in made)
    monkeypatch.undo()
    with CaseStore.create(tmp_path / "case") as store:
        assert store.meta("schema_version") == str(SCHEMA_VERSION) and store.counts()["items"] == 0
        assert [e.event for e in store.audit.events()] == ["case.created"]


def test_a_version_8_case_gets_the_picture_ocr_cache(tmp_path):
    """v9: the leak scan's OCR readings, kept by content hash; a v8 case opens with an empty cache and keeps what it had."""
    with CaseStore.create(tmp_path / "case") as store:
        with store.transaction() as conn:
            conn.execute("DROP TABLE picture_ocr")
            store.set_meta("schema_version", "8")
        store.cache_spans({"d1": [[0, 3, "PERSON"]]})
    with CaseStore.open(tmp_path / "case") as store:
        assert store.meta("schema_version") == str(SCHEMA_VERSION)
        assert store.cached_pictures(["p1"]) == {} and store.cached_spans(["d1"]) == {"d1": [[0, 3, "PERSON"]]}
        store.cache_pictures({"p1": "what tesseract read"})
        assert store.cached_pictures(["p1", "p2"]) == {"p1": "what tesseract read"}
        migrated = [e.payload for e in store.audit.events() if e.event == "case.migrated"]
        assert migrated == [{"from": 8, "to": SCHEMA_VERSION, "steps": list(range(9, SCHEMA_VERSION + 1))}]


def test_a_version_9_case_gets_counting_triggers_that_stand_aside_for_a_recount(tmp_path):
    """v10: the counting triggers of v4 get a condition (no ``values.recount`` mark); without the mark they count as before."""
    from redactor.case import schema

    with CaseStore.create(tmp_path / "case") as store:
        with store.transaction() as conn:
            for name in ("value_member_added", "value_flag_status"):
                conn.execute(f"DROP TRIGGER {name}")
            for statement in schema._statements(schema.VALUE_COUNTERS):
                if statement.startswith("CREATE TRIGGER"):
                    conn.execute(statement)  # the v4 triggers, as a version 9 case holds them
            store.set_meta("schema_version", "9")
    with CaseStore.open(tmp_path / "case") as store:
        assert store.meta("schema_version") == str(SCHEMA_VERSION)
        sql = {r[0]: r[1] for r in store.conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")}
        assert all(schema.RECOUNT_MARK in sql[name] for name in ("value_member_added", "value_flag_status"))
        migrated = [e.payload for e in store.audit.events() if e.event == "case.migrated"]
        assert migrated == [{"from": 9, "to": SCHEMA_VERSION, "steps": list(range(10, SCHEMA_VERSION + 1))}]
