"""Rich Text Format (``.rtf``): a careful reader of its own, one linear pass, nothing run.

RTF is read token by token with one regular expression that cannot backtrack (striprtf's
token pattern and tables of destinations and special characters, pinned); the reader keeps a
group stack and sends text where it belongs:

- the body, with paragraphs, tabs, table cells (`` | ``) and rows as lines; Unicode (``\\u``)
  and code-page escapes (``\\'hh``, ``\\ansicpg``) decoded; hidden text (``\\v``) is read like
  any other text and counted in ``meta``;
- link targets of fields (``HYPERLINK "mailto:..."``) as ``[link: ...]`` before the link text;
- comments (annotations, with their author) and document properties (``\\info``: title,
  author, operator, company, ...) as segments of their own;
- PNG and JPEG pictures (``\\pict`` with ``\\pngblip``/``\\jpegblip``, hex or ``\\bin``) as
  derived files, so they are OCR'd; other pictures and embedded objects are counted.

Every other destination (font and colour tables, style sheets, generator) is skipped.
"""

from __future__ import annotations

import codecs
import io
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from striprtf.striprtf import destinations, specialchars

from redactor.errors import CorruptInput, EmptyInput, TooLargeInput
from redactor.extract import extractor
from redactor.extract.device.common import clean_text
from redactor.extract.docx import contents_segments, part_segments
from redactor.records import DOCUMENT, DerivedFile, Item, Source, stable_id
from redactor.stages import StageContext

log = logging.getLogger(__name__)
MAX_BYTES = 256 << 20
MAX_DEPTH = 5000
INFO = {"title", "subject", "author", "operator", "keywords", "comment", "doccomm", "company", "manager", "category", "hlinkbase"}
SPECIAL = {**specialchars, "cell": " | ", "nestcell": " | ", "row": "\n", "par": "\n", "line": "\n", "sect": "\n", "page": "\n"}
CAPTURED = {"fldinst", "annotation", "atnauthor", "pict", "info", "objdata"} | INFO
BLIPS = {"pngblip": "png", "jpegblip": "jpg"}
# control word, \'hh escape, control symbol, brace, source line break (ignored), a run of plain text
TOKEN = re.compile(r"\\([a-zA-Z]{1,32})(-?\d{1,10})?[ ]?|\\'([0-9a-fA-F]{2})|\\([^a-zA-Z])|([{}])|[\r\n]+|([^\\{}\r\n]+)")


@dataclass
class Group:
    dest: str = "body"  # where text goes: body, skip, or a captured destination
    uc: int = 1  # characters to skip after a \u escape
    hidden: bool = False


@dataclass
class Reader:
    """State of one pass over a document."""

    encoding: str = "cp1252"
    parts: dict[str, list[str]] = field(default_factory=lambda: {"body": []})
    comments: list[str] = field(default_factory=list)
    properties: list[str] = field(default_factory=list)
    pictures: list[tuple[str, bytes]] = field(default_factory=list)
    skipped_pictures: int = 0
    objects: int = 0
    hidden_chars: int = 0
    author: str = ""
    blip: str = ""
    pict_bin: bytes = b""
    pending: bytearray = field(default_factory=bytearray)

    def emit(self, group: Group, text: str) -> None:
        if group.dest == "skip" or not text:
            return
        if group.hidden and group.dest == "body":
            self.hidden_chars += len(text)
        self.parts.setdefault(group.dest, []).append(text)

    def flush_bytes(self, group: Group) -> None:
        if self.pending:
            self.emit(group, bytes(self.pending).decode(self.encoding, "replace"))
            self.pending.clear()

    def take(self, dest: str) -> str:
        return "".join(self.parts.pop(dest, []))

    def close(self, group: Group, parent: Group) -> None:
        """A captured destination ends: put what it held where it belongs."""
        dest = group.dest
        if dest in ("body", "skip") or dest == parent.dest:
            return
        text = self.take(dest)  # what the destination held, taken out whatever it is
        if dest == "fldinst":
            m = re.search(r'HYPERLINK\s+(?:\\l\s+)?"?([^"\s]+)', text)
            if m:
                self.emit(parent, f"[link: {m.group(1)}] ")
        elif dest == "atnauthor":
            self.author = text.strip()
        elif dest == "annotation":
            self.comments.append(f"[comment by {self.author or 'unknown'}] {_line(text)}")
        elif dest in INFO:
            if text.strip():
                self.properties.append(f"{dest}: {_line(text)}")
        elif dest == "pict":
            data = self.pict_bin or _hex_bytes(text)
            if self.blip and data:
                self.pictures.append((self.blip, data))
            else:
                self.skipped_pictures += 1
            self.blip, self.pict_bin = "", b""
        elif dest == "objdata":
            self.objects += 1


