"""Session 16 phone fixes (lines written here; none from the worldphone set's frames): short numbers of small numbering
plans after a phone word, an area code before a slash, CSV fields after a numeric field, and a label right before a
number that names another kind of number."""

from __future__ import annotations

import pytest

from redactor.detect.recognizers.phones import WorldPhoneRecognizer


def phones(text: str) -> list[str]:
    return [text[r.start : r.end] for r in WorldPhoneRecognizer().analyze(text, ["PHONE_NUMBER"])]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Landline: 22 415, evenings only", "22 415"),
        ("text me on 40987 when you land", "40987"),
        ("her msisdn=51872 in the export", "51872"),
        ("Tel. 3317/8820 (shop)", "3317/8820"),
        ("She wrote 246/429 5562 on the back of the receipt", "246/429 5562"),
        ("2024-11-02,09:14:55,0612345678,12.50,OUT", "0612345678"),
        ("2024-11-02,09:14:55,071 884 2290,12.50,OUT", "071 884 2290"),
        ("If anything changes, reach out on 0612345678 tonight", "0612345678"),
    ],
)
def test_phone_found(text, value):
    assert value in phones(text)


@pytest.mark.parametrize(
    "text",
    [
        "Fax 3 pages to the office",
        "Room 40123 is on the fourth floor",
        "we sold 12345 units in May",
        "Filed 2024/0317, decided 2025/0112",
        "case no. 31245/07 and nos. 31245/07 and 31246/07",
        "(no. 14/1996/633/815)",
        "Revenue was 4,512,330,100 last year",
        "17,20241102,4471229,2",
        "call me on 0612 345 678, order 5531-2208 ships on Monday",
        "ring 0161 496 0000 about booking ref 7781-2290",
    ],
)
def test_no_phone(text):
    found = phones(text)
    assert not [f for f in found if f not in ("0612 345 678", "0161 496 0000")], found
