"""Session 19 address fixes (lines written here, none from a set): a sentence's next words are no part of an address
after a house number's full stop ("the flat at 9. Her mum ..."), and a town, county or postcode cut off from its street
by a full stop or a line break is still part of the address ("5 Park Street. Bristol BS1 5AB.", "44 Elm Grove,\\nWetherby,
\\nLS22 6AB")."""

from __future__ import annotations

import pytest

from redactor.detect.recognizers.address import StreetAddressRecognizer
from redactor.detect.recognizers.address_label import AddressLabelRecognizer
from redactor.detect.recognizers.world_address import PostcodeTownRecognizer, WorldAddressRecognizer

RECOGNIZERS = (AddressLabelRecognizer(), WorldAddressRecognizer(), StreetAddressRecognizer(), PostcodeTownRecognizer())


def spans(text: str) -> list[str]:
    return [text[r.start : r.end] for rec in RECOGNIZERS for r in rec.analyze(text, ["STREET_ADDRESS"])]


def covered(text: str, value: str) -> bool:
    """Every non-space character of ``value`` (first found in ``text``) is inside some address span."""
    start = text.index(value)
    marks = bytearray(len(text))
    for rec in RECOGNIZERS:
        for r in rec.analyze(text, ["STREET_ADDRESS"]):
            marks[r.start : r.end] = b"\x01" * (r.end - r.start)
    return all(marks[i] or text[i].isspace() for i in range(start, start + len(value)))


@pytest.mark.parametrize(
    ("text", "kept_out"),
    [
        ("She moved into the flat at 9. Her mum came round after.", "Her"),
        ("The house at 12. It was cold all winter.", "It"),
        ("They stayed at 4. Mum drove them back later.", "Mum"),
        ("my address is 7. We can talk tomorrow", "We"),
    ],
)
def test_the_next_sentence_is_no_part_of_an_address(text, kept_out):
    assert not any(kept_out in s for s in spans(text))


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("She lives at Andrássy út 45. 2. em. 7, 1061 Budapest", "Andrássy út 45. 2. em. 7, 1061 Budapest"),
        ("my address is 12. Marienplatz", "12. Marienplatz"),
        ("She lives at Kárász utca 9. Szeged", "Kárász utca 9. Szeged"),
    ],
)
def test_a_house_numbers_full_stop_still_goes_on(text, value):
    assert value in spans(text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Her address is 5 Park Street. Bristol BS1 5AB.", "5 Park Street. Bristol BS1 5AB"),
        ("He lives at 5 Park Street. Wetherby LS22 6AB. He is nice.", "5 Park Street. Wetherby LS22 6AB"),
        ("He lives at 5 Park Street.\nWetherby LS22 6AB", "5 Park Street.\nWetherby LS22 6AB"),
        ("Send it to 44 Elm Grove.\nBristol\nBS1 5AB", "44 Elm Grove.\nBristol\nBS1 5AB"),
        ("44 Elm Grove,\nWetherby,\nLS22 6AB", "44 Elm Grove,\nWetherby,\nLS22 6AB"),
        ("Address: 5 Park Street.\nWetherby.\nWest Yorkshire.\nLS22 6AB", "5 Park Street.\nWetherby.\nWest Yorkshire.\nLS22 6AB"),
        ("lives at 12 Rue Victor Hugo. 69002 Lyon. Nice flat", "12 Rue Victor Hugo. 69002 Lyon"),
        ("I live at 5 Park Street. Bristol.", "5 Park Street. Bristol"),
    ],
)
def test_a_town_and_postcode_cut_off_by_a_full_stop_or_a_line_break(text, value):
    assert covered(text, value)


