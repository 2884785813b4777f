"""Telegram Desktop JSON exports: a single chat (``messages``) or a full export (``chats.list``).

The file is streamed (:mod:`jsonstream`): the messages are never all in memory at once.

``text`` is a string or a list of strings and entity objects (``{"type": "phone", "text": ...}``):
both become one plain string. Service messages (calls, joins, pins) are kept as system lines;
``reply_to_message_id``, ``edited`` and media fields (photo, file, voice) are kept in meta, media
as attachments that are not in the JSON. ``date_unixtime`` (UTC) is preferred to ``date``
(local time of the exporting computer). The owner (``personal_information``) and ``contacts``
become known people; the owner's messages are outgoing.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from redactor.errors import CorruptInput, InputError, UnsupportedInput
from redactor.extract import extractor
from redactor.extract.device import common, jsonstream
from redactor.records import Item, Mention, Person, Refused, Source, stable_id
from redactor.stages import StageContext

MEDIA = ("photo", "file", "thumbnail", "sticker_emoji", "media_type")
# the long arrays, read in a second pass (left chats are skipped, as they always were)
STREAMED = ("messages", "chats.list.item.messages", "left_chats.list.item.messages")


# the fields read as strings (a name that is a list, an action that is a number cannot be read): a message's, a service
# message's (its action is read as text: "Jo phone call (5 s)")
FIELDS: dict[bool, jsonstream.Expected] = {
    False: {"from": jsonstream.STRING_OR_NULL},
    True: {"actor": jsonstream.STRING_OR_NULL, "action": ((str,), "a string")},
}


def _accepts(source: Source, path: Path, head: bytes) -> bool:
    return (
        source.media_type == "application/json"
        and b'"messages"' in head
        and (b'"date_unixtime"' in head or b'"personal_information"' in head or b'"chats"' in head)
        and b'"sender_name"' not in head
    )


def flatten(text: Any) -> str:
    if isinstance(text, str):
        return text
    if isinstance(text, list):
        return "".join(t if isinstance(t, str) else str(t.get("text", "")) if isinstance(t, dict) else "" for t in text)
    return ""


@extractor("telegram", accepts=_accepts, priority=40)
def extract_telegram(source: Source, path: Path, ctx: StageContext) -> Iterator[Item | Person | Mention | Refused]:
    doc = jsonstream.load_skeleton(path, STREAMED)
    data = doc.root
    if not isinstance(data, dict):
        raise UnsupportedInput(f"{path}: JSON is not a Telegram export (no top-level object)")
    book = common.PeopleBook(source.ref)
    me = data.get("personal_information") or {}
    owner_id = f"user{me['user_id']}" if me.get("user_id") else None
    if me:
        name = " ".join(x for x in (me.get("first_name"), me.get("last_name")) if x)
        book.add(common.party(me.get("phone_number"), name, True), "Telegram account owner", aliases=[me.get("username", "").lstrip("@")])
    for c in (data.get("contacts") or {}).get("list", []):
        name = " ".join(x for x in (c.get("first_name"), c.get("last_name")) if x)
        book.add(common.party(c.get("phone_number"), name, False), "Telegram contacts")
    yield from book
    chats = (data.get("chats") or {}).get("list") if "chats" in data else [data]
    if doc.cut is not None and isinstance(chats, list):  # the chats begun before the break, with their messages read so far
        chats = [c for c in chats if isinstance(c, dict) and isinstance(c.get("messages"), jsonstream.Streamed)]
    if not isinstance(chats, list) or not all(isinstance(c, dict) and isinstance(c.get("messages"), jsonstream.Streamed) for c in chats):
        raise UnsupportedInput(f"{path}: JSON has no Telegram chats or messages")
    read: list[Any] = [0, None]  # messages read, and the first refusal's error
    for ci, chat in enumerate(chats):
        yield from _chat(source, path, chat, doc.values(chat["messages"]), ci, owner_id, book, read)
    if doc.cut is not None:  # the file stopped being JSON: what came after is refused as one part
        if not read[0]:
            raise doc.cut.error()
        last = len(chats) - 1
        where = f"chats.list[{last}].messages[{chats[last]['messages'].count}]" if doc.cut.array is not None else None
        locator = f"{where} to the end of the file" if where else "the end of the file, after the messages"
        yield Refused(locator, doc.cut.error().code, doc.cut.problem)
    if read[1] is not None and not read[0]:  # no message could be read: the export is refused whole, by the first error
        raise read[1]
    yield from book


def _chat(
    source: Source,
    path: Path,
    chat: dict[str, Any],
    messages: Iterator[Any],
    ci: int,
    owner_id: str | None,
    book: common.PeopleBook,
    read: list[Any],
) -> Iterator[Item | Person | Mention | Refused]:
    chat_id = str(chat.get("id", ci))
    thread = {"id": chat_id, "key": stable_id(source.source_id, "telegram", chat_id), "app": "Telegram", "type": chat.get("type")}
    senders: dict[str, dict[str, Any]] = {}
    for mi, msg in enumerate(messages):
        try:
            item = _message(source, path, msg, ci, mi, owner_id, thread, senders, book)
        except (TypeError, AttributeError, ValueError) as exc:  # a field of an unexpected type (a list for a name ...)
            problem = f"has a field of a type this reader cannot read ({type(exc).__name__})"
            item = CorruptInput(f"{path}: message {mi} of chat {ci} {problem}; refused")
        if isinstance(item, InputError):
            yield Refused(f"chats.list[{ci}].messages[{mi}]", item.code, str(item))
            read[1] = read[1] or item
        else:
            read[0] += 1
            yield item
        yield from book  # the people it named
    names = "\n".join(senders)
    yield common.make_item(
        source,
        f"chats.list[{ci}]",
        "thread",
        "Telegram conversation",
        [("thread.name", chat.get("name")), ("participants", names or None)],
        {"format": "telegram", "kind": "thread", "thread": thread, "participants": list(senders.values())},
    )


def _message(
    source: Source,
    path: Path,
    msg: Any,
    ci: int,
    mi: int,
    owner_id: str | None,
    thread: dict[str, Any],
    senders: dict[str, dict[str, Any]],
    book: common.PeopleBook,
) -> Item | InputError:
    """Message ``mi`` of chat ``ci`` as an item, or the error that refuses it (not built: nested too deeply, too
    large; not an object; a text neither a string nor a list); a field of another unexpected type raises."""
    if isinstance(msg, jsonstream.Unread):
        return msg.error(f"{path}: message {mi} of chat {ci} {msg.problem}; refused")
    if not isinstance(msg, dict):
        return CorruptInput(f"{path}: message {mi} of chat {ci} is a JSON {jsonstream.kind(msg)}, not an object; refused")
    if not isinstance(msg.get("text"), str | list | None):
        return CorruptInput(f"{path}: the text of message {mi} of chat {ci} is a JSON {jsonstream.kind(msg['text'])}; refused")
    wrong = jsonstream.wrong_field(msg, FIELDS[msg.get("type") == "service"]) or (
        None if msg.get("date_unixtime") else jsonstream.wrong_field(msg, {"date": jsonstream.STRING_OR_NULL})
    )
    if wrong:
        return CorruptInput(f"{path}: message {mi} of chat {ci} cannot be read: {wrong}; refused")
    locator = f"chats.list[{ci}].messages[{mi}]" + (f" (id {msg['id']})" if "id" in msg else "")
    service = msg.get("type") == "service"
    who, who_id = (msg.get("actor"), msg.get("actor_id")) if service else (msg.get("from"), msg.get("from_id"))
    owner = (who_id == owner_id) if owner_id and who_id else None
    sender = common.party(None, who, owner)
    sender["telegram_id"] = who_id
    if who and who not in senders:
        senders[who] = sender
        book.add(sender, "Telegram chat participants")
    if msg.get("date_unixtime"):
        time = common.when(common.from_epoch(msg["date_unixtime"]), msg["date_unixtime"], "date_unixtime (UTC)")
    else:
        time = common.when(common.parse_iso(msg.get("date")), msg.get("date"), "date has no zone; assumed Europe/London")
    text = flatten(msg.get("text"))
    if service:
        action = msg.get("action", "service")
        extra = f" ({msg['duration_seconds']} s)" if msg.get("duration_seconds") is not None else ""
        text = f"{who or ''} {action.replace('_', ' ')}{extra}".strip() + (f": {text}" if text else "")
    attachments = [
        {
            "name": Path(str(msg[k])).name if k in ("photo", "file") and "not included" not in str(msg[k]) else None,
            "type": msg.get("mime_type") or msg.get("media_type") or k,
            "present": False,
            "how": "referenced by the JSON; media files are not read from the export folder",
        }
        for k in ("photo", "file")
        if msg.get(k)
    ]
    meta = {
        "format": "telegram",
        "app": "Telegram",
        "time": time,
        "thread": thread,
        "sender": None if service else sender,
        "direction": common.direction(sender, how="from_id is the account owner")
        if owner is not None
        else {"value": "unknown", "how": "no account owner in the export"},
        "system": service,
        "message_id": msg.get("id"),
        "reply_to": msg.get("reply_to_message_id"),
        "edited": bool(msg.get("edited")),
        "attachments": attachments,
    }
    fields = (
        ([] if service else common.party_fields("sender", sender))
        + [("text", text)]
        + [("attachment.name", a["name"]) for a in attachments if a["name"]]
    )
    return common.make_item(source, locator, "message", "Telegram message", fields, meta)
