"""Presidio's ``AnalyzerEngine`` without its per-text bookkeeping cost; results are identical.

For every text, ``AnalyzerEngine.analyze`` works out the registry's supported entities again (a
pass over every recognizer) and, in ``_enhance_using_context``, splits the results by recognizer
with two list comprehensions over all results for each of the ~40 recognizers. In a chat
download (tens of thousands of short texts) that is a tenth of the detector's Python time.

- ``get_supported_entities``: the registry does not change after the engine is built, so the
  answer for a language is computed once (a fresh list is returned each time).
- ``_enhance_using_context``: when no recognizer overrides ``EntityRecognizer.enhance_using_context``
  (which returns its results unchanged), the per-recognizer step only regroups the results by
  recognizer, in the recognizers' order (a result whose recognizer is not among them is dropped,
  one listed twice is repeated); that is done in one pass. The engine's context enhancer then
  runs as before. Otherwise Presidio's own method runs.
- ``analyze``: for the detector's calls (every entity, NLP artifacts given, no allow list, context,
  threshold override or decision-process log), Presidio's steps in the same order, with what
  depends only on the registry and the ad-hoc recognizers worked out once per set of ad-hoc
  recognizers (``_Plan``): the recognizers to run (Presidio copies and filters the registry for
  every text), whether one overrides ``enhance_using_context``, and each recognizer's score
  thresholds by id (Presidio rebuilds that dictionary for every text). Any other call runs
  Presidio's own method.
- ``artifacts``: the NLP engine's ``process_batch`` without what only Presidio's lemma context
  enhancer reads (the detector runs without it, ``engine._no_context_enhancer``): each text's
  lemmas, token offsets and keywords (a vocabulary look-up per token) are worked out only if
  something reads them (``LazyArtifacts``), to the same values.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from presidio_analyzer import AnalyzerEngine, EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

_KEY = RecognizerResult.RECOGNIZER_IDENTIFIER_KEY
_UNCHANGED = EntityRecognizer.enhance_using_context
_FAST = frozenset({"entities", "return_decision_process", "ad_hoc_recognizers", "nlp_artifacts", "correlation_id"})


@dataclass(frozen=True, slots=True)
class _Plan:
    """What one ``analyze`` needs that depends only on the registry and the ad-hoc recognizers."""

    recognizers: list[Any]  # Presidio's order: the registry's, then the ad-hoc ones, of the language
    ad_hoc: tuple[Any, ...]  # kept alive, so the ids in the cache key stay theirs
    plain: bool  # no recognizer overrides enhance_using_context
    thresholds: dict[str, Any]  # recognizer id -> its score thresholds


class Analyzer(AnalyzerEngine):
    """``AnalyzerEngine`` with the two shortcuts above; build it once its registry is complete."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._entities: dict[str | None, list[str]] = {}
        self._plans: dict[tuple[str, tuple[int, ...]], _Plan] = {}

    def analyze(self, text: str, language: str, *args: Any, **kwargs: Any) -> list[Any]:  # type: ignore[override]
        if args or set(kwargs) - _FAST or kwargs.get("entities") or kwargs.get("nlp_artifacts") is None or self.log_decision_process:
            return super().analyze(text, language, *args, **kwargs)
        plan = self._plan(language, tuple(kwargs.get("ad_hoc_recognizers") or ()))
        if not plan.recognizers:
            return super().analyze(text, language, *args, **kwargs)  # Presidio raises its error
        entities, nlp_artifacts = self.get_supported_entities(language), kwargs["nlp_artifacts"]
        results: list[Any] = []
        for recognizer in plan.recognizers:
            if not recognizer.is_loaded:
                recognizer.load()
                recognizer.is_loaded = True
            found = recognizer.analyze(text=text, entities=entities, nlp_artifacts=nlp_artifacts)
            if found:
                self._AnalyzerEngine__add_recognizer_id_if_not_exists(found, recognizer)  # type: ignore[attr-defined]
                results.extend(found)
        if plan.plain:
            results = self.context_aware_enhancer.enhance_using_context(
                text=text,
                raw_results=_by_recognizer(results, plan.recognizers),
                nlp_artifacts=nlp_artifacts,
                recognizers=plan.recognizers,
                context=None,
            )
        else:
            results = self._enhance_using_context(text, results, nlp_artifacts, plan.recognizers, None)
        threshold = self._AnalyzerEngine__get_result_score_threshold  # type: ignore[attr-defined]
        results = EntityRecognizer.remove_duplicates([r for r in results if r.score >= threshold(r, plan.thresholds)])
        if not kwargs.get("return_decision_process"):
            results = self._AnalyzerEngine__remove_decision_process(results)  # type: ignore[attr-defined]
        return results

    def _plan(self, language: str, ad_hoc: tuple[Any, ...]) -> _Plan:
        key = (language, tuple(id(r) for r in ad_hoc))
        plan = self._plans.get(key)
        if plan is None:
            if len(self._plans) > 16:
                self._plans.clear()
            recognizers = [r for r in [*self.registry.recognizers, *ad_hoc] if r.supported_language == language]
            plain = all(getattr(r.enhance_using_context, "__func__", None) is _UNCHANGED for r in recognizers)
            plan = self._plans[key] = _Plan(recognizers, ad_hoc, plain, {r.id: r.score_thresholds for r in recognizers})
        return plan

    def get_supported_entities(self, language: str | None = None) -> list[str]:
        if language not in self._entities:
            self._entities[language] = super().get_supported_entities(language)
        return list(self._entities[language])

    def _enhance_using_context(
        self, text: str, raw_results: list[Any], nlp_artifacts: Any, recognizers: list[Any], context: list[str] | None = None
    ) -> list[Any]:
        if any(getattr(r.enhance_using_context, "__func__", None) is not _UNCHANGED for r in recognizers):
            return super()._enhance_using_context(text, raw_results, nlp_artifacts, recognizers, context)
        return self.context_aware_enhancer.enhance_using_context(
            text=text,
            raw_results=_by_recognizer(raw_results, recognizers),
            nlp_artifacts=nlp_artifacts,
            recognizers=recognizers,
            context=context,
        )

    def artifacts(self, texts: Sequence[str], language: str, batch_size: int) -> Iterator[NlpArtifacts]:
        """What ``nlp_engine.process_batch(texts, language, batch_size)`` yields for each text (spaCy engine)."""
        engine = self.nlp_engine
        if not _plain_spacy(engine):  # another engine builds its artifacts its own way
            yield from (nlp for _, nlp in engine.process_batch(list(texts), language, batch_size=batch_size))
            return
        for doc in engine.nlp[language].pipe((str(t) for t in texts), as_tuples=False, batch_size=batch_size, n_process=1):
            entities, scores = engine._get_updated_entities(engine._get_entities(doc), engine._get_scores_for_entities(doc))
            yield LazyArtifacts(entities, doc, engine, language, scores)


