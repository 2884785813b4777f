"""Meta "Download your information" message JSON (Facebook Messenger, Instagram): ``message_N.json``.

Meta writes UTF-8 bytes as if each were a Latin-1 character (``"Zo\\u00c3\\u00ab"`` for "Zoë"):
:func:`fix_mojibake` re-encodes as Latin-1 and decodes as UTF-8, and leaves a string alone when
that fails (it was not mis-encoded). Messages are newest first in the file; the transcript orders
them by time. ``timestamp_ms`` is UTC. Photos, videos, audio and files are attachments that are
not in the JSON; reactions, calls and shares are kept. The file is streamed (:mod:`jsonstream`):
the messages are never all in memory at once.
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

MEDIA = ("photos", "videos", "audio_files", "files", "gifs", "sticker")


def fix_mojibake(text: Any) -> Any:
    if isinstance(text, str):
        try:
            return text.encode("latin-1").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            return text
    if isinstance(text, list):
        return [fix_mojibake(t) for t in text]
    if isinstance(text, dict):
        return {k: fix_mojibake(v) for k, v in text.items()}
    return text  # numbers, and the stand-in for the streamed messages


# the fields a message is read by whose type matters: the sender's name and a shared link are read as text, the
# reactions as a list (a number or true/false cannot be)
FIELDS: jsonstream.Expected = {
    "sender_name": jsonstream.STRING_OR_NULL,
    "reactions": ((list, dict, str, type(None)), "a list"),
}
SHARE: jsonstream.Expected = {"link": jsonstream.STRING_OR_NULL}


def _accepts(source: Source, path: Path, head: bytes) -> bool:
    return source.media_type == "application/json" and b'"messages"' in head and (b'"sender_name"' in head or b'"participants"' in head)


@extractor("meta-messages", accepts=_accepts, priority=40)
def extract_meta(source: Source, path: Path, ctx: StageContext) -> Iterator[Item | Person | Mention | Refused]:
    doc = jsonstream.load_skeleton(path, ("messages",))
    data = fix_mojibake(doc.root)
    if not isinstance(data, dict) or not isinstance(data.get("messages"), jsonstream.Streamed):
        raise UnsupportedInput(f"{path}: JSON is not a Meta message export (no messages list)")
    app = (
        "Instagram" if "instagram" in str(data.get("thread_path", "")).lower() or "instagram" in path.name.lower() else "Facebook Messenger"
    )
    thread_id = str(data.get("thread_path") or "thread")
    thread = {"id": thread_id, "key": stable_id(source.source_id, "meta", thread_id), "app": app}
    book = common.PeopleBook(source.ref)
    participants = [common.party(None, p.get("name"), None) for p in data.get("participants", []) if isinstance(p, dict)]
    for p in participants:
        book.add(p, f"{app} participants")
    first: InputError | None = None  # the first message refused, which refuses the file if no message can be read
    read = 0
    for i, msg in enumerate(doc.values(data["messages"])):
        try:
            item = _message(source, path, msg, i, app, thread)
        except (TypeError, AttributeError, ValueError) as exc:  # a field of an unexpected type (a list for a name ...)
            problem = f"has a field of a type this reader cannot read ({type(exc).__name__})"
            item = CorruptInput(f"{path}: message {i} {problem}; refused")
        if isinstance(item, InputError):
            yield Refused(f"messages[{i}]", item.code, str(item))
            first = first or item
        else:
            read += 1
            yield item
    if doc.cut is not None:  # the file stopped being JSON: what came after is refused as one part
        if not read:
            raise doc.cut.error()
        where = f"messages[{data['messages'].count}]" if doc.cut.array is not None else None
        locator = f"{where} to the end of the file" if where else "the end of the file, after the messages"
        yield Refused(locator, doc.cut.error().code, doc.cut.problem)
    if first is not None and not read:
        raise first
    names = "\n".join(p["name"] for p in participants if p.get("name"))
    yield common.make_item(
        source,
        "file",
        "thread",
        f"{app} conversation",
        [("thread.name", data.get("title")), ("participants", names or None)],
        {"format": "meta-dyi", "kind": "thread", "thread": thread, "participants": participants},
    )
    yield from book


def _message(source: Source, path: Path, msg: Any, i: int, app: str, thread: dict[str, Any]) -> Item | InputError:
    """Message ``i`` as an item, or the error that refuses it (not built: nested too deeply, too large; not an object;
    a content that is not a string); a field of another unexpected type raises."""
    if isinstance(msg, jsonstream.Unread):
        return msg.error(f"{path}: message {i} {msg.problem}; refused")
    if not isinstance(msg, dict):
        return CorruptInput(f"{path}: message {i} is a JSON {jsonstream.kind(msg)}, not an object; refused")
    if not isinstance(msg.get("content"), str | None):
        return CorruptInput(f"{path}: the content of message {i} is a JSON {jsonstream.kind(msg['content'])}; refused")
    share = msg.get("share")
    wrong = jsonstream.wrong_field(msg, FIELDS) or (jsonstream.wrong_field(share, SHARE, "share.") if isinstance(share, dict) else None)
    if wrong:
        return CorruptInput(f"{path}: message {i} cannot be read: {wrong}; refused")
    msg = fix_mojibake(msg)
    sender = common.party(None, msg.get("sender_name"), None)
    attachments = [
        {
            "name": Path(str(m.get("uri", ""))).name or None,
            "type": kind,
            "present": False,
            "how": "referenced by the JSON; media files are not read from the export folder",
        }
        for kind in MEDIA
        for m in (msg.get(kind) or [] if isinstance(msg.get(kind), list) else [msg.get(kind)] if msg.get(kind) else [])
        if isinstance(m, dict)
    ]
    reactions = [f"{r.get('reaction', '')} {r.get('actor', '')}".strip() for r in msg.get("reactions") or [] if isinstance(r, dict)]
    share = (msg.get("share") or {}).get("link") if isinstance(msg.get("share"), dict) else None
    meta = {
        "format": "meta-dyi",
        "app": app,
        "thread": thread,
        "sender": sender,
        "time": common.when(common.from_epoch(msg.get("timestamp_ms"), "ms"), msg.get("timestamp_ms"), "timestamp_ms (UTC)"),
        "direction": {"value": "unknown", "how": "a Meta export does not mark the account owner's messages"},
        "call_duration": msg.get("call_duration"),
        "attachments": attachments,
        "unsent": bool(msg.get("is_unsent")),
    }
    fields = common.party_fields("sender", sender) + [
        ("text", msg.get("content")),
        ("share", share),
        ("reactions", "\n".join(reactions) or None),
    ]
    fields += [("attachment.name", a["name"]) for a in attachments if a["name"]]
    return common.make_item(source, f"messages[{i}]", "message", f"{app} message", fields, meta)
