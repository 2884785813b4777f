"""Companies in newswire market reports are no people (issue 11, session 22).

Texts are written here; the company names in them are invented, none taken from an evaluation set.
"""

from __future__ import annotations

import pytest

from redactor.detect.markets import companies_in_market_reports
from redactor.detect.merge import Found, resolve


def guessed(text: str, part: str, recognizer: str = "OrgNameRecognizer") -> Found:
    at = text.index(part)
    return Found(at, at + len(part), "PERSON", 0.5, recognizer, {})


@pytest.mark.parametrize(
    ("text", "part"),
    [
        ("Shares in Varnholt fell 1.5 percent after the bourse opened .", "Varnholt"),
        ("Kestrova fell 2 to 68 in early trade .", "Kestrova"),
        ("Brindlemann gained 3.20 marks to 412.50 .", "Brindlemann"),
        ("Dunmore shares rose 4 pct on the bid news .", "Dunmore"),
        ("Orvath 's shares were suspended on Monday .", "Orvath"),
        ("its stake in Holmcaster Tarn rose to 12 percent", "Holmcaster Tarn"),
        ("Tavishco slipped 1-1/4 to 33-3/8 on the NYSE .", "Tavishco"),
    ],
)
def test_a_company_in_a_market_report_is_flagged_as_an_organisation(text, part):
    assert [p.entity for p in companies_in_market_reports(text, [guessed(text, part)])] == ["ORGANIZATION"]
    assert [(text[p.start : p.end], p.entity) for p in resolve(text, [guessed(text, part)])] == [(part, "ORGANIZATION")]


@pytest.mark.parametrize(
    ("text", "part", "recognizer"),
    [
        ("Orrin added 25 points as the home side won .", "Orrin", "SpacyRecognizer"),  # a player's points
        ("Tamsin shares a flat with her sister .", "Tamsin", "NameLexiconRecognizer"),  # "shares" a verb
        ("Kerrow fell ill on the 3rd and rose at 6 .", "Kerrow", "SpacyRecognizer"),  # no percentage, no price
        ("Varnholt fell 2 percent", "Varnholt", "KnownPeopleRecognizer"),  # a person the case knows
    ],
)
def test_a_person_with_numbers_stays_a_person(text, part, recognizer):
    assert companies_in_market_reports(text, [guessed(text, part, recognizer)])[0].entity == "PERSON"
