"""Names from many cultures and spaCy organisations that are people (issue 11)."""

from __future__ import annotations

import pytest

from redactor import paths
from redactor.detect import name_lists
from redactor.detect.engine import Detector


@pytest.fixture(scope="module")
def detector() -> Detector:
    models = paths.models_dir()
    return Detector(models / "nlp_engine.yaml", models / "recognizers.yaml")


def names_in(detector: Detector, text: str) -> set[str]:
    return {text[s.start : s.end] for s in detector.analyze(text) if s.entity == "PERSON"}


def test_the_world_lists_are_loaded_without_ordinary_words():
    given, surnames = name_lists.given_names(), name_lists.surnames()
    assert {"Łukasz", "Ágnes", "Zbigniew", "Mihai", "Priya", "Siobhan"} <= given
    assert {"Nguyen", "Rodriguez", "Murphy"} <= surnames
    assert not {"Rose", "Will", "May", "Im"} & given
    assert name_lists.is_english_word("Gadgets") and not name_lists.is_english_word("Bitar")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Stefano Rinaldi is out through illness", "Stefano Rinaldi"),
        ("goalkeeper Tariq Haddad appeared to have", "Tariq Haddad"),
        ("What's the name on the account? User: Ágnes Kovácsné", "Ágnes Kovácsné"),
        ("Transfer sent by Łukasz Wiśniewski yesterday", "Łukasz Wiśniewski"),
        ("Mihai Popescu said he would come round", "Mihai Popescu"),
        ("I saw Nguyen Thi Lan at the bus stop", "Nguyen Thi Lan"),
    ],
)
def test_names_of_many_cultures(detector, text, name):
    assert any(name in found or found in name and len(found) > len(name) // 2 for found in names_in(detector, text)), names_in(
        detector, text
    )


@pytest.mark.parametrize(
    "text",
    [
        "We watched Star Wars and ate Ice Cream.",
        "I ordered from Nifty Gadgets again.",
        "She bought a Samsung phone and a Coke.",
        "Leeds Crown Court listed the case.",
        "Ofcom said the complaint was upheld.",
        "I complained to Ofsted about the nursery.",
    ],
)
def test_ordinary_words_brands_and_institutions_are_not_people(detector, text):
    assert not names_in(detector, text)


def test_a_name_before_a_number_keeps_the_name(detector):
    text = "the fastest lap was Alonso 222 on the day"
    found = names_in(detector, text)
    assert not any(any(c.isdigit() for c in f) for f in found)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("can you ask sophie to ring me", "sophie"),
        ("me and jack are going out", "jack"),
        ("dont tell kasia about it", "kasia"),
        ("can you tell mo to ring me", "mo"),  # a two-letter name after a strong cue
        ("ask jo if shes coming", "jo"),
        ("ask kowalski about the car", "kowalski"),  # a lower-case surname alone after a strong cue
        ("tell okafor im running late", "okafor"),
    ],
)
def test_lower_case_names_in_chat_with_a_cue(detector, text, name):
    assert name in names_in(detector, text)


@pytest.mark.parametrize(
    "text",
    [
        "thanks mate see you later",
        "hey girl hows it going",
        "i went with the car",
        "ty so much see u later",  # "ty" is "thank you", not a name
        "tell me ok",  # two-letter words that are no names
        "ask us or go with mo",  # "mo" after a weak cue only
        "tell smith hes late",  # a surname that is also a word
    ],
)
def test_no_lower_case_name_without_one(detector, text):
    assert not names_in(detector, text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("is emma coming tonight or not", "emma"),
        ("chloe's mum picked us up at 9", "chloe"),
        ("lol ryan is such a liar", "ryan"),
        ("going round freddie after school", "freddie"),
    ],
)
def test_lower_case_given_names_in_common_use_without_a_cue(detector, text, name):
    assert any(name in found.split() for found in names_in(detector, text))


@pytest.mark.parametrize(
    "text",
    [
        "see you in june, will ring on monday",  # months, days, names that are English words
        "n = len(row)\nif val == 1:\n    return val",  # code: identifiers, not names
        "see ~/emma/notes.txt or @emma or #emma",  # paths, handles and tags belong to other recognizers
    ],
)
def test_no_bare_lower_case_name_in_calendar_words_code_or_handles(detector, text):
    from redactor.detect.recognizers.chat_names import ChatNameRecognizer

    assert not [r for r in ChatNameRecognizer().analyze(text, ["PERSON"]) if r.score < ChatNameRecognizer.SCORE]


@pytest.mark.parametrize(
    ("text", "name"),
    [("saw amy schumer on the telly", "amy schumer"), ("Kylie minogue tickets sold out", "Kylie minogue")],
)
def test_a_given_name_and_a_lower_case_surname_are_one_name(text, name):
    from redactor.detect.recognizers.chat_names import ChatNameRecognizer

    found = {text[r.start : r.end] for r in ChatNameRecognizer().analyze(text, ["PERSON"])}
    assert name in found


def test_english_frequency_comes_from_the_list_columns_for_britain_ireland_and_the_usa():
    frequency = name_lists.english_frequency()
    assert frequency["emma"] >= 5 and frequency["ryan"] >= 5
    assert "zbigniew" not in frequency or frequency["zbigniew"] < 2  # a Polish name, rare in those countries


def test_a_given_name_before_an_organisation_word_is_no_person_but_a_surname_stays(detector):
    from redactor.detect.recognizers.names import NameLexiconRecognizer

    recognizer = NameLexiconRecognizer()
    text = "a grant from the Jenna Foundation, said Emma Hall"
    found = {text[r.start : r.end] for r in recognizer.analyze(text, ["PERSON"])}
    assert "Emma Hall" in found and not any("Foundation" in f for f in found)


