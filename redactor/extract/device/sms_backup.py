"""SMS Backup & Restore (SyncTech) XML: ``<smses>`` with ``sms`` and ``mms``, and ``<calls>``.

The app writes characters outside the Basic Multilingual Plane as two UTF-16 surrogate
character references (``&#55357;&#56832;``), which strict XML parsers reject. :class:`SurrogateFix`
repairs them in the byte stream before parsing (a pair becomes one reference, a lone half
becomes U+FFFD), chunk by chunk, so a large backup is still streamed with bounded memory.

Direction comes from ``type`` (sms, calls) or ``msg_box`` (mms); MMS parties from ``addrs``
(137 from, 151 to, 130 cc). Conversations are keyed by the other party's number; MMS parts with
data (photos, ...) are decoded into ``work/derived`` and extracted as their own sources. A part whose data is over
``MAX_PART`` or is not base64 is refused alone (a :class:`~redactor.records.Refused` at ``/smses/mms[N]/parts/part[I]``,
which the runner quarantines; its attachment is marked ``refused``) and the message is read without it; before, the
first refused the whole backup and the second dropped the part without a word.
"""

from __future__ import annotations

import base64
import binascii
import io
import json
import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from redactor.errors import CorruptInput, InputError, TooLargeInput, UnsupportedInput
from redactor.extract import extractor
from redactor.extract.device import common
from redactor.extract.device.safe import check_xml_head, iterparse, release, strip_ns
from redactor.records import DerivedFile, Item, Mention, Person, Refused, Source, stable_id
from redactor.stages import StageContext

REF = re.compile(rb"&#(x[0-9A-Fa-f]{1,6}|\d{1,7});")
SMS_TYPES = {"1": "incoming", "2": "outgoing", "3": "draft", "4": "outgoing", "5": "outgoing", "6": "outgoing"}
SMS_STATES = {"3": "draft", "4": "outbox", "5": "failed", "6": "queued"}
CALL_TYPES = {"1": "incoming", "2": "outgoing", "3": "missed", "4": "voicemail", "5": "rejected", "6": "blocked"}
MMS_BOX = {"1": "incoming", "2": "outgoing", "3": "draft", "4": "outgoing"}
NULLS = ("", "null", "(Unknown)")
HELD = 2_000  # conversations first met and not yet written to the temporary file
MAX_PART = common.MAX_DERIVED_BYTES  # one MMS part's data, decoded: a larger one is refused alone


TAIL_REF = re.compile(rb"&#(x[0-9A-Fa-f]{1,6}|\d{1,7});$")
PAIR = re.compile(rb"&#(x[0-9A-Fa-f]{4}|\d{5});&#(x[0-9A-Fa-f]{4}|\d{5});")


def _code(ref: bytes) -> int:
    return int(ref[1:], 16) if ref[:1] in (b"x", b"X") else int(ref)


def _pair(m: re.Match[bytes]) -> bytes:
    high, low = _code(m.group(1)), _code(m.group(2))
    if 0xD800 <= high <= 0xDBFF and 0xDC00 <= low <= 0xDFFF:
        return f"&#{0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)};".encode()
    return m.group(0)


def _lone(m: re.Match[bytes]) -> bytes:
    return b"&#65533;" if 0xD800 <= _code(m.group(1)) <= 0xDFFF else m.group(0)


def fix_surrogates(data: bytes) -> bytes:
    """Join surrogate-pair character references; replace lone halves with U+FFFD."""
    return REF.sub(_lone, PAIR.sub(_pair, data))


class SurrogateFix:
    """A stream wrapper applying :func:`fix_surrogates` chunk by chunk (references never split)."""

    def __init__(self, raw: IO[bytes]) -> None:
        self.raw, self.carry = raw, b""

    def read(self, n: int = -1) -> bytes:
        while True:
            block = self.raw.read(n if n and n > 0 else 1 << 20)
            data, self.carry = self.carry + block, b""
            if not block:
                return fix_surrogates(data)
            cut = data.rfind(b"&", max(0, len(data) - 16))
            while cut > 0 and (m := TAIL_REF.search(data, max(0, cut - 12), cut)):  # keep a pair's halves together
                cut = m.start()
            if cut >= 0:
                data, self.carry = data[:cut], data[cut:]
            if data:
                return fix_surrogates(data)


