"""Cellebrite Excel reports: each row of a category's table an item, with its parties, direction, time and chat;
contacts and the phone's own number as known people; every cell kept; what a table cannot show read as a workbook.
Before this reader a report was one spreadsheet document (a phone's chats as rows of cells: no sender, direction, time
or conversation, and nobody learnt from its contacts)."""

from __future__ import annotations

import csv
import json
import zipfile

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from redactor.case import CaseStore
from redactor.errors import CorruptInput, EmptyInput
from redactor.extract.device import cellebrite_xlsx
from redactor.extract.device.cellebrite_layout import text
from redactor.extract.sheets import cell_text
from redactor.records import Item, Refused
from tests.extract.device.generated.cellebrite import (
    CALL_HEADER,
    CHAT_HEADER,
    CONTACT_HEADER,
    SMS,
    SMS_HEADER,
    many_chats,
    report,
)
from tests.extract.device.helpers import pick, records_of, run, seg


def _facts(item: Item) -> dict:
    return item.device.to_json()


def _text(item: Item) -> str:
    return "\n".join(s.text for s in item.segments)


def test_chats_are_conversations_of_messages_with_parties_direction_and_time(tmp_path):
    path = report(tmp_path / "report.xlsx")
    assert pick(path) == "cellebrite-xlsx"
    items, _, _ = run(path, tmp_path / "work")
    chats = [i for i in items if i.meta.get("sheet") == "Chats"]
    assert [i.kind for i in chats] == ["thread", "message", "message", "message", "thread", "message"]
    first_chat, incoming, outgoing, deleted, second_chat, telegram = chats
    assert seg(first_chat, "thread.name") == "Dana and me" and first_chat.title == "WhatsApp conversation"
    assert _facts(first_chat)["time"]["utc"] == "2023-04-16T09:20:00Z"  # its start, in two columns
    assert seg(incoming, "text") == "Are you at 14 Mill Lane?"
    assert (seg(incoming, "sender.name"), seg(incoming, "sender.id")) == ("Dana Whitfield", "447700900456@s.whatsapp.net")
    facts = _facts(incoming)
    assert facts["direction"] == {"value": "incoming", "how": "Cellebrite 'Status: Read'"}
    assert facts["time"]["utc"] == "2023-04-16T09:23:45Z"  # 10:23:45 at UTC+1, its date in its own column
    out = _facts(outgoing)
    assert out["direction"]["value"] == "outgoing" and out["sender"]["name"] == "Sam Owner"
    assert {_facts(m)["thread"]["key"] for m in (first_chat, incoming, outgoing, deleted)} == {facts["thread"]["key"]}
    assert seg(outgoing, "field.Attachment #1") == "IMG-20230416-WA0003.jpg"
    assert deleted.meta.get("deleted") == "Deleted"
    assert _facts(telegram)["thread"]["key"] != facts["thread"]["key"] and telegram.meta["app"] == "Telegram"
    assert _facts(telegram)["time"]["utc"] == "2023-04-18T21:05:09Z"  # date and clock in one cell


def test_sms_calls_contacts_and_the_owner(tmp_path):
    path = report(tmp_path / "report.xlsx")
    items, _, people = run(path, tmp_path / "work")
    sms = [i for i in items if i.meta.get("sheet") == "SMS Messages"]
    assert [_facts(i)["direction"]["how"] for i in sms] == ["Cellebrite 'Folder: Inbox'", "Cellebrite 'Folder: Sent'"]
    assert _facts(sms[0])["sender"]["phone"] == "+447700900456" and _facts(sms[1])["recipients"][0]["phone"] == "+447700900456"
    assert _facts(sms[0])["thread"]["key"] == _facts(sms[1])["thread"]["key"]  # one conversation with Dana
    calls = [i for i in items if i.kind == "call"]
    assert [_facts(c)["direction"]["value"] for c in calls] == ["incoming", "outgoing"]
    assert _facts(calls[1])["recipients"][0]["phone"] == "+447700900999"
    contacts = [i for i in items if i.kind == "contact"]
    assert seg(contacts[0], "entry.Phone-Mobile") == "07700 900456" and seg(contacts[0], "field.Notes") == "met at work"
    dana = next(p for p in people if p.name == "Dana Whitfield")
    assert "+447700900456" in dana.phones and "dana.whitfield@example.com" in dana.emails
    assert any(p.device_owner and "+447700900123" in p.phones for p in people)
    summary = next(i for i in items if i.meta.get("sheet") == "Summary")
    assert "RASSO-2024-0001" in _text(summary) and "Alex Examiner" in _text(summary) and "None" not in _text(summary)


