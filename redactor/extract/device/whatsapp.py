"""WhatsApp chat exports (``_chat.txt`` / ``WhatsApp Chat with ....txt``), every common locale.

Headers recognised: iOS ``[01/03/2024, 09:15:02] Name: text`` and Android
``01/03/2024, 09:15 - Name: text``; dates d/m/y, m/d/y or y/m/d with ``/ . -`` separators
and 2- or 4-digit years; 12 or 24 h clocks (``PM``, ``p. m.``, with U+202F or U+00A0 before
them); U+200E/U+200F direction marks and a BOM are ignored. Day- or month-first is inferred
over the whole file (a first part above 12 means day-first, a second part above 12 means
month-first) and defaults to day-first, the UK order. Lines without a header continue the
previous message. System lines, attachments (``<attached: ...>``, ``(file attached)``,
``<Media omitted>``, ``image omitted``), deleted and edited markers are recognised.

The file is read twice, line by line (once to infer the date order, once to parse), so memory
does not grow with its length. Times carry no zone in an export: they are read as UK local time
and ``tz_source`` says so.

A message that cannot be read is refused alone: the reader yields a :class:`~redactor.records.Refused` naming the
file, the message's line and the problem (never its text), which the runner quarantines, and reads on. That is a
message one of whose lines is not valid UTF-8 (a damaged export: the message is not read with replacement
characters, because the bundle would then show, and detection would read, a text the phone never held, and a name
with a damaged letter could go unflagged; the officer finds it in the quarantine and ``not_processed.csv`` and
examines it in the exhibit), or one over ``MAX_MESSAGE`` (WhatsApp sends at most 65,536 characters: far larger is
not a message; its lines are read past, never held). A damaged line before the first message refuses the lines
before it. An export none of whose messages can be read is refused whole, by the first one's error.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from redactor.errors import CorruptInput, EmptyInput, InputError, TooLargeInput, UnsupportedInput
from redactor.extract import extractor
from redactor.extract.device import common
from redactor.records import Item, Person, Refused, Source, stable_id
from redactor.stages import StageContext

MARKS = dict.fromkeys(map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"))
DATE = r"(?P<date>\d{1,4}[./-]\d{1,2}[./-]\d{1,4})"
TIME = r"(?P<time>\d{1,2}[:.]\d{2}(?:[:.]\d{2})?(?:[\s\u202f\u00a0]*(?P<ampm>[AaPp]\.?\s?[Mm]\.?))?)"
IOS = re.compile(r"^\[" + DATE + r",?\s" + TIME + r"\]\s(?P<rest>.*)$")
ANDROID = re.compile(r"^" + DATE + r",?\s" + TIME + r"\s[-\u2013]\s(?P<rest>.*)$")
SENDER = re.compile(r"^(?P<sender>[^:\n]{1,100}?):\s?(?P<text>.*)$", re.DOTALL)
ENCRYPTION = re.compile(r"^Messages and calls are end-to-end encrypted")
NAMED_DATE = re.compile(r"\d{8}-[A-Z]+-(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})")
ATTACHED = re.compile(r"<attached:\s*(?P<name>[^>]+)>")
FILE_ATTACHED = re.compile(r"^(?P<name>.+?\.\w{2,5}) \(file attached\)")
OMITTED = re.compile(r"^(?:<Media omitted>|(?P<what>image|video|audio|sticker|GIF|document|Contact card) omitted)$", re.IGNORECASE)
DELETED = re.compile(r"^(?:This message was deleted\.?|You deleted this message\.?)$")
EDITED = re.compile(r"\s*<This message was edited>\s*$")
SYSTEM = re.compile(
    r"(end-to-end encrypted|created group|added|left$|removed|changed the subject|changed this group|"
    r"changed the group|joined using|security code|You were added|is now an admin|changed their phone number)",
    re.IGNORECASE,
)
NAME_HINT = re.compile(r"(^_chat\.txt$|whatsapp)", re.IGNORECASE)
GROUP_NAME = re.compile(r'created group "(?P<name>.+)"')
HEAD_LINES = 20
DATE_SEP = re.compile(r"[./-]")
CLOCK = re.compile(r"(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?")
MAX_MESSAGE = 16 << 20  # bytes of one message, its lines together (WhatsApp's own limit is 65,536 characters)
LINE = 1 << 20  # the rest of a line over MAX_MESSAGE is read past this much at a time
HEAD = 4096  # bytes of a line over MAX_MESSAGE read for its header


def _header(line: str) -> re.Match[str] | None:
    return IOS.match(line) or ANDROID.match(line)


def _accepts(source: Source, path: Path, head: bytes) -> bool:
    if source.media_type not in ("text/plain", "application/json"):  # an iOS export starts with '[': sniffed as JSON
        return False
    lines = [line for line in head.decode("utf-8", "replace").translate(MARKS).splitlines()[:HEAD_LINES] if line.strip()]
    headers = [m for m in map(_header, lines) if m]
    # an export starts with a header line and has messages with a sender; a dated log or notes file does not
    if lines and _header(lines[0]) and any(SENDER.match(m.group("rest")) for m in headers):
        return True
    return bool(NAME_HINT.search(path.name))  # named like an export: claim it, and fail clearly if it is not one


def _lines(path: Path) -> Iterator[tuple[int, str, int, str | None]]:
    """(number, text, size in bytes, problem) for each line: ``problem`` (None for a good line) says why the line
    cannot be read as it is; its text is then decoded with replacement characters (a line over ``MAX_MESSAGE``: its
    first ``HEAD`` bytes), to tell whether it starts a message, and must not be read as the message's text. No line is
    held whole past ``MAX_MESSAGE``."""
    with open(path, "rb") as handle:
        number = 0
        while raw := handle.readline(MAX_MESSAGE + 1):
            number += 1
            if len(raw) > MAX_MESSAGE:
                size, ended, head = len(raw), raw.endswith(b"\n"), raw[:HEAD]
                raw = b""
                while not ended and (rest := handle.readline(LINE)):  # the rest of the line, read past
                    size, ended = size + len(rest), rest.endswith(b"\n")
                text = head.decode("utf-8", "replace")
                yield number, text.rstrip("\r\n").translate(MARKS), size, f"line {number} is over {MAX_MESSAGE >> 20} MB"
                continue
            try:
                text, problem = raw.decode("utf-8"), None
            except UnicodeDecodeError as exc:
                text, problem = raw.decode("utf-8", "replace"), f"line {number} is not valid UTF-8 (byte {exc.start})"
            yield number, text.rstrip("\r\n").translate(MARKS), len(raw), problem


def date_order(path: Path, shown: str | Path | None = None) -> tuple[str, str]:
    """``("dmy" | "mdy" | "ymd", how)`` from every header in the file (``shown``: what errors call it)."""
    shown = shown or path
    day_first = month_first = False
    named_dmy = named_mdy = 0
    seen = 0
    for _, line, _, _ in _lines(path):  # a damaged line's header is read too: its date is digits, or it is no header
        m = _header(line)
        if not m:
            continue
        seen += 1
        a, b, c = DATE_SEP.split(m.group("date"))
        if len(a) == 4:
            return "ymd", "year first in the header"
        day_first |= int(a) > 12
        month_first |= int(b) > 12
        if named := NAMED_DATE.search(m.group("rest")):  # iOS attachment names carry the date: 00000004-AUDIO-2024-03-01-...
            day, month = int(named.group("d")), int(named.group("m"))
            named_dmy += (int(a), int(b)) == (day, month) and day != month
            named_mdy += (int(a), int(b)) == (month, day) and day != month
    if not seen:
        raise UnsupportedInput(
            f"{shown}: no recognisable WhatsApp message header (e.g. '[01/03/2024, 09:15:02] Name:' or "
            "'01/03/2024, 09:15 - Name:'); unsupported locale or not an export"
        )
    if day_first and not month_first:
        return "dmy", "a first date part above 12 in the file"
    if month_first and not day_first:
        return "mdy", "a second date part above 12 in the file"
    if day_first and month_first:
        raise CorruptInput(f"{shown}: dates are both day-first and month-first; the export is inconsistent")
    if named_mdy > named_dmy:
        return "mdy", "dates in attachment file names are month-first in the header"
    if named_dmy > named_mdy:
        return "dmy", "dates in attachment file names are day-first in the header"
    return "dmy", "ambiguous in the file; UK default day-first"


def parse_stamp(date: str, time: str, ampm: str | None, order: str) -> datetime | None:
    parts = [int(p) for p in DATE_SEP.split(date)]
    y, mo, d = (
        (parts[0], parts[1], parts[2])
        if order == "ymd"
        else (parts[2], parts[1], parts[0])
        if order == "dmy"
        else (parts[2], parts[0], parts[1])
    )
    if y < 100:
        y += 2000
    clock = CLOCK.match(time)
    hour, minute, second = int(clock.group(1)), int(clock.group(2)), int(clock.group(3) or 0)
    if ampm:
        pm = ampm.lower().startswith("p")
        hour = hour % 12 + (12 if pm else 0)
    try:
        return datetime(y, mo, d, hour, minute, second)
    except ValueError:
        return None


@extractor("whatsapp", accepts=_accepts, priority=40)
def extract_whatsapp(source: Source, path: Path, ctx: StageContext) -> Iterator[Item | Person]:
    if path.stat().st_size == 0:
        raise EmptyInput(f"{path}: file is empty")
    yield from read_export(source, path, shown=path, title=title_from_name(source.name))


def read_export(
    source: Source,
    path: Path,
    *,
    shown: str | Path,
    title: str | None,
    files: Mapping[str, Mapping[str, Any]] | None = None,
    where: str = "",
    part: str | None = None,
) -> Iterator[Item | Person]:
    """The items of one chat text at ``path`` (``shown``: what errors call it; ``title``: the chat's name when the
    export does not give one). ``files``: the attachments the export holds, by name (a zip with media): a message
    naming one marks it present with its hash. ``where``: a prefix for locators when one source holds several chats;
    ``part``: the prefix for the locators of the parts refused, when ``where`` may name a person (a zip's member
    'WhatsApp Chat with NAME.txt'; they go to the quarantine report and the audit log)."""
    part = where if part is None else part
    order, how = date_order(path, shown)
    thread = {"id": "whatsapp-export", "key": stable_id(source.source_id, "whatsapp", *([where] if where else [])), "app": "WhatsApp"}
    book = common.PeopleBook(source.ref, whole=True)  # a zip's chats each give their participants whole, the later replacing
    senders: dict[str, dict[str, Any]] = {}
    group: str | None = None
    pending: dict[str, Any] | None = None
    preamble = _Preamble(shown)
    count, first = 0, None  # messages read; the first refused part's error
    for number, line, size, problem in _lines(path):
        m = _header(line)
        if m is None:
            if pending is not None:
                _add(pending, line, size, problem, shown)
            else:
                preamble.add(line, problem)
            continue
        if pending is not None:
            record = _made(source, pending, thread, order, how, files, where, part)
            count += isinstance(record, Item)
            first = first or (pending["error"] if isinstance(record, Refused) else None)
            yield record
        pending = {"line": number, "m": m.groupdict(), "lines": [m.group("rest")], "size": size, "error": None}
        if problem is not None or size > MAX_MESSAGE:  # (the common case above without a call: once per message)
            pending["lines"], pending["size"] = [], 0
            _add(pending, m.group("rest"), size, problem, shown)
        sm = SENDER.match(m.group("rest"))
        if problem:
            pass  # a damaged header's sender is not taken as a participant (their name may be the damaged part)
        elif sm and not SYSTEM.search(sm.group("sender")):
            name = sm.group("sender").strip()
            if name not in senders:
                senders[name] = common.party(name if common.e164(name) else None, None if common.e164(name) else name)
                book.add(senders[name], "WhatsApp chat participants")
        elif group is None and (g := GROUP_NAME.search(m.group("rest"))):
            group = g.group("name")
    if pending is not None:
        record = _made(source, pending, thread, order, how, files, where, part)
        count += isinstance(record, Item)
        first = first or (pending["error"] if isinstance(record, Refused) else None)
        yield record
    if preamble.error is not None:
        first = first or preamble.error
        yield Refused(f"{part}lines before the first message", preamble.error.code, str(preamble.error))
    elif preamble.lines:
        yield common.make_item(
            source,
            f"{where}lines before the first message",
            "note",
            "WhatsApp export preamble",
            [("text", "\n".join(preamble.lines))],
            {"format": "whatsapp", "thread": thread},
        )
    if first is not None and not count:  # nothing could be read: the export is refused whole
        raise first
    names = "\n".join(p.get("name") or p.get("raw") or "" for p in senders.values())
    yield common.make_item(
        source,
        f"{where}file" if where else "file",
        "thread",
        "WhatsApp conversation",
        [("thread.name", group or title), ("participants", names or None)],
        {
            "format": "whatsapp",
            "kind": "thread",
            "thread": thread,
            "messages": count,
            "date_order": order,
            "date_order_how": how,
            "participants": list(senders.values()),
        },
    )
    yield from book


class _Preamble:
    """The lines before the first message; refused whole when one cannot be read (never held past ``MAX_MESSAGE``)."""

    def __init__(self, shown: str | Path) -> None:
        self.shown, self.lines, self.size = shown, [], 0
        self.error: InputError | None = None

    def add(self, line: str, problem: str | None) -> None:
        if self.error is not None or not (line.strip() or problem):
            return
        self.size += len(line)
        if problem is None and self.size > MAX_MESSAGE:
            problem = f"they are over {MAX_MESSAGE >> 20} MB"
        if problem is not None:
            self.error, self.lines = _refusal(self.shown, "the lines before the first message", problem), []
            return
        self.lines.append(line)


def _add(pending: dict[str, Any], line: str, size: int, problem: str | None, shown: str | Path) -> None:
    """A line of the message being read; the first that cannot be read refuses it, and its lines are no longer held."""
    if pending["error"] is not None:
        return
    pending["size"] += size
    if problem is None and pending["size"] > MAX_MESSAGE:
        problem = f"its lines are over {MAX_MESSAGE >> 20} MB"
    if problem is not None:
        pending["error"], pending["lines"] = _refusal(shown, f"the message at line {pending['line']}", problem), []
        return
    pending["lines"].append(line)


def _refusal(shown: str | Path, what: str, problem: str) -> InputError:
    if "UTF-8" in problem:
        return CorruptInput(f"{shown}: {what} cannot be read: {problem}; refused")
    return TooLargeInput(
        f"{shown}: {what} cannot be read: {problem} (WhatsApp sends at most 65,536 characters); refused",
        hint="it is not a message of a chat export; examine the exhibit with forensic tools",
    )


def _made(
    source: Source,
    pending: dict[str, Any],
    thread: dict[str, Any],
    order: str,
    how: str,
    files: Mapping[str, Mapping[str, Any]] | None,
    where: str,
    part: str,
) -> Item | Refused:
    """The message's item, or its refusal (``pending["error"]``, at ``part``)."""
    error = pending["error"]
    if error is not None:
        return Refused(f"{part}line {pending['line']}", error.code, str(error))
    return _item(source, pending, thread, order, how, files, where)


