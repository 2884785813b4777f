"""Person names as newswire writes them (issue 11, session 18): cues in results, scorers' lists and appositions, and a
generational suffix. The lines are written here (invented names), not taken from any evaluation set."""

from __future__ import annotations

import pytest

from redactor import paths
from redactor.detect.engine import Detector


@pytest.fixture(scope="module")
def detector() -> Detector:
    return Detector(paths.models_dir() / "nlp_engine.yaml", paths.models_dir() / "recognizers.yaml")


def people(detector: Detector, text: str) -> list[str]:
    return [text[s.start : s.end] for s in detector.analyze(text) if s.entity == "PERSON"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Scorers : Okonkwo ( 12th minute ) , Adeyemi ( 60 ) , Farrugia ( 88 penalty )", "Okonkwo"),
        ("Kretschmer , who won the stage last year , said he was tired .", "Kretschmer"),
        ("Berrocal , 26 , had beaten him in their three previous meetings .", "Berrocal"),
        ("K. Brathwell c & b Tenneson 31", "K. Brathwell"),
        ("M. Ashworth c Pellew b Tenneson 12", "Tenneson"),
    ],
)
def test_a_name_no_list_holds_is_found_by_its_news_cue(detector, text, name):
    assert name in people(detector, text)


@pytest.mark.parametrize(
    "text",
    [
        "Section ( 2 ) applies , and Part ( 3 ) too .",  # ordinary words before a number in brackets
        "The fair moved to Aachen ( Germany ) in May .",  # a city
        "Former members of Scientology , who helped him , spoke .",  # a doctrine's ending
        "Reports ( 12th minute ) came in .",  # an ordinary word
        "The plan b Tenneson 12 was dropped .",  # "b" and a number, but no scorecard's "c ... b" or "lbw b"
        "They held the bridge against German air attacks in March .",  # a people's word is no given name
    ],
)
def test_no_cue_makes_a_place_a_doctrine_or_a_word_a_name(detector, text):
    assert people(detector, text) == []


def test_a_generational_suffix_is_part_of_the_name(detector):
    text = "The post went to Andrew J. Evans Jr. , then to Thomas Hale Sr and later to Hal Brinkworth III ."
    got = people(detector, text)
    assert "Andrew J. Evans Jr." in got and "Thomas Hale Sr" in got
    assert all(g.endswith("III") for g in got if "Brinkworth" in g)  # the number goes with the name


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("CYCLING - ULLRICHSON WINS STAGE , TAFFERINI KEEPS JERSEY .", "ULLRICHSON"),
        ("ATHLETICS - NWACHUKWU RUNS 9.98 IN OSLO .", "NWACHUKWU"),
    ],
)
def test_a_player_opening_a_sports_headline(detector, text, name):
    assert name in people(detector, text)


@pytest.mark.parametrize(
    "text",
    [
        "SOCCER - UEFA BANS VOXTRANEX CLUB FOR TWO YEARS .",  # a body's acronym
        "SOCCER - JUVENTUS BEAT DORTMUND 2-1 .",  # a club takes the plural
        "MARKETS - VOXTRANEX WINS CONTRACT IN PRAGUE .",  # not a sports section: a company may win too
    ],
)
def test_no_player_in_a_headline_without_a_players_shape(detector, text):
    assert people(detector, text) == []


def test_a_city_written_without_its_accents_is_a_place(detector):
    from redactor.detect.places import a_city

    assert all(a_city(c) for c in ("Zurich", "Sao Paulo", "Malmo", "Zürich")) and not a_city("Leon")  # a given name too
    text = "ATHLETICS - NWACHUKWU RUNS 9.98 IN ZURICH ."
    assert people(detector, text) == ["NWACHUKWU"]
