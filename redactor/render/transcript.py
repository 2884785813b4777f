"""Conversations as transcripts, and other device records as readable records.

Extractors keep one item per message (each reviewed and flagged on its own) and tag it with
its thread (``item.device.thread.key``); a ``thread`` item carries the conversation's title and participants.
At bundle time :func:`group_conversations` folds the in-scope items of each thread into one
``conversation`` item whose segments are the members' segments (same segment ids, so every
flag still applies) and whose ``meta.members`` lists the member item ids. The transcript
renderer draws it as one PDF: title, participants, then one row per message with time,
direction, speaker, sender, text and attachments. Out-of-scope messages stay single items
and are withheld as before.

A sender name or number redacted anywhere in a conversation is redacted everywhere in it
(every row and the participants list) with the same reason code, and each speaker keeps a
neutral label (``P1``, ``P2``, ...) so the conversation stays readable.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace

from redactor.facts import Attachment, DeviceFacts
from redactor.records import Flag, Item, RenderedItem, Segment, identity_key, stable_id
from redactor.render import RenderContext, renderer
from redactor.render.spans import by_segment, cuts_for
from redactor.render.textdoc import Script, draw_segment, split_script, typeset

CONVERSATION = "conversation"
THREADED = ("message", "thread")
DEVICE_KINDS = ("message", "call", "contact", "email", "note", "calendar", "web_visit", "attachment", "record", "thread")
IDENTITY_FIELDS = ("sender.name", "sender.id")


def group_conversations(items: Sequence[Item], scope_of: Callable[[str], str]) -> list[Item]:
    """Replace the in-scope items of each thread by one conversation item, at the first member's place."""
    groups: dict[str, list[Item]] = {}
    for item in items:
        key = _thread_key(item)
        if key and scope_of(item.item_id) == "in":
            groups.setdefault(key, []).append(item)
    out: list[Item] = []
    placed: set[str] = set()
    for item in items:
        key = _thread_key(item)
        if key not in groups or scope_of(item.item_id) != "in":
            out.append(item)
        elif key not in placed:
            placed.add(key)
            out.append(conversation(key, groups[key]))
    return out


def members_note(members: Sequence[str], refs: dict[str, str]) -> str:
    """For the bundle index: how many case items a transcript holds (the 'contains' column lists them)."""
    return f"transcript of {len(members)} items" if len(members) > 1 else ""


def _thread_key(item: Item) -> str | None:
    thread = item.device.thread if item.kind in THREADED else None
    return thread.key if thread is not None else None


def _utc(item: Item) -> str | None:
    time = item.device.time
    return time.utc if time is not None else None


def conversation(key: str, members: Sequence[Item]) -> Item:
    header = next((m for m in members if m.kind == "thread"), None)
    messages = [m for m in members if m.kind != "thread"]
    if all(_utc(m) for m in messages):
        messages = sorted(messages, key=_utc)  # stable: equal times keep file order
    ordered = ([header] if header else []) + messages
    segments = tuple(s for m in ordered for s in m.segments)
    rows = [
        {
            "item_id": m.item_id,
            "time": _utc(m),
            "direction": m.device.direction,
            "speaker": _speaker_key(m),
            "system": bool(m.meta.get("system")),
            "deleted": m.meta.get("deleted") not in (None, "Intact"),
            "edited": bool(m.meta.get("edited")),
            "attachments": [(bool(a.name), _attachment_note(a)) for a in m.device.attachments],
        }
        for m in messages
    ]
    first = members[0]
    thread = first.device.thread
    meta = {
        "members": [m.item_id for m in ordered],
        "rows": rows,
        "header": header.item_id if header else None,
        "app": (thread.app if thread else None) or first.meta.get("app"),
    }
    facts = DeviceFacts(thread=thread)
    return Item(stable_id("conversation", key), first.source_id, f"thread {key}", CONVERSATION, "conversation", segments, meta, facts)


def _speaker_key(item: Item) -> str:
    sender = item.device.sender
    return sender.key if sender is not None else ""


def _attachment_note(a: Attachment) -> str:
    kind = a.type or "file"
    state = "present, extracted as a separate item" if a.present else "not in the download"
    return f"{kind}; {state}"


# a file or attachment name is personal data too: "Jo Example.vcf" names Jo Example
IDENTITY_TARGETS = (*IDENTITY_FIELDS, "participants", "recipients", "thread.name", "party.name", "party.id", "attachment.name")


def consistent_flags(segments: Sequence[Segment], flags: Sequence[Flag], known: Mapping[str, Flag] | None = None) -> list[Flag]:
    """Extend redactions of sender names/numbers to every occurrence in identity fields.

    ``known`` holds identities redacted elsewhere in the bundle (``CaseStore.redacted_identities``);
    a flag is only ever added, never removed, so this can only redact more.
    """
    redacted: dict[str, Flag] = {}
    index = by_segment(flags)
    for seg in segments:
        if seg.field in IDENTITY_FIELDS and cuts_for(seg, index.get(seg.segment_id, ())):
            redacted.setdefault(identity_key(seg.text), index[seg.segment_id][0])
    for value, flag in (known or {}).items():
        redacted.setdefault(value, flag)
    if not redacted:
        return list(flags)
    out = list(flags)
    for seg in segments:
        if seg.field not in IDENTITY_TARGETS:
            continue
        low = seg.text.lower()
        for value, flag in redacted.items():
            start = low.find(value)
            while value and start >= 0:
                out.append(replace(flag, segment_id=seg.segment_id, item_id=seg.item_id, start=start, end=start + len(value)))
                start = low.find(value, start + len(value))
    return out


