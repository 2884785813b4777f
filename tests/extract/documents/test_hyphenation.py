"""Issue 14, failure 5: words hyphenated across a line break are joined for detection and boxed line by line."""

from __future__ import annotations

import pytest

from redactor.extract.pdftext import reading
from tests.extract.documents import factory
from tests.extract.documents.helpers import extract, flags_for, ocr_text, pdf_text, render

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


# -- the same lines scanned: OCR'd words are joined the same way ------------------------------------


@pytest.mark.parametrize(
    "words, read",
    [
        ([("Sarah", 1), ("Jo-", 1), ("nes", 2), ("who", 2)], "Sarah Jones who"),
        ([("9001-", 1), ("23", 2)], "900123"),
        ([("Smith-", 1), ("Jones", 2)], "Smith-Jones"),
        ([("Smith\u00ac", 1), ("jones", 2)], "Smithjones"),  # OCR reads some hyphens as a not sign
        ([("list", 1), ("-", 1), ("next", 2)], "list -\nnext"),  # a dash on its own joins nothing
        ([("well-", 1), ("Known", 1)], "well- Known"),  # not at a line end
        ([("Jo-", 1), ("nes", 9)], "Jo-\n\nnes"),  # the next line is far below (another column, another paragraph)
    ],
)
def test_ocr_reading_joins_broken_words(words, read):
    from redactor.extract.ocr import OcrWord
    from redactor.extract.ocr_reading import reading_of

    def box(k: int, line: int) -> tuple[int, int, int, int]:
        top = 30 * line
        return (60 * k if line == 1 else 60 * (k - 1), top, 60 * k + 50, top + 20)

    ocr = [OcrWord(text, box(k, line), 95.0, (1 if line < 9 else 9, 1, line)) for k, (text, line) in enumerate(words)]
    assert "".join(sep + text for sep, text in reading_of(ocr)) == read


@pytest.fixture(scope="module")
def scanned(tmp_path_factory):
    path = factory.scanned_pdf(tmp_path_factory.mktemp("hyphen-scan") / "scan.pdf", [LINES], dpi=200)
    return path, extract(path)


@pytest.mark.slow
def test_scanned_values_are_whole_for_detection(scanned, cli, tmp_path):
    path, item = scanned
    assert item.segments[0].origin == "ocr"
    assert all(value in item.segments[0].text for value in VALUES)
    inbox = tmp_path / "in"
    inbox.mkdir()
    (inbox / "scan.pdf").write_bytes(path.read_bytes())
    cli("run", inbox, "--case", tmp_path / "case")
    rows = cli("flags", tmp_path / "case", "--format", "jsonl", "--with-text").output
    assert '"text": "Sarah Jones"' in rows and '"text": "07700 900123"' in rows  # detection reads them joined


@pytest.mark.slow
def test_scanned_halves_get_their_own_boxes_and_are_gone(scanned):
    path, item = scanned
    rendered = render(item, path, flags_for(item, VALUES))
    boxes = [r.box for r in rendered.redactions]
    assert len(boxes) == 2 * len(VALUES)  # two halves each
    for x0, y0, x1, y1 in boxes:
        assert y1 - y0 < 25, "a box is one line tall"
        assert x1 - x0 < 150, "no box spans the width of the page"
    seen = ocr_text(rendered.pdf).lower().split()
    assert not {"jo-", "nes", "9001-", "23", "smith-", "jones", "sarah", "amy"} & set(seen), seen
    assert {"spoke", "who", "rang", "night", "brother."} <= set(seen)
