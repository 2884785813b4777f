"""E-mail display names and Lotus Notes addresses (recognizers/name_label.py): mail programs write the sender's and
recipients' names in headers and quoted replies in fixed shapes ("Surname, Given" in quotes before an address, or alone
on a line; "Given Surname@ORG" from Lotus Notes), where spaCy finds only one word of the name or none. Names and
addresses invented for this test."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def detector():
    from redactor import paths
    from redactor.detect.engine import Detector

    models = paths.models_dir()
    return Detector(models / "nlp_engine.yaml", models / "recognizers.yaml")


def persons(detector, text: str) -> list[str]:
    return [text[f.start : f.end] for f in detector.analyze(text) if f.entity == "PERSON"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ('"Quellmark, Oriane" <oq@examplemail.test>\n03/27/2001 09:11 AM\nSee you then.', "Quellmark, Oriane"),
        ('From: "Brandvoll, Teodor" <t.brandvoll@example.org>', "Brandvoll, Teodor"),
        ('Email: "TJV"<tjv77@example.net>\nWhat a day', "TJV"),
        ('"Dunmerrow, Alis"\nyou guys want to watch the game tomorrow?', "Dunmerrow, Alis"),
    ],
)
def test_a_display_name_is_flagged_whole(detector, text, name):
    assert name in persons(detector, text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Scott Vandrell\n08/16/2000 03:48 PM\nOriane Quellmark@ACMECORP\n08/15/2000 06:23 PM", "Oriane Quellmark@ACMECORP"),
        ("Teodor Brandvoll@ACMECORP COMMUNICATIONS on 08/16/2000 03:14:14 PM", "Teodor Brandvoll@ACMECORP"),
        ("To: Alis K Dunmerrow/HOU/ACME@ACME, Jo Kemperly@ACME", "Alis K Dunmerrow/HOU/ACME@ACME"),
        ("To: Alis K Dunmerrow/HOU/ACME@ACME, Jo Kemperly@ACME", "Jo Kemperly@ACME"),
    ],
)
def test_a_lotus_notes_address_is_flagged_whole(detector, text, name):
    assert name in persons(detector, text)


@pytest.mark.parametrize(
    "text",
    [
        '"Sales Team" <sales@example.com> wrote',  # ordinary words: no name
        'Reply to "Support, Team" today',  # not alone on its line
        "write to help@example.com or Sales@ACME",  # one word before @: no Lotus name
        'He said "Thanks, Everyone" and left',
    ],
)
def test_no_name_where_the_shape_holds_no_name(detector, text):
    assert persons(detector, text) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("It smelled awful.\nTalk to you later\nGT\nHow is it going?", "GT"),
        ("Great service, five stars.\nThanks From Brannock", "Brannock"),
        ("Let me know.\nThx\nVelloran", "Velloran"),
        ("Please call back.\nTake care,\nQuindell Ashby", "Quindell Ashby"),  # spaCy finds it: still found
    ],
)
def test_a_name_in_or_under_a_sign_off_is_flagged(detector, text, name):
    assert name in persons(detector, text)


@pytest.mark.parametrize("text", ["Thanks again\nSee you", "Thanks from all of us", "Take care\nPlease call"])
def test_a_sign_off_before_words_is_no_name(detector, text):
    assert persons(detector, text) == []
