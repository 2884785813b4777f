"""Only ``redactor/case/`` speaks SQL to a case; evidence readers in ``redactor/extract/`` read their own SQLite files."""

from __future__ import annotations

import re
from pathlib import Path

import redactor

PACKAGE = Path(redactor.__file__).parent
ALLOWED = ("case", "extract")  # the case database's owner; evidence readers (ChatStorage.sqlite, LEAPP databases)
SQL = re.compile(
    r"\bimport sqlite3\b|\bsqlite3\.|\.execute(many|script)?\(|\.conn\b|\bSELECT\s.+\bFROM\b|\bINSERT\s+INTO\b|\bUPDATE\s+\w+\s+SET\b|\bDELETE\s+FROM\b"
)


def test_no_sql_outside_the_case_package_and_evidence_readers():
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE)
        if rel.parts[0] in ALLOWED:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if SQL.search(line):
                offenders.append(f"{rel}:{number}: {line.strip()}")
    assert offenders == []


def test_the_check_finds_sql():
    assert SQL.search('rows = store.conn.execute("SELECT item_id FROM items")')
    assert SQL.search("import sqlite3") and SQL.search("cur.executemany(sql, rows)")
    assert not SQL.search("selected items from the index")
