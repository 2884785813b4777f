"""Google Voice on iOS: texts, calls and voicemails in ``threadingStore.sqlite`` (the app's shared group, under
``Library/Application Support/<account id>/``), as found in file-system extractions.

Tables, as a public test phone's store holds them (iLEAPP's test data, iOS 17; iLEAPP's MIT-licensed Google Voice
artifact reads the same; no code copied): ``ThreadItem`` (``threadItemKey``; ``itemType``: ``SmsIn``, ``SmsOut``,
``IncomingCall``, ``OutgoingCall``, ``MissedCall``, ``Voicemail``; ``messageText``; ``senderPhoneNumber`` in E.164,
for an item sent from the phone the account's own Voice number; ``timestamp`` in seconds since 1970 UTC; ``duration``
in seconds; ``threadKey``; ``isDeleted``), ``ThreadParticipant`` (``phoneNumberE164`` by ``threadKey``: the other people
of each thread), ``Thread`` (``groupName``) and ``Transcript`` (a voicemail's ``text`` by ``threadItemKey``).

Each text is a ``message`` item, each call and voicemail a ``call`` item (a voicemail's transcript its text): sender and
recipients by number, the direction from the item's type, time, duration and thread as facts. The thread's other
people are known people by their numbers. A run of rows in a damaged page, or a row that is not UTF-8, is refused alone;
a voicemail whose transcript row cannot be read is read without it. Checked on the test phone's store: 118 texts (60
in, 58 out), 29 calls and 5 voicemails (4 transcribed).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from redactor.extract.device import common, sqlite_source
from redactor.extract.device.sqlite_source import Part
from redactor.records import Item, Mention, Person, Source, stable_id

FORMAT = "google-voice-ios-db"
TEXTS = {"SmsIn": "incoming", "SmsOut": "outgoing"}
CALLS = {"IncomingCall": "incoming", "OutgoingCall": "outgoing", "MissedCall": "missed", "Voicemail": "incoming"}
WANTED = ("threadItemKey", "itemType", "messageText", "senderPhoneNumber", "timestamp", "duration", "threadKey", "isDeleted")


@sqlite_source.message_store(
    FORMAT,
    "Google Voice database",
    {"ThreadItem": ("threadItemKey", "itemType", "messageText", "senderPhoneNumber", "timestamp", "threadKey"), "ThreadParticipant": ()},
)
def _read(
    source: Source, path: Path, conn: sqlite3.Connection, tables: set[str], book: common.PeopleBook
) -> Iterator[Item | Person | Mention | Part]:
    others: dict[str, list[str]] = {}
    for r in sqlite_source.parts(path, conn, "ThreadParticipant", ("phoneNumberE164", "threadKey"), one="participant"):
        if isinstance(r, tuple):
            yield r  # its thread's items are read without that number
        elif r["phoneNumberE164"]:
            others.setdefault(str(r["threadKey"]), []).append(str(r["phoneNumberE164"]))
            book.add(common.party(str(r["phoneNumberE164"]), None, False), "Google Voice threads", phones=[str(r["phoneNumberE164"])])
    yield from book
    names = dict(_rows(path, conn, "Thread", ("threadKey", "groupName"))) if "Thread" in tables else {}
    transcripts = dict(_rows(path, conn, "Transcript", ("threadItemKey", "text"))) if "Transcript" in tables else {}
    for r in sqlite_source.parts(path, conn, "ThreadItem", WANTED, one="item"):
        if isinstance(r, tuple):
            yield r
            continue
        kind = str(r["itemType"] or "")
        thread = str(r["threadKey"] or "unknown")
        yield _item(source, r, kind, others.get(thread, []), names.get(thread), transcripts.get(r["threadItemKey"]))


def _rows(path: Path, conn: sqlite3.Connection, table: str, wanted: tuple[str, str]) -> Iterator[tuple[Any, Any]]:
    """(key, value) of each readable row of a table read for what it adds to the items (a damaged row passed over:
    its items are read without it)."""
    for r in sqlite_source.parts(path, conn, table, wanted):
        if not isinstance(r, tuple) and r[wanted[1]]:
            yield str(r[wanted[0]]), r[wanted[1]]


def _item(source: Source, r: Any, kind: str, others: list[str], group: Any, transcript: Any) -> Item:
    way = TEXTS.get(kind) or CALLS.get(kind) or "unknown"
    number = str(r["senderPhoneNumber"]) if r["senderPhoneNumber"] else None
    people = [common.party(n, None, False) for n in others]
    if way == "outgoing":
        sender, recipients = common.party(number, None, True), people
    elif way == "unknown":
        sender, recipients = (common.party(number, None, None) if number else None), []
    else:
        sender = common.party(number, None, False) if number else (people[0] if people else None)
        recipients = [common.party(None, None, True)]
    thread = str(r["threadKey"] or "unknown")
    meta: dict[str, Any] = {
        "format": FORMAT,
        "app": "Google Voice",
        "thread": {"id": thread, "key": stable_id(source.source_id, "google voice thread", thread), "app": "Google Voice"},
        "sender": sender,
        "recipients": recipients,
        "time": common.when(common.from_epoch(r["timestamp"]), r["timestamp"], "seconds since 1970-01-01 UTC"),
        "direction": {"value": way, "how": f"the item's type ({kind or 'none'})"},
        "deleted": "Deleted" if r["isDeleted"] else "Intact",
    }
    if group:
        meta["thread"]["name"] = str(group)
    fields = common.party_fields("sender", sender) + [("recipients", common.recipients_text(recipients)), ("field.group", group)]
    if kind in CALLS:
        meta["call_type"] = "voicemail" if kind == "Voicemail" else "voice"
        try:
            meta["duration"] = f"{round(float(r['duration']))} s"
        except (TypeError, ValueError):
            pass  # none: the call is read without it
        fields.append(("text", transcript or r["messageText"] or None))
        title = "Google Voice voicemail" if kind == "Voicemail" else "Google Voice call"
        return common.make_item(source, f"ThreadItem rowid={r[0]}", "call", title, fields, meta)
    fields.append(("text", r["messageText"] or None))
    return common.make_item(source, f"ThreadItem rowid={r[0]}", "message", "Google Voice text", fields, meta)
