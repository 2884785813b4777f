"""A month's or a rank's short form read as a person ("On Jan. 8", "said Brig. Gen. ..."; misreads._abbreviation; issue 11,
session 19). The lines are written here."""

from __future__ import annotations

import pytest

from tests.detect.resolved import found_spans, resolved_people


@pytest.mark.parametrize(
    ("text", "value", "recognizer"),
    [
        ("On Jan. 8 , coalition aircraft struck twice", "Jan", "NameLexiconRecognizer"),  # a month before a day
        ("died Sept. 14 in hospital", "Sept", "SpacyRecognizer"),
        ('" We will stay , " said Brig. Gen. Tarrow', "Brig", "SpacyRecognizer"),  # a rank before its full stop
        ("press officer Navy Capt. Jed Harlan said", "Navy Capt", "SpacyRecognizer"),
    ],
)
def test_a_short_form_is_no_person(text, value, recognizer):
    assert resolved_people(text, found_spans(text, (value, "PERSON", recognizer))) == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Jan said she would come", "Jan"),  # a given name, no full stop and day after it
        ("Jan. Kowalski signed", "Jan"),  # a full stop, but a name after it
        ("Ask Gen about it", "Gen"),
    ],
)
def test_a_name_that_looks_like_a_short_form_stays(text, value):
    assert resolved_people(text, found_spans(text, (value, "PERSON", "NameLexiconRecognizer"))) == [value]
