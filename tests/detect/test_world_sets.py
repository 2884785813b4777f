"""The world sets (``benchmarks/eval/worldaddr_build.py``, ``worldphone.py``): gold rules and labels exact."""

from __future__ import annotations

import phonenumbers

from benchmarks.eval.world import WorldScore, load_worldaddr
from benchmarks.eval.worldaddr_build import gold_lines, record
from benchmarks.eval.worldphone import forms, load_worldphone


def test_gold_runs_from_the_street_to_the_town_and_its_postcode():
    components = {"house_number": 4, "road": "Mill Lane", "city": "Hexham", "postcode": "NE46 1AB", "state": "England"}
    assert gold_lines(["Old Mill", "4 Mill Lane", "Hexham", "NE46 1AB", "England", "United Kingdom"], components) == (1, 3)
    reverse = {"road": "Lenin Street", "house_number": 20, "city": "Omsk", "postcode": "644000"}
    assert gold_lines(["Russia", "644000 Omsk", "Lenin Street, 20", "Town museum"], reverse) == (1, 2)
    assert gold_lines(["Omsk", "Russia"], {"city": "Omsk"}) is None  # no road: skipped


def test_the_country_name_is_not_gold():
    lines = ["Via Roma 3", "10121 Torino", "Italia"]
    text, label = record("Address: {A}", lines, (0, 1), ", ", ("Italy", "Italia"))
    assert text == "Address: Via Roma 3, 10121 Torino, Italia"
    assert text[label["start"] : label["end"]] == "Via Roma 3, 10121 Torino"
    text, label = record("{A}", ["Italia 10121", "Torino", "Via Roma 3"], (0, 2), "\n", ("Italia",))
    assert text[label["start"] : label["end"]] == "10121\nTorino\nVia Roma 3"  # written first (China's order)


def test_shipped_worldaddr_labels_are_trimmed_addresses():
    records, why = load_worldaddr()
    assert not why and len(records) >= 700
    for r in records:
        (label,) = r["labels"]
        value = r["text"][label["start"] : label["end"]]
        assert value and value == value.strip() and not value.endswith(","), r["id"]
        assert "\\u" not in value


def test_worldphone_numbers_are_written_six_ways_and_parse_back():
    number = phonenumbers.parse("+48 512 345 678")
    assert forms(number) == {
        "national": "512 345 678",
        "international": "+48 512 345 678",
        "e164": "+48512345678",
        "dots": "+48.512.345.678",
        "slash": "512/345 678",
        "no separators": "512345678",
    }
    records, why = load_worldphone()
    assert not why and len(records) > 2000
    for r in records[::37]:
        (label,) = r["labels"]
        value = r["text"][label["start"] : label["end"]]
        if r["groups"]["form"] in ("international", "e164"):
            assert phonenumbers.is_valid_number(phonenumbers.parse(value)), value


def test_world_score_counts_per_group():
    score = WorldScore()
    rec = {"id": "x", "text": "Tel: 030 123456", "labels": [{"start": 5, "end": 15, "type": "phone"}], "groups": {"form": "national"}}
    score.add(rec, [{"start": 5, "end": 15, "entity": "PHONE_NUMBER"}])
    score.add({**rec, "groups": {"form": "slash"}}, [{"start": 5, "end": 8, "entity": "PHONE_NUMBER"}])
    assert score.by_group[("form", "national")] == [1, 1] and score.by_group[("form", "slash")] == [0, 1]


def test_worldids_values_are_valid_and_labelled_exactly():
    from stdnum import iban, luhn

    from benchmarks.eval.world import load_worldids

    records, why = load_worldids()
    assert not why and len(records) > 1000
    countries = set()
    for r in records:
        (label,) = r["labels"]
        value = r["text"][label["start"] : label["end"]]
        assert value == value.strip() and value, r["id"]
        if label["type"] == "iban":
            countries.add(iban.validate(value)[:2])
        elif label["type"] == "card":
            assert luhn.is_valid(value.replace(" ", "").replace("-", "")), value
        elif label["type"] == "email":
            assert "@" in value and not value.startswith(("<", "mailto:")) and not value.endswith(">")
        elif label["type"] == "ip":
            assert not value.startswith("[") and not value.endswith(("]", ":443", ":8080"))
    assert len(countries) >= 80  # every country of the IBAN registry
    kinds = {r["labels"][0]["type"] for r in records}
    assert kinds == {"iban", "card", "ip", "email", "postcode"}
    assert {r["groups"]["label word"] for r in records} == {"with", "without"}


