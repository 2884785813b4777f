"""The people a source names reach the case in batches (``redactor/extraction.py``, ``redactor/case/people.py``):
an address book's cards come as mentions merged in the case's book as the batches arrive, so neither the
process parsing a million-card book nor the one storing it holds the book; the case gets the rows one batch
(or a list of the people) would give it, in the same order."""

from __future__ import annotations

import sys
import tracemalloc
from functools import lru_cache
from pathlib import Path

import pytest

from redactor import extraction
from redactor.case import CaseStore
from redactor.case.codec import person_to_row
from redactor.extract.device import common, vcard
from redactor.records import Mention, Person

FIRST = ["Ama", "Bryn", "Cai", "Dee", "Eli", "Fen", "Gus"]


def _card(i: int) -> tuple[str, str, str]:
    """Card ``i``'s name, mobile and e-mail: every fifth card names the person of card ``i // 3`` again."""
    j = i // 3 if i % 5 == 4 else i
    name = f"{FIRST[j % len(FIRST)]} Testcard{j}"
    return name, f"07700 9{i % 100_000:05d}", f"c{i}@example.org"


def _write_book(path: Path, n: int, note: int = 0) -> Path:
    with open(path, "w", encoding="utf-8") as out:
        for i in range(n):
            name, tel, mail = _card(i)
            out.write(f"BEGIN:VCARD\nVERSION:3.0\nFN:{name}\nTEL;type=CELL:{tel}\nEMAIL:{mail}\nNOTE:{'x' * note}\nEND:VCARD\n")
    return path


def _extract(tmp_path: Path, book: Path, name: str = "case", ref_people: tuple[Person, ...] = ()) -> tuple[CaseStore, int]:
    store = CaseStore.create(tmp_path / name)
    store.bulk_writes()  # as the runner does
    store.add_people(ref_people)
    source, _ = store.add_source("ab" * 32, str(book), book.name, book.stat().st_size, "text/plain")
    extract = lambda s, p: vcard.extract_vcard(s, p, None)  # noqa: E731
    count, derived, people, _ = extraction.extract_source(store, extract, source, book)
    assert count and not derived
    store.add_people(people)
    return store, len(people)


def _rows(store: CaseStore) -> list[tuple]:
    return [tuple(r) for r in store.conn.execute("SELECT rowid, * FROM people ORDER BY rowid")]


@pytest.mark.parametrize("child", [False, True] if sys.platform == "linux" else [False])
def test_an_address_book_in_small_batches_stores_what_one_batch_stores(tmp_path, monkeypatch, child):
    book = _write_book(tmp_path / "contacts.vcf", 400)
    earlier = common.person_from({"name": _card(0)[0]}, "S0009 contacts", phones=["+447700000000"])  # another source's: replaced
    monkeypatch.setattr(extraction, "CHILD_BYTES", 0 if child else 1 << 40)
    runs = []
    for size in (3, 1_000_000):
        monkeypatch.setattr(extraction, "SAVE_ITEMS", size)
        store, counted = _extract(tmp_path, book, f"case{size}", (earlier,))
        runs.append((_rows(store), counted))
    assert runs[0] == runs[1]
    # what the cards say, worked out here: people in the order first named, their numbers and e-mails merged
    expected: dict[str, tuple[list[str], list[str]]] = {}
    for i in range(400):
        name, tel, mail = _card(i)
        phones, mails = expected.setdefault(name, ([], []))
        phones.append("+44" + tel.replace(" ", "")[1:])
        mails.append(mail)
    rows, counted = runs[0]
    assert counted == len(expected) < 360  # 400 cards, over 40 of them naming someone again
    assert [(r[2], tuple(eval(r[4])), tuple(eval(r[5]))) for r in rows] == [(n, tuple(p), tuple(m)) for n, (p, m) in expected.items()]
    assert rows[0][1] == earlier.person_id and rows[0][7] == "S0001 vCard contacts"  # replaced, in its place


