"""The names recognizer asks spaCy's tagger only when the answer can matter.

Two capitalised words that are no listed names are a probable name when both are proper nouns and
neither is an ordinary English word; the English-word test needs no tags, so it comes first and a
text like "Nifty Gadgets" is never tagged for it (the tagger costs as much as a third of spaCy's pass).
"""

from __future__ import annotations

import pytest

from redactor.detect.recognizers import names


class Recording:
    """Stands in for ``tagging.ProperNouns``: records each question, answers ``proper``."""

    asked: list[int] = []
    proper = True

    def __init__(self, nlp_artifacts: object, not_person: set[str]) -> None:
        pass

    def __contains__(self, offset: object) -> bool:
        Recording.asked.append(int(offset))  # type: ignore[call-overload]
        return Recording.proper


@pytest.fixture
def recognizer(monkeypatch: pytest.MonkeyPatch) -> names.NameLexiconRecognizer:
    monkeypatch.setattr(names, "ProperNouns", Recording)
    Recording.asked = []
    return names.NameLexiconRecognizer()


@pytest.mark.parametrize("text", ["We went to Nifty Gadgets today", "Watching Star Wars again", "Meet at Green Bank tomorrow"])
def test_english_words_are_no_question_for_the_tagger(recognizer: names.NameLexiconRecognizer, text: str) -> None:
    assert recognizer.analyze(text, ["PERSON"], None) == []
    assert Recording.asked == []


@pytest.mark.parametrize("proper", [True, False])
def test_unknown_words_still_ask_and_the_answer_decides(recognizer: names.NameLexiconRecognizer, proper: bool) -> None:
    text = "Then Zorblax Quenthor rang me"
    Recording.proper = proper
    try:
        found = recognizer.analyze(text, ["PERSON"], None)
    finally:
        Recording.proper = True
    assert Recording.asked and Recording.asked[0] == text.index("Zorblax")
    assert [(r.start, r.end) for r in found] == ([(text.index("Zorblax"), text.index(" rang"))] if proper else [])
