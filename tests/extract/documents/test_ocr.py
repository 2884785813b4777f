"""OCR: known text on rendered images comes back with boxes where it was drawn, confidences,
review for poor pages, one thread per tesseract, pages in parallel, and failures that fail closed."""

from __future__ import annotations

import os
import threading
import time

import pypdfium2 as pdfium
import pytest
from PIL import ImageDraw, ImageFont
from pypdf import PdfReader, PdfWriter
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from redactor.errors import StageError
from redactor.extract import ocr
from redactor.extract.ocr import NO_TEXT_NOTE, OCR_REVIEW, OcrPage, OcrWord, PageTask, layout, pixels_to_page, review_findings
from tests.extract.documents import factory
from tests.extract.documents.helpers import extract

pytestmark = pytest.mark.slow


def test_known_words_come_back_where_they_were_drawn(tmp_path):
    lines = factory.statement(1)
    dpi = 200
    path = factory.image_file(tmp_path / "page.png", [lines], dpi=dpi)
    page = ocr.run_task(PageTask("image", str(path), 0))
    font = ImageFont.truetype(factory.FONT, round(12 * dpi / 72))
    draw = ImageDraw.Draw(factory.page_image([], dpi=dpi))
    # "Sophie" on line 2: where PIL drew it
    prefix, target = "I met ", "Sophie"
    x = 72 * dpi / 72 + draw.textlength(prefix, font=font)
    baseline = (72 + 12 * 1.8) * dpi / 72
    expected = font.getbbox(target, anchor="ls")
    expected = (x + expected[0], baseline + expected[1], x + expected[2], baseline + expected[3])
    (word,) = [w for w in page.words if w.text == target]
    assert abs(word.box[0] - expected[0]) <= 4 and abs(word.box[2] - expected[2]) <= 4
    assert abs(word.box[1] - expected[1]) <= 4 and abs(word.box[3] - expected[3]) <= 4
    assert word.conf > 80
    assert page.mean_conf > 80 and page.review_reason() is None


def test_layout_offsets_index_the_text_and_lines_break():
    words = (
        OcrWord("Call", (10, 10, 50, 30), 95, (1, 1, 1)),
        OcrWord("Sophie", (60, 10, 120, 30), 40, (1, 1, 1)),
        OcrWord("Later", (10, 50, 60, 70), 90, (1, 1, 2)),
        OcrWord("Footer", (10, 500, 80, 520), 90, (2, 1, 1)),
    )
    page = OcrPage(600, 800, 2.0, 0, words, 0.05)
    text, out = layout(page, pixels_to_page(page, (0, 0, 300, 400)))
    assert text == "Call Sophie\nLater\n\nFooter"
    assert [text[w.start : w.end] for w in out] == ["Call", "Sophie", "Later", "Footer"]
    assert [w.conf for w in out] == [95, 40, 90, 90]  # low-confidence words are kept
    call = out[0].box  # pixels (10..50, 10..30) at 2 px/pt, stretched to the line and padded, in PDF points
    assert call[0] < 5 and call[2] > 25 and call[1] < 385 and call[3] > 395


@pytest.mark.parametrize("rotation", [0, 90, 180, 270])
def test_pixel_boxes_map_back_to_the_unrotated_page(rotation):
    # a point at (x=100, y=700) on a 600x800 pt page, drawn at 1 px/pt, then turned clockwise
    w, h = 600, 800
    x, y_top = 100, 100  # pixel position on the unturned image
    turned = {0: (x, y_top), 90: (h - y_top, x), 180: (w - x, h - y_top), 270: (y_top, w - x)}[rotation]
    size = (w, h) if rotation in (0, 180) else (h, w)
    page = OcrPage(size[0], size[1], 1.0, rotation, ())
    box = pixels_to_page(page, (0, 0, w, h))((turned[0], turned[1], turned[0], turned[1]))
    assert box[0] == pytest.approx(100) and box[1] == pytest.approx(700)


def test_a_sideways_scan_with_rotate_is_read_upright(tmp_path):
    lines = factory.statement(1)
    image = factory.page_image(lines, dpi=150).rotate(90, expand=True)  # drawn sideways ...
    path = tmp_path / "sideways.pdf"
    canvas = Canvas(str(path), pagesize=(factory.A4[1], factory.A4[0]))
    canvas.drawImage(ImageReader(image), 0, 0, width=factory.A4[1], height=factory.A4[0])
    canvas.save()
    writer = PdfWriter(clone_from=PdfReader(str(path)))
    writer.pages[0].rotate(90)  # ... and shown upright by /Rotate
    writer.write(str(path))
    item = extract(path)
    segment = item.segments[0]
    assert factory.PHONES[0] in segment.text
    # every word box lies on ink of the unrotated page
    pdf = pdfium.PdfDocument(str(path))
    page = pdf[0]
    page.set_rotation(0)
    grey = page.render(scale=1.0, grayscale=True).to_pil().convert("L")
    top = page.get_cropbox()[3]
    for word in segment.words[:10]:
        x0, y0, x1, y1 = word.box
        crop = grey.crop((int(x0), int(top - y1), int(x1) + 1, int(top - y0) + 1))
        assert crop.getextrema()[0] < 100, segment.text[word.start : word.end]
    pdf.close()


