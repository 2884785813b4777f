"""Each of our recognizers on its own: what it must find (whole span) and what it must leave alone.

Synthetic values only: Ofcom drama numbers, QQ-prefix NI numbers, computed check digits.
"""

from __future__ import annotations

import pytest

from redactor.detect.recognizers.address import StreetAddressRecognizer
from redactor.detect.recognizers.contact import DateOfBirthRecognizer, SocialHandleRecognizer, UkPhoneRecognizer
from redactor.detect.recognizers.names import NameLexiconRecognizer, TitledNameRecognizer
from redactor.detect.recognizers.special import SpecialCategoryRecognizer
from redactor.detect.recognizers.uk_ids import (
    CardNumberRecognizer,
    CroNumberRecognizer,
    DrivingLicenceRecognizer,
    GpsRecognizer,
    IccidRecognizer,
    ImeiRecognizer,
    ImsiRecognizer,
    NhsNumberRecognizer,
    PassportRecognizer,
    PncIdRecognizer,
    SortCodeAccountRecognizer,
    UkNinoRecognizer,
    VehicleRegistrationRecognizer,
    mod23_letter,
)

THRESHOLD = 0.35  # the default pipeline's score threshold


def found(recognizer, text: str) -> list[str]:
    """Texts the recognizer reports at or above the pipeline threshold."""
    results = recognizer.analyze(text, recognizer.supported_entities)
    return [text[r.start : r.end] for r in results if r.score >= THRESHOLD]


