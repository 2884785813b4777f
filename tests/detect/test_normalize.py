"""Invisible and look-alike characters: matching goes through them, offsets stay the original text's."""

from __future__ import annotations

import pytest

from redactor import paths
from redactor.detect.engine import Detector
from redactor.detect.known_people import known_people_recognizers
from redactor.detect.normalize import INVISIBLE, normalise
from redactor.records import Person

MARKS = [
    "\u200e",
    "\u200f",
    "\u202a",
    "\u202b",
    "\u202c",
    "\u202d",
    "\u202e",
    "\u2066",
    "\u2067",
    "\u2068",
    "\u2069",
    "\u200b",
    "\u200d",
    "\ufeff",
]


@pytest.fixture(scope="module")
def detector() -> Detector:
    models = paths.models_dir()
    return Detector(models / "nlp_engine.yaml", models / "recognizers.yaml")


def test_plain_text_is_returned_as_it_is():
    norm = normalise("Call Jo Example on 07700 900123.")
    assert norm.text == "Call Jo Example on 07700 900123." and norm.kept is None


def test_look_alikes_keep_their_offsets():
    norm = normalise("ring\u00a007700\u202f900123 or \uff10\uff17\uff17\uff10\uff10 900124")
    assert norm.text == "ring 07700 900123 or 07700 900124" and norm.kept is None


@pytest.mark.parametrize("mark", MARKS)
def test_spans_map_back_to_the_original(mark):
    text = f"to {mark}Jo Ex{mark}ample."
    norm = normalise(text)
    assert norm.text == "to Jo Example."
    start = norm.text.index("Jo")
    a, b = norm.span(start, start + len("Jo Example"))
    assert text[a:b] == f"Jo Ex{mark}ample"


@pytest.mark.parametrize("mark", MARKS)
def test_a_known_person_after_a_mark_is_flagged_everywhere(detector, mark):
    people = [Person("p1", "Jo Example", (), ("07700 900555",), (), "witness", "address book")]
    mentions = [  # (line, the part that must be covered)
        (f"{mark}Jo Example", f"{mark}Jo Example"),
        (f"ask {mark}Jo", "Jo"),
        (f"call {mark}Jo{mark} Example now", f"Jo{mark} Example"),
        (f"ring 07700{mark} 900555", f"07700{mark} 900555"),
        (f"{mark}Example said", "Example"),
    ]
    text = "\n".join(line for line, _ in mentions)
    found = detector.analyze(text, known_people_recognizers(people))
    covered = {i for s in found for i in range(s.start, s.end)}
    for line, part in mentions:
        at = text.index(line) + line.index(part)
        visible = {at + i for i, c in enumerate(part) if c not in INVISIBLE and not c.isspace()}
        assert visible <= covered, line


def test_full_width_digits_and_no_break_spaces_in_a_phone_number(detector):
    text = "ring me on \uff10\uff17\uff17\uff10\uff10\u00a0\uff19\uff10\uff10\uff11\uff12\uff13 tonight"
    found = detector.analyze(text)
    assert any(s.entity == "PHONE_NUMBER" and text[s.start : s.end].endswith("\uff13") for s in found)


def test_a_mark_inside_an_unknown_name_keeps_the_whole_name(detector):
    text = "I spoke to Hannah O\u200bkafor yesterday."
    found = detector.analyze(text)
    assert any(text[s.start : s.end] == "Hannah O\u200bkafor" for s in found)
