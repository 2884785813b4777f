"""Discord on iOS: the messages its HTTP cache keeps (``Library/Caches/com.hammerandchisel.discord/Cache.db``), as found
in file-system extractions.

Discord for iOS keeps no message database of its own; what a phone holds of its chats is the app's HTTP cache, which
iOS's URL loading system writes (``NSURLCache``, the same ``Cache.db`` every app has; the layout as iLEAPP's MIT-licensed
Discord cache artifact and Apple's documentation describe it, no code copied):

- ``cfurl_cache_response``: one row a cached request (``entry_ID``, ``request_key``: the URL, ``time_stamp``: when it
  was cached, in UTC);
- ``cfurl_cache_receiver_data``: the response's body (``receiver_data``), or when ``isDataOnFS`` is 1 the name of the
  file in ``fsCachedData/`` beside the database that holds it (larger bodies; a file-system archive's reader copies
  that folder with the database, :data:`CACHED_FILES`).

The bodies of Discord's API requests for a channel's messages (``/api/v9/channels/<id>/messages``, with or without a
query) are JSON in the shape of Discord's public API: a list of messages, or one message (the reply to one the phone
sent). Each message is a ``message`` item read as the Android cache's are (:func:`.discord.message_item`). The same
message is cached in as many responses as windows of the chat that were opened: it is read once, from the latest
response (an edit shows there). Messages are in the order of their ids (Discord's ids grow with time).

The account's id, for the direction: the ``user_id`` of a cached login response (``/auth/login``), else the author of a
message that carries a ``nonce`` (Discord returns one only to the device that sent the message), else unknown (said).
User profiles cached from ``/users/<id>/profile`` name known people.

Every other cached response of Discord's API about users, channels or servers (profiles with their bio, the friends
list, the account's payment sources) is a ``record`` item, its JSON one line a value: personal data too. The login's is
read for the account's id alone (it holds the account's token); the app's own configuration (experiments, sticker
packs), pictures from Discord's CDN and other hosts' responses (analytics) are not read. A response whose body is not JSON is
refused alone (never its content); a body in ``fsCachedData`` missing beside the database is refused
alone, naming the file. An HTTP cache holding no Discord request is no Discord cache (another app's is left to the
readers of unknown databases).
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from redactor.extract import extractor, structured
from redactor.extract.device import common, discord, sqlite_source
from redactor.extract.device.sqlite_source import Part
from redactor.records import Item, Mention, Person, Refused, Source
from redactor.stages import StageContext

FORMAT = "discord-ios-cache"
RESPONSES, BODIES = "cfurl_cache_response", "cfurl_cache_receiver_data"
NEEDS = {RESPONSES: ("entry_ID", "request_key", "time_stamp"), BODIES: ("entry_ID", "isDataOnFS", "receiver_data")}
API = r"https://(?:[a-z]+\.)?discord(?:app)?\.com/api/(?:v\d+/)?"
MESSAGES = re.compile(API + r"channels/(\d+)/messages(?:\?[^#]*)?$")
LOGIN = re.compile(API + r"auth/login$")
PROFILE = re.compile(API + r"users/(\d+)/profile(?:\?[^#]*)?$")
ACK = re.compile(r"/ack$")
ABOUT_PEOPLE = re.compile(API + r"(?:users|channels|guilds)/")  # profiles, friends, the account, a channel's or server's
BUNDLE = "com.hammerandchisel.discord"
CACHED_FILES = re.compile(r"^(?P<folder>(?:.+/)?com\.hammerandchisel\.discord)/fsCachedData/[^/]+$")  # beside Cache.db
CACHED_NAME = re.compile(r"^[A-Za-z0-9._-]{1,80}$")  # iOS names them by UUID
MAX_BODY = 64 << 20  # a cached API response's body, read whole to parse


def cache_database(member: str) -> str | None:
    """The ``Cache.db`` a member of ``fsCachedData`` belongs to (its member name), for a file-system archive's reader."""
    m = CACHED_FILES.match(member)
    return f"{m['folder']}/Cache.db" if m else None


def _is_discord_cache(source: Source, path: Path, head: bytes) -> bool:
    """An HTTP cache in Discord's folder (``com.hammerandchisel.discord``, its bundle id), or one holding a request to
    Discord's API (a cache copied out of its folder; rows still in its ``-wal`` are not seen here)."""
    if source.media_type != "application/vnd.sqlite3" or not sqlite_source.holds(path, NEEDS):
        return False
    if BUNDLE in str(path) or BUNDLE in source.path:
        return True
    try:
        conn = common.sqlite_open(path)
        try:
            return (
                conn.execute(f"SELECT 1 FROM {RESPONSES} WHERE request_key LIKE 'https://%discord%.com/api/%' LIMIT 1").fetchone()
                is not None
            )
        finally:
            conn.close()
    except sqlite3.Error:
        return False  # the readers of damaged or unknown databases say what it is


@extractor(FORMAT, accepts=_is_discord_cache, priority=30)
def extract(source: Source, path: Path, ctx: StageContext) -> Iterator[Item | Person | Mention | Refused]:
    yield from sqlite_source.read_messages(
        source, path, "Discord cache", lambda conn, tables, book: _read(source, path, conn, book), ctx.work_dir
    )


