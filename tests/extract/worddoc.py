"""Legacy Word ``.doc`` files built by code: the smallest Word 97 binary catdoc reads.

A compound file (written by extract-msg's OleWriter) with a ``WordDocument`` stream that starts
with a File Information Block (FIB: magic 0xA5EC, nFib 193, the 1Table flag, the text's
extent) followed by the text as 8-bit characters, and a ``1Table`` stream holding the piece
table (CLX) that maps the text. The stream is padded past 4096 bytes so it lives in regular
sectors, as Word writes it.
"""

from __future__ import annotations

import struct
from pathlib import Path

from extract_msg.ole_writer import OleWriter

TEXT_AT = 0x800
F_ENCRYPTED = 0x0100


def write_doc(path: Path, text: str, encrypted: bool = False, complex_: bool = False) -> Path:
    body = text.replace("\n", "\r").encode("cp1252")
    fib = bytearray(TEXT_AT)
    struct.pack_into("<HHHH", fib, 0, 0xA5EC, 0x00C1, 0x6027, 0x0809)  # wIdent, nFib, nProduct, lid (en-GB)
    flags = 0x0200 | (0x0004 if complex_ else 0) | (F_ENCRYPTED if encrypted else 0)  # 1Table, fast-saved, encrypted
    struct.pack_into("<H", fib, 0x0A, flags)
    struct.pack_into("<H", fib, 0x0C, 0x00BF)
    struct.pack_into("<II", fib, 0x18, TEXT_AT, TEXT_AT + len(body))  # fcMin, fcMac
    struct.pack_into("<H", fib, 0x20, 14)
    struct.pack_into("<H", fib, 0x3E, 22)
    struct.pack_into("<I", fib, 0x40, TEXT_AT + len(body))  # cbMac
    struct.pack_into("<I", fib, 0x4C, len(body))  # ccpText
    struct.pack_into("<H", fib, 0x98, 93)
    piece = struct.pack("<HIH", 0, (TEXT_AT * 2) | 0x40000000, 0)  # 8-bit text at TEXT_AT
    plc = struct.pack("<II", 0, len(body)) + piece
    clx = b"\x02" + struct.pack("<I", len(plc)) + plc
    struct.pack_into("<II", fib, 0x01A2, 0x200, len(clx))  # fcClx, lcbClx in the table stream
    word = bytes(fib) + body + b"\x00" * max(0, 8192 - len(fib) - len(body))
    writer = OleWriter()
    writer.addEntry(["WordDocument"], word)
    writer.addEntry(["1Table"], b"\x00" * 0x200 + clx)
    writer.write(str(path))
    return path
