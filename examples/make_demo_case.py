"""Regenerate the synthetic demo case in examples/demo-case (all people and numbers invented).

Documents (text, a text-layer PDF, a scanned page image) and a small device download (a
WhatsApp export and the phone's contacts). The case roster is examples/demo-roster.yaml.

Phone numbers are Ofcom drama numbers, NHS and NI numbers are made up with valid shapes.
Run: .venv/bin/python examples/make_demo_case.py
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

HERE = Path(__file__).parent / "demo-case"

STATEMENT = """WITNESS STATEMENT (MG11)

Statement of: Hannah Okafor
Age: over 18   Occupation: retail assistant

I live at 14 Larkspur Close, Wakefield WF2 8QT with my partner Daniel Reyes.
My mobile number is 07700 900461. My National Insurance number is AB 12 34 56 C.

On Saturday evening I received a call from Marcus Bellamy on 07700 900982. He said that
Chloe Whitfield had been at the flat in Leeds LS6 2AB earlier that night. I told PC 2231 Davies
what I had heard when she visited me the next morning.

My GP surgery holds my records under NHS number 943 476 5919.
"""

NOTES = """Officer's notes - house-to-house enquiries

Spoke to neighbour Priya Raman (tel 0113 496 0123) at 16 Larkspur Close.
She gave her email as priya.raman@example.org and said she saw a silver car.
Follow-up: contact Tom Ashworth, landlord, on +44 7700 900317.
"""

REPORT_LINES = [
    "INCIDENT REPORT - SYNTHETIC DEMO",
    "",
    "Reporting officer: DS Khan",
    "Complainant: Hannah Okafor, 14 Larkspur Close, Wakefield WF2 8QT",
    "Contact: 07700 900461 / hannah.okafor@example.com",
    "",
    "Summary: the complainant reports that Marcus Bellamy sent messages",
    "to her phone between 1 and 3 March. A friend, Sophie Turner, was present",
    "when the messages were read. Sophie can be reached on 07700 900555.",
    "",
    "Medical: complainant attended her GP; NHS number 401 023 2137.",
]


WHATSAPP = """12/03/2024, 21:02 - Messages and calls are end-to-end encrypted. No one outside of this chat, not even WhatsApp, can read or listen to them.
12/03/2024, 21:04 - Hannah Okafor: hey are you still coming to the party on friday?
12/03/2024, 21:06 - Marcus Bellamy: yeah. is sophie going? tell her to text me on 07700 900555
12/03/2024, 21:07 - Hannah Okafor: not sure, ask Tom he's driving
12/03/2024, 21:09 - Marcus Bellamy: ok. send me the address
12/03/2024, 21:10 - Hannah Okafor: 22 Orchard Rise, Ossett WF5 9AB. flat 2
13/03/2024, 08:15 - Marcus Bellamy: <Media omitted>
13/03/2024, 08:16 - Marcus Bellamy: you up?
13/03/2024, 08:20 - Hannah Okafor: please stop messaging me
"""

VCARD = """BEGIN:VCARD
VERSION:3.0
FN:Sophie Turner
N:Turner;Sophie;;;
TEL;TYPE=CELL:07700 900555
EMAIL:sophie.t@example.net
END:VCARD
BEGIN:VCARD
VERSION:3.0
FN:Tom Ashworth
N:Ashworth;Tom;;;
TEL;TYPE=CELL:+44 7700 900317
END:VCARD
BEGIN:VCARD
VERSION:3.0
FN:Marcus Bellamy
N:Bellamy;Marcus;;;
TEL;TYPE=CELL:07700 900982
END:VCARD
"""

SCAN_LINES = [
    "Handwritten note (scanned)",
    "Call Priya Raman back on 0113 496 0123",
    "about the silver car seen on Friday.",
]


def write_scan(path: Path, lines: list[str]) -> None:
    """A page image as a scanner would produce it: text only as pixels, no text layer."""
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("L", (1700, 900), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=44)
    for i, line in enumerate(lines):
        draw.text((120, 120 + i * 90), line, fill=0, font=font)
    image.save(path, dpi=(200, 200))


def write_pdf(path: Path, lines: list[str]) -> None:
    canvas = Canvas(str(path), pagesize=A4, invariant=1)
    y = A4[1] - 72
    canvas.setFont("Helvetica", 11)
    for line in lines:
        canvas.drawString(72, y, line)
        y -= 16
    canvas.showPage()
    canvas.drawString(72, A4[1] - 72, "Page 2: continuation. Further enquiries with Daniel Reyes pending.")
    canvas.showPage()
    canvas.save()


def main() -> None:
    HERE.mkdir(parents=True, exist_ok=True)
    (HERE / "statement-witness-1.txt").write_text(STATEMENT, encoding="utf-8")
    (HERE / "officer-notes.txt").write_text(NOTES, encoding="utf-8")
    write_pdf(HERE / "incident-report.pdf", REPORT_LINES)
    (HERE / "WhatsApp Chat with Marcus Bellamy.txt").write_text(WHATSAPP, encoding="utf-8")
    (HERE / "contacts.vcf").write_text(VCARD.replace("\n", "\r\n"), encoding="utf-8")
    write_scan(HERE / "scanned-note.png", SCAN_LINES)


if __name__ == "__main__":
    main()
