"""Rows of forensic tool exports (ALEAPP/iLEAPP TSVs and databases, Magnet AXIOM CSVs) as items.

The artifact name (a TSV's file name, a table name, an AXIOM export's name) decides the item
kind; column names decide the roles: time, text, sender, recipients, direction, thread. Every
other non-empty cell is kept as its own ``field.<column>`` segment (identifiers and numbers
included), so no column is ever dropped and every value goes through detection.

A CSV or TSV row that cannot be read is refused alone (:func:`read_rows`): one the csv module cannot parse (a field
over the size limit, a stray quote), or one holding bytes that are not UTF-8 (the file is read with
``surrogateescape``, so a damaged byte marks its row instead of stopping the file). The reader yields a
:class:`~redactor.records.Refused` naming the file, the row and its line and the problem (never a cell), which the
runner quarantines, and reads on. A damaged header row, or a file none of whose rows can be read, is refused whole.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterator, Mapping
from datetime import datetime
from typing import Any

from redactor.errors import CorruptInput
from redactor.extract.device import common
from redactor.records import Item, Refused, Source, stable_id

KIND_WORDS = (
    (r"sms|mms|message|chat|imessage|whatsapp|telegram|signal|messenger|snapchat|discord|wire", "message"),
    (r"call", "call"),
    (r"contact|address ?book", "contact"),
    (r"e-?mail|gmail|mail", "email"),
    (r"note", "note"),
    (r"calendar", "calendar"),
    (r"history|visit|bookmark|search|browser|chrome|safari|firefox", "web_visit"),
)
TIME_COLS = re.compile(r"(date|time|timestamp)", re.IGNORECASE)
TEXT_COLS = ("message", "body", "text", "content", "message body", "note", "snippet")
SENDER_COLS = ("from", "sender", "sender name", "author", "from name", "from address")
SENDER_ID_COLS = ("sender id", "from number", "sender number", "from id")
RECIP_COLS = ("to", "recipient", "recipients", "recipient name", "to address", "partner", "partners")
PARTY_COLS = ("address", "number", "phone number", "phone", "contact", "contact name", "name", "partner name", "other party", "participant")
DIRECTION_COLS = ("type", "direction", "message direction", "call type", "status", "folder")
THREAD_COLS = ("thread id", "thread", "chat id", "conversation id", "chat", "conversation", "thread name", "chat name", "partner")
SUBJECT_COLS = ("subject", "title")
ID_COL = re.compile(r"(^|\s)(id|_id|msg id|row id|rowid)$", re.IGNORECASE)


_UNDECODED = re.compile("[\udc80-\udcff]")  # a byte that is not UTF-8, as surrogateescape decodes it


class TableRows:
    """The data rows of ``reader`` (its file opened with ``errors="surrogateescape"``): iterated, (number, row) for
    each, or (number, Refused) for a row that cannot be read, located as the reader locates its items
    (``locate(number, line)``); ``what`` names the format in reasons ("CSV", "TSV"). :meth:`check` refuses the file
    whole, by its first refused row's error, when no row could be read."""

    def __init__(self, reader: csv.DictReader, path: object, what: str, locate: Callable[[int, int], str]) -> None:
        self.reader, self.path, self.what, self.locate = reader, path, what, locate
        self.read = 0
        self.first: CorruptInput | None = None

    def __iter__(self) -> Iterator[tuple[int, dict[str | None, Any] | Refused]]:
        reader, path, what = self.reader, self.path, self.what
        if _UNDECODED.search("".join(name or "" for name in reader.fieldnames or ())):
            raise CorruptInput(f"{path}: the {what}'s header row is not valid UTF-8")
        rows = iter(reader)
        number = 0
        while True:
            number += 1
            try:
                row = next(rows)
            except StopIteration:
                return
            except csv.Error as exc:  # the csv module reads on from the next line
                line = reader.reader.line_num
                yield number, self._refused(number, line, f"{what} row {number} (ending at line {line}) is malformed ({exc})")
                continue
            if _UNDECODED.search("".join(v if isinstance(v, str) else "".join(v) for v in row.values() if v)):
                line = reader.line_num
                yield number, self._refused(number, line, f"{what} row {number} (line {line}) is not valid UTF-8")
                continue
            self.read += 1
            yield number, row

    def _refused(self, number: int, line: int, problem: str) -> Refused:
        error = CorruptInput(f"{self.path}: {problem}; refused")
        self.first = self.first or error
        return Refused(self.locate(number, line), error.code, str(error))

    def check(self) -> None:
        if self.first is not None and not self.read:
            raise self.first


def kind_for(artifact: str) -> str:
    low = artifact.lower()
    for pattern, kind in KIND_WORDS:
        if re.search(pattern, low):
            return kind
    return "record"


def _find(row: Mapping[str, str], names: tuple[str, ...]) -> tuple[str, str] | None:
    for col, value in row.items():
        if col.strip().lower() in names and value and value.strip():
            return col, value.strip()
    return None


