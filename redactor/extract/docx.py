"""Word ``.docx`` files: every part a reader or an editor can see, surfaced as text.

A ``.docx`` is a zip (sniffed as ``application/zip``), recognised by its content:
``[Content_Types].xml`` and ``word/document.xml``. Its XML parts are parsed with
defusedxml (no DTDs, no entities) and walked in document order:

- the body: paragraphs, tables (cells joined with `` | ``, one row a line), text boxes;
- tracked changes, surfaced inline as ``[inserted by AUTHOR: ...]`` and ``[deleted by AUTHOR: ...]``
  (moves likewise), because the deleted text is still in the file;
- headers, footers, footnotes, endnotes and comments (``[comment N by AUTHOR] ...``), one segment each.

Pictures in ``word/media`` and embedded files in ``word/embeddings`` are yielded as
derived files, so each is extracted (and OCR'd) as a source of its own; an embedded Excel
sheet is read by :mod:`redactor.extract.xlsx`. A Word file without text (only pictures, only
properties) still yields an item: one ``contents`` segment that says what it holds. The item is
rendered by the text renderer: re-typeset, so no hidden part of the original survives.
"""

from __future__ import annotations

import logging
import re
import zipfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from xml.etree.ElementTree import Element

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from redactor.errors import CorruptInput, EmptyInput, HostileInput
from redactor.extract import extractor
from redactor.records import DOCUMENT, DerivedFile, Item, Segment, Source, stable_id
from redactor.stages import StageContext

log = logging.getLogger(__name__)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
MAX_PART = 256 << 20  # uncompressed bytes of one XML part
MAX_TOTAL = 2 << 30  # uncompressed bytes of the whole package
MAX_RATIO = 200
PARTS = (  # (field, pattern of part names), in the order they are shown
    ("header", re.compile(r"word/header\d*\.xml")),
    ("footer", re.compile(r"word/footer\d*\.xml")),
    ("footnotes", re.compile(r"word/footnotes\.xml")),
    ("endnotes", re.compile(r"word/endnotes\.xml")),
)
SKIP = {
    W + "pPr",
    W + "rPr",
    W + "sectPr",
    W + "tblPr",
    W + "trPr",
    W + "tcPr",
    W + "tblGrid",
    W + "instrText",
    W + "delInstrText",
    W + "fldData",
}
CHANGES = {W + "ins": "inserted", W + "del": "deleted", W + "moveTo": "moved here", W + "moveFrom": "moved away"}


