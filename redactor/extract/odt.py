"""OpenDocument text (``.odt``, LibreOffice): the same parts as a Word file, surfaced as text.

Recognised by content: a zip whose ``mimetype`` member says
``application/vnd.oasis.opendocument.text`` and that has ``content.xml``. Parts are
parsed with defusedxml under the same size and bomb limits as ``.docx``:

- the body: headings, paragraphs, lists, tables (cells joined with `` | ``), footnotes inline;
- comments (``office:annotation``) inline as ``[comment by AUTHOR: ...]``;
- tracked changes: deleted text, which only lives in ``text:tracked-changes``, is surfaced
  where it was cut as ``[deleted by AUTHOR: ...]``; insertions as ``[inserted by AUTHOR: ...]``;
- headers and footers of the master pages (``styles.xml``), one segment each.

Pictures (``Pictures/``) and embedded objects become derived files, as for Word.
"""

from __future__ import annotations

import logging
import zipfile
from collections.abc import Iterator
from pathlib import Path
from xml.etree.ElementTree import Element

from redactor.errors import CorruptInput, EmptyInput
from redactor.extract import extractor
from redactor.extract.docx import check_package, derived_members, part_segments, read_xml
from redactor.records import DOCUMENT, DerivedFile, Item, Source, stable_id
from redactor.stages import StageContext

log = logging.getLogger(__name__)
MIMETYPE = b"application/vnd.oasis.opendocument.text"
OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
DC = "{http://purl.org/dc/elements/1.1/}"
BLOCKS = {TEXT + "p", TEXT + "h"}
SKIP = {TEXT + "tracked-changes", OFFICE + "forms", TEXT + "sequence-decls", TEXT + "variable-decls", OFFICE + "change-info"}


def is_odt(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
            return "content.xml" in names and "mimetype" in names and zf.read("mimetype").strip() == MIMETYPE
    except (zipfile.BadZipFile, OSError, ValueError, KeyError):
        return False


def _accepts(source: Source, path: Path, head: bytes) -> bool:
    return source.media_type == "application/zip" and is_odt(path)


def _author(region: Element | None) -> str:
    creator = region.find(f"{OFFICE}change-info/{DC}creator") if region is not None else None
    return (creator.text or "").strip() if creator is not None and creator.text else "unknown"


class OdtWalker:
    """Turns an OpenDocument part into text, in document order, with tracked changes in place."""

    def __init__(self, regions: dict[str, Element]) -> None:
        self.regions = regions  # text:changed-region by id
        self.out: list[str] = []
        self.changes = 0
        self.comments = 0

    def text(self, root: Element) -> str:
        self.out = []
        self.walk(root)
        return "\n".join(line.rstrip() for line in "".join(self.out).strip().split("\n"))

    def walk(self, el: Element) -> None:
        tag = el.tag
        if tag in SKIP:
            return
        if tag == TEXT + "s":
            self.out.append(" " * int(el.get(TEXT + "c", "1") or 1))
        elif tag == TEXT + "tab":
            self.out.append("\t")
        elif tag == TEXT + "line-break":
            self.out.append("\n")
        elif tag in (TEXT + "change", TEXT + "change-start"):
            self._change(el.get(TEXT + "change-id", ""), opens=True)
        elif tag == TEXT + "change-end":
            if self._kind(el.get(TEXT + "change-id", "")) == "insertion":
                self.out.append("]")
        elif tag == OFFICE + "annotation":
            self.comments += 1
            creator = el.find(DC + "creator")
            body = " ".join(OdtWalker(self.regions).text(p) for p in el.iter() if p.tag in BLOCKS)
            self.out.append(f" [comment by {(creator.text or 'unknown') if creator is not None else 'unknown'}: {body}]")
        elif tag == TABLE + "table-row":
            cells = [OdtWalker(self.regions).text(c).replace("\n", " ") for c in el if c.tag == TABLE + "table-cell"]
            self.out.append(" | ".join(cells) + "\n")
        else:
            if el.text:
                self.out.append(el.text)
            for child in el:
                self.walk(child)
                if child.tail:
                    self.out.append(child.tail)
            if tag in BLOCKS:
                self.out.append("\n")

    def _kind(self, change_id: str) -> str:
        region = self.regions.get(change_id)
        if region is None:
            return ""
        for kind in ("insertion", "deletion", "format-change"):
            if region.find(TEXT + kind) is not None:
                return kind
        return ""

    def _change(self, change_id: str, opens: bool) -> None:
        region = self.regions.get(change_id)
        kind = self._kind(change_id)
        if region is None or kind == "format-change":
            return
        self.changes += 1
        if kind == "insertion" and opens:
            self.out.append(f"[inserted by {_author(region.find(TEXT + 'insertion'))}: ")
        elif kind == "deletion":
            deletion = region.find(TEXT + "deletion")
            cut = " ".join(OdtWalker(self.regions).text(p) for p in deletion if p.tag != OFFICE + "change-info")
            self.out.append(f"[deleted by {_author(deletion)}: {cut}]")


def _regions(root: Element) -> dict[str, Element]:
    return {r.get(TEXT + "id", ""): r for r in root.iter(TEXT + "changed-region")}


def _header_footers(styles: Element, regions: dict[str, Element]) -> list[tuple[str, str]]:
    parts = []
    for master in styles.iter(STYLE + "master-page"):
        for child in master:
            field = child.tag.removeprefix(STYLE).split("-")[0]  # header, header-left, footer, footer-first, ...
            if field in ("header", "footer"):
                parts.append((field, OdtWalker(regions).text(child)))
    return parts


def _derived(zf: zipfile.ZipFile, source: Source, ctx: StageContext | None) -> Iterator[DerivedFile]:
    return derived_members(
        zf, source, ctx, lambda name: name.startswith("Pictures/") or (name.startswith("Object") and "/" not in name.rstrip("/"))
    )


@extractor("odt", accepts=_accepts, priority=90)
def extract_odt(source: Source, path: Path, ctx: StageContext) -> Iterator[Item | DerivedFile]:
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise CorruptInput(f"{path}: OpenDocument file cannot be opened ({type(exc).__name__})") from None
    with zf:
        check_package(zf, path)
        content = read_xml(zf, "content.xml", path)
        regions = _regions(content)
        walker = OdtWalker(regions)
        body = content.find(f"{OFFICE}body/{OFFICE}text")
        parts = [("body", walker.text(body if body is not None else content))]
        if "styles.xml" in zf.namelist():
            parts += _header_footers(read_xml(zf, "styles.xml", path), regions)
        derived = list(_derived(zf, source, ctx))
    item_id = stable_id(source.source_id, "file")
    segments = part_segments(item_id, parts)
    if not segments and not derived:
        raise EmptyInput(f"{path}: OpenDocument file has no text")
    log.info(
        "odt %s: %d parts, %d tracked changes, %d comments, %d embedded files",
        source.ref,
        len(segments),
        walker.changes,
        walker.comments,
        len(derived),
    )
    yield from derived
    if segments:
        meta = {"format": "odt", "tracked_changes": walker.changes, "comments": walker.comments, "embedded": len(derived)}
        yield Item(item_id, source.source_id, "file", DOCUMENT, source.name, segments, meta)
