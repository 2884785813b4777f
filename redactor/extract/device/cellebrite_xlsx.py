"""Cellebrite Excel reports (UFED Reader or Physical Analyzer "export to Excel"): each table row an item.

Read as a workbook, a report was one document: a phone's chats became rows of cells, with no sender, direction, time
or conversation, and no known person learnt from its contacts. Now, with the layout :mod:`.cellebrite_layout` reads:

- **each row of a category's table is an item**: ``Chats``, ``Instant Messages``, ``SMS Messages`` and ``MMS
  Messages`` rows are messages, ``Call Log`` rows calls, ``Emails`` rows e-mails, ``Contacts`` rows contacts; any other
  table's rows are records (the kind its sheet's name says, as for other tools' exports);
- **a chat** (the merged cells of its first row) is a conversation item with its name and participants, and its
  messages belong to it;
- **every cell is kept**: text, subject and parties have their own segments, every other value its
  ``field.<column>`` segment; only the row numbers and the other time columns go to the meta;
- **direction** from ``Direction``, ``Type``, ``Folder`` or ``Status`` (``Sent``, ``Read``), else from the parties'
  ``From:``/``To:``; unknown when nothing says;
- **contacts** (their ``Entries``) and the phone's own number in ``Device Information`` become known people;
- **a sheet with no report table** (``Summary``) is one record of its rows, every cell with its reference;
- **what a table cannot show is not lost**: a workbook with cell comments, page headers and footers or formulas, or
  with no report table at all, is read whole as a workbook instead (:mod:`redactor.extract.xlsx`); pictures and embedded
  files are extracted in turn;
- **a row that cannot be read** (a cell over Excel's 32,767 characters) is refused alone, at its locator, never its
  content; a sheet whose XML breaks off keeps the rows before the break and the rest is refused.

The workbook is streamed (openpyxl's read-only mode) after the package checks of :mod:`redactor.extract.package`
(zip slip, bombs, DTDs): memory does not grow with the number of rows.
"""

from __future__ import annotations

import re
import warnings
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from redactor.errors import CorruptInput, EmptyInput
from redactor.extract import extractor
from redactor.extract.device import common, tabular
from redactor.extract.device.cellebrite_layout import (
    CATEGORY_SHEETS,
    HEADER_ROWS,
    MAX_CELL,
    Table,
    date_order,
    entries_of,
    parse_time,
    parties_of,
    party_of,
    sheet_rows,
    text,
)
from redactor.extract.device.xry import COMMUNICATIONS, KIND_TITLES, OWN_NUMBER, communication, direction_of
from redactor.extract.sheets import Row, cell_text, row_segments
from redactor.records import Item, Mention, Person, Refused, Source, stable_id
from redactor.stages import StageContext

FORMAT = "cellebrite-xlsx"
SHEET_KINDS = {"chats": "message", "instant messages": "message", "sms messages": "message", "mms messages": "message"}
TEXT_COLUMNS = ("body", "message", "text", "content", "snippet")
SUBJECT_COLUMNS = ("subject",)
FROM_COLUMNS = ("from", "sender")
TO_COLUMNS = ("to", "recipient", "recipients", "recipient(s)", "cc", "bcc")
PARTY_COLUMNS = ("parties", "participants", "partners")
APP_COLUMNS = ("source", "app", "application")
TIME_COLUMNS = ("timestamp: time", "timestamp", "time", "date", "start time: time", "start time", "created-time", "last visited-time")
ROW_NUMBERS = frozenset({"#", "instant message #"})
TIME_LIKE = re.compile(r"(time|date)\b", re.IGNORECASE)
NAME_COLUMNS = ("name", "display name", "contact name")
_UNSEEN_PARTS = re.compile(r"^xl/.*comment", re.IGNORECASE)  # comments, threaded comments and their drawings
# a page header or footer with text, or a formula (read whole, a formula shows with its last value: a row of values alone
# would show only one of the two)
_UNSEEN_XML = re.compile(rb"<(odd|even|first)(Header|Footer)>\s*[^<\s]|<f[\s>/]")


def _accepts(source: Source, path: Path, head: bytes) -> bool:
    from redactor.extract.xlsx import is_xlsx  # here: the document readers import the device package

    if source.media_type != "application/zip" or not is_xlsx(path):
        return False
    return any(name.lower() in CATEGORY_SHEETS for name in _sheet_names(path))


