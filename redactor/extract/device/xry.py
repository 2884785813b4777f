"""MSAB XRY text exports: one ``.txt`` file a category (``Messages-SMS.txt``, ``Calls.txt``, ``Contacts-Contacts.txt``,
``Device-General Information.txt``, ...), as XRY or XAMN's "export to text" writes them.

The layout, as the Autopsy XRY data source processor reads it (Apache-2.0; no code copied; no public export exists to
check against, so the reader is defensive): UTF-16LE with a byte order mark (UTF-8 is read too); a five-line header
whose first line is ``XRY Export`` and whose third is the report type (``Messages/SMS``); then entries separated by
blank lines. An entry starts with a title line, its category, ``#``, a tab and its number (``Messages-SMS #<TAB>12``),
and holds ``Key:<TAB>Value`` lines. A line on its own (``From``, ``To``, ``Participant``) starts a party that the keys
after it describe (``Tel``, ``Name``, ``Name (Matched)``); newer versions also write ``From:<TAB>...`` as a key.

- **Every value is kept.** Text and message keys are the item's text, parties its sender and recipients, and every
  other key its own ``field.<key>`` segment, known or not, so everything goes through detection. Only the export's
  bookkeeping (index, storage, the segment keys, type, status, folder, service centre) goes to the item's meta.
- **A value may run over several lines**, blank ones included: a line that is neither a key, a party nor an entry's
  title continues the value before it, with its line break. A new entry needs a blank line and then a title line.
- **A long SMS split over entries** (``Reference Number``, ``Segment Number``, ``Segments``) is joined into one
  message when its segments follow each other, in segment order and without a separator (an SMS splits at a character
  count, not between words); a segment that is missing is said in the item's meta.
- **Direction** from ``Direction``, an SMS's ``Type`` (``Deliver`` is received, ``Submit`` sent), a call's ``Call Type``
  (``Received``, ``Dialed``, ``Missed``), ``Folder`` or ``Status``; else from the parties (only a ``From``: received;
  only a ``To``: sent); else unknown. ``how`` says which.
- **Times** (``1/2/2019 1:23:45 PM UTC+4 (Device)``): the order of day and month is read over the whole file (a first
  part above 12 is a day, a second part above 12 a month); a file that never tells is month-first when its times carry
  AM/PM (XRY's US format) and day-first otherwise (the UK default), and ``tz_source`` says so. A time without a zone is
  the device's local time, taken as Europe/London and said.
- **Contacts** are known people with every number and e-mail of the entry; the phone's own number in the device
  information (``Attribute: MSISDN``) is the owner's.
- **An entry that cannot be read** (bytes that are not UTF-16, or over ``MAX_ENTRY`` characters) is refused alone, at
  its locator (``entry 12 (line 140)``), never its content; the other entries are read. A file none of whose entries
  can be read is refused whole, and one with no entry at all is empty.

The file is streamed twice (the date order, then the entries): memory does not grow with the number of entries. The
layout is read by :mod:`.xry_layout`; this module makes its entries items.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from redactor.errors import CorruptInput, EmptyInput
from redactor.extract import extractor
from redactor.extract.device import common, tabular
from redactor.extract.device.xry_layout import (
    ADDRESS_KEYS,
    APP_KEYS,
    BOOKKEEPING,
    HEADER,
    NAME_KEYS,
    NUMBER_KEYS,
    PARTY_LINES,
    SUBJECT_KEYS,
    TEXT_KEYS,
    TIME_KEYS,
    Entry,
    Pair,
    date_order,
    encoding_of,
    entries,
    messages_of,
    parse_time,
    read_header,
)
from redactor.records import Item, Mention, Person, Refused, Source, stable_id
from redactor.stages import StageContext

FORMAT = "xry-text"
COMMUNICATIONS = ("message", "call", "email")
# an item's title, in lower case: a category's capitals ("XRY Calls", "Messages-SMS") read as a name to the detector,
# which scrubbed the bundle index's title to "[TP]"
KIND_TITLES = {"message": "message", "call": "call", "contact": "contact", "email": "e-mail", "note": "note", "calendar": "calendar entry"}
OWN_NUMBER = re.compile(r"msisdn|own number|phone number|subscriber number", re.IGNORECASE)


def _accepts(source: Source, path: Path, head: bytes) -> bool:
    if source.media_type != "text/plain":
        return False
    start = head[: len(head) - len(head) % 2] if encoding_of(head) == "utf-16" else head
    text = start[:512].decode(encoding_of(head), "replace")
    return text.lstrip(" \t\r\n\ufeff").split("\n", 1)[0].strip().lower() == HEADER


@extractor(FORMAT, accepts=_accepts, priority=35)
def extract_xry(source: Source, path: Path, ctx: StageContext) -> Iterator[Item | Person | Mention | Refused]:
    with open(path, "rb") as handle:
        encoding = encoding_of(handle.read(4))
    report, after = read_header(path, encoding)
    order = date_order(path, encoding, after)
    book = common.PeopleBook(source.ref)
    read, first_error = 0, None
    for group in messages_of(entries(path, encoding, after)):
        bad = next((e for e in group if e.problem), None)
        if bad is not None:
            error = CorruptInput(f"{path}: XRY {bad.locator} {bad.problem}; refused")
            first_error = first_error or error
            yield Refused(bad.locator, error.code, str(error))
            continue
        item = _item(source, report, group, order, book)
        read += 1
        yield item
        yield from book
    if not read:
        if first_error is not None:
            raise first_error
        raise EmptyInput(f"{path}: XRY export holds no entries")
    yield from book


def _item(source: Source, report: str, group: list[Entry], order: tuple[str | None, str], book: common.PeopleBook) -> Item:
    entry = group[0]
    pairs = entry.pairs
    kind = tabular.kind_for(entry.kind if entry.kind != "XRY export" else report)
    meta: dict[str, Any] = {"format": FORMAT, "report": report, "category": entry.kind}
    if len(group) > 1 or (entry.number_of("segments") or 0) > 1:
        pairs = _segments_joined(group, pairs, meta)
    values = {p.low: p.value for p in reversed(pairs) if p.value}  # the first of each key
    app = next((values[k] for k in APP_KEYS if k in values), None)
    meta["app"] = app or entry.kind.rsplit("-", 1)[-1].strip() or entry.kind  # "Messages-SMS": SMS
    parties = _parties(pairs)
    sender, recipients, others = (
        communication(meta, kind, parties, _direction(pairs, parties), (source.source_id, "xry"))
        if kind in COMMUNICATIONS
        else (None, [], [])
    )
    time_pair = next((p for k in TIME_KEYS for p in pairs if p.low == k and p.party is None and p.value), None)
    if time_pair is not None:
        dt, how, clock = parse_time(time_pair.value, order)
        meta["time"] = common.when(dt, time_pair.value, how)
        if clock:
            meta["clock"] = clock
    if (
        any(p.low == "deleted" and p.value.lower() not in ("no", "false", "0") for p in pairs)
        or values.get("status", "").lower() == "deleted"
    ):
        meta["deleted"] = "Deleted"
    meta["xry"] = {p.key: p.value for p in pairs if p.low in BOOKKEEPING and p.value}
    read = pairs
    labelled = [p for p in pairs if p.low in ("attribute", "data")]
    if kind not in COMMUNICATIONS and sorted(p.low for p in labelled) == ["attribute", "data"]:  # device information
        label, data = sorted(labelled, key=lambda p: p.low)
        pairs = [Pair(label.value or "Data", data.value, None, data.line), *(p for p in pairs if p not in labelled)]
    fields = _fields(pairs, sender, recipients, others, time_pair)
    title = f"XRY {KIND_TITLES.get(kind) or ' '.join(re.split(r'[-/_]', entry.kind.lower())).strip() or 'entry'}"
    item = common.make_item(source, entry.locator, kind, title, fields, meta)
    _learn(book, item, kind, read)
    return item


def _segments_joined(group: list[Entry], pairs: list[Pair], meta: dict[str, Any]) -> list[Pair]:
    """The first segment's pairs with the text of every segment, in segment order, joined without a separator."""
    texts: list[tuple[int, int, str]] = []
    for position, entry in enumerate(group):
        number = entry.number_of("segment number")
        text = next((p.value for p in (pairs if position == 0 else entry.pairs) if p.low in TEXT_KEYS), "")
        texts.append((number if number is not None else position + 1, position, text))
    texts.sort()
    count = group[0].number_of("segments") or len(group)
    have = {n for n, _, _ in texts}
    missing = [n for n in range(1, count + 1) if n not in have]
    meta["segments"] = {"count": count, "read": len(group), "missing": missing, "entries": [e.locator for e in group]}
    joined = "".join(t for _, _, t in texts)
    out = [p for p in pairs if p.low not in TEXT_KEYS]
    line = next((p.line for p in pairs if p.low in TEXT_KEYS), group[0].line)
    return [Pair("Text", joined, None, line), *out]


