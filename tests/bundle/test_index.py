"""The index navigates: descriptions, exhibits, dates, page links and bookmarks; titles and file names never leak."""

from __future__ import annotations

import csv

import pytest
from pypdf import PdfReader

from redactor.bundle.scrub import Scrubber, normalise, scrub_texts
from tests.bundle.conftest import invoke

pytestmark = pytest.mark.slow


def rows(out):
    return list(csv.DictReader(open(out / "index.csv", encoding="utf-8")))


def page_of(reader, page_ref) -> int:
    return next(i for i, p in enumerate(reader.pages) if p.indirect_reference.idnum == page_ref.idnum)


def test_index_rows_describe_every_item(built):
    _, out = built
    index = rows(out)
    convo = next(r for r in index if r["kind"] == "conversation")
    assert convo["title"].startswith("WhatsApp conversation, 9 messages")
    assert convo["exhibit"].startswith("S0001 HO/1") and "WhatsApp export" in convo["exhibit"]
    assert convo["date"] == "2024-03-12 21:02 UTC to 2024-03-13 08:20 UTC"
    docs = [r for r in index if r["kind"] == "document"]
    assert {r["title"] for r in docs} >= {"officer-notes.txt", "incident-report.pdf"}
    assert all(r["bundle_pages"] and r["redactions"] for r in index if r["status"] == "disclosed")


def test_index_page_numbers_link_to_their_pages(built):
    _, out = built
    reader = PdfReader(out / "bundle.pdf")
    index = rows(out)
    index_page = next(i for i, p in enumerate(reader.pages) if "Disclosure bundle: index" in p.extract_text())
    text = reader.pages[index_page].extract_text()
    targets = set()
    for annot in reader.pages[index_page]["/Annots"]:
        annot = annot.get_object()
        assert annot["/Subtype"] == "/Link"
        targets.add(page_of(reader, annot["/Dest"][0]) + 1)
    for r in (r for r in index if r["status"] == "disclosed"):
        first = int(r["bundle_pages"].split("-")[0])
        assert r["bundle_pages"] in text and first in targets
        assert f"{r['item']}  ·  Bundle page {first} of" in reader.pages[first - 1].extract_text()


def test_bookmarks_per_section_and_item(built):
    _, out = built
    reader = PdfReader(out / "bundle.pdf")
    outline = reader.outline
    titles = [o.title for o in outline if not isinstance(o, list)]
    assert titles == ["Cover", "Index", "Items", "Redaction schedule"]
    items = next(o for o in outline if isinstance(o, list))
    starts = {r["item"]: int(r["bundle_pages"].split("-")[0]) for r in rows(out) if r["status"] == "disclosed"}
    assert len(items) == len(starts)
    for mark in items:
        ref = mark.title.split()[0]
        assert reader.get_destination_page_number(mark) + 1 == starts[ref]
    schedule = next(o for o in outline if not isinstance(o, list) and o.title == "Redaction schedule")
    assert "Redaction schedule" in reader.pages[reader.get_destination_page_number(schedule)].extract_text()


def test_cover_page_names_case_exhibits_and_build(built):
    _, out = built
    cover = PdfReader(out / "bundle.pdf").pages[0].extract_text()
    for expected in ("Operation Larkspur", "13XY0000124", "HO/1", "WhatsApp export from the complainant's phone", "DC Builder"):
        assert expected in cover
    assert "Pipeline hash: " in cover and "Tool: redactor" in cover


def test_scrubber_ignores_case_spacing_and_invisible_marks():
    scrubber = Scrubber.of([("Jo Example", "TP"), ("07700 900123", "TP")])
    assert scrubber.clean("Jo Example.vcf") == "[TP].vcf"
    assert scrubber.clean("jo_example.vcf") == "[TP].vcf"
    assert scrubber.clean("J\u200eo Example") == "[TP]"
    assert scrubber.clean("Joanne Examples") == "Joanne Examples"  # whole words only
    assert normalise("Jo\u200b  EXAMPLE") == "jo example"
    got = scrub_texts(["call Sam at home"], Scrubber(), lambda texts: [[(5, 8, "TP")] for _ in texts])
    assert got == {"call Sam at home": "call [TP] at home"}


def test_a_contact_file_name_does_not_leak_a_name_redacted_elsewhere(tmp_path):
    chat = tmp_path / "in" / "WhatsApp Chat with Jo Example.txt"
    chat.parent.mkdir()
    chat.write_text(
        "12/03/2024, 21:02 - Alex Sample: did you see Jo Example today?\n"
        "12/03/2024, 21:03 - Alex Sample: Jo Example.vcf (file attached)\n"
        "12/03/2024, 21:04 - Sam Sample: no\n",
        encoding="utf-8",
    )
    contacts = chat.parent / "contacts.vcf"  # Jo Example is a third party from the address book: redacted everywhere
    contacts.write_text("BEGIN:VCARD\nVERSION:3.0\nFN:Jo Example\nTEL:07700 900777\nEND:VCARD\n", encoding="utf-8")
    roster = tmp_path / "roster.yaml"
    roster.write_text("people:\n  - {name: Alex Sample, role: complainant}\n  - {name: Sam Sample, role: suspect}\n", encoding="utf-8")
    case, out = tmp_path / "case", tmp_path / "out"
    invoke("run", chat.parent, "--case", case, "--roster", roster)
    invoke("decide", case, "--accept-all", "--reviewer", "DC Test")
    invoke("bundle", case, "--out", out)
    pdfs = [out / "bundle.pdf", *(out / "items").glob("*.pdf")]
    everything = " ".join(" ".join(p.extract_text() for f in pdfs for p in PdfReader(f).pages).split())
    assert "Jo Example" not in everything and "Jo Example" not in (out / "index.csv").read_text(encoding="utf-8")
    assert "Alex Sample : did you see" in everything and "[attachment:" in everything  # the rest is still shown
