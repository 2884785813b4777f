"""Browsing histories (Chrome, Safari, Firefox): every visit read with its address, title, search term and time; a
damaged page refuses its rows alone. Before this reader each database was quarantined whole as an unsupported SQLite
file (and, from d9a95f4, as "a browsing history no reader takes")."""

from __future__ import annotations

import sqlite3

import pytest

from redactor.records import Item, Refused
from tests.extract.device.generated.browser_history import PAGES, history_db
from tests.extract.device.helpers import pick, records_of, seg
from tests.extract.device.sqlite_damage import read_around_damage

TABLES = {"chrome": ("visits", "urls"), "safari": ("history_visits", "history_items"), "firefox": ("moz_historyvisits", "moz_places")}


@pytest.mark.parametrize("browser", ["chrome", "safari", "firefox"])
def test_every_visit_is_read_with_its_address_title_and_time(tmp_path, browser):
    path = tmp_path / "History"
    history_db(path, browser)
    assert pick(path) == "browser-history-db"
    records = records_of(path, tmp_path / "work")
    assert not [r for r in records if isinstance(r, Refused)]
    visits = {r.locator: r for r in records if isinstance(r, Item)}
    table = TABLES[browser][0]
    assert sorted(visits) == [f"{table} id={n}" for n in (1, 2, 3, 4)]
    first = visits[f"{table} id=1"]
    assert first.kind == "web_visit" and seg(first, "url") == PAGES[0][1] and seg(first, "title") == PAGES[0][2]
    assert first.device.to_json()["time"]["utc"] == "2024-02-29T15:56:47Z"
    assert visits[f"{table} id=4"].device.to_json()["time"]["utc"] == "2024-02-29T15:59:47Z"
    assert seg(visits[f"{table} id=3"], "title") == "14 Mill Lane - Maps"
    assert first.meta["app"] == browser.title()
    assert seg(first, "search.term") == ("dana whitcombe leeds" if browser == "chrome" else None)


def test_a_damaged_page_of_visits_refuses_its_rows_and_the_rest_are_read(tmp_path):
    path = tmp_path / "History"
    history_db(path, "chrome", extra=3_000)
    refused, read, lost = read_around_damage(path, "visits", "browser-history-db", tmp_path / "work")
    assert len(refused) == 1 and refused[0].startswith("visits rows ")
    assert read.isdisjoint(lost) and len(read) == 3_004 - len(lost)


def test_a_title_that_is_not_utf8_refuses_that_page_and_its_visits_alone(tmp_path):
    path = tmp_path / "places.sqlite"
    history_db(path, "firefox")
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE moz_places SET title = CAST(X'48ff6921' AS TEXT) WHERE id = 3")
    conn.close()
    records = records_of(path, tmp_path / "work", "browser-history-db")
    assert [r.locator for r in records if isinstance(r, Refused)] == ["moz_places id=3"]
    assert sorted(r.locator for r in records if isinstance(r, Item)) == [f"moz_historyvisits id={n}" for n in (1, 2, 4)]
