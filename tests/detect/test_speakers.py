"""A speaker's name at the start of a transcript or chat line ("Kez: are you coming") is a person, in any
script and after a chat time stamp; a label in the same place ("Note:", "TODO:", "Адрес:") is not. Names
are invented (no real person is called this); the detector test runs the whole pipeline, merge included."""

from __future__ import annotations

import pytest

from redactor.detect.recognizers.name_label import NameLabelRecognizer

SPEAKERS = ("Tovkar", "Kez", "Lemsin Vardoq", "Иван", "Σπύρος", "QUIMBEL")  # invented or common given names
STAMPS = ("", "[12/03/2024, 10:15] ", "12/03/2024, 22:41 - ", "3/7/24, 9:05 pm - ", "10:15 ")
SAID = ("are you coming", "привет", "5 mins", "i told him no")


def speakers(text: str) -> list[str]:
    return [text[r.start : r.end] for r in NameLabelRecognizer().analyze(text, ["PERSON"])]


@pytest.mark.parametrize("stamp", STAMPS)
@pytest.mark.parametrize("name", SPEAKERS)
def test_a_line_speaker_is_a_person(name, stamp):
    lines = [f"{stamp}{name}: {said}" for said in SAID]
    text = "\n".join(lines)
    assert speakers(text) == [name] * len(lines)


@pytest.mark.parametrize("title", ["DC", "Mrs", "Dr.", "Nurse", "Sergeant", "Detective Sergeant", "Cllr", "Judge"])
def test_after_a_title_the_name_is_the_speaker_even_when_it_is_a_word(title):
    # the titles and ranks are names.py's (TitledNameRecognizer's), not a shorter copy
    text = f"{title} Baker: we need the phone"
    assert speakers(text) == ["Baker"]


@pytest.mark.parametrize("role", ["Judge", "Nurse", "Inspector", "Doctor", "Detective Sergeant", "Father", "PCSO", "Sgt."])
def test_a_title_or_rank_alone_is_a_role_not_a_speaker(role):
    # "Judge" is also a given name in gender-guesser's list: alone before a colon it is the role
    assert speakers(f"{role}: please sit down") == []


def test_a_given_name_that_is_also_a_word_speaks():
    assert speakers("Will: on my way\nGrace: ok") == ["Will", "Grace"]


@pytest.mark.parametrize(
    "line",
    ["Note: call back", "TODO: fix this", "Адрес: ул. Тоvkar 5", "Subject: meeting", "WhatsApp: 07700 900123", "Chapter 2: The end",
     "Q: what happened?", "Interviewer: tell me", "Re: your letter", "Warning: do not", "Mum: call me", "Step 2: go",
     "Time: 10:15", "Nazwisko: (blank)", "FIXME: later", "URL: example.org", "Mob: 07700 900123", "Email: a@example.org"],
)  # fmt: skip
def test_a_label_is_no_speaker(line):
    assert speakers(line) == []


def test_a_colon_inside_a_line_is_no_speaker():
    assert speakers("we met at Tovkar: he said no") == []


@pytest.fixture(scope="module")
def detector():
    from redactor import paths
    from redactor.detect.engine import Detector

    models = paths.models_dir()
    return Detector(models / "nlp_engine.yaml", models / "recognizers.yaml")


@pytest.mark.parametrize("name", ["Kez", "Иван", "Tovkar"])
def test_the_detector_flags_a_speaker_spacy_misses(detector, name):
    # spaCy read "привет" as the person in "Иван: привет" and nothing at all in "Kez: are you coming"
    text = f"{name}: привет\n{name}: are you coming\nMe: yes"
    flags = [(text[f.start : f.end], f.entity) for f in detector.analyze(text)]
    assert flags.count((name, "PERSON")) == 2
    assert ("Me", "PERSON") not in flags
