"""Generated PDFs with the structures the real-world corpus (benchmarks/bench_corpus.py) tripped on.

Each is written object by object, so the structure under test is exactly what the file holds.
"""

from __future__ import annotations

from pathlib import Path

A4 = (595.28, 841.89)


def raw_pdf(path: Path, objects: list[bytes]) -> Path:
    """A PDF of ``objects`` (object 1 is the catalog) with a correct xref table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(out))
    return path


def inherited_mediabox_pdf(path: Path, lines: list[tuple[float, str]], size: tuple[float, float] = A4) -> Path:
    """One page whose /MediaBox sits on the /Pages node only (inherited), as many producers write it.

    ``lines`` are (baseline y in points from the bottom, text) in 14 pt Helvetica at x = 60.
    """
    content = " ".join(f"BT /F1 14 Tf 60 {y} Td ({text}) Tj ET" for y, text in lines).encode()
    return raw_pdf(
        path,
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 /MediaBox [0 0 %.2f %.2f] >>" % size,
            b"<< /Type /Page /Parent 2 0 R /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
            b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ],
    )


def table_beside_picture_pdf(path: Path, cells: list[list[str]]) -> Path:
    """A text page (real text layer) with a dark picture and a ruled table below, like an
    exported Google Doc: the picture makes the page OCR'd, and OCR skips ruled table cells."""
    from PIL import Image, ImageDraw
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(str(path), pagesize=A4)
    canvas.setFont("Helvetica", 18)
    canvas.drawString(72, 770, "Example document")
    canvas.setFont("Helvetica", 10)
    for line in range(8):
        canvas.drawString(72, 740 - 14 * line, "Beautiful is better than ugly. Explicit is better than implicit.")
    picture = Image.new("RGB", (128, 128), "white")
    draw = ImageDraw.Draw(picture)
    draw.ellipse((10, 10, 118, 118), fill=(40, 90, 20))
    draw.rectangle((40, 50, 90, 80), fill="black")
    canvas.drawImage(ImageReader(picture), 430, 640, 90, 90)
    top, left, width, height = 560, 60, 95, 22
    for r, row in enumerate(cells):
        for k, text in enumerate(row):
            canvas.rect(left + k * width, top - (r + 1) * height, width, height)
            canvas.drawString(left + k * width + 5, top - (r + 1) * height + 7, text)
    canvas.save()
    return path


def hairline_form_pdf(path: Path, width: float = 0.4) -> Path:
    """A form-like page of thin rules and empty field frames (LaTeX booktabs, LibreOffice forms):
    its ink is mostly lines a fraction of a point wide."""
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(str(path), pagesize=A4)
    canvas.setFont("Helvetica", 16)
    canvas.drawString(150, 780, "Example for a Form")
    canvas.setFont("Helvetica", 8)
    canvas.setLineWidth(width)
    for row in range(12):
        y = 740 - row * 22
        canvas.drawString(60, y + 3, f"Field {row + 1}")
        canvas.rect(120, y, 110, 14)
        canvas.rect(260, y, 160, 14)
        canvas.line(60, y - 4, 520, y - 4)
    canvas.save()
    return path
