"""Synthetic files of the formats a case file holds, built by code (never real personal data).

People and numbers are invented (Ofcom drama numbers, 07700 900xxx). Each writer returns the
path it wrote; ``SECRETS`` are values each fixture holds somewhere a reader might miss
(a hidden row, a comment, a link target), so tests can check they were read and later redacted.
"""

from __future__ import annotations

import json
from pathlib import Path

from tests.documents.factory import PEOPLE, PHONES

EMAILS = ["s.turner@example.org", "m.bellamy@example.net"]


# -- tables ----------------------------------------------------------------------------------
def xlsx(path: Path, hidden: bool = True) -> Path:
    import openpyxl
    from openpyxl.comments import Comment

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Contacts"
    ws.append(["Name", "Mobile", "Note"])
    ws.append([PEOPLE[0], PHONES[0], "met at the station"])
    ws.append([PEOPLE[1], PHONES[1], 42])
    ws["B5"] = "=B2"
    if hidden:
        ws.append([PEOPLE[2], PHONES[2], "hidden row"])  # row 6
        ws.row_dimensions[6].hidden = True
        ws["E2"] = PEOPLE[3]
        ws.column_dimensions["E"].hidden = True
        ws["A3"].comment = Comment(f"ring {PHONES[3]}", "DC Hollis")
        secret = wb.create_sheet("Old")
        secret["A1"] = f"Previous address of {PEOPLE[4]}"
        secret.sheet_state = "hidden"
        ws.oddHeader.center.text = f"Prepared by {PEOPLE[4]}"
    wb.properties.creator = "DC Hollis"
    wb.save(path)
    return path


def empty_xlsx(path: Path) -> Path:
    import openpyxl

    wb = openpyxl.Workbook()
    wb.properties.creator = PEOPLE[2]
    wb.properties.title = "Blank"
    wb.save(path)
    return path


def csv_file(path: Path, delimiter: str = ",") -> Path:
    rows = [["Name", "Mobile", "Email"], [PEOPLE[0], PHONES[0], EMAILS[0]], [PEOPLE[1], PHONES[1], EMAILS[1]]]
    rows.append([f'"{PEOPLE[2]}", aka P', PHONES[2], "multi\nline"])
    text = "\n".join(delimiter.join(f'"{c.replace(chr(34), chr(34) * 2)}"' for c in row) for row in rows) + "\n"
    path.write_text(text, encoding="utf-8")
    return path


# -- markup ----------------------------------------------------------------------------------
def html(path: Path) -> Path:
    path.write_text(
        f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Chat with {PEOPLE[0]}</title>
<meta name="author" content="{PEOPLE[1]}">
<script>fetch("http://127.0.0.1:9/steal"); var x = "{PEOPLE[4]}";</script>
<style>body {{ background: url(http://127.0.0.1:9/bg.png) }}</style>
<link rel="stylesheet" href="http://127.0.0.1:9/s.css"></head>
<body><h1>Messages</h1>
<p>Hi, it&#39;s <b>{PEOPLE[0]}</b>. Ring me on {PHONES[0]}.</p>
<!-- exported for {PEOPLE[3]} -->
<ul><li>First &amp; last</li><li><a href="mailto:{EMAILS[0]}">write to me</a></li></ul>
<table><tr><th>From</th><th>Number</th></tr><tr><td>{PEOPLE[2]}</td><td>{PHONES[2]}</td></tr></table>
<img src="http://127.0.0.1:9/photo.jpg" alt="photo of {PEOPLE[1]}">
<form><input name="phone" value="{PHONES[3]}"></form>
<pre>line one
  line two</pre>
</body></html>
""",
        encoding="utf-8",
    )
    return path


def json_file(path: Path) -> Path:
    data = {"case": "C1", "witness": {"name": PEOPLE[0], "phones": [PHONES[0], PHONES[1]]}, "email": "s.turner\u0040example.org"}
    path.write_text(json.dumps(data, ensure_ascii=True), encoding="utf-8")
    return path


def xml_file(path: Path) -> Path:
    path.write_text(
        f'<?xml version="1.0" encoding="UTF-8"?>\n<export xmlns="urn:example">'
        f'<person role="witness" phone="{PHONES[0]}"><name>{PEOPLE[0]}</name>met {PEOPLE[1]}</person></export>\n',
        encoding="utf-8",
    )
    return path


XXE = '<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<r>&xxe;</r>\n'
LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
    '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>\n<r>&c;</r>\n'
)
