"""The case database schema and its numbered migrations.

``SCHEMA`` is the current schema, used to create a new case. A case made by an older
version of the tool is brought up to date by running, in order, every migration numbered
above the version it records (``meta.schema_version``); each runs in the opening
transaction, so a case is migrated completely or not at all. A migration is never edited
once released: a later change is a new, higher-numbered migration.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Mapping

from redactor.facts import NO_FACTS, split_meta

SCOPE_CHANGES = """
CREATE TABLE IF NOT EXISTS scope_changes (
    id INTEGER PRIMARY KEY, item_id TEXT NOT NULL REFERENCES items, reviewer TEXT NOT NULL, reason TEXT NOT NULL,
    at TEXT NOT NULL, before TEXT NOT NULL, after TEXT NOT NULL
);
"""

VALUES = """
CREATE TABLE IF NOT EXISTS value_clusters (
    value_id TEXT PRIMARY KEY, entity TEXT NOT NULL, key TEXT NOT NULL, display TEXT NOT NULL, person_id TEXT,
    party TEXT NOT NULL, proposal TEXT NOT NULL, code TEXT NOT NULL, rule TEXT NOT NULL DEFAULT '', risk INTEGER NOT NULL DEFAULT 0,
    decision TEXT, reason TEXT NOT NULL DEFAULT '', decided_by TEXT, decided_at TEXT, version INTEGER NOT NULL DEFAULT 1,
    UNIQUE (entity, key)
);
CREATE TABLE IF NOT EXISTS flag_values (
    flag_id TEXT PRIMARY KEY REFERENCES flags ON DELETE CASCADE, value_id TEXT NOT NULL REFERENCES value_clusters,
    excepted INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS flag_values_value ON flag_values (value_id);
CREATE TABLE IF NOT EXISTS value_decisions (
    id INTEGER PRIMARY KEY, value_id TEXT NOT NULL REFERENCES value_clusters, action TEXT NOT NULL, reviewer TEXT NOT NULL,
    reason TEXT NOT NULL, at TEXT NOT NULL, before TEXT NOT NULL, after TEXT NOT NULL
);
"""

_COUNT = {"pending": "pending", "redacted": "redact", "kept": "keep"}
VALUE_COUNTERS = (
    "".join(
        f"ALTER TABLE value_clusters ADD COLUMN {c} INTEGER NOT NULL DEFAULT 0;\n" for c in ("occurrences", "items", *_COUNT, "excepted")
    )
    + """
CREATE TRIGGER IF NOT EXISTS value_member_added AFTER INSERT ON flag_values BEGIN
  UPDATE value_clusters SET occurrences = occurrences + 1, excepted = excepted + NEW.excepted, """
    + ", ".join(f"{c} = {c} + coalesce((SELECT status = '{s}' FROM flags WHERE flag_id = NEW.flag_id), 0)" for c, s in _COUNT.items())
    + """ WHERE value_id = NEW.value_id;
END;
CREATE TRIGGER IF NOT EXISTS value_member_removed AFTER DELETE ON flag_values BEGIN
  UPDATE value_clusters SET occurrences = occurrences - 1, excepted = excepted - OLD.excepted WHERE value_id = OLD.value_id;
END;
CREATE TRIGGER IF NOT EXISTS value_member_excepted AFTER UPDATE OF excepted ON flag_values BEGIN
  UPDATE value_clusters SET excepted = excepted + NEW.excepted - OLD.excepted WHERE value_id = NEW.value_id;
END;
CREATE TRIGGER IF NOT EXISTS value_flag_removed BEFORE DELETE ON flags BEGIN
  UPDATE value_clusters SET """
    + ", ".join(f"{c} = {c} - (OLD.status = '{s}')" for c, s in _COUNT.items())
    + """ WHERE value_id = (SELECT value_id FROM flag_values WHERE flag_id = OLD.flag_id);
END;
CREATE TRIGGER IF NOT EXISTS value_flag_status AFTER UPDATE OF status ON flags WHEN OLD.status != NEW.status BEGIN
  UPDATE value_clusters SET """
    + ", ".join(f"{c} = {c} + (NEW.status = '{s}') - (OLD.status = '{s}')" for c, s in _COUNT.items())
    + """ WHERE value_id = (SELECT value_id FROM flag_values WHERE flag_id = NEW.flag_id);
END;
UPDATE value_clusters SET """
    + ", ".join(
        f"{c} = (SELECT {agg} FROM flag_values v JOIN flags f USING (flag_id) WHERE v.value_id = value_clusters.value_id)"
        for c, agg in (
            ("occurrences", "COUNT(*)"),
            ("items", "COUNT(DISTINCT f.item_id)"),
            ("excepted", "coalesce(SUM(v.excepted), 0)"),
            *((c, f"coalesce(SUM(f.status = '{s}'), 0)") for c, s in _COUNT.items()),
        )
    )
    + ";\n"
)
# v10: the counting triggers of v4 stand aside while a values sync files many flags at once: it sets the meta key
# ``values.recount`` inside its own transaction (never committed), then recounts the values it touched in one
# statement per 500 (``Values._recount``). A trigger fired per flag filed or decided cost a third of that sync.
RECOUNT_MARK = "values.recount"
_NOT_RECOUNTING = f"NOT EXISTS (SELECT 1 FROM meta WHERE key = '{RECOUNT_MARK}')"
COUNT_LATER = (
    f"""
DROP TRIGGER IF EXISTS value_member_added;
CREATE TRIGGER value_member_added AFTER INSERT ON flag_values WHEN {_NOT_RECOUNTING} BEGIN
  UPDATE value_clusters SET occurrences = occurrences + 1, excepted = excepted + NEW.excepted, """
    + ", ".join(f"{c} = {c} + coalesce((SELECT status = '{s}' FROM flags WHERE flag_id = NEW.flag_id), 0)" for c, s in _COUNT.items())
    + f""" WHERE value_id = NEW.value_id;
END;
DROP TRIGGER IF EXISTS value_flag_status;
CREATE TRIGGER value_flag_status AFTER UPDATE OF status ON flags WHEN OLD.status != NEW.status AND {_NOT_RECOUNTING} BEGIN
  UPDATE value_clusters SET """
    + ", ".join(f"{c} = {c} + (NEW.status = '{s}') - (OLD.status = '{s}')" for c, s in _COUNT.items())
    + """ WHERE value_id = (SELECT value_id FROM flag_values WHERE flag_id = NEW.flag_id);
END;
"""
)
# While a values sync recounts (the mark above, inside its transaction), it also takes these two triggers out of the
# schema and puts them back as COUNT_LATER writes them before it commits (``Values._counting_later``): SQLite runs a
# trigger's program for every row even when its WHEN is false (0.75 CPU s for 284,000 memberships filed at once).
STANDING_ASIDE = ("DROP TRIGGER IF EXISTS value_member_added", "DROP TRIGGER IF EXISTS value_flag_status")
CACHES = """
CREATE TABLE IF NOT EXISTS detect_cache (key TEXT PRIMARY KEY, spans TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS detect_progress (source_id TEXT PRIMARY KEY REFERENCES sources, detect_key TEXT NOT NULL, upto INTEGER NOT NULL);
"""

# A conversation's id in an item's stored device facts: the thread's key, or its format id when it has
# none (Thread.ref, in the stored shape of redactor.facts.Thread). Queries must spell it exactly so for
# SQLite to use the index on it (items_thread, v7).
THREAD_SQL = "CAST(coalesce(nullif(json_extract(device, '$.thread.key'), ''), json_extract(device, '$.thread.id')) AS TEXT)"

# v7: a value decision is applied to its occurrences in chunks (``value_apply``): the cluster records which
# version is applied, each flag's decision row names the value decision that made it (undo finds them);
# conversations are found by an index on the thread id instead of reading every item's facts; the next item with
# pending flags by an index of pending flags.
APPLY = f"""
ALTER TABLE value_clusters ADD COLUMN applied_version INTEGER NOT NULL DEFAULT 0;
UPDATE value_clusters SET applied_version = version;
ALTER TABLE decisions ADD COLUMN value_decision INTEGER REFERENCES value_decisions;
CREATE INDEX IF NOT EXISTS decisions_value ON decisions (value_decision) WHERE value_decision IS NOT NULL;
CREATE INDEX IF NOT EXISTS value_decisions_value ON value_decisions (value_id, id);
CREATE INDEX IF NOT EXISTS flags_pending ON flags (item_id) WHERE status = 'pending';
CREATE INDEX IF NOT EXISTS items_thread ON items (source_id, {THREAD_SQL}, ordinal);
"""

# v8: segments indexed by their text as the leak scan reads it (normalised, spaces dropped), in trigrams, so the
# unflagged occurrences of a value decided redact are found without reading every segment (``value_spread``);
# filled lazily from the last segment indexed (meta ``segment_index.upto``).
SEGMENT_INDEX = """
CREATE VIRTUAL TABLE IF NOT EXISTS segment_index USING fts5(squeezed, detail=none, tokenize='trigram');
"""

# v9: what tesseract read on each distinct set of pictures a bundle page draws (the leak scan of ``bundle`` and
# ``verify --case``), keyed by the SHA-256 of the pictures' bytes and of the OCR settings and tesseract version
# (``bundle/pictures.py``), so ``verify --case`` after ``bundle`` reads none of them again. Case content: it never
# leaves the case database.
PICTURE_OCR = """
CREATE TABLE IF NOT EXISTS picture_ocr (key TEXT PRIMARY KEY, text TEXT NOT NULL);
"""

# The flags table's secondary indexes, as SCHEMA and APPLY (v7) create them. A run detecting a large source drops them
# while it inserts that source's flags and creates them again after (``Flags.defer_flag_indexes``): each has a random
# key (item ids are hashes), and keeping three of them in step cost a third of inserting and committing a batch's
# flags. A run killed in between leaves them missing; opening the case creates them again before anything reads
# (``restore_flag_indexes``). Only the flag id's own index, which keeps flags unique, stays throughout.
FLAG_INDEXES = {
    "flags_item": "CREATE INDEX IF NOT EXISTS flags_item ON flags (item_id, segment_id, start)",
    "flags_status": "CREATE INDEX IF NOT EXISTS flags_status ON flags (status, entity)",
    "flags_pending": "CREATE INDEX IF NOT EXISTS flags_pending ON flags (item_id) WHERE status = 'pending'",
}


# The items' and segments' secondary indexes, as SCHEMA and APPLY (v7) create them. Extraction drops them while it stores
# a large source's items and creates them again after (``Items.defer_item_indexes``), for the same reason: the
# segments' index is keyed by item id (a hash), and keeping the three in step cost 40% of storing a 100,000-message
# mailbox, more the larger it is. The items' and segments' own primary keys (which keep them unique) stay throughout.
ITEM_INDEXES = {
    "items_source": "CREATE INDEX IF NOT EXISTS items_source ON items (source_id, ordinal)",
    "items_thread": f"CREATE INDEX IF NOT EXISTS items_thread ON items (source_id, {THREAD_SQL}, ordinal)",
    "segments_item": "CREATE INDEX IF NOT EXISTS segments_item ON segments (item_id, idx)",
}
DEFERRABLE = {**FLAG_INDEXES, **ITEM_INDEXES}


def missing_indexes(conn: sqlite3.Connection, wanted: Mapping[str, str] = DEFERRABLE) -> list[str]:
    """The names of ``wanted`` (deferrable indexes) that the case lacks (a run that deferred them was killed)."""
    have = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    return [name for name in wanted if name not in have]


def restore_indexes(conn: sqlite3.Connection, wanted: Mapping[str, str] = DEFERRABLE) -> list[str]:
    """Create the missing indexes of ``wanted`` (inside the caller's transaction); their names."""
    missing = missing_indexes(conn, wanted)
    for name in missing:
        conn.execute(wanted[name])
    return missing


SCHEMA = (
    """
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
    scope TEXT NOT NULL DEFAULT 'in', device TEXT
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
    + SCOPE_CHANGES
    + VALUES
    + VALUE_COUNTERS
    + CACHES
    + APPLY
    + SEGMENT_INDEX
    + PICTURE_OCR
    + COUNT_LATER
)


def _v2_scope_changes(conn: sqlite3.Connection) -> None:
    """v2: reviewers' scope changes are kept (who, when, before, after, why)."""
    conn.execute(SCOPE_CHANGES)


def _v3_values(conn: sqlite3.Connection) -> None:
    """v3: value clusters (one decision per person or identifier), flags' membership and exceptions."""
    _run_each(conn, VALUES)


def _v5_caches(conn: sqlite3.Connection) -> None:
    """v5: detection results per distinct text (content hashes) and detection progress per source."""
    _run_each(conn, CACHES)


def _v6_device_facts(conn: sqlite3.Connection) -> None:
    """v6: device items' typed facts (parties, thread, direction, time, attachments) move from ``meta`` to ``device``.

    Split as a new item's are (:func:`redactor.facts.split_meta`): ``meta`` keeps the format's extras,
    ``device`` holds the facts in their stored shape (NULL for documents).
    """
    if "device" not in {row[1] for row in conn.execute("PRAGMA table_info(items)")}:
        conn.execute("ALTER TABLE items ADD COLUMN device TEXT")
    moved = []
    for item_id, raw in conn.execute("SELECT item_id, meta FROM items").fetchall():
        try:
            meta = json.loads(raw)
        except ValueError:
            continue
        facts, rest = split_meta(meta) if isinstance(meta, dict) else (NO_FACTS, meta)
        if facts:
            moved.append((json.dumps(rest, default=str), json.dumps(facts.to_json(), default=str), item_id))
    conn.executemany("UPDATE items SET meta = ?, device = ? WHERE item_id = ?", moved)


def _v7_apply(conn: sqlite3.Connection) -> None:
    """v7: value decisions applied in chunks (applied version, decision rows linked to their value decision); thread index."""
    _run_each(conn, APPLY)


def _v8_segment_index(conn: sqlite3.Connection) -> None:
    """v8: the segment index for finding a decided value's unflagged occurrences (filled when first needed)."""
    _run_each(conn, SEGMENT_INDEX)


def _v9_picture_ocr(conn: sqlite3.Connection) -> None:
    """v9: the leak scan's OCR of bundle pictures, kept by content hash (read once per case, not once per scan)."""
    _run_each(conn, PICTURE_OCR)


def _v10_count_later(conn: sqlite3.Connection) -> None:
    """v10: the value counters' triggers stand aside while a values sync recounts what it touched (``values.recount``)."""
    count_later(conn)


def count_later(conn: sqlite3.Connection) -> None:
    """The counting triggers of v10, as a new case has them (a values sync puts them back so: ``STANDING_ASIDE``)."""
    for statement in _statements(COUNT_LATER):
        conn.execute(statement)


def _run_each(conn: sqlite3.Connection, script: str) -> None:
    for statement in script.split(";"):  # one by one: executescript would commit the opening transaction
        if statement.strip():
            conn.execute(statement)


def _v4_value_counters(conn: sqlite3.Connection) -> None:
    """v4: each value keeps its counts (occurrences, items, pending, redacted, kept, excepted), kept true by triggers."""
    for statement in _statements(VALUE_COUNTERS):
        conn.execute(statement)


def _statements(script: str) -> list[str]:
    """A script's statements; a trigger's body (BEGIN ... END;) stays one statement."""
    out, current = [], ""
    for line in script.splitlines(keepends=True):
        current += line
        if sqlite3.complete_statement(current):
            out.append(current.strip())
            current = ""
    return [s for s in out if s.strip(" ;\n")]


# version -> the step that turns a case of version - 1 into that version
MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {
    2: _v2_scope_changes,
    3: _v3_values,
    4: _v4_value_counters,
    5: _v5_caches,
    6: _v6_device_facts,
    7: _v7_apply,
    8: _v8_segment_index,
    9: _v9_picture_ocr,
    10: _v10_count_later,
}
SCHEMA_VERSION = max(MIGRATIONS)


def create(conn: sqlite3.Connection) -> None:
    """The current schema, statement by statement inside the caller's transaction.

    Not ``executescript``, which commits each statement: a run killed half way through would
    leave a case that can be neither opened nor created again (the schema's ``ALTER TABLE``
    steps fail the second time).
    """
    for statement in _statements(SCHEMA):
        conn.execute(statement)


def migrate(conn: sqlite3.Connection, version: int) -> list[int]:
    """Run every migration above ``version``, in order, on ``conn`` (inside the caller's transaction)."""
    done = []
    for target in range(version + 1, SCHEMA_VERSION + 1):
        MIGRATIONS[target](conn)
        done.append(target)
    return done
