"""Issue 14, failure 3: a text layer is checked before it is trusted.

A font whose Unicode map is damaged gives a text layer that does not say what the page
shows: symbols for letters, or CJK for a Latin page. Such a layer is doubted, the page is
OCR'd, and the OCR reading replaces the layer unless it agrees with it.
"""

from __future__ import annotations

import pytest

from redactor.extract.pdfcheck import agrees, layer_doubt
from tests.extract.documents import factory, oddities
from tests.extract.documents.proofs import assert_redacted_by_ocr

VALUES = [factory.PEOPLE[0], factory.PHONES[0]]
KEPT = ["Statement", "station", "Friday"]


@pytest.mark.parametrize(
    "text, doubt",
    [
        ("I met Sophie Turner outside the station on Friday evening. Call 07700 900123.", None),
        ("Witness أحمد سارة phone 07700 900123 and more words here", None),  # right-to-left is not garbage
        ("Am 12. März traf ich Frau Müller-Lüdenscheidt vor dem Bahnhof.", None),
        ("%F3F7?7@F A8 I;F@7EE \x1b ?7F %AB:;7 &GD@7D AGFE;67 F:7 EF3F;A@", "text does not read as words"),
        ("开縀漀縀漀漀漀渀縀渀漀渀渀缀漀縀渀漀缀缀 伀渀漀漀縀渀开漀縀渀", "East Asian script"),
        ("Phone \ue001\ue002\ue003 number \ufffd\ufffd", "characters without a Unicode mapping"),
    ],
    ids=["english", "arabic", "german", "symbols", "cjk", "unmapped"],
)
def test_layer_doubt(text, doubt):
    assert layer_doubt(text) == doubt


def test_agreement_needs_most_of_what_ocr_read():
    layer = "Statement of witness. I met Sophie Turner outside the station."
    assert agrees(layer, "Statement of witness | met Sophie Turner outside the station")
    assert not agrees("开縀漀縀漀漀漀渀縀渀", "Statement of witness | met Sophie Turner outside the station")
    assert not agrees(layer, "")  # OCR that read nothing vouches for nothing


@pytest.mark.slow
@pytest.mark.parametrize("damage", ["shifted", "cjk"])
def test_a_lying_text_layer_is_replaced_by_ocr(tmp_path, damage):
    path = oddities.broken_text_layer(tmp_path / "doc.pdf", damage)
    item = assert_redacted_by_ocr(path, VALUES, KEPT)
    assert item.segments[0].origin == "ocr"
    assert item.meta["ocr_pages"] == [1] and item.meta["text_layer_distrusted"][0]["page"] == 1


@pytest.mark.slow
def test_a_doubted_layer_that_ocr_confirms_is_kept(tmp_path):
    from reportlab.pdfgen.canvas import Canvas

    path = tmp_path / "doc.pdf"
    canvas = Canvas(str(path), pagesize=oddities.PAGE)
    canvas.setFont("Helvetica", 12)
    lines = ["Ref ### *** ==> <<< >>> ~~~ +++ ^^^ %%%", "Statement of witness, station, Friday"]  # real, but odd
    for i, line in enumerate(lines):
        canvas.drawString(24, 280 - 20 * i, line)
    canvas.save()
    from tests.extract.documents.helpers import extract

    item = extract(path)
    assert item.segments[0].origin == "pdf-text" and item.meta["text_layer_distrusted"] == []
