"""Names' cost on short chat messages (issue 11, session 21): the same findings for less work.

- ``alternation``: a list of cue words as a trie matches what their plain alternation (longer words first) matches;
- ``tagging.likely_asked``: two capitalised words of which one is an ordinary English word no name list holds
  ("Mock Avenue") are no reason to run the proper-noun askers (``names.py`` asks about no such pair);
- the chat-name rules skipped for a text without a capitalised word or a verb they read find nothing there anyway.
Texts are written here; none is taken from an evaluation set."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from redactor.detect.alternation import alternation
from redactor.detect.recognizers import chat_names
from redactor.detect.recognizers.chat_names import ChatNameRecognizer
from redactor.detect.recognizers.role_names import CUES, RELATIONS, RoleNameRecognizer
from redactor.detect.tagging import likely_asked

WORDS = ["ex", "exam", "example", "fan of", "fan", "son", "son of", "a.k.a.", "aka", "née", "Mr", "Mrs", "Ms"]


def plain(words: list[str], ignore_case: bool) -> re.Pattern[str]:
    body = "|".join(re.escape(w).replace(r"\ ", "[ ]") for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?{'i' if ignore_case else ''}:{body})(?:[ ]|\.)(?P<next>\w+)")


def trie(words: list[str], ignore_case: bool) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w)(?{'i' if ignore_case else ''}:{alternation(words, ignore_case)})(?:[ ]|\.)(?P<next>\w+)")


@pytest.mark.parametrize("ignore_case", [False, True])
@settings(max_examples=300, deadline=None)
@given(
    words=st.lists(st.sampled_from(WORDS), min_size=1, max_size=8),
    text=st.lists(st.sampled_from([*WORDS, "EXAM", "Fan Of", " ", ".", "x", "of", "Sam"]), max_size=12).map(" ".join),
)
def test_a_trie_matches_what_the_alternation_matches(ignore_case, words, text):
    old, new = plain(words, ignore_case), trie(words, ignore_case)
    assert [(m.span(), m.group("next")) for m in new.finditer(text)] == [(m.span(), m.group("next")) for m in old.finditer(text)]


def test_a_trie_prefers_the_longer_word():
    assert re.match(alternation(["son", "son of"]), "son of Adam").group(0) == "son of"
    assert re.match(alternation(["ex", "example"]), "example").group(0) == "example"
    assert re.fullmatch(alternation([]), "") is None  # no word: matches nothing


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("my cousin, Tavrek Olund, rang", "Tavrek Olund"),
        ("a huge fan of Orrisca", "Orrisca"),
        ("a fan of sophie tbh", "sophie"),
    ],
)
def test_role_cues_still_name(text, name):
    found = [text[r.start : r.end] for r in RoleNameRecognizer().analyze(text, ["PERSON"])]
    assert name in found


def test_role_cues_are_the_lists():
    assert set(CUES) >= set(RELATIONS)


def _doc(text: str, ents: tuple[str, ...] = ()) -> SimpleNamespace:
    return SimpleNamespace(text=text, ents=[SimpleNamespace(label_=e) for e in ents])


@pytest.mark.parametrize("text", ["meet at 12 Mock Avenue at 7pm", "I'll be at 54 Sample Road by half 6", "Happy Birthday"])
def test_a_pair_with_an_ordinary_word_is_not_likely_asked(text):
    assert not likely_asked(_doc(text))


@pytest.mark.parametrize("text", ["I saw Tavrek Olund there", "Velmora Quist said no"])
def test_two_unlisted_capitalised_words_are_likely_asked(text):
    assert likely_asked(_doc(text))


def test_an_organisation_is_likely_asked():
    assert likely_asked(_doc("at the bank", ("ORG",)))


RECOGNIZER = ChatNameRecognizer()


def names(text: str) -> list[str]:
    return [text[r.start : r.end] for r in RECOGNIZER.analyze(text, ["PERSON"])]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("hangwani is slaying", "hangwani"),  # a verb read after the name
        ("and cosima gave me it", "cosima"),
        ("kapil's car", "kapil"),  # a possessive
        ("Themba is obsessed", "Themba"),  # a capitalised word
        ("Hi Druvell , we would like", "Druvell"),
    ],
)
def test_chat_rules_still_find_their_names(text, name):
    assert name in names(text)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(["hangwani", "cosima", "kapil", "is", "gave", "wakes", "'s", "’s", "Themba", "Hi", "ok", "lol", ",", "."]),
        max_size=8,
    ).map(" ".join)
)
def test_the_skipped_rules_find_nothing_where_they_are_skipped(text):
    words = set(chat_names._LOWER_RUN.findall(text))
    if words.isdisjoint(chat_names._FINITE_SET):
        assert not chat_names._SUBJECT.search(text)
    if words.isdisjoint(chat_names._GIVEN_SET):
        assert not chat_names._GIVEN_SUBJECT.search(text)
    if "'" not in text and "’" not in text:
        assert not chat_names._POSSESSIVE.search(text)
    if not chat_names._CAPITALISED.search(text):
        assert not any(p.search(text) for p in (chat_names._OPENING, chat_names._ADDRESSED, chat_names._SAID, chat_names._GREETED))
