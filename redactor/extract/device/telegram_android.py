"""Telegram for Android's message cache (``cache4.db`` of ``org.telegram.messenger``), as found in file-system
extractions.

Tables, as the app keeps them (and as ALEAPP's Telegram artifact reads them): ``messages_v2`` (``mid``, ``uid``: the
conversation, a user's id, or minus a group's or channel's; ``date`` in seconds since 1970 UTC; ``out``: 1 when the
phone's owner sent it; ``data``: the message object in Telegram's TL wire format), ``users`` (``uid``, ``name``: the
name in lower case for searching, then ``;;;`` and the username where there is one; ``data``: the user object, whose
spelling of each word of the name is used) and ``chats`` (``uid``, ``name``: a group's or
channel's title). Columns a version lacks are read as empty.

A message object starts with its type's 32-bit id (the app has written many layouts over the years). For the layouts
the open-source client defines (the ids as ALEAPP lists them), the object is walked: flags, (a second flags word from
layer 179), the message id, the sender where there is one, the conversation, and when the message is neither forwarded
nor a reply, its date and then its words. Where the walk cannot go on (a forward's or reply's header nests objects
this reader does not read) or the layout is not known, the words are found by the message's own date, which the object
holds just before them: the first place after the header where that date is followed by a well-formed string of valid
UTF-8. A notice the app wrote (a call, a screenshot, a member joining) is an item without words that says so. A message
whose words cannot be found either way is refused alone, never passed on empty.

Each message is a ``message`` item (its words, the sender's name and username; the sender, time, direction and
conversation as facts: the direction from ``out``; in a one-to-one chat the other party is the sender of what came in)
and each user a known person, their username an alias; so is each contact of the phone's address book the app
imported (``user_contacts_v7``, ``user_phones_v7``: names and numbers). The database is opened as every phone database is (its
``-wal`` applied to a copy in the case's work folder); a run of rows in a damaged page is refused alone.
"""

from __future__ import annotations

import re
import sqlite3
import struct
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from redactor.errors import UnsupportedInput
from redactor.extract.device import common, sqlite_source
from redactor.extract.device.sqlite_source import Part
from redactor.records import Item, Mention, Person, Source, stable_id

FORMAT = "telegram-android-db"
PEERS = {0x59511722: 8, 0x36C6019A: 8, 0xA2A5371E: 8, 0x9DB1BC6D: 4, 0xBAD0E5BB: 4, 0xBDDDE532: 4}  # id -> its id's size
USER_PEERS = {0x59511722, 0x9DB1BC6D}
# TL_message layers from 179 on, which read a second flags word before the id; and the older ones without it
WITH_FLAGS2 = {
    0x95EF6F2B, 0x3AE56482, 0x9CB490E9, 0xB92F76CF, 0x9815CEC8, 0xEABCDD4D, 0x96FDBBE9, 0x94345242, 0xBDE09C2E, 0x2357BF25,
}  # fmt: skip
WITHOUT_FLAGS2 = {0xA66C7EFC, 0x1E4C8A69, 0x76BEC211, 0x38116EE0, 0x85D6CBE2, 0xBCE383D2, 0x58AE39C9, 0xF52E6B7F}
SERVICE = {0x7A800E0A, 0xD3D28540, 0x2B085862, 0x286FA604, 0x9E19A1F6, 0xC06B9607, 0x1D86F70E, 0x9F8D60BB}
FROM, FORWARDED, REPLY, VIA_BOT, BOOSTS, SAVED_PEER = 1 << 8, 1 << 2, 1 << 3, 1 << 11, 1 << 29, 1 << 28
UNREAD_HINT = "read this message in the extraction tool's own report of Telegram, and review it there"
MEDIA_HOW = "a picture, video, voice note or file: the app's cache holds it if it was downloaded, not read here"


class TLError(ValueError):
    """A message object that runs past its end or holds a type where none belongs."""


