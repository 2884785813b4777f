"""Google Messages (``bugle_db`` of ``com.google.android.apps.messaging``), as found in file-system extractions: the
default SMS app of most Android phones, and the only place its RCS chats are kept (they are not in ``mmssms.db``).

Tables: ``messages`` (``conversation_id``, ``sender_id`` -> ``participants``, ``received_timestamp`` and
``sent_timestamp`` in milliseconds since 1970 UTC), ``parts`` (a message's parts: ``text``, ``content_type``, the
file's ``local_cache_path``, ``file_size_bytes``), ``participants`` (``display_destination``,
``normalized_destination``, ``full_name``; ``sub_id`` -2 for anyone but the phone's owner, as AOSP Messaging's
``ParticipantData`` marks them), ``conversations`` (``name``) and ``conversation_participants`` (who each conversation is
with). Columns a version lacks are read as empty.

Each message is a ``message`` item (its text parts in order, file names, sender, time, direction from the sender's
``sub_id``) and each conversation a ``thread`` item; each participant but the owner is a known person. The database is
opened read-only and immutable (its ``-wal`` applied to a copy in the case's work folder). A message a part row of which
holds text that is not UTF-8 is refused whole, never shown without that part; a run of rows in a damaged page is
refused alone; a database none of whose messages can be read is refused whole.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from redactor.errors import InputError
from redactor.extract.device import common, sqlite_source
from redactor.extract.device.sqlite_source import Part
from redactor.records import Item, Mention, Person, Source, stable_id

FORMAT = "google-messages-db"
OTHER_THAN_SELF = -2  # AOSP Messaging: ParticipantData.OTHER_THAN_SELF_SUB_ID
EPOCH = "milliseconds since 1970-01-01 UTC"
FILE_HOW = "the database names the file; the files are separate in the extraction (the app's cache)"


def _rows(path: Path, conn: sqlite3.Connection, table: str, wanted: tuple[str, ...]) -> Iterator[Part | sqlite3.Row]:
    return sqlite_source.parts(path, conn, table, wanted, key="_id", one=f"{table} row")


@sqlite_source.message_store(
    "google-messages-db",
    "Google Messages database",
    {"messages": (), "parts": ("message_id", "text"), "participants": ("sub_id",), "conversations": ()},
)
def _read(
    source: Source, path: Path, conn: sqlite3.Connection, tables: set[str], book: common.PeopleBook
) -> Iterator[Item | Person | Mention | Part]:
    people: dict[int, dict[str, Any]] = {}
    for r in _rows(path, conn, "participants", ("sub_id", "display_destination", "normalized_destination", "full_name")):
        if isinstance(r, tuple):
            yield r  # their messages are read without who sent them
            continue
        owner = None if r["sub_id"] is None else r["sub_id"] != OTHER_THAN_SELF
        people[r[0]] = common.party(r["normalized_destination"] or r["display_destination"], r["full_name"], owner)
        if owner is False:
            book.add(people[r[0]], "Google Messages participants")
    yield from book
    names: dict[int, Any] = {}
    for r in _rows(path, conn, "conversations", ("name",)):
        if isinstance(r, tuple):
            yield r
        else:
            names[r[0]] = r["name"]
    members: dict[int, list[dict[str, Any]]] = {}
    if "conversation_participants" in tables:
        for got in common.sqlite_walk(conn, "conversation_participants", "conversation_id, participant_id"):
            if not isinstance(got, common.SqliteGap) and not got[1] and got[0][2] in people:
                members.setdefault(got[0][1], []).append(people[got[0][2]])
    parts: dict[int, list[sqlite3.Row]] = {}
    broken: set[int] = set()  # messages a part row of which holds text that is not UTF-8
    for got in sqlite_source.walk(
        path, conn, "parts", ("message_id", "text", "content_type", "local_cache_path", "file_size_bytes", "timestamp")
    ):
        if isinstance(got[1], InputError):  # whose parts they were is in the damaged page: read without them
            yield got
        elif got[1]:
            broken.add(got[0]["message_id"])
        else:
            parts.setdefault(got[0]["message_id"], []).append(got[0])
    seen: dict[int, int] = {}
    for r in _rows(path, conn, "messages", ("conversation_id", "sender_id", "received_timestamp", "sent_timestamp")):
        if isinstance(r, tuple):
            yield r
            continue
        if r[0] in broken:
            locator = f"messages _id={r[0]}"
            yield sqlite_source.refused(path, locator, f"message {locator}: a part of it holds text that is not valid UTF-8")
            continue
        seen[r["conversation_id"]] = seen.get(r["conversation_id"], 0) + 1
        yield _message(source, r, parts.get(r[0], []), people.get(r["sender_id"]), names, members)
        yield from book
    for conversation, name in names.items():
        with_them = [p for p in members.get(conversation, []) if p.get("owner") is False]
        yield common.make_item(
            source,
            f"conversations _id={conversation}",
            "thread",
            "Google Messages conversation",
            [("thread.name", name), ("participants", common.recipients_text(with_them))],
            {
                "format": FORMAT,
                "kind": "thread",
                "thread": _thread(source, conversation),
                "messages": seen.get(conversation, 0),
                "group": len(with_them) > 1,
            },
        )


def _thread(source: Source, conversation: Any) -> dict[str, Any]:
    return {"id": str(conversation), "key": stable_id(source.source_id, "bugle conversation", conversation), "app": "Messages"}


def _message(
    source: Source,
    r: sqlite3.Row,
    parts: list[sqlite3.Row],
    sender: dict[str, Any] | None,
    names: dict[int, Any],
    members: dict[int, list[dict[str, Any]]],
) -> Item:
    parts = sorted(parts, key=lambda p: p[0])
    texts = [p["text"] for p in parts if (p["content_type"] or "text/plain").startswith("text/") and p["text"]]
    files = [p for p in parts if not (p["content_type"] or "text/plain").startswith("text/")]
    attachments = [
        {
            "name": Path(p["local_cache_path"]).name if p["local_cache_path"] else None,
            "type": p["content_type"],
            "size": p["file_size_bytes"] if isinstance(p["file_size_bytes"], int) and p["file_size_bytes"] >= 0 else None,
            "present": False,
            "how": FILE_HOW,
        }
        for p in files
    ]
    stamp = r["received_timestamp"] or r["sent_timestamp"] or next((p["timestamp"] for p in parts if p["timestamp"]), None)
    owner = sender.get("owner") if sender is not None else None
    direction = "unknown" if owner is None else "outgoing" if owner else "incoming"
    others = [p for p in members.get(r["conversation_id"], []) if p.get("owner") is False]
    meta = {
        "format": FORMAT,
        "app": "Messages",
        "thread": _thread(source, r["conversation_id"]),
        "sender": sender,
        "recipients": others if owner else [],
        "time": common.when(common.from_epoch(stamp, "ms") if stamp else None, stamp, EPOCH),
        "direction": {"value": direction, "how": "the sender's sub_id (-2: not the phone's owner)"},
        "deleted": "Intact",
        "attachments": attachments,
    }
    fields = common.party_fields("sender", sender) + [("text", "\n".join(texts) or None)]
    fields += [("attachment.name", a["name"]) for a in attachments if a["name"]]
    fields.append(("group.name", names.get(r["conversation_id"]) if len(others) > 1 else None))
    return common.make_item(source, f"messages _id={r[0]}", "message", "Google Messages message", fields, meta)
