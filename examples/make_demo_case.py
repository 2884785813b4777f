"""Regenerate the synthetic demo case in examples/demo-case (all people and numbers invented).

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


if __name__ == "__main__":
    main()