def test_neither_process_holds_the_address_book(tmp_path, monkeypatch):
    """Python's peak allocations extracting and storing 1,000 and 8,000 cards in batches of 100 (parsing and
    storing in this process: the child's share and the runner's): before, every person was held to the end
    and stored from one list. (The parsers' caches of numbers and e-mails, bounded at 65,536 each, and the
    encoding check's reads, 1 MB, made small.)"""
    monkeypatch.setattr(vcard, "CHUNK", 1 << 16)
    monkeypatch.setattr(extraction, "CHILD_BYTES", 1 << 40)
    monkeypatch.setattr(extraction, "SAVE_ITEMS", 100)
    for name in ("e164", "email"):
        monkeypatch.setattr(common, name, lru_cache(maxsize=256)(getattr(common, name).__wrapped__))

    def peak(n: int) -> int:
        book = _write_book(tmp_path / f"{n}.vcf", n, note=200)
        tracemalloc.start()
        store, counted = _extract(tmp_path, book, f"case{n}")
        top = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        assert n * 0.8 < counted < n and store.conn.execute("SELECT COUNT(*) FROM people").fetchone()[0] == counted
        return top

    small, large = peak(1_000), peak(8_000)
    assert large < small * 1.5, (small, large)  # 7,000 more people held would be several times as much


def test_people_replace_and_mentions_merge_across_batches(tmp_path):
    a1 = Person("p-a", "Ama Test", ("Ama",), ("+447700900001",), (), "unknown", "S0001 chat")
    b = Person("p-b", "Bryn Test", (), ("+447700900002",))
    a2 = Person("p-a", "Ama Test", ("Ams",), ("+447700900003",), ("ama@example.org",), "unknown", "S0001 chat", True)
    listed = CaseStore.create(tmp_path / "listed")
    listed.add_people([a1, b, a2])  # as a source's list of people was stored: the last of one id stands, in the first's place

    def book(rows: list[list[tuple]]) -> tuple[list[tuple], int, list[Person]]:
        store = CaseStore.create(tmp_path / f"book{len(list(tmp_path.iterdir()))}")
        store.open_book()
        counted = sum(store.add_to_book(batch) for batch in rows)
        booked = store.booked(counted)
        people = list(booked)
        store.add_people(booked)
        assert list(store.booked(0)) == []  # the book is emptied once stored
        return _rows(store), counted, people

    plain = [(0, *person_to_row(p)) for p in (a1, b, a2)]
    rows, counted, people = book([plain[:1], plain[1:]])
    assert rows == _rows(listed) and counted == 3 and people == [a2, b]
    mentions = [(1, *person_to_row(p)) for p in (a1, b, a2)]
    rows, counted, people = book([mentions[:1], mentions[1:2], mentions[2:]])
    merged = Person(
        "p-a", "Ama Test", ("Ama", "Ams"), ("+447700900001", "+447700900003"), ("ama@example.org",), "unknown", "S0001 chat", True
    )
    assert counted == 2 and people == [merged, b] and [r[1] for r in rows] == ["p-a", "p-b"]


def test_a_source_that_fails_leaves_no_people(tmp_path):
    store = CaseStore.create(tmp_path / "case")
    bad, _ = store.add_source("cd" * 32, str(tmp_path / "bad.vcf"), "bad.vcf", 10, "text/plain")

    def failing(source, path):
        yield Mention(Person("p-x", "Cai Broken"))
        raise ValueError("damaged")

    with pytest.raises(ValueError):
        extraction.extract_source(store, failing, bad, tmp_path / "bad.vcf")
    book = _write_book(tmp_path / "contacts.vcf", 10)
    good, _ = store.add_source("ef" * 32, str(book), book.name, book.stat().st_size, "text/plain")
    count, _, people, _ = extraction.extract_source(store, lambda s, p: vcard.extract_vcard(s, p, None), good, book)
    store.add_people(people)
    assert {p.name for p in store.people()} == {_card(i)[0] for i in range(10)} and len(people) == 8  # not Cai Broken
