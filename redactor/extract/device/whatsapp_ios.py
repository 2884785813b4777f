"""iOS WhatsApp database (``ChatStorage.sqlite``), as found in file-system extractions and iLEAPP input.

Tables: ``ZWACHATSESSION`` (one per chat: partner JID and name), ``ZWAMESSAGE`` (``ZISFROMME``,
``ZMESSAGEDATE`` in seconds since 2001-01-01 UTC, ``ZTEXT``, ``ZMESSAGETYPE``), ``ZWAGROUPMEMBER``
(group senders) and ``ZWAMEDIAITEM`` (media paths, titles, vCards, locations). The database is
opened read-only and immutable, so the evidence file is never changed; a ``-wal`` file beside it
is applied to a copy in the case's work folder (:func:`~.common.sqlite_open`).

A message, chat or group member row holding text that is not valid UTF-8 (a damaged page, or a value the app never
wrote) is refused alone: the reader yields a :class:`~redactor.records.Refused` at its locator (``ZWAMESSAGE Z_PK=12``),
which the runner quarantines, and reads on (a refused chat's messages without its name, a refused member's by their
JID). SQLite's own error for such a value quotes the text, so it is never passed on. A damaged page (a carved or partly
copied database) refuses the run of rows it held (``ZWAMESSAGE rows 1493-1553``) and the rest is read around it
(:func:`~.common.sqlite_walk`). A database none of whose rows can be read is refused whole.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from redactor.errors import CorruptInput
from redactor.extract import extractor
from redactor.extract.device import common, sqlite_source
from redactor.extract.device.sqlite_source import Part
from redactor.records import Item, Mention, Person, Refused, Source, stable_id
from redactor.stages import StageContext

APPLE_EPOCH = datetime(2001, 1, 1, tzinfo=UTC)
APPLE_SECONDS = "seconds since 2001-01-01 UTC (Apple epoch)"
TYPES = {
    0: "text",
    1: "image",
    2: "video",
    3: "audio",
    4: "contact",
    5: "location",
    6: "group event",
    7: "link",
    8: "document",
    10: "system",
    11: "gif",
    14: "deleted",
    15: "sticker",
}
SYSTEM_TYPES = {6, 10}
NEEDED = {"ZWAMESSAGE", "ZWACHATSESSION"}


def _accepts(source: Source, path: Path, head: bytes) -> bool:
    return source.media_type == "application/vnd.sqlite3" and NEEDED <= set(sqlite_source.tables(path))


def apple_time(value: Any) -> datetime | None:
    try:
        return APPLE_EPOCH + timedelta(seconds=float(value))
    except (TypeError, ValueError, OverflowError):
        return None


def apple_when(value: Any) -> dict[str, Any]:
    """Time meta (:func:`~.common.when`) of a count of seconds since 2001-01-01 UTC, as iOS stores keep it: no time for
    none or 0."""
    return common.when(apple_time(value) if value else None, value, APPLE_SECONDS)


@extractor("whatsapp-ios-db", accepts=_accepts, priority=30)
def extract_chatstorage(source: Source, path: Path, ctx: StageContext) -> Iterator[Item | Person | Mention | Refused]:
    book = common.PeopleBook(source.ref)
    yield from sqlite_source.read(
        path,
        "WhatsApp database",
        lambda conn, tables: _read(source, path, conn, tables, book),
        lambda record: isinstance(record, Item),
        work=ctx.work_dir,
    )
    yield from book


MESSAGE_COLUMNS = (
    "Z_PK, ZISFROMME, ZMESSAGEDATE, ZFROMJID, ZTOJID, ZTEXT, ZCHATSESSION, ZGROUPMEMBER, ZMESSAGETYPE, ZMESSAGESTATUS, ZSTARRED, ZMEDIAITEM"
)
MEDIA_COLUMNS = "Z_PK, ZMEDIALOCALPATH, ZTITLE, ZVCARDNAME, ZLATITUDE, ZLONGITUDE, ZFILESIZE"


_refused = sqlite_source.refused


def _rows(path: Path, conn: sqlite3.Connection, table: str, columns: str, what: str) -> Iterator[Part | tuple[sqlite3.Row, bool]]:
    """Each readable row of ``table`` (:func:`.sqlite_source.walk`) with whether a value of it is not UTF-8; a run of
    rows in a damaged page refused."""
    return sqlite_source.walk(path, conn, table, tuple(c.strip() for c in columns.split(",")), what)


def _whole_rows(path: Path, conn: sqlite3.Connection, table: str, columns: str, what: str, one: str) -> Iterator[Part | sqlite3.Row]:
    """:func:`_rows`, with a row holding text that is not UTF-8 refused too (``one``: what the reason calls a row); the
    rest is read: the chat's or the member's messages, without this row's names."""
    return sqlite_source.parts(path, conn, table, tuple(c.strip() for c in columns.split(",")), key="Z_PK", one=one, what=what)


