"""Lower-case given names in chat after a cue: a cue that follows another cue word ("want to tell brad"), a cue with a
capital ("Hey tanner"), a given name in everyday use that is also a word after a strong cue ("tell brad"), and names
made of the letters laughter is written with ("momo", "lola")."""

from __future__ import annotations

import pytest

from redactor.detect.recognizers.chat_names import ChatNameRecognizer

RECOGNIZER = ChatNameRecognizer()


def names(text: str) -> list[str]:
    return [text[r.start : r.end] for r in RECOGNIZER.analyze(text, ["PERSON"])]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("you need to tell derrick before friday", "derrick"),
        ("going to ask randy tomorrow", "randy"),
        ("Hey carol are you coming", "carol"),
        ("Thanks warren for the lift", "warren"),
        ("lola is coming round later", "lola"),
        ("momo was at the party", "momo"),
        ("Tovenko is obsessed with that song", "Tovenko"),
        ("lol\nBrazeline had me crying", "Brazeline"),
    ],
)
def test_a_given_name_after_a_cue_or_in_a_clause(text, name):
    assert name in names(text)


@pytest.mark.parametrize(
    "text",
    [
        "thanks angel x",
        "hey buddy how are you",
        "love you babe",
        "hahaha that was so funny",
        "lolol no way",
        "kkkkk",
        "ahahah is this real",
        "mmm is that right",
        "Mondays are hard",
        "Mondays is when it opens",
        "Gameplay was delayed by rain",
        "Leeds has won again",
        "Labour has a plan",
        "We saw it. Tovenko is great",
    ],
)
def test_words_of_address_and_laughter_are_no_name(text):
    assert names(text) == []
