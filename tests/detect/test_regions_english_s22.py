"""Regions under their English names as well as the table's ("Bavaria" for "Bayern"): the English translation that
pycountry's wheel ships with the ISO 3166-2 table (issue 11, session 22). Texts are written here, none taken from an
evaluation set."""

from __future__ import annotations

import runpy

import pytest

from redactor import paths
from redactor.detect.merge import resolve
from redactor.detect.places import towns
from tests.detect.resolved import found_spans


def labels(text: str, value: str, recognizer: str = "NameLexiconRecognizer") -> list[tuple[str, str]]:
    return [(text[s.start : s.end], s.entity) for s in resolve(text, found_spans(text, (value, "PERSON", recognizer)))]


def test_the_build_script_writes_a_regions_english_name_beside_the_tables():
    build = runpy.run_path(str(paths.models_dir() / "tools" / "build_regions.py"))
    table = [
        {"code": "DE-BY", "name": "Bayern", "type": "Land"},
        {"code": "CH-FR", "name": "Fribourg", "type": "Canton"},
        {"code": "AD-02", "name": "Canillo", "type": "Parish"},  # a town's size: not even in English
    ]
    english = {"Bayern": "Bavaria", "Fribourg": "Fribourg / Freiburg", "Canillo": "Canillo Parish"}
    assert build["regions"](table, english) == [
        ("Bavaria", "DE", "Land"),
        ("Bayern", "DE", "Land"),
        ("Freiburg", "CH", "Canton"),
        ("Fribourg", "CH", "Canton"),
    ]


def test_the_shipped_list_holds_the_english_names():
    assert towns()["Bavaria"] == 0 and towns()["Bayern"] == 0 and towns()["Lapland"] == 0


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("He grew up in Augsburg , Bavaria , and moved north .", "Bavaria"),  # a region after a town and a comma
        ("a cabin near Rovaniemi , Lapland . It has no road", "Lapland"),
    ],
)
def test_a_region_under_its_english_name_is_a_place_still_flagged(text, value):
    assert labels(text, value) == [(value, "LOCATION")]