def _accepts(source: Source, path: Path, head: bytes) -> bool:
    return source.media_type == "application/xml" and (b"<smses" in head or b"<calls" in head)


def _v(elem: Any, name: str) -> str | None:
    value = elem.get(name)
    return None if value is None or value in NULLS else value


@extractor("sms-backup-restore", accepts=_accepts, priority=30)
def extract_sms_backup(source: Source, path: Path, ctx: StageContext) -> Iterator[Item | DerivedFile | Person | Mention | Refused]:
    book = common.PeopleBook(source.ref)
    threads = _Threads(source.source_id)
    counts = {"sms": 0, "mms": 0, "call": 0}
    with open(path, "rb") as handle:
        check_xml_head(handle.read(1 << 16), path)
        handle.seek(0)
        try:
            yield from _records(source, path, handle, threads, book, counts, ctx)
        except CorruptInput as exc:  # not well-formed from a line on (a partly copied backup): what came before is read
            line = getattr(exc, "line", None)
            if line is None or not sum(counts.values()):
                raise
            done = ", ".join(f"{n:,} {tag}" for tag, n in counts.items() if n)
            error = CorruptInput(
                f"{path}: the XML is not well-formed at line {line} (truncated or damaged; a streamed parser cannot read on "
                f"after it): the rest of the file from line {line} refused, the {done} before it read"
            )
            yield Refused(f"line {line} to the end", error.code, str(error))
    for key, name, parties in threads.first_met():
        yield common.make_item(
            source,
            f"thread {key}",
            "thread",
            "SMS conversation",
            [("thread.name", name), ("participants", common.recipients_text(parties))],
            {"format": "sms-backup-restore", "kind": "thread", "thread": threads.thread(key), "participants": parties},
        )
    yield from book


def _records(
    source: Source,
    path: Path,
    handle: IO[bytes],
    threads: _Threads,
    book: common.PeopleBook,
    counts: dict[str, int],
    ctx: StageContext,
) -> Iterator[Item | DerivedFile | Person | Mention | Refused]:
    """Each message's and call's records, ``counts`` counting them."""
    root_seen = False
    for event, elem in iterparse(SurrogateFix(handle), path, events=("start", "end"), huge_values=True):
        tag = strip_ns(elem.tag)
        if not root_seen:
            root_seen = True
            if tag not in ("smses", "calls"):
                raise UnsupportedInput(f"{path}: XML root <{tag}> is not an SMS Backup & Restore file")
            continue
        parent = elem.getparent()
        if event == "start" or tag not in counts or parent is None or strip_ns(parent.tag) not in ("smses", "calls"):
            continue
        counts[tag] += 1
        locator = f"/{strip_ns(elem.getparent().tag)}/{tag}[{counts[tag]}]"
        if tag == "sms":
            yield _sms(source, elem, locator, threads, book)
        elif tag == "call":
            yield _call(source, elem, locator, book)
        else:
            yield from _mms(source, path, elem, locator, threads, book, ctx)
        release(elem)
        yield from book  # the people it named


