"""A mailbox's correspondents reach the case as mentions, sent as they come (issue 10): the extractor holds
neither the mailbox nor every correspondent, and the case gets the people a whole list of them gave it."""

from __future__ import annotations

from pathlib import Path

from redactor.extract.device import common
from redactor.extract.device import email as mail
from redactor.records import CaseSnapshot, Mention, Person
from redactor.stages import StageContext
from tests.extract.device.helpers import source_for


def _mbox(path: Path, n: int, senders: int) -> Path:
    """``n`` messages from ``senders`` people (each with two addresses), to one or two repeated recipients."""
    with open(path, "w", encoding="utf-8") as out:
        for i in range(n):
            s = i % senders
            address = f"s{s}@example.net" if i % 3 else f"s{s}.other@example.net"
            to = "Alex Witness <alex@example.org>" + (", Sam Other <sam@example.com>" if i % 2 else "")
            out.write(
                f"From x@example.org Mon Mar  4 10:00:00 2024\nFrom: Sender{s} Person <{address}>\nTo: {to}\n"
                f"Subject: note {i}\nDate: Mon, 4 Mar 2024 10:00:00 +0000\nMessage-ID: <m{i}@example.com>\n\nhello {i}\n\n"
            )
    return path


def _records(path: Path, work: Path) -> list:
    return list(mail.extract_email(source_for(path), path, StageContext(work, work, CaseSnapshot(), None)))


def _as_the_case_merges(mentions: list[Mention]) -> list[Person]:
    book: dict[str, Person] = {}
    for m in mentions:
        old = book.get(m.person.person_id)
        book[m.person.person_id] = m.person if old is None else old.merged(m.person)
    return list(book.values())


def _as_one_list(path: Path, ref: str) -> list[Person]:
    """What the extractor yielded before: every correspondent merged in a PeopleBook, at the end."""
    book = common.PeopleBook(ref, whole=True)
    for _, msg in mail._messages(path):
        for p in [*mail._addresses(msg, "From"), *mail._addresses(msg, "To", "Cc", "Bcc")]:
            book.add(p, "e-mail correspondents")
    return list(book)


def test_correspondents_come_as_mentions_and_merge_to_the_same_people(tmp_path, monkeypatch):
    path = _mbox(tmp_path / "mail.mbox", 600, 40)
    expected = _as_one_list(path, source_for(path).ref)
    for recent in (common.RECENT, 7):  # remembered, and forgotten again and again
        monkeypatch.setattr(common, "RECENT", recent)
        records = _records(path, tmp_path / f"w{recent}")
        mentions = [r for r in records if isinstance(r, Mention)]
        assert not any(isinstance(r, Person) for r in records)
        assert _as_the_case_merges(mentions) == expected and len(expected) == 42
        if recent > 42:  # each person once, and again only when a message adds to them (a second address)
            assert len(mentions) == 42 + 40


def test_the_extractor_remembers_a_bounded_number_of_correspondents(monkeypatch):
    monkeypatch.setattr(common, "RECENT", 100)
    book = common.PeopleBook("S0001")
    parties = [{"name": f"Person {i}", "email": f"p{i}@example.com"} for i in range(1_000)]
    sent = []
    for p in parties + parties[-50:]:
        book.add(p, "e-mail correspondents")
        sent += [m.person.name for m in book]
    assert sent == [p["name"] for p in parties] and len(book.people) <= 100  # before: all 1,000 held to the end
