"""Address-book propagation into detection, and transcripts in the bundle (through the CLI)."""

from __future__ import annotations

import csv
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from redactor.case import CaseStore
from redactor.records import Item, Segment
from redactor.render.transcript import conversation, group_conversations

CHAT = """01/03/2024, 09:15 - Alex Witness: Morning. Did you ask sophie about Saturday?
01/03/2024, 09:16 - Sam Owner: Not yet. Her number is 07700 900321 if you want it
01/03/2024, 09:17 - Alex Witness: ok see you there
"""
VCARD = """BEGIN:VCARD
VERSION:3.0
N:Example;Sophie;;;
FN:Sophie Example
TEL;type=CELL:07700 900321
END:VCARD
"""


@pytest.fixture
def exhibits(tmp_path: Path) -> Path:
    folder = tmp_path / "exhibits"
    folder.mkdir()
    (folder / "_chat.txt").write_text(CHAT)
    (folder / "contacts.vcf").write_text(VCARD)
    return folder


def _texts(store: CaseStore) -> dict[str, str]:
    return {s.segment_id: s.text for item in store.items() for s in item.segments}


def test_address_book_flags_lower_case_first_names_and_numbers(cli, exhibits, tmp_path):
    case = tmp_path / "case"
    assert cli("run", str(exhibits), "--case", str(case)).exit_code == 0
    with CaseStore.open(case) as store:
        assert "Sophie Example" in {p.name for p in store.people()}
        texts = _texts(store)
        known = {texts[f.segment_id][f.start : f.end] for f in store.flags() if f.recognizer == "KnownPeopleRecognizer"}
    assert "sophie" in known
    assert any(k.replace(" ", "") == "07700900321" for k in known)


def test_transcript_pdf_keeps_text_and_removes_redactions(cli, exhibits, tmp_path):
    case, out = tmp_path / "case", tmp_path / "bundle"
    assert cli("run", str(exhibits), "--case", str(case)).exit_code == 0
    with CaseStore.open(case) as store:
        texts = _texts(store)
        redacted = {texts[f.segment_id][f.start : f.end] for f in store.flags()}
        messages = [i for i in store.items() if i.kind == "message"]
    assert {"sophie", "Alex Witness"} <= redacted
    result = cli("bundle", str(case), "--out", str(out), "--pending", "redact")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(open(out / "index.csv")))
    convo = [r for r in rows if r["kind"] == "conversation"]
    assert len(convo) == 1 and not [r for r in rows if r["kind"] == "message"]  # messages are inside the transcript
    assert convo[0]["note"] == "transcript of 4 items"  # three messages and the thread header
    assert len(convo[0]["contains"].split()) == 4
    pdf = pdfium.PdfDocument(out / convo[0]["file"])
    text = "\n".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    assert "Morning. Did you ask" in text and "ok see you there" in text and "about Saturday?" in text
    for value in redacted:
        assert value not in text, "a redacted value is in the transcript"
    assert "P1" in text and "P2" in text and "01/03/2024 09:15:00 UTC" in text
    assert len(messages) == 3
    schedule = list(csv.DictReader(open(out / "schedule.csv")))
    assert schedule and all(r["item"] == convo[0]["item"] for r in schedule if r["item"] == convo[0]["item"])
    assert cli("verify", str(out)).exit_code == 0


def _msg(item_id: str, key: str, utc: str | None, sender: str, text: str) -> Item:
    segs = (Segment(f"{item_id}.0", item_id, 0, "sender.name", sender), Segment(f"{item_id}.1", item_id, 1, "text", text))
    return Item(item_id, "src", item_id, "message", "m", segs, {"thread": {"key": key}, "time": {"utc": utc}, "sender": {"name": sender}})


def test_grouping_orders_by_time_and_leaves_out_of_scope_items_alone():
    items = [
        _msg("a", "t1", "2024-03-01T10:00:00Z", "Alex", "second"),
        _msg("x", "t2", None, "Jo", "other"),
        _msg("b", "t1", "2024-03-01T09:00:00Z", "Sam", "first"),
        _msg("c", "t1", "2024-03-01T11:00:00Z", "Alex", "withheld"),
    ]
    grouped = group_conversations(items, lambda item_id: "out" if item_id == "c" else "in")
    assert [g.kind for g in grouped] == ["conversation", "conversation", "message"]
    assert grouped[0].meta["members"] == ["b", "a"] and grouped[2].item_id == "c"
    assert [r["speaker"] for r in grouped[0].meta["rows"]] == ["Sam", "Alex"]


