"""A known person whose name is also an English word ("Hope Miles", "Will Archer", "Mark Dunn"), written in lower case
in chat: every mention where a person stands is flagged, the same word in its own use is not ("I hope so", "we will")."""

from __future__ import annotations

import pytest

from redactor import paths
from redactor.detect.engine import Detector
from redactor.detect.known_people import KnownPeopleRecognizer, known_people_recognizers
from redactor.records import Person

CASE = [
    Person("c1", "Hope Miles", (), ("07700 900111",), (), "witness", "S0001 contacts"),
    Person("c2", "Will Archer", (), (), (), "unknown", "S0001 contacts"),
    Person("c3", "Mark Dunn", (), (), (), "unknown", "S0001 chat participants"),
    Person("c4", "Mum", (), (), (), "unknown", "S0001 contacts"),
    Person("c5", "Alex Witness", (), (), (), "witness", "roster"),
]


def names(text: str) -> list[tuple[str, str]]:
    return [(text[r.start : r.end], r.recognition_metadata["person_id"]) for r in KnownPeopleRecognizer(CASE).analyze(text, ["PERSON"])]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ask hope if she's coming", [("hope", "c1")]),
        ("me and will are going into town", [("will", "c2")]),
        ("thanks mark x", [("mark", "c3")]),
        ("hey hope", [("hope", "c1")]),
        ("will said he'd ring", [("will", "c2")]),
        ("we're going to mark's after", [("mark", "c3")]),
        ("@hope where are you", [("hope", "c1")]),
        ("hope, you there?", [("hope", "c1")]),
        ("see you later, will", [("will", "c2")]),
        ("I told mark everything", [("mark", "c3")]),
        ("just spoke to hope about it", [("hope", "c1")]),
        ("was out with Will last night and will was drunk", [("Will", "c2"), ("will", "c2")]),
        ("Hope Miles rang. hope was upset", [("Hope Miles", "c1"), ("hope", "c1")]),
    ],
)
def test_a_known_name_that_is_a_word_is_flagged_in_lower_case_where_a_person_stands(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "I hope so",
        "hope you're ok",
        "we will see",
        "will be there at 8",
        "it will rain",
        "mark my words",
        "question mark on the form",
        "miles away from here",
        "the witness left",
        "ask mum",
        "call home later",
        "ask witness",
    ],
)
def test_the_same_word_in_its_own_use_is_not_the_person(text):
    assert names(text) == []


def test_with_the_person_written_out_the_word_still_keeps_its_own_use():
    text = "Hope Miles said she'd come. I hope so, hope is always late"
    assert names(text) == [("Hope Miles", "c1"), ("hope", "c1")]  # not the "hope" of "I hope so"
    text = "Out with Will. we will see if will comes"
    assert names(text) == [("Will", "c2"), ("will", "c2")]  # the last: "if will comes"


def test_with_the_person_written_out_a_compound_keeps_its_word():
    # "I told Mark" writes Mark out; "a question mark" is still the punctuation mark, "with mark" the person
    text = "I told Mark already. There is a question mark on that form, a birth mark too. out with mark later"
    assert names(text) == [("Mark", "c3"), ("mark", "c3")]


def test_a_capital_at_the_start_of_a_sentence_alone_does_not_write_the_person_out():
    # "Hope you're well" is flagged as before (a capital), but says nothing of the lower-case "hope" after it
    assert names("Hope you're well. hope is the thing") == [("Hope", "c1")]


@pytest.fixture(scope="module")
def detector() -> Detector:
    models = paths.models_dir()
    return Detector(models / "nlp_engine.yaml", models / "recognizers.yaml")


def test_the_detector_keeps_every_lower_case_mention_of_the_person(detector):
    text = "me and will are going into town\nthanks mark x\nI hope so\nask hope if she's coming\nwe will see"
    found = [(text[s.start : s.end], s.entity) for s in detector.analyze(text, known_people_recognizers(CASE))]
    assert found == [("will", "PERSON"), ("mark", "PERSON"), ("hope", "PERSON")]
