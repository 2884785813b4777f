"""A long item renders as page ranges (parts) joined into one PDF: the same pages, page numbers and boxes as
rendered whole, and the same bytes whether the parts rendered in one process or in a pool."""

from __future__ import annotations

import pypdfium2 as pdfium
import pytest

from redactor.records import Flag, Item, Segment
from redactor.render import RenderContext, parts
from redactor.render.parts import join_parts, page_ranges, render_split
from redactor.render.textdoc import Typeset, _text_script, render_text, split_script


def _item() -> tuple[Item, list[Flag]]:
    lines = [f"line {i} ask Sam Sample to ring 07700 900{i % 1000:03d}" for i in range(700)]
    lines[300] = "x" * 900  # a token longer than a line, broken over lines (and maybe pages)
    text = "\n".join(lines)
    seg = Segment("seg", "item", 0, "body", text)
    flags, pos = [], 0
    for line in lines:
        start = line.find("07700")
        if start >= 0:
            code = "TP" if len(flags) % 2 else "PH"
            flags.append(
                Flag(
                    Flag.make_id("seg", pos + start, pos + len(line), "P"),
                    "item",
                    "seg",
                    pos + start,
                    pos + len(line),
                    "P",
                    1.0,
                    "t",
                    {},
                    code,
                    "redact",
                    "redact",
                )
            )
        pos += len(line) + 1
    return Item("item", "src", "file", "document", "t", (seg,)), flags


def _page_texts(pdf: bytes) -> list[str]:
    doc = pdfium.PdfDocument(pdf)
    try:
        return [doc[i].get_textpage().get_text_range() for i in range(len(doc))]
    finally:
        doc.close()


@pytest.fixture
def small_parts(monkeypatch):
    monkeypatch.setattr(parts, "PART_PAGES", 3)


def test_ranges_cover_every_page_once():
    assert page_ranges(parts.PART_PAGES) == []
    for pages in (parts.PART_PAGES + 1, 3 * parts.PART_PAGES, 7 * parts.PART_PAGES + 5):
        spans = page_ranges(pages)
        assert [p for a, b in spans for p in range(a, b + 1)] == list(range(1, pages + 1))
        assert max(b - a + 1 for a, b in spans) <= parts.PART_PAGES


def test_parts_joined_show_what_the_whole_shows(small_parts):
    item, flags = _item()
    rctx = RenderContext("S0001-001")
    whole = render_text(item, flags, rctx)
    split = split_script(item, lambda: _text_script(item, flags))
    assert len(split) >= 4 and all(isinstance(p, Typeset) and shell.segments == () for shell, _, p in split)
    joined = join_parts([render_text(shell, f, RenderContext("S0001-001", part=p)) for shell, f, p in split])
    assert joined.pages == whole.pages
    assert joined.redactions == whole.redactions  # same boxes on the same pages
    texts = _page_texts(joined.pdf)
    assert texts == _page_texts(whole.pdf)
    assert all(f"S0001-001 page {n}\r\n" in text for n, text in enumerate(texts, 1))
    assert not any("07700" in t for t in texts)


def test_a_split_item_is_the_same_from_one_process_and_a_pool(small_parts):
    item, flags = _item()
    jobs = [(item, flags, "S0001-001", {}), (item, flags, "S0002-001", {})]
    one = list(render_split(jobs, _Stage(), _make_stage, 1))
    pool = list(render_split(jobs, _Stage(), _make_stage, 2))
    assert [i for i, _, _ in one] == [0, 1] and not any(f for _, _, f in one)
    assert [r.pdf for _, r, _ in one] == [r.pdf for _, r, _ in pool]
    assert one[0][1].pages == render_text(item, flags, RenderContext("S0001-001")).pages


def test_a_failing_part_withholds_the_whole_item(small_parts):
    item, flags = _item()
    results = list(render_split([(item, flags, "S0001-001", {})], _Stage(fail_part=2), _make_stage, 1))
    assert len(results) == 1 and results[0][1] is None and results[0][2][0] == "E040"


class _Stage:
    """The render stage's shape (call and split) around the text renderer."""

    def __init__(self, fail_part: int = 0) -> None:
        self.fail_part = fail_part

    def __call__(self, item, flags, ref, part=None):
        if part is not None and part.first > 1 and self.fail_part and part.first >= self.fail_part:
            raise ValueError("a part failed")
        return render_text(item, flags, RenderContext(ref, part=part))

    def split(self, item, flags, ref):
        return split_script(item, lambda: _text_script(item, flags))


def _make_stage():
    return _Stage()
