"""Session 20 postcode-and-town fixes (lines written here, none from a set): a postcode with a comma before its town after
a word in lower case ("sent for 220014, Minsk": the sentence's word, not a street's name before a house number), the
postcode shapes of Argentina ("C1425DKF") and Ecuador ("EC170515"), and a town joined to its postcode by a spaced dash
("Lahore - 54000"). A house number after its street stays out."""

from __future__ import annotations

import pytest

from redactor.detect.recognizers.world_address import PostcodeTownRecognizer


def found(text: str) -> list[str]:
    return [text[r.start : r.end] for r in PostcodeTownRecognizer().analyze(text, ["STREET_ADDRESS"])]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The box was sent for 220014, Minsk on Monday.", "220014, Minsk"),
        ("Parcel for C1425DKF Buenos Aires is late", "C1425DKF Buenos Aires"),
        ("returned from EC170515, Quito yesterday", "EC170515, Quito"),
        ("Office: Lahore - 54000", "Lahore - 54000"),
    ],
)
def test_found(text, value):
    assert found(text) == [value]


@pytest.mark.parametrize("text", ["Cerrito 1250, Retiro", "Avenida 9 1250, Lima", "order 44812, Paris", "Paris - 2019"])
def test_not_found(text):
    assert found(text) == []