def _by_recognizer(results: list[Any], recognizers: list[Any]) -> list[Any]:
    """The results regrouped by recognizer, in the recognizers' order (what Presidio's per-recognizer
    step amounts to when no recognizer changes its results)."""
    by_id: dict[str, list[Any]] = {}
    for result in results:
        by_id.setdefault(result.recognition_metadata[_KEY], []).append(result)
    return [result for recognizer in recognizers for result in by_id.get(recognizer.id, ())]


def _plain_spacy(engine: Any) -> bool:
    from presidio_analyzer.nlp_engine import SpacyNlpEngine

    kind = type(engine)
    return isinstance(engine, SpacyNlpEngine) and all(
        getattr(kind, name) is getattr(SpacyNlpEngine, name) for name in ("process_batch", "_doc_to_nlp_artifact")
    )


class LazyArtifacts(NlpArtifacts):
    """``NlpArtifacts`` whose lemmas, token offsets and keywords are computed when first read."""

    def __init__(self, entities: list[Any], tokens: Any, nlp_engine: Any, language: str, scores: list[float] | None = None) -> None:
        self.entities = entities
        self.tokens = tokens
        self.nlp_engine = nlp_engine
        self.scores = scores if scores else [0.85] * len(entities)
        self._language = language

    @cached_property
    def lemmas(self) -> list[str]:  # type: ignore[override]
        return [token.lemma_ for token in self.tokens]

    @cached_property
    def tokens_indices(self) -> list[int]:  # type: ignore[override]
        return [token.idx for token in self.tokens]

    @cached_property
    def keywords(self) -> list[str]:  # type: ignore[override]
        return self.set_keywords(self.nlp_engine, self.lemmas, self._language)