def direction_of(value: str) -> str | None:
    low = value.lower()
    if any(w in low for w in ("incoming", "received", "inbox")) or low in ("1", "in"):
        return "incoming"
    if any(w in low for w in ("outgoing", "sent", "outbox")) or low in ("2", "out"):
        return "outgoing"
    if "missed" in low:
        return "missed"
    return None


def row_item(
    source: Source,
    locator: str,
    artifact: str,
    row: Mapping[str, str],
    fmt: str,
    parse_time: Callable[[str, str], tuple[datetime | None, str]],
    book: common.PeopleBook | None = None,
) -> Item:
    """One export row as an item. ``parse_time(column, value)`` returns the datetime and tz source;
    contacts and named correspondents are added to ``book`` (known people)."""
    kind = kind_for(artifact)
    used: set[str] = set()
    meta: dict[str, Any] = {"format": fmt, "artifact": artifact, "app": artifact}
    time_col = next((c for c, v in row.items() if TIME_COLS.search(c) and v and v.strip()), None)
    if time_col:
        dt, how = parse_time(time_col, row[time_col])
        meta["time"] = {**common.when(dt, row[time_col], how), "column": time_col}
        used.add(time_col)
        meta["other_times"] = {c: v for c, v in row.items() if c != time_col and TIME_COLS.search(c) and v}
        used |= set(meta["other_times"])
    fields: list[tuple[str, str | None]] = []
    found_dir = _find(row, DIRECTION_COLS)
    direction = direction_of(found_dir[1]) if found_dir else None
    if found_dir and direction:
        meta["direction"] = {"value": direction, "how": f"column '{found_dir[0]}'"}
        used.add(found_dir[0])
    sender = _find(row, SENDER_COLS)
    sender_id = _find(row, SENDER_ID_COLS)
    party = _find(row, PARTY_COLS)
    recipient = _find(row, RECIP_COLS)
    if kind in ("message", "call", "email"):
        if sender or sender_id:
            p = common.party(
                sender_id[1] if sender_id else (sender[1] if sender and (common.e164(sender[1]) or common.email(sender[1])) else None),
                sender[1] if sender and not (common.e164(sender[1]) or common.email(sender[1])) else None,
                None,
            )
            meta["sender"] = p
            fields += common.party_fields("sender", p)
            used |= {c for c in (sender and sender[0], sender_id and sender_id[0]) if c}
        if party:
            p = common.party(
                party[1] if common.e164(party[1]) or common.email(party[1]) else None,
                None if common.e164(party[1]) or common.email(party[1]) else party[1],
                False,
            )
            if direction == "incoming" and "sender" not in meta:
                meta["sender"] = p
                fields += common.party_fields("sender", p)
            else:
                meta.setdefault("recipients", []).append(p)
                fields.append((f"party.{party[0].strip().lower()}", party[1]))
            used.add(party[0])
        if recipient:
            fields.append(("recipients", recipient[1]))
            used.add(recipient[0])
        thread = _find(row, THREAD_COLS)
        key = (
            thread[1]
            if thread
            else common.party_key(meta.get("sender") or (meta.get("recipients") or [{}])[0])
            if kind == "message"
            else None
        )
        if key:
            meta["thread"] = {"id": key, "key": stable_id(source.source_id, artifact, key), "app": artifact}
            if thread:
                used.add(thread[0])
    subject = _find(row, SUBJECT_COLS)
    if subject:
        fields.append(("subject", subject[1]))
        used.add(subject[0])
    text = _find(row, TEXT_COLS)
    if text:
        fields.append(("text", text[1]))
        used.add(text[0])
    technical = {}
    for col, value in row.items():
        if col in used or not value or not value.strip():
            continue
        if ID_COL.search(col.strip()):
            technical[col] = value
        else:
            fields.append((f"field.{col.strip()}", value))
    if technical:
        meta["ids"] = technical
    item = common.make_item(source, locator, kind, artifact, fields, meta)
    if book is not None:
        learn_people(book, item, row)
    return item


NAME_COLS = ("name", "display name", "contact name", "full name", "contact", "partner name", "first name")
NICK_COLS = ("nickname", "nick name")


def learn_people(book: common.PeopleBook, item: Item, row: Mapping[str, str]) -> None:
    """Known people from a row: a contact's name with every number and e-mail in the row, or a named party."""
    if item.kind == "contact":
        name = _find(row, NAME_COLS)
        first, last = row.get("First Name") or row.get("first name"), row.get("Last Name") or row.get("last name")
        full = name[1] if name else " ".join(x for x in (first, last) if x)
        phones = [common.e164(v) for v in row.values() if v and common.e164(v)]
        emails = [common.email(v) for v in row.values() if v and common.email(v)]
        nick = _find(row, NICK_COLS)
        book.add(
            {"name": full}, f"{item.meta.get('artifact', 'contacts')}", aliases=[nick[1]] if nick else (), phones=phones, emails=emails
        )
        return
    for p in [item.device.sender, *item.device.recipients]:
        if p and p.name and (p.phone or p.email):
            book.add(p.to_json(), f"{item.meta.get('artifact', 'messages')} correspondents")