POSITIVE = [
    (UkPhoneRecognizer, "ring me on 07700 900123 x", "07700 900123"),
    (UkPhoneRecognizer, "new number 07700900123", "07700900123"),
    (UkPhoneRecognizer, "call +44 7700 900123 now", "+44 7700 900123"),
    (UkPhoneRecognizer, "call +447700900123", "+447700900123"),
    (UkPhoneRecognizer, "0044 7700 900 123 is mine", "0044 7700 900 123"),
    (UkPhoneRecognizer, "on (07700) 900123.", "(07700) 900123"),
    (UkPhoneRecognizer, "tel 07700-900-123", "07700-900-123"),
    (UkPhoneRecognizer, "office +44 (0)113 496 0123", "+44 (0)113 496 0123"),
    (UkPhoneRecognizer, "landline 020 7946 0321", "020 7946 0321"),
    (UkPhoneRecognizer, "landline (0113) 496 0123", "(0113) 496 0123"),
    (UkNinoRecognizer, "NI number AB 12 34 56 C.", "AB 12 34 56 C"),
    (UkNinoRecognizer, "QQ123456C", "QQ123456C"),
    (UkNinoRecognizer, "national insurance no. QQ 12 34 56", "QQ 12 34 56"),
    (NhsNumberRecognizer, "NHS number 943 476 5919", "943 476 5919"),
    (NhsNumberRecognizer, "ref 9434765919 on file", "9434765919"),
    (VehicleRegistrationRecognizer, "a silver corsa AB12 CDE outside", "AB12 CDE"),
    (VehicleRegistrationRecognizer, "reg YX68TUV", "YX68TUV"),
    (VehicleRegistrationRecognizer, "old Fiesta, registration M123 ABC", "M123 ABC"),
    (VehicleRegistrationRecognizer, "number plate ABC 123D", "ABC 123D"),
    (VehicleRegistrationRecognizer, "car registration AB 1234", "AB 1234"),
    (SortCodeAccountRecognizer, "sort code 20-45-67 acc 12345678", "20-45-67"),
    (SortCodeAccountRecognizer, "pay it into 20-45-67 12345678 cheers", "20-45-67 12345678"),
    (CardNumberRecognizer, "card 4532 0151 1283 0366", "4532 0151 1283 0366"),
    (CardNumberRecognizer, "4532015112830366", "4532015112830366"),
    (ImeiRecognizer, "IMEI 352099001761481", "352099001761481"),
    (ImeiRecognizer, "handset 352099001761481 seized", "352099001761481"),
    (IccidRecognizer, "SIM 8944123456789012348", "8944123456789012348"),
    (PassportRecognizer, "passport number 123456789", "123456789"),
    (DrivingLicenceRecognizer, "licence MORGA657054SM9IJ produced", "MORGA657054SM9IJ"),
    (PncIdRecognizer, "PNC ID 84/123456U", "84/123456U"),
    (PncIdRecognizer, "record 1984/0123456U", "1984/0123456U"),
    (PncIdRecognizer, "84/123456U", "84/123456U"),
    (CroNumberRecognizer, "CRO 123456/84N", "123456/84N"),
    (ImsiRecognizer, "IMSI 234150123456789", "234150123456789"),
    (ImsiRecognizer, "subscriber 310150123456789", "310150123456789"),
    (GpsRecognizer, "lat/long 53.79648, -1.54785 at 21:14", "53.79648, -1.54785"),
    (DateOfBirthRecognizer, "I was born on 12/03/1994.", "12/03/1994"),
    (DateOfBirthRecognizer, "DOB 1st March 2004", "1st March 2004"),
    (DateOfBirthRecognizer, "date of birth is 03.07.1990.", "03.07.1990"),
    (SocialHandleRecognizer, "add me on insta @kirsty_m_x", "@kirsty_m_x"),
    (SocialHandleRecognizer, "his snap is @chlo3xo", "@chlo3xo"),
    (StreetAddressRecognizer, "I live at Flat 3, 12 Mill Lane, Leeds LS6 2AB.", "Flat 3, 12 Mill Lane, Leeds LS6 2AB"),
    (StreetAddressRecognizer, "im at 7a Heol y Parc come round", "7a Heol y Parc"),
    (StreetAddressRecognizer, "at 14 Larkspur Close, Wakefield WF2 8QT with", "14 Larkspur Close, Wakefield WF2 8QT"),
    (TitledNameRecognizer, "I told PC 2231 Davies what", "PC 2231 Davies"),
    (TitledNameRecognizer, "DS Khan attended", "DS Khan"),
    (TitledNameRecognizer, "seen by Dr Patel at", "Dr Patel"),
    (TitledNameRecognizer, "Mrs O'Neill said", "Mrs O'Neill"),
    (TitledNameRecognizer, "a statement by President Tovkar today", "President Tovkar"),  # offices and callings
    (TitledNameRecognizer, "Senator Jo Lemsin voted", "Senator Jo Lemsin"),
    (TitledNameRecognizer, "thanks to Sister Margaret for", "Sister Margaret"),
    (TitledNameRecognizer, "Bishop John Ardwell said", "Bishop John Ardwell"),
    (NameLexiconRecognizer, "I went with Hannah Okafor to", "Hannah Okafor"),
    (NameLexiconRecognizer, "Subject Chloe Whitfield (DOB", "Chloe Whitfield"),
    (SpecialCategoryRecognizer, "she has been having counselling since", "counselling"),
    (SpecialCategoryRecognizer, "he told me he is bisexual", "bisexual"),
    (SpecialCategoryRecognizer, "she was on sertraline", "sertraline"),
    (SpecialCategoryRecognizer, "his family are Polish", "Polish"),
]

NEGATIVE = [
    (UkPhoneRecognizer, "PC 2231 Davies attended"),
    (UkPhoneRecognizer, "Windows 10 build 19045"),
    (UkPhoneRecognizer, "Total £1,250.00 on 03/02/2024"),
    (UkPhoneRecognizer, "NHS number 943 476 5919"),
    (UkPhoneRecognizer, "counter 00:45:10"),
    (UkPhoneRecognizer, "PHOTO-2024-03-01-13-05-00.jpg"),
    (UkNinoRecognizer, "BG123456A and GB123456A"),
    (UkNinoRecognizer, "DA123456A"),
    (NhsNumberRecognizer, "NHS number 943 476 5918"),
    (VehicleRegistrationRecognizer, "AB50 CDE"),
    (VehicleRegistrationRecognizer, "Platform 4 at 17:45"),
    (VehicleRegistrationRecognizer, "vehicle seen on ANPR at junction 32 of the M62"),
    (StreetAddressRecognizer, "listed at Leeds Crown Court on Monday"),
    (SortCodeAccountRecognizer, "the gig on 12-03-24 was good"),
    (SortCodeAccountRecognizer, "order 12345678 dispatched"),
    (CardNumberRecognizer, "4532015112830367"),
    (CardNumberRecognizer, "IMEI 352099001761481"),
    (CardNumberRecognizer, "pinned at 35.63439178466797, -78.85267639160156"),
    (CardNumberRecognizer, "ratio 4532015112830366.25"),
    (PassportRecognizer, "order 123456789 dispatched"),
    (PncIdRecognizer, "84/123456A"),
    (CroNumberRecognizer, "123456/84A"),
    (ImsiRecognizer, "order 310150123456789"),
    (GpsRecognizer, "version 2.3.1 and 14.5 degrees"),
    (DateOfBirthRecognizer, "The hearing is on 12/03/2024."),
    (SocialHandleRecognizer, "email jo.bloggs@gmail.com"),
    (SocialHandleRecognizer, "see you @ 7"),
    (StreetAddressRecognizer, "Total cost £1,250.00 including VAT at 20%."),
    (TitledNameRecognizer, "Mr and Mrs went out"),
    (NameLexiconRecognizer, "May I ask about the Will"),
    (NameLexiconRecognizer, "The Crown Prosecution Service"),
    (SpecialCategoryRecognizer, "nail polish and a visa card"),
]


