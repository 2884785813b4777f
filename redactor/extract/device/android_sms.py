"""Android's SMS and MMS database (``mmssms.db`` of the telephony provider), as found in file-system extractions.

Tables: ``sms`` (``address``, ``body``, ``date`` in milliseconds since 1970 UTC, ``type``: 1 received, 2 sent, 3
draft, 4 outbox, 5 failed, 6 queued; ``thread_id``), ``pdu`` (one MMS: ``date`` in seconds, ``msg_box`` as
``type``, ``sub`` its subject), ``part`` (an MMS's parts: ``text`` of its text parts, the name of each file), ``addr``
(an MMS's sender and recipients: ``type`` 137 from, 151 to, 130 cc, 129 bcc), ``threads`` and ``canonical_addresses``
(who each conversation is with). Columns differ between Android versions and makers: a column this database lacks is
read as empty. The database is opened read-only and immutable, so the evidence file is never changed; a ``-wal`` file
beside it is applied to a copy in the case's work folder (:func:`~.common.sqlite_open`).

A row holding text that is not valid UTF-8 is refused alone (a :class:`~redactor.records.Refused` at ``sms _id=12``,
which the runner quarantines), and so is a run of rows in a damaged page (``sms rows 1493-1553``,
:func:`~.common.sqlite_walk`); an MMS a part of which cannot be read is refused whole, never shown without that part. A
database none of whose messages can be read is refused whole.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from redactor.errors import InputError
from redactor.extract.device import common, sqlite_source
from redactor.extract.device.sqlite_source import Part
from redactor.records import Item, Mention, Person, Source, stable_id

FORMAT = "android-mmssms-db"
BOXES = {1: "received", 2: "sent", 3: "draft", 4: "outbox", 5: "failed", 6: "queued"}
OUTGOING = {2, 4, 5, 6}  # sent, or on its way
ADDRESS_ROLES = {137: "from", 151: "to", 130: "cc", 129: "bcc"}
MMS_FILE = "the database names the file; the part files are separate in the extraction (app_parts)"


def _rows(path: Path, conn: sqlite3.Connection, table: str, wanted: tuple[str, ...]) -> Iterator[Part | sqlite3.Row]:
    return sqlite_source.parts(path, conn, table, wanted, key="_id", one=f"{table} row")


@sqlite_source.message_store("android-mmssms-db", "SMS database", {"sms": (), "threads": ()})
def _read(
    source: Source, path: Path, conn: sqlite3.Connection, tables: set[str], book: common.PeopleBook
) -> Iterator[Item | Person | Mention | Part]:
    addresses: dict[int, str] = {}
    if "canonical_addresses" in tables:
        for r in _rows(path, conn, "canonical_addresses", ("address",)):
            if isinstance(r, tuple):
                yield r
            else:
                addresses[r[0]] = r["address"]
    threads: dict[int, list[dict[str, Any]]] = {}
    for r in _rows(path, conn, "threads", ("recipient_ids",)):
        if isinstance(r, tuple):
            yield r
            continue
        ids = [int(x) for x in (r["recipient_ids"] or "").split() if x.isdigit()]
        threads[r[0]] = [common.party(addresses[i], None, False) for i in ids if addresses.get(i)]
        for p in threads[r[0]]:
            book.add(p, "SMS correspondents")
    yield from book
    seen: dict[int, int] = {}
    for r in _rows(path, conn, "sms", ("thread_id", "address", "body", "date", "type", "read", "subject")):
        if isinstance(r, tuple):
            yield r
            continue
        seen[r["thread_id"]] = seen.get(r["thread_id"], 0) + 1
        party = common.party(r["address"], None, False)
        book.add(party, "SMS correspondents")
        yield _sms(source, r, party, threads.get(r["thread_id"], []))
        yield from book
    if {"pdu", "part"} <= tables:
        yield from _mms(source, path, conn, tables, threads, seen, book)
    for thread_id, people in threads.items():
        yield common.make_item(
            source,
            f"threads _id={thread_id}",
            "thread",
            "SMS conversation",
            [("participants", common.recipients_text(people))],
            {
                "format": FORMAT,
                "kind": "thread",
                "thread": _thread(source, thread_id, people),
                "messages": seen.get(thread_id, 0),
                "group": len(people) > 1,
            },
        )


def _thread(source: Source, thread_id: Any, people: list[dict[str, Any]]) -> dict[str, Any]:
    first = people[0].get("raw") if people else None
    return {"id": first or str(thread_id), "key": stable_id(source.source_id, "threads", thread_id), "app": "SMS"}


def _sms(source: Source, r: sqlite3.Row, party: dict[str, Any], people: list[dict[str, Any]]) -> Item:
    box = r["type"]
    outgoing = box in OUTGOING
    sender = common.party(None, None, True) if outgoing else party
    recipients = [party] if outgoing else []
    meta = {
        "format": FORMAT,
        "app": "SMS",
        "thread": _thread(source, r["thread_id"], people),
        "sender": sender,
        "recipients": recipients,
        "time": common.when(common.from_epoch(r["date"], "ms"), r["date"], "milliseconds since 1970-01-01 UTC"),
        "direction": {"value": "outgoing" if outgoing else "incoming", "how": "type"},
        "message_type": "SMS",
        "box": BOXES.get(box, f"type {box}"),
        "read": bool(r["read"]),
    }
    fields = common.party_fields("sender", sender) + [
        ("recipients", common.recipients_text(recipients)),
        ("subject", r["subject"]),
        ("text", r["body"]),
    ]
    return common.make_item(source, f"sms _id={r[0]}", "message", "SMS message", fields, meta)


def _mms(
    source: Source,
    path: Path,
    conn: sqlite3.Connection,
    tables: set[str],
    threads: Mapping[int, list[dict[str, Any]]],
    seen: dict[int, int],
    book: common.PeopleBook,
) -> Iterator[Item | Mention | Person | Part]:
    """Each MMS with its text parts, file names and addresses. The parts and addresses of every MMS are held while the
    messages are read (an MMS is a few rows of each). An MMS a part row of which holds text that is not UTF-8 is refused
    whole, never shown without that part; part rows in a damaged page are refused as a run (whose MMS they were is in
    the damaged page)."""
    parts: dict[int, list[sqlite3.Row]] = {}
    broken: set[int] = set()  # MMS a part row of which holds text that is not UTF-8
    for got in sqlite_source.walk(path, conn, "part", ("mid", "ct", "text", "name", "cl", "_data")):
        if isinstance(got[1], InputError):  # which MMS the rows were of is not known: they are read without them
            yield got
        elif got[1]:
            broken.add(got[0]["mid"])
        else:
            parts.setdefault(got[0]["mid"], []).append(got[0])
    roles: dict[int, list[tuple[int, str]]] = {}
    if "addr" in tables:
        for r in _rows(path, conn, "addr", ("msg_id", "address", "type")):
            if isinstance(r, tuple):
                yield r
                continue
            roles.setdefault(r["msg_id"], []).append((r["type"], r["address"]))
    for r in _rows(path, conn, "pdu", ("thread_id", "date", "msg_box", "sub", "m_type")):
        if isinstance(r, tuple):
            yield r
            continue
        if r[0] in broken:
            locator = f"pdu _id={r[0]}"
            yield sqlite_source.refused(path, locator, f"MMS {locator}: a part of it holds text that is not valid UTF-8")
            continue
        seen[r["thread_id"]] = seen.get(r["thread_id"], 0) + 1
        item = _mms_item(source, r, parts.get(r[0], []), roles.get(r[0], []), threads.get(r["thread_id"], []))
        for p in (item.device.sender, *item.device.recipients):
            if p is not None and not p.owner:
                book.add(p.to_json(), "MMS correspondents")
        yield item
        yield from book


def _mms_item(source: Source, r: sqlite3.Row, parts: list[sqlite3.Row], roles: list[tuple[int, str]], people: list[dict[str, Any]]) -> Item:
    box = r["msg_box"]
    outgoing = box in OUTGOING
    named = [(ADDRESS_ROLES.get(kind), address) for kind, address in roles if address and address != "insert-address-token"]
    sender = (
        common.party(None, None, True) if outgoing else next((common.party(a, None, False) for role, a in named if role == "from"), None)
    )
    recipients = [common.party(a, None, False, role) for role, a in named if role in ("to", "cc", "bcc")]
    texts = [p["text"] for p in parts if (p["ct"] or "").startswith("text/plain") and p["text"]]
    files = [p for p in parts if not (p["ct"] or "").startswith(("text/plain", "application/smil"))]
    attachments = [
        {"name": p["name"] or p["cl"] or (Path(p["_data"]).name if p["_data"] else None), "type": p["ct"], "size": None} for p in files
    ]
    meta = {
        "format": FORMAT,
        "app": "MMS",
        "thread": _thread(source, r["thread_id"], people),
        "sender": sender,
        "recipients": recipients,
        "time": common.when(common.from_epoch(r["date"]), r["date"], "seconds since 1970-01-01 UTC"),
        "direction": {"value": "outgoing" if outgoing else "incoming", "how": "msg_box"},
        "message_type": "MMS",
        "box": BOXES.get(box, f"type {box}"),
        "attachments": [{**a, "present": False, "how": MMS_FILE} for a in attachments],
    }
    fields = common.party_fields("sender", sender) + [
        ("recipients", common.recipients_text(recipients)),
        ("subject", r["sub"]),
        ("text", "\n".join(texts) or None),
    ]
    fields += [("attachment.name", a["name"]) for a in attachments if a["name"]]
    return common.make_item(source, f"pdu _id={r[0]}", "message", "MMS message", fields, meta)