@pytest.mark.parametrize(
    ("text", "kept_out"),
    [
        ("I live at 5 Park Street. London is great.", "London"),
        ("She lived at 4 Elm Road. Thanks\nLS1 1AA", "Thanks"),
        ("We met at 14 Mill Road. The Court heard it.", "Court"),
        ("Lives at 7 Mill Lane. Rotherham is a town.", "Rotherham"),
        ("He lives at 5 Park Street. He likes Leeds.", "Leeds"),
        ("Ship to 612 Elm Avenue, Laconia, NL Y7U 8Z2. Flight BA 2490 lands at 6", "Flight"),
        ("lives at 4 Elm Road. Booking AB 4471 confirmed", "Booking"),
    ],
)
def test_the_next_sentence_after_a_street_stays_out(text, kept_out):
    assert not any(kept_out in s for s in spans(text))


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Reprinted label\n14 MILL ROAD\nLEEDS\nLS6 2AB", "14 MILL ROAD\nLEEDS\nLS6 2AB"),
        ("FLAT 3, 22 KILN LANE, OTLEY LS21 3AB", "FLAT 3, 22 KILN LANE, OTLEY LS21 3AB"),
        ("HAUPTSTRASSE 5, 10115 BERLIN", "HAUPTSTRASSE 5, 10115 BERLIN"),
        ("RUA DO ARENQUE 1634, GOIÂNIA", "RUA DO ARENQUE 1634, GOIÂNIA"),
        ("77 21ST AVENUE, PORTLAND, OR 97209", "77 21ST AVENUE, PORTLAND, OR 97209"),
        ("Label printed:\n4817 W MAPLE RIDGE RD\nDUNMORE, PA 18512", "4817 W MAPLE RIDGE RD\nDUNMORE, PA 18512"),
    ],
)
def test_an_address_written_all_in_capitals(text, value):
    assert covered(text, value)


@pytest.mark.parametrize(
    "text",
    [
        "SECTION 9 CRIMINAL JUSTICE ACT 1967\nWITNESS STATEMENT",
        "PAGE 2 OF 5\nEXHIBIT REF 14",
        "ROUND 5, GROUP 2, MADRID",
    ],
)
def test_a_heading_in_capitals_is_no_address(text):
    assert spans(text) == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Address: Rose Cottage, Little Snoring, Norfolk NR21 0AB", "Rose Cottage, Little Snoring, Norfolk NR21 0AB"),
        ("Rose Cottage\nLittle Snoring\nNorfolk\nNR21 0AB", "Rose Cottage\nLittle Snoring\nNorfolk\nNR21 0AB"),
        ("she's at The Old Rectory, Great Ayton TS9 6AB now", "The Old Rectory, Great Ayton TS9 6AB"),
        ("Oak Farm,\nLower Slaughter,\nCheltenham,\nGL54 2HS", "Oak Farm,\nLower Slaughter,\nCheltenham,\nGL54 2HS"),
        ("The Willows, Thornbury, Gloucestershire BS35 1AB", "The Willows, Thornbury, Gloucestershire BS35 1AB"),
    ],
)
def test_a_uk_house_name_with_its_town_and_postcode(text, value):
    assert covered(text, value)


@pytest.mark.parametrize(
    "text",
    [
        "CITY SHOOTS FOR HIGH STREET GLORY",
        "LIABLE FOR ANY DAMAGES ARISING IN ANY WAY OUT OF THE USE OF THIS SOFTWARE",
    ],
)
def test_a_line_in_capitals_with_no_number_is_no_street(text):
    assert spans(text) == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("寄到北京市朝阳区建国路88号，谢谢", "北京市朝阳区建国路88号"),
        ("他住在南京市鼓楼区中山路12号", "南京市鼓楼区中山路12号"),
        ("广州市天河区体育西路103号维多利广场B座2801室", "广州市天河区体育西路103号维多利广场B座2801室"),
        ("上海市 徐汇区 漕溪北路 1200号 3号楼 502室", "上海市 徐汇区 漕溪北路 1200号 3号楼 502室"),
        ("私の住所は東京都新宿区西新宿2-8-1です", "東京都新宿区西新宿2-8-1"),
        ("大阪市北区梅田3丁目1番3号 梅田ビル5階", "大阪市北区梅田3丁目1番3号 梅田ビル5階"),
        ("서울특별시 강남구 테헤란로 152", "서울특별시 강남구 테헤란로 152"),
        ("杭州市西湖区文三路90号\n2号楼\n301室", "杭州市西湖区文三路90号\n2号楼\n301室"),
    ],
)
def test_an_east_asian_address_written_without_spaces(text, value):
    assert value in spans(text)