@sqlite_source.message_store(FORMAT, "Telegram database", {"messages_v2": ("mid", "uid", "date", "data", "out"), "users": ("uid", "name")})
def _read(
    source: Source, path: Path, conn: sqlite3.Connection, tables: set[str], book: common.PeopleBook
) -> Iterator[Item | Person | Mention | Part]:
    users: dict[int, dict[str, Any]] = {}
    for r in sqlite_source.parts(path, conn, "users", ("uid", "name", "data"), one="user", binary=("data",)):
        if isinstance(r, tuple):
            yield r  # their messages are read without the sender's name
            continue
        display, username = user_name(r["name"], r["data"])
        users[r["uid"]] = common.party(username, display, False)
        book.add(users[r["uid"]], "Telegram users", aliases=[username] if username else [])
    yield from book
    if {"user_contacts_v7", "user_phones_v7"} <= tables:
        yield from _contacts(path, conn, book)
    chats: dict[int, str] = {}
    if "chats" in tables:
        for r in sqlite_source.parts(path, conn, "chats", ("uid", "name"), one="chat"):
            if isinstance(r, tuple):
                yield r
            elif r["name"]:
                chats[r["uid"]] = str(r["name"])
    wanted = ("mid", "uid", "date", "out", "data", "media")
    for r in sqlite_source.parts(path, conn, "messages_v2", wanted, one="message", binary=("data", "media")):
        if isinstance(r, tuple):
            yield r
            continue
        locator = f"messages_v2 rowid={r[0]}"
        try:
            found = read_message(r["data"], r["date"])
        except TLError as exc:
            problem = f"{path}: {locator}: the message's words cannot be found ({exc})"
            yield locator, UnsupportedInput(problem, hint=UNREAD_HINT)
            continue
        yield _message(source, locator, r, found, users, chats)


def user_name(stored: Any, data: Any) -> tuple[str | None, str | None]:
    """(display name, username) of a ``users`` row. ``name`` holds the name for searching, in lower case, then
    ``;;;`` and (where the app keeps them) a transliteration and the username, the last part; each word of the name is
    written as the user object (``data``) spells it where it holds the word ("dana whitcombe": "Dana Whitcombe")."""
    parts = [p.strip() for p in str(stored or "").split(";;;")]
    display, username = parts[0] or None, (parts[-1] or None) if len(parts) > 1 else None
    if display and isinstance(data, bytes):
        spelled = data.decode("utf-8", "replace")
        words = []
        for word in display.split():
            found = re.search(rf"(?<![^\W\d_]){re.escape(word)}(?![^\W\d_])", spelled, re.IGNORECASE)  # a whole word
            words.append(found.group(0) if found and found.group(0).lower() == word.lower() else word)
        display = " ".join(words)
    return display, username


def _contacts(path: Path, conn: sqlite3.Connection, book: common.PeopleBook) -> Iterator[Mention | Part]:
    """The phone's address book as the app imported it (``user_contacts_v7``: ``key``, ``fname``, ``sname``;
    ``user_phones_v7``: ``key``, ``phone``, ``deleted``): each contact a known person with their numbers."""
    phones: dict[Any, list[str]] = {}
    for r in sqlite_source.parts(path, conn, "user_phones_v7", ("key", "phone", "deleted"), one="phone"):
        if isinstance(r, tuple):
            yield r
        elif r["phone"] and not r["deleted"]:
            number = common.e164(str(r["phone"]))
            if number:
                phones.setdefault(r["key"], []).append(number)
    for r in sqlite_source.parts(path, conn, "user_contacts_v7", ("key", "fname", "sname"), one="contact"):
        if isinstance(r, tuple):
            yield r
            continue
        name = " ".join(str(x).strip() for x in (r["fname"], r["sname"]) if x and str(x).strip()) or None
        book.add(common.party(None, name, False), "Telegram's copy of the phone's contacts", phones=phones.get(r["key"], []))
        yield from book


def read_message(data: Any, date: Any) -> dict[str, Any]:
    """The sender's user id (``sender``), words (``text``) and whether it is a notice (``service``) of a message object."""
    if not isinstance(data, bytes) or len(data) < 8:
        raise TLError("no message object")
    kind = _u32(data, 0)
    if kind in SERVICE:
        return {"service": True, "sender": _service_sender(data)}
    if kind not in WITH_FLAGS2 and kind not in WITHOUT_FLAGS2:
        return {"text": _after_date(data, 4, date)}  # a layout not listed here: found by its date alone
    flags = _u32(data, 4)
    at = 12 if kind in WITH_FLAGS2 else 8
    at += 4  # the message's id
    sender = None
    if flags & FROM:
        sender, at = _peer(data, at)
    start = at
    try:
        if kind in WITH_FLAGS2 and flags & BOOSTS:
            at += 4
        _, at = _peer(data, at)  # the conversation
        if flags & SAVED_PEER:
            _, at = _peer(data, at)
        if flags & (FORWARDED | REPLY):
            return {"sender": sender, "text": _after_date(data, at, date)}  # headers nesting objects not read here
        if flags & VIA_BOT:
            at += 8
        if kind in WITH_FLAGS2 and _u32(data, 8) & 1:
            at += 8  # a business bot's id
        if date is not None and _i32(data, at) == date:
            return {"sender": sender, "text": _string(data, at + 4)}
    except TLError:
        pass
    return {"sender": sender, "text": _after_date(data, start, date)}  # the walk drifted: the date column decides