def _parties(pairs: list[Pair]) -> list[dict[str, Any]]:
    """Each party: its role (the party line, or a ``From:``/``To:`` key, or none for keys outside any) and its values."""
    found: dict[Any, dict[str, Any]] = {}
    for p in pairs:
        if p.low in PARTY_LINES and not p.value:
            found.setdefault(p.party, {"role": p.low, "values": {}})
            continue
        if p.low in ("from", "to") and p.value:  # a newer export's "From:<TAB>+44..." key
            found[("key", p.line)] = {"role": p.low, "values": {"value": p.value}}
            continue
        if p.low in NUMBER_KEYS or p.low in NAME_KEYS or p.low in ADDRESS_KEYS:
            slot = found.setdefault(p.party, {"role": None, "values": {}})
            slot["values"].setdefault(p.low, p.value)
    parties = []
    for slot in found.values():
        v = slot["values"]
        raw = next((v[k] for k in (*NUMBER_KEYS, *ADDRESS_KEYS, "value") if v.get(k) and (common.e164(v[k]) or common.email(v[k]))), None)
        raw = raw or next((v[k] for k in (*NUMBER_KEYS, *ADDRESS_KEYS) if v.get(k)), None)
        name = next((v[k] for k in NAME_KEYS if v.get(k)), None)
        if name is None and v.get("value") and v["value"] != raw:
            name = v["value"]
        if raw is None and name is None:
            continue
        parties.append({"role": slot["role"], "party": common.party(raw, name, None)})
    return parties


