"""Issue 14, failure 5: words hyphenated across a line break are joined for detection and boxed line by line."""

from __future__ import annotations

import pytest

from redactor.extract.pdftext import reading
from tests.documents import factory
from tests.documents.helpers import extract, flags_for, ocr_text, pdf_text, render

LINES = [
    "I spoke to Sarah Jo-",
    "nes who rang from 07700 9001-",
    "23 on the night with Amy Smith-",
    "Jones and her brother.",
]
VALUES = ["Sarah Jones", "07700 900123", "Amy Smith-Jones"]


@pytest.mark.parametrize(
    "raw, read",
    [
        ("Sarah Jo\ufffenes who", "Sarah Jones who"),  # pdfium's mark of a hyphenated word
        ("Sarah Jo\x02nes who", "Sarah Jones who"),
        ("07700 9001-\r\n23 on", "07700 900123 on"),  # a number broken at the line end
        ("Amy Smith-\r\nJones and", "Amy Smith-Jones and"),  # a double-barrelled name keeps its hyphen
        ("the list -\r\nnext", "the list -\r\nnext"),  # a dash on its own is not a hyphenated word
        ("word\ufffe", "word-"),  # a mark with nothing to join stays a hyphen
    ],
)
def test_reading_joins_broken_words(raw, read):
    assert reading(raw).text == read


@pytest.fixture(scope="module")
def hyphenated(tmp_path_factory):
    path = factory.text_pdf(tmp_path_factory.mktemp("hyphen") / "doc.pdf", [LINES])
    item = extract(path)
    return path, item


def test_values_are_whole_for_detection(hyphenated):
    _, item = hyphenated
    assert all(value in item.segments[0].text for value in VALUES)
    assert "\ufffe" not in item.segments[0].text


def test_each_half_gets_its_own_box_on_its_own_line(hyphenated):
    path, item = hyphenated
    rendered = render(item, path, flags_for(item, VALUES))
    boxes = [r.box for r in rendered.redactions]
    assert len(boxes) == 2 * len(VALUES)  # two halves each
    for x0, y0, x1, y1 in boxes:
        assert y1 - y0 < 20, "a box is one line tall"
        assert x1 - x0 < 150, "no box spans the width of the page"


@pytest.mark.slow
def test_no_half_is_left_visible(hyphenated):
    path, item = hyphenated
    rendered = render(item, path, flags_for(item, VALUES))
    seen = ocr_text(rendered.pdf).lower().split()
    assert not {"jo-", "nes", "9001-", "23", "smith-", "jones", "sarah", "amy"} & set(seen), seen
    assert {"spoke", "who", "rang", "night", "brother."} <= set(seen)
    text = pdf_text(rendered.pdf)
    assert "Jo" not in text and "nes who" not in text and "who rang" in text
