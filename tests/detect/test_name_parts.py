"""The rest of a name after a particle or a hyphen ("Ana Lúcia Ferreira dos Santos", "Dong-hyun Park") and given
names with accents the list lacks ("Siobhán") (issue 11, eleventh pass). Every sentence is written here; the names
are invented or common names of their countries.
"""

from __future__ import annotations

import pytest

from redactor.detect.name_lists import fold_accents
from redactor.detect.recognizers.names import NameLexiconRecognizer
from tests.detect.resolved import found_spans, resolved_people


@pytest.mark.parametrize(
    ("text", "found", "name"),
    [
        ("ID card of Ana Lúcia Ferreira dos Santos, phone 0123", "Ana Lúcia Ferreira", "Ana Lúcia Ferreira dos Santos"),
        ("a letter from Maria Helena van der Berg today", "Maria Helena", "Maria Helena van der Berg"),
        ("Ask for Dong-hyun Park at the desk.", "Dong", "Dong-hyun Park"),
        ("Seo-yeon went home.", "Seo", "Seo-yeon"),
        ("signed Abdullah Hamad bin Khalid here", "Abdullah Hamad", "Abdullah Hamad bin Khalid"),
    ],
)
def test_a_name_runs_on_over_a_particle_or_a_hyphens_syllable(text, found, name):
    assert resolved_people(text, found_spans(text, (found, "PERSON", "SpacyRecognizer"))) == [name]


@pytest.mark.parametrize(
    ("text", "found", "name"),
    [
        ("John Smith-style jokes", "John Smith", "John Smith"),  # a long word before the hyphen: no syllable
        ("Anna Kowalska de facto agreed", "Anna Kowalska", "Anna Kowalska"),  # no capitalised word after the particle
        ("Anna went to Del Mar", "Anna", "Anna"),  # one word: no particle rule
        ("Anna Kowalska do Yoga", "Anna Kowalska", "Anna Kowalska"),  # an ordinary English word after it
    ],
)
def test_a_name_does_not_run_on_over_ordinary_text(text, found, name):
    assert resolved_people(text, found_spans(text, (found, "PERSON", "SpacyRecognizer"))) == [name]


@pytest.mark.parametrize("text", ["Não vejo a hora", "Aún podéis participar"])
def test_short_words_keep_their_accents(text):
    assert NameLexiconRecognizer().analyze(text, ["PERSON"], None) == []


def test_accents_are_folded_for_the_given_name_list():
    assert fold_accents("Siobhán") == "Siobhan"
    assert fold_accents("Zoë") == "Zoe"
    assert fold_accents("Łukasz") == "Łukasz"  # a letter of its own, no accent


def test_a_given_name_with_accents_the_list_lacks_starts_a_full_name():
    text = "Reach Siobhán Ní Bhriain on the desk line."
    found = NameLexiconRecognizer().analyze(text, ["PERSON"], None)
    assert [text[r.start : r.end] for r in found] == ["Siobhán Ní Bhriain"]


@pytest.mark.parametrize(
    ("text", "found", "name"),
    [
        ("Invoice to: Vu Thi Hanh, 44 Hang Bai", "Thi Hanh", "Vu Thi Hanh"),  # a Vietnamese surname of two letters
        ("Dear Lê Minh Duc, thank you", "Minh Duc", "Lê Minh Duc"),  # with an accent the list lacks
        ("Wu Jing Li came round", "Jing Li", "Wu Jing Li"),
    ],
)
def test_a_name_starts_at_a_short_surname_before_it(text, found, name):
    assert resolved_people(text, found_spans(text, (found, "PERSON", "SpacyRecognizer"))) == [name]


@pytest.mark.parametrize(
    ("text", "found", "name"),
    [
        ("So Jane Smith said no", "Jane Smith", "Jane Smith"),  # a short English word
        ("Hi Jane Smith, thanks", "Jane Smith", "Jane Smith"),
        ("Vu Hanh", "Hanh", "Hanh"),  # one word found: not enough to say a name runs on
        ("to Zq Jane Smith", "Jane Smith", "Jane Smith"),  # no surname list holds it
        ("the half-built São Paulo Metro", "Paulo Metro", "Paulo Metro"),  # a city's name (a Stadium is a place: head_words.py)
        ("up the hill @Ta Mina Kowal", "Mina Kowal", "Mina Kowal"),  # a handle
    ],
)
def test_a_name_does_not_start_at_a_short_word_that_is_no_surname(text, found, name):
    assert resolved_people(text, found_spans(text, (found, "PERSON", "SpacyRecognizer"))) == [name]
