"""'redactor verify OUT --case CASE' finds a redacted value planted in any kind of bundle file, and names the file."""

from __future__ import annotations

import io
import shutil
import zlib

import pytest
from click.testing import CliRunner
from PIL import Image, ImageDraw, ImageFont
from pypdf import PdfReader, PdfWriter
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from redactor.bundle.facts import redacted_values
from redactor.bundle.leaks import Scanner, Watch
from redactor.bundle.pictures import Picture, picture_hits, read_pictures
from redactor.case import CaseStore
from redactor.cli import main
from redactor.errors import VerificationError

pytestmark = pytest.mark.slow


def verify(out, case):
    return CliRunner().invoke(main, ["verify", str(out), "--case", str(case)], catch_exceptions=False)


@pytest.fixture(scope="module")
def secret(built):
    case, _ = built
    with CaseStore.open(case) as store:
        values = sorted(v for v, _ in redacted_values(store) if len(v) > 8 and any(c.isdigit() for c in v))
    assert values
    return values[0]


def pdf_with_text(text: str) -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, invariant=1)
    canvas.drawString(72, 720, text)
    canvas.save()
    return buffer.getvalue()


def plant_text_layer(out, value):
    (out / "items" / "S0006-001.pdf").write_bytes(pdf_with_text(f"call {value} now"))
    return "items/S0006-001.pdf"


def plant_raw_bytes(out, value):
    with open(out / "bundle.pdf", "ab") as handle:
        handle.write(f"\n% {value}\n".encode())
    return "bundle.pdf"


def plant_decoded_stream(out, value):
    data = zlib.compress(f"% {value}".encode())
    obj = b"9999 0 obj\n<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream\nendobj\n"
    with open(out / "items" / "S0001-001.pdf", "ab") as handle:
        handle.write(obj)
    assert value.encode() not in (out / "items" / "S0001-001.pdf").read_bytes()
    return "items/S0001-001.pdf"


def plant_bookmark(out, value):
    writer = PdfWriter(clone_from=PdfReader(out / "bundle.pdf"))
    writer.add_outline_item(title=f"\u2603 {value}", page_number=0)  # non-Latin title: stored as UTF-16
    with open(out / "bundle.pdf", "wb") as handle:
        writer.write(handle)
    return "bundle.pdf"


def plant_csv(out, value):
    with open(out / "index.csv", "a", encoding="utf-8") as handle:
        handle.write(f"S9999-001,{value},document\n")
    return "index.csv"


def plant_invisible(out, value):
    hidden = "\u200e".join(value)  # a left-to-right mark between every character
    with open(out / "schedule.csv", "a", encoding="utf-8") as handle:
        handle.write(f"999,S0001-001,1,,TP,{hidden}\n")
    return "schedule.csv"


def plant_file_name(out, value):
    (out / "items" / f"{value}.txt").write_text("x", encoding="utf-8")
    return "items/[file name withheld]"  # the name itself is the leak: it is not repeated


PLANTS = [plant_text_layer, plant_raw_bytes, plant_decoded_stream, plant_bookmark, plant_csv, plant_invisible, plant_file_name]


def test_a_clean_bundle_passes(built):
    case, out = built
    result = verify(out, case)
    assert result.exit_code == 0, result.output
    assert "none of" in result.output


@pytest.mark.parametrize("plant", PLANTS, ids=lambda f: f.__name__)
def test_a_planted_value_fails_and_names_the_file(built, secret, tmp_path, plant):
    case, out = built
    copy = tmp_path / "bundle"
    shutil.copytree(out, copy)
    name = plant(copy, secret)
    result = verify(copy, case)
    assert result.exit_code == 5
    assert f"leak: {name} (" in result.output
    leak_lines = [line for line in result.output.splitlines() if line.startswith("leak: ")]
    assert leak_lines and all(secret not in line for line in leak_lines)  # the report never repeats the value


def picture_of(text: str) -> Image.Image:
    image = Image.new("L", (1600, 150), 255)
    try:
        font = ImageFont.truetype("DejaVuSans.ttf", 64)
    except OSError:
        font = ImageFont.load_default(size=64)
    ImageDraw.Draw(image).text((30, 35), text, font=font, fill=0)
    return image


