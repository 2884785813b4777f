"""Players in newswire results rows and headlines (issue 11, session 19): set scores, times, golf leaderboards, two
players joined by AND in a headline. The lines are written here (invented names), not taken from any evaluation set."""

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
    ("text", "names"),
    [
        ("Kravetz 6-3 6-2", ["Kravetz"]),  # a surname before set scores
        ("Men 's singles , second round :\nKravetz beat Oluwadare 6-3 6-2 7-5", ["Kravetz", "Oluwadare"]),
        ("Tobrenko beat Makwana 7-6 ( 7-4 ) 6-4", ["Tobrenko", "Makwana"]),  # a tie-break in brackets
        ("Results of the 800 metres :\n1. Valdrusk 2:10.45\n2. Tobrenko 2:11.30", ["Valdrusk", "Tobrenko"]),  # a time
        ("Leading scores after the first round :\n66 Kravetz , Makwana\n67 Tobrenko , Dembrowska", ["Kravetz", "Tobrenko"]),
        ("TENNIS - DROVAK AND PELTONEN ADVANCE IN MIAMI", ["DROVAK", "PELTONEN"]),  # a headline's pair of players
        ("GOLF - TOBRENKO AND MAKWANA SHARE LEAD", ["TOBRENKO", "MAKWANA"]),
        ("ATHLETICS - MBEKWU AND TARASOVA MEET AGAIN", ["MBEKWU", "TARASOVA"]),
    ],
)
def test_a_player_in_a_results_row_or_headline_is_found(detector, text, names):
    found = people(detector, text)
    assert all(n in found for n in names), found


@pytest.mark.parametrize(
    "text",
    [
        "SOCCER - FEYENOORD AND AJAX WIN AGAIN",  # clubs: not an individual sport
        "TENNIS - SEEDS AND QUALIFIERS ADVANCE",  # English words
        "Section 6-3 6-2 of the plan",  # an ordinary word before numbers
        "Results :\n1. Germany 2:10.45",  # a country
        "66 Bottles , Glasses",  # ordinary words in a row that looks like golf's
    ],
)
def test_rows_and_headlines_without_players_name_nobody(detector, text):
    assert people(detector, text) == []
