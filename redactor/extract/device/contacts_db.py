"""Phone address books as databases: iOS ``AddressBook.sqlitedb`` and Android ``contacts2.db``, as found in
file-system extractions.

- iOS: ``ABPerson`` (one row a contact: ``First``, ``Middle``, ``Last``, ``Nickname``, ``Organization``, ``Note``),
  ``ABMultiValue`` (its numbers, e-mail addresses, URLs: ``property`` 3 a phone, 4 an e-mail, 22 a URL; ``label``
  names a row of ``ABMultiValueLabel``, "_$!<Mobile>!$_") and ``ABMultiValueEntry`` (the parts of a postal address,
  keyed by ``ABMultiValueEntryKey``: Street, City, ZIP, Country).
- Android: ``raw_contacts`` (one row a contact: ``display_name``, ``deleted``) and ``data`` (its values, one row each:
  ``mimetype_id`` names a row of ``mimetypes``, ``vnd.android.cursor.item/phone_v2``; ``data1`` the value, ``data2``
  its type or a name's given part, ``data3`` a label or a name's family part).

Each contact is a ``contact`` item with one segment per value (name, nickname, each number, e-mail and address,
organisation, note), and a known person (its name, given name and nickname, numbers in E.164, e-mails) for detection
in every other item, as a vCard's card is (:mod:`.vcard`). The database is opened read-only and immutable. A row that
is not UTF-8, or a run of rows in a damaged page, is refused alone; a contact one of whose values was refused is
refused whole (never read as a known person without that number); a database none of whose contacts can be read is
refused whole. Older Android keeps its call log in ``contacts2.db`` too (a ``calls`` table): its calls are read with the
contacts (:func:`.call_log.android_calls`).
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from redactor.errors import InputError
from redactor.extract import extractor
from redactor.extract.device import call_log, common, sqlite_source
from redactor.extract.device.sqlite_source import Part
from redactor.records import Item, Mention, Person, Refused, Source
from redactor.stages import StageContext

IOS = {"ABPerson", "ABMultiValue"}
ANDROID = {"raw_contacts", "data", "mimetypes"}
IOS_PROPERTIES = {3: "tel", 4: "email", 5: "adr", 22: "url"}  # any other: "value" (dates, social profiles, ...)
ANDROID_KINDS = {
    "vnd.android.cursor.item/name": "name",
    "vnd.android.cursor.item/nickname": "nickname",
    "vnd.android.cursor.item/phone_v2": "tel",
    "vnd.android.cursor.item/email_v2": "email",
    "vnd.android.cursor.item/postal-address_v2": "adr",
    "vnd.android.cursor.item/organization": "org",
    "vnd.android.cursor.item/note": "note",
    "vnd.android.cursor.item/website": "url",
    "vnd.android.cursor.item/contact_event": "bday",
    "vnd.android.cursor.item/im": "im",
}
ANDROID_TYPES = {  # ContactsContract's TYPE_ constants
    "tel": {1: "home", 2: "mobile", 3: "work", 4: "work fax", 5: "home fax", 6: "pager", 7: "other", 12: "main"},
    "email": {1: "home", 2: "work", 3: "other", 4: "mobile"},
    "adr": {1: "home", 2: "work", 3: "other"},
}
_LABEL = re.compile(r"^_\$!<(.*)>!\$_$")  # iOS's own labels: "_$!<Mobile>!$_"


def _accepts(source: Source, path: Path, head: bytes) -> bool:
    if source.media_type != "application/vnd.sqlite3":
        return False
    tables = set(sqlite_source.tables(path))
    return IOS <= tables or ANDROID <= tables


@extractor("contacts-db", accepts=_accepts, priority=30)
def extract_contacts_db(source: Source, path: Path, ctx: StageContext) -> Iterator[Item | Mention | Refused]:
    yield from sqlite_source.read(
        path,
        "address book database",
        lambda conn, tables: _body(source, path, conn, tables),
        lambda record: isinstance(record, Item),
        work=ctx.work_dir,
    )


def _body(source: Source, path: Path, conn: sqlite3.Connection, tables: set[str]) -> Iterator[Item | Mention | Person | Part]:
    system = "iOS" if IOS <= tables else "Android"
    for got in _ios(path, conn, tables) if system == "iOS" else _android(path, conn):
        if isinstance(got, Contact):
            yield from _contact(source, got, system)
        else:
            yield got
    if "calls" in tables and call_log.has_android_calls({r[1] for r in conn.execute('PRAGMA table_info("calls")')}):
        yield from call_log.android_calls(source, path, conn, common.PeopleBook(source.ref))  # older Android's call log


@dataclass(frozen=True, slots=True)
class Contact:
    key: Any
    name: str
    given: str  # the given name, an alias of the person
    fields: list[tuple[str, str]]  # (label, value), in the book's order
    locator: str


def _contact(source: Source, contact: Contact, system: str) -> Iterator[Item | Mention]:
    name, fields = contact.name, contact.fields
    phones = [common.e164(v) or v.strip() for label, v in fields if label.startswith("tel")]
    emails = [e for label, v in fields if label.startswith("email") and (e := common.email(v))]
    nicknames = [v for label, v in fields if label == "nickname"]
    out = ([("name", name)] if name else []) + fields
    meta = {"format": "contacts-db", "app": f"{system} Contacts", "phones": phones, "emails": emails, "contact": str(contact.key)}
    yield common.make_item(source, contact.locator, "contact", "Contact", out, meta)
    aliases = [contact.given, *nicknames]
    person = common.person_from({"name": name}, f"{source.ref} {system} contacts", aliases=aliases, phones=phones, emails=emails)
    if person is not None:
        yield Mention(person)


def _contact_rows(
    path: Path, conn: sqlite3.Connection, table: str, wanted: tuple[str, ...], key: str, broken: set[int]
) -> Iterator[Part | sqlite3.Row]:
    """Each readable contact row of ``table``; one holding text that is not UTF-8, or one a value of which did
    (``broken``), refused whole: never a known person without that number."""
    for got in sqlite_source.walk(path, conn, table, wanted):
        if isinstance(got[1], InputError):
            yield got
        elif got[1] or got[0][0] in broken:
            locator = f"{table} {key}={got[0][0]}"
            yield sqlite_source.refused(path, locator, f"contact {locator} holds text that is not valid UTF-8")
        else:
            yield got[0]


def _label(raw: str | None) -> str:
    if not raw:
        return "other"
    m = _LABEL.match(raw)
    return (m.group(1) if m else raw).lower()


def _ios(path: Path, conn: sqlite3.Connection, tables: set[str]) -> Iterator[Contact | Part]:
    labels: dict[int, str] = {}
    if "ABMultiValueLabel" in tables:
        for got in sqlite_source.walk(path, conn, "ABMultiValueLabel", ("value",)):
            if not isinstance(got[1], InputError) and not got[1]:
                labels[got[0][0]] = _label(got[0]["value"])
    keys: dict[int, str] = {}
    if "ABMultiValueEntryKey" in tables:
        for got in sqlite_source.walk(path, conn, "ABMultiValueEntryKey", ("value",)):
            if not isinstance(got[1], InputError) and not got[1]:
                keys[got[0][0]] = got[0]["value"] or ""
    values: dict[int, list[tuple[str, str]]] = {}  # person -> its (label, value)s
    broken: set[int] = set()  # people a value of whom could not be read
    entries: dict[int, dict[str, str]] = {}  # multivalue UID -> an address's parts
    if "ABMultiValueEntry" in tables:
        for got in sqlite_source.walk(path, conn, "ABMultiValueEntry", ("parent_id", "key", "value")):
            if isinstance(got[1], InputError):
                yield got
            elif not got[1]:
                entries.setdefault(got[0]["parent_id"], {})[keys.get(got[0]["key"], "")] = got[0]["value"] or ""
    for got in sqlite_source.walk(path, conn, "ABMultiValue", ("record_id", "property", "label", "value")):
        if isinstance(got[1], InputError):
            yield got  # which contacts its rows were of is not known
            continue
        row, damaged = got
        if damaged:
            broken.add(row["record_id"])
            continue
        kind = IOS_PROPERTIES.get(row["property"], "value")
        value = row["value"]
        if kind == "adr":
            parts = entries.get(row[0], {})
            value = ", ".join(p for k in ("Street", "City", "State", "ZIP", "Country") if (p := parts.get(k, "").strip()))
        if value:
            values.setdefault(row["record_id"], []).append((f"{kind}.{labels.get(row['label'], 'other')}", str(value)))
    wanted = ("First", "Middle", "Last", "Nickname", "Organization", "Department", "JobTitle", "Note", "Prefix", "Suffix")
    for row in _contact_rows(path, conn, "ABPerson", wanted, "ROWID", broken):
        if isinstance(row, tuple):
            yield row
            continue
        locator = f"ABPerson ROWID={row[0]}"
        name = " ".join(p for p in (row["Prefix"], row["First"], row["Middle"], row["Last"], row["Suffix"]) if p and p.strip())
        fields = [(label, value) for label, value in (("nickname", row["Nickname"]), ("org", row["Organization"])) if value]
        fields += values.get(row[0], [])
        fields += [(label, value) for label, value in (("title", row["JobTitle"]), ("note", row["Note"])) if value]
        if name or fields:
            yield Contact(row[0], name, (row["First"] or "").strip(), fields, locator)


def _android(path: Path, conn: sqlite3.Connection) -> Iterator[Contact | Part]:
    kinds: dict[int, str] = {}
    for got in sqlite_source.walk(path, conn, "mimetypes", ("mimetype",)):
        if not isinstance(got[1], InputError) and not got[1]:
            kinds[got[0][0]] = ANDROID_KINDS.get(got[0]["mimetype"] or "", "")
    values: dict[int, list[tuple[str, str]]] = {}
    given: dict[int, str] = {}
    broken: set[int] = set()
    for got in sqlite_source.walk(path, conn, "data", ("raw_contact_id", "mimetype_id", "data1", "data2", "data3")):
        if isinstance(got[1], InputError):
            yield got
            continue
        row, damaged = got
        if damaged:
            broken.add(row["raw_contact_id"])
            continue
        kind, value = kinds.get(row["mimetype_id"], ""), row["data1"]
        if not kind or not value:
            continue
        contact = row["raw_contact_id"]
        if kind == "name":
            given[contact] = str(row["data2"] or "").strip()
            continue  # the display name is raw_contacts'
        label = kind
        if kind in ANDROID_TYPES:  # data2: the type (a number), data3: the user's own label when the type is "custom"
            named = ANDROID_TYPES[kind].get(call_log.as_int(row["data2"]) or 0)
            label = f"{kind}.{str(row['data3'] or named or 'other').lower()}"
        values.setdefault(contact, []).append((label, str(value)))
    for row in _contact_rows(path, conn, "raw_contacts", ("display_name", "deleted"), "_id", broken):
        if isinstance(row, tuple):
            yield row
            continue
        locator = f"raw_contacts _id={row[0]}"
        fields = values.get(row[0], [])
        if row["deleted"]:
            fields = [("status", "deleted on the phone (still in the database)"), *fields]
        if row["display_name"] or fields:
            yield Contact(row[0], (row["display_name"] or "").strip(), given.get(row[0], ""), fields, locator)
