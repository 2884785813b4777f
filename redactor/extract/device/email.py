"""E-mail: single messages (``.eml``, RFC 5322/MIME) and mailboxes (``.mbox``).

Headers are decoded (RFC 2047), bodies from quoted-printable/base64 in their charset; the plain
part is preferred, HTML is reduced to text. Attachments are written into ``work/derived`` and
extracted as their own sources; those of a signed message (multipart/signed wrapping a
multipart/mixed) are reached through the nesting; an attached e-mail (``message/rfc822``, a forwarded message) is
written out by the library and extracted as an e-mail of its own. Threads come from ``References``/``In-Reply-To`` (the first
message id of the chain). Correspondents become known people: each as a :class:`~redactor.records.Mention` when
a message names them with something new (the case merges them as the source's people), so neither a mailbox
nor its correspondents are ever held whole. mbox files are read message by message (``From `` separator lines), each
message fed to the library's incremental parser as it is read (:func:`_messages`), so it is never held whole as bytes;
a well-formed base64 part is decoded in one step from the parser's text (:func:`_base64`), without the library's
copies (an mbox with a 200 MB attachment: the parsing child's peak 1,233 -> 642 MB), and a quoted-printable part in
ASCII likewise (:func:`_quoted_printable`: 200 MB, the child's peak 723 -> 631 MB). What is left at the peak is the
library's parser, which holds a part's lines as a list and then joins them.

Reading a header through ``email.policy.default`` parses it with the full RFC 5322 parser every time it is asked
for, and ``get_body`` asks for each part's ``Content-Type`` about eight times: that was most of the time a message
took. :data:`POLICY` is that policy with the parsed headers remembered (the last ``PARSED`` distinct ones, by name
and raw value: a mailbox repeats its Content-Type, senders and recipients), so each is parsed once; a parsed
header is an immutable string, the same whichever message asks. Its header classes are made once per name (the
library makes one per header parsed), and the correspondents read from the parsed address headers are remembered
the same way (:func:`_pairs`).

A header the library cannot parse (CPython raises IndexError or AttributeError on some truncated addresses and
message ids) is read as written (:func:`_values`): it neither fails the whole mailbox nor drops what it names.

A message of a mailbox that cannot be read (no e-mail headers, nested too deeply for the library's recursive parser,
over ``MAX_MESSAGE``) is refused alone: the reader yields a :class:`~redactor.records.Refused` naming the file, the
message's number and line and the problem, which the runner quarantines, and reads on from the next message. A file
of one message (an ``.eml``) that cannot be read is refused whole, as before.
"""

from __future__ import annotations

import binascii
import html
import io
import re
from collections.abc import Iterator
from email.feedparser import BytesFeedParser
from email.headerregistry import HeaderRegistry
from email.message import EmailMessage
from email.policy import EmailPolicy
from email.utils import getaddresses, parsedate_to_datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from redactor.errors import CorruptInput, EmptyInput, HostileInput, InputError, TooLargeInput
from redactor.extract import extractor
from redactor.extract.device import common
from redactor.records import DerivedFile, Item, Mention, Refused, Source, stable_id
from redactor.stages import StageContext

HEADERS = re.compile(
    rb"^(From|To|Cc|Date|Subject|Message-ID|MIME-Version|Return-Path|Received|Content-Type):", re.IGNORECASE | re.MULTILINE
)
MBOX_FROM = re.compile(rb"^From \S+.*\d{4}\s*$")
UNFOLD = re.compile(r"\n|\r")  # what the policy removes from a header's value before parsing it
TAGS = re.compile(r"<(script|style)\b.*?</\1>|<[^>]+>", re.IGNORECASE | re.DOTALL)
MAX_MESSAGE = 256 << 20
LINE = 1 << 20  # a line is read at most this much at a time
FEED = 64 << 10  # a message's lines are given to the library's parser this much at a time
ATTACHED_MESSAGES = frozenset(("message/rfc822", "message/global"))
MAX_NESTING = 8  # multiparts within multiparts opened for attachments
BASE64 = re.compile(r"[A-Za-z0-9+/\r\n]*(?:=[\r\n]*){0,2}")  # a well-formed base64 body, its line ends as written
PARSED = 64  # parsed headers remembered: a message's own repeats and a mailbox's common ones (a few kB each: 10,000 messages +2 MB, 1,024: +35 MB)