def is_docx(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    return "[Content_Types].xml" in names and "word/document.xml" in names


def _accepts(source: Source, path: Path, head: bytes) -> bool:
    return source.media_type == "application/zip" and is_docx(path)


class Walker:
    """Turns one WordprocessingML part into text, in document order."""

    def __init__(self) -> None:
        self.out: list[str] = []
        self.changes = 0

    def text(self, root: Element) -> str:
        self.out = []
        self.walk(root)
        return re.sub(r"\n{3,}", "\n\n", "".join(self.out)).strip()

    def walk(self, el: Element) -> None:
        tag = el.tag
        if tag in SKIP:
            return
        if tag in (W + "t", W + "delText"):
            self.out.append(el.text or "")
        elif tag == W + "tab":
            self.out.append("\t")
        elif tag in (W + "br", W + "cr"):
            self.out.append("\n")
        elif tag == W + "noBreakHyphen":
            self.out.append("-")
        elif tag == MC + "AlternateContent":  # the same content twice (Choice and Fallback): read one
            chosen = el.find(MC + "Choice")
            self.walk_children(chosen if chosen is not None else el.find(MC + "Fallback"))
        elif tag in CHANGES:
            self.changes += 1
            self.out.append(f"[{CHANGES[tag]} by {el.get(W + 'author') or 'unknown'}: ")
            self.walk_children(el)
            self.out.append("]")
        elif tag == W + "commentReference":
            self.out.append(f" [comment {el.get(W + 'id', '?')}]")
        elif tag in (W + "footnoteReference", W + "endnoteReference"):
            self.out.append(f"[{'footnote' if 'foot' in tag else 'endnote'} {el.get(W + 'id', '?')}]")
        elif tag == W + "tr":
            cells = []
            for cell in self._cells(el):
                sub = Walker()
                cells.append(sub.text(cell).replace("\n", " "))
                self.changes += sub.changes
            self.out.append(" | ".join(cells) + "\n")
        elif tag == W + "p":
            self.walk_children(el)
            self.out.append("\n")
        else:
            self.walk_children(el)

    @staticmethod
    def _cells(row: Element) -> Iterator[Element]:
        for child in row:
            if child.tag == W + "tc":
                yield child
            elif child.tag in (W + "sdt", W + "customXml"):
                yield from (c for c in child.iter(W + "tc"))

    def walk_children(self, el: Element | None) -> None:
        if el is not None:
            for child in el:
                self.walk(child)


def read_xml(zf: zipfile.ZipFile, name: str, path: Path) -> Element:
    info = zf.getinfo(name)
    if info.file_size > MAX_PART:
        raise HostileInput(f"{path}: part {name} expands to {info.file_size} bytes (possible decompression bomb)")
    try:
        return SafeET.fromstring(zf.read(name))
    except DefusedXmlException:
        raise HostileInput(f"{path}: part {name} declares a DTD or entities (possible XXE or entity expansion); refused") from None
    except SafeET.ParseError:
        raise CorruptInput(f"{path}: part {name} is not well-formed XML") from None


def check_package(zf: zipfile.ZipFile, path: Path) -> None:
    total = 0
    for info in zf.infolist():
        total += info.file_size
        if info.file_size > (1 << 20) and info.file_size > MAX_RATIO * max(1, info.compress_size):
            raise HostileInput(
                f"{path}: member {info.filename!r} expands {info.file_size // max(1, info.compress_size)}-fold (decompression bomb)"
            )
    if total > MAX_TOTAL:
        raise HostileInput(f"{path}: package expands to {total} bytes (possible decompression bomb)")


def _comments(root: Element) -> str:
    lines = []
    for comment in root.iter(W + "comment"):
        body = Walker().text(comment).replace("\n", " ")
        lines.append(f"[comment {comment.get(W + 'id', '?')} by {comment.get(W + 'author') or 'unknown'}] {body}")
    return "\n".join(lines)


def part_segments(item_id: str, parts: Sequence[tuple[str, str]]) -> tuple[Segment, ...]:
    """One segment per non-empty part of a document package (body, headers, comments, ...)."""
    kept = [(field, text) for field, text in parts if text.strip()]
    return tuple(Segment(stable_id(item_id, i), item_id, i, field, text, origin="text") for i, (field, text) in enumerate(kept))


PROPERTY_PARTS = {
    "docProps/core.xml": ("title", "subject", "creator", "keywords", "description", "lastModifiedBy", "category"),
    "docProps/app.xml": ("Company", "Manager"),
}


def package_properties(zf: zipfile.ZipFile, path: Path) -> list[str]:
    """Document properties of an Office package that can name people (author, title, company, ...)."""
    lines = []
    present = set(zf.namelist())
    for part, wanted in PROPERTY_PARTS.items():
        if part not in present:
            continue
        for el in read_xml(zf, part, path).iter():
            local = el.tag.rsplit("}", 1)[-1] if isinstance(el.tag, str) else ""
            if local in wanted and el.text and el.text.strip():
                lines.append(f"{local}: {' '.join(el.text.split())}")
    return lines


def contents_segments(item_id: str, what: str, properties: Sequence[str], derived: int) -> tuple[Segment, ...]:
    """The one segment of a document without text: what it does hold, so it is neither refused nor empty.

    Pictures and embedded files are extracted (and OCR'd) as sources of their own; properties
    (author, title, ...) are listed here, so they are reviewed like any other text."""
    if not properties and not derived:
        return ()
    lines = [f"This {what} has no text."]
    if derived:
        lines.append(f"It holds {derived} picture(s) or embedded file(s), extracted as sources of their own.")
    if properties:
        lines += ["Document properties:", *properties]
    return part_segments(item_id, [("contents", "\n".join(lines))])


def derived_members(zf: zipfile.ZipFile, source: Source, ctx: StageContext | None, wanted: Callable[[str], bool]) -> Iterator[DerivedFile]:
    """Embedded pictures and files of a document package, written under the case's work folder."""
    if ctx is None:
        return
    from redactor.extract.device.common import write_derived

    for info in zf.infolist():
        name = info.filename
        if info.is_dir() or not wanted(name):
            continue
        with zf.open(info) as stream:
            target, _, _ = write_derived(ctx.work_dir, source, name, name.rsplit("/", 1)[-1], stream)
        yield DerivedFile(target, name.rsplit("/", 1)[-1], name)


def _derived(zf: zipfile.ZipFile, source: Source, ctx: StageContext | None) -> Iterator[DerivedFile]:
    return derived_members(zf, source, ctx, lambda name: name.startswith(("word/media/", "word/embeddings/")))


@extractor("docx", accepts=_accepts, priority=90)
def extract_docx(source: Source, path: Path, ctx: StageContext) -> Iterator[Item | DerivedFile]:
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise CorruptInput(f"{path}: Word file cannot be opened ({type(exc).__name__})") from None
    with zf:
        check_package(zf, path)
        names = sorted(zf.namelist(), key=lambda n: (len(n), n))
        walker = Walker()
        parts = [("body", walker.text(read_xml(zf, "word/document.xml", path)))]
        for field, pattern in PARTS:
            parts += [(field, walker.text(read_xml(zf, n, path))) for n in names if pattern.fullmatch(n)]
        comments = 0
        if "word/comments.xml" in names:
            tree = read_xml(zf, "word/comments.xml", path)
            parts.append(("comments", _comments(tree)))
            comments = sum(1 for _ in tree.iter(W + "comment"))
        derived = list(_derived(zf, source, ctx))
        properties = [] if any(text.strip() for _, text in parts) else package_properties(zf, path)
    item_id = stable_id(source.source_id, "file")
    segments = part_segments(item_id, parts) or contents_segments(item_id, "Word file", properties, len(derived))
    if not segments:
        raise EmptyInput(f"{path}: Word file has no text, pictures, embedded files or properties")
    log.info(
        "docx %s: %d parts, %d tracked changes, %d comments, %d embedded files",
        source.ref,
        len(segments),
        walker.changes,
        comments,
        len(derived),
    )
    yield from derived
    meta = {"format": "docx", "tracked_changes": walker.changes, "comments": comments, "embedded": len(derived)}
    yield Item(item_id, source.source_id, "file", DOCUMENT, source.name, segments, meta)
