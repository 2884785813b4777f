"""Synthetic inputs for the core tests (invented people; Ofcom drama numbers)."""

from __future__ import annotations

import io
from pathlib import Path

from pypdf import PdfReader, PdfWriter
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

PEOPLE = ["Sophie Turner", "Marcus Bellamy", "Priya Raman"]
PHONES = ["07700 900123", "07700 900456", "07700 900789"]

STATEMENT_LINES = [
    "Statement of a witness.",
    f"I spoke to {PEOPLE[0]} on {PHONES[0]} about the party.",
    f"Later {PEOPLE[1]} rang from {PHONES[1]} and asked for the address.",
    "The meeting was at 12 Larkspur Close, Wakefield WF2 8QT on Friday.",
]


def text_pdf(path: Path, lines: list[str], pages: int = 1, metadata: bool = True) -> Path:
    canvas = Canvas(str(path), pagesize=A4)
    if metadata:
        canvas.setAuthor(PEOPLE[2])
        canvas.setTitle(f"Statement of {PEOPLE[0]}")
        canvas.setSubject(PHONES[2])
    for page in range(pages):
        y = A4[1] - 72
        canvas.setFont("Helvetica", 11)
        for line in lines:
            canvas.drawString(72, y, line)
            y -= 18
        canvas.drawString(72, 40, f"page {page + 1}")
        canvas.showPage()
    canvas.save()
    return path


def encrypted_pdf(path: Path, source: Path) -> Path:
    writer = PdfWriter(clone_from=PdfReader(str(source)))
    writer.encrypt(user_password="secret", owner_password="owner")
    with open(path, "wb") as handle:
        writer.write(handle)
    return path


def annotated_pdf(path: Path, lines: list[str]) -> Path:
    """A text PDF with an annotation, an outline entry, an attachment and XMP metadata."""
    from pypdf.annotations import FreeText

    base = io.BytesIO()
    text_pdf_bytes = text_pdf(path, lines).read_bytes()
    base.write(text_pdf_bytes)
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(text_pdf_bytes)))
    writer.add_annotation(0, FreeText(text=f"note about {PEOPLE[2]}", rect=(50, 550, 300, 600)))
    writer.add_outline_item(title=f"Outline {PEOPLE[1]}", page_number=0)
    writer.add_attachment(f"{PEOPLE[0]}.txt", f"attached {PHONES[2]}".encode())
    with open(path, "wb") as handle:
        writer.write(handle)
    return path
