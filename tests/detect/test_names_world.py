"""Names from many cultures and spaCy organisations that are people (issue 11)."""

from __future__ import annotations

import pytest

from redactor import paths
from redactor.detect import name_lists
from redactor.detect.engine import Detector


@pytest.fixture(scope="module")
def detector() -> Detector:
    models = paths.models_dir()
    return Detector(models / "nlp_engine.yaml", models / "recognizers.yaml")


def names_in(detector: Detector, text: str) -> set[str]:
    return {text[s.start : s.end] for s in detector.analyze(text) if s.entity == "PERSON"}


def test_the_world_lists_are_loaded_without_ordinary_words():
    given, surnames = name_lists.given_names(), name_lists.surnames()
    assert {"Łukasz", "Ágnes", "Zbigniew", "Mihai", "Priya", "Siobhan"} <= given
    assert {"Nguyen", "Rodriguez", "Murphy"} <= surnames
    assert not {"Rose", "Will", "May", "Im"} & given
    assert name_lists.is_english_word("Gadgets") and not name_lists.is_english_word("Bitar")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Stefano Rinaldi is out through illness", "Stefano Rinaldi"),
        ("goalkeeper Tariq Haddad appeared to have", "Tariq Haddad"),
        ("What's the name on the account? User: Ágnes Kovácsné", "Ágnes Kovácsné"),
        ("Transfer sent by Łukasz Wiśniewski yesterday", "Łukasz Wiśniewski"),
        ("Mihai Popescu said he would come round", "Mihai Popescu"),
        ("I saw Nguyen Thi Lan at the bus stop", "Nguyen Thi Lan"),
    ],
)
def test_names_of_many_cultures(detector, text, name):
    assert any(name in found or found in name and len(found) > len(name) // 2 for found in names_in(detector, text)), names_in(
        detector, text
    )


@pytest.mark.parametrize(
    "text",
    [
        "We watched Star Wars and ate Ice Cream.",
        "I ordered from Nifty Gadgets again.",
        "She bought a Samsung phone and a Coke.",
        "Leeds Crown Court listed the case.",
    ],
)
def test_ordinary_words_brands_and_institutions_are_not_people(detector, text):
    assert not names_in(detector, text)


def test_a_name_before_a_number_keeps_the_name(detector):
    text = "the fastest lap was Alonso 222 on the day"
    found = names_in(detector, text)
    assert not any(any(c.isdigit() for c in f) for f in found)


@pytest.mark.parametrize(
    ("text", "name"),
    [("can you ask sophie to ring me", "sophie"), ("me and jack are going out", "jack"), ("dont tell kasia about it", "kasia")],
)
def test_lower_case_names_in_chat_with_a_cue(detector, text, name):
    assert name in names_in(detector, text)


@pytest.mark.parametrize("text", ["thanks mate see you later", "hey girl hows it going", "i went with the car"])
def test_no_lower_case_name_without_one(detector, text):
    assert not names_in(detector, text)


@pytest.mark.parametrize(
    ("text", "not_flagged"),
    [
        ("Jane Whitlock Age 34", "Jane Whitlock Age"),
        ("Vehicle seen at 10pm. Vehicle was a blue Ford.", "Vehicle"),
        ("Photo of the receipt (scan) attached.", "scan"),
        ("Translated from Spanish by the interpreter.", "Spanish"),
        ("Indian takeaway on the corner", "Indian"),
    ],
)
def test_labels_common_nouns_and_languages_outside_a_personal_context(detector, text, not_flagged):
    assert not_flagged not in {text[s.start : s.end] for s in detector.analyze(text)}


def test_nationality_about_a_person_stays(detector):
    text = "She is Spanish and her boyfriend is Polish."
    assert {"Spanish", "Polish"} <= {text[s.start : s.end] for s in detector.analyze(text)}
