"""Names in social-media text (chat_names.py; issue 11, session 21): a given name and a surname run together in one
word or hashtag, and a lower-case name in a self-introduction. Texts and names are written here, none taken from an
evaluation set."""

from __future__ import annotations

import pytest

from redactor.detect.recognizers.chat_names import ChatNameRecognizer

RECOGNIZER = ChatNameRecognizer()


def names(text: str) -> list[str]:
    return [text[r.start : r.end] for r in RECOGNIZER.analyze(text, ["PERSON"])]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("so proud of my friend #AlexandraRichards tonight", "#AlexandraRichards"),
        ("DanielleOkafor is the best", "DanielleOkafor"),
        ("singing #BobMarley all day", "#BobMarley"),
        ("loved #SarahMillerDay at school", "#SarahMillerDay"),  # the whole tag: the rest says who it is
        ("JohnSmith posted again", "JohnSmith"),  # two ordinary words, but "John" is far more often a name
    ],
)
def test_a_given_name_and_a_surname_run_together_are_a_name(text, name):
    assert name in names(text)


@pytest.mark.parametrize(
    "text",
    [
        "happy #MayDay everyone",  # both ordinary words, "May" not far more often a name
        "new #RoseGold case",
        "my old RayBan glasses",
        "#FenwayPark tonight",  # a place's word ends the tag
        "#ValentinesDay",
        "#TomTom",  # the same word twice
        "@JohnSmith said hi",  # a handle is the handle recognizer's
    ],
)
def test_words_run_together_that_name_no_one_are_left(text):
    assert not any(n.startswith(("#", "@")) or n[1:].lower() != n[1:] for n in names(text))


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("My name is vardessa and I love your videos", "vardessa"),
        ("hi my name's tobiah", "tobiah"),
        ("my name is jack and im 12", "jack"),  # a given name that is a word, after the strongest cue
    ],
)
def test_a_lower_case_name_in_a_self_introduction(text, name):
    assert name in names(text)


@pytest.mark.parametrize("text", ["my name is not important", "My name is on the list"])
def test_no_name_in_a_self_introduction_without_one(text):
    assert names(text) == []
