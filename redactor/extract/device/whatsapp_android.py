"""Android WhatsApp's database (``msgstore.db``, decrypted), as found in file-system extractions, with the contacts'
names from ``wa.db`` when it stands beside it.

Two layouts are in use:

- since 2022: ``message`` (``chat_row_id``, ``from_me``, ``sender_jid_row_id`` for a group's sender, ``timestamp`` in
  milliseconds since 1970 UTC, ``message_type``, ``text_data``), ``chat`` (``jid_row_id``, ``subject``: a group's
  name), ``jid`` (``raw_string``: "447700900123@s.whatsapp.net"), ``message_media`` (file path, name, type, size) and
  ``message_location``;
- before: ``messages`` (``key_remote_jid``, ``key_from_me``, ``remote_resource`` for a group's sender, ``timestamp``,
  ``media_wa_type``, ``data``, ``media_caption``, ``media_name``, ``latitude``/``longitude``) and ``chat_list``
  (``key_remote_jid``, ``subject``).

``wa.db``'s ``wa_contacts`` (``jid``, ``display_name``) names the people; it is also read on its own as an address book
when it is a source of its own. The databases are opened read-only and immutable. A row that is not UTF-8, or a run of
rows in a damaged page, is refused alone (:mod:`.sqlite_source`); a database none of whose messages can be read is
refused whole.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from redactor.extract import extractor
from redactor.extract.device import call_log, common, sqlite_source
from redactor.extract.device.sqlite_source import Part
from redactor.records import Item, Mention, Person, Refused, Source, stable_id
from redactor.stages import StageContext

FORMAT = "whatsapp-android-db"
TYPES = {
    0: "text", 1: "image", 2: "audio", 3: "video", 4: "contact", 5: "location", 7: "system", 9: "document",
    10: "missed call", 13: "gif", 15: "deleted", 16: "live location", 20: "sticker", 42: "view once image",
    43: "view once video", 64: "deleted by admin",
}  # fmt: skip
SYSTEM_TYPES = {7}
MEDIA_TYPES = {1, 2, 3, 4, 9, 13, 20, 42, 43}
NEW = {"message", "chat", "jid"}
OLD = {"messages"}
CONTACTS = {"wa_contacts"}


def _accepts(source: Source, path: Path, head: bytes) -> bool:
    if source.media_type != "application/vnd.sqlite3":
        return False
    tables = sqlite_source.tables(path)
    if NEW <= set(tables) and {"chat_row_id", "from_me", "text_data"} <= tables["message"]:
        return True
    if OLD <= set(tables) and {"key_remote_jid", "key_from_me", "data"} <= tables["messages"]:
        return True
    return CONTACTS <= set(tables) and {"jid", "display_name"} <= tables["wa_contacts"]


@extractor("whatsapp-android-db", accepts=_accepts, priority=30)
def extract_msgstore(source: Source, path: Path, ctx: StageContext) -> Iterator[Item | Person | Mention | Refused]:
    book = common.PeopleBook(source.ref)

    def body(conn: sqlite3.Connection, tables: set[str]) -> Iterator[Item | Person | Mention | Part]:
        if NEW <= tables:
            return _new(source, path, conn, _names(path, conn, tables, ctx.work_dir), book)
        if OLD <= tables:
            return _old(source, path, conn, tables, _names(path, conn, tables, ctx.work_dir), book)
        return _contacts(source, path, conn, book)

    yield from sqlite_source.read(path, "WhatsApp database", body, _counts, work=ctx.work_dir)
    yield from book


def _counts(record: Any) -> bool:
    return isinstance(record, Item) and record.kind in ("message", "contact")


def _names(path: Path, conn: sqlite3.Connection, tables: set[str], work: Path) -> dict[str, str]:
    """JID -> the contact's name, from ``wa_contacts`` in this database or in a ``wa.db`` beside it."""
    if "wa_contacts" in tables:
        return _read_names(conn)
    beside = path.with_name("wa.db")
    if not beside.is_file() or beside == path:
        return {}
    try:
        other = common.sqlite_open(beside, work)  # its -wal applied too
    except sqlite3.DatabaseError:
        return {}
    try:
        return _read_names(other) if "wa_contacts" in {r[0] for r in other.execute("SELECT name FROM sqlite_master")} else {}
    except sqlite3.DatabaseError:
        return {}  # a damaged wa.db: the messages are read by number alone (wa.db is refused on its own as a source)
    finally:
        other.close()


def _read_names(conn: sqlite3.Connection) -> dict[str, str]:
    names: dict[str, str] = {}
    for got in common.sqlite_walk(conn, "wa_contacts", sqlite_source.columns(conn, "wa_contacts", ("jid", "display_name", "wa_name"))):
        if isinstance(got, common.SqliteGap) or got[1]:
            continue
        jid, name, wa_name = got[0][1], got[0][2], got[0][3]
        if jid and (name or wa_name):
            names[jid] = name or wa_name
    return names


