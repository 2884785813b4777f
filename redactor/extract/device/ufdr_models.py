"""Reading Cellebrite report.xml ``model`` elements into plain data, and models into items.

A model is ``<model type=... id=... deleted_state=...>`` with ``field`` (one value),
``modelField`` (one nested model) and ``multiModelField`` (a list of nested models)
children. :func:`read_model` turns one into a :class:`Model`; :func:`model_item` maps the
common types (messages, calls, contacts, e-mails, notes, calendar, web history) onto items and
keeps every other model type, and every field it does not know, as text, never dropped.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Set
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from redactor.extract.device import common
from redactor.records import Item, Source

KINDS = {
    "InstantMessage": "message",
    "SMS": "message",
    "MMS": "message",
    "Call": "call",
    "Contact": "contact",
    "Email": "email",
    "Note": "note",
    "CalendarEntry": "calendar",
    "VisitedPage": "web_visit",
    "WebBookmark": "web_visit",
    "SearchedItem": "web_visit",
    "Attachment": "attachment",
}
# String fields that carry no personal data: kept in meta, not sent to detection.
TECHNICAL = {
    "Source",
    "Status",
    "Folder",
    "Direction",
    "Type",
    "Category",
    "ContentType",
    "Identifier",
    "Priority",
    "ServiceIdentifier",
    "Platform",
    "ChatType",
    "MessageType",
    "attachment_extracted_path",
    "UserMapping",
}
SCALAR_TYPES = {
    "Boolean",
    "Int32",
    "Int64",
    "Double",
    "TimeSpan",
    "MessageStatus",
    "CallStatus",
    "CallDirection",
    "PartyRole",
    "MessageFolder",
    "NotificationStatus",
}


@dataclass(slots=True)
class Model:
    type: str
    id: str
    attrs: dict[str, str]
    fields: dict[str, tuple[str | None, str, str | None]] = field(default_factory=dict)  # name -> (text, type, formattedTimestamp)
    one: dict[str, Model] = field(default_factory=dict)
    many: dict[str, list[Model]] = field(default_factory=dict)

    def text(self, name: str) -> str | None:
        value = self.fields.get(name)
        return value[0] if value else None

    def flag(self, name: str) -> bool | None:
        value = (self.text(name) or "").strip().lower()
        return True if value == "true" else False if value == "false" else None


def _local(tag: object) -> str:
    return tag[tag.rfind("}") + 1 :] if isinstance(tag, str) else ""


_LOCAL: dict[object, str] = {}  # full tag -> local name; a report uses a handful of tags
_LOCAL_MAX = 1024  # a hostile report with endless distinct tags just misses the cache


def local(tag: object) -> str:
    """:func:`_local` memoised: lxml builds a fresh tag string on every access."""
    name = _LOCAL.get(tag)
    if name is None:
        name = _local(tag)
        if len(_LOCAL) < _LOCAL_MAX and len(str(tag)) < 256:
            _LOCAL[tag] = name
    return name


def read_model(elem: Any) -> Model:
    """Plain data of one model element (hot path: called once per message)."""
    attrs = dict(elem.items())
    fields: dict[str, tuple[str | None, str, str | None]] = {}
    one: dict[str, Model] = {}
    many: dict[str, list[Model]] = {}
    model = Model(attrs.get("type") or _local(elem.tag), attrs.get("id") or "", attrs, fields, one, many)
    names = _LOCAL
    for child in elem:
        tag = names.get(child.tag) or local(child.tag)
        if tag == "field":
            name = child.get("name") or ""
            value = child[0] if len(child) else None
            if value is not None and not value.tag.endswith("value"):
                value = next((v for v in child if _local(v.tag) == "value"), None)
            ftype = child.get("type") or ""
            if value is None:
                fields[name] = (None, ftype, None)
            else:
                fields[name] = (value.text, ftype, value.get("formattedTimestamp") if ftype == "TimeStamp" else None)
        elif tag == "modelField":
            for c in child:
                if (names.get(c.tag) or local(c.tag)) == "model":
                    one[child.get("name") or ""] = read_model(c)
                    break
        elif tag == "multiModelField":
            many[child.get("name") or ""] = [read_model(c) for c in child if (names.get(c.tag) or local(c.tag)) == "model"]
    return model


def timestamp(model: Model, *names: str) -> dict[str, Any]:
    """The first of the named time fields: ``formattedTimestamp`` (with its offset) preferred."""
    return first_time(model, names)


def first_time(model: Model, names: tuple[str, ...]) -> dict[str, Any]:
    fields = model.fields
    for name in names:
        value = fields.get(name)
        if not value or not (value[0] or value[2]):
            continue
        formatted = value[2]
        parsed = common.parse_iso(formatted)
        dt = parsed or common.parse_iso(value[0])
        source = "offset in formattedTimestamp" if formatted and parsed else "offset in the value"
        if dt is not None and dt.tzinfo is None:
            source = "no offset; assumed Europe/London"
        out = common.when(dt, formatted or value[0], source)
        out["field"] = name
        return out
    return common.when(None, None, "")


_CACHE_TEXT = 256  # longer identifiers or names are not cached (bounded memory on hostile input)


@lru_cache(maxsize=4096)
def _party(raw: str | None, name: str | None, owner: str | None, role: str | None) -> dict[str, Any]:
    """A party from its field texts (``IsPhoneOwner`` read as :meth:`Model.flag` does). Never handed
    out: callers get a copy (values are str, bool or None, so a shallow one)."""
    flag = (owner or "").strip().lower()
    return common.party(raw, name, True if flag == "true" else False if flag == "false" else None, (role or "").lower())


def to_party(m: Model, known: Mapping[str, dict[str, Any]] | None = None) -> dict[str, Any]:
    get = m.fields.get  # Model.text inlined: this runs once per party of every message
    raw, name, owner, role = get("Identifier"), get("Name"), get("IsPhoneOwner"), get("Role")
    raw, name = raw and raw[0], name and name[0]
    if (raw and len(raw) > _CACHE_TEXT) or (name and len(name) > _CACHE_TEXT):  # hostile sizes are not kept
        p = _party.__wrapped__(raw, name, owner and owner[0], role and role[0]).copy()
    else:
        p = _party(raw, name, owner and owner[0], role and role[0]).copy()
    if p.get("owner") is None and known:
        found = known.get(common.party_key(p))
        if found is not None:
            p["owner"] = found.get("owner")
            p["name"] = p.get("name") or found.get("name")
    return p


def parties(model: Model, known: Mapping[str, dict[str, Any]] | None = None) -> tuple[dict[str, Any] | None, list[dict[str, Any]]]:
    """Sender and recipients: ``From``/``To`` fields, or ``Parties`` with a ``Role``."""
    sender = to_party(model.one["From"], known) if "From" in model.one else None
    recipients = [to_party(m, known) for m in model.many.get("To", [])]
    for m in model.many.get("Parties", []):
        p = to_party(m, known)
        if p.get("role") == "from" and sender is None:
            sender = p
        else:
            recipients.append(p)
    return sender, recipients


def message_direction(model: Model, sender: dict[str, Any] | None) -> dict[str, str]:
    if sender is not None and sender.get("owner") is not None:
        return common.direction(sender, how="From party IsPhoneOwner")
    status, folder = (model.text("Status") or "").lower(), (model.text("Folder") or "").lower()
    if status in ("sent", "delivered", "sending"):
        return {"value": "outgoing", "how": "Status field"}
    if status in ("read", "unread", "received"):
        return {"value": "incoming", "how": "Status field"}
    if folder in ("inbox",):
        return {"value": "incoming", "how": "Folder field"}
    if folder in ("sent", "outbox"):
        return {"value": "outgoing", "how": "Folder field"}
    direction = (model.text("Direction") or "").lower()
    if direction in ("incoming", "outgoing", "missed"):
        return {"value": direction, "how": "Direction field"}
    return {"value": "unknown", "how": "not recorded"}


def leftover_fields(model: Model, used: Set[str]) -> tuple[list[tuple[str, str | None]], dict[str, Any]]:
    """Fields not mapped explicitly: strings go to detection as ``field.<Name>``, the rest to meta."""
    segments, extra = [], {}
    for name, (text, ftype, _formatted) in model.fields.items():
        if name in used or text is None:
            continue
        if ftype == "TimeStamp":
            extra[name] = timestamp(model, name)
        elif ftype in SCALAR_TYPES or name in TECHNICAL:
            extra[name] = text
        else:
            segments.append((f"field.{name}", text))
    return segments, extra


def base_meta(model: Model, kind: str, time: dict[str, Any]) -> dict[str, Any]:
    return {
        "format": "ufdr",
        "model_type": model.type,
        "model_id": model.id,
        "kind": kind,
        "app": model.text("Source"),
        "time": time,
        "deleted": model.attrs.get("deleted_state", "Unknown"),
        "decoding_confidence": model.attrs.get("decoding_confidence"),
        "extraction_id": model.attrs.get("extractionId"),
    }


AttachmentFn = Callable[[Model, str], dict[str, Any]]


TIME_FIELDS = (
    "TimeStamp",
    "DateSent",
    "DateDelivered",
    "StartTime",
    "Creation",
    "LastVisited",
    "Modified",
    "StartDate",
    "Date",
    "LastAccessed",
)
MAPPED_LISTS = frozenset(("To", "Parties", "Attachments", "Attachment", "Entries", "PhoneNumbers", "EmailAddresses", "From"))
_USED_BASE = frozenset(("Source", "TimeStamp"))
_USED_MESSAGE = _USED_BASE | {"Subject", "Body"}
_USED_CONTACT = _USED_BASE | {"Name"}
_NO_FIELDS: frozenset[str] = frozenset()


def model_item(
    source: Source,
    locator: str,
    model: Model,
    attach: AttachmentFn,
    thread: dict[str, Any] | None = None,
    known: Mapping[str, dict[str, Any]] | None = None,
) -> Item:
    kind = KINDS.get(model.type, "record")
    fields: list[tuple[str, str | None]]
    used: Set[str] = _USED_BASE
    meta = base_meta(model, kind, first_time(model, TIME_FIELDS))
    many = model.many
    if kind in ("message", "email", "call"):
        sender, recipients = parties(model, known)
        meta["sender"] = sender
        meta["recipients"] = recipients
        meta["direction"] = message_direction(model, sender)
        fields = common.party_fields("sender", sender)
        fields.append(("recipients", common.recipients_text(recipients)))
        fields.append(("subject", model.text("Subject")))
        fields.append(("text", model.text("Body")))
        used = _USED_MESSAGE
        if kind == "call":
            meta["duration"] = model.text("Duration")
            meta["call_status"] = model.text("Status")
    elif kind == "contact":
        fields = [("name", model.text("Name"))]
        used = _USED_CONTACT
        entries = []
        for entry in many.get("Entries", []) + many.get("PhoneNumbers", []) + many.get("EmailAddresses", []):
            value = entry.text("Value")
            entries.append(
                {
                    "type": entry.type,
                    "category": entry.text("Category"),
                    "phone": common.e164(value) if entry.type == "PhoneNumber" else None,
                }
            )
            fields.append((f"{entry.type.lower()}.{(entry.text('Category') or '').lower() or 'value'}", value))
        meta["entries"] = entries
    elif kind in ("note", "calendar", "web_visit"):
        fields = []
        used = set(_USED_BASE)
        for name in ("Title", "Subject", "Summary", "Url", "Location", "Body", "Description", "Details"):
            if model.text(name):
                fields.append((name.lower() if name != "Body" else "text", model.text(name)))
                used.add(name)
    else:
        fields = []
    if many:
        attachments = [
            attach(a, f"{locator}/attachment[{i}]") for i, a in enumerate(many.get("Attachments", []) + many.get("Attachment", []))
        ]
        if attachments:
            meta["attachments"] = attachments
            fields += [("attachment.name", a.get("name")) for a in attachments]
    rest, extra = leftover_fields(model, used)
    fields += rest
    if extra:
        meta["fields"] = extra
    for name, nested in many.items():  # unknown nested lists: keep their text
        if name not in MAPPED_LISTS:
            for i, sub in enumerate(nested):
                sub_rest, _ = leftover_fields(sub, _NO_FIELDS)
                fields += [(f"{name}[{i}].{f.split('.', 1)[1]}", t) for f, t in sub_rest]
    if thread:
        meta["thread"] = thread
    title = f"{meta.get('app') or 'UFDR'} {model.type}"
    return common.make_item(source, locator, kind, title, fields, meta)
