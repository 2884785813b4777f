"""Generated PDFs with the structures real files have and simple fixtures lack (issue 14).

Each maker writes one small page: a line of real text at the top and the personal data
placed the awkward way under test (a picture inside a form, a pattern, a rotated page ...).
Everything is invented: people and Ofcom drama numbers from :mod:`tests.extract.documents.factory`.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from tests.extract.documents import factory, rawpdf

PAGE = (420.0, 320.0)  # a small page keeps OCR quick
HEADER = ["Statement of witness", "The picture below was sent by text message."]
PICTURED = [factory.PEOPLE[0], factory.PHONES[0]]  # what the picture shows
PICTURE_AT = (60.0, 150.0, 300.0, 90.0)  # x, y, width, height in points (clear of the form-space origin)


def picture(lines: list[str], size: tuple[float, float] = PICTURE_AT[2:], dpi: int = 150) -> Image.Image:
    """Lines of large dark text on white, ``size`` points at ``dpi``."""
    scale = dpi / 72.0
    image = Image.new("L", (round(size[0] * scale), round(size[1] * scale)), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(factory.FONT, round(20 * scale))
    for i, line in enumerate(lines):
        draw.text((12 * scale, (34 + 32 * i) * scale), line, fill=0, font=font, anchor="ls")
    return image


def _page(path: Path, content: str, resources: str, extra: list) -> Path:
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE[0]} {PAGE[1]}] /Resources << /Font << /F1 5 0 R >> {resources} >> "
        "/Contents 4 0 R >>",
        rawpdf.stream((rawpdf.text_ops(HEADER, 40, PAGE[1] - 40) + "\n" + content).encode("latin-1")),
        rawpdf.HELVETICA,
        *extra,
    ]
    return rawpdf.write(path, objects)


def picture_in_form(path: Path, nested: bool = False) -> Path:
    """The picture drawn by a Form XObject (optionally by a form inside a scaled form), never on the page itself."""
    x, y, w, h = PICTURE_AT
    image = rawpdf.grey_image(picture(PICTURED))
    draw_image = f"q {w} 0 0 {h} 0 0 cm /Im1 Do Q".encode()
    if not nested:
        form = rawpdf.stream(draw_image, f"/Type /XObject /Subtype /Form /BBox [0 0 {w} {h}] /Resources << /XObject << /Im1 7 0 R >> >>")
        return _page(path, f"q 1 0 0 1 {x} {y} cm /Fm1 Do Q", "/XObject << /Fm1 6 0 R >>", [form, image])
    outer = rawpdf.stream(
        b"q 1 0 0 1 20 10 cm /Fm2 Do Q",
        f"/Type /XObject /Subtype /Form /BBox [0 0 {w * 2} {h * 2}] /Matrix [0.5 0 0 0.5 0 0] /Resources << /XObject << /Fm2 8 0 R >> >>",
    )
    inner = rawpdf.stream(
        draw_image,
        f"/Type /XObject /Subtype /Form /BBox [0 0 {w} {h}] /Matrix [2 0 0 2 0 0] /Resources << /XObject << /Im1 7 0 R >> >>",
    )
    return _page(path, f"q 1 0 0 1 {x - 10} {y - 5} cm /Fm1 Do Q", "/XObject << /Fm1 6 0 R >>", [outer, image, inner])


def inline_picture(path: Path) -> Path:
    """The picture as an inline image (BI ... ID ... EI) in the page's content."""
    x, y, w, h = PICTURE_AT
    image = picture(PICTURED)
    inline = f"q {w} 0 0 {h} {x} {y} cm BI /W {image.width} /H {image.height} /CS /G /BPC 8 ID ".encode() + image.tobytes() + b"\nEI Q"
    objects_text = rawpdf.text_ops(HEADER, 40, PAGE[1] - 40).encode("latin-1") + b"\n" + inline
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE[0]} {PAGE[1]}] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        rawpdf.stream(objects_text),
        rawpdf.HELVETICA,
    ]
    return rawpdf.write(path, objects)


def picture_in_pattern(path: Path) -> Path:
    """The picture as the tile of a tiling pattern that fills a rectangle: pdfium lists no image at all."""
    x, y, w, h = PICTURE_AT
    pattern = rawpdf.stream(
        f"q {w} 0 0 {h} 0 0 cm /Im1 Do Q".encode(),
        f"/Type /Pattern /PatternType 1 /PaintType 1 /TilingType 1 /BBox [0 0 {w} {h}] /XStep {w} /YStep {h} "
        f"/Matrix [1 0 0 1 {x} {y}] /Resources << /XObject << /Im1 7 0 R >> >>",
    )
    fill = f"q /Pattern cs /P1 scn {x} {y} {w} {h} re f Q"
    return _page(path, fill, "/Pattern << /P1 6 0 R >>", [pattern, rawpdf.grey_image(picture(PICTURED))])