def _contacts(source: Source, path: Path, conn: sqlite3.Connection, book: common.PeopleBook) -> Iterator[Item | Mention | Person | Part]:
    """``wa.db`` read on its own: a contact item and a known person per WhatsApp contact."""
    wanted = ("jid", "display_name", "wa_name", "number", "status")
    for r in sqlite_source.parts(path, conn, "wa_contacts", wanted, key="_id", one="contact"):
        if isinstance(r, tuple):
            yield r
            continue
        if not r["jid"] or not str(r["jid"]).endswith("@s.whatsapp.net"):
            continue  # a group or a broadcast list, not a person
        p = common.party(r["jid"], r["display_name"] or r["wa_name"], False)
        fields = [("name", p.get("name")), ("tel.whatsapp", r["number"] or p.get("raw")), ("about", r["status"])]
        meta = {"format": FORMAT, "app": "WhatsApp", "phones": [p["phone"]] if p.get("phone") else [], "emails": []}
        yield common.make_item(source, f"wa_contacts _id={r[0]}", "contact", "WhatsApp contact", fields, meta)
        book.add(p, "WhatsApp contacts")
        yield from book


def _party(jid: str | None, names: Mapping[str, str]) -> dict[str, Any]:
    return common.party(jid, names.get(jid or ""), False)


def _thread(source: Source, key: Any, jid: str | None) -> dict[str, Any]:
    return {"id": jid or str(key), "key": stable_id(source.source_id, "whatsapp-android", key), "app": "WhatsApp"}


def _item(
    source: Source,
    locator: str,
    r: Mapping[str, Any],
    sender: dict[str, Any] | None,
    thread: dict[str, Any],
    text: str | None,
    attachment: dict[str, Any] | None,
    location: str | None,
) -> Item:
    kind = r["kind"] or 0
    meta = {
        "format": FORMAT,
        "app": "WhatsApp",
        "thread": thread,
        "sender": sender,
        "time": common.when(common.from_epoch(r["timestamp"], "ms"), r["timestamp"], "milliseconds since 1970-01-01 UTC"),
        "direction": {"value": "outgoing" if r["from_me"] else "incoming", "how": "from_me"}
        if sender
        else {"value": "unknown", "how": "event"},
        "system": kind in SYSTEM_TYPES,
        "message_type": TYPES.get(kind, f"type {kind}"),
        "deleted": "Deleted" if kind in (15, 64) else "Intact",
        "attachments": [attachment] if attachment else [],
    }
    fields = common.party_fields("sender", sender) + [("text", text), ("location", location)]
    if attachment and attachment.get("name"):
        fields.append(("attachment.name", attachment["name"]))
    return common.make_item(source, locator, "message", "WhatsApp message", fields, meta)


def _attachment(name: str | None, path: str | None, kind: int, mime: str | None, size: Any) -> dict[str, Any] | None:
    if not (name or path) and kind not in MEDIA_TYPES:
        return None
    shown = name or (Path(path.replace("\\", "/")).name if path else None)
    how = "the database names the file; media files are separate in the extraction"
    return {"name": shown, "type": mime or TYPES.get(kind, f"type {kind}"), "size": size, "present": False, "how": how}


def _new(
    source: Source, path: Path, conn: sqlite3.Connection, names: Mapping[str, str], book: common.PeopleBook
) -> Iterator[Item | Mention | Person | Part]:
    jids: dict[int, str] = {}
    for r in sqlite_source.parts(path, conn, "jid", ("raw_string",), key="_id", one="JID"):
        if isinstance(r, tuple):
            yield r
        elif r["raw_string"]:
            jids[r[0]] = r["raw_string"]
    chats: dict[int, dict[str, Any]] = {}
    for r in sqlite_source.parts(path, conn, "chat", ("jid_row_id", "subject"), key="_id", one="chat"):
        if isinstance(r, tuple):
            yield r
        else:
            chats[r[0]] = {"jid": jids.get(r["jid_row_id"]), "subject": r["subject"]}
    media = _by_message(conn, "message_media", ("file_path", "media_name", "mime_type", "file_size"))
    places = _by_message(conn, "message_location", ("latitude", "longitude", "place_name", "place_address"))
    seen: dict[int, int] = {}
    wanted = ("chat_row_id", "from_me", "sender_jid_row_id", "timestamp", "message_type", "text_data")
    for r in sqlite_source.parts(path, conn, "message", wanted, key="_id", one="message"):
        if isinstance(r, tuple):
            yield r
            continue
        chat = chats.get(r["chat_row_id"], {"jid": None, "subject": None})
        group = bool(chat["subject"]) or (chat["jid"] or "").endswith("@g.us")
        kind = r["message_type"] or 0
        if kind in SYSTEM_TYPES:
            sender = None
        elif r["from_me"]:
            sender = common.party(None, None, True)
        else:
            sender = _party(jids.get(r["sender_jid_row_id"]) if group else chat["jid"], names)
        if sender and not sender.get("owner"):
            book.add(sender, "WhatsApp correspondents")
        m = media.get(r[0], {})
        attachment = _attachment(m.get("media_name"), m.get("file_path"), kind, m.get("mime_type"), m.get("file_size"))
        place = places.get(r[0])
        location = None
        if place and place.get("latitude") is not None:
            location = ", ".join(str(x) for x in (place.get("place_name"), place.get("place_address")) if x) or None
            location = f"{place['latitude']}, {place['longitude']}" + (f" ({location})" if location else "")
        seen[r["chat_row_id"]] = seen.get(r["chat_row_id"], 0) + 1
        row = {"kind": kind, "timestamp": r["timestamp"], "from_me": r["from_me"]}
        yield _item(
            source, f"message _id={r[0]}", row, sender, _thread(source, r["chat_row_id"], chat["jid"]), r["text_data"], attachment, location
        )
        yield from book
    for chat_id, chat in chats.items():
        partner = _party(chat["jid"], names)
        if not chat["subject"]:
            book.add(partner, "WhatsApp chats")
        fields = [
            ("thread.name", chat["subject"] or partner.get("name")),
            ("participants", common.recipients_text([partner]) if not chat["subject"] else None),
        ]
        meta = {
            "format": FORMAT,
            "kind": "thread",
            "thread": _thread(source, chat_id, chat["jid"]),
            "messages": seen.get(chat_id, 0),
            "group": bool(chat["subject"]),
        }
        yield common.make_item(source, f"chat _id={chat_id}", "thread", "WhatsApp conversation", fields, meta)
        yield from book