class _Registry(HeaderRegistry):
    """``email.policy.default``'s header registry, whose header classes are made once per name: the library makes
    a new class (``type(...)``) for every header it parses, a third of parsing a short one."""

    def __init__(self) -> None:
        super().__init__()
        self._made: dict[str, type] = {}

    def __getitem__(self, name: str) -> type:
        key = name.lower()
        made = self._made.get(key)
        if made is None:
            made = self._made[key] = super().__getitem__(name)
        return made


_PARSER = EmailPolicy(header_factory=_Registry())  # email.policy.default's settings, its classes made once


@lru_cache(maxsize=PARSED)
def _parsed(name: str, value: str) -> Any:
    return _PARSER.header_fetch_parse(name, value)


class _RememberingPolicy(EmailPolicy):
    """``email.policy.default`` (the same settings), whose parsed headers are remembered (see the module)."""

    def header_fetch_parse(self, name: str, value: str) -> Any:
        if type(value) is not str:  # already a header object (set by a program), or a str subclass: as the policy does
            return super().header_fetch_parse(name, value)
        return _parsed(name, value)


POLICY = _RememberingPolicy()


def _accepts(source: Source, path: Path, head: bytes) -> bool:
    if source.media_type != "text/plain":
        return False
    first = head.split(b"\n", 1)[0]
    block = head.split(b"\r\n\r\n", 1)[0].split(b"\n\n", 1)[0]
    return bool(MBOX_FROM.match(first)) or len({m.lower() for m in HEADERS.findall(block)}) >= 3


def _messages(path: Path) -> Iterator[tuple[int, EmailMessage | InputError]]:
    """(line, message) pairs: one for an .eml, one per 'From ' separator in an mbox, each parsed as it is read; in an
    mbox, a message that cannot be parsed (over ``MAX_MESSAGE``, nested too deeply) comes as the error that refuses it,
    and the rest of its lines are read past (an .eml's error is raised: the message is the whole file).

    A message's lines are fed to the library's incremental parser (``BytesFeedParser``, what ``message_from_bytes``
    feeds in 8,192-character chunks) ``FEED`` bytes at a time, so neither its bytes, nor their text, nor the
    ``StringIO`` copy ``message_from_bytes`` makes are ever held whole: a message with a 40 MB attachment peaked at
    about ten times its size. Lines are read at most ``LINE`` bytes at a time, so a message is refused once it is over
    ``MAX_MESSAGE`` however long its lines (a line of gigabytes was read whole first); a separator or a '>From ' is
    looked for only at the start of a line, and a line longer than ``LINE`` is never a separator."""
    with open(path, "rb") as handle:
        first = handle.readline(LINE)
        mbox = bool(MBOX_FROM.match(first.rstrip(b"\r\n"))) and not _cut(first)
        message = _Reading(path, 1, mbox)
        if not mbox:
            message.add(first, _cut(first))
        number, at_start = 1, not _cut(first)
        for line in iter(lambda: handle.readline(LINE), b""):
            cut = _cut(line)
            if at_start:
                number += 1
                if mbox and line.startswith(b"From ") and not cut and MBOX_FROM.match(line.rstrip(b"\r\n")):
                    if message.lines:
                        yield message.start, message.close()
                    message = _Reading(path, number, mbox)
                    continue
                if mbox and line.startswith(b">From "):
                    line = line[1:]
            at_start = not cut
            message.add(line, cut)
        if message.content:
            yield message.start, message.close()