MEDIA = (-20.0, -30.0, 620.0, 860.0)  # an unrotated media box that does not start at 0,0 ...
CROP = (30.0, 20.0, 580.0, 842.0)  # ... and a crop box inside it


def rotated_page(path: Path, rotation: int, kind: str = "text", user_unit: float = 1.0) -> Path:
    """A page shown turned by /Rotate, with odd media and crop boxes, whose statement reads upright as shown."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import FloatObject, NameObject, RectangleObject
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    left, bottom, right, top = CROP
    lines = factory.statement(1)
    canvas = Canvas(str(path), pagesize=(MEDIA[2], MEDIA[3]))
    if kind == "scan":
        shown = factory.page_image(lines, dpi=150, page=(top - bottom, right - left))  # landscape, as a reader sees it
        stored = shown.rotate(90 if rotation == 90 else -90, expand=True)
        canvas.drawImage(ImageReader(stored), left, bottom, width=right - left, height=top - bottom)
    else:
        canvas.translate(left + 40, bottom + 40) if rotation == 90 else canvas.translate(right - 40, top - 40)
        canvas.rotate(90 if rotation == 90 else -90)
        canvas.setFont("Helvetica", 12)
        for n, line in enumerate(lines):
            canvas.drawString(0, -n * 20, line)
    canvas.showPage()
    canvas.save()
    writer = PdfWriter(clone_from=PdfReader(str(path)))
    page = writer.pages[0]
    page.mediabox = RectangleObject(MEDIA)
    page.cropbox = RectangleObject(CROP)
    page.rotate(rotation)
    if user_unit != 1.0:
        page[NameObject("/UserUnit")] = FloatObject(user_unit)
    writer.write(str(path))
    return path


def broken_text_layer(path: Path, damage: str) -> Path:
    """A typeset statement whose font's Unicode map is damaged the way real files' are.

    ``control``: every code maps to itself (small codes: control characters); ``shifted``:
    letters come out as symbols and digits ('Phone' reads like '"7+%-'); ``cjk``: each
    character comes out byte-swapped as a CJK ideograph. The page looks right; its text layer lies.
    """
    import re

    from pypdf import PdfReader, PdfWriter
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen.canvas import Canvas

    pdfmetrics.registerFont(TTFont("DejaVuSans", factory.FONT))
    canvas = Canvas(str(path), pagesize=PAGE)
    canvas.setFont("DejaVuSans", 11)
    for i, line in enumerate(factory.statement(1)[:5]):
        canvas.drawString(24, PAGE[1] - 40 - i * 20, line)
    canvas.save()
    remap = {
        "control": lambda code, uni: code,
        "shifted": lambda code, uni: uni - 0x2E if uni > 0x40 else uni,
        "cjk": lambda code, uni: (uni & 0xFF) << 8 | uni >> 8 | 0x4E00,
    }[damage]
    writer = PdfWriter(clone_from=PdfReader(str(path)))
    for font in writer.pages[0]["/Resources"]["/Font"].values():
        font = font.get_object()
        if "/ToUnicode" not in font:
            continue
        cmap = font["/ToUnicode"].get_object()
        data = re.sub(
            r"<([0-9A-Fa-f]{2})> <([0-9A-Fa-f]{4})>",
            lambda m: f"<{m.group(1)}> <{remap(int(m.group(1), 16), int(m.group(2), 16)):04X}>",
            cmap.get_data().decode("latin-1"),
        )
        cmap.set_data(data.encode("latin-1"))
    writer.write(str(path))
    return path


def scan_with_angled_note(path: Path, angle: float = 30.0) -> Path:
    """A scanned statement with a handwritten-style note written across it at an angle."""
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    page = factory.page_image(factory.statement(1), dpi=150, page=(factory.A4[0], factory.A4[1] / 2))
    scale = 150 / 72.0
    note = Image.new("L", (round(380 * scale), round(30 * scale)), 255)
    ImageDraw.Draw(note).text(
        (4, 4), "Contact Hannah Osei on 07700 900789", fill=0, font=ImageFont.truetype(factory.FONT, round(16 * scale))
    )
    turned = note.rotate(angle, expand=True, fillcolor=255)
    page.paste(turned, (round(150 * scale), round(200 * scale)))
    canvas = Canvas(str(path), pagesize=(factory.A4[0], factory.A4[1] / 2))
    canvas.drawImage(ImageReader(page.convert("RGB")), 0, 0, width=factory.A4[0], height=factory.A4[1] / 2)
    canvas.save()
    return path


def scan_with_large_type(path: Path) -> Path:
    """A scanned notice in very large type (a poster, a slide) above a line of normal text."""
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    scale = 150 / 72.0
    image = Image.new("L", (round(PAGE[0] * 2 * scale), round(PAGE[1] * 2 * scale)), 255)
    draw = ImageDraw.Draw(image)
    draw.text((30 * scale, 160 * scale), "RING", fill=0, font=ImageFont.truetype(factory.FONT, round(130 * scale)), anchor="ls")
    draw.text(
        (30 * scale, 300 * scale),
        f"or call {factory.PHONES[2]} today",
        fill=0,
        font=ImageFont.truetype(factory.FONT, round(14 * scale)),
        anchor="ls",
    )
    canvas = Canvas(str(path), pagesize=(PAGE[0] * 2, PAGE[1] * 2))
    canvas.drawImage(ImageReader(image.convert("RGB")), 0, 0, width=PAGE[0] * 2, height=PAGE[1] * 2)
    canvas.save()
    return path


EMBEDDED_NOTE = f"Note for the file: call {factory.PEOPLE[4]} on {factory.PHONES[3]}.\n"
LINK = "mailto:sophie.turner@example.org"


def pdf_with_extras(path: Path) -> Path:
    """A page with a mailto link, a file-attachment annotation, and a file in the document's EmbeddedFiles."""
    note = EMBEDDED_NOTE.encode()
    content = rawpdf.text_ops(HEADER, 40, PAGE[1] - 40).encode("latin-1")
    objects = [
        "<< /Type /Catalog /Pages 2 0 R /Names << /EmbeddedFiles << /Names [(note.txt) 7 0 R] >> >> >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE[0]} {PAGE[1]}] /Resources << /Font << /F1 5 0 R >> >> "
        "/Contents 4 0 R /Annots [9 0 R 10 0 R] >>",
        rawpdf.stream(content),
        rawpdf.HELVETICA,
        "<< /Type /EmbeddedFile /Subtype /text#2Fplain >>",  # unused (keeps numbering simple)
        "<< /Type /Filespec /F (note.txt) /UF (note.txt) /EF << /F 8 0 R >> >>",
        rawpdf.stream(note, "/Type /EmbeddedFile", compress=False),
        f"<< /Type /Annot /Subtype /Link /Rect [40 100 200 120] /Border [0 0 0] /A << /S /URI /URI ({LINK}) >> >>",
        "<< /Type /Annot /Subtype /FileAttachment /Rect [300 100 320 120] /Contents (attached) /FS 11 0 R >>",
        "<< /Type /Filespec /F (attached.txt) /UF (attached.txt) /EF << /F 12 0 R >> >>",
        rawpdf.stream(note, "/Type /EmbeddedFile", compress=False),
    ]
    return rawpdf.write(path, objects)


