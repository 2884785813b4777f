"""Instagram direct messages on iOS (``Library/Application Support/DirectSQLiteDatabase/<id>.db`` of
``com.burbn.instagram``), as found in file-system extractions.

Tables, as iLEAPP's MIT-licensed Instagram artifact reads them (no code copied; no public database to check against,
so the reader is defensive): ``MESSAGES`` (``MESSAGE_ID``, ``THREAD_ID``, ``ARCHIVE``: the message as a keyed archive,
read by :mod:`.nskeyed`) and ``THREADS`` (``THREAD_ID``, ``VIEWER_ID``: the signed-in account, ``METADATA``: a keyed
archive whose ``users`` and ``inviter`` are the thread's people, each with ``pk``, ``full_name`` or ``fullName`` and
``username`` or ``userName``, directly or in a ``userDict``). In a message's archive: ``metadata`` (``senderPk``,
``threadId``, ``serverTimestamp``: a date) and ``content`` (``string``: the text; ``threadActivity``: a call's
``voipTitle``; ``media``: a shared picture or video). The app writes its archives' keys with their types
("NSString*senderPk"); keys are matched by the name after the ``*``, so a type that changes does not lose the value.

Each message is a ``message`` item: its text; a call's title; every other text the content holds (a shared link's or
post's words, a story reply: kinds the reader does not know by name are kept, not dropped) as ``field.content``; the
sender's name; the sender, time, direction (from whether the sender is the thread's viewer; "unknown" without one) and
conversation as facts. A shared picture or video is the app's cache, not read here, and the item says so. Every
person of a thread but the viewer is a known person, their username an alias.

A message or thread whose archive cannot be read (damaged, not an archive, or hostile: see :mod:`.nskeyed`) is refused
alone (never its content); a run of rows in a damaged page too. The database is opened as every phone database is (its
``-wal`` applied to a copy in the case's work folder).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from redactor.extract import extractor
from redactor.extract.device import common, nskeyed, sqlite_source
from redactor.extract.device.sqlite_source import Part
from redactor.records import Item, Mention, Person, Refused, Source, stable_id
from redactor.stages import StageContext

FORMAT = "instagram-ios-db"
NEEDS = {"messages": {"message_id", "thread_id", "archive"}, "threads": {"thread_id", "metadata", "viewer_id"}}
MEDIA_HOW = "a picture or video: the app's cache holds it (if it was downloaded), not read here"
TIME_HOW = "the message archive's serverTimestamp (an NSDate: seconds since 2001-01-01 UTC)"
NOT_WORDS = ("id", "pk", "url", "uri", "token", "key", "type", "hash")  # content keys whose strings are no one's words


def _is_instagram(source: Source, path: Path, head: bytes) -> bool:
    """Instagram's two tables with their columns, whatever the case the app declares them in."""
    if source.media_type != "application/vnd.sqlite3":
        return False
    found = {t.lower(): {c.lower() for c in cols} for t, cols in sqlite_source.tables(path).items()}
    return all(t in found and cols <= found[t] for t, cols in NEEDS.items())


@extractor(FORMAT, accepts=_is_instagram, priority=30)
def extract(source: Source, path: Path, ctx: StageContext) -> Iterator[Item | Person | Mention | Refused]:
    yield from sqlite_source.read_messages(
        source, path, "Instagram database", lambda conn, tables, book: _read(source, path, conn, book), ctx.work_dir
    )


def _read(source: Source, path: Path, conn: sqlite3.Connection, book: common.PeopleBook) -> Iterator[Item | Person | Mention | Part]:
    viewers: dict[str, str] = {}  # thread id -> the signed-in account's id
    people: dict[str, dict[str, Any]] = {}  # user id -> party
    for r in sqlite_source.parts(path, conn, "THREADS", ("THREAD_ID", "VIEWER_ID", "METADATA"), one="thread", binary=("METADATA",)):
        if isinstance(r, tuple):
            yield r  # its messages are read without the people's names
            continue
        viewer = str(r["VIEWER_ID"]) if r["VIEWER_ID"] not in (None, "") else None
        if viewer:
            viewers[str(r["THREAD_ID"])] = viewer
        try:
            metadata = nskeyed.unarchive(r["METADATA"]) if r["METADATA"] is not None else {}
        except nskeyed.NotAnArchive as exc:
            yield sqlite_source.refused(
                path,
                f"THREADS rowid={r[0]}",
                f"thread THREADS rowid={r[0]}: its archive cannot be read ({exc}); its messages are read without its names",
            )
            continue
        for user in [*(_get(metadata, "users") or []), _get(metadata, "inviter"), _get(metadata, "inviter_DEPRECATED")]:
            found = _user(user)
            if found is None or found[0] in people:
                continue
            user_id, name, username = found
            mine = user_id == viewer if viewer else None
            people[user_id] = common.party(username, name, mine)
            if not mine:
                book.add(people[user_id], "Instagram participants", aliases=[username] if username else [])
    yield from book
    for r in sqlite_source.parts(path, conn, "MESSAGES", ("MESSAGE_ID", "THREAD_ID", "ARCHIVE"), one="message", binary=("ARCHIVE",)):
        if isinstance(r, tuple):
            yield r
            continue
        locator = f"MESSAGES rowid={r[0]}"
        try:
            archive = nskeyed.unarchive(r["ARCHIVE"])
        except nskeyed.NotAnArchive as exc:
            yield sqlite_source.refused(path, locator, f"message {locator}: its archive cannot be read ({exc})")
            continue
        if not isinstance(archive, dict):
            yield sqlite_source.refused(path, locator, f"message {locator}: its archive holds no message")
            continue
        yield _message(source, r, archive, people, viewers)
        yield from book


