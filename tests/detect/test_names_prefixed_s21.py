"""A name's prefix and a capitalised rest in one word ("LeBron", "DeShawn": chat_names._prefixed; issue 11, session 21).
Texts and names are written here, none taken from an evaluation set."""

from __future__ import annotations

import pytest

from redactor.detect.recognizers.chat_names import ChatNameRecognizer

RECOGNIZER = ChatNameRecognizer()


def names(text: str) -> list[str]:
    return [text[r.start : r.end] for r in RECOGNIZER.analyze(text, ["PERSON"])]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("LeVarno is by far the best player", "LeVarno"),
        ("and here comes DeKwame !", "DeKwame"),
        ("better than DaMonte , no doubt", "DaMonte"),
        ("DiVelka scored again", "DiVelka"),
    ],
)
def test_a_prefixed_name_in_one_word_is_a_name(text, name):
    assert name in names(text)


@pytest.mark.parametrize(
    "text",
    [
        "off to McMinnstow tonight",  # "Mc", "Mac": places and buildings are named so
        "see #LeVarno",  # a hashtag is the tag rules'
        "@DeKwame said hi",  # a handle
        "my Le Creuset pan",  # two words
    ],
)
def test_no_prefixed_name_elsewhere(text):
    assert not any(n in ("McMinnstow", "#LeVarno", "LeVarno", "DeKwame") for n in names(text))
