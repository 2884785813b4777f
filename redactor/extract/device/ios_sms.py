"""iOS Messages database (``sms.db``: SMS, MMS, iMessage and RCS), as found in file-system extractions and iLEAPP input.

Tables: ``message`` (``text``, ``attributedBody``, ``handle_id``, ``is_from_me``, ``date`` in seconds since 2001-01-01
UTC, or nanoseconds since iOS 11, ``service``, ``item_type``, ``associated_message_type``), ``handle`` (a
correspondent's number or e-mail address), ``chat`` with ``chat_handle_join`` and ``chat_message_join`` (which
conversation a message is in, and who takes part), ``attachment`` with ``message_attachment_join`` (file names; the
files themselves are separate in the extraction). Columns differ between iOS versions: a column this database lacks is
read as empty. The database is opened read-only and immutable, so the evidence file is never changed; a ``-wal`` file
beside it is applied to a copy in the case's work folder (:func:`~.common.sqlite_open`).

Since iOS 16 a message's ``text`` is often empty and its words are only in ``attributedBody``, an archived
``NSAttributedString`` (Apple's *typedstream*): its string is read from there. A message whose words are in a form this
reader cannot read is refused alone (a :class:`~redactor.records.Refused` at ``message ROWID=12``, which the runner
quarantines), never passed on without its text: a reviewer would see an empty message where the phone held words. So is
a row holding text that is not valid UTF-8, and a run of rows in a damaged page (``message rows 1493-1553``,
:func:`~.common.sqlite_walk`); a database none of whose messages can be read is refused whole.

Since iOS 16 a message the user deleted is kept 30 days under "Recently Deleted": it leaves ``chat_message_join`` for
``chat_recoverable_message_join``; it is read in its conversation and marked ``Recently Deleted``.

Since iOS 16 a sender can edit an iMessage (up to five times) or unsend it. ``message_summary_info`` (a binary property
list) keeps every version of each edited part (``ec``: part -> the versions, oldest first, each an archived string with
its time) and which parts were unsent (``rp``). The earlier versions are what the sender first wrote: each is passed on
as a ``text.before_edit`` field of the message (detected and reviewed like its text; the transcript shows it under the
message), and the message is marked edited; an unsent message is marked ``Unsent`` (the phone keeps no words of it). A
summary or a version this reader cannot read is refused alone (``message ROWID=12 edit history``), and the message is
still read: the reviewer is told that earlier words exist and where to read them.
"""

from __future__ import annotations

import plistlib
import re
import sqlite3
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from redactor.errors import UnsupportedInput
from redactor.extract.device import common, sqlite_source
from redactor.extract.device.sqlite_source import Part
from redactor.extract.device.whatsapp_ios import apple_time, apple_when
from redactor.records import Item, Mention, Person, Source, stable_id

FORMAT = "ios-sms-db"
MESSAGE_COLUMNS = (
    "text", "attributedBody", "handle_id", "is_from_me", "date", "service", "item_type", "associated_message_type",
    "subject", "group_title", "cache_has_attachments", "is_read", "is_delivered", "date_read",
    "message_summary_info", "date_edited", "date_retracted",
)  # fmt: skip
ITEM_TYPES = {1: "participant change", 2: "group renamed", 3: "group event", 4: "location sharing", 5: "screenshot"}
NANOSECONDS = 10**11  # a date above this is in nanoseconds (iOS 11 on): seconds would be after the year 5000
UNREAD_HINT = "read this message in the extraction tool's own report, and review it there"
HISTORY_HINT = "the message's current words were read; read its earlier versions in the extraction tool's own report"
VERSIONS = 64  # versions read from one message's summary: iMessage allows five edits of a part


def _rows(path: Path, conn: sqlite3.Connection, table: str, wanted: tuple[str, ...], one: str) -> Iterator[Part | sqlite3.Row]:
    return sqlite_source.parts(path, conn, table, wanted, key="ROWID", one=one, binary=("attributedBody", "message_summary_info"))


