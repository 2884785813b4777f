"""Places, organisations and things in news text that the name rules read as people (issue 11, ninth pass).

Texts are written here; the names in them are invented or common words, none taken from an evaluation set.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from redactor import paths
from redactor.detect.engine import Detector
from redactor.detect.recognizers.names import NameLexiconRecognizer, TitledNameRecognizer
from redactor.detect.recognizers.ner import OrgNameRecognizer


def artifacts(text: str, *entities: tuple[str, str]) -> SimpleNamespace:
    """What spaCy would hand the recognizers: its entities (value, label) and no tokens."""
    ents = [SimpleNamespace(start_char=text.index(v), end_char=text.index(v) + len(v), label_=label) for v, label in entities]
    return SimpleNamespace(entities=ents, tokens=None)


def lexicon_names(text: str, *entities: tuple[str, str]) -> list[str]:
    recognizer = NameLexiconRecognizer()
    return [text[r.start : r.end] for r in recognizer.analyze(text, ["PERSON"], artifacts(text, *entities))]


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Storms hit the coast overnight. Houston has closed its schools.", "Houston"),  # a city spaCy reads as a place
        ("Storm warnings for Dallas tonight", "Dallas"),
        ("Roads out of Irving closed overnight", "Irving"),
    ],
)
def test_a_given_name_alone_that_spacy_and_the_city_list_call_a_place_is_no_guessed_person(text, place):
    assert place in lexicon_names(text)  # the lexicon alone would guess a person
    assert place not in lexicon_names(text, (place, "GPE"))


@pytest.mark.parametrize(
    ("text", "name", "label"),
    [
        ("Houston said she would call back", "Houston", "GPE"),  # a word about a person in the clause
        ("Kez and Tamsin are coming too", "Tamsin", "GPE"),  # spaCy alone: no city of that name
        ("Jordan scored twice last night", "Jordan", "GPE"),  # a country's name that is a given name in common use
        ("Houston has closed its schools", "Houston", "ORG"),  # not read as a place
    ],
)
def test_a_given_name_stays_a_guess_unless_both_say_place_and_nothing_says_person(text, name, label):
    assert name in lexicon_names(text, (name, label))


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        ("students at the University of North Carolina at Greensboro", "Carolina"),  # a compass word before a given name
        ("voters in the Ostrava West constituency", "Ostrava West"),  # a compass word is no surname
        ("the concert at Exhibition Hall was sold out", "Exhibition Hall"),  # an ordinary word before an ordinary surname
    ],
)
def test_parts_of_places_and_buildings_are_no_names(text, wrong):
    assert wrong not in lexicon_names(text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Carolina said she would call", "Carolina"),
        ("Adam West played the part", "Adam West"),  # a given name first: a full name
        ("Emma Hall was there", "Emma Hall"),
    ],
)
def test_names_with_compass_or_ordinary_words_stay_names(text, name):
    assert name in lexicon_names(text)


def test_a_multi_word_city_spacy_reads_as_a_place_is_no_full_name():
    text = "Flights to Los Angeles cancelled overnight"
    assert "Los Angeles" in lexicon_names(text)  # the lexicon alone: a given name and a capitalised word
    assert lexicon_names(text, ("Los Angeles", "GPE")) == []


def titled(text: str) -> list[str]:
    return [text[r.start : r.end] for r in TitledNameRecognizer().analyze(text, ["PERSON"])]


def test_a_title_that_starts_an_organisations_name_is_no_person():
    assert titled("the Doctor Who Society of Ostrava met") == []
    assert titled("Judge Ardwell Foundation trustees") == []
    assert titled("Dr Emma Hall and Sister Margaret came") == ["Dr Emma Hall", "Sister Margaret"]  # Hall: a common surname


def org_names(text: str, value: str) -> list[str]:
    return [text[r.start : r.end] for r in OrgNameRecognizer().analyze(text, ["PERSON"], artifacts(text, (value, "ORG")))]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("the report — The Ostrava Press, 2 May", "The Ostrava Press"),  # an article of its own
        ("A Front-Cover Text may be at most five words", "Front-Cover Text"),  # ordinary words joined by a hyphen
        ("ranked third in the Lifestyle-Religion category", "Lifestyle-Religion"),
    ],
)
def test_organisations_with_an_article_or_of_ordinary_hyphenated_words_are_not_taken_back_as_people(text, value):
    assert org_names(text, value) == []


def test_names_read_as_organisations_are_still_taken_back():
    assert org_names("Stefano Rinaldi is out through illness", "Stefano Rinaldi") == ["Stefano Rinaldi"]
    assert org_names("signed by Anna-Maria Kowalska today", "Anna-Maria Kowalska") == ["Anna-Maria Kowalska"]


@pytest.fixture(scope="module")
def detector() -> Detector:
    models = paths.models_dir()
    return Detector(models / "nlp_engine.yaml", models / "recognizers.yaml")


def test_a_real_detector_keeps_the_place_flagged_as_a_place(detector):
    text = "Storms hit the coast overnight. Houston has closed its schools."
    spans = [(text[s.start : s.end], s.entity) for s in detector.analyze(text)]
    assert ("Houston", "LOCATION") in spans and ("Houston", "PERSON") not in spans


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        ("I think America's obsession with fame is new", "America"),  # a continent's name that is no common given name
        ("North America Politics and conflicts", "America Politics"),
    ],
)
def test_a_continent_is_no_given_name(text, wrong):
    assert wrong not in lexicon_names(text)


def test_a_country_before_a_listed_surname_is_still_a_name():
    assert lexicon_names("Kenya Moore was there") == ["Kenya Moore"]


@pytest.mark.parametrize(
    ("text", "value", "taken_back"),
    [
        ("Earlier today Wikinews spoke to the organisers", "Wikinews", False),  # an English word and an organisation word
        ("publishers of Rolling Stone Magazine said", "Rolling Stone Magazine", False),  # an organisation word
        ("Did n't Riceball have a different owner", "Riceball", True),  # two English words: a nickname may be one
    ],
)
def test_coined_names_and_publications_are_organisations_nicknames_stay(text, value, taken_back):
    found = [text[r.start : r.end] for r in OrgNameRecognizer().analyze(text, ["PERSON"], tagged(text, (value, "ORG")))]
    assert (found == [value]) is taken_back, found


def tagged(text: str, *entities: tuple[str, str]) -> SimpleNamespace:
    """Artifacts whose tokens say every capitalised word is a proper noun (one-word guesses ask for tags)."""
    tokens = [SimpleNamespace(idx=i, tag_="NNP", pos_="PROPN", is_space=False, ent_type_="") for i in range(len(text)) if text[i].isupper()]
    doc = _Doc(tokens)
    return SimpleNamespace(entities=artifacts(text, *entities).entities, tokens=doc)


class _Doc(list):
    user_data: dict = {}

    def has_annotation(self, _: str) -> bool:
        return True


def test_a_name_before_a_prize_is_kept_by_the_lexicon():
    assert "Charles Parker" in " ".join(lexicon_names("wins the Charles Parker Prize 2014"))


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        ("the exhibit at the Mary & Leigh Gallery opened", "Mary"),  # an article before a given name alone
        ("The Orthodox Church, a Christian denomination, said", "Christian"),
        ("a detective for the Ostrava Kowalski office", "Ostrava Kowalski"),  # and before a surname guess
    ],
)
def test_a_given_name_or_a_guess_after_an_article_is_part_of_the_name_of_a_thing(text, wrong):
    assert wrong not in lexicon_names(text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("that was PE 12 33 90 A\nPrecious keeps texting", "Precious"),  # an article on the line before counts for nothing
        ("tell me that track that Aleksandr was listening to", "Aleksandr"),  # 'that' is no article here
    ],
)
def test_an_article_must_stand_right_before_the_name(text, name):
    assert name in lexicon_names(text)


def test_a_city_with_a_region_after_it_is_a_place_even_near_a_word_about_a_person():
    text = "a boy from Irving, Texas, was arrested"
    assert "Irving" in lexicon_names(text)
    assert "Irving" not in lexicon_names(text, ("Irving", "GPE"))


def test_a_city_after_a_word_about_a_person_in_chat_stays_a_guessed_name():
    text = "I got a text from Sydney about tonight"
    assert "Sydney" in lexicon_names(text, ("Sydney", "GPE"))


@pytest.mark.parametrize("city", ["Dundee", "Bournemouth"])
def test_an_unlisted_one_word_organisation_that_is_a_city_is_not_taken_back_as_a_person(city):
    text = f"Great news for {city} tonight"
    found = [text[r.start : r.end] for r in OrgNameRecognizer().analyze(text, ["PERSON"], tagged(text, (city, "ORG")))]
    assert found == []


@pytest.mark.parametrize("text", ["He grew up in Bishop Auckland, County Durham.", "The train to Bishop Auckland was late"])
def test_a_religious_title_before_a_known_place_is_no_person(text):
    assert titled(text) == []  # a town, not a bishop


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Sister Florence said a prayer", "Sister Florence"),  # a city's name that is a given name in common use
        ("Pastor Jordan spoke first", "Pastor Jordan"),
        ("DC Preston took the statement", "DC Preston"),  # a rank: never a place
        ("Bishop John McAreavey resigned", "Bishop John McAreavey"),
    ],
)
def test_titles_before_names_that_are_also_places_stay_names(text, name):
    assert titled(text) == [name]


def test_a_lone_given_name_that_is_a_special_category_term_is_that_term(detector):
    text = "The stampede at Islam's most holy site happened at dawn."
    spans = {(text[s.start : s.end], s.entity) for s in detector.analyze(text)}
    assert ("Islam", "SPECIAL_CATEGORY") in spans and ("Islam", "PERSON") not in spans


def test_the_special_term_wins_over_the_lexicons_lone_given_name_only():
    from redactor.detect.merge import Found, resolve

    text = "a Christian charity"
    at, end = text.index("Christian"), text.index("Christian") + len("Christian")
    special = Found(at, end, "SPECIAL_CATEGORY", 0.6, "SpecialCategoryRecognizer", {"pattern_name": "religion"})
    guess = Found(at, end, "PERSON", 0.55, "NameLexiconRecognizer", {"pattern_name": "given name"})
    spacy = Found(at, end, "PERSON", 0.85, "SpacyRecognizer", {})
    assert [(s.entity, s.recognizer) for s in resolve(text, [special, guess])] == [("SPECIAL_CATEGORY", "SpecialCategoryRecognizer")]
    assert ("PERSON", "SpacyRecognizer") in [(s.entity, s.recognizer) for s in resolve(text, [special, spacy])]