def _draw(script: Script, segment: Segment | None, flags: dict[str, list[Flag]]) -> None:
    if segment is not None:
        draw_segment(script, segment, flags.get(segment.segment_id, ()))


def _time(value: str | None) -> str:
    return f"{value[8:10]}/{value[5:7]}/{value[:4]} {value[11:19]} UTC" if value else "time not recorded"


ROW_FIELDS = ("sender.name", "sender.id", "text", "attachment.name")
# how a message's other fields are labelled under it, where a field's own name would not read as English
FIELD_NAMES = {
    "text.before_edit": "earlier version, before an edit",
    "group.name": "group name",
    "attachment.title": "shared",
    "thread.name": "conversation name",
}
ARROWS = {"incoming": "<-", "outgoing": "->", "missed": "<- missed", "unknown": ""}


TRANSCRIPT_TITLE = "conversation transcript (redacted copy)"


def _split_transcript(item: Item, flags: Sequence[Flag], rctx: RenderContext) -> list:
    return split_script(item, lambda: transcript_script(item, flags, rctx))


@renderer("transcript", accepts=lambda item: item.kind == CONVERSATION, priority=50, split=_split_transcript)
def render_transcript(item: Item, flags: Sequence[Flag], rctx: RenderContext) -> RenderedItem:
    return typeset(lambda: transcript_script(item, flags, rctx), TRANSCRIPT_TITLE, rctx, item.item_id)


def transcript_script(item: Item, flags: Sequence[Flag], rctx: RenderContext) -> Script:
    """Title, participants, then one row per message: time, direction, speaker, sender, text, attachments."""
    flags = by_segment(consistent_flags(item.segments, flags, rctx.identities))
    by_item: dict[str, list[Segment]] = {}
    for seg in item.segments:
        by_item.setdefault(seg.item_id, []).append(seg)
    layout = Script()
    header = by_item.get(item.meta.get("header") or "", [])
    title = next((s for s in header if s.field == "thread.name"), None)
    layout.heading(f"Conversation ({item.meta.get('app') or 'messages'}, {len(item.meta.get('rows', []))} messages)")
    if title is not None:
        _draw(layout, title, flags)
        layout.newline(extra=2)
    participants = next((s for s in header if s.field == "participants"), None)
    if participants is not None:
        layout.heading("Participants")
        _draw(layout, participants, flags)
        layout.newline(extra=6)
    speakers: dict[str, str] = {}
    for row in item.meta.get("rows", []):
        segs = {s.field: s for s in by_item.get(row["item_id"], [])}
        label = "" if row["system"] else speakers.setdefault(row["speaker"], f"P{len(speakers) + 1}")
        marks = [m for m, on in (("deleted", row["deleted"]), ("edited", row["edited"]), ("system message", row["system"])) if on]
        layout.heading(
            " ".join(
                x
                for x in (
                    _time(row["time"]),
                    ARROWS.get(row["direction"] or "unknown", ""),
                    label,
                    f"[{', '.join(marks)}]" if marks else "",
                )
                if x
            )
        )
        if "sender.name" in segs or "sender.id" in segs:
            _draw(layout, segs.get("sender.name"), flags)
            _draw(layout, segs.get("sender.id"), flags)
            layout.word(":")
        _draw(layout, segs.get("text"), flags)
        names = [s for s in by_item.get(row["item_id"], []) if s.field == "attachment.name"]
        for named, note in row["attachments"]:
            layout.newline()
            layout.word("[attachment:")
            if named and names:
                _draw(layout, names.pop(0), flags)
            layout.word(f"({note})]")
        for seg in names:  # attachment names without a matching attachment record
            layout.newline()
            layout.word("[attachment:")
            _draw(layout, seg, flags)
            layout.word("]")
        for seg in by_item.get(row["item_id"], []):  # every other field of the message, labelled: nothing is left out
            if seg.field not in ROW_FIELDS:
                layout.newline()
                layout.word(f"{FIELD_NAMES.get(seg.field, seg.field)}:")
                _draw(layout, seg, flags)
        layout.newline(extra=4)
    return layout


RECORD_META = (("app", "app"), ("direction", "direction"), ("duration", "duration"), ("call_status", "status"), ("deleted", "deleted"))


def _record_value(item: Item, key: str) -> object:
    """A fact shown in a record's heading: the typed direction, or a format's extra from meta."""
    if key == "direction":
        return item.device.direction
    value = item.meta.get(key)
    return value.get("value") if isinstance(value, dict) else value


@renderer("device-record", accepts=lambda item: item.kind in DEVICE_KINDS, priority=60)
def render_record(item: Item, flags: Sequence[Flag], rctx: RenderContext) -> RenderedItem:
    flags = by_segment(consistent_flags(item.segments, flags, rctx.identities))
    layout = Script()
    facts = [item.kind.replace("_", " ")]
    facts.append(_time(_utc(item)))
    for key, label in RECORD_META:
        value = _record_value(item, key)
        if value not in (None, "", "unknown", "Intact"):
            facts.append(f"{label}: {value}")
    layout.heading(" | ".join(facts))
    for seg in item.segments:
        layout.heading(seg.field)
        _draw(layout, seg, flags)
        layout.newline(extra=4)
    for a in item.device.attachments:
        layout.heading(f"attachment: {_attachment_note(a)}")
    return typeset(lambda: layout, f"{item.kind} (redacted copy)", rctx, item.item_id)