class _Reading:
    """A message being read: its lines fed to the library's parser a chunk at a time, its size counted. A message of
    an mbox (``in_mbox``) that cannot be parsed keeps the error that refuses it, drops its parser and reads past the rest
    of its lines; the message of an .eml raises it."""

    def __init__(self, path: Path, start: int, in_mbox: bool = False) -> None:
        self.path, self.start, self.in_mbox = path, start, in_mbox
        self.parser: BytesFeedParser | None = BytesFeedParser(policy=POLICY)
        self.refused: InputError | None = None
        self.pending: list[bytes] = []
        self.waiting = self.size = 0
        self.lines = self.content = False  # any line; any line that is not blank

    def add(self, line: bytes, cut: bool = False) -> None:
        """Add a line, or the start of one (``cut``: not fed to the parser until its line is whole, so an over-long
        line is refused before the parser copies it)."""
        self.lines = True
        self.content = self.content or bool(line.strip())
        if self.refused is not None:
            return
        self.pending.append(line)
        self.waiting += len(line)
        self.size += len(line)
        if self.size > MAX_MESSAGE:
            self._refuse(_too_large(self.path, self.start))
        elif self.waiting >= FEED and not cut:
            self._feed()

    def _feed(self) -> None:
        data = b"".join(self.pending)
        self.pending.clear()
        self.waiting = 0
        if self.parser is None:  # refused: nothing more is parsed
            return
        try:
            self.parser.feed(data)
        except RecursionError:
            self._refuse(_too_deep(self.path, self.start))

    def close(self) -> EmailMessage | InputError:
        """The message, or the error that refuses it."""
        self._feed()
        if self.parser is not None:
            try:
                return self.parser.close()
            except RecursionError:
                self._refuse(_too_deep(self.path, self.start))
        assert self.refused is not None  # the parser is dropped only by _refuse
        return self.refused

    def _refuse(self, error: InputError) -> None:
        if not self.in_mbox:
            raise error
        self.refused, self.parser = error, None
        self.pending.clear()


def _too_deep(path: Path, line: int) -> HostileInput:
    return HostileInput(f"{path}: message at line {line} nests its parts or attached messages too deeply to be read; refused")


def _too_large(path: Path, line: int) -> TooLargeInput:
    return TooLargeInput(
        f"{path}: message starting at line {line} is over {MAX_MESSAGE >> 20} MB; refused",
        hint="the message is over the mail reader's limit; examine it with forensic tools, or save its attachments with a mail program "
        "and add them as files",
    )


def _cut(piece: bytes) -> bool:
    """Whether ``piece`` (read with ``readline(LINE)``) is only the start of a longer line."""
    return len(piece) >= LINE and not piece.endswith(b"\n")


@extractor("email", accepts=_accepts, priority=45)
def extract_email(source: Source, path: Path, ctx: StageContext) -> Iterator[Item | DerivedFile | Mention | Refused]:
    """Each message's item, correspondents and attachments; a message that cannot be read as a :class:`Refused`
    (the first is held back until a second message shows the file is a mailbox: a file of one message that cannot be
    read is refused whole, by its error)."""
    book = common.PeopleBook(source.ref)
    count, held = 0, None
    for line, msg in _messages(path):
        count += 1
        if held is not None:  # a second message: the file is a mailbox, whose first message alone is refused
            yield held[0]
            held = None
        locator = f"message[{count}] line {line}"
        records, error = _read(source, path, line, msg, locator, ctx, book)
        yield from records
        if error is not None:
            refused = Refused(locator, error.code, str(error))
            if count == 1:
                held = (refused, error)
            else:
                yield refused
    if held is not None:
        raise held[1]
    if not count:
        raise EmptyInput(f"{path}: no e-mail messages in the file")


def _read(
    source: Source, path: Path, line: int, msg: EmailMessage | InputError, locator: str, ctx: StageContext, book: common.PeopleBook
) -> tuple[list[Item | DerivedFile | Mention], InputError | None]:
    """A message's records, made whole before any is yielded, and None; or, when the message is refused, the
    correspondents it named before that (the book counts them as sent) and the error that refuses it."""
    if isinstance(msg, InputError):
        return [], msg
    if not any(_header(msg, h) for h in ("From", "To", "Subject", "Date")):
        return [], CorruptInput(f"{path}: message at line {line} has no e-mail headers; refused")
    records: list[Item | DerivedFile | Mention] = []
    try:
        for record in _message(source, msg, locator, ctx, book):
            records.append(record)
    except RecursionError:  # the library reads nested parts and attached messages recursively
        error: InputError = _too_deep(path, line)
    except InputError as exc:  # an attachment refused (common.write_derived's limits): the message with it
        error = exc
    else:
        return records, None
    return [r for r in records if isinstance(r, Mention)], error


