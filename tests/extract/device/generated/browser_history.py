"""Browsing-history databases written by the tests, in the shape of Chrome's ``History``, Safari's ``History.db`` and
Firefox's ``places.sqlite`` (the tables and columns the reader uses). Nothing here is copied from a real browser."""

from __future__ import annotations

import sqlite3
from pathlib import Path

# 2024-02-29T15:56:47Z in each browser's count
CHROME_WHEN = 13_353_695_807_000_000  # microseconds since 1601-01-01
SAFARI_WHEN = 730_915_007.0  # seconds since 2001-01-01
FIREFOX_WHEN = 1_709_222_207_000_000  # microseconds since 1970-01-01

PAGES = [
    (1, "https://www.google.com/search?q=dana+whitcombe+leeds", "dana whitcombe leeds - Google Search"),
    (2, "https://www.example.org/report-a-crime", "Report a crime"),
    (3, "https://maps.example.com/place/14+Mill+Lane", "14 Mill Lane - Maps"),
]
VISITS = [(1, 1, 0), (2, 2, 60), (3, 3, 120), (4, 1, 180)]  # id, page, seconds after WHEN


def history_db(path: Path, browser: str, *, extra: int = 0) -> None:
    """Three pages and four visits (the search visited twice), and ``extra`` more visits of the second page."""
    visits = VISITS + [(5 + i, 2, 240 + i) for i in range(extra)]
    conn = sqlite3.connect(path)
    with conn:
        if browser == "chrome":
            conn.executescript(
                "CREATE TABLE urls (id INTEGER PRIMARY KEY AUTOINCREMENT, url LONGVARCHAR, title LONGVARCHAR,"
                " visit_count INTEGER DEFAULT 0 NOT NULL, last_visit_time INTEGER NOT NULL DEFAULT 0);"
                "CREATE TABLE visits (id INTEGER PRIMARY KEY AUTOINCREMENT, url INTEGER NOT NULL, visit_time INTEGER NOT NULL,"
                " from_visit INTEGER, transition INTEGER DEFAULT 0 NOT NULL);"
                "CREATE TABLE keyword_search_terms (keyword_id INTEGER NOT NULL, url_id INTEGER NOT NULL, term LONGVARCHAR NOT NULL,"
                " normalized_term LONGVARCHAR NOT NULL);"
            )
            conn.executemany("INSERT INTO urls (id, url, title) VALUES (?, ?, ?)", PAGES)
            conn.executemany(
                "INSERT INTO visits (id, url, visit_time) VALUES (?, ?, ?)", [(v, p, CHROME_WHEN + s * 10**6) for v, p, s in visits]
            )
            conn.execute("INSERT INTO keyword_search_terms VALUES (2, 1, 'dana whitcombe leeds', 'dana whitcombe leeds')")
        elif browser == "safari":
            conn.executescript(
                "CREATE TABLE history_items (id INTEGER PRIMARY KEY AUTOINCREMENT, url TEXT NOT NULL UNIQUE, domain_expansion TEXT,"
                " visit_count INTEGER NOT NULL);"
                "CREATE TABLE history_visits (id INTEGER PRIMARY KEY AUTOINCREMENT, history_item INTEGER NOT NULL,"
                " visit_time REAL NOT NULL, title TEXT, load_successful BOOLEAN NOT NULL DEFAULT 1);"
            )
            conn.executemany("INSERT INTO history_items (id, url, visit_count) VALUES (?, ?, 1)", [(i, u) for i, u, _ in PAGES])
            titles = {i: t for i, _, t in PAGES}
            conn.executemany(
                "INSERT INTO history_visits (id, history_item, visit_time, title) VALUES (?, ?, ?, ?)",
                [(v, p, SAFARI_WHEN + s, titles[p]) for v, p, s in visits],
            )
        else:
            conn.executescript(
                "CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url LONGVARCHAR, title LONGVARCHAR, visit_count INTEGER DEFAULT 0);"
                "CREATE TABLE moz_historyvisits (id INTEGER PRIMARY KEY, from_visit INTEGER, place_id INTEGER, visit_date INTEGER,"
                " visit_type INTEGER);"
            )
            conn.executemany("INSERT INTO moz_places (id, url, title) VALUES (?, ?, ?)", PAGES)
            conn.executemany(
                "INSERT INTO moz_historyvisits (id, place_id, visit_date) VALUES (?, ?, ?)",
                [(v, p, FIREFOX_WHEN + s * 10**6) for v, p, s in visits],
            )
    conn.close()
