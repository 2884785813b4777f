"""vCard address books (``.vcf``): 2.1 with QUOTED-PRINTABLE and CHARSET (Android), 3.0/4.0 with
``item1.`` groups and ``X-ABLabel`` (iOS). One ``contact`` item per card, one segment per value
(name, nickname, each number, address, e-mail, note, birthday), and every card becomes a known
person (name, first name, nickname, numbers in E.164, e-mails) for detection in all other items.
Each card's person is yielded with its card (a :class:`~redactor.records.Mention`): the case merges
cards that name the same person, so an address book of a million cards is never held here.

The file is read a line at a time (a phone's address book can be large): a first pass checks it is UTF-8
(else it is read as Windows-1252, as a whole file would be) and not blank, the second reads the cards.

A card without its ``END:VCARD`` (the file cut short after it, or another card begun before it ends) is refused
alone: a :class:`~redactor.records.Refused` naming the file and the card's line, which the runner quarantines, while
the complete cards are read (before, a truncated last card refused the whole address book, and a card followed by
another ``BEGIN:VCARD`` before its end was dropped without a word). A file with no complete card is refused whole.
"""

from __future__ import annotations

import codecs
import quopri
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from redactor.errors import CorruptInput, EmptyInput
from redactor.extract import extractor
from redactor.extract.device import common
from redactor.records import Item, Mention, Refused, Source
from redactor.stages import StageContext

CHUNK = 1 << 20  # bytes read at a time to check the encoding
SKIP = {"BEGIN", "END", "VERSION", "PRODID", "PHOTO", "LOGO", "SOUND", "KEY", "UID", "REV", "X-ABLABEL", "X-ABUID", "CATEGORIES"}
FIELDS = {
    "FN": "name",
    "NICKNAME": "nickname",
    "TEL": "tel",
    "EMAIL": "email",
    "ADR": "adr",
    "NOTE": "note",
    "BDAY": "bday",
    "ORG": "org",
    "TITLE": "title",
    "URL": "url",
    "IMPP": "impp",
    "X-SOCIALPROFILE": "social",
    "ANNIVERSARY": "anniversary",
}


def _accepts(source: Source, path: Path, head: bytes) -> bool:
    return source.media_type == "text/plain" and head.lstrip(b"\xef\xbb\xbf \r\n\t").upper().startswith(b"BEGIN:VCARD")


def unfold(text: str) -> list[str]:
    """Logical lines: RFC folding (leading space/tab) and 2.1 QUOTED-PRINTABLE soft breaks ('=' at the end)."""
    return list(unfold_lines(text.replace("\r\n", "\n").replace("\r", "\n").split("\n")))


def unfold_lines(lines: Iterable[str]) -> Iterator[str]:
    """:func:`unfold` of physical lines (without their line ends), a logical line at a time."""
    held: str | None = None
    for line in lines:
        if held is not None and line[:1] in (" ", "\t"):
            held += line[1:]
        elif held is not None and held.endswith("=") and "QUOTED-PRINTABLE" in held.split(":", 1)[0].upper():
            held = held[:-1] + line
        else:
            if held is not None:
                yield held
            held = line
    if held is not None:
        yield held