@pytest.mark.parametrize(
    ("text", "flagged", "not_flagged"),
    [
        ("A sensitive Environment Canada document was found", set(), "Environment Canada"),  # a body of a country
        ("edition only at Walmart Canada today", set(), "Walmart Canada"),
        ("tax rates devolved to Northern Ireland soon", set(), "Northern Ireland"),
        ("a letter from Emma Canada", {"Emma"}, "Emma Canada"),  # the given name stays a name on its own
        ("a letter from Kevin Jordan", {"Kevin Jordan"}, ""),  # a country that is a given name in common use
    ],
)
def test_a_countrys_name_is_no_surname(text, flagged, not_flagged):
    from redactor.detect.recognizers.names import NameLexiconRecognizer

    found = {text[r.start : r.end] for r in NameLexiconRecognizer().analyze(text, ["PERSON"])}
    assert flagged <= found
    assert not_flagged not in found


@pytest.mark.parametrize(
    ("text", "not_flagged"),
    [
        ("Jane Whitlock Age 34", "Jane Whitlock Age"),
        ("Vehicle seen at 10pm. Vehicle was a blue Ford.", "Vehicle"),
        ("Photo of the receipt (scan) attached.", "scan"),
        ("Translated from Spanish by the interpreter.", "Spanish"),
        ("Indian takeaway on the corner", "Indian"),
        ("You may modify your copy of the Library and distribute such modifications.", "Library"),  # a licence file
        ("If the Library as you received it refers to a function, then this License applies.", "Library"),
    ],
)
def test_labels_common_nouns_and_languages_outside_a_personal_context(detector, text, not_flagged):
    assert not_flagged not in {text[s.start : s.end] for s in detector.analyze(text)}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("So fitting that Bodega was a shit detective .", "Bodega"),  # "that" is a conjunction here
        ("I saw the Whitlock boy at the shop", "Whitlock"),  # after "the", but a listed name
        ("Ask the Rose girl", "Rose"),
    ],
)
def test_a_name_after_a_determiner_or_conjunction_stays(detector, text, name):
    assert name in {text[s.start : s.end] for s in detector.analyze(text)}


def test_nationality_about_a_person_stays(detector):
    text = "She is Spanish and her boyfriend is Polish."
    assert {"Spanish", "Polish"} <= {text[s.start : s.end] for s in detector.analyze(text)}


def test_the_given_names_are_read_as_data_without_running_the_gpl_package():
    """gender-guesser's code is GPLv3; redactor (MIT) reads only its data file (models/NAMES.md)."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from redactor.detect import name_lists\n"
        "assert len(name_lists.given_names_raw()) > 40000\n"
        "print(sorted(m for m in sys.modules if m.startswith('gender_guesser')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_a_missing_given_name_list_is_an_install_error_not_an_empty_list():
    from redactor.errors import ConfigError

    with pytest.raises(ConfigError, match="not installed") as caught:
        name_lists.given_names_file("no-such-distribution-xyz")
    assert "make install" in caught.value.hint


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        ("an ORG of one word that no list holds: Drogba struggles", "Drogba", True),
        ("Why are you not talking about Quorvex today", "Quorvex", True),
        ("You may modify your copy of this Package freely", "Package", False),  # after a determiner
        ("they used an Oxford comma", "Oxford", False),
        ("a great festival in Geelong this weekend", "Geelong", False),  # a preposition of place
        ("This week's Ag blog", "Ag", False),  # two letters
        ("Nightmare was pretty cool", "Nightmare", False),  # an ordinary word at a sentence start
        ("Leisha's brother lives near the shop.", "Leisha", True),  # an unlisted word at a sentence start stays
        ("the inquiry went before Senate today", "Senate", False),  # an ordinary word no name list holds
        ("I thought Undead Nightmare was good", "Nightmare", False),
        ("Why are you not talking about Trump today", "Trump", True),  # an ordinary word a surname list holds
        ("Ripley and Bishop back at it again", "Bishop", True),
        ("critics of Quorvexology say so", "Quorvexology", False),  # endings of doctrines, fears and towns
        ("a former Quorvexologist, has claimed", "Quorvexologist", False),
        ("subject to Quorvexophobia and worse", "Quorvexophobia", False),
        ("a former resident of Quorvexville.", "Quorvexville", False),
        ("the rise of Quorvexism worries them", "Quorvexism", False),
    ],
)
def test_a_one_word_organisation_no_list_holds_is_a_name_only_with_a_proper_nouns_shape(text, word, expected):
    from redactor.detect.recognizers.ner import OrgNameRecognizer

    start = text.index(word)
    assert OrgNameRecognizer._unlisted_word_is_a_name(text, start, word, {start}) is expected
    assert OrgNameRecognizer._unlisted_word_is_a_name(text, start, word, set()) is False  # not tagged a proper noun


@pytest.mark.parametrize(
    ("text", "word", "person"),
    [
        ("We met in Sydney last year", "Sydney", False),  # a given name after a preposition of place
        ("I flew to France and Israel", "France", False),  # a country that is a rare given name
        ("Sydney said hi", "Sydney", True),
        ("Jordan said he would come", "Jordan", True),  # a country that is a given name in common use
        ("in Sophie's car", "Sophie", True),  # a possessive: a person's, not a place
    ],
)
def test_a_given_name_alone_that_names_a_place(text, word, person):
    from redactor.detect.recognizers.names import _a_place

    assert _a_place(text, word, text.index(word)) is not person