class _Threads:
    """The conversations of a backup, keyed by their parties' numbers: each one's name and parties as first met, read
    back in that order for the thread items at the end. The last ``HELD`` new ones wait here, the rest in a private
    temporary file (a phone with 100,000 correspondents has as many conversations)."""

    def __init__(self, source_id: str) -> None:
        self.source_id = source_id
        self.held: dict[str, tuple[str | None, list[dict[str, Any]]]] = {}  # key -> name, parties: not yet written
        self.recent: dict[str, dict[str, Any]] = {}  # key -> thread, of the last HELD distinct met
        self.conn: sqlite3.Connection | None = None
        self.written = 0

    def thread(self, key: str) -> dict[str, Any]:
        return {"id": key, "key": stable_id(self.source_id, "sms", key), "app": "SMS/MMS"}

    def met(self, parties: list[dict[str, Any]], name: str | None) -> dict[str, Any]:
        """The thread of these parties (its name and parties are the first message's)."""
        key = "+".join(sorted(common.party_key(p) for p in parties)) or "unknown"
        thread = self.recent.get(key)
        if thread is None:  # new, or met before and forgotten here (written aside: the first stands)
            if len(self.recent) >= HELD:
                self.recent.clear()
            thread = self.recent[key] = self.thread(key)
            if key not in self.held:
                self.held[key] = (name, parties)
                if len(self.held) >= HELD:
                    self._write()
        return thread

    def _write(self) -> None:
        if self.conn is None:
            self.conn = sqlite3.connect("")  # a private temporary file, gone when closed
            self.conn.execute("PRAGMA journal_mode=OFF")
            self.conn.execute("CREATE TABLE threads (seq INTEGER PRIMARY KEY, key TEXT UNIQUE NOT NULL, name TEXT, parties TEXT NOT NULL)")
        rows = [(self.written + i, k, name, json.dumps(parties)) for i, (k, (name, parties)) in enumerate(self.held.items())]
        with self.conn:
            self.conn.executemany("INSERT OR IGNORE INTO threads VALUES (?, ?, ?, ?)", rows)  # met before: the first stands
        self.written += len(rows)
        self.held.clear()

    def first_met(self) -> Iterator[tuple[str, str | None, list[dict[str, Any]]]]:
        if self.conn is None:
            yield from ((k, name, parties) for k, (name, parties) in self.held.items())
            return
        self._write()
        try:
            for key, name, parties in self.conn.execute("SELECT key, name, parties FROM threads ORDER BY seq"):
                yield key, name, json.loads(parties)
        finally:
            self.conn.close()
            self.conn = None


def _sms(source: Source, elem: Any, locator: str, threads: _Threads, book: common.PeopleBook) -> Item:
    kind = elem.get("type") or ""
    other = common.party(_v(elem, "address"), _v(elem, "contact_name"), False)
    if other.get("name"):
        book.add(other, "SMS contacts")
    owner = common.party(None, None, True)
    incoming = SMS_TYPES.get(kind) == "incoming"
    sender, recipients = (other, [owner]) if incoming else (owner, [other])
    meta = {
        "format": "sms-backup-restore",
        "app": "SMS",
        "time": common.when(common.from_epoch(elem.get("date"), "ms"), elem.get("date"), "epoch milliseconds (UTC)"),
        "sent_time": common.when(common.from_epoch(elem.get("date_sent"), "ms"), elem.get("date_sent"), "epoch milliseconds (UTC)"),
        "direction": {"value": SMS_TYPES.get(kind, "unknown"), "how": f"type attribute {kind}"},
        "state": SMS_STATES.get(kind),
        "sender": sender,
        "recipients": recipients,
        "read": elem.get("read"),
        "thread": threads.met([other], other.get("name")),
    }
    fields = common.party_fields("sender", sender) + [
        ("recipients", common.recipients_text(r for r in recipients if not r.get("owner"))),
        ("subject", _v(elem, "subject")),
        ("text", _v(elem, "body")),
    ]
    return common.make_item(source, locator, "message", "SMS", fields, meta)


def _call(source: Source, elem: Any, locator: str, book: common.PeopleBook) -> Item:
    kind = elem.get("type") or ""
    other = common.party(_v(elem, "number"), _v(elem, "contact_name"), False)
    if other.get("name"):
        book.add(other, "call log")
    meta = {
        "format": "sms-backup-restore",
        "app": "Phone",
        "time": common.when(common.from_epoch(elem.get("date"), "ms"), elem.get("date"), "epoch milliseconds (UTC)"),
        "direction": {"value": CALL_TYPES.get(kind, "unknown"), "how": f"type attribute {kind}"},
        "duration": f"{elem.get('duration') or 0} s",
        "presentation": {"1": "allowed", "2": "restricted", "3": "unknown", "4": "payphone"}.get(elem.get("presentation") or "", None),
        "recipients": [other],
    }
    return common.make_item(source, locator, "call", "Call", [("party.name", other.get("name")), ("party.id", other.get("raw"))], meta)


