"""Synthetic files of the formats a case file holds, built by code (never real personal data).

People and numbers are invented (Ofcom drama numbers, 07700 900xxx). Each writer returns the
path it wrote; ``SECRETS`` are values each fixture holds somewhere a reader might miss
(a hidden row, a comment, a link target), so tests can check they were read and later redacted.
"""

from __future__ import annotations

import json
from pathlib import Path

from tests.extract.documents.factory import PEOPLE, PHONES

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


def xls(path: Path) -> Path:
    """A legacy Excel workbook (BIFF8, written by xlwt): values of each kind, a hidden row, a hidden
    column and a hidden sheet, each holding personal data."""
    import datetime

    import xlwt

    wb = xlwt.Workbook()
    ws = wb.add_sheet("Contacts")
    dates = xlwt.easyxf(num_format_str="YYYY-MM-DD")
    for c, value in enumerate(["Name", "Mobile", "Email", "Born", "Calls", "Rate"]):
        ws.write(0, c, value)
    rows = [(PEOPLE[0], PHONES[0], EMAILS[0], datetime.date(1990, 4, 2), 12, 0.25), (PEOPLE[1], PHONES[1], EMAILS[1], None, 3, 1.5)]
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row):
            if value is not None:
                ws.write(r, c, value, dates if isinstance(value, datetime.date) else xlwt.Style.default_style)
    ws.write(3, 0, PEOPLE[2])  # a hidden row
    ws.write(3, 1, PHONES[2])
    ws.row(3).hidden = True
    ws.write(1, 7, "kept from view")  # a hidden column (H)
    ws.col(7).hidden = True
    ws.write(4, 0, True)
    ws.write(4, 1, xlwt.Formula('B2&""'))
    secret = wb.add_sheet("Sources")
    secret.write(0, 0, f"Informant {PEOPLE[3]} on {PHONES[3]}")
    secret.visibility = 1
    wb.save(str(path))
    return path


def locked_xls(path: Path) -> Path:
    """The workbook marked password-protected: a FILEPASS record where the first record after BOF was."""
    data = bytearray(xls(path).read_bytes())
    bof = data.find(b"\x09\x08\x10\x00")  # the workbook globals' BOF record (BIFF8, 16 bytes)
    data[bof + 20 : bof + 22] = b"\x2f\x00"  # the next record's type becomes FILEPASS (0x002F)
    path.write_bytes(bytes(data))
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


def html_utf16(path: Path, byteorder: str = "le") -> Path:
    """The chat page saved as UTF-16 with a byte order mark (Windows "Unicode"), a name with an accent in it."""
    text = html(path.with_suffix(".utf8")).read_text(encoding="utf-8").replace("<h1>Messages</h1>", "<h1>Messages from Zoë</h1>")
    path.with_suffix(".utf8").unlink()
    path.write_bytes(b"\xff\xfe" + text.encode("utf-16-le") if byteorder == "le" else b"\xfe\xff" + text.encode("utf-16-be"))
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


def _test_certificate():
    """A throwaway RSA key and self-signed certificate (invented identity) for S/MIME fixtures."""
    import datetime

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import NameOID

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Test Signer")])
    now = datetime.datetime(2024, 3, 1, tzinfo=datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(1)
        .not_valid_before(now)
        .not_valid_after(now + datetime.timedelta(days=365))
        .sign(key, hashes.SHA256())
    )
    return key, cert


def smime_msg(path: Path, kind: str) -> Path:
    """An Outlook S/MIME message: ``clear-signed`` (multipart/signed), ``opaque-signed`` (CMS SignedData
    holding the message) or ``encrypted`` (CMS EnvelopedData). The content names people and numbers."""
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.serialization import pkcs7

    from tests.extract.outlook import Mail, write_msg

    inner = (
        "Content-Type: multipart/mixed; boundary=XYZ\r\n\r\n--XYZ\r\nContent-Type: text/plain\r\n\r\n"
        f"Please call {PEOPLE[2]} on {PHONES[2]}.\r\n--XYZ\r\nContent-Type: text/plain\r\n"
        f'Content-Disposition: attachment; filename="inner.txt"\r\n\r\ninner signed note {PHONES[3]}\r\n--XYZ--\r\n'
    ).encode()
    if kind == "clear-signed":
        blob, mime, cls = signed_eml(path.with_suffix(".eml")).read_bytes(), "multipart/signed", "IPM.Note.SMIME.MultipartSigned"
    else:
        key, cert = _test_certificate()
        if kind == "opaque-signed":
            builder = pkcs7.PKCS7SignatureBuilder().set_data(inner).add_signer(cert, key, hashes.SHA256())
            blob = builder.sign(serialization.Encoding.DER, [pkcs7.PKCS7Options.Binary])
        else:
            blob = pkcs7.PKCS7EnvelopeBuilder().set_data(inner).add_recipient(cert).encrypt(serialization.Encoding.DER, [])
        mime, cls = "application/pkcs7-mime", "IPM.Note.SMIME"
    mail = Mail(
        f"Secure note ({kind})",
        "",
        (PEOPLE[0], EMAILS[0]),
        ((PEOPLE[1], EMAILS[1]),),
        files=(("smime.p7m", blob),),
        message_class=cls,
        file_types=(mime,),
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

    from tests.extract.documents.factory import page_image

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

    from tests.extract.documents.factory import page_image

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