def _read(source: Source, path: Path, conn: sqlite3.Connection, book: common.PeopleBook) -> Iterator[Item | Person | Mention | Part]:
    wanted: list[tuple[int, str, str]] = []  # (entry, url, cached at) of the responses read
    for r in sqlite_source.parts(path, conn, RESPONSES, NEEDS[RESPONSES][1:], key="entry_ID", one="cached request"):
        if isinstance(r, tuple):
            yield r
            continue
        url = r["request_key"] if isinstance(r["request_key"], str) else ""
        if (ABOUT_PEOPLE.match(url) or LOGIN.match(url)) and not ACK.search(url):
            wanted.append((r[0], url, str(r["time_stamp"] or "")))
    bodies: dict[int, Any] = {}
    for entry, _, _ in wanted:
        got = _body(path, conn, entry)
        if isinstance(got, tuple):
            yield got
        elif got is not None:
            bodies[entry] = got
    account = _account(wanted, bodies)
    latest: dict[str, tuple[str, str, dict[str, Any]]] = {}  # message id -> (cached at, channel, message)
    for entry, url, cached_at in wanted:
        m = MESSAGES.match(url)
        if m is None or entry not in bodies:
            continue
        found = bodies[entry] if isinstance(bodies[entry], list) else [bodies[entry]]
        messages = [x for x in found if isinstance(x, dict) and x.get("id") and "content" in x]
        if not messages:
            if found:  # an empty window is no message, and nothing lost
                yield sqlite_source.refused(path, f"{RESPONSES} entry_ID={entry}", f"cached response {entry} holds no Discord messages")
            continue
        for message in messages:
            key = str(message["id"])
            if key not in latest or cached_at >= latest[key][0]:
                latest[key] = (cached_at, m.group(1), message)
    for key in sorted(latest, key=lambda k: (len(k), k)):  # ids are numbers that grow with time
        _, channel, message = latest[key]
        item = discord.message_item(source, f"message id={key}", message, channel, account, FORMAT)
        sender = item.device.sender if item.device else None
        if sender and sender.name and not sender.owner:
            book.add(sender.to_json(), "Discord authors")
        yield item
        yield from book
    for entry, url, cached_at in wanted:
        if MESSAGES.match(url) or not ABOUT_PEOPLE.match(url) or entry not in bodies or bodies[entry] in ({}, []):
            continue  # the login's body holds the account's token: read for its id only
        if PROFILE.match(url) and isinstance(bodies[entry], dict):
            user = bodies[entry].get("user")
            if isinstance(user, dict) and (name := discord.name_of(user)) and str(user.get("id")) != account[0]:
                book.add(common.party(str(user.get("id") or "") or None, name, False), "Discord profiles")
        yield _response(source, entry, url, cached_at, bodies[entry])
    yield from book


def _response(source: Source, entry: int, url: str, cached_at: str, body: Any) -> Item:
    """Another cached response about users, channels or servers (a profile, the friends list) as a record:
    its JSON one line a value, so every name, number or address in it is flagged."""
    request = re.sub(API, "", url).split("?", 1)[0]
    meta = {"format": FORMAT, "app": "Discord", "request": request, "cached_at": cached_at}
    text = "\n".join(structured.json_lines(body))
    return common.make_item(
        source, f"{RESPONSES} entry_ID={entry}", "record", f"Discord cached response: {request}", [("text", text)], meta
    )


def _body(path: Path, conn: sqlite3.Connection, entry: int) -> Any | Part | None:
    """The JSON of a cached response's body (inline, or in ``fsCachedData`` beside the database); a refusal when it
    cannot be read or is not JSON; None when the cache holds no body for it."""
    locator = f"{BODIES} entry_ID={entry}"
    try:
        row = conn.execute(f"SELECT isDataOnFS, receiver_data FROM {BODIES} WHERE entry_ID = ?", (entry,)).fetchone()
    except sqlite3.DatabaseError as exc:
        return sqlite_source.refused(
            path, locator, f"cached response {entry} cannot be read: a damaged part of the database ({type(exc).__name__})"
        )
    if row is None or row[1] is None:
        return None
    data = row[1]
    if row[0]:
        name = data.decode("utf-8", "replace") if isinstance(data, bytes) else str(data)
        if not CACHED_NAME.match(name):
            return sqlite_source.refused(path, locator, f"cached response {entry} names its body's file in a form iOS does not write")
        file = path.parent / "fsCachedData" / name
        if not file.is_file():
            return sqlite_source.refused(
                path, locator, f"cached response {entry}: its body, fsCachedData/{name}, is not beside the database (add that folder)"
            )
        if file.stat().st_size > MAX_BODY:
            return sqlite_source.refused(path, locator, f"cached response {entry}: fsCachedData/{name} is over {MAX_BODY >> 20} MB")
        data = file.read_bytes()
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogatepass")
    if len(data) > MAX_BODY:
        return sqlite_source.refused(path, locator, f"cached response {entry} is over {MAX_BODY >> 20} MB")
    try:
        return json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return sqlite_source.refused(path, locator, f"cached response {entry} is not the JSON Discord's API writes")


def _account(wanted: list[tuple[int, str, str]], bodies: dict[int, Any]) -> discord.Account:
    """The account's id and how it is known (or None and why not)."""
    for entry, url, _ in wanted:
        body = bodies.get(entry)
        if LOGIN.match(url) and isinstance(body, dict) and body.get("user_id"):
            return str(body["user_id"]), "the cached login response's user_id"
    for entry, url, _ in wanted:
        body = bodies.get(entry)
        for message in body if isinstance(body, list) else [body]:
            if MESSAGES.match(url) and isinstance(message, dict) and message.get("nonce") and isinstance(message.get("author"), dict):
                if message["author"].get("id"):
                    return str(
                        message["author"]["id"]
                    ), "the author of a message this phone sent (Discord returns its nonce only to the sender)"
    return None, "no cached login response or message sent from this phone names the account"
