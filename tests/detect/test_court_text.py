"""Court-judgment text: parties and reference numbers found, the court itself and statutes left alone (issue 11).

Sentences are written here in a judgment's register; the names are invented.
"""

from __future__ import annotations

import pytest

from redactor import paths
from redactor.detect.engine import build_registry
from redactor.detect.merge import Found, resolve
from redactor.detect.recognizers.address import StreetAddressRecognizer
from redactor.detect.recognizers.case_parties import CasePartyRecognizer
from redactor.detect.recognizers.role_names import RoleNameRecognizer
from redactor.detect.recognizers.world_address import WorldAddressRecognizer


@pytest.fixture(scope="module")
def references():
    registry = build_registry(paths.models_dir() / "recognizers.yaml", "en")
    [recognizer] = [r for r in registry.recognizers if r.name == "CaseReferenceRecognizer"]

    def found(text: str) -> list[str]:
        return [text[r.start : r.end] for r in recognizer.analyze(text, ["CASE_REFERENCE"], None)]

    return found


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The case originated in an application (no. 41872/09) against Ostremund.", "41872/09"),
        ("It originated in two applications (nos. 30512/98 and 30513/98) lodged in 1998.", "30512/98 and 30513/98"),
        ("In the case of Vardoq v. Ostremund (no. 12/1995/345/678), the Court", "12/1995/345/678"),
        ("the Supreme Court dismissed the appeal on points of law (case no. II KK 314/07).", "II KK 314/07"),
        ("By a decision of 3 May 2007 (no. 4 Tdo 1025/2006) the court quashed it.", "4 Tdo 1025/2006"),
        ("The Regional Court (file no. 3 Ob 180/09) agreed.", "3 Ob 180/09"),
    ],
)
def test_application_and_case_numbers_are_found(references, text, value):
    assert value in references(text)


@pytest.mark.parametrize(
    "text",
    [
        "Section 42 of the Code of Criminal Procedure (Law no. 141/1961) provides that",
        "as amended by Act no. 52/2004 and Decree no. 7/1998",
        "(see Series A no. 324, §§ 52-56)",
    ],
)
def test_a_statute_or_series_number_is_no_case_reference(references, text):
    assert references(text) == []


def addresses(text: str) -> list[str]:
    found = StreetAddressRecognizer().analyze(text, ["STREET_ADDRESS"]) + WorldAddressRecognizer().analyze(text, ["STREET_ADDRESS"])
    return [text[r.start : r.end] for r in found]


@pytest.mark.parametrize(
    "text",
    [
        "The Court refers to the general principles set out in its case-law.",
        "The applicant appealed to the Regional Court and then to the European Court of Human Rights.",
        "The case originated in an application against Norway lodged with the Court.",
        "The judgment was delivered on 27 February 1995 The Court awards EUR 9,800.",
        "The Government replied on 2 December 2002. The Court refers to its case-law.",
        "He had not seen his brother since the spring of 1947. The Court notes that.",
        "His lawyer lodged an objection with the Izmir Assize Court on 3 May 2004.",
        "The Ankara Penal Court dismissed both claims.",
    ],
)
def test_the_court_dates_and_countries_are_no_address(text):
    assert addresses(text) == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("She lives at 3 The Court, Chester", "3 The Court, Chester"),  # a cul-de-sac with a house number
        ("they moved to Kestrel Court, Leeds", "Kestrel Court, Leeds"),
        ("the flat on Broadway", "Broadway"),
        ("meet me at 12 Mill Lane", "12 Mill Lane"),
    ],
)
def test_streets_named_court_and_way_stay_addresses(text, value):
    assert value in addresses(text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("On 19 February 2001 the applicant's wife, Ilse Varga, lodged a criminal complaint.", "Ilse Varga"),
        ("The first applicant is a parent of the second applicant, Dovile Kantrimaite. They live in Kaunas.", "Dovile Kantrimaite"),
    ],
)
def test_a_name_after_a_role_and_a_comma_is_found(text, name):
    assert name in [text[r.start : r.end] for r in RoleNameRecognizer().analyze(text, ["PERSON"])]


@pytest.mark.parametrize("text", ["thanks mate, Good game tonight", "the applicant, The Government argued", "my friend, and then"])
def test_ordinary_words_after_a_role_and_a_comma_are_no_name(text):
    assert RoleNameRecognizer().analyze(text, ["PERSON"]) == []


def test_a_case_title_in_capitals_names_a_party_whose_surname_is_also_a_word():
    text = "CASE OF MARTINS v. PORTUGAL\n(Application no. 24350/61)"
    assert [text[r.start : r.end] for r in CasePartyRecognizer().analyze(text, ["PERSON"])] == ["MARTINS"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("me and my mate dave went into town", "dave"),
        ("she is a huge fan of sophie", "sophie"),
        ("my sister kowalczyk said", "kowalczyk"),
        ("my sister qwrtz said", None),
    ],
)
def test_a_listed_name_in_lower_case_after_a_relation_or_phrase(text, name):
    found = [text[r.start : r.end] for r in RoleNameRecognizer().analyze(text, ["PERSON"])]
    assert found == ([name] if name else [])


@pytest.mark.parametrize("text", ["my brother jack is here", "my friend will come", "a fidget spinner vid", "named after her gran"])
def test_lower_case_english_words_and_roles_are_no_name(text):
    assert RoleNameRecognizer().analyze(text, ["PERSON"]) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The applicant, Mr A.B., is a national of Ostremund.", "Mr A.B."),
        ("Ms K. told the court that she had been threatened.", "Ms K."),
        ("The applicant was represented by Mr J.-P. Varga, a lawyer.", "Mr J.-P. Varga"),
        ("On 4 May 2003 Captain D., the unit's commander, refused.", "Captain D."),
        ("Investigator V. of the town prosecutor's office questioned him.", "Investigator V."),
        ("Lieutenant Colonel Borys Hnatiuk signed the order.", "Lieutenant Colonel Borys Hnatiuk"),
    ],
)
def test_a_title_and_initials_are_a_name_with_the_last_full_stop(text, name):
    from redactor.detect.recognizers.names import TitledNameRecognizer

    found = TitledNameRecognizer().analyze(text, ["PERSON"])
    spans = [Found(r.start, r.end, "PERSON", r.score, "TitledNameRecognizer", {}) for r in found]
    assert [text[s.start : s.end] for s in resolve(text, spans)] == [name]


def test_a_name_before_a_sentence_end_loses_the_full_stop():
    text = "I saw Mr Smith. Then Jane Okafor."
    spans = [Found(6, 15, "PERSON", 0.9, "TitledNameRecognizer", {}), Found(21, 33, "PERSON", 0.85, "SpacyRecognizer", {})]
    assert [text[s.start : s.end] for s in resolve(text, spans)] == ["Mr Smith", "Jane Okafor"]


@pytest.mark.parametrize(("text", "name"), [("Huttenstrasse 34, Haus O.", "Haus O"), ("Prospekti 9, Blok B.", "Blok B")])
def test_a_unit_letter_at_a_sentence_end_is_no_initial(text, name):
    start = text.index(name)
    spans = [Found(start, len(text), "PERSON", 0.85, "SpacyRecognizer", {})]
    assert [text[s.start : s.end] for s in resolve(text, spans)] == [name]
