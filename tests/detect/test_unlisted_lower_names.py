"""Lower-case names in no list, found by their place in a sentence (issue 11): the subject of a verb at a clause start,
after a strong cue, before a possessive, after a title. Lines written for this test; the surnames are invented
("velkorin", "tramberg", "oskvar") or public figures' names that no list here holds."""

from __future__ import annotations

import pytest

from redactor.detect.recognizers.chat_names import ChatNameRecognizer


def names(text: str) -> list[str]:
    return [text[r.start : r.end] for r in ChatNameRecognizer().analyze(text, ["PERSON"])]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("velkorin said he would stand again", "velkorin"),
        ("honestly. tramberg is a joke", "tramberg"),
        ("i reckon, oskvar just wants attention", "oskvar"),
        ("lost the vote and velkorin never came back", "velkorin"),
        ("thanks tramberg !", "tramberg"),
        ("i am no fan of corbyn", "corbyn"),
        ("voted for farage once, never again", "farage"),
        ("tbh oskvar's lot are a mess", "oskvar"),
        ("oskvar ' s face when he lost", "oskvar"),
        ("mr velkorin was on the news", "velkorin"),
        ("president trump again smh", "trump"),
    ],
)
def test_a_lower_case_name_by_its_place(text, name):
    assert name in names(text)


@pytest.mark.parametrize(
    "text",
    [
        "lol is all i can say",  # a chat word
        "hahaha was so funny",
        "ppl said it was fine",
        "the undernourishment was worse",  # no clause start: after a determiner
        "the orbiter's last flight",  # a thing's possessive
        "The President later said no",  # edited prose: an English word after a capitalised title
        "thanks mate, see you",  # an English word
        "dont tell me that",  # a chat word after a strong cue
        "if len(row) == 0: kelvar is None",  # code
    ],
)
def test_words_that_are_no_name(text):
    assert names(text) == []


def test_a_word_another_rule_found_is_found_once():
    # "megan" is a given name in common use: the bare-name rule finds it, the rule of places adds nothing
    found = ChatNameRecognizer().analyze("megan is coming round later", ["PERSON"])
    assert [(r.start, r.end) for r in found] == [(0, 5)]
    assert "by its place" not in found[0].analysis_explanation.textual_explanation