def _line(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _pairs(text: str) -> str:
    """Join UTF-16 surrogate pairs written as two \\u escapes (emoji); a lone half becomes U+FFFD."""
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


def _hex_bytes(text: str) -> bytes:
    digits = re.sub(r"[^0-9A-Fa-f]", "", text)
    return bytes.fromhex(digits[: len(digits) // 2 * 2])


def read_rtf(data: bytes, path: Path) -> Reader:
    """One pass over the document; raises CorruptInput on what is not RTF."""
    text = data.decode("latin-1")  # RTF is 7-bit; \bin data keeps its bytes one-to-one
    if not text.lstrip().startswith("{\\rtf"):
        raise CorruptInput(f"{path}: not an RTF document")
    reader, stack, group = Reader(), [], Group()
    skip_chars, pos, star = 0, 0, False
    while pos < len(text):
        m = TOKEN.match(text, pos)
        if m is None:  # a lone backslash at the very end
            break
        pos = m.end()
        word, arg, hexed, char, brace, plain = m.groups()
        if hexed is None:
            reader.flush_bytes(group)
        if brace == "{":
            if len(stack) >= MAX_DEPTH:
                raise CorruptInput(f"{path}: groups nested over {MAX_DEPTH} deep")
            stack.append(group)
            group = Group(group.dest, group.uc, group.hidden)
            skip_chars = 0
        elif brace == "}":
            if not stack:
                break  # the document group is closed: anything after it is out of band
            parent = stack.pop()
            reader.close(group, parent)
            group = parent
            skip_chars = 0
        elif char is not None:
            skip_chars = 0
            star = char == "*"
            if char in SPECIAL:
                reader.emit(group, SPECIAL[char])
        elif word is not None:
            skip_chars = 0
            pos, skip_chars = _word(reader, group, word.lower(), arg, star, text, pos, path)
            star = False
        elif hexed is not None:
            if skip_chars:
                skip_chars -= 1
            elif group.dest != "skip":
                reader.pending.append(int(hexed, 16))
        elif plain is not None:
            dropped = min(skip_chars, len(plain))  # the stand-in characters after a \u escape
            skip_chars -= dropped
            reader.emit(group, plain[dropped:])
    reader.flush_bytes(group)
    return reader


def _word(reader: Reader, group: Group, word: str, arg: str | None, star: bool, text: str, pos: int, path: Path) -> tuple[int, int]:
    """Apply one control word; returns the next position and how many characters to skip."""
    if word == "bin":  # raw bytes follow: never tokenised
        size = int(arg or 0)
        if size < 0 or pos + size > len(text):
            raise CorruptInput(f"{path}: binary data runs past the end of the document")
        if group.dest == "pict":
            reader.pict_bin = text[pos : pos + size].encode("latin-1")
        return pos + size, 0
    if word in CAPTURED and group.dest != "skip":
        group.dest = word
        return pos, 0
    if word in destinations or star:
        group.dest = "skip"
    elif word in BLIPS and group.dest == "pict":
        reader.blip = BLIPS[word]
    elif word == "ansicpg" and arg:
        try:
            reader.encoding = codecs.lookup(f"cp{arg}").name
        except LookupError:
            pass
    elif word == "uc" and arg:
        group.uc = max(0, int(arg))
    elif word == "u" and arg:
        value = int(arg)
        reader.emit(group, chr(value + 0x10000 if value < 0 else value) if -0x8000 <= value < 0x110000 else "\ufffd")
        return pos, group.uc
    elif word == "v":
        group.hidden = arg != "0"
    elif word in SPECIAL:
        reader.emit(group, SPECIAL[word])
    return pos, 0


def _accepts(source: Source, path: Path, head: bytes) -> bool:
    return source.media_type == "application/rtf"


@extractor("rtf", accepts=_accepts, priority=90)
def extract_rtf(source: Source, path: Path, ctx: StageContext) -> Iterator[Item | DerivedFile]:
    if source.size > MAX_BYTES:
        raise TooLargeInput(f"{path}: RTF document of {source.size >> 20} MB is over the {MAX_BYTES >> 20} MB limit")
    try:
        reader = read_rtf(path.read_bytes(), path)
    except (ValueError, OverflowError) as exc:
        raise CorruptInput(f"{path}: RTF document cannot be read ({type(exc).__name__})") from None
    body = "\n".join(line.rstrip(" \t|") for line in _pairs(reader.take("body")).split("\n"))
    parts = [("body", re.sub(r"\n{3,}", "\n\n", body).strip()), ("comments", _pairs("\n".join(reader.comments)))]
    derived = list(_pictures(reader, source, ctx))
    item_id = stable_id(source.source_id, "file")
    segments = part_segments(item_id, [(f, clean_text(t)) for f, t in parts])
    segments = segments or contents_segments(item_id, "RTF document", [_pairs(p) for p in reader.properties], len(derived))
    if not segments:
        raise EmptyInput(f"{path}: RTF document has no text")
    meta = {
        "format": "rtf",
        "comments": len(reader.comments),
        "hidden_characters": reader.hidden_chars,
        "embedded": len(derived),
        "pictures_not_extracted": reader.skipped_pictures,
        "objects_not_extracted": reader.objects,
    }
    log.info("rtf %s: %d segments, %d pictures, %d comments", source.ref, len(segments), len(derived), len(reader.comments))
    yield from derived
    yield Item(item_id, source.source_id, "file", DOCUMENT, source.name, segments, meta)


def _pictures(reader: Reader, source: Source, ctx: StageContext | None) -> Iterator[DerivedFile]:
    if ctx is None:
        return
    from redactor.extract.device.common import write_derived

    for n, (ext, data) in enumerate(reader.pictures, start=1):
        name = f"picture-{n}.{ext}"
        target, _, _ = write_derived(ctx.work_dir, source, f"pict[{n}]", name, io.BytesIO(data))
        yield DerivedFile(target, name, f"pict[{n}]")
