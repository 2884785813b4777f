"""Discord on Android: the message cache in ``com.discord/files/kv-storage/@account.<id>/a``, as found in file-system
extractions.

The store, as ALEAPP's MIT-licensed Discord artifact reads it (no code copied; Discord publishes no schema): a SQLite
key-value table ``messages0`` whose value column holds each cached message as JSON, ``{"channelId", "id", "message":
{...}}``, the message in the shape of Discord's public API (``content``, ``timestamp`` in ISO 8601, ``author`` with its
``id``, ``username`` and ``global_name``, ``attachments`` with their ``filename``, ``mentions``, ``embeds``,
``edited_timestamp``). The columns are not named: the value is the column that holds such JSON (its bytes may carry a
prefix before the object).

Each cached message is a ``message`` item: its text, the author's name and id, each attachment's file name, each
mentioned user, an embed's title and description; the time, direction and channel as facts. The direction is outgoing
when the author's id is the account's (the ``@account.<id>`` folder the file lies in), incoming when it is another's,
and unknown when the path does not say the account (said in ``how``). Authors are known people by their names.

A row whose value is not such JSON is refused alone (never its content); a database none of whose rows is a message is
refused whole.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from redactor.extract.device import common, sqlite_source
from redactor.extract.device.sqlite_source import Part
from redactor.records import Item, Mention, Person, Source, stable_id

FORMAT = "discord-android-kv"
TABLE = "messages0"
ACCOUNT = re.compile(r"@account\.(\d+)")
ISO = "ISO 8601 with its offset, as Discord's API writes it"
Account = tuple[str | None, str]  # the account's id (None: not known) and how it is known, or why not


@sqlite_source.message_store(FORMAT, "Discord database", {TABLE: ()})
def _read(
    source: Source, path: Path, conn: sqlite3.Connection, tables: set[str], book: common.PeopleBook
) -> Iterator[Item | Person | Mention | Part]:
    account = _account_of(source, path)
    columns = tuple(r[1] for r in conn.execute(f'PRAGMA table_info("{TABLE}")'))
    for r in sqlite_source.parts(path, conn, TABLE, columns, one="cached message", binary=columns):
        if isinstance(r, tuple):
            yield r
            continue
        cached = _cached(r, columns)
        locator = f"{TABLE} rowid={r[0]}"
        if cached is None:
            yield sqlite_source.refused(path, locator, f"cached message {locator} holds no Discord message JSON")
            continue
        message = cached.get("message")
        if not isinstance(message, dict):
            continue  # a cache entry that is no message (Discord keeps other records in the store)
        channel = str(cached.get("channelId") or message.get("channel_id") or "unknown")
        item = message_item(source, locator, message, channel, account, FORMAT, str(cached.get("id") or ""))
        sender = item.device.sender if item.device else None
        if sender and sender.name and not sender.owner:
            book.add(sender.to_json(), "Discord authors")
        yield item
        yield from book


def _account_of(source: Source, path: Path) -> Account:
    """The account id from the file's path (``.../kv-storage/@account.<id>/a``: a file-system extraction's folders are
    kept in the case's work folder), when it says it."""
    m = ACCOUNT.search(str(path)) or ACCOUNT.search(source.path)
    if m is None:
        return None, "the file's path does not name the account (@account.<id>)"
    return m.group(1), "@account.<id>"


def _cached(r: Any, columns: tuple[str, ...]) -> dict[str, Any] | None:
    """The row's JSON object: the first value that holds one (after any prefix of bytes before its ``{``)."""
    for column in columns:
        value = r[column]
        if isinstance(value, bytes):
            value = value.decode("utf-8", "replace")
        if not isinstance(value, str) or "{" not in value:
            continue
        try:
            parsed = json.loads(value[value.index("{") : value.rindex("}") + 1])
        except (ValueError, RecursionError):
            continue
        if isinstance(parsed, dict):
            return parsed
    return None


def _text(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def name_of(user: dict[str, Any]) -> str | None:
    """A Discord user's name as the app shows it: the display name, else the user name."""
    return _text(user.get("global_name")) or _text(user.get("username"))


def message_item(
    source: Source, locator: str, message: dict[str, Any], channel: str, account: Account, fmt: str, message_id: str = ""
) -> Item:
    """A message in the shape of Discord's public API as an item (shared with :mod:`.discord_ios`); ``account``: the
    account's id, or None, and how it is known (or why it is not)."""
    author = message.get("author") if isinstance(message.get("author"), dict) else {}
    author_id = str(author.get("id") or "") or None
    name = name_of(author)
    known, how = account
    mine = known is not None and author_id == known
    sender = common.party(author_id, name, True if mine else False if known else None) if author_id or name else None
    if known is None:
        direction = {"value": "unknown", "how": how}
    else:
        direction = {
            "value": "outgoing" if mine else "incoming",
            "how": f"the author's id is {'' if mine else 'not '}the account's ({how})",
        }
    stamp = message.get("timestamp")
    meta: dict[str, Any] = {
        "format": fmt,
        "app": "Discord",
        "thread": {"id": channel, "key": stable_id(source.source_id, "discord channel", channel), "app": "Discord"},
        "sender": sender,
        "time": common.when(_iso(stamp), stamp, ISO),
        "direction": direction,
        "message_id": message_id or str(message.get("id") or ""),
    }
    if message.get("edited_timestamp"):
        meta["edited"] = str(message["edited_timestamp"])
    if message.get("pinned"):
        meta["pinned"] = True
    files = [a for a in message.get("attachments") or [] if isinstance(a, dict)]
    if files:
        meta["attachments"] = [
            {
                "name": _text(a.get("filename")),
                "type": _text(a.get("content_type")),
                "size": a.get("size"),
                "present": False,
                "how": "a link to Discord's servers",
            }
            for a in files
        ]
    fields = common.party_fields("sender", sender) + [("text", _text(message.get("content")))]
    fields += [(f"attachment.{n}", _text(a.get("filename"))) for n, a in enumerate(files, 1)]
    mentioned = [m for m in message.get("mentions") or [] if isinstance(m, dict)]
    fields += [(f"mention.{n}", name_of(m)) for n, m in enumerate(mentioned, 1)]
    for n, embed in enumerate([e for e in message.get("embeds") or [] if isinstance(e, dict)], 1):
        fields += [(f"embed.{n}.{k}", _text(embed.get(k))) for k in ("title", "description", "url")]
    return common.make_item(source, locator, "message", "Discord message", fields, meta)


def _iso(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