def _cells(path, skip_numbers: bool = False, shown=text) -> list[tuple[str, str]]:
    """(sheet, text) of every cell the workbook holds (``skip_numbers``: but a chat sheet's numbers of its rows and
    messages, which carry nothing of their own), written as ``shown`` writes a value."""
    import openpyxl

    wb = openpyxl.load_workbook(path)
    return [
        (ws.title, shown(c.value))
        for ws in wb.worksheets
        for row in ws.iter_rows(min_row=3 if skip_numbers else 1)
        for c in row
        if text(c.value) and not (skip_numbers and c.column in (1, 1 + CHAT_HEADER.index("Instant Message #")))
    ]


STRUCTURE = {"From:", "To:", "(owner)"}  # the report's own words around a party


def _kept(items: list) -> str:
    """Every segment's text and every item's meta (its times, direction, parties), as one text to search."""
    return "\n".join(f"{s.field}: {s.text}" for i in items for s in i.segments) + json.dumps(
        [[dict(i.meta), i.device.to_json() if i.device else None] for i in items], default=str
    )


def test_every_value_of_every_row_is_kept(tmp_path):
    path = report(tmp_path / "report.xlsx")
    items, _, _ = run(path, tmp_path / "work")
    kept = _kept(items)
    headers = set(CHAT_HEADER + SMS_HEADER + CALL_HEADER + CONTACT_HEADER)
    missing = []
    for sheet, value in _cells(path):
        if value in headers or (value.startswith(sheet) and value.endswith(")")):
            continue  # header and title rows
        missing += [(sheet, word) for word in value.split() if word not in STRUCTURE and word not in kept]
    assert missing == []


def test_the_date_order_is_read_over_the_whole_report(tmp_path):
    us = [[1, "From: +15555550100 Ann", "Inbox", "Read", "4/20/2023 1:05:09 PM(UTC-4)", "hi", None, "Native Messages"],
          [2, "From: +15555550100 Ann", "Inbox", "Read", "5/6/2023 9:00:00 AM(UTC-4)", "again", None, "Native Messages"]]  # fmt: skip
    items, _, _ = run(report(tmp_path / "us.xlsx", [("SMS Messages", SMS_HEADER, us)]), tmp_path / "w1")
    assert [_facts(i)["time"]["utc"] for i in items] == ["2023-04-20T17:05:09Z", "2023-05-06T13:00:00Z"]  # May 6th
    vague = [[1, "From: +447700900456 Dana", "Inbox", "Read", "05/06/2023 09:00:00(UTC+1)", "hi", None, "Native Messages"]]
    items, _, _ = run(report(tmp_path / "uk.xlsx", [("SMS Messages", SMS_HEADER, vague)]), tmp_path / "w2")
    time = _facts(items[0])["time"]
    assert time["utc"] == "2023-06-05T08:00:00Z" and "UK default day-first" in time["tz_source"]


def test_a_workbook_with_comments_or_without_a_report_table_is_read_as_a_workbook(tmp_path):
    import openpyxl
    from openpyxl.comments import Comment

    path = report(tmp_path / "noted.xlsx")
    wb = openpyxl.load_workbook(path)
    wb["Chats"]["M3"].comment = Comment("said to Jo Example on the phone", "Examiner")
    wb.save(path)
    items, _, _ = run(path, tmp_path / "w1")
    assert [i.meta["format"] for i in items] == ["xlsx"] and "Jo Example" in _text(items[0])
    own = report(tmp_path / "own.xlsx", [("Contacts", None, [["Name", "Phone"], ["Jo Example", "07700 900111"]])])
    items, _, _ = run(own, tmp_path / "w2")
    assert [i.meta["format"] for i in items] == ["xlsx"] and "07700 900111" in _text(items[0])


def test_a_workbook_with_a_formula_is_read_as_a_workbook_with_the_formula_and_its_value(tmp_path):
    """Found by the fuzz test: a cell "=0" is a formula; read for values alone (openpyxl's data_only) it had no value
    written, and the cell was lost."""
    rows = [[*SMS[0][:5], "=1+1", *SMS[0][6:]]]
    path = report(tmp_path / "formula.xlsx", [("SMS Messages", SMS_HEADER, rows)])
    items, _, _ = run(path, tmp_path / "work")
    assert [i.meta["format"] for i in items] == ["xlsx"] and "[formula: =1+1]" in _text(items[0])


