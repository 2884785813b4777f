"""Teams in newswire results and standings tables are no people (issue 11, session 22).

Rows are generated here from invented team names (a town's name and a club word) and scores; none is taken from an
evaluation set.
"""

from __future__ import annotations

import random

import pytest

from redactor.detect.merge import Found, resolve
from redactor.detect.results import team_places, teams_in_tables

TOWNS = ["Varnby", "Holmcaster", "Kestrel Vale", "Dunmarrow", "Ostravel", "Brindle"]
CLUB_WORDS = ["", " United", " Rovers", " Athletic", " City"]


def team(rng: random.Random) -> str:
    return rng.choice(TOWNS) + rng.choice(CLUB_WORDS)


def results_rows(seed: int, n: int = 6) -> list[tuple[str, str, str]]:
    rng = random.Random(seed)
    rows = []
    for _ in range(n):
        home, away = team(rng), team(rng)
        rows.append((home, away, f"{home} {rng.randint(0, 5)} {away} {rng.randint(0, 5)}"))
    return rows


def guessed(text: str, part: str, start: int = 0, recognizer: str = "NameLexiconRecognizer") -> Found:
    at = text.index(part, start)
    return Found(at, at + len(part), "PERSON", 0.6, recognizer, {})


@pytest.mark.parametrize("joiner", ["\n", " "])  # one row a line, or a table joined into one line
@pytest.mark.parametrize("seed", range(5))
def test_each_team_of_a_results_row_is_a_team_place(seed, joiner):
    rows = results_rows(seed)
    text = "Results of league matches on Saturday :" + joiner + joiner.join(r for _, _, r in rows)
    places = {text[a:b] for a, b in team_places(text)}
    assert {h for h, _, _ in rows} | {a for _, a, _ in rows} <= places


@pytest.mark.parametrize("recognizer", ["NameLexiconRecognizer", "SpacyRecognizer", "OrgNameRecognizer"])
def test_a_guessed_person_in_a_teams_place_is_flagged_as_an_organisation(recognizer):
    text = "Division two\nKestrel Vale 2 Brindle Rovers 1\nDunmarrow 0 Ostravel 3"
    pieces = [guessed(text, "Kestrel Vale", recognizer=recognizer), guessed(text, "Dunmarrow", recognizer=recognizer)]
    assert [(text[p.start : p.end], p.entity) for p in teams_in_tables(text, pieces)] == [
        ("Kestrel Vale", "ORGANIZATION"),
        ("Dunmarrow", "ORGANIZATION"),
    ]
    assert {(text[s.start : s.end], s.entity) for s in resolve(text, pieces)} == {
        ("Kestrel Vale", "ORGANIZATION"),
        ("Dunmarrow", "ORGANIZATION"),
    }


def test_scorers_in_brackets_stay_people_and_their_teams_do_not():
    text = "Holmcaster 3 ( Tavish Orrin 12 , Di Marlo 44 ) Varnby United 1 ( Kerrow 65 ) . Attendance : 8,500"
    pieces = [guessed(text, "Holmcaster"), guessed(text, "Tavish Orrin"), guessed(text, "Di Marlo", recognizer="SpacyRecognizer")]
    pieces.append(guessed(text, "Kerrow"))
    entities = {text[p.start : p.end]: p.entity for p in teams_in_tables(text, pieces)}
    assert entities == {"Holmcaster": "ORGANIZATION", "Tavish Orrin": "PERSON", "Di Marlo": "PERSON", "Kerrow": "PERSON"}


def test_a_standings_row_has_five_numbers_or_more():
    text = "Standings :\nHolmcaster 6 5 1 0 14 5 16\nVarnby 6 4 1 1 11 6 13"
    pieces = [guessed(text, "Holmcaster"), guessed(text, "Varnby", recognizer="SpacyRecognizer")]
    assert [p.entity for p in teams_in_tables(text, pieces)] == ["ORGANIZATION", "ORGANIZATION"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Tavish Orrin 20 4 68 3\nKerrow Dunne 18 2 71 4", "Tavish Orrin"),  # a bowler's figures: four numbers
        ("137 Tavish Orrin ( Scotland ) 69 68 , Kerrow Dunne 70 67", "Kerrow Dunne"),  # a golfer's rounds
        ("Thomas 2 Oliver 1 , then we went home", "Thomas"),  # two given names alone: friends playing
        ("Tavish Orrin ( Scotland ) beat Kerrow Dunne 6-4 6-2", "Kerrow Dunne"),  # a match won: people
        ("I met Tavish Orrin at 2 and Kerrow at 3 .", "Tavish Orrin"),  # prose with numbers
    ],
)
def test_people_with_numbers_are_no_teams(text, name):
    assert teams_in_tables(text, [guessed(text, name)])[0].entity == "PERSON"


def test_a_persons_name_found_by_a_list_of_the_case_is_never_relabelled():
    text = "Kestrel Vale 2 Brindle Rovers 1"
    known = Found(0, len("Kestrel Vale"), "PERSON", 0.9, "KnownPeopleRecognizer", {})
    assert teams_in_tables(text, [known])[0].entity == "PERSON"


@pytest.mark.parametrize(
    ("text", "team", "person"),
    [
        ("Galataspor coach Fatih Orhan said the side would attack .", "Galataspor", "Fatih Orhan"),
        ("Varnby striker Kerrow scored twice .", "Varnby", "Kerrow"),
    ],
)
def test_a_team_before_a_role_and_a_name_is_a_team(text, team, person):
    found = teams_in_tables(text, [guessed(text, team, recognizer="SpacyRecognizer"), guessed(text, person, recognizer="SpacyRecognizer")])
    assert [p.entity for p in found] == ["ORGANIZATION", "PERSON"]


def test_a_persons_manager_after_a_possessive_is_left_alone():
    text = "Tavish Orrin 's manager Kerrow Dunne said the fight was off ."
    assert teams_in_tables(text, [guessed(text, "Tavish Orrin", recognizer="SpacyRecognizer")])[0].entity == "PERSON"


def test_a_full_name_in_a_leaderboard_joined_into_one_line_stays_a_person():
    text = "Leading first-round scores : 66 Tavish Orrin 67 Robert Dunne 68 Kerrow Vale"
    found = teams_in_tables(text, [guessed(text, "Tavish Orrin"), guessed(text, "Robert Dunne")])
    assert [p.entity for p in found] == ["PERSON", "PERSON"]  # "Robert": a given name first, no city
    text = "Spartak Moscow 2 Holmcaster 1"  # a given name first, then the club's city
    assert teams_in_tables(text, [guessed(text, "Spartak Moscow")])[0].entity == "ORGANIZATION"