def test_consistent_sender_redaction():
    from redactor.records import Flag
    from redactor.render.transcript import consistent_flags

    convo = conversation("t", [_msg("a", "t", None, "Alex Witness", "hi"), _msg("b", "t", None, "Alex Witness", "yo")])
    flag = Flag("f1", "a", "a.0", 0, 12, "PERSON", 0.9, "r", {}, "TP", "redact", "redact")
    extended = consistent_flags(convo.segments, [flag])
    assert {(f.segment_id, f.start, f.end) for f in extended} == {("a.0", 0, 12), ("b.0", 0, 12)}
    assert all(f.code == "TP" and f.flag_id == "f1" for f in extended)


CALLS = """<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>
<calls count="1"><call number="07700900123" duration="95" date="1709285400000" type="2" presentation="1" contact_name="Alex Witness" /></calls>
"""


def test_sender_redaction_is_consistent_across_the_bundle(cli, exhibits, tmp_path):
    (exhibits / "calls.xml").write_text(CALLS)
    case, out = tmp_path / "case", tmp_path / "bundle"
    assert cli("run", str(exhibits), "--case", str(case)).exit_code == 0
    with CaseStore.open(case) as store:
        call = next(i for i in store.items() if i.kind == "call")
        name_seg = next(s for s in call.segments if s.field == "party.name")
        for flag in store.flags(item_id=call.item_id):  # the reviewer keeps the name on the call record...
            if flag.segment_id == name_seg.segment_id:
                store.decide(flag.flag_id, action="reject", status="keep", reviewer="DC Test", reason="test")
        ref = store.item_refs()[call.item_id]
    assert cli("bundle", str(case), "--out", str(out), "--pending", "redact").exit_code == 0
    pdf = pdfium.PdfDocument(out / "items" / f"{ref}.pdf")
    text = pdf[0].get_textpage().get_text_range()
    assert "Alex Witness" not in text  # ...but it is redacted as a chat sender elsewhere in the bundle
    assert "call" in text and "outgoing" in text


def test_every_message_field_is_in_the_transcript(tmp_path):
    from redactor.render import RenderContext
    from redactor.render.transcript import render_transcript

    item = _msg("a", "t", "2024-03-01T09:00:00Z", "Alex", "see attached")
    extra = (Segment("a.2", "a", 2, "subject", "Tenancy form"), Segment("a.3", "a", 3, "location", "50.71, -3.53"))
    item = Item(item.item_id, item.source_id, item.locator, item.kind, item.title, item.segments + extra, dict(item.meta), item.device)
    rendered = render_transcript(conversation("t", [item]), [], RenderContext("S0001-001"))
    text = pdfium.PdfDocument(rendered.pdf)[0].get_textpage().get_text_range()
    assert "subject: Tenancy form" in text and "location: 50.71, -3.53" in text and "see attached" in text


def test_an_edited_messages_earlier_version_is_shown_under_it_in_words_and_redacted(tmp_path):
    from redactor.records import Flag
    from redactor.render import RenderContext
    from redactor.render.transcript import render_transcript

    item = _msg("a", "t", "2024-03-01T09:00:00Z", "Alex", "Saturday still on?")
    earlier = Segment("a.2", "a", 2, "text.before_edit", "Saturday at 3 Rope Walk, ring 07700 900777")
    item = Item(item.item_id, item.source_id, item.locator, item.kind, item.title, (*item.segments, earlier), {**item.meta, "edited": True})
    flag = Flag("f1", "a", "a.2", 30, 43, "PHONE_NUMBER", 0.9, "r", {}, "TP", "redact", "redact")
    rendered = render_transcript(conversation("t", [item]), [flag], RenderContext("S0001-001"))
    text = pdfium.PdfDocument(rendered.pdf)[0].get_textpage().get_text_range()
    assert "[edited]" in text and "earlier version, before an edit: Saturday at 3 Rope Walk, ring" in text
    assert "07700 900777" not in text and "text.before_edit" not in text  # before: the raw field name, "text.before_edit:"
