"""A large base64 attachment is decoded from the text the parser holds in one step (``email._base64``), not through the
library's ``get_payload(decode=True)``, which copies the body as bytes, splits it into lines and joins them first
(about 4.4 times the body besides its text: a 200 MB attachment held over a gigabyte). The bytes are the library's
for every body, well-formed or not."""

from __future__ import annotations

import base64
import binascii
import email

from hypothesis import given, settings
from hypothesis import strategies as st

from redactor.extract.device import email as mail
from tests.extract.device.helpers import traced
from tests.extract.device.test_email_hostile import ATTACHED, ATTACHED_LINES, SEPARATOR, _records, attachment_mbox

CASES = {
    "plain": base64.encodebytes(bytes(range(256)) * 5).decode(),
    "one pad": base64.encodebytes(b"abcde").decode(),
    "two pads": base64.encodebytes(b"abcd").decode(),
    "crlf": base64.encodebytes(b"hello world, here" * 40).decode().replace("\n", "\r\n"),
    "no line ends": base64.b64encode(b"x" * 500).decode(),
    "empty": "",
    "blank lines": "\n\n" + base64.encodebytes(b"abc").decode() + "\n\n",
    "missing padding": "QUJDRA",
    "one too many": "QUJDR",
    "pad in the middle": "QQ==QUJD\n",
    "three pads": "QQ===\n",
    "space": "QUJD RA==\n",
    "bad character": "QUJD*RA==\n",
    "text after the padding": "QUI=\nQUJD\n",
    "8-bit": "QUJD\u00e9\n",
    "url-safe alphabet": "-_-_\n",
}


def _part(body: str, cte: str = "base64") -> email.message.EmailMessage:
    raw = f"Content-Type: application/octet-stream\nContent-Transfer-Encoding: {cte}\n\n{body}"
    return email.message_from_bytes(raw.encode("utf-8", "surrogateescape"), policy=mail.POLICY)


def test_every_body_decodes_to_the_librarys_bytes():
    for name, body in CASES.items():
        for cte in ("base64", "BASE64", "quoted-printable", "8bit"):
            part = _part(body, cte)
            assert mail._payload(part) == (part.get_payload(decode=True) or b""), (name, cte)


def test_only_well_formed_bodies_take_the_one_step_decoding():
    taken = {name for name, body in CASES.items() if mail._base64(_part(body)) is not None}
    assert taken == {"plain", "one pad", "two pads", "crlf", "no line ends", "empty", "blank lines"}


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="AQgw+/=\r\n -é", max_size=40))
def test_any_body_decodes_to_the_librarys_bytes(body):
    part = _part(body)
    assert mail._payload(part) == (part.get_payload(decode=True) or b"")


def test_a_large_attachment_is_decoded_without_the_librarys_copies(tmp_path):
    """Peak traced memory of reading a mailbox with an 8 MB base64 attachment: before, about 5.5 times the message
    (its text, then bytes, lines, joined bytes and decoded bytes); now under 3.5 times (the parser's lines as they are
    joined are the peak)."""
    path = attachment_mbox(tmp_path / "mail.mbox")
    size = path.stat().st_size
    records, peak = traced(lambda: _records(path, tmp_path / "w"))
    written = next((tmp_path / "w").rglob("*blob.bin")).read_bytes()
    assert written == ATTACHED * ATTACHED_LINES and "blob.bin" in records[-1]
    assert peak < 3.5 * size, peak / size


def _library_body(msg: email.message.EmailMessage) -> str:
    """``email._body`` as it was: the library's ``get_content``, else its bytes as UTF-8."""
    part = msg.get_body(preferencelist=("plain", "html"))
    try:
        return part.get_content()
    except (LookupError, UnicodeDecodeError, AssertionError):
        return (part.get_payload(decode=True) or b"").decode("utf-8", "replace")


