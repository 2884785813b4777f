"""HTML pages (chat exports, extraction reports, saved web pages) as text with their structure.

Parsed with the standard library's ``html.parser``: no script is run, nothing is fetched (images,
style sheets and frames are named, never loaded), no entity is resolved beyond HTML's own
character references. What a reader sees is kept with its shape: headings and paragraphs as
lines, list items with ``- ``, table rows with cells joined by `` | ``. What a reader does not
see but the file holds is surfaced too, so nothing personal hides in it: link targets
(``[link: mailto:...]``), image descriptions and sources, form field values, ``<meta>``
properties (author, description) and comments. Scripts and style sheets are not reproduced;
their count is kept in the item's ``meta``.
"""

from __future__ import annotations

import codecs
import logging
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

from redactor.errors import CorruptInput, EmptyInput, TooLargeInput
from redactor.extract import extractor
from redactor.extract.device.common import clean_text
from redactor.extract.docx import part_segments
from redactor.extract.text import decode_text
from redactor.records import DOCUMENT, Item, Source, stable_id
from redactor.stages import StageContext

log = logging.getLogger(__name__)
MAX_BYTES = 256 << 20
MAX_ATTR = 300  # characters of a link or image source kept (a data: URI is only named)
BLOCKS = {
    "p", "div", "section", "article", "header", "footer", "main", "nav", "aside", "blockquote", "pre", "ul", "ol", "dl",
    "dt", "dd", "hr", "form", "fieldset", "address", "figure", "figcaption", "table", "caption", "h1", "h2", "h3", "h4",
    "h5", "h6", "li", "tr", "br", "body", "html", "details", "summary", "legend", "option",
}  # fmt: skip
HIDDEN = {"script", "style", "template"}
CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
SPACE = re.compile(r"[ \t\r\n\f\v]+")
# An end tag as browsers read it: the name, then anything (attributes are ignored) up to ">".
END_TAG = re.compile(r"</([a-zA-Z][^\t\n\r\f />]*)[^>]*>")


