"""The leak scan of ``redactor verify OUT --case CASE``: no value the case decided to redact is in the bundle.

Every file of the bundle is searched: its name, and for PDFs the text layer, the raw bytes
(UTF-8, UTF-16 and Latin-1 forms: bookmark titles are UTF-16) and every decoded stream; for
other files their text. The values are every flag decided "redact" anywhere in the case and
every name and alias of a known person whose name was redacted anywhere; a value the reviewers
also decided to *keep* somewhere is left out (it was kept on purpose). Before comparing, both
sides are normalised: invisible characters (U+200E, zero-width spaces, ...) dropped, case folded,
runs of spaces, dots, dashes and underscores made one space; numbers match in any grouping. A hit
names the file and where, never the value (a file whose name is the leak is shown as withheld).
Pictures are read too: every PDF page that draws an image is OCR'd (:mod:`redactor.bundle.pictures`),
so a picture of a redacted value fails the scan, naming the file and the page; given the case as
``cache``, a picture set the case has read before is not read again.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from redactor.bundle.chrome import PDF_NAME, is_chrome_word, key_pieces, without_chrome, without_json_keys, words
from redactor.bundle.pictures import PictureCache, find_pictures, picture_hits, read_pictures_once
from redactor.bundle.scrub import normalise, people_values, watched
from redactor.case.value_text import EDGE, alternation, as_name, capitalised, squeezed, strip_invisible, watched_name


@dataclass(frozen=True, slots=True)
class Leak:
    file: str  # bundle-relative path
    where: str  # "file name", "text layer", "raw bytes", "decoded stream", "text"
    what: str  # "a value decided 'redact' (flag ...)" or "a known person's name (person ...)"


@dataclass(frozen=True, slots=True)
class Watch:
    """A value to look for, and how to name it without printing it."""

    norm: str
    label: str


def case_watchlist(store: Any) -> list[Watch]:
    rows = store.flag_values(("redact", "keep"))
    redacted: dict[str, str] = {}
    kept: set[str] = set()
    for flag_id, status, _, value, _ in rows:
        norm = normalise(value)
        if status == "keep":
            kept.add(norm)
        elif watched(norm):
            redacted.setdefault(norm, f"a value decided 'redact' (flag {flag_id})")
    raw = [value for _, status, _, value, _ in rows if status == "redact"]
    for person in store.people():
        for name in people_values([person], raw):
            norm = normalise(name)
            if watched_name(norm):
                redacted.setdefault(norm, f"the name of a known person redacted elsewhere (person {person.person_id})")
    return [Watch(norm, label) for norm, label in sorted(redacted.items()) if norm not in kept]


class Scanner:
    """Looks for the watched values in a text.

    A value that is one of the bundle's own words (:mod:`redactor.bundle.chrome`: "email" as a kind,
    "json" in "manifest.json") is looked for in the text with those phrases taken out; every other
    value in the text as it is. ``pdf_syntax``: the text is a PDF's syntax, whose name tokens
    ("/Page", "/Title") are the format's words, never the material's: they are taken out first."""

    def __init__(self, watch: Sequence[Watch], *, pdf_syntax: bool = False) -> None:
        self.labels = {w.norm: w.label for w in watch}
        ordered = sorted(self.labels, key=lambda v: (-len(v), v))
        self.keys = {squeezed(v): v for v in ordered}
        self.framed = frozenset(v for v in ordered if is_chrome_word(v))
        self.named = frozenset(v for v in ordered if capitalised(v) and v not in self.framed)  # "mark": only as a name
        self.pattern = alternation([v for v in ordered if v not in self.framed and v not in self.named])
        self.named_pattern = named_pattern(self.named)
        self.framed_pattern = alternation([v for v in ordered if v in self.framed])
        self.pdf_syntax = pdf_syntax
        self.words = {v: words(v) for v in ordered}  # a value as a JSON key would hold it (see ``find(json=True)``)

    def find(self, text: str, *, chrome: bool = True, json: bool = False) -> str | None:
        """The label of the first watched value in ``text``, or None.

        ``chrome=False``: the text holds none of the bundle's own words (a picture's OCR), so no value is
        looked for with them taken out. ``json``: the text is one of the bundle's JSON files (manifest,
        audit log), whose keys ("format", "media_type") are its own words too."""
        if self.pdf_syntax:
            text = PDF_NAME.sub(" | ", text)
        norm = normalise(text)
        plain, keyed = self.pattern, None
        if json:
            pieces = key_pieces(norm)
            loose = [v for v in self.labels if v not in self.framed and v not in self.named]
            in_keys = {v for v in loose if self.words[v] in pieces}
            keyed = alternation(sorted(in_keys))
            if keyed is not None:
                plain = alternation([v for v in loose if v not in in_keys])
        m = plain.search(norm) if plain is not None else None
        stripped = None  # the text without the bundle's phrases and JSON keys, made once
        if m is None and keyed is not None:
            stripped = without_json_keys(without_chrome(norm))
            m = keyed.search(stripped)
        if m is None and self.framed_pattern is not None:
            if stripped is None or not chrome:
                body = without_chrome(norm) if chrome else norm
                stripped = without_json_keys(body) if json else body
            m = self.framed_pattern.search(stripped)
        if m is None and self.named_pattern is not None:
            return self._named(text)
        return None if m is None else self.labels[self.keys[squeezed(m.group(0))]]

    def _named(self, text: str) -> str | None:
        """The label of the first value that is a very common word written as a name in ``text`` (``value_text.as_name``:
        "I saw Mark", not "a question mark"), or None."""
        assert self.named_pattern is not None
        plain = strip_invisible(text)
        for m in self.named_pattern.finditer(plain):
            if as_name(plain, m.start(), m.end()):
                return self.labels[m.group(0).casefold()]
        return None


def named_pattern(values: frozenset[str]) -> re.Pattern[str] | None:
    """One-word values (:func:`value_text.capitalised`) in any case over text as written, not touching a letter or digit."""
    if not values:
        return None
    body = "|".join(re.escape(v) for v in sorted(values, key=lambda v: (-len(v), v)))
    return re.compile(rf"(?<![{EDGE}])(?:{body})(?![{EDGE}])", re.IGNORECASE)


def scan_bundle(
    out: Path,
    watch: Sequence[Watch],
    *,
    pictures: bool = True,
    workers: int | None = None,
    cache: PictureCache | None = None,
    files: Sequence[str] | None = None,
) -> list[Leak]:
    """Every place in the bundle where a watched value shows; empty when the bundle is clean.

    ``pictures``: also OCR every PDF page that draws an image (``workers`` tesseract processes), taking
    the readings ``cache`` (the case) holds and keeping the new ones there.
    ``files``: only these bundle files (their text; no pictures are read)."""
    scanner = Scanner(watch)
    # PDF syntax is full of numbers (coordinates, sizes): short all-digit values are looked for in text only
    syntax = Scanner([w for w in watch if not _short_number(w.norm)], pdf_syntax=True)
    leaks: list[Leak] = []
    for path in sorted(p for p in Path(out).rglob("*") if p.is_file()):
        name = path.relative_to(out).as_posix()
        if files is not None and name not in files:
            continue
        for where, text in _views(path, name):
            if where in ("raw bytes", "decoded stream"):
                label = syntax.find(text)
            else:
                label = scanner.find(text, json=where == "text" and path.suffix in (".json", ".jsonl"))
            if label is not None:
                leaks.append(Leak(_shown(name, scanner), where, label))
    if pictures and files is None:
        leaks += picture_leaks(out, watch, workers, scanner=scanner, cache=cache)
    return leaks


def picture_leaks(
    out: Path, watch: Sequence[Watch], workers: int | None = None, *, scanner: Scanner | None = None, cache: PictureCache | None = None
) -> list[Leak]:
    """Every PDF page whose pictures show a watched value, as tesseract reads them."""
    from redactor.render.pool import default_workers

    scanner = scanner or Scanner(watch)
    files = [p.relative_to(out).as_posix() for p in sorted(Path(out).rglob("*")) if p.is_file() and _is_pdf(p)]
    found = find_pictures(Path(out), files)
    texts = read_pictures_once(Path(out), found, workers or default_workers(), cache)
    return [
        Leak(_shown(p.file, scanner), f"picture on page {p.page}, OCR", label)
        for p, label in picture_hits(found, texts, lambda text: scanner.find(text, chrome=False))
    ]


def _shown(name: str, scanner: Scanner) -> str:
    """A bundle file's name as a report may print it: a part that is itself a leak is withheld."""
    return "/".join(part if scanner.find(part) is None else "[file name withheld]" for part in name.split("/"))


