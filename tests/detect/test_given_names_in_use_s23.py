"""A one-word spaCy person that is an ordinary English word and a given name in use in Britain, Ireland or the USA
("Chuck", "Barb", "Gene") stays a person at a sentence's start (detect/misreads.py): in reviews and e-mails a sentence
often opens with the first name of the person it is about. Ordinary words that are no such name are still dropped
there. Sentences written for this test."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def detector():
    from redactor import paths
    from redactor.detect.engine import Detector

    models = paths.models_dir()
    return Detector(models / "nlp_engine.yaml", models / "recognizers.yaml")


def persons(detector, text: str) -> list[str]:
    return [text[f.start : f.end] for f in detector.analyze(text) if f.entity == "PERSON"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Chuck and Gretchen were very positive about the repair.", "Chuck"),
        ("Barb does an AMAZING JOB, she is always learning new things.", "Barb"),
    ],
)
def test_a_given_name_in_use_opening_a_sentence_stays_a_person(detector, text, name):
    assert name in persons(detector, text)


def test_the_rule_reads_the_name_frequency_not_a_word_list():
    from redactor.detect.misreads import _given_name_in_use

    assert _given_name_in_use("Chuck") and _given_name_in_use("Barb")
    assert not _given_name_in_use("Vehicle") and not _given_name_in_use("Library")


@pytest.mark.parametrize("text", ["Vehicle seen at 10pm near the shop.", "Permission is hereby granted, free of charge."])
def test_an_ordinary_word_opening_a_sentence_is_still_no_person(detector, text):
    assert persons(detector, text) == []


def test_a_name_before_a_noun_of_its_person_after_the_stays_a_person(detector):
    # after "the", an ordinary word spaCy reads as a person is dropped ("the Library"), but not before a noun that
    # takes a person's name ("the Bush administration": a term of office named after its person)
    text = "There was speculation about the Bush administration naming a replacement."
    assert "Bush" in persons(detector, text)
    assert persons(detector, "Use of the Library is free for members.") == []


@pytest.mark.parametrize("text", ["Yep . Don ’ t read it, there is a blog post instead.", "Don't be too quick to judge."])
def test_a_contraction_is_no_given_name(detector, text):
    assert "Don" not in persons(detector, text)
