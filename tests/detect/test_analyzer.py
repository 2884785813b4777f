"""``analyzer.Analyzer`` gives exactly what Presidio's ``AnalyzerEngine`` gives (every result's span, entity,
score, metadata and decision process; with and without ad-hoc recognizers and the decision process), and ``LazyArtifacts`` the same lemmas, offsets, keywords, entities and
scores as the NLP engine's own artifacts, on generated chat lines and evaluation texts."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from redactor import paths
from redactor.detect.analyzer import Analyzer, LazyArtifacts
from redactor.detect.engine import Detector
from redactor.detect.known_people import known_people_recognizers
from redactor.records import Person

EVAL = Path(__file__).resolve().parents[2] / "benchmarks" / "eval" / "data"


def _texts() -> list[str]:
    from benchmarks.device_data import chat_line

    rng = random.Random(11)
    texts = [chat_line(i, rng) for i in range(200)]
    return texts + [json.loads(line)["text"] for line in (EVAL / "dev.jsonl").read_text(encoding="utf-8").splitlines()[:200]]


@pytest.fixture(scope="module")
def detector() -> Detector:
    models = paths.models_dir()
    return Detector(models / "nlp_engine.yaml", models / "recognizers.yaml")


def _rows(results: list) -> list:  # noqa: ANN001
    return [(r.start, r.end, r.entity_type, r.score, r.recognition_metadata, r.analysis_explanation.to_dict()) for r in results]


def test_the_analyzer_gives_presidios_results(detector: Detector) -> None:
    from presidio_analyzer import AnalyzerEngine

    engine = detector.engine
    assert isinstance(engine, Analyzer)
    presidio = AnalyzerEngine(
        nlp_engine=engine.nlp_engine,
        registry=engine.registry,
        supported_languages=["en"],
        default_score_threshold=detector.threshold,
        context_aware_enhancer=engine.context_aware_enhancer,
    )
    people = [Person("P1", "Sophie Example", phones=("+447700900123",)), Person("P2", "Megan Sample")]
    extra = known_people_recognizers(people)
    found = 0
    for text in _texts():
        nlp = engine.nlp_engine.process_text(text, "en")
        kwargs = {"language": "en", "return_decision_process": True, "nlp_artifacts": nlp, "ad_hoc_recognizers": extra}
        ours = engine.analyze(text, **kwargs)
        assert _rows(ours) == _rows(presidio.analyze(text, **kwargs)), text
        plain = {**kwargs, "return_decision_process": False, "ad_hoc_recognizers": None}
        assert [r.to_dict() for r in engine.analyze(text, **plain)] == [r.to_dict() for r in presidio.analyze(text, **plain)], text
        found += len(ours)
    assert found > 200
    assert len(engine._plans) >= 2  # the shortcut ran, with and without ad-hoc recognizers
    assert sorted(engine.get_supported_entities("en")) == sorted(presidio.get_supported_entities("en"))


def test_lazy_artifacts_equal_the_nlp_engines(detector: Detector) -> None:
    engine = detector.engine
    texts = _texts()
    lazy = list(engine.artifacts(texts, "en", 64))
    plain = [nlp for _, nlp in engine.nlp_engine.process_batch(texts, "en", batch_size=64)]
    assert all(isinstance(a, LazyArtifacts) for a in lazy)
    for a, b in zip(lazy, plain, strict=True):
        assert a.tokens.text == b.tokens.text
        assert [(e.start_char, e.end_char, e.label_) for e in a.entities] == [(e.start_char, e.end_char, e.label_) for e in b.entities]
        assert (a.scores, a.lemmas, a.tokens_indices, a.keywords) == (b.scores, b.lemmas, b.tokens_indices, b.keywords)