@pytest.mark.parametrize("text", ["我今天很忙，3号见", "2019年3月5号", "第3号", "会议在3楼"])
def test_east_asian_dates_and_counts_are_no_address(text):
    assert spans(text) == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Calle de Atocha\n12, 28012 Madrid", "Calle de Atocha\n12, 28012 Madrid"),
        ("Kazinczy utca\n14\n1075 Budapest", "Kazinczy utca\n14\n1075 Budapest"),
        ("Невский просп.\n28 191186\nSt. Petersburg", "Невский просп.\n28 191186\nSt. Petersburg"),
        ("Avenida de América, 37 - 4º, 28002 Madrid", "Avenida de América, 37 - 4º, 28002 Madrid"),
        ("620014, г. Екатеринбург, ул. Малышева д. 5 кв. 12", "620014, г. Екатеринбург, ул. Малышева д. 5 кв. 12"),
    ],
)
def test_a_house_number_on_the_next_line_a_floor_after_a_dash_a_marked_town_first(text, value):
    assert value in spans(text)


@pytest.mark.parametrize(
    ("text", "kept_out"), [("Oxford Street\n2019\n1075 Budapest", "2019"), ("Meet on Oxford Street\n14\nthings", "14")]
)
def test_a_year_or_a_count_under_a_street_is_no_house_number(text, kept_out):
    assert not any(kept_out in s for s in spans(text))


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Kindly forward:\nMarket Hill Road\nKingstown", "Market Hill Road\nKingstown"),
        ("Harbour Street\nNassau", "Harbour Street\nNassau"),
        ("Rue Victor Hugo\n97200 Fort-de-France", "Rue Victor Hugo\n97200 Fort-de-France"),
    ],
)
def test_a_street_with_no_number_over_its_town(text, value):
    assert value in spans(text)


@pytest.mark.parametrize(
    "text",
    ["Abbey Road\nThe End", "We walked down Church Street\nand then home", "Chapter 3: Mill Lane\nThe Last Summer"],
)
def test_a_street_over_english_words_is_no_address(text):
    assert not any("\n" in s for s in spans(text))


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("شارع الجمهورية 14\n10011 بغداد", "شارع الجمهورية 14\n10011 بغداد"),
        ("طريق المطار, 11183 عمان", "طريق المطار, 11183 عمان"),
        ("شارع الرشيد\nالبصرة", "شارع الرشيد\nالبصرة"),
        ("Ulica Kralja od Bosne 14, 71000 Sarajevo", "Ulica Kralja od Bosne 14, 71000 Sarajevo"),
    ],
)
def test_arabic_streets_and_small_words_of_street_names(text, value):
    assert value in spans(text)


def test_a_street_named_in_an_arabic_sentence_is_no_address():
    assert spans("ذهبت إلى شارع الحمرا، ثم رجعت") == []


@pytest.mark.parametrize(
    ("text", "value", "country"),
    [
        ("Gartenweg 3\n80331 München\nDeutschland", "Gartenweg 3\n80331 München", "Deutschland"),
        ("ul. Polna 8/3\n61-001 Poznań\nPolska", "ul. Polna 8/3\n61-001 Poznań", "Polska"),
        ("Calle de Atocha 12\n28012 Madrid\nEspaña", "Calle de Atocha 12\n28012 Madrid", "España"),
        ("Ship to:\nLandstraße 9\n4020 Linz\nÖsterreich", "Landstraße 9", "Österreich"),
    ],
)
def test_a_country_in_its_own_language_on_the_last_line_is_no_part_of_the_address(text, value, country):
    found = spans(text)
    assert any(value in s for s in found) and not any(country in s for s in found)


@pytest.mark.parametrize("text", ["شارع الرشيد", "شارع الرشيد 5", "قال: شارع"])
def test_an_arabic_street_alone_is_read_without_error(text):
    spans(text)  # no part after the street: the parts group is empty, not missing


def test_the_line_after_an_arabic_address_stays_out():
    assert not any("Invoice" in s for s in spans("شارع الوزير\nالرياض\nInvoice 2025-0412 attached"))


def test_a_country_right_under_the_street_is_its_town():
    assert "22 Ocean Street\nMonaco" in spans("22 Ocean Street\nMonaco")
