"""Outlook ``.msg`` files built by code (MS-OXMSG over a compound file written by extract-msg's OleWriter).

Only what the reader needs is written: the property streams with their headers, string
properties as UTF-16 ``__substg1.0_XXXX001F`` streams, recipients, and attachments (a file
by value, or an attached message as an embedded storage).
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field
from pathlib import Path

from extract_msg.ole_writer import OleWriter


@dataclass(frozen=True)
class Mail:
    subject: str
    body: str
    sender: tuple[str, str]  # name, address
    to: tuple[tuple[str, str], ...]
    files: tuple[tuple[str, bytes], ...] = ()
    attached: tuple[Mail, ...] = field(default=())
    html: bytes | None = None
    message_class: str = "IPM.Note"  # IPM.Note.SMIME.MultipartSigned, IPM.Note.SMIME (encrypted) ...
    file_types: tuple[str, ...] = ()  # MIME type of each of ``files`` (PR_ATTACH_MIME_TAG), when given


def _string(w: OleWriter, base: list[str], pid: int, text: str) -> tuple[int, bytes]:
    data = text.encode("utf-16-le")
    w.addEntry([*base, f"__substg1.0_{pid:04X}001F"], data)
    return (pid << 16) | 0x001F, struct.pack("<II", len(data) + 2, 0)


def _binary(w: OleWriter, base: list[str], pid: int, data: bytes) -> tuple[int, bytes]:
    w.addEntry([*base, f"__substg1.0_{pid:04X}0102"], data)
    return (pid << 16) | 0x0102, struct.pack("<II", len(data), 0)


def _int(pid: int, value: int) -> tuple[int, bytes]:
    return (pid << 16) | 0x0003, struct.pack("<iI", value, 0)


def _props(entries: list[tuple[int, bytes]], header: bytes) -> bytes:
    return header + b"".join(struct.pack("<II", tag, 6) + value for tag, value in entries)


def _message(w: OleWriter, base: list[str], mail: Mail, top: bool) -> None:
    if not top:
        w.addEntry(base, storage=True)
    entries = [
        _string(w, base, 0x001A, mail.message_class),
        _string(w, base, 0x0037, mail.subject),
        _string(w, base, 0x0C1A, mail.sender[0]),
        _string(w, base, 0x0C1F, mail.sender[1]),
        _string(w, base, 0x0E04, "; ".join(name for name, _ in mail.to)),
    ]
    if mail.body:
        entries.append(_string(w, base, 0x1000, mail.body))
    if mail.html is not None:
        entries.append(_binary(w, base, 0x1013, mail.html))
    for i, (name, address) in enumerate(mail.to):
        rb = [*base, f"__recip_version1.0_#{i:08X}"]
        w.addEntry(rb, storage=True)
        props = [_string(w, rb, 0x3001, name), _string(w, rb, 0x39FE, address), _string(w, rb, 0x3003, address), _int(0x0C15, 1)]
        w.addEntry([*rb, "__properties_version1.0"], _props(props, b"\0" * 8))
    attachments = [(n, d, None) for n, d in mail.files] + [(f"{m.subject}.msg", b"", m) for m in mail.attached]
    for i, (name, data, inner) in enumerate(attachments):
        ab = [*base, f"__attach_version1.0_#{i:08X}"]
        w.addEntry(ab, storage=True)
        props = [_string(w, ab, 0x3707, name), _string(w, ab, 0x3704, name[:12])]
        if inner is None:
            props += [_binary(w, ab, 0x3701, data), _int(0x3705, 1)]
            if i < len(mail.file_types):
                props.append(_string(w, ab, 0x370E, mail.file_types[i]))
        else:
            _message(w, [*ab, "__substg1.0_3701000D"], inner, top=False)
            props += [((0x3701 << 16) | 0x000D, struct.pack("<II", 0xFFFFFFFF, 0)), _int(0x3705, 5)]
        w.addEntry([*ab, "__properties_version1.0"], _props(props, b"\0" * 8))
    counts = struct.pack("<IIII", len(mail.to), len(attachments), len(mail.to), len(attachments))
    w.addEntry([*base, "__properties_version1.0"], _props(entries, b"\0" * 8 + counts + (b"\0" * 8 if top else b"")))


def write_msg(path: Path, mail: Mail) -> Path:
    w = OleWriter()
    w.addEntry(["__nameid_version1.0"], storage=True)
    for stream in ("00020102", "00030102", "00040102"):
        w.addEntry(["__nameid_version1.0", f"__substg1.0_{stream}"], b"")
    _message(w, [], mail, top=True)
    w.write(str(path))
    return path
