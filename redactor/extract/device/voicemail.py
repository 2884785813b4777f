"""iOS visual voicemail (``Library/Voicemail/voicemail.db``), as found in file-system extractions.

Tables, as iLEAPP's MIT-licensed voicemail artifact reads them and a public test phone's store has them (no code
copied): ``voicemail`` (``ROWID``, ``date`` in seconds since 1970 UTC, ``sender``: the caller's number,
``callback_num``, ``duration`` in seconds, ``trashed_date``: when it was deleted, in seconds since 2001, ``receiver``,
``label``) and ``deleted`` (the same columns: voicemails removed from the list, still kept). Each voicemail is a
``call`` item from its caller (the owner the receiver), its time, duration and whether it was deleted as facts. The
recordings themselves are the ``.amr`` files beside the database, listed among a file system's files not read (audio
is not transcribed here).

The database is opened read-only and immutable (a ``-wal`` applied to a copy); a run of rows in a damaged page, or a
row that is not UTF-8, is refused alone.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from redactor.extract.device import common, sqlite_source
from redactor.extract.device.sqlite_source import Part
from redactor.records import Item, Mention, Person, Source

FORMAT = "ios-voicemail-db"
WANTED = ("date", "sender", "callback_num", "duration", "trashed_date", "receiver", "label")


@sqlite_source.message_store(FORMAT, "voicemail database", {"voicemail": ("date", "sender", "duration", "trashed_date")})
def _read(
    source: Source, path: Path, conn: sqlite3.Connection, tables: set[str], book: common.PeopleBook
) -> Iterator[Item | Person | Mention | Part]:
    for table in ("voicemail", "deleted"):
        if table not in tables:
            continue
        for r in sqlite_source.parts(path, conn, table, WANTED, key="ROWID", one="voicemail"):
            if isinstance(r, tuple):
                yield r
                continue
            yield _voicemail(source, table, r)


def _voicemail(source: Source, table: str, r: Any) -> Item:
    caller = common.party(str(r["sender"]), None, False) if r["sender"] else None
    meta: dict[str, Any] = {
        "format": FORMAT,
        "app": "Voicemail",
        "sender": caller,
        "recipients": [common.party(str(r["receiver"]) if r["receiver"] else None, None, True)],
        "time": common.when(common.from_epoch(r["date"]) if r["date"] else None, r["date"], "seconds since 1970-01-01 UTC"),
        "direction": {"value": "incoming", "how": "a voicemail is left for the phone's owner"},
        "voicemail": True,
    }
    if r["duration"] is not None:
        meta["duration"] = f"{r['duration']} s"
    if table == "deleted" or r["trashed_date"]:
        meta["deleted"] = "Deleted"
    fields = [("party.id", r["sender"]), ("field.callback number", r["callback_num"]), ("field.label", r["label"])]
    return common.make_item(source, f"{table} ROWID={r[0]}", "call", "voicemail", fields, meta)