def _read(
    source: Source, path: Path, conn: sqlite3.Connection, tables: set[str], book: common.PeopleBook
) -> Iterator[Item | Person | Mention | Part]:
    sessions: dict[int, dict[str, Any]] = {}
    for r in _whole_rows(path, conn, "ZWACHATSESSION", "Z_PK, ZCONTACTJID, ZPARTNERNAME, ZSESSIONTYPE", "chats", "chat row"):
        if isinstance(r, tuple):
            yield r
        else:
            sessions[r["Z_PK"]] = {k: r[k] for k in ("Z_PK", "ZCONTACTJID", "ZPARTNERNAME", "ZSESSIONTYPE")}
    members: dict[int, dict[str, Any]] = {}
    columns = "Z_PK, ZMEMBERJID, ZCONTACTNAME, ZFIRSTNAME, ZCHATSESSION"
    for r in _whole_rows(path, conn, "ZWAGROUPMEMBER", columns, "group members", "group member row") if "ZWAGROUPMEMBER" in tables else ():
        if isinstance(r, tuple):
            yield r
        else:  # a refused member's messages are read, by the sender's JID
            members[r["Z_PK"]] = common.party(r["ZMEMBERJID"], r["ZCONTACTNAME"] or r["ZFIRSTNAME"], False)
            book.add(members[r["Z_PK"]], "WhatsApp group members", aliases=[r["ZFIRSTNAME"] or ""])
    yield from book
    media = "ZWAMEDIAITEM" in tables
    seen_sessions: dict[int, int] = {}
    last = None  # the order key of the last message row read before a damaged page was met
    try:
        for r, damaged in common.sqlite_rows(conn, _messages_sql(media)):
            last = _order(r)
            yield from _message_row(source, path, r, damaged, sessions, members, seen_sessions)
    except sqlite3.DatabaseError as exc:
        if not common.sqlite_damaged(exc):
            raise
        yield from _salvaged(source, path, conn, media, last, sessions, members, seen_sessions)
    for pk, session in sessions.items():
        partner = common.party(session["ZCONTACTJID"], session["ZPARTNERNAME"], False)
        group = session["ZSESSIONTYPE"] == 1
        if not group:
            book.add(partner, "WhatsApp chats")
        people = [m for m in members.values()] if group else [partner]
        yield common.make_item(
            source,
            f"ZWACHATSESSION Z_PK={pk}",
            "thread",
            "WhatsApp conversation",
            [("thread.name", session["ZPARTNERNAME"]), ("participants", common.recipients_text(people) if not group else None)],
            {
                "format": "whatsapp-ios-db",
                "kind": "thread",
                "thread": _thread(source, pk, session),
                "messages": seen_sessions.get(pk, 0),
                "group": group,
            },
        )
        yield from book


def _messages_sql(media: bool, damaged: str = "") -> str:
    media_sql = "LEFT JOIN ZWAMEDIAITEM AS md ON md.Z_PK = m.ZMEDIAITEM" if media else ""
    media_cols = ", md.ZMEDIALOCALPATH, md.ZTITLE, md.ZVCARDNAME, md.ZLATITUDE, md.ZLONGITUDE, md.ZFILESIZE" if media else ""
    return (
        f"SELECT m.Z_PK, m.ZISFROMME, m.ZMESSAGEDATE, m.ZFROMJID, m.ZTOJID, m.ZTEXT, m.ZCHATSESSION, m.ZGROUPMEMBER, "
        f"m.ZMESSAGETYPE, m.ZMESSAGESTATUS, m.ZSTARRED{media_cols}{damaged} FROM ZWAMESSAGE AS m {media_sql} "
        "ORDER BY m.ZCHATSESSION, m.ZMESSAGEDATE, m.Z_PK"
    )


def _message_row(
    source: Source,
    path: Path,
    r: sqlite3.Row,
    damaged: bool,
    sessions: dict[int, dict[str, Any]],
    members: dict[int, dict[str, Any]],
    seen_sessions: dict[int, int],
) -> Iterator[Item | Part]:
    if damaged:
        yield _refused(path, f"ZWAMESSAGE Z_PK={r['Z_PK']}", f"message row ZWAMESSAGE Z_PK={r['Z_PK']} holds text that is not valid UTF-8")
        return
    session = sessions.get(r["ZCHATSESSION"]) or {"ZCONTACTJID": None, "ZPARTNERNAME": None, "ZSESSIONTYPE": None}
    seen_sessions[r["ZCHATSESSION"]] = seen_sessions.get(r["ZCHATSESSION"], 0) + 1
    yield _message(source, dict(r), session, members)


