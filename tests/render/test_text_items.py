"""Rendering removes content: properties over random spans of text items."""

from __future__ import annotations

import io
import re

from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from redactor.records import Flag, Item, Segment
from redactor.render import RenderContext
from redactor.render.textdoc import render_text

WORDS = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet", "kilo", "lima"]


def make_item(text: str) -> Item:
    seg = Segment("seg", "item", 0, "body", text)
    return Item("item", "src", "file", "document", "t", (seg,))


def flag(start: int, end: int, code: str = "TP") -> Flag:
    return Flag(Flag.make_id("seg", start, end, "X"), "item", "seg", start, end, "X", 1.0, "test", {}, code, "redact", "redact")


@settings(max_examples=40, deadline=None)
@given(words=st.lists(st.sampled_from(WORDS), min_size=3, max_size=60), data=st.data())
def test_redacted_words_never_reach_the_pdf(words, data):
    # Each word carries a unique number so a redacted word cannot also appear as a kept one.
    tokens = [f"{w}{i}" for i, w in enumerate(words)]
    text = " ".join(tokens)
    picked = data.draw(st.sets(st.integers(0, len(tokens) - 1), min_size=1, max_size=len(tokens)))
    offsets, pos = [], 0
    for t in tokens:
        offsets.append((pos, pos + len(t)))
        pos += len(t) + 1
    flags = [flag(*offsets[i]) for i in picked]
    rendered = render_text(make_item(text), flags, RenderContext(ref="S0001-001"))
    extracted = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(rendered.pdf)).pages)
    found = set(re.findall(r"[a-z]+\d+", extracted))
    assert found == {t for i, t in enumerate(tokens) if i not in picked}
    assert len(rendered.redactions) == len(picked)  # separate words are separate boxes
    assert all(r.code == "TP" and r.page >= 1 for r in rendered.redactions)


def test_partial_word_spans_remove_the_span_only_in_text_items():
    text = "callme07700900123now"
    rendered = render_text(make_item(text), [flag(6, 17)], RenderContext(ref="S0001-001"))
    extracted = PdfReader(io.BytesIO(rendered.pdf)).pages[0].extract_text()
    assert "07700900123" not in extracted and "callme" in extracted and "now" in extracted


def test_long_text_paginates_and_footers_carry_the_reference():
    text = "\n".join(f"line {i} of the statement" for i in range(200))
    rendered = render_text(make_item(text), [flag(0, 4)], RenderContext(ref="S0009-002"))
    reader = PdfReader(io.BytesIO(rendered.pdf))
    assert rendered.pages == len(reader.pages) >= 3
    assert all("S0009-002" in p.extract_text() for p in reader.pages)