def _sheet_names(path: Path) -> list[str]:
    try:
        with zipfile.ZipFile(path) as zf:
            info = zf.getinfo("xl/workbook.xml")
            if info.file_size > 1 << 20:
                return []
            xml = zf.read(info)
    except (KeyError, zipfile.BadZipFile, OSError, ValueError):
        return []
    return [_unescape(m.group(1)) for m in re.finditer(rb'<(?:\w+:)?sheet\b[^>]*?\bname="([^"]*)"', xml)]


def _unescape(raw: bytes) -> str:
    value = raw.decode("utf-8", "replace")
    return value.replace("&quot;", '"').replace("&apos;", "'").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def _unseen(zf: zipfile.ZipFile) -> bool:
    """Whether the package holds what a table of its cells cannot show: comments, page headers or footers, formulas."""
    for info in zf.infolist():
        if _UNSEEN_PARTS.match(info.filename):
            return True
        if info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml"):
            with zf.open(info) as stream:
                tail = b""
                while block := stream.read(1 << 20):
                    if _UNSEEN_XML.search(tail + block):
                        return True
                    tail = block[-64:]
    return False


@extractor(FORMAT, accepts=_accepts, priority=35)
def extract_cellebrite_xlsx(source: Source, path: Path, ctx: StageContext) -> Iterator[Item | Person | Mention | Refused | Any]:
    from redactor.extract.package import open_package
    from redactor.extract.xlsx import _derived, extract_xlsx

    with open_package(path, "Excel workbook") as zf:  # checked once: zip slip, bombs, DTDs
        unseen = _unseen(zf)
        derived = [] if unseen else list(_derived(zf, source, ctx))  # a workbook read whole below writes them again
    wb = None if unseen else _open(path)
    try:
        tables = {ws.title: Table.find(ws.title, _first_rows(ws)) for ws in wb.worksheets} if wb is not None else {}
        if not any(tables.values()):  # comments, headers or footers, formulas, or no report table: read as a workbook
            if wb is not None:
                wb.close()
                wb = None
            yield from extract_xlsx(source, path, ctx)
            return
        yield from derived
        reader = _Report(source, path, date_order(path))
        for ws in wb.worksheets:
            yield from reader.sheet(ws, tables[ws.title])
    finally:
        if wb is not None:
            wb.close()
    if not reader.read:
        if reader.first_error is not None:
            raise reader.first_error
        raise EmptyInput(f"{path}: Cellebrite report holds no rows")
    yield from reader.book


def _open(path: Path) -> Any:
    import openpyxl

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return openpyxl.load_workbook(path, read_only=True, data_only=True, keep_links=False)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many types on a damaged workbook
        raise CorruptInput(f"{path}: Excel workbook cannot be read ({type(exc).__name__})") from None


def _first_rows(ws: Any) -> list[tuple[int, tuple[Any, ...]]]:
    try:
        return [(n, tuple(c.value for c in row)) for n, row in enumerate(ws.iter_rows(max_row=HEADER_ROWS), 1)]
    except Exception:  # noqa: BLE001 - a damaged sheet is read (and refused) in full later
        return []


