"""The ``detect.presidio`` stage: run the detector over every segment of an item."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from redactor import paths
from redactor.config import load_yaml
from redactor.detect.engine import Detector
from redactor.detect.known_people import known_people_recognizers
from redactor.detect.language import language_findings
from redactor.errors import ConfigError
from redactor.extract.ocr import review_findings
from redactor.records import Finding, Item
from redactor.stages import StageContext, register


class DetectSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    nlp_config: str = "nlp_engine.yaml"  # relative to models/
    recognizers: str = "recognizers.yaml"
    language: str = "en"
    score_threshold: float = 0.35
    entities: tuple[str, ...] = ()  # empty: every entity the recognizers support


@lru_cache(maxsize=4)
def _detector(nlp_config: Path, recognizers: Path, language: str, threshold: float, entities: tuple[str, ...]) -> Detector:
    return Detector(nlp_config, recognizers, language=language, score_threshold=threshold, entities=entities or None)


def detector_for(settings: DetectSettings, models_dir: Path | None = None) -> Detector:
    base = models_dir or paths.models_dir()
    return _detector(
        base / settings.nlp_config, base / settings.recognizers, settings.language, settings.score_threshold, settings.entities
    )


def model_names(settings: DetectSettings, models_dir: Path) -> list[str]:
    """The spaCy models the NLP engine configuration names (for the bundle manifest)."""
    try:
        return [m["model_name"] for m in load_yaml(models_dir / settings.nlp_config, "model configuration")["models"]]
    except (ConfigError, KeyError, TypeError):
        return []


@register("detect.presidio", kind="detect", settings=DetectSettings, models=model_names)
def detect_presidio(settings: DetectSettings, ctx: StageContext):
    """Find personal data with Presidio (spaCy NER plus pattern, checksum and context recognizers)."""
    detector = detector_for(settings, ctx.models_dir)
    extra = known_people_recognizers(ctx.case.people, ctx.case.roster_addresses)

    def run(item: Item) -> tuple[Finding, ...]:
        return (
            tuple(
                Finding(seg.segment_id, s.start, s.end, s.entity, s.score, s.recognizer, s.explanation)
                for seg in item.segments
                for s in detector.analyze(seg.text, extra)
            )
            + review_findings(item)
            + language_findings(item)
        )  # untrusted OCR, other languages: whole-page/segment review findings

    return run