DIRECTION_VALUES = (
    ("direction", {"incoming": "incoming", "outgoing": "outgoing", "missed": "missed"}),
    (
        "type",
        {
            "deliver": "incoming",
            "incoming": "incoming",
            "received": "incoming",
            "submit": "outgoing",
            "outgoing": "outgoing",
            "sent": "outgoing",
            "dialed": "outgoing",
            "dialled": "outgoing",
            "missed": "missed",
        },
    ),
    (
        "call type",
        {
            "received": "incoming",
            "incoming": "incoming",
            "answered": "incoming",
            "rejected": "incoming",
            "dialed": "outgoing",
            "dialled": "outgoing",
            "last dialed": "outgoing",
            "last dialled": "outgoing",
            "outgoing": "outgoing",
            "missed": "missed",
        },
    ),
    (
        "folder",
        {
            "inbox": "incoming",
            "received": "incoming",
            "sent": "outgoing",
            "outbox": "outgoing",
            "sent items": "outgoing",
            "drafts": "outgoing",
            "draft": "outgoing",
        },
    ),
    (
        "status",
        {
            "sent": "outgoing",
            "unsent": "outgoing",
            "sending failed": "outgoing",
            "draft": "outgoing",
            "read": "incoming",
            "unread": "incoming",
        },
    ),
)


def _direction(pairs: list[Pair], parties: list[dict[str, Any]]) -> tuple[str, str]:
    return direction_of([(p.low, p.key, p.value) for p in pairs], parties, "XRY")


def direction_of(cells: list[tuple[str, str, str]], parties: list[dict[str, Any]], what: str) -> tuple[str, str]:
    """(direction, how) from the first (key in lower case, key, value) that :data:`DIRECTION_VALUES` reads, in its
    order; else from the parties' roles (only a ``from``: received; only a ``to``: sent); else unknown. ``what`` names
    the format in ``how``."""
    for key, values in DIRECTION_VALUES:
        for low, name, value in cells:
            if low == key and value.strip().lower() in values:
                return values[value.strip().lower()], f"{what} '{name}: {value.strip()}'"
    said = {x["role"] for x in parties if x["role"]}
    if said == {"from"}:
        return "incoming", "the entry names only who it came from"
    if said == {"to"}:
        return "outgoing", "the entry names only who it went to"
    return "unknown", "the entry says neither its direction nor only a sender or only a recipient"