def test_worldids_postcode_stands_where_the_country_writes_it():
    from benchmarks.eval.worldids_build import card_forms, postcodes

    info = "\n".join(
        [
            'data/DE={"key":"DE","fmt":"%N%n%O%n%A%n%Z %C","zipex":"26133,53225"}',
            'data/BR={"key":"BR","fmt":"%O%n%N%n%A%n%C-%S%n%Z","zipex":"40301-110"}',
            'data/CA={"key":"CA","fmt":"%N%n%O%n%A%n%C %S %Z","zipex":"H3Z 2Y7"}',
            'data/AE={"key":"AE","fmt":"%N%n%O%n%A%n%C"}',
        ]
    )
    towns = {"DE": "Berlin", "BR": "Sao Paulo", "CA": "Toronto", "AE": "Dubai"}
    assert postcodes(info, towns) == [
        ("DE", "26133 Berlin"),
        ("DE", "53225 Berlin"),
        ("BR", "Sao Paulo, 40301-110"),
        ("CA", "Toronto, H3Z 2Y7"),
    ]
    assert card_forms("378282246310005")["spaces"] == "3782 822463 10005"
    assert card_forms("4111111111111111")["dashes"] == "4111-1111-1111-1111"


def test_gold_leaves_out_a_business_named_before_its_street():
    components = {"building": "Hotel Aurora", "road": "Via Roma", "house_number": 3, "city": "Torino"}
    assert gold_lines(["Hotel Aurora", "Via Roma 3", "Torino", "Italia"], components) == (1, 2)
    home = {"building": "Larchwood Care Home", "road": "Elm Road", "house_number": 4, "city": "Leeds"}
    assert gold_lines(["Larchwood Care Home", "4 Elm Road", "Leeds"], home) == (0, 2)


def test_libpostal_gold_runs_from_street_to_town_without_venue_state_or_country():
    from benchmarks.eval.libpostal_build import gold, several_lines

    text = "Old Mill Tavern 12 Kiln Rd, Apt 3, Dunmore, PA 18512, USA"
    parts = [("house", "old mill tavern"), ("house_number", "12"), ("road", "kiln rd"), ("unit", "apt 3"), ("city", "dunmore")]
    parts += [("state", "pa"), ("postcode", "18512"), ("country", "usa")]
    start, end = gold(text, parts)
    assert text[start:end] == "12 Kiln Rd, Apt 3, Dunmore, PA 18512"  # the state between town and postcode stays
    lines = several_lines(text, parts)
    assert lines == "Old Mill Tavern 12 Kiln Rd\nApt 3\nDunmore\nPA 18512\nUSA"
    start, end = gold(lines, parts)
    assert lines[start:end] == "12 Kiln Rd\nApt 3\nDunmore\nPA 18512"
    assert several_lines("Kiln Rd 12 Dunmore", [("road", "kiln rd"), ("house_number", "12"), ("city", "dunmore")]) == "Kiln Rd 12\nDunmore"
    assert gold("Kiln Rd", [("road", "kiln rd")]) is None  # a bare road name is nobody's address
    assert gold("Dunmore, PA", [("city", "dunmore"), ("state", "pa")]) is None  # no street


def test_libpostal_cases_are_read_from_the_c_source():
    from benchmarks.eval.libpostal_build import cases

    source = """TEST test_da_parses(void) {
    CHECK_CALL(test_parse_result_equals(
        // a comment
        "Tea &amp; Cake, Kiln "
        "Rd 12\\nDunmore",
        options,
        3,
        (labeled_component_t){"house", "tea & cake"},
        (labeled_component_t){"road", "kiln rd"},
        (labeled_component_t){"house_number", "12"}
    ));"""
    assert cases(source) == [
        ("DK", "Tea & Cake, Kiln Rd 12\nDunmore", [("house", "tea & cake"), ("road", "kiln rd"), ("house_number", "12")])
    ]


def test_shipped_libpostal_labels_are_trimmed_and_not_in_worldaddr():
    from benchmarks.eval.world import load_libpostal

    records, why = load_libpostal()
    assert not why and len(records) >= 400
    worldaddr = {r["text"][r["labels"][0]["start"] : r["labels"][0]["end"]] for r in load_worldaddr()[0]}
    for r in records:
        (label,) = r["labels"]
        value = r["text"][label["start"] : label["end"]]
        assert value and value == value.strip(" ,\n") and value not in worldaddr, r["id"]
        assert set(r["groups"]) == {"layout", "zone", "cue"}
