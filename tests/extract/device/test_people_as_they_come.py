"""Every device reader sends the people it meets as they come (issue 10): ``common.PeopleBook`` hands on each
addition that adds something as a mention, which the case merges, instead of holding every person of the source
to the end. The case must get exactly what the whole book gave it: the same people rows in the same order, and
the same count of the source's people (it is in the audit log), whether the book remembers 4,096 people or two.

The old whole book is written out here (``_OldBook``), so the comparison does not rest on the code it checks."""

from __future__ import annotations

import random
import sys
import tracemalloc
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest

import redactor.extract.msg  # noqa: F401  registers the Outlook reader
from redactor import extraction, facts
from redactor.case import CaseStore
from redactor.extract.device import common, sms_backup
from redactor.records import DerivedFile, Item, Mention, Person
from redactor.stages import StageContext
from tests.extract.device import helpers
from tests.extract.device.generated import write_samples
from tests.extract.outlook import Mail, write_msg

FIRST = ["Ama", "Bryn", "Cai", "Dee", "Eli", "Fen", "Gus"]


class _OldBook:
    """The PeopleBook every reader used before: every person held, merged, and yielded once at the end."""

    made: list[_OldBook] = []

    def __init__(self, origin_ref: str, *, whole: bool = False) -> None:
        self.ref, self.people = origin_ref, {}
        _OldBook.made.append(self)

    def add(self, p: Any, what: str, **extra: Any) -> None:
        person = common.person_from(p, f"{self.ref} {what}", **extra)
        if person is not None:
            old = self.people.get(person.person_id)
            self.people[person.person_id] = person if old is None else old.merged(person)

    def __iter__(self) -> Iterator[Person]:
        return iter(())  # the books are read whole after the reader's last record (see _records)


def _name(k: int, i: int) -> str:
    name = f"{FIRST[k % len(FIRST)]} Person{k}"
    return name.lower() if i % 7 == 3 else name  # the same person (id of the lower-case name), another alias


def _sms(path: Path, n: int, people: int) -> Path:
    """SMS and calls with ``people`` numbers; a number is shown with a name in most messages."""
    rng = random.Random(5)
    lines = ["<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>", f'<smses count="{n}">']
    for i in range(n):
        k = rng.randrange(people)
        name = _name(k, i) if i % 5 else "(Unknown)"
        lines.append(
            f'<sms protocol="0" address="07700 9{k:05d}" date="{1709294400000 + i}" type="{1 + i % 2}" body="hi {i}" '
            f'contact_name="{name}" read="1" />'
        )
        if i % 11 == 0:
            lines.append(
                f'<call number="+447700 9{(k * 7) % people:05d}" duration="3" date="1709294400000" type="1" contact_name="{_name(k, i + 1)}" />'
            )
    path.write_text("\n".join([*lines, "</smses>", ""]), encoding="utf-8")
    return path