def test_a_base64_text_body_reads_as_the_library_reads_it():
    texts = {**CASES, "utf-8 text": base64.encodebytes("Zoë \u5c71\u7530 \U0001f600\n".encode()).decode()}
    for name, body in texts.items():
        for charset in ("utf-8", "iso-8859-1", "x-unknown", None):
            kind = f"text/plain; charset={charset}" if charset else "text/plain"
            raw = f"Subject: s\nContent-Type: {kind}\nContent-Transfer-Encoding: base64\n\n{body}"
            msg = email.message_from_bytes(raw.encode("utf-8", "surrogateescape"), policy=mail.POLICY)
            assert mail._body(msg) == _library_body(msg), (name, charset)


QP = "Caf=C3=A9 cr=C3=A8me =3D 2 =C2=A3, na=C3=AFve r=C3=A9sum=C3=A9s for Zo=C3=AB and Ren=C3=A9e; =\n"  # a soft break
QP_CASES = {
    "plain": QP * 20,
    "crlf": (QP * 20).replace("\n", "\r\n"),
    "lower-case hex": "caf=c3=a9 =3d\n",
    "not hex": "a =ZZ b =4 c\n",
    "equals at the end": "abc=",
    "trailing spaces": "line one   \nline two\t\n",
    "soft break with spaces": "abc=  \ndef\n",
    "empty": "",
    "8-bit": "caf\u00e9 =3D\n",
    "underscores": "a_b_c\n",
}


def test_every_quoted_printable_body_decodes_to_the_librarys_bytes():
    for name, body in QP_CASES.items():
        for cte in ("quoted-printable", "Quoted-Printable", "base64"):
            part = _part(body, cte)
            assert mail._payload(part) == (part.get_payload(decode=True) or b""), (name, cte)
    taken = {name for name, body in QP_CASES.items() if mail._quoted_printable(_part(body, "quoted-printable")) is not None}
    assert taken == set(QP_CASES) - {"8-bit"}  # a body that is not ASCII: the library decodes it


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="aZ09=Ff \t\r\n_é", max_size=40))
def test_any_quoted_printable_body_decodes_to_the_librarys_bytes(body):
    part = _part(body, "quoted-printable")
    assert mail._payload(part) == (part.get_payload(decode=True) or b"")


def test_a_quoted_printable_text_body_reads_as_the_library_reads_it():
    for name, body in QP_CASES.items():
        for charset in ("utf-8", "iso-8859-1", "x-unknown", None):
            kind = f"text/plain; charset={charset}" if charset else "text/plain"
            raw = f"Subject: s\nContent-Type: {kind}\nContent-Transfer-Encoding: quoted-printable\n\n{body}"
            msg = email.message_from_bytes(raw.encode("utf-8", "surrogateescape"), policy=mail.POLICY)
            assert mail._body(msg) == _library_body(msg), (name, charset)


def test_a_large_quoted_printable_attachment_is_decoded_without_the_librarys_copy(tmp_path):
    """Peak traced memory of reading a mailbox with an 8 MB quoted-printable attachment: before, 3.6 times the message
    (its text, its copy as bytes and the decoded bytes); now 2.6 times (the parser's lines as they are joined are the
    peak, as for base64)."""
    lines = (QP * ((8 << 20) // len(QP))).encode()
    path = tmp_path / "mail.mbox"
    with open(path, "wb") as out:
        out.write(SEPARATOR + b"From: Jo <jo@example.com>\nSubject: big\nMIME-Version: 1.0\n")
        out.write(b"Content-Type: multipart/mixed; boundary=XX\n\n--XX\nContent-Type: text/plain\n\nsee attached\n--XX\n")
        out.write(b"Content-Type: application/octet-stream\nContent-Transfer-Encoding: quoted-printable\n")
        out.write(b"Content-Disposition: attachment; filename=blob.bin\n\n" + lines + b"\n--XX--\n")
    size = path.stat().st_size
    records, peak = traced(lambda: _records(path, tmp_path / "w"))
    written = next((tmp_path / "w").rglob("*blob.bin")).read_bytes()
    assert written == binascii.a2b_qp(lines) and "blob.bin" in records[-1]
    assert peak < 3 * size, peak / size