def title_from_name(name: str) -> str | None:
    m = re.match(r"WhatsApp Chat (?:with|-) (?P<who>.+?)(?:\.txt)?$", name, re.IGNORECASE)
    return m.group("who") if m else None


def _item(
    source: Source,
    pending: dict[str, Any],
    thread: dict[str, Any],
    order: str,
    how: str,
    files: Mapping[str, Mapping[str, Any]] | None = None,
    where: str = "",
) -> Item:
    head = pending["m"]
    body = "\n".join(pending["lines"])
    dt = parse_stamp(head["date"], head["time"], head.get("ampm"), order)
    raw_time = f"{head['date']} {head['time']}".replace("\u202f", " ").replace("\u00a0", " ")
    time = common.when(dt, raw_time, f"none in the export; read as Europe/London local time ({order}: {how})")
    meta: dict[str, Any] = {
        "format": "whatsapp",
        "app": "WhatsApp",
        "time": time,
        "thread": thread,
        "line": pending["line"],
        "direction": {"value": "unknown", "how": "a WhatsApp export does not record the device owner"},
    }
    fields: list[tuple[str, str | None]] = []
    sm = SENDER.match(body)
    if sm is None or SYSTEM.search(sm.group("sender")) or ENCRYPTION.match(sm.group("text")):
        meta |= {"system": True, "sender": None}
        fields.append(("text", body))
        return common.make_item(source, f"{where}line {pending['line']}", "message", "WhatsApp system message", fields, meta)
    name, text = sm.group("sender").strip(), sm.group("text")
    sender = common.party(name if common.e164(name) else None, None if common.e164(name) else name)
    meta["sender"] = sender
    fields += common.party_fields("sender", sender)
    if EDITED.search(text):
        text, meta["edited"] = EDITED.sub("", text), True
    attachments = [_attachment(a.group("name").strip(), files) for a in ATTACHED.finditer(text)]
    text = ATTACHED.sub("", text).strip() if attachments else text
    if fa := FILE_ATTACHED.match(text):
        attachments.append(_attachment(fa.group("name"), files))
        text = text[fa.end() :].strip()
    if om := OMITTED.match(text.strip()):
        attachments.append(
            {"name": None, "type": (om.group("what") or "media").lower(), "present": False, "how": "omitted from the export"}
        )
        text = ""
    if DELETED.match(text.strip()):
        meta["deleted"], text = "Deleted", ""
        meta["deleted_how"] = "deletion notice in the export"
    if attachments:
        meta["attachments"] = attachments
    fields.append(("text", text or None))
    fields += [("attachment.name", a["name"]) for a in attachments if a.get("name")]
    return common.make_item(source, f"{where}line {pending['line']}", "message", "WhatsApp message", fields, meta)


def _attachment(name: str, files: Mapping[str, Mapping[str, Any]] | None) -> dict[str, Any]:
    held = (files or {}).get(name)
    if held is None:
        how = "named in the export; not in the export zip" if files is not None else "named in the export; file not in the .txt"
        return {"name": name, "present": False, "how": how}
    if "refused" in held:
        return {"name": name, "present": False, "how": "in the export zip; refused (see the quarantine)", **held}
    return {"name": name, "present": True, "how": "in the export zip, extracted as a source of its own", **held}
