"""Phone numbers, street addresses and reference numbers in international shapes (issue 11)."""

from __future__ import annotations

import phonenumbers
import pytest

from redactor import paths
from redactor.detect.engine import Detector
from redactor.detect.recognizers.phones import WorldPhoneRecognizer
from redactor.detect.recognizers.world_address import WorldAddressRecognizer


@pytest.fixture(scope="module")
def detector() -> Detector:
    models = paths.models_dir()
    return Detector(models / "nlp_engine.yaml", models / "recognizers.yaml")


def covered(detector: Detector, text: str, value: str) -> bool:
    at = text.index(value)
    chars = {i for s in detector.analyze(text) for i in range(s.start, s.end)}
    return all(at + i in chars for i, c in enumerate(value) if not c.isspace())


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Phone: (21) 3456-7890 after six", "(21) 3456-7890"),
        ("Desk: +41 (0)44 668 18 00", "+41 (0)44 668 18 00"),
        ("Fax: 2025550143", "2025550143"),
        ("zadzwoń +48 601 234 567 jutro", "+48 601 234 567"),
        ("his mob 0601-234-567 now", "0601-234-567"),
        ("WhatsApp 0803 123 4567", "0803 123 4567"),
        ("call 0040 721 234 567 tonight", "0040 721 234 567"),
        ("my cousin's number in Lagos is +234 803 123 4567", "+234 803 123 4567"),
        ("text 98765 43210 when there", "98765 43210"),
    ],
)
def test_phone_numbers_of_every_country(detector, text, value):
    assert covered(detector, text, value)


@pytest.mark.parametrize(
    "text",
    ["Total £1,250.00 on 03/02/2024", "meeting 2020-06-15 10:30", "ref 12345678 closed", "counter 00:45:10", "in 1999 and 2004 and 2011"],
)
def test_numbers_that_are_not_phones(text):
    assert not WorldPhoneRecognizer().analyze(text, ["PHONE_NUMBER"])


