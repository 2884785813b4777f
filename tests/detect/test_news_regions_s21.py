"""The world's provinces, states, counties and regions as places (models/lexicons/regions.txt, ISO 3166-2 from
pycountry's wheel; places.towns; issue 11, session 21). Texts and names are written here, none taken from an
evaluation set."""

from __future__ import annotations

import runpy

import pytest

from redactor import paths
from redactor.detect.merge import resolve
from redactor.detect.places import towns
from tests.detect.resolved import found_spans


def labels(text: str, value: str, recognizer: str = "SpacyRecognizer") -> list[tuple[str, str]]:
    return [(text[s.start : s.end], s.entity) for s in resolve(text, found_spans(text, (value, "PERSON", recognizer)))]


def test_the_regions_are_places_a_cue_can_show():
    assert towns()["Ilocos Sur"] == 0 and towns()["British Columbia"] == 0  # a region no town is named after
    assert "Andalucía" in towns() and "Andalucia" in towns()  # and without accents
    assert towns()["Kamloops"] > 0 and towns()["Texas"] == 0  # towns and the US states as before
    head = (paths.models_dir() / "lexicons" / "regions.txt").read_text(encoding="utf-8").splitlines()[0]
    assert "ISO 3166-2" in head and "LGPL-2.1" in head


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("He was a curate in Candon , Ilocos Sur , before the war .", "Ilocos Sur"),  # a region after a town and a comma
        ("a campus in Kamloops , British Columbia . It offers courses", "British Columbia"),
        ("Candon , Ilocos Sur , has a cathedral .", "Candon"),  # a region after the town is its cue
    ],
)
def test_a_region_or_a_town_before_one_is_a_place_still_flagged(text, value):
    assert labels(text, value) == [(value, "LOCATION")]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Thanks , Victoria , for the flowers", "Victoria"),  # a person greeted, though a state is named so
        ("Georgia said she would call", "Georgia"),  # a verb of saying after it
    ],
)
def test_a_person_named_like_a_region_stays_a_person(text, value):
    assert labels(text, value) == [(value, "PERSON")]


def test_the_build_script_keeps_regions_not_towns():
    build = runpy.run_path(str(paths.models_dir() / "tools" / "build_regions.py"))
    table = [
        {"code": "PH-ILS", "name": "Ilocos Sur", "type": "Province"},
        {"code": "ES-AN", "name": "Andalucía", "type": "Autonomous community"},
        {"code": "AD-02", "name": "Canillo", "type": "Parish"},  # a town's size
        {"code": "BE-BRU", "name": "Brussels Hoofdstedelijk Gewest;Bruxelles-Capitale, Région de", "type": "Region"},
    ]
    assert build["regions"](table) == [
        ("Andalucia", "ES", "Autonomous community"),
        ("Andalucía", "ES", "Autonomous community"),
        ("Brussels Hoofdstedelijk Gewest", "BE", "Region"),
        ("Ilocos Sur", "PH", "Province"),
    ]
