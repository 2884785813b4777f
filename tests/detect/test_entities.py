"""The entity table: one row per entity type, read by detection, policy, rendering and review."""

from __future__ import annotations

from redactor import codes, paths
from redactor.detect.engine import build_registry
from redactor.detect.known_people import KnownPeopleRecognizer
from redactor.entities import BY_NAME, CATEGORIES, DEFAULT_CODES, ENTITIES, PRIORITY, label, merge_rank
from redactor.records import Person


def test_every_entity_a_recognizer_reports_has_a_row():
    registry = build_registry(paths.models_dir() / "recognizers.yaml", "en")
    known = KnownPeopleRecognizer([Person("p", "Ann Example", (), ("07700900111",), ("ann@example.com",), "witness", "roster")])
    emitted = {e for r in [*registry.recognizers, known] for e in r.supported_entities}
    assert emitted and emitted - set(BY_NAME) == set()


def test_rows_are_consistent():
    assert len(BY_NAME) == len(ENTITIES)
    assert all(codes.is_valid(code) for code in DEFAULT_CODES.values())
    assert set(CATEGORIES) <= set(BY_NAME) and all(e.label for e in ENTITIES)
    assert [merge_rank(e) for e in PRIORITY] == list(range(len(PRIORITY)))
    assert merge_rank("SOMETHING_NEW") == len(PRIORITY) and label("SOMETHING_NEW") == "SOMETHING_NEW"
    assert merge_rank("UK_NHS") < merge_rank("PHONE_NUMBER") < merge_rank("PERSON") < merge_rank("LOCATION")