@pytest.mark.parametrize(
    "noise, blur, words, reason",
    [
        (0.0, 0.0, True, None),
        (0.05, 1.0, True, "low OCR confidence"),
        (0.0, 2.5, True, "low OCR confidence"),
    ],
    ids=["clean", "noisy", "blurred"],
)
def test_poor_pages_go_to_review(tmp_path, noise, blur, words, reason):
    image = factory.page_image(factory.statement(1), dpi=100, noise=noise, blur=blur)
    path = tmp_path / "page.png"
    image.save(path, dpi=(100, 100))
    page = ocr.run_task(PageTask("image", str(path), 0))
    assert bool(page.words) is words
    assert page.review_reason() == reason


def test_a_page_with_ink_but_no_words_goes_to_review_and_a_blank_one_does_not():
    empty_ink = OcrPage(100, 100, 1.0, 0, (), ink=0.2)
    blank = OcrPage(100, 100, 1.0, 0, (), ink=0.0)
    assert empty_ink.review_reason() and blank.review_reason() is None
    assert layout(empty_ink, pixels_to_page(empty_ink, (0, 0, 100, 100))) == (NO_TEXT_NOTE, ())
    assert layout(blank, pixels_to_page(blank, (0, 0, 100, 100))) == ("", ())


def test_review_pages_become_whole_page_findings(tmp_path):
    image = factory.page_image(factory.statement(1), dpi=100, noise=0.05, blur=1.0)
    good = factory.page_image(factory.statement(2), dpi=100)
    path = tmp_path / "two.tif"
    good.save(path, format="TIFF", save_all=True, append_images=[image], dpi=(100, 100))
    item = extract(path)
    assert [e["page"] for e in item.meta["review_pages"]] == [2]
    (finding,) = review_findings(item)
    segment = item.segments[1]
    assert (finding.segment_id, finding.start, finding.end, finding.entity) == (segment.segment_id, 0, len(segment.text), OCR_REVIEW)
    assert "withholds the whole page" in finding.explanation["reason"]


def test_tesseract_runs_with_one_thread(monkeypatch, tmp_path):
    import pytesseract

    seen = []

    def fake(image, **kwargs):
        seen.append(os.environ.get("OMP_THREAD_LIMIT"))
        return {k: [] for k in ("text", "level", "left", "top", "width", "height", "conf", "block_num", "par_num", "line_num")}

    monkeypatch.setattr(pytesseract, "image_to_data", fake)
    monkeypatch.setenv("OMP_THREAD_LIMIT", "8")
    path = factory.image_file(tmp_path / "p.png", [["hello"]])
    ocr.run_task(PageTask("image", str(path), 0))
    assert seen == ["1"]


def test_pages_run_in_parallel_and_stay_in_order(monkeypatch):
    running, peak, lock = [0], [0], threading.Lock()

    def fake(task, settings=ocr.DEFAULT):
        with lock:
            running[0] += 1
            peak[0] = max(peak[0], running[0])
        time.sleep(0.2)
        with lock:
            running[0] -= 1
        return OcrPage(task.index + 1, 1, 1.0, 0, ())

    monkeypatch.setattr(ocr, "run_task", fake)
    pages = ocr.ocr_pages([PageTask("pdf", "x.pdf", i) for i in range(6)])
    assert [p.width for p in pages] == [1, 2, 3, 4, 5, 6]
    assert peak[0] == min(ocr.MAX_WORKERS, os.cpu_count() or 1)


def test_an_ocr_failure_fails_the_source(monkeypatch, tmp_path):
    def broken(image_path, settings=ocr.DEFAULT):
        raise RuntimeError("tesseract crashed")

    monkeypatch.setattr(ocr, "tesseract_words", broken)
    path = factory.scanned_pdf(tmp_path / "scan.pdf", [factory.statement(1)])
    with pytest.raises(StageError, match=r"scan\.pdf: OCR failed on page 1"):
        extract(path)


def test_real_tesseract_is_installed():
    import pytesseract

    assert pytesseract.get_tesseract_version().major >= 4
    assert "eng" in pytesseract.get_languages()


@pytest.mark.parametrize("angle", [90, 180, 270])
def test_a_page_scanned_sideways_is_turned_read_and_redacted(tmp_path, angle):
    from tests.extract.documents.helpers import flags_for, leaks, render

    path = tmp_path / "sideways.png"
    factory.page_image(factory.statement(1, lines=12), dpi=200).rotate(angle, expand=True).save(path, dpi=(200, 200))
    item = extract(path)
    segment = item.segments[0]
    assert factory.PHONES[0] in segment.text and item.meta["review_pages"] == []
    stored = factory.page_image([], dpi=200).rotate(angle, expand=True).size
    assert segment.page_size == pytest.approx((stored[0] * 72 / 200, stored[1] * 72 / 200), abs=1)
    from PIL import Image

    original = Image.open(path).convert("L")
    scale = 200 / 72
    height = segment.page_size[1]
    for word in segment.words[:8]:  # every box lies on ink of the frame as stored
        x0, y0, x1, y1 = word.box
        crop = original.crop((int(x0 * scale), int((height - y1) * scale), int(x1 * scale) + 1, int((height - y0) * scale) + 1))
        assert crop.getextrema()[0] < 100, segment.text[word.start : word.end]
    rendered = render(item, path, flags_for(item, [factory.PHONES[0], factory.PEOPLE[0]]))
    assert leaks(rendered.pdf, [factory.PHONES[0], factory.PEOPLE[0]], ocr=False) == []
