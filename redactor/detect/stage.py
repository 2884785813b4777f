"""The ``detect.presidio`` stage: run the detector over every segment of an item."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from pydantic import BaseModel, ConfigDict

from redactor import paths
from redactor.config import load_yaml
from redactor.detect.installed import model_installed
from redactor.detect.language import language_findings
from redactor.detect.same_item import item_surnames
from redactor.detect.spans import Found as Span
from redactor.errors import ConfigError, ModelError
from redactor.extract.ocr import review_findings
from redactor.people_table import PeopleTable
from redactor.records import Finding, Item, Person
from redactor.stages import StageContext, register

if TYPE_CHECKING:
    from redactor.detect.engine import Detector

# Presidio and spaCy are imported only where text is analysed (a worker process, or this process with
# --workers 1): the coordinating process of a run with workers builds this stage for ``findings`` alone.


class DetectSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    nlp_config: str = "nlp_engine.yaml"  # relative to models/
    recognizers: str = "recognizers.yaml"
    language: str = "en"
    score_threshold: float = 0.35
    entities: tuple[str, ...] = ()  # empty: every entity the recognizers support


@lru_cache(maxsize=4)
def _detector(nlp_config: Path, recognizers: Path, language: str, threshold: float, entities: tuple[str, ...]) -> Detector:
    from redactor.detect.engine import Detector

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


def span_to_json(span: Span) -> list[Any]:
    """A span as plain JSON (what crosses a process boundary and what the case caches)."""
    return [span.start, span.end, span.entity, span.score, span.recognizer, span.explanation]


def span_from_json(row: Sequence[Any]) -> Span:
    return Span(int(row[0]), int(row[1]), str(row[2]), float(row[3]), str(row[4]), dict(row[5]))


def check_models(settings: DetectSettings, models_dir: Path) -> None:
    """Refuse to start when a configured spaCy model is not installed (nothing is ever downloaded)."""
    for name in model_names(settings, models_dir):
        if not model_installed(name):
            raise ModelError(f"spaCy model {name!r} is not installed (configured in {settings.nlp_config})")


@dataclass(frozen=True)
class PresidioDetect:
    """The detect stage. ``item -> findings`` for one item; the runner uses the batch entry points:
    ``spans`` (texts -> spans, one spaCy pipe; what worker processes run) and ``findings`` (an item's
    findings from spans looked up by segment text, so identical texts are analysed once per case)."""

    settings: DetectSettings
    models_dir: Path
    people: Sequence[Person] = ()
    roster_addresses: tuple[tuple[str, tuple[str, ...]], ...] = ()
    reads_device: ClassVar[bool] = False  # findings come from segments alone: the runner may leave items' device facts out

    @cached_property
    def extra(self) -> tuple[Any, ...]:
        """The case's known-people recognizers, built on first use (never in the coordinating process of a run with workers)."""
        from redactor.detect.known_people import known_people_recognizers

        return tuple(known_people_recognizers(self.people, dict(self.roster_addresses)))

    @property
    def detector(self) -> Detector:
        """Loaded on first use (once per process): the coordinating process of a run with worker
        processes never loads the model."""
        return detector_for(self.settings, self.models_dir)

    def __call__(self, item: Item) -> tuple[Finding, ...]:
        found = self.detector.analyze_many([seg.text for seg in item.segments], self.extra)
        return self.findings(item, dict(zip((seg.segment_id for seg in item.segments), found, strict=True)))

    def spans(self, texts: Sequence[str]) -> list[list[list[Any]]]:
        """Spans for each text as JSON rows (see ``span_to_json``), in order."""
        return [[span_to_json(s) for s in found] for found in self.detector.analyze_many(texts, self.extra)]

    def findings(self, item: Item, spans: Mapping[str, Sequence[Span]]) -> tuple[Finding, ...]:
        """The item's findings from ``spans`` (segment id -> spans)."""
        return (
            tuple(
                Finding(seg.segment_id, s.start, s.end, s.entity, s.score, s.recognizer, s.explanation)
                for seg in item.segments
                for s in spans[seg.segment_id]
            )
            + item_surnames(item, spans)  # a surname alone whose full name another segment holds (same_item.py)
            + review_findings(item)
            + language_findings(item)
        )  # untrusted OCR, other languages: whole-page/segment review findings


@register("detect.presidio", kind="detect", settings=DetectSettings, models=model_names)
def detect_presidio(settings: DetectSettings, ctx: StageContext) -> PresidioDetect:
    """Find personal data with Presidio (spaCy NER plus pattern, checksum and context recognizers)."""
    check_models(settings, ctx.models_dir)
    roster = tuple((k, tuple(v)) for k, v in ctx.case.roster_addresses.items())
    people = ctx.case.people if isinstance(ctx.case.people, PeopleTable) else tuple(ctx.case.people)  # a table stays compact
    return PresidioDetect(settings, ctx.models_dir, people, roster)
