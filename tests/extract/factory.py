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


# -- Outlook ---------------------------------------------------------------------------------
def msg(path: Path, html_only: bool = False) -> Path:
    from tests.extract.outlook import Mail, write_msg

    forwarded = Mail(
        "Fwd: photos",
        f"Forwarded from {PEOPLE[3]}, mobile {PHONES[2]}",
        (PEOPLE[3], "d.whitfield@example.com"),
        ((PEOPLE[0], EMAILS[0]),),
        files=(("inner.txt", f"inner note {PHONES[3]}".encode()),),
    )
    body = f"Hi {PEOPLE[1]}, call me on {PHONES[0]}."
    mail = Mail(
        "Meeting on Friday",
        "" if html_only else body,
        (PEOPLE[0], EMAILS[0]),
        ((PEOPLE[1], EMAILS[1]),),
        files=(("note.txt", f"attached note, ring {PHONES[1]}".encode()),),
        attached=(forwarded,),
        html=f"<html><body><p>{body}</p></body></html>".encode() if html_only else None,
    )
    return write_msg(path, mail)


def signed_eml(path: Path) -> Path:
    """An S/MIME-style signed message: multipart/signed wrapping multipart/mixed (body + attachment) and a signature."""
    from email.mime.application import MIMEApplication
    from email.mime.multipart import MIMEMultipart
    from email.mime.text import MIMEText

    inner = MIMEMultipart("mixed")
    inner.attach(MIMEText(f"Please see the note, {PEOPLE[1]}. {PHONES[0]}"))
    note = MIMEApplication(f"attached note: ring {PHONES[1]}".encode(), "octet-stream")
    note.add_header("Content-Disposition", "attachment", filename="note.txt")
    inner.attach(note)
    nested = MIMEMultipart("mixed")  # a multipart within the multipart: opened too
    deeper = MIMEApplication(f"deeper note {PHONES[2]}".encode(), "octet-stream")
    deeper.add_header("Content-Disposition", "attachment", filename="deeper.txt")
    nested.attach(deeper)
    inner.attach(nested)
    signed = MIMEMultipart("signed", protocol="application/pkcs7-signature", micalg="sha-256")
    signed.attach(inner)
    signature = MIMEApplication(b"\x30\x82\x01\x00 not a real signature", "pkcs7-signature", name="smime.p7s")
    signature.add_header("Content-Disposition", "attachment", filename="smime.p7s")
    signed.attach(signature)
    signed["From"] = f"{PEOPLE[0]} <{EMAILS[0]}>"
    signed["To"] = f"{PEOPLE[1]} <{EMAILS[1]}>"
    signed["Subject"] = "Signed note"
    signed["Date"] = "Fri, 01 Mar 2024 09:15:02 +0000"
    signed["Message-ID"] = "<signed-1@example.org>"
    path.write_bytes(signed.as_bytes())
    return path


# -- RTF -------------------------------------------------------------------------------------
def _png(lines: list[str]) -> bytes:
    import io

    from tests.documents.factory import page_image

    buffer = io.BytesIO()
    page_image(lines, dpi=100).save(buffer, format="PNG")
    return buffer.getvalue()


def rtf(path: Path, picture: bool = True) -> Path:
    picture_group = ""
    if picture:
        hexdata = _png([f"Call {PHONES[3]}"]).hex()
        picture_group = "{\\pict\\pngblip\\picw100\\pich50 " + "\n".join(hexdata[i : i + 128] for i in range(0, len(hexdata), 128)) + "}"
    body = (
        "{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0\\fswiss Helvetica;}}{\\colortbl;\\red255\\green0\\blue0;}\n"
        "{\\*\\generator Synthetic 1.0;}"
        f"{{\\info{{\\title Statement}}{{\\author {PEOPLE[4]}}}{{\\operator DC Hollis}}}}\n"
        f"\\pard Statement of {PEOPLE[0]}.\\par\n"
        f"She rang me on {PHONES[0]}. Caf\\'e9 \\u8364? r\\u233\\'e9sum\\'e9\\par\n"
        "\\trowd\\cellx2000\\cellx4000\\intbl Name\\cell " + PEOPLE[1] + "\\cell\\row\n"
        '{\\field{\\*\\fldinst{HYPERLINK "mailto:' + EMAILS[0] + '"}}{\\fldrslt{write to me}}}\\par\n'
        "See the note{\\*\\atnid SA}{\\*\\atnauthor Sgt Ames}\\chatn{\\*\\annotation{\\pard ring " + PHONES[2] + "}}.\\par\n"
        "{\\v hidden " + PHONES[1] + "}\\par\n" + picture_group + "}\n"
    )
    path.write_bytes(body.encode("ascii"))
    return path


# -- HEIC ------------------------------------------------------------------------------------
def heic(path: Path, lines: list[str] | None = None) -> Path:
    import pillow_heif

    from tests.documents.factory import page_image

    image = page_image(lines or [f"Call {PHONES[3]} tonight"], dpi=150).convert("RGB")
    pillow_heif.from_pillow(image).save(str(path), quality=95)
    return path


# -- legacy Word -------------------------------------------------------------------------------
def doc(path: Path, encrypted: bool = False) -> Path:
    from tests.extract.worddoc import write_doc

    text = f"Statement of {PEOPLE[0]}.\nShe rang me on {PHONES[0]} and wrote to {EMAILS[0]}.\nMy neighbour {PEOPLE[3]} saw it.\n"
    return write_doc(path, text, encrypted)


# -- Word files with no text, or with an Excel sheet inside ------------------------------------
def docx_without_text(path: Path, picture: bool) -> Path:
    import io

    import docx

    doc = docx.Document()
    doc.core_properties.author = PEOPLE[2]
    doc.core_properties.title = f"Notes on {PEOPLE[3]}"
    if picture:
        buffer = io.BytesIO(_png([f"Call {PHONES[3]}"]))
        doc.add_picture(buffer)
    doc.save(path)
    return path


def docx_with_sheet(path: Path, tmp: Path) -> Path:
    """A Word file with an Excel workbook embedded as Word 2007+ does (word/embeddings/*.xlsx)."""
    import zipfile

    import docx

    doc = docx.Document()
    doc.add_paragraph("The call list is attached below.")
    doc.save(path)
    sheet = xlsx(tmp / "embedded-source.xlsx", hidden=False)
    with zipfile.ZipFile(path, "a") as zf:
        zf.write(sheet, "word/embeddings/Microsoft_Excel_Worksheet.xlsx")
    sheet.unlink()
    return path