def _after_date(data: bytes, start: int, date: Any) -> str:
    """The words after the first place from ``start`` where the message's date is followed by a valid string."""
    if not isinstance(date, int) or not -(1 << 31) <= date < 1 << 31:
        raise TLError("no date to find its words by")
    needle = struct.pack("<i", date)
    at = data.find(needle, start)
    while at != -1:
        try:
            return _string(data, at + 4)
        except TLError:
            at = data.find(needle, at + 1)
    raise TLError("no words after the message's date")


def _string(data: bytes, at: int) -> str:
    """A TL string: a length byte (or 254 and three length bytes), the bytes, padding to four; strict UTF-8."""
    if at >= len(data):
        raise TLError("a string runs past the end of the object")
    size, begin = data[at], at + 1
    if size == 254:
        if at + 4 > len(data):
            raise TLError("a string runs past the end of the object")
        size, begin = int.from_bytes(data[at + 1 : at + 4], "little"), at + 4
    elif size == 255:
        raise TLError("not a string")
    if begin + size > len(data):
        raise TLError("a string runs past the end of the object")
    try:
        return data[begin : begin + size].decode("utf-8")
    except UnicodeDecodeError:
        raise TLError("a string that is not valid UTF-8") from None


def _peer(data: bytes, at: int) -> tuple[int | None, int]:
    """(the user's id if the peer is a user, else None; the offset after the peer)."""
    kind = _u32(data, at)
    size = PEERS.get(kind)
    if size is None:
        raise TLError(f"a peer of type {kind:#010x}")
    value = int.from_bytes(_take(data, at + 4, size), "little", signed=True)
    return (value if kind in USER_PEERS else None), at + 4 + size


def _service_sender(data: bytes) -> int | None:
    """The sender of a notice in the layouts that write flags, an id, then the sender as a peer (the newest four)."""
    if _u32(data, 0) not in {0x7A800E0A, 0xD3D28540, 0x2B085862, 0x286FA604}:
        return None
    try:
        return _peer(data, 12)[0] if _u32(data, 4) & FROM else None
    except TLError:
        return None


def _take(data: bytes, at: int, size: int) -> bytes:
    if at < 0 or at + size > len(data):
        raise TLError("a field runs past the end of the object")
    return data[at : at + size]


def _u32(data: bytes, at: int) -> int:
    return int.from_bytes(_take(data, at, 4), "little")


def _i32(data: bytes, at: int) -> int:
    return int.from_bytes(_take(data, at, 4), "little", signed=True)


def _message(source: Source, locator: str, r: Any, found: dict[str, Any], users: dict[int, dict[str, Any]], chats: dict[int, str]) -> Item:
    chat, out = r["uid"], r["out"] == 1
    if out:
        sender: dict[str, Any] | None = common.party(None, None, True)
    elif found.get("sender") is not None:
        sender = users.get(found["sender"]) or common.party(str(found["sender"]), None, False)
    elif isinstance(chat, int) and chat > 0:
        sender = users.get(chat) or common.party(str(chat), None, False)  # a one-to-one chat: the other party wrote it
    else:
        sender = None
    thread = {"id": str(chat), "key": stable_id(source.source_id, "telegram dialog", chat), "app": "Telegram"}
    name = chats.get(-chat) if isinstance(chat, int) and chat < 0 else None
    if name is None and isinstance(chat, int) and chat > 0 and chat in users:
        name = users[chat].get("name")
    media = bool(r["media"]) and not found.get("service")
    meta = {
        "format": FORMAT,
        "app": "Telegram",
        "thread": thread | ({"name": name} if name else {}),
        "sender": sender,
        "time": common.when(common.from_epoch(r["date"]) if r["date"] else None, r["date"], "seconds since 1970-01-01 UTC"),
        "direction": {"value": "outgoing" if out else "incoming", "how": "messages_v2.out (1: sent)"},
        "deleted": "Intact",
        "attachments": [{"name": None, "type": "media", "size": None, "present": False, "how": MEDIA_HOW}] if media else [],
    }
    if found.get("service"):
        meta["notice"] = "a notice the app wrote (a call, a screenshot, a member joining, ...): its details are not read here"
    fields = common.party_fields("sender", sender) + [("text", found.get("text"))]
    return common.make_item(source, locator, "message", "Telegram notice" if found.get("service") else "Telegram message", fields, meta)