class _Report:
    """The items of one report, sheet by sheet; ``read`` counts them, ``first_error`` keeps the first refusal."""

    def __init__(self, source: Source, path: Path, order: tuple[str | None, str]) -> None:
        self.source, self.path, self.order = source, path, order
        self.book = common.PeopleBook(source.ref)
        self.read = 0
        self.first_error: CorruptInput | None = None
        self.met: set[tuple[str | None, ...]] = set()

    def sheet(self, ws: Any, table: Table | None) -> Iterator[Item | Person | Mention | Refused]:
        hidden = ws.sheet_state != "visible"
        rows = sheet_rows(ws)
        number = 0
        try:
            if table is None:
                item = self._plain(ws.title, hidden, rows)
                if item is not None:
                    self.read += 1
                    yield item
                return
            group: dict[int, Any] = {}
            thread: dict[str, Any] | None = None
            for number, values in rows:
                if number <= table.header_row:
                    continue
                if any(isinstance(v, str) and len(v) > MAX_CELL for v in values):
                    yield self._refused(ws.title, number, f"a cell over Excel's {MAX_CELL:,}-character limit")
                    continue
                texts = [text(v) for v in values]  # once a cell: the row's values as the items write them
                if table.group and any(texts[i] for i in table.group if i < len(values)):
                    group = {i: values[i] for i in table.group if i < len(values)}
                    thread, item = self._thread(ws.title, number, table, group)
                    self.read += 1
                    yield item
                    yield from self.book
                cells = {i: t for i, t in enumerate(texts) if i not in table.group and t}
                if all(table.name(i).lower() in ROW_NUMBERS for i in cells):
                    continue  # a row number alone: the chat's first row, or an empty row
                self.read += 1
                yield self._row(ws.title, hidden, number, table, cells, values, thread)
                yield from self.book
        except Exception as exc:  # noqa: BLE001 - the sheet's XML broke off: the rows before it are kept
            yield self._refused(ws.title, number + 1, f"the sheet cannot be read from here on ({type(exc).__name__})")

    def _refused(self, sheet: str, number: int, problem: str) -> Refused:
        error = CorruptInput(f"{self.path}: Cellebrite report sheet '{sheet}' row {number}: {problem}; refused")
        self.first_error = self.first_error or error
        return Refused(f"sheet '{sheet}' row {number}", error.code, str(error))

    def _plain(self, sheet: str, hidden: bool, rows: Iterator[tuple[int, tuple[Any, ...]]]) -> Item | None:
        """A sheet with no report table (a summary) as one record: every cell, with its reference."""
        item_id = stable_id(self.source.source_id, "sheet", sheet)
        lines = (Row(n, tuple((c, cell_text(v)) for c, v in enumerate(values, 1) if v is not None and cell_text(v))) for n, values in rows)
        label = f"{sheet} (hidden sheet)" if hidden else sheet
        segments = tuple(row_segments(item_id, label, lines))
        if not segments:
            return None
        meta = {"format": FORMAT, "sheet": sheet, "hidden": hidden, "app": "Cellebrite report"}
        return Item(item_id, self.source.source_id, f"sheet '{sheet}'", "record", f"report sheet {sheet.lower()}", segments, meta)

    def _thread(self, sheet: str, number: int, table: Table, group: dict[int, Any]) -> tuple[dict[str, Any], Item]:
        named = {table.name(i).lower(): text(v) for i, v in group.items() if text(v)}
        chat = named.get("chat #") or str(number)
        app = next((named[c] for c in APP_COLUMNS if named.get(c)), None)
        participants = [p for _, p in parties_of(named.get("participants", ""))]
        for p in participants:
            self.book.add(p, "chat participants")
        thread = {"id": named.get("identifier") or chat, "key": stable_id(self.source.source_id, "cellebrite", sheet, chat), "app": app}
        if named.get("name"):
            thread["name"] = named["name"]
        fields: list[tuple[str, str | None]] = [("thread.name", named.get("name"))]
        fields += [(f"participant.{n}", common.recipients_text([p])) for n, p in enumerate(participants, 1)]
        meta: dict[str, Any] = {
            "format": FORMAT,
            "sheet": sheet,
            "kind": "thread",
            "thread": thread,
            "app": app,
            "participants": participants,
        }
        meta["chat_number"] = named.get("chat #")
        used = {"name", "participants", *APP_COLUMNS, "chat #"}
        for i, v in group.items():
            name = table.name(i)
            if name.lower() in used or not text(v):
                continue
            if TIME_LIKE.search(name):
                meta.setdefault("other_times", {})[name] = text(v)
            else:
                fields.append((f"field.{name}", text(v)))
        start = next((i for i in group if table.name(i).lower() in ("start time: time", "start time") and text(group[i])), None)
        if start is not None:
            date = next((group[i] for i in group if table.name(i).lower() == "start time: date"), None)
            dt, how = parse_time(group[start], date, self.order)
            meta["time"] = common.when(dt, f"{text(date)} {text(group[start])}".strip(), how)
        locator = f"sheet '{sheet}' row {number} chat"
        return thread, common.make_item(self.source, locator, "thread", f"{app} conversation" if app else "conversation", fields, meta)

    def _row(
        self,
        sheet: str,
        hidden: bool,
        number: int,
        table: Table,
        cells: dict[int, str],
        values: tuple[Any, ...],
        thread: dict[str, Any] | None,
    ) -> Item:
        """One row's item; ``cells``: its non-empty cells' texts by column, ``values`` the row's values as stored."""
        kind = SHEET_KINDS.get(sheet.lower()) or tabular.kind_for(sheet)
        named = {table.name(i): t for i, t in cells.items()}
        raw = {table.name(i): values[i] for i in cells}
        low = {name.lower(): name for name in named}
        meta: dict[str, Any] = {"format": FORMAT, "sheet": sheet}
        if hidden:
            meta["hidden"] = True
        used = {n for n in named if n.lower() in ROW_NUMBERS}
        meta["numbers"] = {n: named[n] for n in used}
        app = next((named[low[c]] for c in APP_COLUMNS if c in low), None) or (thread or {}).get("app")
        meta["app"] = app or sheet
        used |= {low[c] for c in APP_COLUMNS if c in low}
        time_name = next((low[c] for c in TIME_COLUMNS if c in low), None)
        if time_name is not None:
            date_name = low.get(time_name.lower().replace(": time", ": date")) if ": time" in time_name.lower() else None
            date = raw.get(date_name) if date_name else None
            dt, how = parse_time(raw[time_name], date, self.order)
            meta["time"] = {**common.when(dt, f"{named.get(date_name or '', '')} {named[time_name]}".strip(), how), "column": time_name}
            used |= {time_name, date_name or time_name}
        others = {n: v for n, v in named.items() if n not in used and TIME_LIKE.search(n) and not _party_column(n)}
        if others:
            meta["other_times"] = others
            used |= set(others)
        fields: list[tuple[str, str | None]] = []
        if kind in COMMUNICATIONS:
            used |= self._parties(kind, named, low, meta, fields, thread)
        if any(n.lower().startswith("deleted") and v.lower() not in ("no", "false", "0") for n, v in named.items()):
            meta["deleted"] = "Deleted"
        for names, field in ((TEXT_COLUMNS, "text"), (SUBJECT_COLUMNS, "subject")):
            found = next((low[c] for c in names if c in low), None)
            if found is not None:
                fields.append((field, named[found]))
                used.add(found)
        entries = entries_of(named[low["entries"]]) if kind == "contact" and "entries" in low else []
        if entries:
            fields += [(f"entry.{label}", value) for label, value in entries]
            used.add(low["entries"])
        fields += [(f"field.{n}", v) for n, v in named.items() if n not in used]
        title = f"{app} {KIND_TITLES.get(kind, 'record')}" if app else KIND_TITLES.get(kind, f"{sheet.lower()} record")
        item = common.make_item(self.source, f"sheet '{sheet}' row {number}", kind, title, fields, meta)
        self._learn(kind, item, named, low, entries)
        return item

    def _parties(
        self,
        kind: str,
        named: dict[str, Any],
        low: dict[str, str],
        meta: dict[str, Any],
        fields: list[tuple[str, str | None]],
        thread: dict[str, Any] | None,
    ) -> set[str]:
        """Sender, recipients and direction; the columns they were read from."""
        parties: list[dict[str, Any]] = []
        used: set[str] = set()
        for column in FROM_COLUMNS:
            if column in low:
                p = party_of(named[low[column]].split("\n", 1)[0])
                if p is not None:
                    parties.append({"role": "from", "party": p})
                used.add(low[column])
        for column in TO_COLUMNS:
            if column in low:
                parties += [{"role": column if column in ("cc", "bcc") else "to", "party": p} for _, p in parties_of(named[low[column]])]
                used.add(low[column])
        for column in PARTY_COLUMNS:
            if column in low:
                parties += [{"role": role, "party": p} for role, p in parties_of(named[low[column]])]
                used.add(low[column])
        direction = direction_of([(n.lower(), n, v) for n, v in named.items()], parties, "Cellebrite")
        if thread is not None:
            meta["thread"] = thread
        sender, recipients, others = communication(meta, kind, parties, direction, (self.source.source_id, "cellebrite"))
        fields += common.party_fields("sender", sender)
        fields += [(f"recipient.{n}", common.recipients_text([p])) for n, p in enumerate(recipients, 1)]
        fields += [(f"participant.{n}", common.recipients_text([p])) for n, p in enumerate(others, 1)]
        return used

    def _learn(self, kind: str, item: Item, named: dict[str, Any], low: dict[str, str], entries: list[tuple[str, str]]) -> None:
        if kind == "contact":
            found = [v for _, v in entries] + list(named.values())
            name = next((named[low[c]] for c in NAME_COLUMNS if c in low), "")
            phones = [x for x in (common.e164(v) for v in found) if x]
            emails = [x for x in (common.email(v) for v in found) if x]
            self.book.add({"name": name}, "Cellebrite contacts", phones=phones, emails=emails)
            return
        if kind in COMMUNICATIONS:
            for p in [item.device.sender, *item.device.recipients]:
                if p and p.name and (p.phone or p.email) and (p.name, p.phone, p.email) not in self.met:
                    self.met.add((p.name, p.phone, p.email))  # a chat's every message names its two people again
                    self.book.add(p.to_json(), "Cellebrite correspondents")
            return
        label, value = named.get(low.get("name", ""), ""), named.get(low.get("value", ""), "")
        if label and OWN_NUMBER.search(label) and common.e164(value):
            self.book.add(common.party(value, None, True), "Cellebrite device information")


def _party_column(name: str) -> bool:
    low = name.lower()
    return low in FROM_COLUMNS or low in TO_COLUMNS or low in PARTY_COLUMNS