@sqlite_source.message_store("ios-sms-db", "Messages database", {"message": (), "handle": (), "chat_message_join": ()})
def _read(
    source: Source, path: Path, conn: sqlite3.Connection, tables: set[str], book: common.PeopleBook
) -> Iterator[Item | Person | Mention | Part]:
    handles: dict[int, dict[str, Any]] = {}
    for r in _rows(path, conn, "handle", ("id", "service"), "handle"):
        if isinstance(r, tuple):
            yield r  # that correspondent's messages are read, without their number
        else:
            handles[r[0]] = common.party(r["id"], None, False)
            book.add(handles[r[0]], "Messages correspondents")
    yield from book
    chats: dict[int, dict[str, Any]] = {}
    if "chat" in tables:
        for r in _rows(path, conn, "chat", ("chat_identifier", "display_name", "service_name"), "chat"):
            if isinstance(r, tuple):
                yield r
            else:
                chats[r[0]] = {"identifier": r["chat_identifier"], "name": r["display_name"] or None, "service": r["service_name"]}
    members = _pairs(conn, "chat_handle_join", "chat_id", "handle_id") if "chat_handle_join" in tables else {}
    in_chat = {message: chat[0] for message, chat in _pairs(conn, "chat_message_join", "message_id", "chat_id").items()}
    deleted: set[int] = set()  # iOS 16 on: deleted by the user, kept 30 days under "Recently Deleted"
    if "chat_recoverable_message_join" in tables:
        for message, chat in _pairs(conn, "chat_recoverable_message_join", "message_id", "chat_id").items():
            in_chat.setdefault(message, chat[0])
            deleted.add(message)
    files = _attachments(conn) if {"attachment", "message_attachment_join"} <= tables else {}
    seen: dict[int, int] = {}
    for r in _rows(path, conn, "message", MESSAGE_COLUMNS, "message"):
        if isinstance(r, tuple):
            yield r
            continue
        text = _text(r)
        if text is None:
            locator = f"message ROWID={r[0]}"
            problem = f"{path}: {locator}: its words are in attributedBody in a form this reader cannot read; refused"
            yield locator, UnsupportedInput(problem, hint=UNREAD_HINT)
            continue
        history = edit_history(r["message_summary_info"])
        if history.unreadable:
            locator = f"message ROWID={r[0]} edit history"
            problem = f"{path}: {locator}: an earlier version of this message is in a form this reader cannot read; refused"
            yield locator, UnsupportedInput(problem, hint=HISTORY_HINT)
        chat_id = in_chat.get(r[0])
        if chat_id is not None:
            seen[chat_id] = seen.get(chat_id, 0) + 1
        chat = chats.get(chat_id) if chat_id is not None else None
        yield _message(source, r, text, chat, chat_id, handles, files.get(r[0], []), history, r[0] in deleted)
    for chat_id, chat in chats.items():
        people = [handles[h] for h in members.get(chat_id, []) if h in handles]
        yield common.make_item(
            source,
            f"chat ROWID={chat_id}",
            "thread",
            "Messages conversation",
            [("thread.name", chat["name"]), ("thread.id", chat["identifier"]), ("participants", common.recipients_text(people))],
            {
                "format": FORMAT,
                "kind": "thread",
                "thread": _thread(source, chat_id, chat),
                "messages": seen.get(chat_id, 0),
                "group": len(people) > 1,
                "service": chat["service"],
            },
        )


def _pairs(conn: sqlite3.Connection, table: str, key: str, value: str) -> dict[int, list[int]]:
    """``key`` -> its ``value`` s in a join table (numbers only: a damaged page's rows are left out, and what they joined
    is read unjoined: a message without its conversation, a conversation without a member)."""
    out: dict[int, list[int]] = {}
    for got in common.sqlite_walk(conn, table, f"{key}, {value}"):
        if not isinstance(got, common.SqliteGap) and not got[1]:
            out.setdefault(got[0][1], []).append(got[0][2])
    return out


def _attachments(conn: sqlite3.Connection) -> dict[int, list[dict[str, Any]]]:
    """Message rowid -> its attachments (name, media type, size), from the file names the database holds."""
    about: dict[int, dict[str, Any]] = {}
    for got in common.sqlite_walk(
        conn, "attachment", sqlite_source.columns(conn, "attachment", ("filename", "transfer_name", "mime_type", "total_bytes"))
    ):
        if isinstance(got, common.SqliteGap) or got[1]:
            continue  # a damaged page's attachments: the message still says it had some (cache_has_attachments)
        r = got[0]
        name = r["transfer_name"] or (Path(r["filename"].replace("\\", "/")).name if r["filename"] else None)
        about[r[0]] = {"name": name, "type": r["mime_type"], "size": r["total_bytes"]}
    out: dict[int, list[dict[str, Any]]] = {}
    for message, ids in _pairs(conn, "message_attachment_join", "message_id", "attachment_id").items():
        out[message] = [about[i] for i in ids if i in about]
    return out


# An archived NSAttributedString: the string's class, then its type code "+" and its length (a typedstream integer:
# one byte below 0x80, or 0x81 and two bytes, or 0x82 and four, little-endian), then its UTF-8 bytes.
_ARCHIVED_STRING = re.compile(rb"NSString\x01.{1,4}?\+", re.S)
_STRING_END = b"\x86\x84"


def body_text(blob: bytes | None) -> str | None:
    """The string of an archived ``attributedBody``, or None when the archive holds none this reader can read."""
    if not blob:
        return None
    blob = bytes(blob)
    m = _ARCHIVED_STRING.search(blob)
    if m is None or m.end() >= len(blob):
        return None
    at, first = m.end() + 1, blob[m.end()]
    if first < 0x80:
        size = first
    elif first in (0x81, 0x82):
        width = 2 if first == 0x81 else 4
        size, at = int.from_bytes(blob[at : at + width], "little"), at + width
    else:
        return None
    body = blob[at : at + size] if at + size <= len(blob) else None
    if body is None:  # a length past the end: the string runs to the archive's next object
        end = blob.find(_STRING_END, at)
        body = blob[at:end] if end >= 0 else None
    try:
        return None if body is None else body.decode("utf-8")
    except UnicodeDecodeError:
        return None


