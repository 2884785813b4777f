"""TikTok direct messages on Android (``<account id>_im.db`` of ``com.zhiliaoapp.musically``, with ``db_im_xx`` or
``db_im_contact`` beside it), as found in file-system extractions.

Tables, as the app keeps them (and as ALEAPP's TikTok artifact reads them): ``msg`` (``conversation_id``, ``sender``: a
user id, ``created_time`` in milliseconds since 1970 UTC, ``content``: JSON whose ``text`` is a message's words and
``display_name`` a shared GIF's or link's name; ``type`` and ``deleted`` as stored). One database per signed-in
account, named with its user id: a message whose sender is that id is outgoing, any other incoming, and every one
"unknown" where the file's name does not give the id. The people: ``SIMPLE_USER`` of ``db_im_xx`` and
``IM_USER_BASE_INFO`` of ``db_im_contact`` (``UID``, ``UNIQUE_ID``: the @handle, ``NICK_NAME``), either read on its own
as an address book too.

Each message is a ``message`` item (its words and a shared item's name, the sender's nickname and handle; the sender,
time, direction and conversation as facts) and each user a known person, their handle an alias. A message whose
``content`` is not JSON is refused (``msg rowid=N content``) and the message read without it. The database is opened as
every phone database is (its ``-wal`` applied to a copy in the case's work folder); a run of rows in a damaged page, or
a row that is not UTF-8, is refused alone.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from redactor.extract import extractor
from redactor.extract.device import common, sqlite_source
from redactor.extract.device.sqlite_source import Part
from redactor.records import Item, Mention, Person, Refused, Source, stable_id
from redactor.stages import StageContext

FORMAT = "tiktok-android-db"
ACCOUNT = re.compile(r"(?:^|-)(\d+)_im\.db$")  # the signed-in account's id, in the database's name
PEOPLE = {"SIMPLE_USER": "db_im_xx", "IM_USER_BASE_INFO": "db_im_contact"}  # table -> the database that holds it
MESSAGE_COLUMNS = {"conversation_id", "sender", "created_time", "content", "read_status"}


def _accepts(source: Source, path: Path, head: bytes) -> bool:
    if source.media_type != "application/vnd.sqlite3":
        return False
    tables = sqlite_source.tables(path)
    return MESSAGE_COLUMNS <= tables.get("msg", set()) or any(_people_table(tables, t) for t in PEOPLE)


def _people_table(tables: dict[str, set[str]], table: str) -> bool:
    return {"UID", "UNIQUE_ID", "NICK_NAME"} <= tables.get(table, set())


@extractor(FORMAT, accepts=_accepts, priority=30)
def extract_tiktok(source: Source, path: Path, ctx: StageContext) -> Iterator[Item | Person | Mention | Refused]:
    tables = sqlite_source.tables(path)
    if not MESSAGE_COLUMNS <= tables.get("msg", set()):  # db_im_xx or db_im_contact on its own: the people
        table = next(t for t in PEOPLE if _people_table(tables, t))
        book = common.PeopleBook(source.ref)
        yield from sqlite_source.read(
            path, "TikTok database", lambda conn, _: _contacts(source, path, conn, table, book), sqlite_source.is_contact, ctx.work_dir
        )
        yield from book
        return
    yield from sqlite_source.read_messages(
        source, path, "TikTok database", lambda conn, tables, book: _read(source, path, conn, book, ctx.work_dir), ctx.work_dir
    )


def _contacts(source: Source, path: Path, conn: sqlite3.Connection, table: str, book: common.PeopleBook) -> Iterator[Item | Mention | Part]:
    for r in sqlite_source.parts(path, conn, table, ("UID", "UNIQUE_ID", "NICK_NAME"), one="user"):
        if isinstance(r, tuple):
            yield r
            continue
        p = common.party(r["UNIQUE_ID"], r["NICK_NAME"], None)
        fields = [("name", r["NICK_NAME"]), ("username", r["UNIQUE_ID"])]
        yield common.make_item(source, f"{table} rowid={r[0]}", "contact", "TikTok user", fields, {"format": FORMAT, "app": "TikTok"})
        book.add(p, "TikTok users", aliases=[r["UNIQUE_ID"]] if r["UNIQUE_ID"] else [])
        yield from book


def _read(
    source: Source, path: Path, conn: sqlite3.Connection, book: common.PeopleBook, work: Path
) -> Iterator[Item | Person | Mention | Part]:
    account = ACCOUNT.search(path.name)
    owner = account.group(1) if account else None
    people = _people(path, work)
    for uid, p in people.items():
        if uid != owner:
            book.add(p, "TikTok users", aliases=[p["raw"]] if p["raw"] else [])
    yield from book
    for r in sqlite_source.parts(path, conn, "msg", ("conversation_id", "sender", "created_time", "content", "type"), one="message"):
        if isinstance(r, tuple):
            yield r
            continue
        content, refusal = sqlite_source.json_object(path, r["content"], f"msg rowid={r[0]} content")
        if refusal is not None:
            yield refusal
        yield _message(source, r, content, _sender(r["sender"], people, owner))


def _people(path: Path, work: Path) -> dict[str, dict[str, Any]]:
    """user id -> party, from ``db_im_xx`` and ``db_im_contact`` beside the database (either, both or neither)."""
    out: dict[str, dict[str, Any]] = {}
    for table, name in PEOPLE.items():
        for beside in sorted(path.parent.glob(f"{name}*")):
            if (
                beside == path
                or beside.name.endswith(("-wal", "-shm", "-journal"))
                or not _people_table(sqlite_source.tables(beside), table)
            ):
                continue
            for uid, handle, nickname in sqlite_source.rows_beside(beside, work, table, ("UID", "UNIQUE_ID", "NICK_NAME")):
                if uid is not None and str(uid) not in out:
                    out[str(uid)] = common.party(handle, nickname, None)
    return out


def _sender(uid: Any, people: dict[str, dict[str, Any]], owner: str | None) -> dict[str, Any] | None:
    if uid is None or str(uid) == "":
        return None
    uid = str(uid)
    known = people.get(uid, common.party(uid, None))
    return {**known, "owner": (uid == owner) if owner is not None else None}


def _message(source: Source, r: Any, content: dict[str, Any], sender: dict[str, Any] | None) -> Item:
    chat = r["conversation_id"]
    thread = {"id": str(chat), "key": stable_id(source.source_id, "tiktok conversation", chat), "app": "TikTok"}
    direction = common.direction(
        sender, how="the sender is (or is not) the account the database is named for", unknown="the database's name gives no account id"
    )
    text = content.get("text") if isinstance(content.get("text"), str) else None
    shared = content.get("display_name") if isinstance(content.get("display_name"), str) else None
    meta = {
        "format": FORMAT,
        "app": "TikTok",
        "thread": thread,
        "sender": sender,
        "time": common.when(
            common.from_epoch(r["created_time"], "ms") if r["created_time"] else None,
            r["created_time"],
            "milliseconds since 1970-01-01 UTC",
        ),
        "direction": direction,
        "deleted": "Intact",
        "kind_as_stored": str(r["type"]) if r["type"] is not None else "",
    }
    fields = common.party_fields("sender", sender) + [("text", text)] + ([("attachment.title", shared)] if shared else [])
    return common.make_item(source, f"msg rowid={r[0]}", "message", "TikTok message", fields, meta)