def _contacts_tsv(folder: Path, n: int) -> Path:
    path = folder / "_TSV Exports" / "Contacts.tsv"
    path.parent.mkdir(parents=True)
    rows = [f"{_name(i % (n // 2), i)}\t07700 9{i:05d}\tc{i}@example.org\tnick{i % 3}" for i in range(n)]
    path.write_text("\ufeffDisplay Name\tPhone\tEmail\tNickname\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def _axiom(path: Path, n: int) -> Path:
    rows = [f"Contacts,{_name(i % 40, i)},07700 9{i:05d},c{i}@example.org,2024-03-01 10:00:00" for i in range(n)]
    path.write_text("Artifact type,Name,Phone,Email,Date/Time - UTC+00:00 (yyyy-MM-dd)\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def _mbox(path: Path, n: int) -> Path:
    with open(path, "w", encoding="utf-8") as out:
        for i in range(n):
            k = i % 50
            out.write(
                f"From x@example.org Mon Mar  4 10:00:00 2024\nFrom: {_name(k, i)} <p{k}.{i % 2}@example.net>\n"
                f"To: Alex Witness <alex@example.org>\nSubject: note {i}\nDate: Mon, 4 Mar 2024 10:00:00 +0000\n\nhello {i}\n\n"
            )
    return path


def _inputs(root: Path) -> list[Path]:
    samples = write_samples(root / "samples")
    files = sorted(p for p in samples.rglob("*") if p.is_file() and p.stat().st_size and helpers.pick(p) is not None)
    own = root / "own"
    own.mkdir()
    files += [_sms(own / "sms-many.xml", 600, 150), _contacts_tsv(own / "aleapp", 160), _axiom(own / "contacts.csv", 120)]
    files += [_mbox(own / "many.mbox", 200)]
    mail = Mail(
        "Plans", "See you there", ("Jo Example", "jo@example.org"), (("Alex Witness", "alex@example.org"), ("jo example", "jo@example.org"))
    )
    files.append(write_msg(own / "plans.msg", mail))
    return files


def _records(path: Path, work: Path) -> list[Any]:
    source = helpers.source_for(path)
    name = helpers.pick(path)
    ex = next(e for e in helpers.extractors() if e.name == name)
    return list(ex.extract(source, path, StageContext(models_dir=Path("."), work_dir=work)))


def _stored(tmp: Path, records: list[Any]) -> tuple[list[tuple], int]:
    """The people rows and the people count the case stores from a reader's records."""
    store = CaseStore.create(tmp)
    source, _ = store.add_source("ab" * 32, "x", "x", 1, "text/plain")
    _, _, people, _ = extraction.extract_source(store, lambda s, p: iter(records), source, tmp / "x")
    store.add_people(people)
    return [tuple(r) for r in store.conn.execute("SELECT rowid, * FROM people ORDER BY rowid")], len(people)


def _not_people(records: list[Any]) -> list[Any]:
    return [r for r in records if isinstance(r, Item | DerivedFile)]


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> list[Path]:
    return _inputs(tmp_path_factory.mktemp("people-inputs"))


def test_every_reader_stores_the_people_the_whole_book_stored(tmp_path, monkeypatch, inputs):
    readers = set()
    for n, path in enumerate(inputs):
        _OldBook.made = []
        with monkeypatch.context() as m:
            m.setattr(common, "PeopleBook", _OldBook)
            old = _records(path, tmp_path / f"w{n}")
        old += [p for book in _OldBook.made for p in book.people.values()]  # each book whole, at the end: as before
        expected = _stored(tmp_path / f"case-old{n}", old)
        for recent in (common.RECENT, 2):  # remembered, and forgotten again and again
            monkeypatch.setattr(common, "RECENT", recent)
            new = _records(path, tmp_path / f"w{n}")
            assert _not_people(new) == _not_people(old), path
            assert _stored(tmp_path / f"case{n}-{recent}", new) == expected, (path.name, recent)
            if helpers.pick(path) not in ("whatsapp", "whatsapp-zip"):  # a zip's chats replace each other's people
                assert not any(type(r) is Person for r in new), path
        if expected[1]:
            readers.add(helpers.pick(path))
    assert readers >= {"sms-backup-restore", "ufdr", "telegram", "meta-messages", "leapp-tsv", "axiom-csv", "email", "msg"}, readers


@pytest.mark.parametrize("child", [False, True] if sys.platform == "linux" else [False])
def test_a_reader_sends_people_as_it_meets_them(tmp_path, monkeypatch, child):
    """The people of an SMS backup with 150 numbers come among its messages (in batches of 40), not after the last,
    and the case stores what they merge to, through the parsing child too."""
    path = _sms(tmp_path / "sms.xml", 600, 150)
    records = _records(path, tmp_path / "w")
    first_person = next(i for i, r in enumerate(records) if isinstance(r, Mention))
    last_item = max(i for i, r in enumerate(records) if isinstance(r, Item))
    assert first_person < 5 and sum(isinstance(r, Mention) for r in records[last_item:]) == 0
    monkeypatch.setattr(extraction, "CHILD_BYTES", 0 if child else 1 << 40)
    monkeypatch.setattr(extraction, "SAVE_ITEMS", 40)
    store = CaseStore.create(tmp_path / "case")
    source, _ = store.add_source(helpers.source_for(path).source_id, str(path), path.name, path.stat().st_size, "application/xml")
    ex = next(e for e in helpers.extractors() if e.name == "sms-backup-restore")
    _, _, people, _ = extraction.extract_source(
        store, lambda s, p: ex.extract(s, p, StageContext(Path("."), tmp_path / "w2")), source, path
    )
    store.add_people(people)
    stored = [tuple(r)[1:] for r in store.conn.execute("SELECT rowid, * FROM people ORDER BY rowid")]
    assert [r[1:] for r in _stored(tmp_path / "once", records)[0]] == stored and len(people) == len(stored) > 100


def test_the_book_remembers_a_bounded_number_of_people(monkeypatch):
    monkeypatch.setattr(common, "RECENT", 100)
    book = common.PeopleBook("S0001")
    parties = [{"name": f"Person {i}", "phone": f"+4477009{i:05d}"} for i in range(1_000)]
    sent: list[str] = []
    for p in parties + parties[-50:] + parties[-50:]:
        book.add(p, "contacts")
        sent += [m.person.name for m in book]
        assert len(book.people) <= 100  # before: all 1,000 held to the end
    assert sent == [p["name"] for p in parties]  # the last 50 again add nothing: not sent again
    book.add({"name": "Person 999", "phone": "+447700900000"}, "calls")  # something new about someone remembered
    assert [m.person.phones for m in book] == [("+447700900000",)] and list(book) == []


def test_an_sms_backup_writes_its_conversations_aside_and_reads_them_back_in_order(tmp_path, monkeypatch):
    path = _sms(tmp_path / "sms.xml", 600, 150)
    held = _records(path, tmp_path / "w")
    monkeypatch.setattr(sms_backup, "HELD", 3)  # written aside again and again; a conversation met again stays as first met
    assert _records(path, tmp_path / "w") == held
    threads = [r for r in held if isinstance(r, Item) and r.kind == "thread"]
    assert 100 < len(threads) == len({t.device.thread.key for t in threads})


def test_an_sms_backup_with_many_correspondents_is_read_in_bounded_memory(tmp_path, monkeypatch):
    """Python's peak allocations reading 1,000 and 8,000 messages from as many numbers (a person and a conversation
    each): before, every person and every conversation was held to the end. (The bounded caches of numbers, e-mails
    and typed parties made small.)"""
    monkeypatch.setattr(facts, "_CACHE_MAX", 256)
    monkeypatch.setattr(sms_backup, "HELD", 100)
    monkeypatch.setattr(common, "RECENT", 100)
    for name in ("e164", "email"):
        monkeypatch.setattr(common, name, lru_cache(maxsize=256)(getattr(common, name).__wrapped__))

    def peak(n: int) -> int:
        path = _sms(tmp_path / f"sms{n}.xml", n, n)
        source, ex = helpers.source_for(path), next(e for e in helpers.extractors() if e.name == "sms-backup-restore")
        tracemalloc.start()
        people = sum(isinstance(r, Mention) for r in ex.extract(source, path, StageContext(Path("."), tmp_path / "w")))
        top = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        assert people > n // 2
        return top

    small, large = peak(1_000), peak(8_000)
    assert large < small * 1.5, (small, large)
