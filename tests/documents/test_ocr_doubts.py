"""Issue 14, failures 6 and 8: OCR that reads badly is reviewed, and boxes fit the words.

A note written across a scan at an angle is not read by OCR: its ink is accounted for by
no word, so the page goes to review instead of being disclosed with the note in clear.
Word boxes are stretched to their line only by the page's typical word height, so a tall
(slanted) word never grows into the paragraphs around it. Very large type goes to review.
"""

from __future__ import annotations

import pytest

from redactor.extract.ocr import OcrPage, OcrWord, layout, pixels_to_page
from tests.documents import factory, oddities
from tests.documents.helpers import extract, flags_for, ocr_text, render


def _page(words: list[OcrWord]) -> OcrPage:
    return OcrPage(2000, 2000, 1.0, 0, tuple(words), ink=0.05)


def test_a_slanted_word_is_not_stretched_into_its_neighbours():
    words = [OcrWord(f"w{i}", (100 + 60 * i, 500, 150 + 60 * i, 520), 95.0, (1, 1, 1)) for i in range(8)]
    slanted = OcrWord("Hannah", (600, 200, 900, 560), 95.0, (1, 1, 1))  # same line, box 360 px tall
    _, laid = layout(_page([*words, slanted]), pixels_to_page(_page([]), (0, 0, 2000, 2000)))
    boxes = [w.box for w in laid]
    for box in boxes[: len(words)]:
        assert box[3] - box[1] <= 3 * 20 + 20, "a normal word stays within a line above and below"
    tall = boxes[-1]
    assert tall[3] - tall[1] <= 360 + 2 * 20 + 20, "the slanted word grows by a line at most"


@pytest.mark.parametrize(
    "words, reason",
    [
        ([OcrWord("RING", (0, 0, 300, 200), 96.0, (1, 1, 1))] * 3, "very large type"),
        ([OcrWord("Hannah", (0, 0, 36, 30), 96.0, (1, 1, 1))] * 3, "text at an angle (word boxes are loose)"),
        ([OcrWord("Statement", (0, 0, 24, 170), 96.0, (1, 1, 1))] * 3, None),  # vertical text, read as such
        ([OcrWord("word", (0, 0, 40, 12), 96.0, (1, 1, 1))] * 3, None),
    ],
    ids=["large-type", "slanted", "vertical", "plain"],
)
def test_review_reasons(words, reason):
    assert _page(words).review_reason() == reason


def test_unread_ink_sends_the_page_to_review():
    page = OcrPage(100, 100, 1.0, 0, (OcrWord("word", (0, 0, 40, 12), 96.0, (1, 1, 1)),) * 3, ink=0.05, unread=0.2)
    assert page.review_reason().startswith("ink that OCR did not read")


@pytest.mark.slow
def test_a_note_written_at_an_angle_goes_to_review(tmp_path):
    path = oddities.scan_with_angled_note(tmp_path / "doc.pdf")
    item = extract(path)
    (entry,) = item.meta["review_pages"]
    assert entry["reason"].startswith("ink that OCR did not read")
    assert max(w.box[3] - w.box[1] for w in item.segments[0].words) < 40, "no box taller than a line or two"


@pytest.mark.slow
def test_very_large_type_goes_to_review_and_is_redacted(tmp_path):
    path = oddities.scan_with_large_type(tmp_path / "doc.pdf")
    item = extract(path)
    assert [e["reason"] for e in item.meta["review_pages"]] == ["very large type"]
    rendered = render(item, path, flags_for(item, [factory.PHONES[2]]))
    seen = ocr_text(rendered.pdf)
    assert "900789" not in seen and "07700" not in seen and "RING" in seen
