"""Licence, code and markdown structure: NER guesses there need a name's shape (redactor/detect/text_kind.py).

Every text here is written for the test; the licence paragraphs are in words of our own."""

from __future__ import annotations

import pytest

from benchmarks.eval.negatives_written import written_negatives
from redactor import paths
from redactor.detect.engine import Detector
from redactor.detect.known_people import Person, known_people_recognizers
from redactor.detect.merge import Found, resolve
from redactor.detect.text_kind import TextKind, full_listed_name, not_a_name

LICENCE = (
    "Open Widget License\n\n"
    "Copyright (c) 2031 Hannah Okafor\n\n"
    "Permission is hereby granted to anyone who receives a copy of this software to use, copy, change, merge,\n"
    "publish and/or sell it, provided that this License is kept with every copy.\n\n"
    'The software is provided "AS IS", without warranty of any kind; no copyright holder is liable for any claim.\n'
    "Termination of this License follows a breach of its terms by the Licensee."
)
README = (
    "# Sample exports\n\n"
    "Each file below was written by hand from the format's public description.\n\n"
    "| path | format | what it shows |\n"
    "|---|---|---|\n"
    "| chat/one.json | Telegram Desktop JSON | one chat; `Email`, `Contact` and `Note` records |\n"
    "| meta/two.json | Meta Download | a thread with mojibake |\n\n"
    "## Format notes worth knowing\n"
    "- dates are `Timestamp` fields\n"
)
CODE = (
    "import re\n\n"
    "def parse(tokens, mapping=None):\n"
    "    mo = PATTERN.match(tokens)\n"
    "    named = mo.group('named') or mo.group('braced')\n"
    "    return datetime.date(2020, 1, 1)\n"
)
STATEMENT = (
    "I showed the officer my driving licence and he said the licence was fine. Tovkar Lemsin told me later that\n"
    'they were distributing leaflets about the warranty on the car, and I saw "as is" written on the sale form.'
)


@pytest.fixture(scope="module")
def detector() -> Detector:
    models = paths.models_dir()
    return Detector(models / "nlp_engine.yaml", models / "recognizers.yaml")


def names(detector: Detector, text: str, extra=()) -> set[str]:
    return {text[s.start : s.end] for s in detector.analyze(text, extra) if s.entity == "PERSON"}


@pytest.mark.parametrize(
    ("text", "licence", "code", "markdown"),
    [
        (LICENCE, True, False, False),
        (README, False, False, True),
        (CODE, False, True, False),
        (STATEMENT, False, False, False),  # licence words in a statement do not make a licence
        ("lol ok\nsee u at 8\nbring the stuff x", False, False, False),
        ("# Colbert 4 President", False, False, False),  # a one-line "# tag" is a hashtag, not a heading
    ],
)
def test_the_kind_of_text_is_told_from_its_shape(text, licence, code, markdown):
    kind = TextKind(text)
    assert (kind.licence, kind.code, bool(kind.markdown)) == (licence, code, markdown)


def test_a_licence_keeps_its_copyright_holder_and_loses_its_capitalised_words(detector):
    found = names(detector, LICENCE)
    assert "Hannah Okafor" in found  # the copyright holder
    assert not found - {"Hannah Okafor"}
    assert not {s.entity for s in detector.analyze(LICENCE)} & {"SPECIAL_CATEGORY"}  # "Termination"


def test_a_known_person_in_a_licence_is_still_found(detector):
    text = LICENCE + "\nQuestions go to Kerys Vantreece."
    extra = known_people_recognizers([Person("p1", "Kerys Vantreece", "witness")])
    assert "Kerys Vantreece" in names(detector, text, extra)


# a message that quotes licence terms reads as licence text; its people must not be dropped for it
LICENCE_MESSAGE = (
    'Hi, Dana wants the licence checked before Friday. The software is provided "AS IS" without warranty of '
    "merchantability; this License allows you to redistribute it. Tovkar said the copyright holders agreed."
)


def test_in_licence_text_a_listed_name_or_a_name_in_a_personal_context_is_kept(detector):
    assert TextKind(LICENCE_MESSAGE).licence
    assert {"Dana", "Tovkar"} <= names(detector, LICENCE_MESSAGE)  # a listed given name; a name before "said"


def test_in_licence_text_a_guess_with_no_cue_no_list_and_no_person_nearby_is_still_dropped():
    text = LICENCE + "\nThe Quorvex terms apply."
    start = text.index("Quorvex")
    spans = [Found(start, start + 7, "PERSON", 0.85, "SpacyRecognizer", {})]
    assert resolve(text, spans) == []
    said = text.replace("The Quorvex terms apply.", "Quorvex said the terms apply.")
    start = said.index("Quorvex")
    assert [said[s.start : s.end] for s in resolve(said, [Found(start, start + 7, "PERSON", 0.85, "SpacyRecognizer", {})])] == ["Quorvex"]


def test_readme_tables_and_headings_flag_no_names_but_prose_and_name_cells_keep_theirs(detector):
    text = README + "\n| contact | Hannah Okafor | 07700 900123 |\n\nAsk Tovkar Lemsin about the samples.\n"
    found = names(detector, text)
    assert {"Hannah Okafor", "Tovkar Lemsin"} <= found
    assert not found & {"Email", "JSON", "Telegram Desktop JSON", "Format", "Meta Download", "Contact", "Note"}


def test_code_flags_no_identifier(detector):
    spans = detector.analyze(CODE)
    assert not [CODE[s.start : s.end] for s in spans if s.entity in ("PERSON", "LOCATION", "URL")]


def test_a_statement_with_licence_words_keeps_its_names(detector):
    assert "Tovkar Lemsin" in names(detector, STATEMENT)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("mo.group('escaped", True),
        ("OSError", True),
        ("DeprecationWarning", True),
        ("MIT License", True),
        ("and/or sell", True),
        ("Permission", True),
        ("JSON", True),
        ("kwds", True),
        ("-", True),
        ("Jonas Weich", False),
        ("McAllister", False),
        ("emma", False),
        ("Tovkar Lemsin", False),
        ("Rose", False),
    ],
)
def test_what_has_no_name_shape(value, expected):
    assert not_a_name(value) is expected


@pytest.mark.parametrize(
    ("value", "expected"), [("Jonas Weich", True), ("James Henstridge", True), ("Grant Scope", False), ("MIT License", False)]
)
def test_a_full_name_from_the_lists(value, expected):
    assert full_listed_name(value) is expected


def test_the_written_negatives_draw_almost_no_flags(detector):
    """The licence- and README-shaped texts of the negatives set (no personal data in them)."""
    records = written_negatives()
    flags = [r["text"][s.start : s.end] for r in records for s in detector.analyze(r["text"])]
    assert len(records) == 24 and len(flags) <= 2, flags


def test_a_word_first_on_its_line_is_a_sentence_start_unless_it_is_alone():
    """spaCy's one-word ordinary-word names: "Permission is hereby granted" on a line of its own is
    dropped; "Viola" alone under "Regards," (a signature) is kept."""
    text = "Regards,\nViola\nPermission is hereby granted to you."
    ner = {"recognizer": "SpacyRecognizer"}
    spans = [Found(9, 14, "PERSON", 0.85, "SpacyRecognizer", ner), Found(15, 25, "PERSON", 0.85, "SpacyRecognizer", ner)]
    assert [text[s.start : s.end] for s in resolve(text, spans)] == ["Viola"]
