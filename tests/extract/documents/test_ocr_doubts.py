"""Issue 14, failures 6 and 8: OCR that reads badly is reviewed, and boxes fit the words.

Ink that OCR does not read (upright or turned to its angle) is accounted for by no word, so
the page goes to review instead of being disclosed with it in clear; a note at an angle is read turned.
Word boxes are stretched to their line only by the page's typical word height, so a tall
(slanted) word never grows into the paragraphs around it. Very large type goes to review.
"""

from __future__ import annotations

import pytest

from redactor.extract.ocr import OcrPage, OcrWord, layout, pixels_to_page
from tests.extract.documents import factory, oddities
from tests.extract.documents.helpers import extract, flags_for, ocr_text, render


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
def test_a_note_written_at_an_angle_is_read_with_fitted_boxes_and_redacted(tmp_path):
    """The note used to go to review (unread ink); it is now read turned upright (ocr_angled.py) and its
    words are boxed piece by piece along the slant (see test_angled_text.py for the full OCR proof)."""
    path = oddities.scan_with_angled_note(tmp_path / "doc.pdf")
    item = extract(path)
    values = [factory.PEOPLE[4], factory.PHONES[2]]
    assert all(v in item.segments[0].text for v in values)
    assert item.meta["review_pages"] == []
    assert max(w.box[3] - w.box[1] for w in item.segments[0].words) < 30, "no box taller than a turned piece of a word"
    rendered = render(item, path, flags_for(item, values))
    seen = ocr_text(rendered.pdf)
    assert "Statement" in seen and "Larkspur" in seen


@pytest.mark.slow
def test_very_large_type_goes_to_review_and_is_redacted(tmp_path):
    path = oddities.scan_with_large_type(tmp_path / "doc.pdf")
    item = extract(path)
    assert [e["reason"] for e in item.meta["review_pages"]] == ["very large type"]
    rendered = render(item, path, flags_for(item, [factory.PHONES[2]]))
    seen = ocr_text(rendered.pdf)
    assert "900789" not in seen and "07700" not in seen and "RING" in seen