def _values(msg: EmailMessage, name: str) -> list[str]:
    """Every ``name`` header of ``msg`` as ``msg.get_all`` reads it, each parsed by the message's policy; a value the
    library cannot parse (CPython raises IndexError or AttributeError on some truncated addresses, such as
    ``To: someone@``) as written, unfolded, rather than dropped or failing the whole mailbox."""
    wanted, values = name.lower(), []
    for key, raw in msg.raw_items():
        if key.lower() == wanted:
            try:
                values.append(str(msg.policy.header_fetch_parse(key, raw)))
            except Exception:  # noqa: BLE001 - the library's own bugs on malformed headers, whatever they raise
                values.append(UNFOLD.sub("", raw) if isinstance(raw, str) else str(raw))
    return values


def _addresses(msg: EmailMessage, *names: str) -> list[dict[str, Any]]:
    values = [value for name in names for value in _values(msg, name)]
    return [common.party(addr, display or None, None, names[0].lower()) for display, addr in _pairs(tuple(values)) if addr or display]


@lru_cache(maxsize=PARSED)
def _pairs(values: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """``getaddresses`` of a header's values, remembered: a mailbox repeats its correspondents."""
    return tuple(getaddresses(values))


def _header(msg: EmailMessage, name: str) -> str | None:
    """The first ``name`` header (``msg.get``), as written when the library cannot parse it (see :func:`_values`)."""
    try:
        value = msg.get(name)
    except Exception:  # noqa: BLE001
        values = _values(msg, name)
        return values[0] if values else None
    return str(value) if value is not None else None


def _body(msg: EmailMessage) -> str:
    try:
        part = msg.get_body(preferencelist=("plain", "html"))
    except Exception:  # noqa: BLE001
        part = None
    if part is None:
        return ""
    decoded = _decoded(part)  # what get_content decodes, without the library's copies (a large base64 body)
    try:
        text = part.get_content() if decoded is None else decoded.decode(part.get_param("charset", "ASCII"), errors="replace")
    except (LookupError, UnicodeDecodeError, AssertionError):
        payload = (part.get_payload(decode=True) if decoded is None else decoded) or b""
        text = payload.decode("utf-8", "replace")
    if part.get_content_subtype() == "html":
        text = html.unescape(TAGS.sub(" ", text))
    return text if isinstance(text, str) else ""


def _attachment_parts(msg: EmailMessage, depth: int = 0) -> Iterator[EmailMessage]:
    """The attachments of a message. A multipart among them is opened, not listed: a signed
    message (multipart/signed, RFC 1847) holds its body and attachments in a nested multipart/mixed."""
    for part in msg.iter_attachments() if msg.is_multipart() else []:
        if part.is_multipart() and part.get_content_maintype() == "multipart" and depth < MAX_NESTING:
            yield from _attachment_parts(part, depth + 1)
        else:
            yield part


def _payload(part: EmailMessage) -> bytes:
    """An attachment's bytes: decoded from its transfer encoding; an attached e-mail (``message/rfc822``: a message
    forwarded as an attachment), which the library holds parsed, written out again by the library (it is then
    extracted as an e-mail of its own, so its text and correspondents reach the case; before, it was listed as
    not present and its content never read)."""
    if part.get_content_type() in ATTACHED_MESSAGES and part.is_multipart():
        try:
            return b"".join(inner.as_bytes() for inner in part.get_payload())
        except Exception:  # noqa: BLE001 - the library cannot write it back: listed as not present, as before
            return b""
    decoded = _decoded(part)
    if decoded is not None:
        return decoded
    return part.get_payload(decode=True) or b""


def _decoded(part: EmailMessage) -> bytes | None:
    """A base64 or quoted-printable body decoded without the library's copies (:func:`_base64`,
    :func:`_quoted_printable`), or None: the library decodes it."""
    decoded = _base64(part)
    return _quoted_printable(part) if decoded is None else decoded


def _base64(part: EmailMessage) -> bytes | None:
    """A well-formed base64 body decoded in one step from the text the parser holds; None for anything else, which
    the library decodes.

    The library's decoding (``get_payload(decode=True)``) copies the text as bytes, splits that into lines and joins
    them before it decodes: about 4.4 times the body beside the text itself, so a 200 MB attachment held over a
    gigabyte. ``binascii.a2b_base64`` skips the line ends itself. When the body is only base64 characters and line
    ends, with padding only at its end and a whole number of four-character groups (what the library decodes in its
    first, strict try, without a defect), the bytes are the library's."""
    if part.is_multipart() or str(part.get("content-transfer-encoding", "")).lower() != "base64":
        return None
    text = part.get_payload()
    if not isinstance(text, str) or not text.isascii() or (len(text) - text.count("\n") - text.count("\r")) % 4:
        return None
    return binascii.a2b_base64(text) if BASE64.fullmatch(text) else None


def _quoted_printable(part: EmailMessage) -> bytes | None:
    """A quoted-printable body decoded from the text the parser holds: what the library decodes
    (``quopri.decodestring``, which is ``binascii.a2b_qp``, of the text encoded as ASCII), without its copy of the text
    as bytes. None for a body that is not ASCII, which the library decodes."""
    if part.is_multipart() or str(part.get("content-transfer-encoding", "")).lower() != "quoted-printable":
        return None
    text = part.get_payload()
    if not isinstance(text, str) or not text.isascii():
        return None
    return binascii.a2b_qp(text)


def _message(
    source: Source, msg: EmailMessage, locator: str, ctx: StageContext, book: common.PeopleBook
) -> Iterator[Item | DerivedFile | Mention]:
    sender = (_addresses(msg, "From") or [None])[0]
    recipients = _addresses(msg, "To") + _addresses(msg, "Cc") + _addresses(msg, "Bcc")
    for p in [sender, *recipients]:
        if p:
            book.add(p, "e-mail correspondents")
    yield from book
    date = _header(msg, "Date")
    try:
        dt = parsedate_to_datetime(date) if date else None
    except (TypeError, ValueError, IndexError, OverflowError):
        dt = None
    refs = (_header(msg, "References") or "").split() or (_header(msg, "In-Reply-To") or "").split()
    root = refs[0] if refs else (_header(msg, "Message-ID") or locator)
    attachments, derived = [], []
    for i, part in enumerate(_attachment_parts(msg)):
        name = part.get_filename() or f"attachment-{i + 1}"
        payload = _payload(part)
        info = {"name": name, "type": part.get_content_type(), "present": bool(payload), "sha256": None, "size": len(payload)}
        if payload:
            target, digest, size = common.write_derived(ctx.work_dir, source, f"{locator}/attachment[{i}]", name, io.BytesIO(payload))
            info["sha256"] = digest
            derived.append(DerivedFile(target, name, f"{locator}/attachment[{i}]"))
        attachments.append(info)
    meta = {
        "format": "email",
        "app": "E-mail",
        "time": common.when(dt, date, "Date header offset" if dt else ""),
        "sender": sender,
        "recipients": recipients,
        "message_id": _header(msg, "Message-ID"),
        "thread": {"id": root, "key": stable_id(source.source_id, "email", root)},
        "attachments": attachments,
        "direction": {"value": "unknown", "how": "an e-mail file does not say whose mailbox it came from"},
    }
    fields = (
        common.party_fields("sender", sender)
        + [("recipients", common.recipients_text(recipients)), ("subject", _header(msg, "Subject")), ("text", _body(msg))]
        + [("attachment.name", a["name"]) for a in attachments]
    )
    yield common.make_item(source, locator, "email", "E-mail", fields, meta)
    yield from derived
