"""Non-English segments: language per segment, no English NER over them, and a review finding (issue 14)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from redactor import paths
from redactor.detect.engine import Detector
from redactor.detect.language import LANGUAGE_REVIEW, language, language_findings, language_runs
from redactor.records import Item, Segment

GERMAN = (
    "Der Beschuldigte hat die Wohnung am Montag verlassen und ist mit dem Auto nach Berlin gefahren. "
    "Die Zeugin Anna Schmidt sagte, dass sie ihn dort gesehen hat. Telefon +49 30 1234567."
)
ENGLISH = "I went to the shop with my sister and we bought some milk before going home on the bus."


@pytest.fixture(scope="module")
def detector() -> Detector:
    models = paths.models_dir()
    return Detector(models / "nlp_engine.yaml", models / "recognizers.yaml")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (GERMAN, "de"),
        (ENGLISH, "en"),
        ("Le suspect a quitté l'appartement lundi et il est parti en voiture à Paris pour voir sa soeur.", "fr"),
        ("Podejrzany opuścił mieszkanie w poniedziałek i pojechał samochodem do Warszawy, gdzie spotkał swoją siostrę.", "pl"),
        ("lol ok see u later x", "en"),  # short: treated as English, the full detector runs
        ("omg did u see that, shes mad at me again and i dont even know why tbh lol xx", "en"),
    ],
)
def test_language_per_segment(text, expected):
    assert language(text) == expected


def test_no_english_ner_over_german_but_identifiers_and_names_are_found(detector):
    found = {GERMAN[s.start : s.end]: s.entity for s in detector.analyze(GERMAN)}
    assert "Der Beschuldigte" not in found and "Zeugin" not in found and "Wohnung" not in found
    assert found.get("+49 30 1234567") == "PHONE_NUMBER"
    assert any("Anna Schmidt" in value for value in found)


def test_a_segment_in_another_language_is_put_up_for_review():
    segments = (Segment("g1", "i1", 0, "page", GERMAN), Segment("e1", "i1", 1, "page", ENGLISH))
    item = Item("i1", "S0001", "file", "document", "statement", segments)
    (finding,) = language_findings(item)
    assert finding.segment_id == "g1" and finding.entity == LANGUAGE_REVIEW and finding.explanation["language"] == "de"
    assert (finding.start, finding.end) == (0, len(GERMAN))


POLISH = (
    "Podejrzany opuścił mieszkanie w poniedziałek i pojechał samochodem do Warszawy, gdzie spotkał swoją "
    "siostrę. Następnie wrócił do domu i zadzwonił do kolegi, który nie odebrał telefonu przez cały dzień. "
)
LATE_ENGLISH = "Later that night Jane Whitlock told me that she had seen him outside the house with his brother."


def test_a_long_segment_is_read_to_its_end():
    """English after more than 4,000 characters of Polish still gets the English model: the segment
    counts as English, and only the Polish part is put up for review."""
    polish = POLISH * 30  # about 6,000 characters
    text = polish + LATE_ENGLISH * 30
    assert language(polish) == "pl"
    assert language(text) == "en"
    item = Item("i1", "S0001", "file", "document", "letter", (Segment("s1", "i1", 0, "page", text),))
    findings = language_findings(item)
    assert findings and all(f.explanation["language"] == "pl" for f in findings)
    covered = {i for f in findings for i in range(f.start, f.end)}
    assert len(polish) - len(covered) < 2000  # the Polish part, to within one window
    assert not covered & set(range(len(polish) + 2000, len(text)))  # none of the English tail
    assert "read it too" in findings[0].explanation["textual_explanation"]


def test_a_name_in_english_after_a_long_foreign_part_is_found(detector):
    """A name no name list holds, which only the English model finds: it used to stay in clear when
    the first 4,000 characters of its segment were in another language."""
    tail = ENGLISH * 25 + "Later that night Tobiah Vantreece told me that she had seen him outside the house."
    text = POLISH * 30 + tail
    spans = detector.analyze(text)
    assert any(text[s.start : s.end] == "Tobiah Vantreece" and s.entity == "PERSON" for s in spans)


def test_a_long_segment_in_one_language_is_one_finding():
    text = POLISH * 40
    (finding,) = language_findings(Item("i1", "S0001", "file", "document", "letter", (Segment("s1", "i1", 0, "page", text),)))
    assert (finding.start, finding.end) == (0, len(text.rstrip())) and finding.explanation["language"] == "pl"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab zß1_'’.\n"), max_size=30))
def test_the_short_text_shortcut_and_the_cache_give_the_full_reading(text):
    from redactor.detect.language import _runs

    assert language_runs(text) == list(_runs.__wrapped__(text))


CZECH = (
    "Včera jsem byla s kamarádkou Janou v Praze a potom jsme jely vlakem do Brna, kde jsme spaly u jejího "
    "bratra. Ráno jsme se vrátily domů a Jana v Olomouci ještě nakoupila dárky pro celou rodinu."
)
FRENCH = (
    "Le suspect a quitté l'appartement lundi avec son Ami et il est parti en voiture à Paris pour voir sa soeur, "
    "puis il a appelé sa mère depuis la gare avant de rentrer chez lui."
)


@pytest.mark.parametrize(("text", "cue"), [(CZECH, "CasePartyRecognizer"), (FRENCH, "RoleNameRecognizer")])
def test_english_cue_recognizers_do_not_run_over_another_language(detector, text, cue):
    """Czech "v" means "in" ("Janou v Praze" is no case title) and French "son" is "his" ("son Ami"):
    the role-word and case-title recognizers read English cues, so a foreign segment is not given to them."""
    from redactor.detect.engine import ENGLISH_ONLY

    recognizer = next(r for r in detector.engine.registry.recognizers if r.name == cue)
    wrong = {(r.start, r.end) for r in recognizer.analyze(text, ["PERSON"])}
    assert wrong and cue in ENGLISH_ONLY and language(text) != "en"  # it would misfire here
    spans = detector.analyze(text)
    assert cue not in {s.recognizer for s in spans} | {m["recognizer"] for s in spans for m in s.explanation.get("merged", ())}
    assert "Praze" not in {text[s.start : s.end] for s in spans}  # a town, not a party