def _mms(
    source: Source, path: Path, elem: Any, locator: str, threads: _Threads, book: common.PeopleBook, ctx: StageContext
) -> Iterator[Item | DerivedFile | Refused]:
    box = elem.get("msg_box") or ""
    names = [n.strip() for n in (_v(elem, "contact_name") or "").split(",")]
    addrs = [a for a in elem.iter("addr")]
    sender, recipients = None, []
    for a in addrs:
        p = common.party(_v(a, "address"), None, None, {"137": "from", "151": "to", "130": "cc", "129": "bcc"}.get(a.get("type") or "", ""))
        if p.get("role") == "from" and sender is None:
            sender = p
        else:
            recipients.append(p)
    others = [
        common.party(x, names[i] if i < len(names) else None, False) for i, x in enumerate((_v(elem, "address") or "").split("~")) if x
    ]
    for p in [sender, *recipients]:  # names from contact_name, matched by number
        match = next((o for o in others if p and common.party_key(o) == common.party_key(p)), None)
        if p is not None and match is not None:
            p["name"], p["owner"] = match.get("name"), False
    for o in others:
        if o.get("name"):
            book.add(o, "MMS contacts")
    direction = MMS_BOX.get(box, "unknown")
    if sender is not None and direction == "outgoing":
        sender["owner"] = True
    texts, attachments = [], []
    derived: list[DerivedFile | Refused] = []
    for i, part in enumerate(elem.iter("part")):
        ct = (part.get("ct") or "").lower()
        if ct == "application/smil":
            continue
        if ct.startswith("text/plain") and _v(part, "text"):
            texts.append(part.get("text"))
            continue
        name = _v(part, "name") or _v(part, "cl") or _v(part, "fn") or f"part{i}"
        info = {"name": name, "type": ct, "present": False, "sha256": None}
        data = part.get("data")
        if data:
            try:
                found = _part_data(source, path, ctx, f"{locator}/part[{i}]", name, data)
            except InputError as exc:  # this part alone is refused: the message is read without it
                derived.append(Refused(f"{locator}/parts/part[{i}]", exc.code, str(exc)))
                info["refused"] = exc.code
            else:
                if found is not None:
                    target, digest, size = found
                    info |= {"present": True, "sha256": digest, "size": size}
                    derived.append(DerivedFile(target, name, f"{locator}/parts/part[{i}]"))
        attachments.append(info)
    meta = {
        "format": "sms-backup-restore",
        "app": "MMS",
        "time": common.when(common.from_epoch(elem.get("date"), "ms"), elem.get("date"), "epoch milliseconds (UTC)"),
        "direction": {"value": direction, "how": f"msg_box attribute {box}"},
        "sender": sender,
        "recipients": recipients,
        "attachments": attachments,
        "thread": threads.met(others, ", ".join(n for n in names if n) or None),
    }
    fields = (
        common.party_fields("sender", sender)
        + [("recipients", common.recipients_text(recipients)), ("subject", _v(elem, "sub")), ("text", "\n".join(texts) or None)]
        + [("attachment.name", a["name"]) for a in attachments]
    )
    yield common.make_item(source, locator, "message", "MMS", fields, meta)
    yield from derived


def _part_data(source: Source, path: Path, ctx: StageContext, key: str, name: str, data: str) -> tuple[Path, str, int] | None:
    """An MMS part's base64 data decoded into ``work/derived`` (None when it decodes to nothing); an
    :class:`~redactor.errors.InputError` naming the file and the part (never its name: a photo may be named after a
    person) when it is over ``MAX_PART`` (checked before it is decoded) or is not base64."""
    if len(data) // 4 * 3 > MAX_PART:
        raise TooLargeInput(
            f"{path}: the data of MMS part {key} is over {MAX_PART >> 20:,} MB decoded ({len(data) * 3 >> 22:,} MB); refused",
            hint="examine the exhibit with forensic tools: no MMS carries a file this large",
        )
    try:
        raw = base64.b64decode(data, validate=False)
    except (binascii.Error, ValueError):
        raise CorruptInput(f"{path}: the data of MMS part {key} is not valid base64 (damaged or cut short); refused") from None
    if not raw:
        return None
    try:
        return common.write_derived(ctx.work_dir, source, key, name, io.BytesIO(raw), limit=MAX_PART)
    except InputError as exc:
        raise type(exc)(
            f"{path}: MMS part {key} could not be written out: {exc.message.removeprefix(f'{source.path}: ')}; refused"
        ) from None