def _is_pdf(path: Path) -> bool:
    with open(path, "rb") as handle:
        return handle.read(4) == b"%PDF"


def _short_number(norm: str) -> bool:
    digits = norm.replace(" ", "")
    return digits.isdigit() and len(digits) < 6


def _views(path: Path, name: str) -> Iterator[tuple[str, str]]:
    yield "file name", name
    data = path.read_bytes()
    if data.startswith(b"%PDF"):
        syntax, streams = _split_pdf(data)
        yield "text layer", _text_layer(data)
        yield "raw bytes", _decodings(syntax)
        yield "decoded stream", "\n".join(s.decode("latin-1") for s in streams)
    else:
        yield "text", data.decode("utf-8", errors="replace")


BINARY_STREAM = (b"/Image", b"/FontFile", b"/Length1", b"/DCTDecode", b"/JPXDecode", b"/CCITTFaxDecode", b"/JBIG2Decode")


def _split_pdf(data: bytes) -> tuple[bytes, list[bytes]]:
    """The file without its stream contents (dictionaries, strings, outlines), and its text-bearing streams decoded.

    Image and font streams are left out: their bytes are pixels and glyphs, where a short value
    would turn up by chance; what an image shows is read by OCR (:func:`picture_leaks`), not searched as bytes."""
    syntax, streams, pos = [], [], 0
    for m in re.finditer(rb"\bobj\b(.{0,4000}?)\bstream\r?\n", data, re.S):
        start = m.end()
        if start < pos:
            continue
        end = data.find(b"endstream", start)
        end = len(data) if end < 0 else end
        syntax.append(data[pos:start])
        pos = end
        if any(marker in m.group(1) for marker in BINARY_STREAM):
            continue
        content = data[start:end]
        try:
            content = zlib.decompress(content) if b"/FlateDecode" in m.group(1) else content
        except zlib.error:
            pass
        streams.append(content)
    syntax.append(data[pos:])
    raw = b"".join(syntax)
    hexed = [bytes.fromhex(h.decode()) for h in re.findall(rb"<([0-9A-Fa-f\s]{4,})>", raw) if len(h.split()) <= 1 and len(h) % 2 == 0]
    return raw + b"\n" + b"\n".join(hexed), streams


def _text_layer(data: bytes) -> str:
    """Every page's text as a viewer would copy it, and the bookmark titles (pdfium: fast, and what readers use)."""
    import pypdfium2 as pdfium

    from redactor.extract.ocr import PDFIUM_LOCK

    parts: list[str] = []
    with PDFIUM_LOCK:  # pdfium is not thread-safe
        try:
            pdf = pdfium.PdfDocument(data)
        except pdfium.PdfiumError:
            return ""  # an unreadable PDF is still scanned as bytes
        try:
            for page in pdf:
                textpage = page.get_textpage()
                parts.append(textpage.get_text_range())
                textpage.close()
                page.close()
            parts += [item.get_title() for item in pdf.get_toc()]
        finally:
            pdf.close()
    return "\n".join(parts)


def _decodings(data: bytes) -> str:
    """The bytes read as UTF-8, Latin-1 and UTF-16 (both byte orders), so a value in any of them is found."""
    return "\n".join((data.decode("utf-8", errors="replace"), data.decode("latin-1"), _utf16(data, "utf-16-be"), _utf16(data, "utf-16-le")))


def _utf16(data: bytes, encoding: str) -> str:
    return "\n".join(data[i:].decode(encoding, errors="replace") for i in (0, 1))