def _encoding(path: Path) -> str:
    """``utf-8-sig`` when the whole file is UTF-8, else ``cp1252`` (read with replacements); EmptyInput when blank."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    utf8, blank = True, True
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            blank = blank and not chunk.strip()
            if utf8:
                try:
                    decoder.decode(chunk)
                except UnicodeDecodeError:
                    utf8 = False
        if utf8:
            try:
                decoder.decode(b"", final=True)
            except UnicodeDecodeError:
                utf8 = False
    if blank:
        raise EmptyInput(f"{path}: file is empty")
    return "utf-8-sig" if utf8 else "cp1252"


def _physical_lines(path: Path) -> Iterator[str]:
    """The file's lines as ``text.replace('\\r\\n', '\\n').replace('\\r', '\\n').split('\\n')`` gives them for the whole
    text (universal newlines do the same), but for the empty string after a final line end, which adds nothing."""
    encoding = _encoding(path)
    with open(path, encoding=encoding, errors="strict" if encoding == "utf-8-sig" else "replace", newline=None) as handle:
        for line in handle:
            yield line[:-1] if line.endswith("\n") else line


def decode_value(params: list[str], value: str) -> str:
    upper = [p.upper() for p in params]
    charset = next((p.split("=", 1)[1] for p in params if p.upper().startswith("CHARSET=")), "utf-8")
    if "ENCODING=QUOTED-PRINTABLE" in upper or "QUOTED-PRINTABLE" in upper:
        try:
            return quopri.decodestring(value.encode("ascii", "replace")).decode(charset, "replace")
        except LookupError:
            return quopri.decodestring(value.encode("ascii", "replace")).decode("utf-8", "replace")
    return value.replace("\\n", "\n").replace("\\N", "\n").replace("\\,", ",").replace("\\;", ";")


def _type(params: list[str], labels: dict[str, str], group: str) -> str:
    if group and group in labels:
        return re.sub(r"[_$!<>]", "", labels[group]).lower() or "other"
    kinds = [
        p.split("=", 1)[-1].lower()
        for p in params
        if p.upper() not in ("PREF",) and not p.upper().startswith(("CHARSET", "ENCODING", "VALUE"))
    ]
    kinds = [k for k in kinds if k not in ("pref", "internet", "voice")]
    return kinds[0] if kinds else "other"


@extractor("vcard", accepts=_accepts, priority=40)
def extract_vcard(source: Source, path: Path, ctx: StageContext) -> Iterator[Item | Mention | Refused]:
    lines = _physical_lines(path)
    cards, card = 0, None
    for number, line in enumerate(unfold_lines(lines), start=1):
        if line.upper().startswith("BEGIN:VCARD"):
            if card is not None:  # the card before has no END:VCARD: refused, not dropped
                yield _unfinished(path, card["line"], "another card begins before its END:VCARD")
            card = {"line": number, "props": []}
            continue
        if line.upper().startswith("END:VCARD") and card is not None:
            cards += 1
            yield from _card(source, card, cards)
            card = None
            continue
        if card is not None and ":" in line:
            card["props"].append(line)
    if card is not None and not cards:
        raise CorruptInput(f"{path}: vCard {cards + 1} has no END:VCARD (truncated file)")
    if not cards:
        raise CorruptInput(f"{path}: no complete vCard in the file")
    if card is not None:
        yield _unfinished(path, card["line"], "the file ends before its END:VCARD (truncated file)")


def _unfinished(path: Path, line: int, why: str) -> Refused:
    """A card without its END:VCARD, refused by its line (its values are never named)."""
    error = CorruptInput(f"{path}: the vCard at line {line} is incomplete: {why}; refused")
    return Refused(f"vcard at line {line}", error.code, str(error))


def _card(source: Source, card: dict, index: int) -> Iterator[Item | Mention]:
    labels: dict[str, str] = {}
    parsed = []
    for line in card["props"]:
        key, value = line.split(":", 1)
        name, *params = key.split(";")
        group, _, prop = name.rpartition(".")
        prop = prop.upper()
        if prop == "X-ABLABEL":
            labels[group] = value
        parsed.append((group, prop, params, value))
    fields, phones, emails, nick, first, full = [], [], [], [], "", ""
    for group, prop, params, value in parsed:
        if prop in SKIP or not value.strip():
            continue
        value = decode_value(params, value)
        if prop == "N":
            parts = value.split(";") + [""] * 5
            first = parts[1].strip()
            full = full or " ".join(x for x in (parts[3], parts[1], parts[2], parts[0], parts[4]) if x.strip()).strip()
            continue
        if prop in ("ADR",):
            value = ", ".join(x.strip() for x in value.split(";") if x.strip())
        if prop == "ORG":
            value = " ".join(x for x in value.split(";") if x)
        label = FIELDS.get(prop, prop.lower())
        if prop in ("TEL", "EMAIL", "ADR", "IMPP", "URL"):
            label = f"{label}.{_type(params, labels, group)}"
        if prop == "FN":
            full = value
        elif prop == "NICKNAME":
            nick.append(value)
        elif prop == "TEL":
            phones.append(common.e164(value) or value.strip())
        elif prop == "EMAIL" and common.email(value):
            emails.append(common.email(value))
        fields.append((label, value))
    if full and not any(f == "name" for f, _ in fields):
        fields.insert(0, ("name", full))
    meta = {"format": "vcard", "app": "Contacts", "line": card["line"], "phones": phones, "emails": emails, "card": index}
    yield common.make_item(source, f"vcard[{index}] line {card['line']}", "contact", "Contact", fields, meta)
    person = common.person_from({"name": full}, f"{source.ref} vCard contacts", aliases=[first, *nick], phones=phones, emails=emails)
    if person is not None:
        yield Mention(person)
