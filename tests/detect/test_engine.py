"""The configured detector end to end (spaCy + our recognizers + merge), on the failures the demo showed,
long texts and bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from redactor import paths
from redactor.detect import engine
from redactor.detect.engine import CHUNK, Detector, _chunks
from redactor.detect.known_people import known_people_recognizers, people_from_json
from redactor.errors import ConfigError
from redactor.records import Person


@pytest.fixture(scope="module")
def detector() -> Detector:
    models = paths.models_dir()
    return Detector(models / "nlp_engine.yaml", models / "recognizers.yaml")


def spans_of(detector: Detector, text: str, extra=()) -> list[tuple[str, str]]:
    return [(text[s.start : s.end], s.entity) for s in detector.analyze(text, extra)]


DEMO = "Statement of: Hannah Okafor\nAge: over 18\nI told PC 2231 Davies that Marcus Bellamy rang me."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (DEMO, ("Hannah Okafor", "PERSON")),
        (DEMO, ("PC 2231 Davies", "PERSON")),
        (DEMO, ("Marcus Bellamy", "PERSON")),
        ("My National Insurance number is AB 12 34 56 C.", ("AB 12 34 56 C", "UK_NINO")),
        ("I live at 14 Larkspur Close, Wakefield WF2 8QT with my partner.", ("14 Larkspur Close, Wakefield WF2 8QT", "STREET_ADDRESS")),
        ("She gave her email as priya.raman@example.org and left.", ("priya.raman@example.org", "EMAIL_ADDRESS")),
    ],
)
def test_demo_failures_are_fixed(detector, text, expected):
    assert expected in spans_of(detector, text)


@pytest.mark.parametrize(
    ("text", "not_expected"),
    [
        (DEMO, "2231"),
        (DEMO, "Hannah Okafor\nAge"),
        ("She gave her email as priya.raman@example.org and left.", "example.org"),
    ],
)
def test_demo_false_positives_are_gone(detector, text, not_expected):
    assert not_expected not in [t for t, _ in spans_of(detector, text)]


def test_one_flag_per_piece_of_text(detector):
    spans = detector.analyze(DEMO)
    for a, b in zip(spans, spans[1:], strict=False):
        assert not (a.entity == b.entity and a.start < b.end and b.start < a.end)


def test_known_people_match_in_any_case_with_their_role(detector):
    people = [Person("p1", "Sophie Turner", ("Soph",), ("07700 900555",), (), "witness", "roster")]
    text = "ask sophie if soph can ring 07700900555"
    found = detector.analyze(text, known_people_recognizers(people))
    assert {text[s.start : s.end] for s in found} >= {"sophie", "soph", "07700900555"}
    assert all(s.explanation.get("person_id") == "p1" for s in found if text[s.start : s.end] in ("sophie", "soph"))


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\t",
        "\x00\x01\x02binary\xff\xfe",
        "Привет 07700 900123 مرحبا 你好 Hannah Okafor 😀",
        "\ud800 lone surrogate 07700 900123",
        "a" * 5000,
        "\n" * 3000,
    ],
)
def test_bad_input_does_not_crash(detector, text):
    for s in detector.analyze(text):
        assert 0 <= s.start < s.end <= len(text)


def test_mixed_script_still_finds_the_phone(detector):
    text = "Привет 07700 900123 مرحبا"
    assert ("07700 900123", "PHONE_NUMBER") in spans_of(detector, text)


def _with_phones_on_boundaries(filler: str, phone: str) -> tuple[str, list[int]]:
    """Phones written across, at and just after the start of every analysis window."""
    text, positions = filler, []
    for offset, _ in _chunks(filler)[1:]:
        for at in (offset - len(phone) // 2, offset + 2 * len(phone), offset + 7 * len(phone)):
            at = text.index(" ", at) + 1
            text = text[:at] + phone + " " + text[at + len(phone) + 1 :]
            positions.append(at)
    assert len(text) == len(filler)
    return text, positions


def test_no_entity_on_a_window_boundary_is_lost(detector, monkeypatch):
    monkeypatch.setattr(engine, "CHUNK", 3_000)
    monkeypatch.setattr(engine, "OVERLAP", 400)
    filler = "the quick brown fox jumps over a lazy dog and runs away again " * 400
    text, positions = _with_phones_on_boundaries(filler, "07700 900123")
    assert len(_chunks(text)) > 5
    found = [(s.start, s.end) for s in detector.analyze(text) if s.entity == "PHONE_NUMBER"]
    assert sorted(found) == sorted((p, p + 12) for p in positions)  # each once, none lost


@pytest.mark.slow
def test_text_over_spacys_limit_is_analysed_whole(detector):
    filler = "the quick brown fox jumps over a lazy dog and runs away again " * 17_000  # > 1,000,000 characters
    assert len(filler) > 1_000_000 > CHUNK
    text, positions = _with_phones_on_boundaries(filler, "07700 900123")
    found = [(s.start, s.end) for s in detector.analyze(text) if s.entity == "PHONE_NUMBER"]
    assert sorted(found) == sorted((p, p + 12) for p in positions)


def test_people_from_json_skips_malformed_entries():
    people = people_from_json(
        [
            {"name": "Hannah Okafor", "aliases": ["Han"], "role": "complainant"},
            {"aliases": ["x"]},
            "junk",
            {"name": "  "},
            {"name": "Tom", "phones": "not a list"},
        ]
    )
    assert [(p.name, p.aliases, p.role, p.phones) for p in people] == [
        ("Hannah Okafor", ("Han",), "complainant", ()),
        ("Tom", (), "unknown", ()),
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("patterns:\n  - name: Bad\n    entity: X\n    patterns:\n      - {name: p, regex: '(', score: 0.5}\n", "bad regular expression"),
        ("predefined:\n  - name: NoSuchRecognizer\n", "unknown recognizer"),
        ("patterns: [{name: X}]\n", "entity"),
    ],
)
def test_bad_recognizer_config_is_a_clear_error(tmp_path: Path, content, message):
    path = tmp_path / "recognizers.yaml"
    path.write_text(content)
    with pytest.raises(ConfigError, match=message):
        Detector(paths.models_dir() / "nlp_engine.yaml", path)


def test_detect_command_takes_known_people(cli):
    import json

    lines = [
        {"id": 1, "text": "tonight quimbo rings", "people": [{"name": "Quimbo Bellamy", "role": "suspect"}]},
        # an invented given name, lower-case, with no cue: only the people given find it
        {"id": 2, "text": "tonight quimbo rings"},
    ]
    result = cli("detect", "-", input="".join(json.dumps(line) + "\n" for line in lines))
    out = [json.loads(line) for line in result.output.splitlines()]
    assert [o["id"] for o in out] == [1, 2]
    assert [(s["start"], s["end"], s["entity"]) for s in out[0]["spans"]] == [(8, 14, "PERSON")]
    assert out[1]["spans"] == []
