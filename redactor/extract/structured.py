"""JSON and XML files that no device format claims, read as text so nothing is refused unread.

Device formats built on JSON or XML (Telegram, Meta, SMS Backup & Restore, UFDR reports) are
claimed first by their own extractors; anything else lands here instead of "unsupported":

- JSON is parsed and laid out one value a line, indented, with its key, so escaped characters
  (``\\u0040``) are read as what they are and each value keeps its place. A file that is not
  valid JSON (a log of JSON lines, a truncated export) is read as plain text.
- XML is parsed with defusedxml with DTDs forbidden (no entities, no external references, no
  network) and laid out one element a line, indented, with its attributes and text. A document
  that declares a DTD is refused as hostile; one that is not well-formed is refused as damaged.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from redactor.errors import CorruptInput, EmptyInput, HostileInput, TooLargeInput
from redactor.extract import extractor
from redactor.extract.device.common import clean_text
from redactor.extract.text import decode_text
from redactor.records import DOCUMENT, Item, Segment, Source, stable_id
from redactor.stages import StageContext

log = logging.getLogger(__name__)
MAX_BYTES = 256 << 20
INDENT = "  "
MAX_INDENT = 12  # deeper levels are not indented further: a hostile nesting cannot blow the text up quadratically


def json_lines(value: Any, key: str = "", depth: int = 0) -> Iterator[str]:
    """One line per scalar (``key: value``), containers as their key with members indented below."""
    stack: list[tuple[Any, str, int]] = [(value, key, depth)]
    while stack:  # iterative: a hostile file nested 100,000 deep cannot exhaust the stack
        value, key, depth = stack.pop()
        pad = INDENT * min(depth, MAX_INDENT)
        if isinstance(value, dict | list):
            if key:
                yield f"{pad}{key}:"
            members = value.items() if isinstance(value, dict) else ((f"[{i}]", v) for i, v in enumerate(value))
            stack.extend(reversed([(v, str(k), depth + (1 if key else 0)) for k, v in members]))
        elif value is None or value == "":
            continue
        else:
            text = value if isinstance(value, str) else json.dumps(value)
            yield f"{pad}{key}: {text}" if key else f"{pad}{text}"


def read_json(text: str) -> str | None:
    try:
        value = json.loads(text)
    except (ValueError, RecursionError):
        return None
    return "\n".join(json_lines(value))


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else "?"


def xml_lines(root: Element) -> Iterator[str]:
    stack: list[tuple[Element | str, int]] = [(root, 0)]
    while stack:
        node, depth = stack.pop()
        pad = INDENT * min(depth, MAX_INDENT)
        if isinstance(node, str):
            yield f"{pad}{node}"
            continue
        attrs = " ".join(f'{_local(k)}="{v}"' for k, v in node.attrib.items())
        text = (node.text or "").strip()
        yield f"{pad}{_local(node.tag)}{' ' + attrs if attrs else ''}{': ' + text if text else ''}"
        children: list[tuple[Element | str, int]] = []
        for child in node:
            children.append((child, depth + 1))
            if child.tail and child.tail.strip():
                children.append((child.tail.strip(), depth + 1))
        stack.extend(reversed(children))


def read_xml(data: bytes, path: Path) -> str:
    try:
        root = SafeET.fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        raise HostileInput(f"{path}: XML declares a DTD or entities (possible XXE or entity expansion); refused") from None
    except SafeET.ParseError as exc:
        raise CorruptInput(f"{path}: not well-formed XML at line {exc.position[0]} (truncated or damaged?)") from None
    return "\n".join(xml_lines(root))


def _accepts(source: Source, path: Path, head: bytes) -> bool:
    return source.media_type in ("application/json", "application/xml")


@extractor("structured-text", accepts=_accepts, priority=890)
def extract_structured(source: Source, path: Path, ctx: StageContext) -> Iterator[Item]:
    if source.size > MAX_BYTES:
        raise TooLargeInput(f"{path}: {source.size >> 20} MB is over the {MAX_BYTES >> 20} MB limit for a JSON or XML file")
    data = path.read_bytes()
    if source.media_type == "application/xml":
        text, how = read_xml(data, path), "xml"
    else:
        raw = decode_text(data, path)
        parsed = read_json(raw)
        text, how = (parsed, "json") if parsed is not None else (raw.replace("\r\n", "\n"), "json-as-text")
    text = clean_text(text)  # lone surrogates (a JSON "\\ud800") and control characters cannot be stored or shown
    if not text.strip():
        raise EmptyInput(f"{path}: no values in the file")
    item_id = stable_id(source.source_id, "file")
    segment = Segment(stable_id(item_id, 0), item_id, 0, "body", text, origin="text")
    log.info("%s %s: %d lines", how, source.ref, text.count("\n") + 1)
    yield Item(item_id, source.source_id, "file", DOCUMENT, source.name, (segment,), {"format": how})
