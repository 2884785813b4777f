"""Synthetic case papers for the document tests and the benchmark.

Everything is invented: people from a fixed list, Ofcom drama numbers (07700 900xxx).
Text PDFs are typeset with reportlab; "scans" are the same lines drawn into a
greyscale image (optionally with noise) and embedded as a page-sized picture with
no text layer at all.
"""

from __future__ import annotations

import io
import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
PEOPLE = ["Sophie Turner", "Marcus Bellamy", "Priya Raman", "Declan Whitfield", "Hannah Osei"]
PHONES = ["07700 900123", "07700 900456", "07700 900789", "07700 900321"]

LINES = [
    "Statement of witness",
    f"I met {PEOPLE[0]} outside the station on Friday evening.",
    f"She gave me her number {PHONES[0]} and we walked home.",
    f"Later {PEOPLE[1]} rang from {PHONES[1]} about the party.",
    "The meeting was at 12 Larkspur Close, Wakefield WF2 8QT.",
    f"My neighbour {PEOPLE[3]} saw the car arrive at nine.",
]


def statement(seed: int = 0, lines: int = 6) -> list[str]:
    """A deterministic set of statement lines mentioning invented people and numbers."""
    rng = random.Random(seed)
    out = list(LINES)
    while len(out) < lines:
        out.append(f"On day {rng.randint(1, 28)} {rng.choice(PEOPLE)} called {rng.choice(PHONES)} twice.")
    return out[:lines]


def text_pdf(path: Path, pages: list[list[str]], size: float = 12) -> Path:
    canvas = Canvas(str(path), pagesize=A4)
    canvas.setAuthor(PEOPLE[2])
    canvas.setTitle(f"Statement of {PEOPLE[0]}")
    for lines in pages:
        y = A4[1] - 72
        canvas.setFont("Helvetica", size)
        for line in lines:
            canvas.drawString(72, y, line)
            y -= size * 1.8
        canvas.showPage()
    canvas.save()
    return path


def page_image(
    lines: list[str], dpi: int = 200, size: float = 12, noise: float = 0.0, blur: float = 0.0, page: tuple[float, float] = A4
) -> Image.Image:
    """The lines drawn as a reportlab page would place them, at ``dpi``, in greyscale."""
    scale = dpi / 72.0
    image = Image.new("L", (round(page[0] * scale), round(page[1] * scale)), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONT, round(size * scale))
    y = 72.0
    for line in lines:
        draw.text((72 * scale, y * scale), line, fill=0, font=font, anchor="ls")  # y is the baseline, as in reportlab
        y += size * 1.8
    if blur:
        image = image.filter(ImageFilter.GaussianBlur(blur))
    if noise:
        rng = random.Random(7)
        pixels = image.load()
        for _ in range(int(image.width * image.height * noise)):
            x, y2 = rng.randrange(image.width), rng.randrange(image.height)
            pixels[x, y2] = 0 if pixels[x, y2] > 128 else 255
    return image


def scanned_pdf(path: Path, pages: list[list[str]], dpi: int = 200, **kwargs) -> Path:
    """Image-only pages: no text layer, no fonts, only a picture of the text."""
    canvas = Canvas(str(path), pagesize=A4)
    for lines in pages:
        buffer = io.BytesIO()
        page_image(lines, dpi=dpi, **kwargs).save(buffer, format="PNG")
        buffer.seek(0)
        canvas.drawImage(ImageReader(buffer), 0, 0, width=A4[0], height=A4[1])
        canvas.showPage()
    canvas.save()
    return path


def mixed_pdf(path: Path, pages: list[tuple[str, list[str]]], dpi: int = 200) -> Path:
    """Pages of kind "text" or "scan" in one file."""
    canvas = Canvas(str(path), pagesize=A4)
    for kind, lines in pages:
        if kind == "scan":
            buffer = io.BytesIO()
            page_image(lines, dpi=dpi).save(buffer, format="PNG")
            buffer.seek(0)
            canvas.drawImage(ImageReader(buffer), 0, 0, width=A4[0], height=A4[1])
        else:
            y = A4[1] - 72
            canvas.setFont("Helvetica", 12)
            for line in lines:
                canvas.drawString(72, y, line)
                y -= 12 * 1.8
        canvas.showPage()
    canvas.save()
    return path


def scan_with_stamp(path: Path, lines: list[str], stamp: str = "Exhibit JD/1", dpi: int = 200) -> Path:
    """A scanned page that also carries a small real text header: the scan must still be OCR'd."""
    buffer = io.BytesIO()
    page_image(lines, dpi=dpi).save(buffer, format="PNG")
    buffer.seek(0)
    canvas = Canvas(str(path), pagesize=A4)
    canvas.drawImage(ImageReader(buffer), 0, 0, width=A4[0], height=A4[1])
    canvas.setFont("Helvetica", 8)
    canvas.drawString(450, A4[1] - 30, stamp)
    canvas.showPage()
    canvas.save()
    return path


def ocrd_scan(path: Path, lines: list[str], dpi: int = 200) -> Path:
    """A scan with an invisible text layer placed over its glyphs, as scanner software makes them."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont("DejaVuSans", FONT))
    buffer = io.BytesIO()
    page_image(lines, dpi=dpi).save(buffer, format="PNG")
    buffer.seek(0)
    canvas = Canvas(str(path), pagesize=A4)
    canvas.drawImage(ImageReader(buffer), 0, 0, width=A4[0], height=A4[1])
    y = 72.0
    for line in lines:
        text = canvas.beginText(72, A4[1] - y)
        text.setTextRenderMode(3)
        text.setFont("DejaVuSans", 12)
        text.textOut(line)
        canvas.drawText(text)
        y += 12 * 1.8
    canvas.showPage()
    canvas.save()
    return path


def image_file(path: Path, pages: list[list[str]], dpi: int = 200, fmt: str | None = None) -> Path:
    """PNG, JPEG or (multi-page) TIFF of the given pages."""
    frames = [page_image(lines, dpi=dpi) for lines in pages]
    fmt = fmt or {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".tif": "TIFF", ".tiff": "TIFF"}[path.suffix.lower()]
    extra = {"save_all": True, "append_images": frames[1:]} if len(frames) > 1 else {}
    if fmt == "JPEG":
        extra["quality"] = 92
    if fmt == "TIFF":
        extra["compression"] = "tiff_deflate"
    frames[0].save(path, format=fmt, dpi=(dpi, dpi), **extra)
    return path
