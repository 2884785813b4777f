"""WhatsApp on iOS beyond its messages: its address book (``ContactsV2.sqlite``) and its calls (``CallHistory.sqlite``),
both Core Data stores in WhatsApp's shared app group beside ``ChatStorage.sqlite``.

Tables, as iLEAPP's MIT-licensed WhatsApp artifact reads them (no code copied) and as a public test phone's stores hold
them:

- ``ZWAADDRESSBOOKCONTACT`` (``ZFULLNAME``, ``ZGIVENNAME``, ``ZPHONENUMBER``, ``ZPHONENUMBERLABEL``, ``ZWHATSAPPID``:
  the contact's JID, ``ZABOUTTEXT``: their "about" line): each row a ``contact`` item and a known person with the
  number and the JID's number;
- ``ZWACDCALLEVENT`` (``ZDATE`` in seconds since 2001, ``ZDURATION`` in seconds, ``ZOUTCOME``: 0 ended, 1 missed, 4
  rejected; ``Z1CALLEVENTS``: its ``ZWAAGGREGATECALLEVENT``, whose ``ZINCOMING`` gives the direction and ``ZVIDEO`` the
  kind; ``ZGROUPJIDSTRING``: a group call's group), with its parties in ``ZWACDCALLEVENTPARTICIPANT`` (``ZJIDSTRING``,
  by ``Z1PARTICIPANTS``): each call a ``call`` item, its parties named from a ``ContactsV2.sqlite`` beside it.

Checked on a public test phone's stores (iOS 15: 9 contacts, 4 calls, two in and two out, two of them video). The
databases are opened read-only and immutable (a ``-wal`` applied to a copy); a run of rows in a damaged page, or a row
that is not UTF-8, is refused alone.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from redactor.extract import extractor
from redactor.extract.device import common, sqlite_source
from redactor.extract.device.sqlite_source import Part
from redactor.extract.device.whatsapp_ios import apple_when
from redactor.records import Item, Mention, Person, Refused, Source
from redactor.stages import StageContext

CONTACTS = "whatsapp-ios-contacts-db"
CALLS = "whatsapp-ios-calls-db"
OUTCOMES = {0: "ended", 1: "missed", 4: "rejected"}
CONTACT_COLUMNS = ("ZFULLNAME", "ZGIVENNAME", "ZPHONENUMBER", "ZPHONENUMBERLABEL", "ZWHATSAPPID", "ZABOUTTEXT")


@sqlite_source.message_store(CONTACTS, "WhatsApp address book", {"ZWAADDRESSBOOKCONTACT": ("ZFULLNAME", "ZPHONENUMBER", "ZWHATSAPPID")})
def _read_contacts(
    source: Source, path: Path, conn: sqlite3.Connection, tables: set[str], book: common.PeopleBook
) -> Iterator[Item | Person | Mention | Part]:
    for r in sqlite_source.parts(path, conn, "ZWAADDRESSBOOKCONTACT", CONTACT_COLUMNS, key="Z_PK", one="contact"):
        if isinstance(r, tuple):
            yield r
            continue
        name = r["ZFULLNAME"] or r["ZGIVENNAME"]
        phones = [p for p in (common.e164(r["ZPHONENUMBER"]), common.e164(r["ZWHATSAPPID"])) if p]
        fields = [("name", name), ("tel", r["ZPHONENUMBER"]), ("field.label", r["ZPHONENUMBERLABEL"])]
        fields += [("field.whatsapp id", r["ZWHATSAPPID"]), ("field.about", r["ZABOUTTEXT"])]
        meta = {"format": CONTACTS, "app": "WhatsApp"}
        yield common.make_item(source, f"ZWAADDRESSBOOKCONTACT Z_PK={r[0]}", "contact", "WhatsApp contact", fields, meta)
        aliases = [r["ZGIVENNAME"]] if r["ZGIVENNAME"] and r["ZGIVENNAME"] != name else []
        book.add({"name": name}, "WhatsApp address book", aliases=aliases, phones=phones)
        yield from book


CALL_NEEDS = {"ZWACDCALLEVENT": ("ZDATE", "ZDURATION", "Z1CALLEVENTS")}


def _is_call_history(source: Source, path: Path, head: bytes) -> bool:
    return source.media_type == "application/vnd.sqlite3" and sqlite_source.holds(path, CALL_NEEDS)


@extractor(CALLS, accepts=_is_call_history, priority=30)
def _extract_calls(source: Source, path: Path, ctx: StageContext) -> Iterator[Item | Person | Mention | Refused]:
    """Registered by hand, not as a ``message_store``: the address book beside it is read with the case's work folder
    (its ``-wal`` applied to a copy there: a live phone's names may all be in it)."""

    def read(conn: sqlite3.Connection, tables: set[str], book: common.PeopleBook) -> Iterator[Item | Part]:
        return _read_calls(source, path, conn, tables, ctx.work_dir)

    yield from sqlite_source.read_messages(source, path, "WhatsApp call history", read, ctx.work_dir)


def _read_calls(source: Source, path: Path, conn: sqlite3.Connection, tables: set[str], work: Path) -> Iterator[Item | Part]:
    names = _names_beside(path, work)
    aggregates: dict[Any, Any] = {}
    if "ZWAAGGREGATECALLEVENT" in tables:
        for r in sqlite_source.parts(path, conn, "ZWAAGGREGATECALLEVENT", ("ZINCOMING", "ZMISSED", "ZVIDEO"), key="Z_PK", one="call"):
            if not isinstance(r, tuple):
                aggregates[r[0]] = r
    parties: dict[Any, list[str]] = {}
    if "ZWACDCALLEVENTPARTICIPANT" in tables:
        for r in sqlite_source.parts(
            path, conn, "ZWACDCALLEVENTPARTICIPANT", ("Z1PARTICIPANTS", "ZJIDSTRING"), key="Z_PK", one="participant"
        ):
            if isinstance(r, tuple):
                yield r  # its call is read without that party
            elif r["ZJIDSTRING"]:
                parties.setdefault(r["Z1PARTICIPANTS"], []).append(r["ZJIDSTRING"])
    wanted = ("ZDATE", "ZDURATION", "ZOUTCOME", "Z1CALLEVENTS", "ZGROUPJIDSTRING")
    for r in sqlite_source.parts(path, conn, "ZWACDCALLEVENT", wanted, key="Z_PK", one="call"):
        if isinstance(r, tuple):
            yield r
            continue
        others = [common.party(jid, names.get(jid), False) for jid in parties.get(r[0], [])]
        yield _call(source, r, aggregates.get(r["Z1CALLEVENTS"]), others)


def _names_beside(path: Path, work: Path) -> dict[str, str]:
    """JID -> name from the ``ContactsV2.sqlite`` beside the call history, its ``-wal`` applied, when there is one that
    can be read (a damaged row passed over: the calls are read with their parties' numbers only)."""
    other = path.with_name("ContactsV2.sqlite")
    if not other.is_file():
        return {}
    rows = sqlite_source.rows_beside(other, work, "ZWAADDRESSBOOKCONTACT", ("ZWHATSAPPID", "ZFULLNAME"))
    return {str(jid): str(name) for jid, name in rows if jid and isinstance(name, str) and name}


def _call(source: Source, r: Any, aggregate: Any, others: list[dict[str, Any]]) -> Item:
    incoming = aggregate["ZINCOMING"] if aggregate is not None else None
    outcome = OUTCOMES.get(r["ZOUTCOME"], r["ZOUTCOME"])
    if incoming == 1:
        way = "missed" if outcome == "missed" else "incoming"
    elif incoming == 0:
        way = "outgoing"
    else:
        way = "unknown"
    owner = common.party(None, None, True)
    meta: dict[str, Any] = {
        "format": CALLS,
        "app": "WhatsApp",
        "sender": (others[0] if others else None) if way in ("incoming", "missed") else owner if way == "outgoing" else None,
        "recipients": others if way == "outgoing" else [],
        "participants": others[1:] if way in ("incoming", "missed") else others if way == "unknown" else [],
        "time": apple_when(r["ZDATE"]),
        "direction": {"value": way, "how": f"ZWAAGGREGATECALLEVENT.ZINCOMING {incoming} (1: received); outcome {outcome}"},
        "call_type": "video" if aggregate is not None and aggregate["ZVIDEO"] == 1 else "voice",
        "outcome": outcome,
    }
    try:
        meta["duration"] = f"{round(float(r['ZDURATION']))} s"
    except (TypeError, ValueError):
        pass  # none, or not a number: the call is read without it
    fields = [(f"party.{n}", common.recipients_text([p])) for n, p in enumerate(others, 1)] + [("field.group", r["ZGROUPJIDSTRING"])]
    return common.make_item(source, f"ZWACDCALLEVENT Z_PK={r[0]}", "call", "WhatsApp call", fields, meta)
