"""Necessary-character pre-checks are lossless: every recognizer gives the same results with and without
its pre-check, on generated texts (hypothesis, built from the characters the pre-checks look for and
from values each recognizer finds) and on the evaluation set; and the detector's spans are identical."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from redactor import paths
from redactor.detect import prechecks
from redactor.detect.engine import Detector, build_registry
from redactor.detect.prechecks import DIGIT, needs

EVAL = Path(__file__).resolve().parents[2] / "benchmarks" / "eval" / "data"
# pieces of the values pattern recognizers look for, and of near misses
FRAGMENTS = (
    "user@example.com", "a.b@c.co.uk", "@jake_99", "http://x.co/a?b=1", "www.example.org", "example.com", "192.168.0.1",
    "::1", "fe80::1ff:fe23:4567:890a", "00:1A:2B:3C:4D:5E", "001a.2b3c.4d5e", "00-1A-2B-3C-4D-5E", "GB82 WEST 1234 5698 7654 32",
    "AB 12 34 56 C", "943 476 5919", "4111 1111 1111 1111", "12-34-56", "12345678", "AB12 CDE", "Y123 ABC", "17/870869/19",
    "94YC8200224", "SW1A 1AA", "ZZ78 5XY", "51.5007, -0.1246", "dob 01/02/1990", "born 3 May 1990", "passport 123456789",
    "356938035643809", "8944100000000000000", "234150000000000", "MORGA657054SM9IJ", "2019/1234567Z", "123456/19J",
    "07700 900123", "+44 20 7946 0000", "DE89 3704 0044 0532 0130 00", "DE89-3704-0044-0532-0130-00", "NO9386011117947",
    "FR14 2004 1010 0505 0001 3M02 606", "AB12 CDEF GHIJ", "GB82WEST", "IBAN:", "GB82 WEST 1234 5698 7654 33", "no. 12345/98", "ref:", "٣٤٥", "１２３", "ok", "lol", "tell megan", " ", ". ", ", ", "-",
    "/", ":", "_", "@", "#", "\n", "Street", "Road", "£12.50", "x", "snap me", "insta: jo.b", "IP", "mac",
)  # fmt: skip


def pairs():
    """(guarded, plain) analyze of every recognizer that gets a pre-check."""
    guarded = build_registry(paths.models_dir() / "recognizers.yaml", "en").recognizers
    plain = build_registry(paths.models_dir() / "recognizers.yaml", "en").recognizers
    names = prechecks.install(guarded)
    out = [(g, p) for g, p in zip(guarded, plain, strict=True) if g.name in names]
    for g, p in out:
        for r in (g, p):
            r.load()
    return out


PAIRS = pairs()


def results(recognizer, text):
    return [
        (r.entity_type, r.start, r.end, r.score, str(r.analysis_explanation))
        for r in recognizer.analyze(text, recognizer.supported_entities, None)
    ]


def same_everywhere(text: str) -> None:
    for guarded, plain in PAIRS:
        assert results(guarded, text) == results(plain, text), (guarded.name, text)


@pytest.mark.parametrize(
    ("regex", "expected"),
    [
        (r"\d{3}", {DIGIT}),
        (r"[A-Z]{2}\d", {DIGIT}),
        (r"a@b", {"@"}),
        (r"\w+@\w+\.\w+", {"@"}),  # the rarer mark wins
        (r"(?:x|y)", None),  # letters never count (case folding)
        (r"\d*", None),  # may occur zero times
        (r"[.,]", {".", ","}),
        (r"(?:\d|:)", {DIGIT, ":"}),
        (r"(?:\d|[a-z])", None),
        (r"[^.]", None),
        (r"(?=\d)", None),  # look-arounds consume nothing
        (r"[0-5]", {DIGIT}),
        (r"[\d.]+", {DIGIT, "."}),
        (r"\p{L}", None),  # what re cannot parse gets no pre-check
    ],
)
def test_needs_only_what_every_match_contains(regex, expected):
    assert needs(regex) == (frozenset(expected) if expected is not None else None)


def test_the_pattern_recognizers_get_pre_checks_and_the_others_none():
    names = {g.name for g, _ in PAIRS}
    assert {"UrlRecognizer", "IpRecognizer", "EmailRecognizer", "MacAddressRecognizer", "UkNinoRecognizer"} <= names
    assert not names & {"SpacyRecognizer", "WorldPhoneRecognizer", "NameLexiconRecognizer"}  # own analyze
    assert "IbanRecognizer" in names  # its own analyze, but a shape pre-check (prechecks.could_hold_iban)


@pytest.mark.parametrize(
    ("text", "could"),
    [
        ("GB82 WEST 1234 5698 7654 32", True),
        ("DE89370400440532013000", True),
        ("DE89-3704-0044-0532-0130-00", True),
        ("NO93 8601 1117 947", True),
        ("AB12 CDEF GHIJ", True),  # the pattern's shortest match: checked, and the checksum decides
        ("AB12 CDEF GHI", False),
        ("gb82 west 1234 5698 7654 32", False),  # the pattern has no IGNORECASE
        ("GB82  WEST 1234 5698", False),  # two spaces: the pattern allows one separator
        ("Call 07700 900123 or 0117 496 0000", False),
        ("ok see you at 5", False),
        ("", False),
    ],
)
def test_the_iban_shape(text, could):
    assert prechecks.could_hold_iban(text) is could


def test_an_iban_recognizer_changed_from_presidios_gets_no_shape_check():
    from presidio_analyzer import Pattern
    from presidio_analyzer.predefined_recognizers import IbanRecognizer

    assert prechecks.install([IbanRecognizer()]) == ["IbanRecognizer"]
    assert prechecks.install([IbanRecognizer(patterns=[Pattern("lower", r"[a-z]{2}\d{2}[a-z0-9]{12}", 0.5)])]) == []
    assert prechecks.install([IbanRecognizer(regex_flags=re.IGNORECASE)]) == []


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=8).map(" ".join))
def test_fragment_texts_give_the_same_results(text):
    same_everywhere(text)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.sampled_from("abcAB019٣１ .:-/@_#,\n\u200b"), max_size=40))
def test_random_texts_give_the_same_results(text):
    same_everywhere(text)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.sampled_from("GBDEN0123456789 -x"), min_size=10, max_size=40))
def test_iban_shaped_texts_give_the_same_results(text):
    same_everywhere(text)


def test_evaluation_texts_give_the_same_results():
    texts = [json.loads(line)["text"] for path in sorted(EVAL.glob("*.jsonl")) for line in path.read_text(encoding="utf-8").splitlines()]
    assert len(texts) > 1000
    for text in texts:
        same_everywhere(text)


def test_the_detector_finds_the_same_spans_with_and_without_pre_checks():
    from benchmarks.device_data import chat_line

    rng = random.Random(7)
    texts = [chat_line(i, rng) for i in range(400)]
    texts += [json.loads(line)["text"] for line in (EVAL / "dev.jsonl").read_text(encoding="utf-8").splitlines()[:300]]
    models = paths.models_dir()
    with_checks = Detector(models / "nlp_engine.yaml", models / "recognizers.yaml").analyze_many(texts)
    without = Detector(models / "nlp_engine.yaml", models / "recognizers.yaml", prechecks=False).analyze_many(texts)
    assert with_checks == without
    assert sum(map(len, with_checks)) > 300
