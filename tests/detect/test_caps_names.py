"""Names in capitals (redactor/detect/recognizers/caps_names.py): headings, headlines, shouting, "John SMITH"."""

from __future__ import annotations

import pytest

from redactor.detect.recognizers.caps_names import CapsNameRecognizer


@pytest.fixture(scope="module")
def recognizer() -> CapsNameRecognizer:
    r = CapsNameRecognizer()
    r.load()
    return r


def found(recognizer: CapsNameRecognizer, text: str) -> list[str]:
    return [text[r.start : r.end] for r in recognizer.analyze(text, ["PERSON"])]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("WITNESS STATEMENT OF JOHN SMITH", ["JOHN SMITH"]),  # a surname that is also a word, after a given name
        ("OKAFOR SCORES TWICE AS KOWALSKI WATCHES", ["OKAFOR", "KOWALSKI"]),
        ("FROM: ANNA KOWALSKA", ["ANNA KOWALSKA"]),
        ("I TOLD DAVE AND HE SAID NO WAY", ["DAVE"]),
        ("STATEMENT OF MARY ANN OKAFOR (AGE 34)", ["MARY ANN OKAFOR"]),
        ("Statement of John SMITH, age 34", ["John SMITH"]),  # the police convention in a sentence
        ("Interview with Anna KOWALSKA at 10:00", ["Anna KOWALSKA"]),
        ("SMITH SCORES TWICE AS CITY WIN", ["SMITH"]),  # a surname that is also a word, heading a headline
        ("Sport\nYOUNG JAILED FOR FRAUD AT BANK", ["YOUNG"]),
        ("“BAKER SAYS SORRY”", ["BAKER"]),  # a word for a person (an agent noun) before a verb of saying
        ("SMITH SAYS SORRY TO FANS", ["SMITH"]),
        ("PARK SAYS HE WILL STAY AT CLUB", ["PARK"]),  # a common noun, then a personal word on the line
        ("WOOD CHARGED OVER CRASH", ["WOOD"]),  # a verb only a person is the subject of
        ("KIM SAYS NO TO NEW CONTRACT", ["KIM"]),  # no English word, too short to stand alone
    ],
)
def test_names_in_capitals_are_found(recognizer, text, names):
    assert found(recognizer, text) == names


@pytest.mark.parametrize(
    "text",
    [
        "WITNESS STATEMENT",
        "VEHICLE DETAILS: BLUE FORD FOCUS",
        "SECTION 9 CRIMINAL JUSTICE ACT 1967",
        "RESTRICTED WHEN COMPLETE",
        "TRANSLATED FROM ENGLISH INTO GERMAN ON MONDAY",  # languages and days
        "VISIT TO FRANCE AND INDIA",  # countries
        "Please check the SIM ICCID and IBAN before Monday",  # acronyms in a sentence
        "IBAN: DE72 2731 8311 1207 9088 72",  # one word in capitals is no shouted line
        "WOOD PRICES RISE AGAIN",  # a surname that is also a word, before a noun: no headline subject
        "YOUNG PEOPLE WARNED ABOUT SCAMS",
        "GREEN ZONE: NO PARKING",
        "SMITH SCORES",  # two words: a label or a heading, not a headline
        "PARK SAYS NO TO NEW CAFE",  # a common noun before a verb a place or a body can be the subject of
        "STORM CLAIMS THREE LIVES",
        "FIELD WINS PLANNING APPEAL",
        "MOSS GROWS ON OLD WALLS",  # no headline verb
        "The match report said SMITH SCORES TWICE",  # not first on its line
        "Report of the MAC address",
        "no capitals at all here",
    ],
)
def test_headings_labels_and_acronyms_are_not_names(recognizer, text):
    assert found(recognizer, text) == []


def test_an_organisation_after_a_name_in_capitals_is_not_a_person(recognizer):
    assert found(recognizer, "JOHN LEWIS PARTNERSHIP LIMITED") in ([], ["JOHN LEWIS"])  # Partnership may be a surname
    assert "ANNA KOWALSKA" not in found(recognizer, "ANNA KOWALSKA COUNCIL")


def test_the_detector_finds_a_name_in_a_heading():
    from redactor import paths
    from redactor.detect.engine import Detector

    models = paths.models_dir()
    detector = Detector(models / "nlp_engine.yaml", models / "recognizers.yaml")
    text = "WITNESS STATEMENT OF HANNAH OKAFOR\nI saw the car at 10pm."
    spans = [(text[s.start : s.end], s.entity) for s in detector.analyze(text)]
    assert ("HANNAH OKAFOR", "PERSON") in spans and not any(v == "WITNESS" for v, _ in spans)
