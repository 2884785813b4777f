"""Companies in market reports that the name rules read as people (issue 11, session 22).

Newswire market reports name a company as the subject of a price move with its size ("Siemens fell 1.5 percent",
"Kellogg fell 2 to 68", "Hoechst gained 3.20 marks") or as the issuer of shares ("shares in Lufthansa", "Boeing
's shares", "Statoil shares rose 2 percent"). spaCy's small model and the name lists read many company names as people (a founder's
surname: "Kellogg", "Siemens", "Goodyear"). A guessed person (spaCy's, the name lexicon's, or an organisation taken
back as a person) in either place is that company: flagged as an organisation (ORGANIZATION), never dropped.

A person's name never moves by a percentage or to a price; points are left alone ("Jordan added 25 points" is a
player's).
"""

from __future__ import annotations

import re
from typing import Any

GUESSES = frozenset({"SpacyRecognizer", "NameLexiconRecognizer", "OrgNameRecognizer"})
COMPANY = "a company in a market report (its shares, or a price move by a percentage or to a price): flagged as an organisation"
# verbs of a price move (hand-written from the wording of market reports)
_MOVES = (
    r"fell|rose|gained|lost|slipped|eased|climbed|dropped|jumped|added|shed|firmed|dipped|slid|tumbled|soared|surged|"
    r"plunged|plummeted|rallied|advanced|declined|edged[ ](?:up|down|higher|lower)|was[ ](?:up|down)|were[ ](?:up|down)"
)
_AMOUNT = r"(?:\$|DM|£|€|US\$)?[ ]?\d[\d.,/-]*(?:[ ]\d+/\d+)?"
_UNIT = r"(?:percent|per[ ]cent|pct|%|cents?|pence|pfennigs?|centimes|yen|marks|francs|to[ ](?:\$|DM|£|€)?[ ]?\d[\d.,/-]*)"
_MOVE_AFTER = re.compile(rf"['’]?s?[ ]+(?:shares[ ]+)?(?:{_MOVES})[ ]+(?:by[ ]+)?{_AMOUNT}[ ]*{_UNIT}(?![\w])")
_SHARES_AFTER = re.compile(r"[ ]*['’]s?[ ]+(?:shares|stock)(?![\w])")  # "Boeing 's shares"; "Anna shares a flat" is a verb
_SHARES_BEFORE = re.compile(r"(?i)(?<![\w])(?:shares|stock|stake|stakes)[ ]+(?:in|of)[ ]+\Z")


def companies_in_market_reports(text: str, pieces: list[Any]) -> list[Any]:
    """Each guessed person that a market report's wording makes a company becomes an organisation."""
    if not any(p.entity == "PERSON" and p.recognizer in GUESSES for p in pieces) or not _PRECHECK.search(text):
        return pieces
    return [p.relabelled("ORGANIZATION", COMPANY) if _a_company(text, p) else p for p in pieces]


_PRECHECK = re.compile(r"(?i)shares|stock|stake|\d")


def _a_company(text: str, span: Any) -> bool:
    if span.entity != "PERSON" or span.recognizer not in GUESSES:
        return False
    return bool(
        _MOVE_AFTER.match(text, span.end)
        or _SHARES_AFTER.match(text, span.end)
        or _SHARES_BEFORE.search(text, max(0, span.start - 20), span.start)
    )
