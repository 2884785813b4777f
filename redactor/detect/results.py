"""Teams in a results or standings table that the name rules read as people (issue 11, session 22).

Newswire sports pages print results as rows of a team's name and its score, twice ("Aston Villa 2 Derby 0",
"Celtic 3 ( Kovalenko 12 , Di Ranno 44 ) Motherwell 1"), and standings as a team's name and a row of five numbers or
more (played, won, drawn, lost, goals for and against, points: "Newcastle 4 3 0 1 8 4 9"). The name lexicon reads
"Aston Villa", "Preston" or "Celta Vigo" as given names and surnames, and spaCy's small model reads "Blackburn" or
"Sturm Graz" as people. A guessed person (spaCy's, the name lexicon's, or an organisation taken back as a person) that
lies within a team's place in such a row is that team: flagged as an organisation (ORGANIZATION), never dropped.

- A results row: a run of capitalised words, a score of one to three digits (and the scorers in brackets), then another
  run and its score, which ends a line or comes before another capitalised word (the next row, when a table is
  joined into one line), a bracket or a full stop. A full name (two words or more, the first a given name that is no
  ordinary word, none a city) is left alone: a golf leaderboard joined into one line reads like a results row ("66
  Ian Woosnam 67 Colin Montgomerie 68"), and clubs' names that start with a given name end with their city
  ("Spartak Moscow", "Hertha Berlin"). The scorers in brackets stay
  people. A row of two given names alone that no list holds as places ("Jake 2 Tom 1": a game between friends)
  is left alone.
- A standings row: a run of capitalised words and five numbers or more. A bowler's figures in cricket have four
  ("Wasim Akram 20 4 68 3") and a golfer's rounds two to four ("Ian Woosnam 71 68"): both stay people.
- A team before a player's or an official's role and that person's name ("Galataspor coach Fatih Orhan",
  "Barcelona striker Ronaldo"): newswire names a person's team so, with no possessive ("Tyson 's manager" is a
  person's).

Written from the shape of newswire tables; measured with ``make eval`` (models/MODELS.md, "Session 22").
"""

from __future__ import annotations

import re
from typing import Any

from redactor.detect.name_lists import given_names
from redactor.detect.places import a_city
from redactor.detect.recognizers.letters import UPPER

GUESSES = frozenset({"SpacyRecognizer", "NameLexiconRecognizer", "OrgNameRecognizer", "RoleNameRecognizer"})
TEAM = "a team's name in a results or standings table: flagged as an organisation"
_WORD = rf"(?:{UPPER}[\w'’.&-]*|(?:de|del|la|le|van|von|am|an|der)(?=[ ]{UPPER}))"
_RUN = rf"{_WORD}(?:[ ]{_WORD}){{0,4}}"
_SCORE = r"\d{1,3}(?:[ ]\([^()\n]{0,200}\))?"
_BEFORE = r"(?<![\w'’.&-])"
_AFTER = rf"(?=[ ]*(?:$|\n|{UPPER}|\(|\.(?:[ ]|$)))"
RESULT = re.compile(rf"{_BEFORE}(?P<home>{_RUN})[ ]{_SCORE}[ ](?P<away>{_RUN})[ ]{_SCORE}{_AFTER}", re.MULTILINE)
STANDING = re.compile(rf"{_BEFORE}(?P<team>{_RUN})(?:[ ]\d{{1,3}}){{5,}}(?=[ ]*(?:$|\n|{UPPER}))", re.MULTILINE)
# roles of a team's players and officials written between the team and the person (hand-written)
_ROLE_THEN_NAME = re.compile(
    rf"[ ](?:coach|manager|striker|goalkeeper|keeper|midfielder|defender|winger|forward|skipper|captain|chairman|"
    rf"playmaker|sweeper|fullback|full-back|centre-back|center-back)[ ]{UPPER}"
)
_PRECHECK = re.compile(rf"\d[ ](?:\(|{UPPER})|\d[ ]\d+[ ]\d+[ ]\d+[ ]\d")  # a score before a team or scorers; five numbers


def teams_in_tables(text: str, pieces: list[Any]) -> list[Any]:
    """Each guessed person within a team's place in a results or standings row becomes that team (ORGANIZATION)."""
    if not any(_guess(p) for p in pieces):
        return pieces
    places = team_places(text) if _PRECHECK.search(text) else []
    return [p.relabelled("ORGANIZATION", TEAM) if _guess(p) and not _full_name(text, p) and _a_team(text, p, places) else p for p in pieces]


def _a_team(text: str, span: Any, places: list[tuple[int, int]]) -> bool:
    return any(a <= span.start and span.end <= b for a, b in places) or _ROLE_THEN_NAME.match(text, span.end) is not None


def team_places(text: str) -> list[tuple[int, int]]:
    """Where the teams' names of the results and standings rows of ``text`` are."""
    places = []
    for m in RESULT.finditer(text):
        if not _friends(m.group("home"), m.group("away")):
            places += [m.span("home"), m.span("away")]
    places += [m.span("team") for m in STANDING.finditer(text)]
    return places


def _guess(span: Any) -> bool:
    return span.entity == "PERSON" and span.recognizer in GUESSES


def _full_name(text: str, span: Any) -> bool:
    """Two words or more, the first a given name that is no ordinary word, none a city ("Ian Woosnam"; not "Spartak
    Moscow")."""
    words = text[span.start : span.end].split()
    return len(words) >= 2 and words[0] in given_names() and not any(a_city(w) for w in words)


def _friends(home: str, away: str) -> bool:
    """Two given names alone that are no places ("Jake 2 Tom 1"): people playing, not a table."""
    return all(" " not in w and w in given_names() and not a_city(w) for w in (home, away))
