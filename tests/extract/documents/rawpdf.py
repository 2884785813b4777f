"""A tiny PDF writer for fixtures that reportlab cannot make (patterns, odd boxes, broken fonts, attachments).

Objects are given as strings or bytes (``"<< /Type /Page ... >>"``) or as ``(dict_text, stream_bytes)`` for
streams; object 1 must be the catalog. Everything is invented test material.
"""

from __future__ import annotations

import io
import zlib
from pathlib import Path

from PIL import Image


def write(path: Path, objects: list[str | bytes | tuple[str, bytes]]) -> Path:
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, obj in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode())
        if isinstance(obj, tuple):
            head, data = obj
            out.write(head.encode("latin-1") if isinstance(head, str) else head)
            out.write(b"\nstream\n" if "/Length" in head else b"")
            out.write(data + b"\nendstream")
        else:
            out.write(obj.encode("latin-1") if isinstance(obj, str) else obj)
        out.write(b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    path.write_bytes(out.getvalue())
    return path


def stream(data: bytes, extra: str = "", compress: bool = True) -> tuple[str, bytes]:
    """A stream object (Flate-compressed unless told otherwise)."""
    if compress:
        data = zlib.compress(data)
        extra = f"/Filter /FlateDecode {extra}"
    return (f"<< /Length {len(data)} {extra} >>", data)


def grey_image(image: Image.Image) -> tuple[str, bytes]:
    """An 8-bit DeviceGray image XObject."""
    grey = image.convert("L")
    return stream(
        grey.tobytes(),
        f"/Type /XObject /Subtype /Image /Width {grey.width} /Height {grey.height} /ColorSpace /DeviceGray /BitsPerComponent 8",
    )


def text_ops(lines: list[str], x: float, y: float, size: float = 11, font: str = "/F1", leading: float = 16) -> str:
    """Content operators that typeset ``lines`` downwards from (x, y) with a simple font."""
    ops = [f"BT {font} {size} Tf {leading} TL {x} {y} Td"]
    for line in lines:
        escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        ops.append(f"({escaped}) Tj T*")
    ops.append("ET")
    return "\n".join(ops)


HELVETICA = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
