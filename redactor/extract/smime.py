"""S/MIME Outlook messages (``.msg``): what can be read is read, what cannot is named with the reason.

An S/MIME message keeps its content in one attachment (``smime.p7m``), a CMS structure:

- clear-signed (``IPM.Note.SMIME.MultipartSigned``): a multipart/signed MIME message; extract-msg
  reads its body and attachments (nothing to do here);
- opaque-signed (``IPM.Note.SMIME`` holding CMS SignedData): the MIME message sits inside the
  signature; it is unpacked (DER, definite lengths, the encoding Outlook writes) and extracted as
  an ``.eml`` of its own, headed with the outer message's sender, recipients and subject;
- encrypted (CMS EnvelopedData or AuthEnvelopedData): it cannot be read without the recipient's
  private key; the message's headers are read, and its content is named as not read, with why.

The CMS bytes are never put into the message's text (extract-msg would show them as the body).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

PKCS7 = bytes.fromhex("2a864886f70d0107")  # 1.2.840.113549.1.7
SIGNED, ENVELOPED = PKCS7 + b"\x02", PKCS7 + b"\x03"
AUTH_ENVELOPED = bytes.fromhex("2a864886f70d0109100117")  # 1.2.840.113549.1.9.16.1.23
ENCRYPTED_REASON = "encrypted (S/MIME): its body and attachments need the recipient's private key; not read"
UNPACK_REASON = "signed (S/MIME) content that could not be unpacked; not read"
CLASS_STREAM = "__substg1.0_001A001F"
FIRST_ATTACHMENT = "__attach_version1.0_#00000000/__substg1.0_37010102"


@dataclass(frozen=True, slots=True)
class Smime:
    kind: str  # "encrypted", "opaque-signed", "unknown"
    name: str  # the attachment that holds it
    content: bytes | None  # the signed MIME message, when it could be unpacked


def inspect(path: Path) -> Smime | None:
    """An opaque-signed or encrypted S/MIME message's content, or None for any other message."""
    import olefile

    try:
        with olefile.OleFileIO(str(path)) as ole:
            if not ole.exists(CLASS_STREAM):
                return None
            message_class = ole.openstream(CLASS_STREAM).read().decode("utf-16-le", "replace").rstrip("\x00")
            if not message_class.upper().startswith("IPM.NOTE.SMIME") or "MULTIPARTSIGNED" in message_class.upper():
                return None
            blob = ole.openstream(FIRST_ATTACHMENT).read() if ole.exists(FIRST_ATTACHMENT) else b""
    except Exception:  # noqa: BLE001 - damage is for the message reader to report
        return None
    return classify(blob)


def classify(blob: bytes) -> Smime:
    content_type = _content_type(blob)
    if content_type == SIGNED:
        return Smime("opaque-signed", "smime.p7m", unpack_signed(blob))
    if content_type in (ENVELOPED, AUTH_ENVELOPED):
        return Smime("encrypted", "smime.p7m", None)
    return Smime("unknown", "smime.p7m", None)


def reason(smime: Smime) -> str:
    """Why the S/MIME content was not read (empty when it was)."""
    if smime.kind == "encrypted":
        return ENCRYPTED_REASON
    if smime.kind == "opaque-signed":
        return "" if smime.content is not None else UNPACK_REASON
    return "S/MIME content of a kind that cannot be read (damaged or unknown); not read"


def _tlv(data: bytes, pos: int) -> tuple[int, int, int]:
    """The tag, and the start and end of the value, of the DER element at ``pos``."""
    tag, length = data[pos], data[pos + 1]
    pos += 2
    if length & 0x80:
        count = length & 0x7F
        if count == 0 or count > 4:
            raise ValueError("indefinite or huge length")
        length = int.from_bytes(data[pos : pos + count], "big")
        pos += count
    if pos + length > len(data):
        raise ValueError("truncated")
    return tag, pos, pos + length


def _content_type(blob: bytes) -> bytes | None:
    try:
        tag, start, _ = _tlv(blob, 0)
        oid_tag, oid_start, oid_end = _tlv(blob, start)
        return blob[oid_start:oid_end] if tag == 0x30 and oid_tag == 0x06 else None
    except (ValueError, IndexError):
        return None


def unpack_signed(blob: bytes) -> bytes | None:
    """The content inside CMS SignedData (ContentInfo -> [0] SignedData -> encapContentInfo -> [0] OCTET STRING)."""
    try:
        _, pos, _ = _tlv(blob, 0)  # ContentInfo
        _, _, pos = _tlv(blob, pos)  # contentType
        _, pos, _ = _tlv(blob, pos)  # [0]
        _, pos, _ = _tlv(blob, pos)  # SignedData
        _, _, pos = _tlv(blob, pos)  # version
        _, _, pos = _tlv(blob, pos)  # digestAlgorithms
        _, pos, _ = _tlv(blob, pos)  # encapContentInfo
        _, _, pos = _tlv(blob, pos)  # eContentType
        tag, pos, _ = _tlv(blob, pos)  # [0]
        if tag != 0xA0:
            return None  # detached: no content inside
        return _octets(blob, pos)
    except (ValueError, IndexError):
        return None


def _octets(blob: bytes, pos: int) -> bytes:
    """An OCTET STRING, primitive or built of primitive chunks."""
    tag, start, end = _tlv(blob, pos)
    if tag == 0x04:
        return blob[start:end]
    if tag != 0x24:
        raise ValueError("not an octet string")
    parts, pos = [], start
    while pos < end:
        _, chunk_start, chunk_end = _tlv(blob, pos)
        parts.append(blob[chunk_start:chunk_end])
        pos = chunk_end
    return b"".join(parts)


def as_eml(content: bytes, headers: dict[str, str]) -> bytes:
    """The unpacked MIME entity headed with the outer message's headers, readable as an ``.eml``."""
    head = "".join(f"{name}: {value}\r\n" for name, value in headers.items() if value and "\n" not in value)
    return head.encode("utf-8", "replace") + content