def test_a_phone_keeps_its_e164_form():
    (found,) = WorldPhoneRecognizer().analyze("call me +48 601 234 567 ok", ["PHONE_NUMBER"])
    assert found.recognition_metadata["e164"] == "+48601234567"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Address: 21 Kossuth Lajos utca 7. Suite 12 Debrecen", "21 Kossuth Lajos utca 7. Suite 12 Debrecen"),
        ("she lives at 40015 Rua das Flores 210, Salvador", "40015 Rua das Flores 210, Salvador"),
        ("He stays at 88 Maple Drive, Ottawa, ON K1A 0B1.", "88 Maple Drive, Ottawa, ON K1A 0B1"),
        ("Wohnt in Bahnhofstraße 12, 80335 München.", "Bahnhofstraße 12, 80335 München"),
        ("adres: ul. Polna 4/12, 31-000 Kraków", "ul. Polna 4/12, 31-000 Kraków"),
        ("moved to Calle Alcalá 99, Madrid", "Calle Alcalá 99, Madrid"),
        ("Strada Lipscani 5, Bucuresti", "Strada Lipscani 5, Bucuresti"),
        ("send it to PO Box 7781, Kampala", "PO Box 7781, Kampala"),
        ("I live at 14 Larkspur Close, Wakefield WF2 8QT with my partner.", "14 Larkspur Close, Wakefield WF2 8QT"),
        ("She lives at nám. Míru 15, Praha", "nám. Míru 15, Praha"),  # Czech words before the name
        ("He moved to tř. Svobody 12, 779 00 Olomouc", "tř. Svobody 12, 779 00 Olomouc"),
        ("meet me at náměstí Republiky 5, Plzeň", "náměstí Republiky 5, Plzeň"),
        ("Address is οδός Αγάπης 54, 11524 Αθήνα", "οδός Αγάπης 54, 11524 Αθήνα"),  # Greek
        ("she lives at Αγάπης 54, Θήβα", "Αγάπης 54, Θήβα"),  # Greek, no street word, after a cue
        ("Send it to ул. Ленина, д. 5, кв. 12, Москва", "ул. Ленина, д. 5, кв. 12, Москва"),  # house word "д."
        ("Адрес: вул. Шевченка, буд. 10, кв. 3, Київ", "вул. Шевченка, буд. 10, кв. 3, Київ"),
        ("he lives at улица Пушкина 10, Санкт-Петербург", "улица Пушкина 10"),
        ("lives at пр. Мира 7, Москва", "пр. Мира 7, Москва"),
        # Greek and Cyrillic with no English cue: cues in those languages, or a postcode and town or a flat after the number
        ("Σπίτι: Ερμού 25, 105 63 Αθήνα", "Ερμού 25, 105 63 Αθήνα"),
        ("Μένει στην Αγίας Σοφίας 12, Θεσσαλονίκη", "Αγίας Σοφίας 12, Θεσσαλονίκη"),
        ("Το δέμα πήγε στη διεύθυνση Παπαδιαμάντη 7", "Παπαδιαμάντη 7"),
        ("Проживает по адресу: Ленина 5, кв. 12, Москва 101000", "Ленина 5, кв. 12, Москва 101000"),
        ("Живу на Пушкина 10, квартира 3", "Пушкина 10, квартира 3"),
        ("Київ, Хрещатик 22, кв. 5", "Хрещатик 22, кв. 5"),
        ("Мешкає за адресою Шевченка 14, Львів 79000", "Шевченка 14, Львів 79000"),
        ("ул. „Граф Игнатиев“ 12, 1000 София", "ул. „Граф Игнатиев“ 12, 1000 София"),  # Bulgarian quotes
        ("Mieszka na Długiej 5, 80-831 Gdańsk", "Długiej 5, 80-831 Gdańsk"),
        # USPS Publication 28 suffixes; units with a letter or in more languages
        ("it was left at 3402 Tovkar Station Suite 46, Deer Park, ME 50494", "3402 Tovkar Station Suite 46, Deer Park, ME 50494"),
        ("moved to 466 Lemsin Ferry, Dayton last year", "466 Lemsin Ferry, Dayton"),
        ("new place is 49 Vardoq Shore, Unit 32 Pullman", "49 Vardoq Shore, Unit 32 Pullman"),
        ("lives at Rúa da Vella, 376, Unidad R now", "Rúa da Vella, 376, Unidad R"),
        ("ship it to Alt-Stralau 22 Haus O, 91613 Burgstädt", "Alt-Stralau 22 Haus O, 91613 Burgstädt"),
        ("moved to Rua 5 2677, Casa 9, Paranavaí last spring", "Rua 5 2677, Casa 9, Paranavaí"),
        ("delivered to ul. Gipsowa 93, Lokal 30, 72-606 Strzelce", "ul. Gipsowa 93, Lokal 30, 72-606 Strzelce"),
        ("my address is Bulevar 94, Novi Sad", "Bulevar 94, Novi Sad"),
        # a given name in lower case in a street named after a person; Czech streets named with a preposition
        ("my address is Juhász gyula út 507 if u need", "Juhász gyula út 507"),
        ("Hunyadi jános köz 180 Lakás 28, 7308 Pusztaszabolcs", "Hunyadi jános köz 180 Lakás 28, 7308 Pusztaszabolcs"),
        ("moved to U Obory 5163, Patro 7 last spring", "U Obory 5163, Patro 7"),
        ("my address is K Červenému Kopci 4958, Vchod J, 978 63 Cheb", "K Červenému Kopci 4958, Vchod J, 978 63 Cheb"),
        ("Bydlí Na Příkopě 12, 110 00 Praha", "Na Příkopě 12, 110 00 Praha"),
    ],
)
def test_international_street_addresses(detector, text, value):
    assert covered(detector, text, value)