def _salvaged(
    source: Source,
    path: Path,
    conn: sqlite3.Connection,
    media: bool,
    last: tuple | None,
    sessions: dict[int, dict[str, Any]],
    members: dict[int, dict[str, Any]],
    seen_sessions: dict[int, int],
) -> Iterator[Item | Part]:
    """The message rows after ``last`` (in the messages' order) that can be read, when a page of the messages or their
    media is damaged: the readable rows of both tables are copied (:func:`common.sqlite_walk`) into a private
    temporary database, each run of rows in a damaged page refused, and the same query is run there. The rows read
    before the damage was met (``last``: the query may walk an index) are not read again."""
    salvage = sqlite3.connect("")  # a private temporary file, gone when closed
    salvage.row_factory = sqlite3.Row
    try:
        for table, columns, what in (("ZWAMESSAGE", MESSAGE_COLUMNS, "messages"), ("ZWAMEDIAITEM", MEDIA_COLUMNS, "media rows")):
            if table == "ZWAMEDIAITEM" and not media:
                continue
            names = [c.strip() for c in columns.split(",")]
            salvage.execute(f"CREATE TABLE {table} (Z_PK INTEGER PRIMARY KEY, {', '.join(names[1:])}, Z_DAMAGED)")
            insert = f"INSERT INTO {table} VALUES ({', '.join('?' * (len(names) + 1))})"
            for got in _rows(path, conn, table, columns, what):
                if isinstance(got[1], CorruptInput):
                    yield got
                else:
                    row, damaged = got
                    salvage.execute(insert, (*tuple(row)[1:], int(damaged)))
        extra = ", m.Z_DAMAGED" + (" OR md.Z_DAMAGED AS Z_DAMAGED" if media else "")
        for r in salvage.execute(_messages_sql(media, extra)):
            if last is not None and _order(r) <= last:
                continue
            yield from _message_row(source, path, r, bool(r["Z_DAMAGED"]), sessions, members, seen_sessions)
    finally:
        salvage.close()


def _order(r: sqlite3.Row) -> tuple:
    """The messages' ORDER BY key as Python compares it the way SQLite does (NULL, then numbers, then text, then
    blobs; text in code point order, which is UTF-8's byte order)."""
    return tuple(_sqlite_order(r[c]) for c in ("ZCHATSESSION", "ZMESSAGEDATE", "Z_PK"))


def _sqlite_order(value: Any) -> tuple:
    if value is None:
        return (0, 0)
    if isinstance(value, int | float):
        return (1, value)
    return (2, value) if isinstance(value, str) else (3, bytes(value))


def _thread(source: Source, pk: Any, session: dict[str, Any]) -> dict[str, Any]:
    return {"id": session.get("ZCONTACTJID") or str(pk), "key": stable_id(source.source_id, "ZWACHATSESSION", pk), "app": "WhatsApp"}


def _message(source: Source, r: dict[str, Any], session: dict[str, Any], members: dict[int, dict[str, Any]]) -> Item:
    kind = r["ZMESSAGETYPE"]
    if kind in SYSTEM_TYPES:
        sender = None  # a group or security event: the 'from' JID is the group's
    elif r["ZISFROMME"]:
        sender = common.party(None, None, True)
    elif r["ZGROUPMEMBER"] in members:
        sender = dict(members[r["ZGROUPMEMBER"]])
    else:
        sender = common.party(r["ZFROMJID"], session.get("ZPARTNERNAME") if session.get("ZSESSIONTYPE") != 1 else None, False)
    attachments = []
    if r.get("ZMEDIALOCALPATH") or r.get("ZTITLE") or r.get("ZVCARDNAME") or kind in (1, 2, 3, 4, 5, 8, 11, 15):
        attachments.append(
            {
                "name": Path(r["ZMEDIALOCALPATH"]).name if r.get("ZMEDIALOCALPATH") else None,
                "type": TYPES.get(kind, f"type {kind}"),
                "size": r.get("ZFILESIZE"),
                "present": False,
                "how": "the database names the file; media files are separate in the extraction",
            }
        )
    meta = {
        "format": "whatsapp-ios-db",
        "app": "WhatsApp",
        "thread": _thread(source, r["ZCHATSESSION"], session),
        "sender": sender,
        "time": common.when(apple_time(r["ZMESSAGEDATE"]), r["ZMESSAGEDATE"], "seconds since 2001-01-01 UTC (Apple epoch)"),
        "direction": {"value": "outgoing" if r["ZISFROMME"] else "incoming", "how": "ZISFROMME"}
        if sender
        else {"value": "unknown", "how": "event"},
        "system": kind in SYSTEM_TYPES,
        "message_type": TYPES.get(kind, kind),
        "status": r["ZMESSAGESTATUS"],
        "deleted": "Deleted" if kind == 14 else "Intact",
        "attachments": attachments,
        "starred": bool(r["ZSTARRED"]),
    }
    location = None
    if kind == 5 and r.get("ZLATITUDE") is not None and r.get("ZLONGITUDE") is not None:  # for media they hold the size
        location = f"{r['ZLATITUDE']}, {r['ZLONGITUDE']}"
    fields = common.party_fields("sender", sender) + [
        ("text", r["ZTEXT"]),
        ("media.title", r.get("ZTITLE")),
        ("media.vcard", r.get("ZVCARDNAME") if kind == 4 else None),
        ("location", location),
    ]
    fields += [("attachment.name", a["name"]) for a in attachments if a["name"]]
    return common.make_item(source, f"ZWAMESSAGE Z_PK={r['Z_PK']}", "message", "WhatsApp message", fields, meta)