def test_a_row_over_the_cell_limit_is_refused_alone(tmp_path, monkeypatch):
    monkeypatch.setattr(cellebrite_xlsx, "MAX_CELL", 100)  # Excel's limit is 32,767: openpyxl will not write more
    rows = [SMS[0], [*SMS[1][:5], "x" * 101, *SMS[1][6:]]]
    path = report(tmp_path / "big.xlsx", [("SMS Messages", SMS_HEADER, rows)])
    records = records_of(path, tmp_path / "work")
    refused = [r for r in records if isinstance(r, Refused)]
    assert [r.locator for r in refused] == ["sheet 'SMS Messages' row 4"] and "xxxx" not in refused[0].reason
    assert [seg(i, "text") for i in records if isinstance(i, Item)] == ["Running late"]


def test_a_sheet_cut_short_keeps_its_rows_before_the_cut(tmp_path):
    path = report(tmp_path / "report.xlsx", [("SMS Messages", SMS_HEADER, SMS * 40)])
    cut = tmp_path / "cut.xlsx"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(cut, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            dst.writestr(info, data[: len(data) // 2] if info.filename == "xl/worksheets/sheet1.xml" else data)
    records = records_of(cut, tmp_path / "work")
    items = [r for r in records if isinstance(r, Item)]
    refused = [r for r in records if isinstance(r, Refused)]
    assert 10 < len(items) < 80 and len(refused) == 1 and refused[0].code == CorruptInput.code
    assert "cannot be read from here on" in refused[0].reason


VALUE = st.one_of(st.none(), st.text(max_size=40), st.integers(-(10**12), 10**12), st.floats(allow_nan=False, allow_infinity=False))


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.lists(VALUE, min_size=3, max_size=10), min_size=1, max_size=6))
def test_any_cell_values_are_read_or_refused_never_lost(tmp_path, rows):
    from openpyxl.utils.exceptions import IllegalCharacterError

    rows = [[n + 1, *row] for n, row in enumerate(rows)]
    try:
        path = report(tmp_path / "fuzz.xlsx", [("Chats", CHAT_HEADER, rows)])
    except IllegalCharacterError:
        return  # openpyxl will not write control characters: no report can hold them
    try:
        records = records_of(path, tmp_path / "work", "cellebrite-xlsx")
    except EmptyInput:
        numbers = CHAT_HEADER.index("Instant Message #")
        assert not any(text(v) for row in rows for n, v in enumerate(row[1:], 1) if n != numbers)  # only an empty table
        return
    kept = _kept([r for r in records if isinstance(r, Item)])
    assert [r for r in records if isinstance(r, Refused)] == []
    as_report, as_workbook = _cells(path, skip_numbers=True), _cells(path, skip_numbers=True, shown=cell_text)
    for (_, value), (_, written) in zip(as_report, as_workbook, strict=True):  # as this reader or the workbook's writes it
        assert any(all(w in STRUCTURE or w in kept or json.dumps(w)[1:-1] in kept for w in v.split()) for v in (value, written)), value


def test_a_report_through_the_runner(cli, tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    report(folder / "Dana phone report.xlsx")
    case = tmp_path / "case"
    result = cli("run", str(folder), "--case", str(case), "--workers", "1")
    assert result.exit_code == 0, result.output
    with CaseStore.open(case) as store:
        items = list(store.items())
        people = {p.name for p in store.people()}
    assert sum(i.kind == "message" for i in items) == 6 and sum(i.kind == "call" for i in items) == 2
    assert {"Dana Whitfield", "Priya Natarajan"} <= people
    assert cli("bundle", str(case), "--out", str(tmp_path / "bundle"), "--pending", "redact").exit_code == 0
    index = list(csv.DictReader(open(tmp_path / "bundle" / "index.csv", encoding="utf-8")))
    titles = {r["title"] for r in index}
    assert "WhatsApp conversation, 3 messages: [TP] and me" in titles  # the chat's name names a third party
    assert {"Phone call", "WhatsApp call", "Phone contact", "Native Messages conversation, 2 messages"} <= titles
    assert cli("verify", str(tmp_path / "bundle")).exit_code == 0
    bundle_text = "\n".join(p.read_text(errors="replace") for p in (tmp_path / "bundle").rglob("*.html"))
    assert "07700 900789" not in bundle_text  # a number in a chat's text is redacted


def test_a_hundred_thousand_rows_stream(tmp_path):
    path = many_chats(tmp_path / "many.xlsx", 2_000)
    items, _, _ = run(path, tmp_path / "work")
    assert sum(i.kind == "message" for i in items) == 2_000 and sum(i.kind == "thread" for i in items) == 10
    assert len({_facts(i)["thread"]["key"] for i in items}) == 10
