"""A person spaCy read on into the next word ("Sam Gone rang") is cut before that word (redactor/detect/tails.py);
a name particle or a name in English use written in lower case stays part of the name."""

from __future__ import annotations

import pytest

from redactor.detect.spans import Found
from redactor.detect.tails import without_a_lower_tail


def _spacy(text: str, value: str, recognizer: str = "SpacyRecognizer") -> Found:
    start = text.index(value)
    return Found(start, start + len(value), "PERSON", 0.85, recognizer, {})


@pytest.mark.parametrize(
    ("text", "read", "kept"),
    [
        ("Sam Gone rang from the flat", "Sam Gone rang", "Sam Gone"),
        ("then Maria Kettle said no", "Maria Kettle said", "Maria Kettle"),
        ("Tilly Ashgrove went home", "Tilly Ashgrove went", "Tilly Ashgrove"),
        ("Ludwig van Beethoven", "Ludwig van", "Ludwig van"),  # a particle: the name goes on
        ("me and Jack smith", "Jack smith", "Jack smith"),  # a common surname in lower case
        ("we saw Amy rose", "Amy rose", "Amy rose"),  # a given name in English use
        ("sam gone rang", "sam gone rang", "sam gone rang"),  # no capitals: not a name read on
        ("Sam Gone.rang", "Sam Gone.rang", "Sam Gone.rang"),
    ],
)
def test_a_lower_case_word_after_a_spacy_name_is_cut_off(text, read, kept):
    span = without_a_lower_tail(text, _spacy(text, read))
    assert text[span.start : span.end] == kept


def test_other_recognizers_spans_are_left_as_they_are():
    text = "Sam Gone rang"
    span = _spacy(text, text, "NameLexiconRecognizer")
    assert without_a_lower_tail(text, span) == span


def test_the_detector_no_longer_boxes_the_verb():
    from redactor import paths
    from redactor.detect.engine import Detector

    detector = Detector(paths.models_dir() / "nlp_engine.yaml", paths.models_dir() / "recognizers.yaml")
    text = "Spoke to her about it. Sam Gone rang from the flat later."
    assert [text[s.start : s.end] for s in detector.analyze(text, []) if s.entity == "PERSON"] == ["Sam Gone"]