@pytest.mark.parametrize(
    "text",
    [
        "I went to the Main Street shop",
        "We won 3 Grand Prix races",
        "Chapter 4 The Way Home",
        "In 2019 Oxford Street was closed",
        "see nám. Míru on the map",  # a Czech street word without a number or a cue
        "Match 5, 2019 Final was close",  # a year is no postcode
        "Chapter 12, 1000 Words of advice",  # ordinary English words are no street or town
        "Windows 10, 12345 Users affected",
        "Page 5, apt 3 is referenced",
        "Anna went home way 5 times",  # lower-case English words are no part of a street's name
        "I was at U 2 concert",
        "we got 3 Lake views and 2 Station passes",  # a suffix needs a house number before a capitalised name
    ],
)
def test_no_address_without_a_number_or_an_address_word(text):
    assert not WorldAddressRecognizer().analyze(text, ["STREET_ADDRESS"])


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("in an application (no. 43567/09) lodged", "43567/09"),
        ("two applications (nos. 21001/97 and 21002/97) against", "21001/97 and 21002/97"),
        ("originated in a case (no. 45/1996/664/850) brought", "45/1996/664/850"),
        ("joined applications 31002/03 & 31003/03 were examined", "31002/03 & 31003/03"),
        ("Application 28765/06 was lodged on 3 May 2006", "28765/06"),
    ],
)
def test_reference_numbers_of_applications_and_cases(detector, text, value):
    assert covered(detector, text, value)


@pytest.mark.parametrize(
    ("text", "e164", "region", "valid"),
    [
        ("07700 900123", "+447700900123", "GB", False),  # Ofcom drama number: Germany would accept it, GB reads it
        ("call 07700 900461 now", "+447700900461", "GB", False),
        ("(07700) 900123", "+447700900123", "GB", False),
        ("01632 960123", "+441632960123", "GB", False),
        ("0113 496 0123", "+441134960123", "GB", True),
        ("+44 7700 900123", "+447700900123", "GB", False),
        ("call me +48 601 234 567 ok", "+48601234567", "PL", True),
        ("0040 721 234 567", "+40721234567", "RO", True),
        ("0049 30 12345678", "+493012345678", "DE", True),
        ("+1 202 555 0143", "+12025550143", "US", True),
    ],
)
def test_the_explanation_names_the_region_that_read_the_number(text, e164, region, valid):
    (found,) = WorldPhoneRecognizer().analyze(text, ["PHONE_NUMBER"])
    why = found.analysis_explanation.textual_explanation
    assert (found.recognition_metadata["e164"], found.recognition_metadata["region"]) == (e164, region)
    assert f"{e164} (valid in {region})" in why if valid else f"{e164} (as {region} reads it; not in a range" in why


def test_a_number_not_in_a_uk_shape_keeps_the_region_that_accepted_it():
    (found,) = WorldPhoneRecognizer().analyze("zadzwoń 0601-234-567", ["PHONE_NUMBER"])  # 06 is no UK range
    assert found.recognition_metadata["region"] != "GB"
    assert found.recognition_metadata["e164"].startswith(
        "+" + str(phonenumbers.country_code_for_region(found.recognition_metadata["region"]))
    )


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # UK: no street word and no cue, but a house number, a name, a town and a full postcode
        ("Send the parcel to Flat 2, 7 The Paddocks, York YO1 7HH please", "Flat 2, 7 The Paddocks, York YO1 7HH"),
        ("Her new place: 22 Kingsmead, Bath BA1 2AB", "22 Kingsmead, Bath BA1 2AB"),
        ("12 Linden, Leeds LS6 2AB", "12 Linden, Leeds LS6 2AB"),
        # a flat and a named building before the house number
        ("Flat 4, Kestrel House, 9 Moor View, Bradford BD1 2AA", "Flat 4, Kestrel House, 9 Moor View, Bradford BD1 2AA"),
        # elsewhere: the house number first, then a unit, a postcode and a town
        ("58 Solbakken, Etasje 2, 0450 Oslo", "58 Solbakken, Etasje 2, 0450 Oslo"),
        ("Parcel for 14 Hegyalja, 1118 Budapest arrived", "14 Hegyalja, 1118 Budapest"),
    ],
)
def test_addresses_with_no_street_word_and_no_cue(detector, text, value):
    found = [(text[s.start : s.end], s.entity) for s in detector.analyze(text)]
    assert (value, "STREET_ADDRESS") in found


@pytest.mark.parametrize(
    "text",
    ["Chapter 12, 1000 Words", "Windows 10, 12345 Users", "I paid 20 quid at Tesco, Leeds LS1 1AA", "Round 5, 2019 Final"],
)
def test_numbered_lines_that_are_no_address(detector, text):
    assert "STREET_ADDRESS" not in {s.entity for s in detector.analyze(text)}
