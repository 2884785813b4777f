"""Lower-case given names that are no English word, placed as a person is (session 17, names): after words a name follows
as often as another word ("call him horatio", "as kind as marguerite", "not barnaby", "where's ottilie", "does lachlan
know"), and before a finite verb anywhere in a clause ("did you see cosima gave up", "i think leopold likes her"). Names
are written here, none from an evaluation set."""

from __future__ import annotations

import pytest

from redactor.detect.recognizers.chat_names import ChatNameRecognizer

RECOGNIZER = ChatNameRecognizer()


def names(text: str) -> list[str]:
    return [text[r.start : r.end] for r in RECOGNIZER.analyze(text, ["PERSON"])]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("did you call him horatio ? thats his name", "horatio"),
        ("you are just as kind as marguerite , good luck", "marguerite"),
        ("the best player is tobias not barnaby .", "barnaby"),
        ("where's ottilie ?", "ottilie"),
        ("where ' s ottilie ?", "ottilie"),
        ("how does lachlan afford that car", "lachlan"),
        ("did you see cosima gave up her seat", "cosima"),
        ("i think leopold likes her", "leopold"),
        ("i'm better than ambrose at darts", "ambrose"),
    ],
)
def test_a_given_name_placed_as_a_person(text, name):
    assert name in names(text)


@pytest.mark.parametrize(
    "text",
    [
        "cant wait for june 9th",  # a month
        "he is honest about islam at least",  # a faith
        "not gon add my name lol",  # a chat word
        "it was warmer than lima last week",  # a city
        "as good as ever",  # words
        "if lang is not None: return gettext(lang)\nx = find(lang)",  # code
        "the fenella likes list",  # a determiner before it
    ],
)
def test_no_name_after_a_loose_cue(text):
    assert names(text) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Did you see where I left my keys , Heather ?", "Heather"),
        ("that was brilliant, Penny!", "Penny"),
        ("Happy birthday Holly , have a good one", "Holly"),
        ("Good luck Rusty", "Rusty"),
        ("Hunter why did you leave early", "Hunter"),
    ],
)
def test_a_given_name_that_is_a_word_addressed(text, name):
    assert name in names(text)


@pytest.mark.parametrize(
    "text",
    [
        "Hope you are well",  # a verb first on the line
        "Where did you buy it , Crystal Palace ?",  # the word runs on into another capitalised word
        "Happy birthday Skye x",  # no word: the lexicon's business, not this rule's
        "Good luck Bishop",  # no given name in everyday use
        "The walls are painted , Heather and all",  # not addressed: the sentence goes on
    ],
)
def test_no_addressed_name(text):
    assert names(text) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Opening the meeting, Hedges pointed out the new rules.", "Hedges"),
        ("The scheme was late. Marsh said the money had gone.", "Marsh"),
        ("Banks added that nobody was hurt.", "Banks"),
    ],
)
def test_a_surname_that_is_a_word_before_a_verb_of_saying(text, name):
    assert name in names(text)


@pytest.mark.parametrize(
    "text",
    [
        "Police said the road was closed.",  # an organisation's word
        "The Banks said rates would rise.",  # after a determiner
        "Jo Marsh said she would come.",  # a longer name: spaCy's and the lexicon's
        "Critics said it was too late.",  # no surname
    ],
)
def test_no_sayer_surname(text):
    assert [n for n in names(text) if n in {"Police", "Banks", "Marsh", "Critics"}] == []
