"""Boxes on page images land on the words for PDF pages whose MediaBox or CropBox does not start at 0,0.

The PDFs are written here by hand: one page whose only ink is a name, placed in user space far from
the origin. The page is drawn as the review app draws it and the flag's box, in pixels, must cover
the name's ink and nothing else on the page may be ink.
"""

from __future__ import annotations

import io

import pytest
from PIL import Image

from redactor.extract.pdf import _text_pages
from redactor.records import Flag
from redactor.review import images, queries

NAME = "Jane Whitlock"


def _pdf(media: tuple[int, int, int, int], crop: tuple[int, int, int, int] | None, at: tuple[int, int]) -> bytes:
    content = f"BT /F1 28 Tf {at[0]} {at[1]} Td ({NAME}) Tj ET".encode()
    boxes = f"/MediaBox [{' '.join(map(str, media))}]" + (f" /CropBox [{' '.join(map(str, crop))}]" if crop else "")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        f"<< /Type /Page /Parent 2 0 R {boxes} /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>".encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
    ]
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    return out + f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()


def _ink(png: bytes) -> tuple[Image.Image, set[tuple[int, int]]]:
    image = Image.open(io.BytesIO(png)).convert("L")
    data = image.load()
    return image, {(x, y) for x in range(image.width) for y in range(image.height) if data[x, y] < 128}


@pytest.mark.parametrize(
    ("media", "crop", "at"),
    [
        ((200, 300, 812, 1092), None, (260, 1000)),  # the MediaBox starts at 200,300
        ((0, 0, 1000, 1400), (150, 400, 762, 1192), (200, 1100)),  # the CropBox starts at 150,400 inside a larger MediaBox
        ((-300, -500, 312, 292), None, (-250, 200)),  # a negative origin
    ],
)
def test_flag_boxes_land_on_the_words_of_a_page_with_a_moved_origin(tmp_path, media, crop, at):
    path = tmp_path / "moved.pdf"
    path.write_bytes(_pdf(media, crop, at))
    pages, scanned, _, pictures = _text_pages(path, "i" * 16)
    assert not scanned and not pictures, "the text layer is read (no OCR needed)"
    segment = pages[0]
    start = segment.text.index(NAME)
    flag = Flag("f1", segment.item_id, segment.segment_id, start, start + len(NAME), "PERSON", 0.9, "t", {}, "TP", "redact")
    page_box = images.pdf_page_boxes(path, [1])[1]
    assert page_box[:2] == ((crop or media)[0], (crop or media)[1])
    (box,) = queries.flag_boxes(segment, flag, page_box)
    image, ink = _ink(images._pdf_page(path, 1))
    left, top, width, height = box
    x0, y0 = left * image.width, top * image.height
    x1, y1 = x0 + width * image.width, y0 + height * image.height
    assert ink, "the page shows the name"
    inside = {(x, y) for x, y in ink if x0 - 2 <= x <= x1 + 2 and y0 - 2 <= y <= y1 + 2}
    assert inside == ink  # every inked pixel of the name is under the box
    assert width * image.width < 0.6 * image.width  # and the box is the name's, not the page's
    (unshifted,) = queries.flag_boxes(segment, flag)  # what the review app drew before: off the words
    assert abs(unshifted[0] - left) > 0.05 or abs(unshifted[1] - top) > 0.05
