"""Cellebrite UFDR (a zip with ``report.xml`` and ``files/``) or a bare ``report.xml``.

The report is stream-parsed: each finished model is turned into an item and its element freed
at once, and chat messages are emitted one by one as they end inside their ``Chat``, so memory
stays flat however large the report (real ones reach 1 GB). ``taggedFiles`` (which precede
``decodedData``) are remembered in a table of their own (:mod:`.ufdr_files`: the older ones in a temporary
file) so attachments can be joined by ``file_id``; attachment files are copied out of the zip (whose table
of contents also waits in a temporary file, :mod:`.zipindex`) into ``work/derived`` and handed to the runner.
So a UFDR with a million attached files takes no more memory to read than one with a thousand.

Locators are XPath-like (``/project/decodedData/modelType[@type='Chat']/model[@id='...']``).
Each chat yields a ``thread`` item (title and participants, for the transcript) after its
messages; chat participants, contacts and e-mail correspondents become known people.

An attached file that cannot be copied out (its member encrypted, implausibly large, damaged or truncated, its
local header missing; in a bare report's folder, unreadable) is refused alone: the reader yields a
:class:`~redactor.records.Refused` naming the file, the attachment's locator and the problem (never the member's
name, which may name a person), which the runner quarantines, and the message that names it is read with the
attachment marked ``present: False`` and ``refused`` (its code). A report that is not well-formed XML is still
refused whole: a streamed parser cannot resume after a syntax error (lxml's recovery guesses the structure, so
a message's text could land in another's), and a model of well-formed XML is always read.
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from redactor.errors import CorruptInput, EmptyInput, InputError, UnsupportedInput
from redactor.extract import extractor
from redactor.extract.device import common, zipcut
from redactor.extract.device.safe import Bounded, check_member, check_xml_head, first_member_name, iterparse, open_zip, release, strip_ns
from redactor.extract.device.ufdr_files import TaggedFiles
from redactor.extract.device.ufdr_models import _LOCAL, Model, local, model_item, read_model, to_party
from redactor.extract.device.zipindex import IndexedZip
from redactor.records import DerivedFile, Item, Mention, Person, Refused, Source, stable_id
from redactor.stages import StageContext

NS_HINT = b"pa.cellebrite.com/report"
REPORT_NAMES = ("report.xml",)
TAGS = ("{*}model", "{*}file", "{*}extraInfo")


def _is_report(head: bytes) -> bool:
    return NS_HINT in head or (b"<project" in head and b"reportVersion" in head)


def _accepts(source: Source, path: Path, head: bytes) -> bool:
    if source.media_type == "application/xml":
        return _is_report(head)
    if source.media_type != "application/zip":
        return False
    try:
        with IndexedZip(path) as archive:
            return bool(_reports(archive))
    except (zipfile.BadZipFile, OSError):  # damaged: recognise it by its first member, then fail clearly in extract
        first = first_member_name(head).lower()
        return first.endswith(REPORT_NAMES) or first.startswith("files/") or path.suffix.lower() == ".ufdr"


@extractor("ufdr", accepts=_accepts, priority=20)
def extract_ufdr(source: Source, path: Path, ctx: StageContext) -> Iterator[Item | DerivedFile | Person | Mention | Refused]:
    if source.media_type == "application/xml":
        with open(path, "rb") as handle:
            check_xml_head(handle.read(1 << 16), path)
            handle.seek(0)
            yield from _Report(source, path, ctx, files_root=path.parent).parse(handle)
        return
    if not _has_directory(path):  # cut short (a partial copy): the report is read by its local header
        yield from _cut_archive(source, path, ctx)
        return
    with open_zip(path, indexed=True) as archive:
        reports = _reports(archive)
        if not reports:
            raise UnsupportedInput(f"{path}: zip archive without report.xml")
        info = min(reports, key=lambda i: i.filename.count("/"))
        check_member(path, info)
        if info.file_size == 0:
            raise EmptyInput(f"{path}: report.xml is empty")
        with archive.open(info) as raw:
            stream = Bounded(raw, info.file_size, path)
            check_xml_head(_peek(archive, info), path)
            yield from _Report(source, path, ctx, archive=archive, prefix=info.filename[: -len(Path(info.filename).name)]).parse(stream)


def _has_directory(path: Path) -> bool:
    """Whether the zip at ``path`` ends with its table of contents (the end record, within the last 64 KB + 22 bytes)."""
    size = path.stat().st_size
    with open(path, "rb") as handle:
        handle.seek(max(0, size - (1 << 16) - 22))
        return b"PK\x05\x06" in handle.read()


def _cut_archive(source: Source, path: Path, ctx: StageContext) -> Iterator[Item | DerivedFile | Person | Mention | Refused]:
    """A UFDR cut short: its report.xml read from its local header (:mod:`.zipcut`), up to the cut if the cut falls in
    it (then the report keeps what came before, as a cut report.xml does), and its attached files found by their
    local headers. A file after the cut cannot be found: one refusal says so, and each message marks its file refused
    (a refusal each could pass the 10,000-part limit and refuse the whole download)."""
    member = zipcut.find(path, REPORT_NAMES)
    if member is None:
        raise CorruptInput(f"{path}: the zip archive is cut short (no central directory) and no report.xml stands before the cut")
    problem = (
        f"{path}: the zip archive is cut short (no central directory, a partial copy): its report and the attached files "
        "before the cut are read; a file after the cut cannot be found (each message says its file was refused)"
    )
    yield Refused("the archive's table of contents", CorruptInput.code, str(CorruptInput(problem)))
    index = zipcut.LocalIndex(path)
    try:
        with zipcut.LocalStream(path, member) as stream:
            head = stream.read(1 << 16)
            check_xml_head(head, path)
            prefix = member.name[: -len(Path(member.name).name)]
            yield from _Report(source, path, ctx, local_index=index, prefix=prefix).parse(_Prefixed(head, stream))
    finally:
        index.close()


class _Prefixed:
    """A stream whose first bytes were read already (to check the XML's head)."""

    def __init__(self, head: bytes, rest: Any) -> None:
        self.head, self.rest = head, rest

    def read(self, n: int = -1) -> bytes:
        if self.head:
            out, self.head = (self.head, b"") if n is None or n < 0 or n >= len(self.head) else (self.head[:n], self.head[n:])
            return out
        return self.rest.read(n)


def _reports(archive: IndexedZip) -> list[zipfile.ZipInfo]:
    return [i for i in archive.named(*REPORT_NAMES) if Path(i.filename).name.lower() in REPORT_NAMES]


def _peek(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    try:
        with archive.open(info) as raw:
            return raw.read(1 << 16)
    except (zipfile.BadZipFile, EOFError, OSError) as exc:
        raise CorruptInput(f"{archive.filename}: report.xml is damaged ({type(exc).__name__})") from None


class _Report:
    def __init__(
        self,
        source: Source,
        path: Path,
        ctx: StageContext,
        archive: zipfile.ZipFile | None = None,
        prefix: str = "",
        files_root: Path | None = None,
        local_index: zipcut.LocalIndex | None = None,
    ) -> None:
        self.source, self.path, self.ctx = source, path, ctx
        self.archive, self.prefix, self.files_root = archive, prefix, files_root
        self.local_index = local_index  # an archive cut short: its whole members by their local headers
        self.files = TaggedFiles()  # file id -> (name, local path, md5/sha, deleted)
        self.book = common.PeopleBook(source.ref)
        self.derived: list[DerivedFile | Refused] = []  # attachments copied out, or refused, since the last model
        self.counts: dict[str, int] = {}
        self.chat: dict[str, Any] | None = None
        self.messages: Any = None  # the open chat's Messages element (fast path for its messages)

    # -- driver ------------------------------------------------------------------------------
    def parse(self, stream: Any) -> Iterator[Item | DerivedFile | Person | Mention | Refused]:
        """The report's records; a report that stops being well-formed XML at a line (a partly copied report.xml) keeps
        what came before it, the rest refused as one part (a streamed parser cannot read on after a syntax error); a
        report with nothing read before it is refused whole."""
        read = 0
        try:
            for record in self._parse(stream):
                read += isinstance(record, Item)
                yield record
        except CorruptInput as exc:
            line = getattr(exc, "line", None)
            if line is None or not read:
                raise
            error = CorruptInput(
                f"{self.path}: the report is not well-formed XML at line {line} (truncated or damaged; a streamed parser "
                f"cannot read on after it): the rest of the report from line {line} refused, the {read:,} items before it read"
                + (" (the open chat's own item with it)" if self.chat is not None else "")
            )
            yield Refused(f"report line {line} to the end", error.code, str(error))
            yield from self.derived
            self.derived.clear()
            yield from self.book
        finally:
            self.files.close()

    def _parse(self, stream: Any) -> Iterator[Item | DerivedFile | Person | Mention | Refused]:
        """Only ``model``, tagged ``file`` and ``extraInfo`` ends are reported: a handful of events per
        message rather than one per element. A chat's own fields and participants are read from the
        (still open) chat element when its first message ends."""
        first = True
        names = _LOCAL
        for _, elem in iterparse(stream, self.path, events=("end",), tag=TAGS):
            if first:
                first = False
                root = elem.getroottree().getroot()
                if strip_ns(root.tag) != "project":
                    raise UnsupportedInput(f"{self.path}: XML root is <{strip_ns(root.tag)}>, not a Cellebrite <project> report")
            tag = names.get(elem.tag) or local(elem.tag)
            if tag == "model":
                parent = elem.getparent()
                if parent is not None and parent is self.messages:  # the next message of the open chat
                    yield self._chat_message(elem)
                    release(elem)
                elif parent is not None and (names.get(parent.tag) or local(parent.tag)) == "modelField":
                    pass  # a nested model (a message's From party): read with its owner
                else:
                    yield from self._model_end(elem, parent)
            elif tag == "file":
                parent = elem.getparent()
                if parent is not None and local(parent.tag) == "taggedFiles":
                    self._tagged_file(elem)
                    release(elem)
            elif tag == "extraInfo":
                release(elem)
            else:
                yield from self._model_end(elem, elem.getparent())
            if self.derived:
                yield from self.derived
                self.derived.clear()
            yield from self.book  # the people it named
        if first:
            raise UnsupportedInput(f"{self.path}: the report has no decoded data, tagged files or models")
        yield from self.book

    def _model_end(self, elem: Any, parent: Any) -> Iterator[Item]:
        """A model that is not the next message of the open chat: a top-level model, the first
        message of a chat, or a nested model (read with its owner, nothing to do)."""
        ptag = local(parent.tag) if parent is not None else ""
        if ptag == "modelType":
            yield from self._top_model(elem)
            release(elem)
        elif ptag == "multiModelField" and parent.get("name") == "Messages":
            chat = parent.getparent()
            if chat is not None and chat.get("type") == "Chat":
                self._enter_chat(chat)
                self.messages = parent
                yield self._chat_message(elem)
                release(elem)

    def _enter_chat(self, chat: Any) -> None:
        if self.chat is not None and self.chat["element"] is chat:
            return
        self.messages = None
        ordinal = self.counts.get("Chat", 0) + 1
        model_id = chat.get("id") or ""
        self.chat = {
            "element": chat,
            "model_id": model_id,
            "fields": {},
            "participants": [],
            "known": {},
            "messages": 0,
            "deleted": chat.get("deleted_state"),
            "ordinal": ordinal,
            "prefix": self._locator("Chat", model_id, ordinal) + "/multiModelField[@name='Messages']/model",
        }
        for child in chat:
            ctag = child.tag.rsplit("}", 1)[-1] if isinstance(child.tag, str) else ""
            if ctag == "field":
                value = next((v for v in child if strip_ns(v.tag) == "value"), None)
                self.chat["fields"][child.get("name")] = value.text if value is not None else None
            elif ctag == "multiModelField" and child.get("name") == "Participants":
                self._participants(child)

    # -- pieces ------------------------------------------------------------------------------
    def _tagged_file(self, elem: Any) -> None:
        local, digest = "", ""
        for item in elem.iter("{*}item"):
            name = item.get("name") or ""
            if name == "Local Path":
                local = item.text or ""
            elif name in ("SHA256", "MD5") and not digest:
                digest = f"{name.lower()}:{item.text or ''}"
        if elem.get("id"):
            self.files[elem.get("id")] = (elem.get("name") or "", local, digest, elem.get("deleted") or "")

    def _participants(self, elem: Any) -> None:
        for m in elem:
            if strip_ns(m.tag) != "model":
                continue
            p = to_party(read_model(m))
            self.chat["participants"].append(p)
            self.chat["known"][common.party_key(p)] = p
            self.book.add(p, "chat participants")

    def _locator(self, model_type: str, model_id: str, ordinal: int) -> str:
        which = f"[@id='{model_id}']" if model_id else f"[{ordinal}]"
        return f"/project/decodedData/modelType[@type='{model_type}']/model{which}"

    def _thread(self) -> dict[str, Any]:
        chat = self.chat
        if "thread" in chat:
            return chat["thread"]
        thread_id = chat["fields"].get("Id") or chat["model_id"]
        chat["thread"] = {
            "id": thread_id,
            "key": stable_id(self.source.source_id, "chat", chat["model_id"]),
            "app": chat["fields"].get("Source"),
            "model_id": chat["model_id"],
        }
        return chat["thread"]

    def _chat_message(self, elem: Any) -> Item:
        model, chat = read_model(elem), self.chat
        chat["messages"] += 1
        which = f"[@id='{model.id}']" if model.id else f"[{chat['messages']}]"
        return model_item(self.source, chat["prefix"] + which, model, self._attachment, thread=self._thread(), known=chat["known"])

    def _top_model(self, elem: Any) -> Iterator[Item]:
        model_type = elem.get("type") or "Unknown"
        self.counts[model_type] = self.counts.get(model_type, 0) + 1
        if model_type == "Chat":
            self._enter_chat(elem)
            yield self._thread_item()
            self.chat, self.messages = None, None
            return
        model = read_model(elem)
        item = model_item(self.source, self._locator(model_type, model.id, self.counts[model_type]), model, self._attachment)
        if item.kind == "contact":
            phones = [
                common.e164(e.text("Value")) or e.text("Value")
                for e in model.many.get("Entries", [])
                if e.type == "PhoneNumber" and e.text("Value")
            ]
            mails = [common.email(e.text("Value")) for e in model.many.get("Entries", []) if e.type == "EmailAddress"]
            self.book.add({"name": model.text("Name")}, "contacts", phones=phones, emails=[m for m in mails if m])
        elif item.kind == "email":
            for p in [item.device.sender, *item.device.recipients]:
                if p and (p.name or p.email):
                    self.book.add(p.to_json(), "e-mail correspondents")
        yield item

    def _thread_item(self) -> Item:
        chat, thread = self.chat, self._thread()
        names = [common.recipients_text([p]) for p in chat["participants"]]
        fields = [("thread.name", chat["fields"].get("Name")), ("participants", "\n".join(n for n in names if n) or None)]
        meta = {
            "format": "ufdr",
            "model_type": "Chat",
            "model_id": chat["model_id"],
            "kind": "thread",
            "thread": thread,
            "app": chat["fields"].get("Source"),
            "participants": chat["participants"],
            "messages": chat["messages"],
            "deleted": chat["deleted"],
            "time": common.when(common.parse_iso(chat["fields"].get("StartTime")), chat["fields"].get("StartTime"), "offset in the value"),
        }
        return common.make_item(
            self.source,
            self._locator("Chat", chat["model_id"], chat["ordinal"]),
            "thread",
            f"{thread['app'] or 'Chat'} conversation",
            fields,
            meta,
        )

    def _attachment(self, model: Model, locator: str) -> dict[str, Any]:
        file_id = model.attrs.get("file_id") or ""
        tagged = self.files.get(file_id)
        name = model.text("Filename") or (tagged[0] if tagged else "") or "attachment"
        local = model.text("attachment_extracted_path") or (tagged[1] if tagged else "")
        out: dict[str, Any] = {
            "name": name,
            "type": model.text("ContentType"),
            "file_id": file_id or None,
            "source_hash": tagged[2] if tagged else None,
            "present": False,
            "sha256": None,
        }
        if self.local_index is not None and local and not self._in_local_index(local):
            return out | {"refused": CorruptInput.code}  # after the cut: one refusal says so for every such file
        try:
            found = self._open_local(local)
            if found is None:
                return out
            with found as stream:
                target, digest, size = common.write_derived(self.ctx.work_dir, self.source, locator, name, stream)
        except InputError as exc:  # this file alone is refused: the message is read without it
            self.derived.append(self._refused(locator, exc))
            return out | {"refused": exc.code}
        out |= {"present": True, "sha256": digest, "size": size}
        self.derived.append(DerivedFile(target, name, locator))
        return out

    def _refused(self, locator: str, exc: InputError) -> Refused:
        """The attachment at ``locator`` refused: the problem as ``exc`` says it, naming the file and the locator
        (not the member's name: an attached photo may be named after a person)."""
        problem = exc.message.removeprefix(f"{self.path}: ")
        error = type(exc)(f"{self.path}: the file attached at {locator} could not be copied out: {problem}; refused", hint=exc.hint)
        return Refused(locator, error.code, str(error))

    def _in_local_index(self, local: str) -> zipcut.LocalMember | None:
        assert self.local_index is not None
        relative = local.replace("\\", "/").lstrip("/")
        return self.local_index.get(self.prefix + relative) or self.local_index.get(relative)

    def _open_local(self, local: str) -> Any:
        if not local:
            return None
        relative = local.replace("\\", "/").lstrip("/")
        if self.local_index is not None:
            found = self._in_local_index(local)
            if found is None:
                return None
            check_member(self.path, _as_info(found))
            return zipcut.LocalStream(self.path, found)
        if self.archive is not None:
            for candidate in (self.prefix + relative, relative):
                try:
                    info = self.archive.getinfo(candidate)
                except KeyError:
                    continue
                check_member(self.path, info)
                try:
                    raw = self.archive.open(info)
                except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError) as exc:
                    # no local header where the directory says (a cut or overwritten archive), a compression method
                    # zipfile cannot read, a member encrypted without saying so in the directory
                    raise CorruptInput(f"{self.path}: archive member cannot be opened ({type(exc).__name__})") from None
                return _Closing(Bounded(raw, info.file_size, self.path))
            return None
        found = common.copy_inside(self.files_root, relative) if self.files_root else None
        if not found:
            return None
        try:
            return open(found, "rb")
        except OSError as exc:
            raise CorruptInput(f"{self.path}: the file in the report's folder cannot be read ({exc.strerror})") from None


def _as_info(member: zipcut.LocalMember) -> zipfile.ZipInfo:
    """A member found by its local header, as :func:`~.safe.check_member` reads one (its sizes unknown: not a bomb
    by its header; :class:`~.zipcut.LocalStream` bounds what it gives)."""
    info = zipfile.ZipInfo(member.name)
    info.flag_bits, info.file_size, info.compress_size = 0, 0, member.compressed or 0
    return info


class _Closing:
    def __init__(self, stream: Bounded) -> None:
        self.stream = stream

    def __enter__(self) -> Bounded:
        return self.stream

    def __exit__(self, *exc: object) -> None:
        self.stream.raw.close()
