"""A domestic court's file number in hyphen-joined parts, after "no." or "ref." (issue 11: court judgments' direct
identifiers). Judgments name the domestic proceedings by their registry's number: a chamber letter or roman
numeral and the file's number joined by hyphens ("U-III-..."), or a register written with spaces after "ref.".
Each was missed whole before. Lines written here; the numbers are invented."""

from __future__ import annotations

import pytest

from tests.detect.test_court_text import references  # noqa: F401 - references is a fixture


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The appeal court (file no. 7-G-41/2009) upheld the order.", "7-G-41/2009"),
        ("Its decision no. U-IV-318/2011 was served on the applicant.", "U-IV-318/2011"),
        ("The claim was registered under case no. 3b-5521/06 that day.", "3b-5521/06"),
        ("The investigator joined it to criminal case no. 14-AB-2207/2005.", "14-AB-2207/2005"),
        ("The county court's ruling (ref. 6 Kls 4410/08) was final.", "6 Kls 4410/08"),
    ],
)
def test_hyphenated_and_registered_file_numbers(references, text: str, value: str) -> None:  # noqa: F811
    assert references(text) == [value]


@pytest.mark.parametrize(
    "text",
    [
        "Under Law no. 7-G-41/2009 the register was closed.",  # a statute's number, as for the ECHR pattern
        "See pages no. 12-14 of the file.",  # no registry year
        "The room no. 3-B is on the left.",
    ],
)
def test_not_a_file_number(references, text: str) -> None:  # noqa: F811
    assert references(text) == []