class PageText(HTMLParser):
    """Collects the visible text of a page as lines, plus what hides in attributes and comments."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.line: list[str] = []
        self.title: list[str] = []
        self.meta: list[str] = []
        self.comments: list[str] = []
        self.hidden = {"script": 0, "style": 0, "template": 0}
        self.skip = 0  # depth inside script/style/template
        self.in_title = self.pre = 0
        self.rows: list[list[str] | None] = [None]  # the open table row of each table level
        self.pending_link = ""  # the target of the open <a>, written after its text

    # -- raw text (script, style) ----------------------------------------------------------
    # html.parser (3.11) ends a script or style only at a bare "</script>"; "</script language>"
    # or "</style media=x>" left it inside, so the rest of the page was dropped. Browsers end the
    # element at any end tag of that name, whatever follows the name; so do these two overrides.
    def set_cdata_mode(self, elem: str, **kwargs: object) -> None:
        super().set_cdata_mode(elem, **kwargs)
        self.interesting = re.compile(rf"</{re.escape(self.cdata_elem)}(?=[\t\n\r\f />])", re.IGNORECASE)

    def parse_endtag(self, i: int) -> int:
        if self.cdata_elem is not None:
            end = END_TAG.match(self.rawdata, i)
            if end and end.group(1).lower() == self.cdata_elem:
                self.clear_cdata_mode()
                self.handle_endtag(end.group(1).lower())
                return end.end()
        return super().parse_endtag(i)

    # -- structure -------------------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: (v or "") for k, v in attrs}
        if tag in HIDDEN:
            self.hidden[tag] += 1
            self.skip += 1
            return
        if self.skip:
            return
        if tag == "title":
            self.in_title += 1
        elif tag == "meta" and a.get("content") and (a.get("name") or a.get("property")):
            self.meta.append(f"{a.get('name') or a.get('property')}: {_clean(a['content'])}")
        elif tag == "table":
            self.rows.append(None)
        elif tag in ("td", "th") and self.rows[-1] is not None:
            self.rows[-1].append("")
        elif tag == "tr":
            self.break_line()
            self.rows[-1] = []
        elif tag in BLOCKS:
            self.break_line()
            self.pre += tag == "pre"
            if tag == "li":
                self.text("- ")
            elif tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
                self.text("#" * int(tag[1]) + " ")
        self._attributes(tag, a)

    def _attributes(self, tag: str, a: dict[str, str]) -> None:
        if tag == "img":
            desc = " ".join(p for p in (_clean(a.get("alt", "")), _source(a.get("src", ""))) if p)
            self.text(f" [image: {desc or 'no description'}] ")
        elif tag in ("iframe", "frame", "embed", "object", "video", "audio", "source") and (a.get("src") or a.get("data")):
            self.text(f" [{tag}: {_source(a.get('src') or a.get('data', ''))}] ")
        elif tag == "input" and a.get("type", "text") not in ("hidden", "submit", "button") and (a.get("value") or a.get("placeholder")):
            self.text(f" [field {_clean(a.get('name', ''))}: {_clean(a.get('value') or a.get('placeholder', ''))}] ")
        elif tag == "input" and a.get("type") == "hidden" and a.get("value"):
            self.text(f" [hidden field {_clean(a.get('name', ''))}: {_clean(a['value'])}] ")
        if tag == "a" and a.get("href"):
            self.pending_link = _source(a["href"])
        if a.get("title") and tag not in ("a", "img"):
            self.text(f" [title: {_clean(a['title'])}] ")

    def handle_endtag(self, tag: str) -> None:
        if tag in HIDDEN:
            self.skip = max(0, self.skip - 1)
            return
        if self.skip:
            return
        if tag == "title":
            self.in_title = max(0, self.in_title - 1)
        elif tag == "a" and self.pending_link:
            link, self.pending_link = self.pending_link, ""
            if not link.startswith("#"):
                self.text(f" [link: {link}] ")
        elif tag == "tr":
            self.end_row()
        elif tag == "table":
            self.end_row()
            if len(self.rows) > 1:
                self.rows.pop()
        elif tag in BLOCKS:
            self.break_line()
            self.pre -= tag == "pre" and self.pre > 0

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in ("br", "hr", "img", "input", "meta"):
            self.handle_endtag(tag)

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        if self.in_title:
            self.title.append(data)
            return
        self.text(data if self.pre else SPACE.sub(" ", data))

    def handle_comment(self, data: str) -> None:
        text = _clean(data)
        if text and not text.startswith(("[if", "<![endif", "[endif")):
            self.comments.append(f"[HTML comment] {text}")

    # -- output ----------------------------------------------------------------------------
    def text(self, piece: str) -> None:
        row = self.rows[-1]
        if row is not None and row:
            row[-1] += piece
        elif row is not None:
            row.append(piece)
        else:
            self.line.append(piece)

    def end_row(self) -> None:
        row = self.rows[-1]
        if row is not None:
            cells = [_clean(c) for c in row]
            if any(cells):
                self.lines.append(" | ".join(cells))
            self.rows[-1] = None

    def break_line(self) -> None:
        if self.rows[-1] is not None:
            return  # inside a table row, blocks stay within the cell
        text = "".join(self.line)
        self.line = []
        text = text.strip("\n") if self.pre else _clean(text)
        if text:
            self.lines.append(text)

    def finish(self) -> str:
        self.end_row()
        self.break_line()
        return "\n".join(self.lines)


def _clean(text: str) -> str:
    return SPACE.sub(" ", text).strip()


def _source(url: str) -> str:
    url = _clean(url)
    if url.lower().startswith("data:"):
        return "embedded data"
    return url[:MAX_ATTR]


def decode_html(data: bytes, path: Path) -> str:
    if not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")) and (m := CHARSET.search(data[:4096])):
        try:
            encoding = codecs.lookup(m.group(1).decode("ascii")).name
        except (LookupError, UnicodeDecodeError):
            encoding = ""
        if encoding and encoding not in ("utf-8", "utf-16", "utf-16-le", "utf-16-be"):
            return data.decode(encoding, "replace")
    return decode_text(data, path)


def page_text(markup: str, path: Path) -> PageText:
    parser = PageText()
    try:
        parser.feed(markup)
        parser.close()
    except Exception as exc:  # noqa: BLE001 - html.parser is lenient; anything it raises means a damaged page
        raise CorruptInput(f"{path}: HTML cannot be read ({type(exc).__name__})") from None
    return parser


def _accepts(source: Source, path: Path, head: bytes) -> bool:
    return source.media_type == "text/html"


@extractor("html", accepts=_accepts, priority=800)
def extract_html(source: Source, path: Path, ctx: StageContext) -> Iterator[Item]:
    if source.size > MAX_BYTES:
        raise TooLargeInput(f"{path}: HTML page of {source.size >> 20} MB is over the {MAX_BYTES >> 20} MB limit")
    parser = page_text(decode_html(path.read_bytes(), path), path)
    body = parser.finish()
    item_id = stable_id(source.source_id, "file")
    parts = [
        ("title", _clean("".join(parser.title))),
        ("body", body),
        ("document properties", "\n".join(parser.meta)),
        ("comments", "\n".join(parser.comments)),
    ]
    segments = part_segments(item_id, [(field, clean_text(text)) for field, text in parts])
    if not segments:
        raise EmptyInput(f"{path}: HTML page has no text")
    log.info(
        "html %s: %d lines, %d comments, %d scripts not reproduced",
        source.ref,
        body.count("\n") + 1,
        len(parser.comments),
        parser.hidden["script"],
    )
    meta = {"format": "html", "scripts_not_reproduced": parser.hidden["script"], "styles_not_reproduced": parser.hidden["style"]}
    yield Item(item_id, source.source_id, "file", DOCUMENT, source.name, segments, meta)