def _get(value: Any, name: str) -> Any:
    """``value[name]`` where the app's key is ``name`` or ``<type>*name``."""
    if not isinstance(value, dict):
        return None
    if name in value:
        return value[name]
    return next((v for k, v in value.items() if k.rsplit("*", 1)[-1] == name), None)


def _text(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _user(user: Any) -> tuple[str, str | None, str | None] | None:
    """(id, full name, username) of an archived user, whichever of the app's shapes it has."""
    inner = _get(user, "userDict") if isinstance(_get(user, "userDict"), dict) else user
    user_id = _get(inner, "pk") or _get(user, "pk")
    if not isinstance(user_id, str | int) or user_id in ("", 0):
        return None
    name = _text(_get(inner, "full_name")) or _text(_get(user, "fullName"))
    username = _text(_get(inner, "username")) or _text(_get(user, "userName"))
    return str(user_id), name, username


def _words(value: Any, depth: int = 0) -> Iterator[str]:
    """Every string in a message's content that can be someone's words (ids, links and tokens left out)."""
    if depth > nskeyed.MAX_DEPTH:
        return
    if isinstance(value, dict):
        for key, inner in value.items():
            name = str(key).rsplit("*", 1)[-1].lower()
            if key != "$class" and not any(name.endswith(w) for w in NOT_WORDS):
                yield from _words(inner, depth + 1)
    elif isinstance(value, list):
        for inner in value:
            yield from _words(inner, depth + 1)
    elif (text := _text(value)) and "://" not in text:
        yield text


def _message(source: Source, r: Any, archive: dict[str, Any], people: dict[str, dict[str, Any]], viewers: dict[str, str]) -> Item:
    metadata, content = _get(archive, "metadata") or {}, _get(archive, "content") or {}
    sender_id = _get(metadata, "senderPk")
    sender_id = str(sender_id) if sender_id not in (None, "") else None
    thread = str(_get(metadata, "threadId") or r["THREAD_ID"] or "unknown")
    viewer = viewers.get(str(r["THREAD_ID"])) or viewers.get(thread)
    sender = people.get(sender_id) if sender_id else None
    if sender is None and sender_id:
        sender = common.party(sender_id, None, sender_id == viewer if viewer else None)
    if viewer is None:
        direction = {"value": "unknown", "how": "the thread names no viewer (the signed-in account)"}
    else:
        mine = sender_id == viewer
        direction = {"value": "outgoing" if mine else "incoming", "how": f"the sender is {'' if mine else 'not '}the thread's viewer"}
    stamp = _get(metadata, "serverTimestamp")
    text = _text(_get(content, "string"))
    activity = _get(content, "threadActivity")
    call = _text(_get(activity, "voipTitle"))
    media = _get(content, "media")
    meta: dict[str, Any] = {
        "format": FORMAT,
        "app": "Instagram",
        "thread": {"id": thread, "key": stable_id(source.source_id, "instagram thread", thread), "app": "Instagram"},
        "sender": sender,
        "time": common.when(stamp if isinstance(stamp, datetime) else None, str(stamp) if stamp is not None else None, TIME_HOW),
        "direction": direction,
        "message_id": str(r["MESSAGE_ID"] or ""),
    }
    if media:
        meta["attachments"] = [{"name": None, "type": "media", "size": None, "present": False, "how": MEDIA_HOW}]
    others = [w for w in dict.fromkeys(_words(content)) if w not in (text, call)]
    fields = common.party_fields("sender", sender) + [("text", text), ("call", call), ("field.content", "\n".join(others) or None)]
    return common.make_item(source, f"MESSAGES rowid={r[0]}", "message", "Instagram message", fields, meta)
