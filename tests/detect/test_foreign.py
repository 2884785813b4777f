"""Lower-case words of another language read as names in a short message (redactor/detect/foreign.py).

Every message is written for the test; the names are made up or common given names."""

from __future__ import annotations

import pytest

from redactor.detect.merge import Found, resolve


def guess(text: str, part: str, recognizer: str = "SpacyRecognizer", rule: str | None = None) -> Found:
    start = text.index(part)
    return Found(start, start + len(part), "PERSON", 0.85, recognizer, {"pattern_name": rule} if rule else {})


def kept(text: str, spans: list[Found]) -> list[str]:
    return [text[s.start : s.end] for s in resolve(text, spans)]


@pytest.mark.parametrize(
    ("text", "part"),
    [
        ("Com licença . . . posso entrar ?", "posso"),
        ("Parabéns pelo evento da escola que aconteceu hoje", "pelo"),
        ("Que tengais una semana de nuevas vivencias .", "semana de nuevas"),
        ("el soccer es como una paloma muerta de la alegría .", "muerta de la"),
    ],
)
def test_a_lower_case_guess_in_a_message_in_another_language_is_dropped(text, part):
    assert kept(text, [guess(text, part)]) == []


def test_the_bare_lower_case_given_name_rule_is_not_trusted_there():
    text = "Que tengais una semana de nuevas vivencias ."
    assert kept(text, [guess(text, "una", "ChatNameRecognizer", "lower-case given name")]) == []


@pytest.mark.parametrize(
    ("text", "part", "recognizer", "rule"),
    [
        ("hola que tal , donde esta maria ?", "maria", "SpacyRecognizer", None),  # a listed name stays
        ("Parabéns pelo evento da escola Tovkar", "Tovkar", "SpacyRecognizer", None),  # capitalised: not this rule
        ("is kez coming to the party tonight", "kez", "SpacyRecognizer", None),  # English: not this rule
        ("que tal , pregunta a kez por la casa", "kez", "ChatNameRecognizer", "lower-case name in chat"),  # after a chat cue
        ("que tal , donde esta kez por la casa", "kez", "KnownPeopleRecognizer", None),  # the case knows the person
    ],
)
def test_names_and_english_messages_are_left_alone(text, part, recognizer, rule):
    assert kept(text, [guess(text, part, recognizer, rule)]) == [part]
