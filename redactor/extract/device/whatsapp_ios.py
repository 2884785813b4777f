"""iOS WhatsApp database (``ChatStorage.sqlite``), as found in file-system extractions and iLEAPP input.

Tables: ``ZWACHATSESSION`` (one per chat: partner JID and name), ``ZWAMESSAGE`` (``ZISFROMME``,
``ZMESSAGEDATE`` in seconds since 2001-01-01 UTC, ``ZTEXT``, ``ZMESSAGETYPE``), ``ZWAGROUPMEMBER``
(group senders) and ``ZWAMEDIAITEM`` (media paths, titles, vCards, locations). The database is
opened read-only and immutable, so the evidence file is never changed; a ``-wal`` file beside it
is not replayed (extract it with the database's own tools first if it holds data).

A message row holding text that is not valid UTF-8 (a damaged page, or a value the app never wrote) is refused
alone: the reader yields a :class:`~redactor.records.Refused` at its locator (``ZWAMESSAGE Z_PK=12``), which the runner
quarantines, and reads on. SQLite's own error for such a value quotes the text, so it is never passed on: a damaged
chat or group member row still refuses the database whole, saying only that a value is not UTF-8.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from redactor.errors import CorruptInput
from redactor.extract import extractor
from redactor.extract.device import common
from redactor.records import Item, Mention, Person, Refused, Source, stable_id
from redactor.stages import StageContext

APPLE_EPOCH = datetime(2001, 1, 1, tzinfo=UTC)
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


def _tables(path: Path) -> set[str]:
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
        try:
            return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return set()


def _accepts(source: Source, path: Path, head: bytes) -> bool:
    return source.media_type == "application/vnd.sqlite3" and NEEDED <= _tables(path)


def apple_time(value: Any) -> datetime | None:
    try:
        return APPLE_EPOCH + timedelta(seconds=float(value))
    except (TypeError, ValueError, OverflowError):
        return None


@extractor("whatsapp-ios-db", accepts=_accepts, priority=30)
def extract_chatstorage(source: Source, path: Path, ctx: StageContext) -> Iterator[Item | Person | Mention | Refused]:
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
        conn.row_factory = sqlite3.Row
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.DatabaseError as exc:
        raise CorruptInput(f"{path}: SQLite database cannot be read ({common.sqlite_problem(exc)})") from None
    book = common.PeopleBook(source.ref)
    try:
        yield from _read(source, path, conn, tables, book)
    except sqlite3.DatabaseError as exc:
        raise CorruptInput(f"{path}: WhatsApp database cannot be read ({common.sqlite_problem(exc)})") from None
    finally:
        conn.close()
    yield from book


def _read(
    source: Source, path: Path, conn: sqlite3.Connection, tables: set[str], book: common.PeopleBook
) -> Iterator[Item | Person | Mention | Refused]:
    sessions = {r["Z_PK"]: dict(r) for r in conn.execute("SELECT Z_PK, ZCONTACTJID, ZPARTNERNAME, ZSESSIONTYPE FROM ZWACHATSESSION")}
    members: dict[int, dict[str, Any]] = {}
    if "ZWAGROUPMEMBER" in tables:
        for r in conn.execute("SELECT Z_PK, ZMEMBERJID, ZCONTACTNAME, ZFIRSTNAME, ZCHATSESSION FROM ZWAGROUPMEMBER"):
            members[r["Z_PK"]] = common.party(r["ZMEMBERJID"], r["ZCONTACTNAME"] or r["ZFIRSTNAME"], False)
            book.add(members[r["Z_PK"]], "WhatsApp group members", aliases=[r["ZFIRSTNAME"] or ""])
    yield from book
    media_sql = "LEFT JOIN ZWAMEDIAITEM AS md ON md.Z_PK = m.ZMEDIAITEM" if "ZWAMEDIAITEM" in tables else ""
    media_cols = ", md.ZMEDIALOCALPATH, md.ZTITLE, md.ZVCARDNAME, md.ZLATITUDE, md.ZLONGITUDE, md.ZFILESIZE" if media_sql else ""
    sql = (
        f"SELECT m.Z_PK, m.ZISFROMME, m.ZMESSAGEDATE, m.ZFROMJID, m.ZTOJID, m.ZTEXT, m.ZCHATSESSION, m.ZGROUPMEMBER, "
        f"m.ZMESSAGETYPE, m.ZMESSAGESTATUS, m.ZSTARRED{media_cols} FROM ZWAMESSAGE AS m {media_sql} "
        "ORDER BY m.ZCHATSESSION, m.ZMESSAGEDATE, m.Z_PK"
    )
    seen_sessions: dict[int, int] = {}
    for r, damaged in common.sqlite_rows(conn, sql):
        if damaged:
            error = CorruptInput(f"{path}: message row ZWAMESSAGE Z_PK={r['Z_PK']} holds text that is not valid UTF-8; refused")
            yield Refused(f"ZWAMESSAGE Z_PK={r['Z_PK']}", error.code, str(error))
            continue
        session = sessions.get(r["ZCHATSESSION"]) or {"ZCONTACTJID": None, "ZPARTNERNAME": None, "ZSESSIONTYPE": None}
        seen_sessions[r["ZCHATSESSION"]] = seen_sessions.get(r["ZCHATSESSION"], 0) + 1
        yield _message(source, dict(r), session, members)
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
