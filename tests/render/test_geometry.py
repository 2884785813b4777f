"""Box geometry: a redacted word is fully covered, its neighbours stay readable, no box swallows a line."""

from __future__ import annotations

import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageDraw

from redactor.extract.ocr import OCR_REVIEW, PageTask, pixels_to_page, run_task
from redactor.records import REDACT, Flag
from redactor.render.pdfpage import box_pixels, burn, label_layout
from tests.extract.documents import factory
from tests.extract.documents.helpers import extract, flags_for, page_images, pdf_text, render

pytestmark = pytest.mark.slow
TARGET = factory.PEOPLE[0]  # "Sophie Turner", on the line "I met Sophie Turner outside the station ..."
DPI = 150


def _tight_text_boxes(path, text_of_page: str, value: str) -> list[tuple[float, float, float, float]]:
    """pdfium's own glyph boxes of every character of ``value`` on page 1."""
    pdf = pdfium.PdfDocument(str(path))
    textpage = pdf[0].get_textpage()
    start = text_of_page.index(value)
    boxes = [textpage.get_charbox(i) for i in range(start, start + len(value)) if not text_of_page[i].isspace()]
    pdf.close()
    return boxes


def _tight_ocr_boxes(path, kind: str, value: str, crop) -> list[tuple[float, float, float, float]]:
    page = run_task(PageTask(kind, str(path), 0))
    convert = pixels_to_page(page, crop)
    words = value.split()
    return [convert(w.box) for w in page.words if w.text in words]


def _contains(outer, inner, eps: float = 0.01) -> bool:
    return outer[0] <= inner[0] + eps and outer[1] <= inner[1] + eps and outer[2] >= inner[2] - eps and outer[3] >= inner[3] - eps