@dataclass(frozen=True)
class History:
    """What a message's ``message_summary_info`` says: its parts' earlier versions (oldest first), whether a part was
    unsent, and whether any of it could not be read."""

    earlier: tuple[str, ...] = ()
    unsent: bool = False
    unreadable: bool = False


def edit_history(blob: bytes | None) -> History:
    """The earlier versions and the unsent mark of one message, from its ``message_summary_info``.

    The summary is the phone's: a property list that is not one, a version that is no archived string, or more
    versions than iMessage allows are all "unreadable", never a reason to drop the message."""
    if not blob:
        return History()
    try:
        summary = plistlib.loads(bytes(blob))
    except Exception:  # noqa: BLE001 - the phone's bytes: any parse failure (and a cyclic plist's RecursionError) is the same
        return History(unreadable=True)
    if not isinstance(summary, dict):
        return History(unreadable=True)
    edits, unsent = summary.get("ec") or {}, summary.get("rp") or []
    if not isinstance(edits, dict) or not isinstance(unsent, list):
        return History(unreadable=True)
    earlier: list[str] = []
    unreadable = False
    for part in sorted(edits, key=lambda k: (len(str(k)), str(k))):  # parts "0", "1", ... "10" in order
        versions = edits[part]
        if not isinstance(versions, list) or len(versions) > VERSIONS:
            unreadable = True
            continue
        for version in versions[:-1]:  # the last is the current text, read from the message itself
            text = body_text(version.get("t")) if isinstance(version, dict) and isinstance(version.get("t"), bytes) else None
            if text is None:
                unreadable = True
            elif text.strip():
                earlier.append(text.strip())
    return History(tuple(earlier), bool(unsent), unreadable)


def _text(r: Mapping[str, Any]) -> str | None:
    """A message's words: ``text``, or the string of ``attributedBody`` where ``text`` is empty; "" for a message
    with neither (an attachment alone, an event); None when ``attributedBody`` holds words this reader cannot read."""
    if r["text"]:
        return r["text"]
    if not r["attributedBody"]:
        return ""
    return body_text(r["attributedBody"])


def _when(value: Any) -> dict[str, Any]:
    if isinstance(value, int | float) and abs(value) > NANOSECONDS:
        return common.when(apple_time(value / 1e9), value, "nanoseconds since 2001-01-01 UTC (Apple epoch)")
    return apple_when(value)


def _thread(source: Source, chat_id: Any, chat: Mapping[str, Any] | None) -> dict[str, Any]:
    identifier = (chat or {}).get("identifier")
    return {"id": identifier or str(chat_id), "key": stable_id(source.source_id, "chat", chat_id), "app": "Messages"}


def _message(
    source: Source,
    r: sqlite3.Row,
    text: str,
    chat: Mapping[str, Any] | None,
    chat_id: int | None,
    handles: Mapping[int, dict[str, Any]],
    attachments: list[dict[str, Any]],
    history: History,
    recoverable: bool = False,
) -> Item:
    kind = r["item_type"] or 0
    reaction = 2000 <= (r["associated_message_type"] or 0) < 4000
    if r["is_from_me"]:
        sender = common.party(None, None, True)
    else:
        sender = dict(handles[r["handle_id"]]) if r["handle_id"] in handles else None
    if not attachments and r["cache_has_attachments"]:
        attachments = [{"name": None, "type": None, "size": None}]
    meta = {
        "format": FORMAT,
        "app": r["service"] or "Messages",
        "thread": _thread(source, chat_id if chat_id is not None else f"handle {r['handle_id']}", chat),
        "sender": sender,
        "time": _when(r["date"]),
        "direction": {"value": "outgoing" if r["is_from_me"] else "incoming", "how": "is_from_me"},
        "system": kind != 0,
        "message_type": ITEM_TYPES.get(kind, f"type {kind}") if kind else ("reaction" if reaction else "text"),
        "status": {"read": bool(r["is_read"]), "delivered": bool(r["is_delivered"])},
        "deleted": "Unsent" if history.unsent or r["date_retracted"] else "Recently Deleted" if recoverable else "Intact",
        "edited": bool(history.earlier or r["date_edited"]),
        "attachments": [
            {**a, "present": False, "how": "the database names the file; attachment files are separate in the extraction"}
            for a in attachments
        ],
    }
    fields = common.party_fields("sender", sender) + [
        ("subject", r["subject"]),
        ("text", text.replace("\ufffc", "").strip() or None),  # U+FFFC: where an attachment stood in the text
        ("group.name", r["group_title"]),
    ]
    fields += [("text.before_edit", earlier) for earlier in history.earlier if earlier != text.strip()]
    fields += [("attachment.name", a["name"]) for a in attachments if a["name"]]
    return common.make_item(source, f"message ROWID={r[0]}", "message", "Messages message", fields, meta)