def _by_message(conn: sqlite3.Connection, table: str, wanted: tuple[str, ...]) -> dict[int, dict[str, Any]]:
    """message row id -> the row of ``table`` about it (media, a location); a damaged page's rows are left out, their
    messages read without them."""
    if not conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)).fetchone():
        return {}
    out: dict[int, dict[str, Any]] = {}
    for got in common.sqlite_walk(conn, table, sqlite_source.columns(conn, table, ("message_row_id", *wanted))):
        if isinstance(got, common.SqliteGap) or got[1]:
            continue
        out[got[0][1]] = {k: got[0][k] for k in wanted}
    return out


def _old(
    source: Source, path: Path, conn: sqlite3.Connection, tables: set[str], names: Mapping[str, str], book: common.PeopleBook
) -> Iterator[Item | Mention | Person | Part]:
    subjects: dict[str, str] = {}
    if "chat_list" in tables:
        for r in sqlite_source.parts(path, conn, "chat_list", ("key_remote_jid", "subject"), key="_id", one="chat"):
            if isinstance(r, tuple):
                yield r
            elif r["key_remote_jid"] and r["subject"]:
                subjects[r["key_remote_jid"]] = r["subject"]
    seen: dict[str, int] = {}
    wanted = (
        "key_remote_jid", "key_from_me", "remote_resource", "timestamp", "media_wa_type", "data", "media_caption",
        "media_name", "media_mime_type", "media_size", "latitude", "longitude", "status",
    )  # fmt: skip
    for r in sqlite_source.parts(path, conn, "messages", wanted, key="_id", one="message"):
        if isinstance(r, tuple):
            yield r
            continue
        jid = r["key_remote_jid"]
        if jid == "-1" or jid is None:
            continue  # the database's own placeholder row
        kind = call_log.as_int(r["media_wa_type"]) or 0
        group = (jid or "").endswith("@g.us")
        if r["key_from_me"]:
            sender = common.party(None, None, True)
        elif group and not r["remote_resource"]:
            sender = None  # a group event
        else:
            sender = _party(r["remote_resource"] if group else jid, names)
        if sender and not sender.get("owner"):
            book.add(sender, "WhatsApp correspondents")
        attachment = _attachment(r["media_name"], None, kind, r["media_mime_type"], r["media_size"])
        location = f"{r['latitude']}, {r['longitude']}" if kind == 5 and r["latitude"] not in (None, 0, 0.0) else None
        text = r["data"] or r["media_caption"]
        seen[jid] = seen.get(jid, 0) + 1
        row = {"kind": 7 if sender is None else kind, "timestamp": r["timestamp"], "from_me": r["key_from_me"]}
        yield _item(source, f"messages _id={r[0]}", row, sender, _thread(source, jid, jid), text, attachment, location)
        yield from book
    for n, (jid, count) in enumerate(seen.items()):  # the locator by order met: a JID is a phone number
        partner = _party(jid, names)
        group = jid.endswith("@g.us")
        if not group:
            book.add(partner, "WhatsApp chats")
        fields = [
            ("thread.name", subjects.get(jid) or partner.get("name")),
            ("participants", None if group else common.recipients_text([partner])),
        ]
        meta = {"format": FORMAT, "kind": "thread", "thread": _thread(source, jid, jid), "messages": count, "group": group}
        yield common.make_item(source, f"chat[{n}]", "thread", "WhatsApp conversation", fields, meta)
        yield from book