def _overlaps(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _all_dark_outside_label(image: Image.Image, box, height_pt: float, code: str) -> tuple[int, int]:
    """Pixels under a burnt box that are not dark, outside the printed reason code (returns bad, total)."""
    px = box_pixels(box, DPI / 72.0, (0.0, height_pt, 0.0))
    placed = label_layout(ImageDraw.Draw(image), px, code)
    label = None
    if placed is not None:
        (lx, ly), font = placed
        l0, t0, l1, b1 = ImageDraw.Draw(image).textbbox((lx, ly), code, font=font)
        label = (l0 - 3, t0 - 3, l1 + 3, b1 + 3)
    grey = image.convert("L")
    bad = total = 0
    for y in range(int(px[1]) + 2, int(px[3]) - 1):
        for x in range(int(px[0]) + 2, int(px[2]) - 1):
            if label and label[0] <= x <= label[2] and label[1] <= y <= label[3]:
                continue
            total += 1
            bad += grey.getpixel((x, y)) > 70
    return bad, total


@pytest.fixture(scope="module", params=["text", "scan", "image"])
def case(request, tmp_path_factory):
    folder = tmp_path_factory.mktemp(request.param)
    lines = factory.statement(1)
    if request.param == "text":
        path = factory.text_pdf(folder / "doc.pdf", [lines])
    elif request.param == "scan":
        path = factory.scanned_pdf(folder / "doc.pdf", [lines], dpi=200)
    else:
        path = factory.image_file(folder / "doc.png", [lines], dpi=200)
    item = extract(path)
    flags = flags_for(item, [TARGET])
    rendered = render(item, path, flags, dpi=DPI)
    return request.param, path, item, flags, rendered


def test_redacted_words_are_inside_their_box(case):
    kind, path, item, flags, rendered = case
    segment = item.segments[0]
    if kind == "text":
        tight = _tight_text_boxes(path, segment.text, TARGET)
    else:
        crop = (0.0, 0.0, *segment.page_size)
        tight = _tight_ocr_boxes(path, "pdf" if kind == "scan" else "image", TARGET, crop)
    assert len(tight) >= 2
    (redaction,) = rendered.redactions
    assert all(_contains(redaction.box, t) for t in tight), (redaction.box, tight)


def test_no_box_swallows_the_line(case):
    kind, path, item, flags, rendered = case
    segment = item.segments[0]
    (redaction,) = rendered.redactions
    line = [w for w in segment.words if abs((w.box[1] + w.box[3]) / 2 - (redaction.box[1] + redaction.box[3]) / 2) < 3]
    neighbours = [w for w in line if segment.text[w.start : w.end] in ("met", "outside", "the", "station")]
    assert len(neighbours) == 4
    assert not any(_overlaps(redaction.box, w.box) for w in neighbours if segment.text[w.start : w.end] != "the")
    width = redaction.box[2] - redaction.box[0]
    line_width = max(w.box[2] for w in line) - min(w.box[0] for w in line)
    assert width < 0.35 * line_width


def test_the_box_is_solid_on_the_output_page(case):
    kind, path, item, flags, rendered = case
    (redaction,) = rendered.redactions
    (image, *_) = page_images(rendered.pdf, DPI)
    height = item.segments[0].page_size[1]
    bad, total = _all_dark_outside_label(image, redaction.box, height, redaction.code)
    assert total > 200 and bad == 0


def test_neighbours_stay_readable_and_searchable(case):
    kind, path, item, flags, rendered = case
    text = pdf_text(rendered.pdf)
    assert "met" in text and "outside the station" in text and TARGET not in text
    from tests.extract.documents.helpers import ocr_text

    seen = ocr_text(rendered.pdf)
    assert "outside" in seen and "station" in seen and "Sophie" not in seen


def test_a_span_over_two_lines_gets_one_box_per_line(tmp_path):
    path = factory.text_pdf(tmp_path / "doc.pdf", [factory.statement(1)])
    item = extract(path)
    segment = item.segments[0]
    start = segment.text.index("evening.")
    end = segment.text.index("She gave") + len("She gave")
    flag = Flag(
        Flag.make_id(segment.segment_id, start, end, "X"),
        item.item_id,
        segment.segment_id,
        start,
        end,
        "X",
        1.0,
        "t",
        {},
        "TP",
        REDACT,
        REDACT,
    )
    rendered = render(item, path, [flag])
    assert len(rendered.redactions) == 2
    first, second = sorted(rendered.redactions, key=lambda r: -r.box[1])
    assert first.box[1] >= second.box[3] - 0.5  # stacked, not one tall box
    assert "number" in pdf_text(rendered.pdf) and "Friday" in pdf_text(rendered.pdf)


def test_burn_fills_every_pixel_of_the_box():
    image = Image.new("RGB", (200, 100), (255, 255, 255))
    burn(image, [((10, 10, 60, 30), "")], 2.0, (0.0, 50.0, 0.0))
    x0, y0, x1, y1 = (int(v) for v in box_pixels((10, 10, 60, 30), 2.0, (0.0, 50.0, 0.0)))
    assert all(image.getpixel((x, y)) == (0, 0, 0) for x in range(x0, x1 + 1) for y in range(y0, y1 + 1))
    assert image.getpixel((x1 + 2, y0)) == (255, 255, 255)


def test_an_accepted_ocr_review_withholds_the_whole_page(tmp_path):
    path = factory.scanned_pdf(tmp_path / "doc.pdf", [factory.statement(1), factory.statement(2)])
    item = extract(path)
    first = item.segments[0]
    whole = Flag(
        Flag.make_id(first.segment_id, 0, len(first.text), OCR_REVIEW),
        item.item_id,
        first.segment_id,
        0,
        len(first.text),
        OCR_REVIEW,
        0.5,
        "ocr.confidence",
        {},
        "TP",
        "review",
        REDACT,
    )
    rendered = render(item, path, [whole])
    page_one, page_two = page_images(rendered.pdf, 50)
    dark = sum(page_one.convert("L").histogram()[:70]) / (page_one.width * page_one.height)
    assert dark > 0.97
    from io import BytesIO

    from pypdf import PdfReader

    first_text, second_text = (p.extract_text() for p in PdfReader(BytesIO(rendered.pdf)).pages)
    assert first_text.strip() == "" and "Statement of witness" in second_text  # the withheld page keeps no text layer
    assert rendered.redactions[0].box == pytest.approx((0, 0, *first.page_size))


def test_a_rotated_page_keeps_its_rotation_and_is_redacted(tmp_path):
    from pypdf import PdfReader, PdfWriter

    path = factory.text_pdf(tmp_path / "doc.pdf", [factory.statement(1)])
    writer = PdfWriter(clone_from=PdfReader(str(path)))
    writer.pages[0].rotate(90)
    writer.write(str(path))
    item = extract(path)
    rendered = render(item, path, flags_for(item, [TARGET]))
    from io import BytesIO

    (page,) = PdfReader(BytesIO(rendered.pdf)).pages
    assert page.rotation == 90
    assert TARGET not in page.extract_text() and "outside" in page.extract_text()


def test_a_huge_page_is_drawn_within_the_pixel_limit(tmp_path):
    from reportlab.pdfgen.canvas import Canvas

    from redactor.render.pdfpage import MAX_PIXELS

    path = tmp_path / "poster.pdf"
    canvas = Canvas(str(path), pagesize=(14400, 14400))  # the largest page PDF allows: 200 x 200 inches
    canvas.setFont("Helvetica", 400)
    canvas.drawString(500, 7000, f"Ring {factory.PHONES[0]}")
    canvas.save()
    item = extract(path)
    assert item.segments[0].origin == "pdf-text"
    rendered = render(item, path, flags_for(item, [factory.PHONES[0].split()[1]]))
    from io import BytesIO

    from pypdf import PdfReader

    xobjects = PdfReader(BytesIO(rendered.pdf)).pages[0]["/Resources"]["/XObject"]
    sizes = [int(x.get_object()["/Width"]) * int(x.get_object()["/Height"]) for x in xobjects.values()]
    assert sizes and max(sizes) <= MAX_PIXELS
    assert "900123" not in pdf_text(rendered.pdf) and "Ring" in pdf_text(rendered.pdf)