@pytest.mark.parametrize(("cls", "text", "expected"), POSITIVE, ids=[f"{c.__name__}:{e}" for c, _, e in POSITIVE])
def test_finds_the_whole_value(cls, text, expected):
    assert expected in found(cls(), text)


@pytest.mark.parametrize(("cls", "text"), NEGATIVE, ids=[f"{c.__name__}:{t}" for c, t in NEGATIVE])
def test_leaves_non_personal_data_alone(cls, text):
    assert found(cls(), text) == []


@pytest.mark.parametrize(("number", "letter"), [("840123456", "U"), ("84123456", "N"), ("000000001", "A")])
def test_mod23_check_letter(number, letter):
    assert mod23_letter(number) == letter


def test_checksum_raises_the_score_and_explains_it():
    [r] = NhsNumberRecognizer().analyze("NHS number 943 476 5919", ["UK_NHS"])
    assert r.score >= 0.9
    assert "checksum valid" in r.analysis_explanation.textual_explanation


def test_wrong_pnc_check_letter_is_still_reported_next_to_a_context_word():
    assert found(PncIdRecognizer(), "PNC 84/123456A") == ["84/123456A"]


def test_special_category_names_its_category():
    [r] = SpecialCategoryRecognizer().analyze("attending CAMHS", ["SPECIAL_CATEGORY"])
    assert r.recognition_metadata["category"] == "mental_health"


def test_titled_names_never_cross_a_line():
    assert found(TitledNameRecognizer(), "seen by DS\nKhan") == []


HOSTILE = {
    "spaced digits": "0 1 2 3 4 5 6 7 8 9 " * 2000,
    "dashed digits": "07-7-0-0-9-0-0-1-2-3-" * 2000,
    "capitalised words": "Aaaa Bbbb Cccc Dddd " * 2000,
    "numbers and capitals": "12 Aaaa Bbbb Cccc Road, Eeee Ffff " * 1000,
    "at signs": "@a_b.c_d.e_f.g_h " * 2000,
    "slashes": "12/34/56/78/90/" * 2000,
    "one long number": "1" * 40000,
}
ALL = [
    UkPhoneRecognizer,
    SocialHandleRecognizer,
    DateOfBirthRecognizer,
    StreetAddressRecognizer,
    TitledNameRecognizer,
    NameLexiconRecognizer,
    SpecialCategoryRecognizer,
    UkNinoRecognizer,
    NhsNumberRecognizer,
    VehicleRegistrationRecognizer,
    SortCodeAccountRecognizer,
    CardNumberRecognizer,
    ImeiRecognizer,
    IccidRecognizer,
    ImsiRecognizer,
    GpsRecognizer,
    PassportRecognizer,
    DrivingLicenceRecognizer,
    PncIdRecognizer,
    CroNumberRecognizer,
]


@pytest.mark.parametrize("name", list(HOSTILE))
def test_pathological_text_gives_sane_spans(name):
    text = HOSTILE[name]
    for cls in ALL:
        recognizer = cls()
        for r in recognizer.analyze(text, recognizer.supported_entities):
            assert 0 <= r.start < r.end <= len(text)