ANGLED = [f"Contact {factory.PEOPLE[4]} on {factory.PHONES[2]}", "Meeting moved to the library", "Bring the blue folder please"]
ANGLED_AT = (110.0, 250.0)  # points from the top left where the turned paragraph is placed
BELOW = ["Signed in the presence of the officer.", "Dated at the station front desk."]


def scan_with_angled_paragraph(path: Path, angle: float = 25.0, dpi: int = 200) -> Path:
    """A scanned statement with a short paragraph written across the middle at ``angle`` degrees
    (anticlockwise), clear of the statement lines above and the lines below."""
    from PIL import ImageChops
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    scale = dpi / 72.0
    page = factory.page_image(factory.statement(1), dpi=dpi)
    font = ImageFont.truetype(factory.FONT, round(14 * scale))
    note = Image.new("L", (round(330 * scale), round(80 * scale)), 255)
    for i, line in enumerate(ANGLED):
        ImageDraw.Draw(note).text((4 * scale, (20 + 24 * i) * scale), line, fill=0, font=font, anchor="ls")
    turned = note.rotate(angle, expand=True, fillcolor=255, resample=Image.BICUBIC)
    x, y = round(ANGLED_AT[0] * scale), round(ANGLED_AT[1] * scale)
    area = page.crop((x, y, x + turned.width, y + turned.height))
    page.paste(ImageChops.darker(area, turned), (x, y))
    draw = ImageDraw.Draw(page)
    for i, line in enumerate(BELOW):
        draw.text((72 * scale, (560 + 22 * i) * scale), line, fill=0, font=ImageFont.truetype(factory.FONT, round(12 * scale)), anchor="ls")
    canvas = Canvas(str(path), pagesize=factory.A4)
    canvas.drawImage(ImageReader(page.convert("RGB")), 0, 0, width=factory.A4[0], height=factory.A4[1])
    canvas.save()
    return path