def communication(
    meta: dict[str, Any], kind: str, parties: list[dict[str, Any]], direction: tuple[str, str], thread_scope: tuple[str, str]
) -> tuple[dict[str, Any] | None, list[dict[str, Any]], list[dict[str, Any]]]:
    """A communication's direction, sender, recipients and other participants written to ``meta`` (and returned, as
    :func:`roles` gives them); a message with no thread yet gets one keyed on the other party, within
    ``thread_scope`` (the source's id and the format's tag) and the app."""
    sender, recipients, others = roles(parties, direction)
    meta["direction"] = {"value": direction[0], "how": direction[1]}
    if sender:
        meta["sender"] = sender
    if recipients:
        meta["recipients"] = recipients
    if others:
        meta["participants"] = others
    other = (recipients[0] if recipients else None) if direction[0] == "outgoing" else sender or (others[0] if others else None)
    if other is not None and kind == "message" and "thread" not in meta:
        key = common.party_key(other)
        meta["thread"] = {"id": key, "key": stable_id(*thread_scope, meta["app"], key), "app": meta["app"]}
    return sender, recipients, others


def roles(
    parties: list[dict[str, Any]], direction: tuple[str, str]
) -> tuple[dict[str, Any] | None, list[dict[str, Any]], list[dict[str, Any]]]:
    """(sender, recipients, other participants) by the parties' roles and the direction."""
    value = direction[0]
    froms = [x["party"] for x in parties if x["role"] in ("from", "sender")]
    tos = [x["party"] for x in parties if x["role"] in ("to", "recipient", "recipients", "cc", "bcc")]
    rest = [x["party"] for x in parties if x["role"] not in ("from", "sender", "to", "recipient", "recipients", "cc", "bcc")]
    owner = common.party(None, None, True)
    if value == "outgoing":
        sender = {**froms[0], "owner": True} if froms else owner
        return sender, tos + rest + froms[1:], []
    if value in ("incoming", "missed"):
        sender = froms[0] if froms else (rest[0] if rest else None)
        if sender is not None:
            sender = {**sender, "owner": False}
        others = froms[1:] + (rest[1:] if not froms else rest)
        return sender, tos, others
    return (froms[0] if froms else None), tos, froms[1:] + rest


def _fields(
    pairs: list[Pair], sender: dict[str, Any] | None, recipients: list[dict[str, Any]], others: list[dict[str, Any]], time_pair: Pair | None
) -> list[tuple[str, str | None]]:
    fields: list[tuple[str, str | None]] = common.party_fields("sender", sender)
    fields += [(f"recipient.{n}", common.recipients_text([p])) for n, p in enumerate(recipients, 1)]
    fields += [(f"participant.{n}", common.recipients_text([p])) for n, p in enumerate(others, 1)]
    shown = {v for p in [sender, *recipients, *others] if p for v in (p.get("name"), p.get("raw")) if v}
    for p in pairs:
        if p is time_pair or not p.value or p.low in BOOKKEEPING:
            continue
        if p.low in TEXT_KEYS:
            fields.append(("text", p.value))
        elif p.low in SUBJECT_KEYS:
            fields.append(("subject", p.value))
        elif p.value in shown and (p.low in NUMBER_KEYS or p.low in NAME_KEYS or p.low in ADDRESS_KEYS or p.low in ("from", "to")):
            continue  # already a party's segment
        else:
            role = next((q.low for q in pairs if q.line == p.party), None) if p.party is not None else None
            fields.append((f"field.{role + '.' if role else ''}{p.key}", p.value))
    return fields


def _learn(book: common.PeopleBook, item: Item, kind: str, pairs: list[Pair]) -> None:
    values = [p.value for p in pairs if p.value and p.low not in BOOKKEEPING]
    if kind == "contact":
        name = next((p.value for k in NAME_KEYS for p in pairs if p.low == k and p.value), "")
        phones = [x for x in (common.e164(v) for v in values) if x]
        emails = [x for x in (common.email(v) for v in values) if x]
        book.add({"name": name}, "XRY contacts", phones=phones, emails=emails)
        return
    attribute = next((p.value for p in pairs if p.low == "attribute"), "")
    data = next((p.value for p in pairs if p.low == "data"), "")
    if attribute and OWN_NUMBER.search(attribute) and common.e164(data):
        book.add(common.party(data, None, True), "XRY device information")
        return
    tabular.learn_people(book, item, {})