def plant_picture(out, value, page=2):
    """The value as pixels drawn on a page of bundle.pdf: no text layer, no bytes that spell it."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=1)
    canvas.drawImage(ImageReader(picture_of(f"call {value} now")), 60, 80, width=480, height=45)
    canvas.save()
    writer = PdfWriter(clone_from=PdfReader(out / "bundle.pdf"))
    writer.pages[page - 1].merge_page(PdfReader(io.BytesIO(buffer.getvalue())).pages[0])
    with open(out / "bundle.pdf", "wb") as handle:
        writer.write(handle)


def test_a_picture_of_a_redacted_value_fails_and_names_the_page(built, secret, tmp_path):
    case, out = built
    copy = tmp_path / "bundle"
    shutil.copytree(out, copy)
    plant_picture(copy, secret)
    case = shutil.copytree(case, tmp_path / "case")  # verify keeps its readings in the case: the shared one stays as bundled
    result = verify(copy, case)
    assert result.exit_code == 5, result.output
    leak_lines = [line for line in result.output.splitlines() if line.startswith("leak: ")]
    assert leak_lines == [line for line in leak_lines if line.startswith("leak: bundle.pdf (picture on page 2, OCR): ")]
    assert leak_lines and all(secret not in line for line in leak_lines)  # found by reading the picture alone, never repeated


def test_a_picture_is_read_once_and_every_page_that_draws_it_is_named(tmp_path):
    pictures = [Picture("items/S1.pdf", 1, "k1"), Picture("bundle.pdf", 7, "k1"), Picture("bundle.pdf", 8, "k2")]
    seen = []

    def read(paths):
        seen.extend(paths)
        return ["ring 07700 900123" if n == 0 else "nothing here" for n in range(len(paths))]

    texts = read_pictures(tmp_path, pictures, 1, read=read, draw=lambda path, index: picture_of("x"))
    assert len(seen) == 2 and set(texts) == {"k1", "k2"}
    hits = list(picture_hits(pictures, texts, Scanner([Watch("07700 900123", "phone")]).find))
    assert [(p.file, p.page, label) for p, label in hits] == [("items/S1.pdf", 1, "phone"), ("bundle.pdf", 7, "phone")]


def test_scanner_matches_whole_values_in_any_spacing():
    watch = [Watch("123", "short"), Watch("07700 900123", "phone")]
    scanner = Scanner(watch)
    assert scanner.find("flat 123") == "short" and scanner.find("flat 1234") is None
    assert scanner.find("0770 0900123") == "phone" and scanner.find("tel:07700900123") == "phone"
    assert scanner.find("digest 9af07700 900123be") is None  # inside a hex run: not a value


def test_a_picture_that_cannot_be_read_fails_the_scan(tmp_path):
    def broken(paths):
        raise RuntimeError("tesseract is missing")

    with pytest.raises(VerificationError, match="bundle.pdf page 3: its pictures could not be read by OCR"):
        read_pictures(tmp_path, [Picture("bundle.pdf", 3, "k")], 1, read=broken, draw=lambda path, index: picture_of("x"))


def test_a_batch_that_fails_is_read_page_by_page_and_the_unreadable_page_is_named(tmp_path):
    pictures = [Picture("bundle.pdf", n, f"k{n}") for n in range(1, 7)]
    calls = []

    def read(paths):  # a batch fails; pages alone are read, but for page 5's picture (10 + 5 pixels wide)
        calls.append(len(paths))
        if len(paths) > 1 or any(Image.open(p).width == 15 for p in paths):
            raise RuntimeError("tesseract failed")
        return ["text"]

    def draw(path, index):
        return Image.new("L", (11 + index, 10), 255)

    readable = [p for p in pictures if p.page != 5]
    assert read_pictures(tmp_path, readable, 1, read=read, draw=draw) == {p.key: "text" for p in readable}
    assert calls == [5, 1, 1, 1, 1, 1]  # one batch of five, then each page alone
    with pytest.raises(VerificationError, match="bundle.pdf page 5: its pictures could not be read by OCR"):
        read_pictures(tmp_path, pictures, 2, read=read, draw=draw)


def test_tesseract_reads_a_batch_as_it_reads_each_page(tmp_path):
    from redactor.bundle.pictures import ocr_texts

    paths = []
    for n, text in enumerate(["ring 07700 900123", "nothing to see", "Jo Example lives here"]):
        path = tmp_path / f"p{n}.png"
        picture_of(text).save(path)
        paths.append(str(path))
    assert ocr_texts(paths) == [ocr_texts([p])[0] for p in paths]
    assert "07700" in ocr_texts(paths)[0]
