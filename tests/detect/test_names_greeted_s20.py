"""Names in social-media text (chat_names.py; issue 11, session 20): a capitalised word in no list right after a
greeting, a farewell or thanks. Texts and names are written here, none taken from an evaluation set."""

from __future__ import annotations

import pytest

from redactor.detect.recognizers.chat_names import ChatNameRecognizer

RECOGNIZER = ChatNameRecognizer()


def names(text: str) -> list[str]:
    return [text[r.start : r.end] for r in RECOGNIZER.analyze(text, ["PERSON"])]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Hi Druvell , we would like to use your clip", "Druvell"),
        ("Bye Tazwin !", "Tazwin"),
        ("Thank you Kelbo for what you did", "Kelbo"),
        ("great video. Much love Orrisca", "Orrisca"),
        ("thanks Vembrot", "Vembrot"),
    ],
)
def test_a_word_in_no_list_after_a_greeting_is_a_name(text, name):
    assert name in names(text)


@pytest.mark.parametrize(
    "text",
    [
        "Thanks Facebook",  # two long English words run together: a brand
        "Hi Everyone !",  # an English word
        "Thanks Poland !",  # a country
        "Hi Druvells !",  # a plural
        "Bye Grantham !",  # a town
        "Hi Druvell Kast , welcome",  # a longer name is spaCy's and the lexicon's
        "thanks lol",
    ],
)
def test_no_name_after_a_greeting(text):
    assert names(text) == []
